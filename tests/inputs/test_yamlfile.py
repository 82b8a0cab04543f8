"""YAML with line numbers: merge keys as YAML means them, and every limit
(size, depth, expansion, recursion) a clear error at its line. Hypothesis
fuzzes the loader: whatever the text, it returns or reports, in bounded time."""

from __future__ import annotations

import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsdossier.inputs.yamlfile import MAX_BYTES, comment, dump_list_item, load_yaml
from newsdossier.models.errors import DossierError
from newsdossier.models.inputs import SourceFile


def load(text: str):
    return load_yaml(SourceFile("dossier/x.yaml", text.encode("utf-8")))


MERGES = [
    ("base: &b {x: 1, y: 2}\nitem:\n  <<: *b\n  y: 3\n", {"x": 1, "y": 3}),
    ("a: &a {x: 1}\nb: &b {x: 2, z: 2}\nitem:\n  <<: [*a, *b]\n", {"x": 1, "z": 2}),
    ("a: &a {x: 1}\nitem:\n  y: 0\n  <<: *a\n", {"y": 0, "x": 1}),
]


@pytest.mark.parametrize("text, item", MERGES)
def test_merge_keys_give_defaults_and_explicit_keys_win(text, item):
    value = load(text)["item"]
    assert value == item
    assert value.key_lines["y" if "y" in item else "x"] >= 3


LIMITS = [
    (
        "a: &a [1, *a]\n",
        "dossier/x.yaml:1: an alias refers to a value that contains it: the value would be endless",
    ),
    (
        "a: &a {b: *a}\n",
        "dossier/x.yaml:1: an alias refers to a value that contains it: the value would be endless",
    ),
    (
        "a: " + "[" * 40 + "]" * 40,
        "dossier/x.yaml:1: nested more than 32 levels deep: a dossier file is a list of flat records",
    ),
    (
        "a: " + "[" * 100_000,
        "dossier/x.yaml:1: nested more than 32 levels deep: a dossier file is a list of flat records",
    ),
    (
        "- " * 5_000 + "x\n",
        "dossier/x.yaml:1: nested more than 32 levels deep: a dossier file is a list of flat records",
    ),
    (
        "".join(f"{'  ' * i}k{i}:\n" for i in range(40)),
        "dossier/x.yaml:33: nested more than 32 levels deep: a dossier file is a list of flat records",
    ),
    ("a: 2023-02-29\n", "dossier/x.yaml:1: `2023-02-29` is not a date that exists"),
    ("a: 1\na: 2\n", "dossier/x.yaml:2: duplicate key `a` (first at line 1)"),
    ("? [1, 2]\n: x\n", "dossier/x.yaml:1: a key must be text or a number, not YamlList"),
    (
        "item:\n  <<: [1, 2]\n",
        "dossier/x.yaml:2: `<<` merges mappings only: give it an alias of a mapping, or a list of them",
    ),
]


@pytest.mark.parametrize("text, message", LIMITS, ids=[m.split(": ", 1)[1][:30] for _, m in LIMITS])
def test_limits_are_errors_at_their_line(text, message):
    with pytest.raises(DossierError) as error:
        load(text)
    assert str(error.value) == message


def test_the_yaml_librarys_own_depth_limit_gives_our_message():
    """Whichever limit answers first, ours or libyaml's (1,000 levels), the
    analyst reads the same message at the line."""
    for text in ("a: " + "[" * 1_000 + "]" * 1_000, "- " * 1_000 + "x\n", "x:\n  " + "- " * 2_000 + "x\n"):
        with pytest.raises(DossierError) as error:
            load(text)
        assert str(error.value).endswith(
            ": nested more than 32 levels deep: a dossier file is a list of flat records"
        )


def test_an_alias_bomb_is_stopped_early():
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 10)]
    started = time.process_time()
    with pytest.raises(DossierError, match="its aliases repeat more than 200,000 values"):
        load("\n".join(lines) + "\n")
    assert time.process_time() - started < 5


def test_a_file_over_the_limit_is_an_error():
    with pytest.raises(DossierError, match="a dossier file may be at most 5 MB"):
        load_yaml(SourceFile("dossier/x.yaml", b"# " + b"x" * MAX_BYTES))
    big = b"# " + b"x" * MAX_BYTES  # the gazetteer may be larger: it grows with the dossier
    assert load_yaml(SourceFile("dossier/entities.yaml", big)) is None
    with pytest.raises(DossierError, match="this file may be at most 64 MB"):
        load_yaml(SourceFile("dossier/entities.yaml", b"# " + b"x" * 64_000_000))


def test_many_values_written_out_are_not_an_alias_bomb():
    entries = "".join(f"- {{id: e{i}, aliases: [a, b, c], n: {i}}}\n" for i in range(60_000))
    assert len(load(entries)) == 60_000  # 360,000 values, none repeated by an alias
    shared = "base: &b [1, 2, 3]\n" + "".join(f"k{i}: *b\n" for i in range(1_000))
    assert len(load(shared)) == 1_001  # 3,000 repeated: well within the limit


