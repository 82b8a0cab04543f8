"""Edits of the analyst's YAML: the one change, and every other byte kept."""

from __future__ import annotations

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from newsdossier.inputs.yamledit import append_entry, append_to_list, encoded_like
from newsdossier.models.errors import DossierError

PATH = "dossier/entities.yaml"

# (file, what `alias a NEW` makes of it): every byte but the new item as it was.
ALIASES = [
    pytest.param(
        "# people\n- id: a\n  aliases: []   # a comment\n  wikidata: null\n\n# the end\n",
        "# people\n- id: a\n  aliases: [NEW]   # a comment\n  wikidata: null\n\n# the end\n",
        id="empty-flow-list-with-comment",
    ),
    pytest.param(
        "- {id: a, type: person, aliases: [x]}  # c\n- id: b\n  aliases: []\n",
        "- {id: a, type: person, aliases: [x, NEW]}  # c\n- id: b\n  aliases: []\n",
        id="flow-mapping",
    ),
    pytest.param(
        "- id: a\n  aliases: [x,\n    y]   # c\n  wikidata: ~\n",
        "- id: a\n  aliases: [x,\n    y, NEW]   # c\n  wikidata: ~\n",
        id="flow-list-over-two-lines",
    ),
    pytest.param(
        "- id: a\n  aliases: [\n    x,  # first\n    y,\n  ]\n",
        "- id: a\n  aliases: [\n    x,  # first\n    y, NEW,\n  ]\n",
        id="flow-list-with-comments-and-trailing-comma",
    ),
    pytest.param(
        "- id: a\n  aliases:\n    - x   # first\n    - 'y'\n    # - z, not yet\n  wikidata: null\n",
        "- id: a\n  aliases:\n    - x   # first\n    - 'y'\n    - NEW\n"
        "    # - z, not yet\n  wikidata: null\n",
        id="block-list-indented",
    ),
    pytest.param(
        "- id: a\n  aliases:\n  - x\n- id: b\n  aliases: []\n",
        "- id: a\n  aliases:\n  - x\n  - NEW\n- id: b\n  aliases: []\n",
        id="block-list-not-indented",
    ),
    pytest.param(
        "  - id: b\n    aliases: []\n  - id: a   # offset lists\n    aliases:\n      - x",
        "  - id: b\n    aliases: []\n  - id: a   # offset lists\n    aliases:\n      - x\n      - NEW\n",
        id="block-list-at-end-of-file-without-line-break",
    ),
    pytest.param(
        "- id: a\r\n  aliases:\r\n  - x\r\n  wikidata: null\r\n",
        "- id: a\r\n  aliases:\r\n  - x\r\n  - NEW\r\n  wikidata: null\r\n",
        id="windows-line-ends",
    ),
    pytest.param(
        '- id: a\n  name_ar: "شي"\n  aliases: ["شي جينبينغ"]\n',
        '- id: a\n  name_ar: "شي"\n  aliases: ["شي جينبينغ", NEW]\n',
        id="quoting-kept",
    ),
]


@pytest.mark.parametrize("text, expected", ALIASES)
def test_alias_is_spliced_in_and_nothing_else_changes(text, expected):
    new, aliases, line = append_to_list(text, PATH, "a", "aliases", "NEW", "entity")
    assert new == expected
    assert aliases[-1] == "NEW" and expected.splitlines()[line - 1].lstrip(" -{").startswith(
        ("aliases", "id")
    )


@pytest.mark.parametrize(
    "value, flow, block",
    [
        ("شي, جين", "['شي, جين']", "- شي, جين"),
        ("x\u2028y", '["x\\Ly"]', '- "x\\Ly"'),
        ("x\x85y", '["x\\Ny"]', '- "x\\Ny"'),
        ("a\nb", '["a\\nb"]', '- "a\\nb"'),
        ("null", "['null']", "- 'null'"),
        ("# not a comment", "['# not a comment']", "- '# not a comment'"),
        ("\u202eabc", "[\u202eabc]", "- \u202eabc"),
    ],
)
def test_a_value_yaml_would_misread_is_quoted(value, flow, block):
    new, *_ = append_to_list("- id: a\n  aliases: []\n", PATH, "a", "aliases", value, "entity")
    assert new == f"- id: a\n  aliases: {flow}\n"
    assert yaml.safe_load(new)[0]["aliases"] == [value]
    new, *_ = append_to_list("- id: a\n  aliases:\n  - x\n", PATH, "a", "aliases", value, "entity")
    assert new == f"- id: a\n  aliases:\n  - x\n  {block}\n"
    assert yaml.safe_load(new)[0]["aliases"] == ["x", value]


