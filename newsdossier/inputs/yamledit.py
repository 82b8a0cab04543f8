"""Edits of the analyst's YAML files that keep every byte they do not change.

`add`, `accept` and `alias` add one thing to a file the analyst writes by
hand: an entry at the end of a list file, a spelling at the end of an
entity's `aliases`. The file is parsed (the YAML library's node tree gives
the exact place of every value, and whether a list is written in block or
flow style), and the new text is put in at that one place: the emitter
writes the new value, in the style of the list it joins (a `- ` line at
the list's indentation, or `, value` before a flow list's `]`, on one line
or several). Comments, blank lines, key order, quoting, `null` or `~`,
anchors, line ends and a byte-order mark stay as the analyst wrote them.

A round-trip library re-emits the whole file instead (ruamel.yaml writes
every `null` as an empty value, re-indents nested lists, joins a flow list
written over several lines, and folds a line separator in a new value into
a space): that is why the edit is a splice. Every edit is checked before it
is returned: the new text must load, and load as the old data plus exactly
the one change; otherwise nothing is written.
"""

from __future__ import annotations

from typing import Any, NamedTuple

import yaml

from ..models.errors import DossierError
from ..models.inputs import SourceFile
from .yamlfile import comment, dump_item, load_yaml, load_yaml_tree

_TEXT = "tag:yaml.org,2002:str"
BLOCK_LIST_NEEDED = "must be a list of entries (one `- ` entry per item) to add to it"


def append_entry(text: str, path: str, entry: dict, notes: tuple[str, ...] = ()) -> str:
    """`text`, a list file (or an empty one), with `entry` as its last
    item; in a block list, `notes` are comment lines above it."""
    node, before = _tree(text, path)
    if node is None or (isinstance(node, yaml.SequenceNode) and node.flow_style and not node.value):
        if node is not None:  # `[]`: the list becomes a block list (the comments around it stay)
            text = text[: node.start_mark.index] + text[node.end_mark.index :]
        new = _append_at_end(text, "", 0, entry, notes)
    elif not isinstance(node, yaml.SequenceNode):
        raise DossierError(path, node.start_mark.line + 1, BLOCK_LIST_NEEDED)
    elif node.flow_style:
        new = _append_to_flow(text, node, entry)
    elif _only_comments_after(text, node):
        new = _append_at_end(text, _newline(text), node.start_mark.column, entry, notes)
    else:
        new = _append_to_block(text, node, entry)
    del node  # the tree is done with: not held while the new text is read
    return _checked(new, path, (before or []) + [entry], "the new entry")


class Appended(NamedTuple):
    text: str  # the whole file, with the new item
    items: list  # the list as it now is
    line: int  # the line of the list's key


def append_to_list(text: str, path: str, entry_id: str, key: str, value: Any, what: str) -> Appended:
    """`text` with `value` added at the end of the list `key` of the entry
    whose `id` is `entry_id` (`what` names such an entry in messages)."""
    node, before = _tree(text, path)
    entry = _entry_node(node, entry_id)
    if entry is None:
        raise DossierError(path, None, f"has no {what} `{entry_id}`")
    line = entry.start_mark.line + 1
    value_node = next((v for k, v in entry.value if isinstance(k, yaml.ScalarNode) and k.value == key), None)
    if value_node is None and any(k.tag == "tag:yaml.org,2002:merge" for k, _ in entry.value):
        raise DossierError(
            path, line, f"the `{key}` of {what} `{entry_id}` come from a merge key (`<<`): add it by hand"
        )
    if not isinstance(value_node, yaml.SequenceNode):
        raise DossierError(path, line, f"{what} `{entry_id}` has no `{key}:` list to add to")
    if value_node.flow_style:
        new = _append_to_flow(text, value_node, value)
    else:
        new = _append_to_block(text, value_node, value)
    line = next(k for k, _ in entry.value if k.value == key).start_mark.line + 1
    del node, entry, value_node  # the tree is done with: not held while the new text is read
    # `before` is this call's own copy of the data: it becomes the data expected.
    items = next(e for e in before if isinstance(e, dict) and e.get("id") == entry_id)[key]
    items.append(value)
    return Appended(_checked(new, path, before, f"the new `{key}` item"), list(items), line)


