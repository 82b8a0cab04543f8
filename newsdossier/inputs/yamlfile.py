"""YAML with line numbers, for error messages that point at the right line.

PyYAML's plain loaders forget where values came from and silently keep the
last of two equal keys. `load_yaml` composes the node tree and builds
`YamlMap`/`YamlList` values that remember the line of every key and item,
and refuses duplicate keys. Merge keys (``<<: *defaults``) work as YAML
says: explicit keys win, and are not duplicates of merged ones.

Anything far beyond a real dossier is refused with its line before it can
cost much: a file over its size limit (`max_bytes`: a few megabytes for
the settings and summits, more for the two that grow with the dossier, the
gazetteer (a Wikidata export of 100,000 entities is about 14 MB) and the
articles' list), nesting deeper than `MAX_DEPTH` (libyaml itself stops at
1,000 levels, before its recursive composer could exhaust the stack; the
converter stops at `MAX_DEPTH`), more than
`MAX_REPEATED_VALUES` values repeated through aliases (a few hundred bytes
of aliases can stand for billions of values; values written out cost
their bytes, and the size limit bounds them), and an alias inside the
value it names.

A list file the dossier grows (articles.yaml, entities.yaml) can also be
read item by item (`split_items`, `load_item`), so that the curation stage
reads again only the items whose text changed (`curation.RecordMemo`): only
a plain block list qualifies (each item a `- ` at the start of a line;
nothing else there but comments), and an item is read alone only when it
means alone what it means in the file (no alias to a list or mapping, none
to another item: that is a parse error alone). Anything else, or any
problem, and the whole file is read as above, for the same value or the
same first error.
"""

from __future__ import annotations

import gc
import re
from typing import Any

import yaml

from ..models.errors import DossierError
from ..models.inputs import SourceFile
from .readers import utf8_text

MAX_BYTES = 5_000_000
# The files that grow with the dossier: a gazetteer of 100,000 entities from
# Wikidata is about 14 MB, a list of 100,000 articles about 30 MB.
LARGER_FILES = {"dossier/entities.yaml": 64_000_000, "dossier/articles.yaml": 64_000_000}
MAX_DEPTH = 32
MAX_REPEATED_VALUES = 200_000
TOO_DEEP = f"nested more than {MAX_DEPTH} levels deep: a dossier file is a list of flat records"

MERGE_TAG = "tag:yaml.org,2002:merge"
_TEXT = "tag:yaml.org,2002:str"
# libyaml's loader when PyYAML has it: same nodes and marks, much faster.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


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


def max_bytes(path: str) -> int:
    return LARGER_FILES.get(path, MAX_BYTES)


def load_yaml(source: SourceFile) -> Any:
    """The file's data, with the line of every key and item (see the module
    docstring)."""
    return load_yaml_tree(source)[1]


def load_yaml_tree(source: SourceFile) -> tuple[yaml.Node | None, Any]:
    """The file's node tree (the exact place of every value in the text)
    and its data, from one reading."""
    limit = max_bytes(source.path)
    if len(source.data) > limit:
        what = "this file" if source.path in LARGER_FILES else "a dossier file"
        raise DossierError(
            source.path,
            None,
            f"is {len(source.data) / 1e6:.1f} MB; {what} may be at most {limit / 1e6:.0f} MB",
        )
    return _parse(source.path, utf8_text(source))


def _parse(path: str, text: str, aliased: list[int] | None = None) -> tuple[yaml.Node | None, Any]:
    """`text`'s node tree and value; `aliased` gets how many lists and
    mappings its aliases copied. Every problem is one `DossierError`."""
    collecting = gc.isenabled()
    gc.disable()  # a node tree has no cycles: the collector would walk it again and again for nothing
    try:
        loader = _LOADER(text)
        try:
            node = loader.get_single_node()
            converter = _Converter(loader, path)
            value = None if node is None else converter.convert(node)
            if aliased is not None:
                aliased.append(converter.copies)
            return node, value
        finally:
            loader.dispose()
    except RecursionError:  # the pure-Python composer, where libyaml is missing
        raise DossierError(path, None, TOO_DEEP) from None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        problem = error.problem or error.context or "cannot be read"
        if "nesting" in problem or "depth" in problem:  # libyaml's own limit, 1,000 levels: our message
            raise DossierError(path, mark.line + 1 if mark else None, TOO_DEEP) from None
        # PyYAML's wording ("expected <block end>") is about indentation most of the time.
        raise DossierError(
            path,
            mark.line + 1 if mark else None,
            f"invalid YAML (check the indentation and quotes): {problem}",
        ) from None
    except yaml.reader.ReaderError as error:
        line = text[: error.position].count("\n") + 1
        raise DossierError(
            path,
            line,
            f"contains the character U+{error.character:04X}, which YAML does not allow: remove it",
        ) from None
    except yaml.YAMLError as error:
        raise DossierError(path, None, f"invalid YAML: {error}") from None
    finally:
        if collecting:
            gc.enable()


