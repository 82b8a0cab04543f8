"""YAML with line numbers, for error messages that point at the right line.

PyYAML's plain loaders forget where values came from and silently keep the
last of two equal keys. `load_yaml` composes the node tree and builds
`YamlMap`/`YamlList` values that remember the line of every key and item,
and refuses duplicate keys.
"""

from __future__ import annotations

from typing import Any

import yaml

from ..models.errors import DossierError
from ..models.inputs import SourceFile
from .readers import utf8_text


class YamlMap(dict):
    """A mapping that knows its own line, the line of each key and the line
    each value's text starts on (the line after `key: |` for a block)."""

    line: int
    key_lines: dict[Any, int]
    value_lines: dict[Any, int]


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
        result.value_lines = {}
        for key_node, value_node in node.value:
            key = _convert(loader, key_node, path)
            key_line = key_node.start_mark.line + 1
            if not isinstance(key, (str, int)):
                raise DossierError(path, key_line, f"a key must be text or a number, not {type(key).__name__}")
            if key in result:
                raise DossierError(path, key_line, f"duplicate key `{key}` (first at line {result.key_lines[key]})")
            result[key] = _convert(loader, value_node, path)
            result.key_lines[key] = key_line
            block = isinstance(value_node, yaml.ScalarNode) and value_node.style in ("|", ">")
            result.value_lines[key] = value_node.start_mark.line + 1 + (1 if block else 0)
        return result
    if isinstance(node, yaml.SequenceNode):
        result = YamlList(_convert(loader, item, path) for item in node.value)
        result.line = node.start_mark.line + 1
        result.item_lines = [item.start_mark.line + 1 for item in node.value]
        return result
    return loader.construct_object(node, deep=True)


# ------------------------------------------------------------------ writing


def comment(text: str, indent: int = 0) -> str:
    """`text` as one YAML comment line. A comment ends at a line break, and
    YAML counts NEL and the Unicode line and paragraph separators as breaks
    too: every kind of break becomes a space."""
    return "#" + " " * (1 + indent) + " ".join(text.translate({0x85: " ", 0x2028: " ", 0x2029: " "}).split())


def dump_list_item(entry: dict) -> str:
    """One mapping as a block-list item, written by the YAML emitter (never
    by pasting strings), in the key order given."""
    return yaml.safe_dump([entry], allow_unicode=True, sort_keys=False, default_flow_style=False, width=10**6)