# ------------------------------------------------------------------ places


def _tree(text: str, path: str) -> tuple[yaml.Node | None, Any]:
    """The file's node tree and data, with the reader's checks and messages."""
    return load_yaml_tree(SourceFile(path, text.encode("utf-8")))


def _entry_node(node: yaml.Node | None, entry_id: str) -> yaml.MappingNode | None:
    """The first mapping of the top-level list with that `id`."""
    if not isinstance(node, yaml.SequenceNode):
        return None
    for item in node.value:
        if isinstance(item, yaml.MappingNode):
            for key, value in item.value:
                if (
                    key.value == "id"
                    and isinstance(value, yaml.ScalarNode)
                    and value.tag == _TEXT
                    and value.value == entry_id
                ):
                    return item
    return None


def _newline(text: str) -> str:
    return "\r\n" if "\r\n" in text else "\n"


def _inside(node: yaml.Node, index: int) -> bool:
    """An item's place is its own only when it lies inside its list: an
    alias (`*name`) carries the place of the value it names."""
    return node.start_mark.index <= index <= node.end_mark.index


def _only_comments_after(text: str, node: yaml.Node) -> bool:
    rest = text[node.end_mark.index :]
    return all(not line.strip() or line.lstrip().startswith("#") for line in rest.splitlines())


# ------------------------------------------------------------------ splices


def _append_to_flow(text: str, node: yaml.SequenceNode, value: Any) -> str:
    """`, value` after the last item of a flow list (before any comment or
    line break that follows it); `value` alone into an empty one."""
    written = _flow_value(value)
    if not node.value:
        at = node.start_mark.index + 1
        return text[:at] + written + text[at:]
    at = node.value[-1].end_mark.index
    if not _inside(node, at):  # the last item is an alias: just before the closing bracket
        at = node.end_mark.index - 1
    return text[:at] + ", " + written + text[at:]


def _append_to_block(text: str, node: yaml.SequenceNode, value: Any) -> str:
    """A `- value` line after the last item of a block list, at the
    list's indentation (before the comments and blank lines after it)."""
    newline = _newline(text)
    last = node.value[-1]
    end = last.end_mark.index if _inside(node, last.end_mark.index) else node.end_mark.index
    if end > 0 and text[end - 1] not in "\r\n":  # the item ends inside a line: after that line
        line_end = text.find("\n", end)
        if line_end == -1:
            text, line_end = text + newline, len(text) + len(newline) - 1
        end = line_end + 1
    return text[:end] + _indented(dump_item(value), node.start_mark.column, newline) + text[end:]


def _append_at_end(text: str, newline: str, column: int, entry: dict, notes: tuple[str, ...]) -> str:
    """The entry after everything in the file (comments included), a blank
    line before it, its notes as comments above it."""
    newline = newline or _newline(text)
    block = "".join(comment(n) + "\n" for n in notes) + dump_item(entry)
    kept = text.rstrip("\r\n")
    return kept + (newline * 2 if kept.strip() else "") + _indented(block, column, newline)


def _indented(block: str, column: int, newline: str) -> str:
    return "".join(" " * column + line + newline for line in block.splitlines())


def _flow_value(value: Any) -> str:
    """`value` as one item of a flow list: the emitter's `[value]` without
    the brackets."""
    return dump_item(value, flow=True).strip()[1:-1]


def _checked(new: str, path: str, expected: Any, what: str) -> str:
    """`new` if it loads as `expected`: the old data and the one change."""
    try:
        loaded = load_yaml(SourceFile(path, new.encode("utf-8")))
    except DossierError as error:
        raise DossierError(
            path, error.line, f"adding {what} would break this file ({error.message}); nothing was written"
        ) from None
    if loaded != expected:
        raise DossierError(
            path,
            None,
            f"adding {what} would change more than {what} (an unusual layout of this file); nothing was "
            "written: add it by hand",
        )
    return new


def encoded_like(text: str, original: bytes | None) -> bytes:
    """`text` as the bytes of a file that was `original`: UTF-8, with the
    byte-order mark the original had (the reader drops it from the text)."""
    mark = b"\xef\xbb\xbf" if original and original.startswith(b"\xef\xbb\xbf") else b""
    return mark + text.encode("utf-8")