# Line breaks to YAML besides "\n" (CR, NEL, the Unicode line and paragraph
# separators): a file holding one is read whole, its lines counted by YAML.
_OTHER_BREAKS = re.compile("[\r\x85\u2028\u2029]")


def split_items(source: SourceFile, after: int = 0, line: int = 1) -> list[tuple[int, str]] | None:
    """A plain block list's items as (first line, text), in order: each from
    its `- ` at the start of a line to the next one (comments and blank
    lines with the item before); None for anything else (a file too large,
    not UTF-8, other line breaks, anything but items and comments at the
    start of a line, no item at all), which is read whole. `after`: only the
    items after the file's first `after` bytes (which end a line, `line`
    the one after them): none when nothing follows, None too when what
    follows does not start with an item (it would belong to the item before)."""
    if len(source.data) > max_bytes(source.path):
        return None
    try:
        text = source.data[after:].decode("utf-8") if after else utf8_text(source)
    except (DossierError, UnicodeDecodeError):
        return None
    if _OTHER_BREAKS.search(text) or _NOT_AN_ITEM.search(text):
        return None
    # Found by regular expressions and sliced, not line by line in Python:
    # the file is split at every build (2 MB at 10,000 articles).
    starts = [match.start() for match in _ITEM.finditer(text)]
    if not starts or (after and starts[0] != 0):
        return [] if after and not text else None
    items: list[tuple[int, str]] = []
    counted = 0
    for start, end in zip(starts, [*starts[1:], len(text)]):
        line += text.count("\n", counted, start)
        counted = start
        items.append((line, text[start:end]))
    return items


# An item's first line (`-` alone or before a space), and a line that is
# neither that, nor inside an item (indented), nor blank, nor a comment.
_ITEM = re.compile(r"^-(?= |$)", re.M)
_NOT_AN_ITEM = re.compile(r"^(?:[^- #\n]|-[^ \n])", re.M)


def load_item(path: str, text: str, first_line: int) -> Any:
    """One item of `split_items`, read alone, its lines those of the file;
    None when it is not exactly one item that means alone what it means in
    the file (a problem, an alias to a list or mapping): the caller reads
    the whole file then."""
    aliased: list[int] = []
    try:
        _, value = _parse(path, text, aliased)
    except DossierError:
        return None
    if aliased != [0] or not isinstance(value, YamlList) or len(value) != 1:
        return None
    _shift(value[0], first_line - 1)
    return value[0]


def _shift(value: Any, lines: int) -> None:
    """Move every line a read value remembers down by `lines`."""
    if isinstance(value, YamlMap):
        value.line += lines
        value.key_lines = {key: line + lines for key, line in value.key_lines.items()}
        value.value_lines = {key: line + lines for key, line in value.value_lines.items()}
        for item in value.values():
            _shift(item, lines)
    elif isinstance(value, YamlList):
        value.line += lines
        value.item_lines = [line + lines for line in value.item_lines]
        for item in value:
            _shift(item, lines)


