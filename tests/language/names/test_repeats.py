"""Every place a text writes a proposed name: whole words only, with any
proclitic before it, the article fused to ل, never inside a known span."""

from __future__ import annotations

import pytest

from newsdossier.language.names.repeats import Spellings
from newsdossier.language.tokens import SpanSet
from newsdossier.models.kinds import EntityType

NAME = ("x", EntityType.PERSON)
FOUND = [
    ("لافروف", "وقال لافروف إن", ["لافروف"]),
    ("لافروف", "التقى ولافروف وبلافروف ووبلافروف", ["لافروف", "لافروف"]),  # و + و is no prefix
    ("لافروف", "اللافروفية ولافروفي", []),  # inside longer words
    ("لافروف", "كلافروف", ["لافروف"]),  # ك is a preposition
    ("لافروف", "سلافروف", []),  # س is no proclitic
    ("الكرملين", "للكرملين وللكرملين والكرملين", ["للكرملين", "للكرملين", "الكرملين"]),
    ("الكرملين", "بالكرملين", ["الكرملين"]),
    ("إسماعيل فهمي", "وزير الخارجية اسماعيل فهمى", ["اسماعيل فهمى"]),  # alef and ya folded
    ("Xi Jinping", "قال xi jinping", ["xi jinping"]),
]


@pytest.mark.parametrize("spelling, text, expected", FOUND)
def test_names_are_found_where_they_are_written(spelling, text, expected):
    found = Spellings({spelling: NAME}).find(text, SpanSet([]))
    assert [text[start:end] for start, end, _ in found] == expected


def test_known_spans_are_left_alone():
    text = "قال لافروف ثم لافروف"
    found = Spellings({"لافروف": NAME}).find(text, SpanSet([(4, 10)]))
    assert [(start, end) for start, end, _ in found] == [(14, 20)]