PIECES = st.sampled_from(
    [
        "a",
        "b",
        "بوتين",
        ": ",
        "- ",
        "\n",
        "  ",
        "&x ",
        "*x",
        "&y ",
        "*y",
        "<<: ",
        "[",
        "]",
        "{",
        "}",
        ", ",
        '"',
        "'",
        "|",
        ">",
        "? ",
        "!!str ",
        "!!python/object:os.system ",
        "2024-02-30",
        "%YAML 1.1\n",
        "---\n",
        "...\n",
        "#",
        "\t",
        "\\x00",
        "\u2028",
    ]
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(PIECES, max_size=200))
def test_any_text_is_loaded_or_reported_in_bounded_time(pieces):
    started = time.process_time()
    try:
        load("".join(pieces))
    except DossierError as error:
        assert error.path == "dossier/x.yaml" and error.message
    assert time.process_time() - started < 2


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=200))
def test_written_comments_and_entries_load_back_as_written(value):
    text = comment(value) + "\n" + dump_list_item({"id": "x", "name_ar": value})
    loaded = load(text)
    assert loaded == [{"id": "x", "name_ar": value}]


# ------------------------------------------------------------ item by item


def source(text: str) -> SourceFile:
    return SourceFile("dossier/articles.yaml", text.encode("utf-8"))


SPLITS = [
    ("- id: a\n  x: 1\n- id: b\n", [(1, "- id: a\n  x: 1\n"), (3, "- id: b\n")]),
    ("# head\n\n- id: a\n# about b\n-\n  id: b", [(3, "- id: a\n# about b\n"), (5, "-\n  id: b")]),
    ("- [a, b]\n- plain\n", [(1, "- [a, b]\n"), (2, "- plain\n")]),
]
NOT_SPLIT = [
    "",  # nothing
    "# only a comment\n",
    "id: a\n",  # a mapping
    "---\n- id: a\n",  # a document marker
    "%YAML 1.1\n---\n- id: a\n",  # a directive
    "- id: a\r\n- id: b\r\n",  # other line breaks: YAML counts lines its own way
    "- id: a\n- title: x\u2028y\n",
    "-id: a\n",  # a plain value, not an item
    "\t- id: a\n",
]


@pytest.mark.parametrize("text, items", SPLITS)
def test_a_plain_list_splits_into_its_items(text, items):
    from newsdossier.inputs.yamlfile import split_items

    assert split_items(source(text)) == items


@pytest.mark.parametrize("text", NOT_SPLIT)
def test_anything_else_is_read_whole(text):
    from newsdossier.inputs.yamlfile import split_items

    assert split_items(source(text)) is None


FILES = [
    "- id: a\n  based_on: [x, y]\n  roles:\n    - title: t\n      from: 2020-01-01\n"
    "# c\n- id: b\n  name: n\n",
    "# head\n- id: a\n  text: |\n    two\n    lines\n\n- id: b\n  s: &s scalar\n  t: *s\n",
    '- id: a\n  text: "quoted\n    on two lines"\n- {id: b, x: 1}\n',
]


@pytest.mark.parametrize("text", FILES)
def test_items_read_alone_are_the_files_items_with_their_lines(text):
    from newsdossier.inputs.yamlfile import load_item, split_items

    whole = load(text)
    alone = [load_item("dossier/articles.yaml", part, line) for line, part in split_items(source(text))]
    assert alone == list(whole)

    def lines(value):
        if isinstance(value, dict):
            return (value.line, value.key_lines, value.value_lines, [lines(v) for v in value.values()])
        if isinstance(value, list):
            return (value.line, value.item_lines, [lines(v) for v in value])
        return None

    assert [lines(v) for v in alone] == [lines(v) for v in whole]


NOT_ALONE = [
    ("- id: b\n  x: *a\n", 5),  # an alias to another item's anchor
    ("- base: &b {x: 1}\n  item:\n    <<: *b\n", 1),  # an alias copies a mapping: counted only whole
    ('- id: a\n  text: "open\n', 1),  # a quotation the next item would close
    ("- id: a\n- id: b\n", 1),  # two items
    ("- id: a\n  id: b\n", 1),  # a problem: the whole file reports it
]


@pytest.mark.parametrize("text, line", NOT_ALONE)
def test_an_item_that_does_not_mean_alone_what_it_means_in_the_file_is_not_read_alone(text, line):
    from newsdossier.inputs.yamlfile import load_item

    assert load_item("dossier/articles.yaml", text, line) is None


def _split_line_by_line(text: str):
    """The split as it was written first, line by line: the reference the
    regular expressions must agree with."""
    items, lines, start = [], text.split("\n"), None
    for number, line in enumerate(lines):
        if line[:1] == "-" and line[1:2] in ("", " "):
            if start is not None:
                items.append((start + 1, "\n".join(lines[start:number]) + "\n"))
            start = number
        elif line[:1] not in ("", " ", "#"):
            return None
    if start is None:
        return None
    items.append((start + 1, "\n".join(lines[start:])))
    return items


def test_the_split_agrees_with_reading_line_by_line():
    import random

    from newsdossier.inputs.yamlfile import split_items

    pieces = ["- id: a", "-", "- ", "  x: 1", "  - y", "#c", "# c", "", " ", "-x", "a: 1", "--", "- -", "\t"]
    rng = random.Random(5)
    for _ in range(3000):
        text = "\n".join(rng.choice(pieces) for _ in range(rng.randrange(0, 7)))
        text += rng.choice(["", "\n", "\n\n"])
        assert split_items(source(text)) == _split_line_by_line(text), repr(text)