class _Converter:
    """Nodes to values, counting the values that aliases repeat, and refusing
    an alias to a value that contains it.

    The composer gives an alias as the very node it names: a list or
    mapping met a second time is an alias's copy, and every value made
    inside it counts toward `MAX_REPEATED_VALUES`. (A scalar alias repeats
    one value for the few bytes of `*name`: the size limit bounds those.)"""

    def __init__(self, loader, path: str):
        self.loader, self.path = loader, path
        self.repeated = 0  # values made inside an alias's copy
        self.copies = 0  # lists and mappings an alias repeated
        self.copying = 0  # how many aliases' copies are being made (the way down)
        self.seen: set[int] = set()  # ids of the lists and mappings converted so far
        self.open: set[int] = set()  # ids of the nodes being converted (the way down)

    def convert(self, node: yaml.Node) -> Any:
        if self.copying:
            self.repeated += 1
            if self.repeated > MAX_REPEATED_VALUES:
                raise DossierError(
                    self.path,
                    node.start_mark.line + 1,
                    f"its aliases repeat more than {MAX_REPEATED_VALUES:,} values",
                )
        if isinstance(node, yaml.ScalarNode):
            # Text, by far the most common value, as it is: construct_object's
            # bookkeeping for it was a third of the time a 100,000-entity gazetteer took.
            return node.value if node.tag == _TEXT else self._scalar(node)
        if len(self.open) >= MAX_DEPTH:
            raise DossierError(self.path, node.start_mark.line + 1, TOO_DEEP)
        if id(node) in self.open:
            raise DossierError(
                self.path,
                node.start_mark.line + 1,
                "an alias refers to a value that contains it: the value would be endless",
            )
        copy = id(node) in self.seen
        self.seen.add(id(node))
        self.open.add(id(node))
        self.copying += copy
        self.copies += copy
        try:
            return self._mapping(node) if isinstance(node, yaml.MappingNode) else self._sequence(node)
        finally:
            self.open.discard(id(node))
            self.copying -= copy

    def _scalar(self, node: yaml.ScalarNode) -> Any:
        try:
            return self.loader.construct_object(node, deep=True)
        except ValueError:  # 2024-02-30 looks like a date to YAML but is none
            raise DossierError(
                self.path, node.start_mark.line + 1, f"`{node.value}` is not a date that exists"
            ) from None

    def _sequence(self, node: yaml.SequenceNode) -> YamlList:
        result = YamlList(self.convert(item) for item in node.value)
        result.line = node.start_mark.line + 1
        result.item_lines = [item.start_mark.line + 1 for item in node.value]
        return result

    def _mapping(self, node: yaml.MappingNode) -> YamlMap:
        result = YamlMap()
        result.line, result.key_lines, result.value_lines = node.start_mark.line + 1, {}, {}
        merged = []
        for key_node, value_node in node.value:
            if key_node.tag == MERGE_TAG:
                merged.append((key_node.start_mark.line + 1, value_node))
                continue
            key = self.convert(key_node)
            key_line = key_node.start_mark.line + 1
            if not isinstance(key, (str, int)) or isinstance(key, bool):
                raise DossierError(
                    self.path, key_line, f"a key must be text or a number, not {type(key).__name__}"
                )
            if key in result:
                raise DossierError(
                    self.path, key_line, f"duplicate key `{key}` (first at line {result.key_lines[key]})"
                )
            result[key] = self.convert(value_node)
            result.key_lines[key] = key_line
            block = isinstance(value_node, yaml.ScalarNode) and value_node.style in ("|", ">")
            result.value_lines[key] = value_node.start_mark.line + 1 + (1 if block else 0)
        for line, value_node in merged:
            self._merge(result, line, value_node)
        return result

    def _merge(self, result: YamlMap, line: int, value_node: yaml.Node) -> None:
        """`<<: *a` or `<<: [*a, *b]`: keys not given explicitly, the first
        source winning, as the YAML merge key says."""
        sources = value_node.value if isinstance(value_node, yaml.SequenceNode) else [value_node]
        for source in sources:
            if not isinstance(source, yaml.MappingNode):
                raise DossierError(
                    self.path,
                    line,
                    "`<<` merges mappings only: give it an alias of a mapping, or a list of them",
                )
            for key, value in self.convert(source).items():
                if key not in result:
                    result[key], result.key_lines[key], result.value_lines[key] = value, line, line


# ------------------------------------------------------------------ writing


# What YAML does not allow in a file at all (it allows them escaped in
# quoted values only): control characters, surrogates, U+FFFE and U+FFFF.
_NOT_YAML = re.compile("[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def comment(text: str, indent: int = 0) -> str:
    """`text` as one YAML comment line. A comment ends at a line break, and
    YAML counts NEL and the Unicode line and paragraph separators as breaks
    too: every kind of break becomes a space, and what YAML does not allow
    in a file is left out."""
    text = _NOT_YAML.sub("", text).translate({0x85: " ", 0x2028: " ", 0x2029: " "})
    return "#" + " " * (1 + indent) + " ".join(text.split())


class _Dumper(yaml.SafeDumper):
    """Text holding a line break of any kind (NEL, U+2028 and U+2029 are
    breaks to YAML too) is written double-quoted, escaped, on one line:
    PyYAML would fold NEL and the separators, and a value on one line can
    be indented or put into a flow list as it is."""


_BREAKS = "\n\r\x85\u2028\u2029"
_Dumper.add_representer(
    str,
    lambda dumper, value: dumper.represent_scalar(
        "tag:yaml.org,2002:str", value, style='"' if any(c in value for c in _BREAKS) else None
    ),
)


def dump_item(value: Any, flow: bool = False) -> str:
    """`value` as the one item of a list, written by the YAML emitter (never
    by pasting strings), mappings in the key order given: `- value` lines,
    or `[value]` in flow style."""
    return yaml.dump(
        [value], Dumper=_Dumper, allow_unicode=True, sort_keys=False, default_flow_style=flow, width=10**6
    )


def dump_list_item(entry: dict) -> str:
    """One mapping as a block-list item (see `dump_item`)."""
    return dump_item(entry)
