"""YAML with line numbers, for error messages that point at the right line.

PyYAML's plain loaders forget where values came from and silently keep the
last of two equal keys. `load_yaml` composes the node tree and builds
`YamlMap`/`YamlList` values that remember the line of every key and item,
and refuses duplicate keys.
"""

from __future__ import annotations

from typing import Any

import yaml

from .errors import DossierError
from .models import SourceFile
from .sources import utf8_text


class YamlMap(dict):
    """A mapping that knows its own line and the line of each key."""

    line: int
    key_lines: dict[Any, int]


class YamlList(list):
    """A sequence that knows its own line and the line of each item."""

    line: int
    item_lines: list[int]


def load_yaml(source: SourceFile) -> Any:
    text = utf8_text(source)
    # libyaml's parser when PyYAML has it: same nodes and marks, much faster.
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)(text)
    try:
        node = loader.get_single_node()
        return None if node is None else _convert(loader, node, source.path)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        problem = error.problem or error.context or "cannot be read"
        # PyYAML's wording ("expected <block end>") is about indentation most of the time.
        raise DossierError(source.path, mark.line + 1 if mark else None, f"invalid YAML (check the indentation and quotes): {problem}") from None
    except yaml.YAMLError as error:
        raise DossierError(source.path, None, f"invalid YAML: {error}") from None
    finally:
        loader.dispose()


def _convert(loader: yaml.SafeLoader, node: yaml.Node, path: str) -> Any:
    if isinstance(node, yaml.MappingNode):
        loader.flatten_mapping(node)  # resolve << merge keys
        result = YamlMap()
        result.line = node.start_mark.line + 1
        result.key_lines = {}
        for key_node, value_node in node.value:
            key = _convert(loader, key_node, path)
            key_line = key_node.start_mark.line + 1
            if not isinstance(key, (str, int)):
                raise DossierError(path, key_line, f"a key must be text or a number, not {type(key).__name__}")
            if key in result:
                raise DossierError(path, key_line, f"duplicate key `{key}` (first at line {result.key_lines[key]})")
            result[key] = _convert(loader, value_node, path)
            result.key_lines[key] = key_line
        return result
    if isinstance(node, yaml.SequenceNode):
        result = YamlList(_convert(loader, item, path) for item in node.value)
        result.line = node.start_mark.line + 1
        result.item_lines = [item.start_mark.line + 1 for item in node.value]
        return result
    return loader.construct_object(node, deep=True)
