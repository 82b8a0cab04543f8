"""Notes: loaded from their folders, their wiki links found by the Markdown
parser (never inside code, however it is fenced), with their lines."""

from __future__ import annotations

import pytest

from newsdossier.inputs.notes import wiki_links
from newsdossier.models.curation import WikiLink

LINKS = [
    # (markdown, expected links as (target, label, line))
    ("[[xi-jinping]]", [("xi-jinping", None, 1)]),
    ("[[xi-jinping|الرئيس الصيني]]", [("xi-jinping", "الرئيس الصيني", 1)]),
    ("سطر\n\nعن [[شي]] و[[بايدن]].\n", [("شي", None, 3), ("بايدن", None, 3)]),
    ("فقرة\nمن سطرين [[شي]]", [("شي", None, 2)]),
    ("- بند\n- بند [[الصين]]", [("الصين", None, 2)]),
    ("> اقتباس [[روسيا]]", [("روسيا", None, 1)]),
    ("نص[^1]\n\n[^1]: حاشية عن [[بوتين]].", [("بوتين", None, 3)]),
    ("[رابط فيه [[بوتين]]](https://example.org)", [("بوتين", None, 1)]),
    # Code of every kind: never a link.
    ("```\n[[not-an-entity]]\n```\n", []),
    ("~~~~\n[[not-an-entity]]\n~~~~\n", []),
    ("````\n```\n[[not-an-entity]]\n````\n", []),  # a fence closed only by its own length
    ("    [[indented-code]]\n", []),
    ("`[[inline-code]]`", []),
    ("```\nopen fence to the end\n\n[[still-code]]", []),
]


@pytest.mark.parametrize("markdown, expected", LINKS, ids=[m[:30] for m, _ in LINKS])
def test_wiki_links_are_found_where_markdown_renders_them(markdown, expected):
    assert wiki_links(markdown) == tuple(WikiLink(*link) for link in expected)


def test_lines_count_from_where_the_markdown_starts():
    assert wiki_links("سطر\n[[شي]]", first_line=7) == (WikiLink("شي", None, 8),)
