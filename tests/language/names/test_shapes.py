"""The shapes of words as far as names go (`language/names/shapes.py`)."""

from __future__ import annotations

import pytest

from newsdossier.language.names.shapes import PRONOUN_PHRASE

PHRASES = [
    ("لصالحه", True),  # for his benefit
    ("بشأنها", True),  # about it
    ("لدعمهم", True),  # to support them
    ("بحضورنا", True),
    ("لورينا", True),  # the shape alone: `combine.edge_word` asks the model's chance too
    ("كرئيسه", False),  # not after ك
    ("لصالحك", False),  # not with the one-letter pronouns
    ("بلادي", False),
    ("لها", False),  # a preposition and a pronoun alone: a function word, not this shape
    ("ماريا", False),
]


@pytest.mark.parametrize("written, phrase", PHRASES)
def test_a_preposition_noun_and_pronoun(written, phrase):
    assert bool(PRONOUN_PHRASE.match(written)) is phrase
