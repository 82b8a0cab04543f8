"""Which written forms are one proposed name: the family-name rule, parts of
a person's longest form, a proclitic read off; the form without proclitics."""

from __future__ import annotations

import pytest

from newsdossier.language.names.forms import base_spelling, family_name, family_names, name_groups
from newsdossier.language.normalize import match_key, name_key

FAMILY = [
    ("سيرغي لافروف", "لافروف"),
    ("عبد الفتاح البرهان", "البرهان"),
    ("محمد شياع السوداني", "السوداني"),
    ("لافروف", None),  # one word: no family name of a longer form
    ("جوزيف عون", None),  # three letters: عون is as often "aid"
    ("عبدالله الثاني", None),  # an ordinal
    ("محمد بن زايد آل نهيان", None),  # after a particle of a compound name
    ("مرهف أبو قصرة", None),
    ("محمد صلاح", "صلاح"),
]


@pytest.mark.parametrize("name, family", FAMILY)
def test_the_family_name_rule(name, family):
    assert family_name(name_key(name)) == (match_key(family) if family else None)


def test_a_family_name_counts_only_for_the_one_person_with_it():
    persons = [match_key(p) for p in ("سيرغي لافروف", "أناتولي لافروف", "عبد الفتاح البرهان")]
    assert family_names(persons) == {match_key("البرهان"): match_key("عبد الفتاح البرهان")}


GROUPS = [
    # (keys proposed, persons among them, {key: group})
    (["قيس سعيد", "لقيس سعيد", "سعيد"], ["قيس سعيد"], {"لقيس سعيد": "قيس سعيد", "سعيد": "قيس سعيد"}),
    (
        ["عبد الفتاح", "عبد الفتاح البرهان", "البرهان"],
        ["عبد الفتاح البرهان"],
        {"عبد الفتاح": "عبد الفتاح البرهان"},
    ),
    (["الصين", "للصين", "وبكين", "بكين"], [], {"للصين": "الصين", "وبكين": "بكين"}),
    (["لبنان"], [], {"لبنان": "لبنان"}),  # no بنان proposed: the word stays as written
    (["محمد علي", "محمد علي حسن", "علي حسن"], ["محمد علي حسن"], {"محمد علي": "محمد علي حسن"}),
    # A part two persons share belongs to neither.
    (["بن زايد", "سيف بن زايد", "محمد بن زايد"], ["سيف بن زايد", "محمد بن زايد"], {"بن زايد": "بن زايد"}),
    # A place is never a part of a person.
    (["عبد الفتاح", "عبد الفتاح البرهان"], [], {"عبد الفتاح": "عبد الفتاح"}),
]


@pytest.mark.parametrize("keys, persons, expected", GROUPS)
def test_name_groups(keys, persons, expected):
    keys, persons = [match_key(k) for k in keys], [match_key(p) for p in persons]
    groups = name_groups(keys, persons)
    assert {k: groups[match_key(k)] for k in expected} == {
        match_key(k): match_key(v) for k, v in expected.items()
    }


BASES = [
    ("لقيس سعيد", "قيس", "قيس سعيد"),
    ("بالصين", "الصين", "الصين"),
    ("للصين", "الصين", "الصين"),
    ("وللصين", "الصين", "الصين"),
    ("وبوتين", "بوتين", "بوتين"),
    ("لافروف", "سيرغي", "لافروف"),  # a family name: as written
]


@pytest.mark.parametrize("surface, first_word, expected", BASES)
def test_the_form_without_proclitics(surface, first_word, expected):
    assert base_spelling(surface, match_key(first_word)) == expected