def test_an_alias_as_last_item_goes_before_the_bracket():
    text = "- id: z\n  aliases: &names [p]\n  extra: &q q\n- id: a\n  aliases: [x, *q]\n"
    new, *_ = append_to_list(text, PATH, "a", "aliases", "NEW", "entity")
    assert new == "- id: z\n  aliases: &names [p]\n  extra: &q q\n- id: a\n  aliases: [x, *q, NEW]\n"


@pytest.mark.parametrize(
    "text, entity, message",
    [
        ("- id: b\n  aliases: []\n", "a", "dossier/entities.yaml: has no entity `a`"),
        ("- id: 12\n  aliases: []\n", "12", "dossier/entities.yaml: has no entity `12`"),
        (
            "- id: a\n  aliases: null\n",
            "a",
            "dossier/entities.yaml:1: entity `a` has no `aliases:` list to add to",
        ),
        ("- id: a\n", "a", "dossier/entities.yaml:1: entity `a` has no `aliases:` list to add to"),
        (
            "- &base {id: b, aliases: [x]}\n- <<: *base\n  id: a\n",
            "a",
            "dossier/entities.yaml:2: the `aliases` of entity `a` come from a merge key (`<<`): "
            "add it by hand",
        ),
        ("{a: 1}\n", "a", "dossier/entities.yaml: has no entity `a`"),
        ("- id: a\n  aliases: [x\n", "a", "dossier/entities.yaml:3: invalid YAML"),
    ],
)
def test_what_cannot_be_edited_is_a_clear_error(text, entity, message):
    with pytest.raises(DossierError) as error:
        append_to_list(text, PATH, entity, "aliases", "NEW", "entity")
    assert str(error.value).startswith(message)


ENTRY = {"id": "new", "aliases": ["س"], "wikidata": None}
ENTRIES = [
    pytest.param("", "# check it\n- id: new\n  aliases:\n  - س\n  wikidata: null\n", id="empty-file"),
    pytest.param(
        "# the gazetteer\n[]\n",
        "# the gazetteer\n\n# check it\n- id: new\n  aliases:\n  - س\n  wikidata: null\n",
        id="empty-flow-list-becomes-a-block-list",
    ),
    pytest.param(
        "- id: a   # one\n  wikidata: ~\n\n# to do: more\n",
        "- id: a   # one\n  wikidata: ~\n\n# to do: more\n\n"
        "# check it\n- id: new\n  aliases:\n  - س\n  wikidata: null\n",
        id="block-list-with-trailing-comment",
    ),
    pytest.param(
        "[{id: a}, {id: b}]  # all\n",
        "[{id: a}, {id: b}, {id: new, aliases: [س], wikidata: null}]  # all\n",
        id="flow-list",
    ),
    pytest.param(
        "  - id: a\n",
        "  - id: a\n\n  # check it\n  - id: new\n    aliases:\n    - س\n    wikidata: null\n",
        id="indented-block-list",
    ),
    pytest.param(
        "- id: a\n...\n",
        "- id: a\n- id: new\n  aliases:\n  - س\n  wikidata: null\n...\n",
        id="document-end-marker",
    ),
]


@pytest.mark.parametrize("text, expected", ENTRIES)
def test_an_entry_is_appended_and_nothing_else_changes(text, expected):
    assert append_entry(text, PATH, ENTRY, ("check it",)) == expected


def test_an_entry_cannot_go_into_a_mapping():
    with pytest.raises(DossierError, match="dossier/entities.yaml:1: must be a list of entries"):
        append_entry("id: a\n", PATH, ENTRY)


def test_the_byte_order_mark_is_kept():
    assert encoded_like("- a\n", b"\xef\xbb\xbf- b\n") == b"\xef\xbb\xbf- a\n"
    assert encoded_like("- a\n", b"- b\n") == b"- a\n"


TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=12)
STYLES = st.sampled_from(["[]", "[x]", "[x,\n    y]", "\n  - x", "\n    - x  # c"])


@settings(max_examples=150, deadline=None)
@given(value=TEXT, style=STYLES)
def test_any_spelling_goes_into_any_list_and_loads_back(value, style):
    text = f"- id: b\n  aliases: []\n- id: a\n  aliases: {style}\n  wikidata: null  # kept\n"
    new, aliases, _ = append_to_list(text, PATH, "a", "aliases", value, "entity")
    assert yaml.safe_load(new)[1]["aliases"] == aliases and aliases[-1] == value
    assert new.endswith("  wikidata: null  # kept\n") and new.startswith("- id: b\n  aliases: []\n- id: a\n")
