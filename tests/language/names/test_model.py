"""A model's labels as names: runs, lists cut at their conjunction, persons
made whole, titles and particles, the family name after a name."""

from __future__ import annotations

import pytest

from newsdossier.language.names.lexicon import load
from newsdossier.language.names.model import name_runs, runs
from newsdossier.language.tokens import tokenize
from newsdossier.models.kinds import EntityType

P, L, ORG = EntityType.PERSON, EntityType.PLACE, EntityType.ORGANISATION

RUNS = [
    # (sentence, labels, chances or None, expected names)
    ("زار مالي وزامبيا", ["O", "B-LOC", "I-LOC"], None, ["مالي", "زامبيا"]),
    ("حزب العدالة والتنمية", ["B-ORG", "I-ORG", "I-ORG"], None, ["حزب العدالة والتنمية"]),
    (
        "توفيق حكار وباتريك بوياني",
        ["B-PERS", "I-PERS", "I-PERS", "I-PERS"],
        None,
        ["توفيق حكار", "باتريك بوياني"],
    ),
    ("محمد وليد", ["B-PERS", "I-PERS"], None, ["محمد وليد"]),  # وليد is a given name, not و + ليد
    ("محمد ووليد", ["B-PERS", "I-PERS"], None, ["محمد", "وليد"]),
    ("الصيني وانغ يي", ["B-PERS", "I-PERS", "I-PERS"], None, ["وانغ يي"]),  # the adjective before it goes
    ("أسعد حسن الشيباني", ["B-PERS", "B-PERS", "I-PERS"], None, ["أسعد حسن الشيباني"]),  # one person, not two
    ("زار الحسين بن عبدالله", ["O", "B-PERS", "I-PERS", "I-PERS"], None, ["الحسين بن عبدالله"]),
    ("قالت سمية بنت الحسن", ["O", "O", "O", "B-PERS"], [0, 0.2, 0, 0.9], ["سمية بنت الحسن"]),
    ("وهو ابن الحسن", ["O", "O", "B-PERS"], [0, 0, 0.9], ["الحسن"]),  # هو is no name
    ("وصل بن علي", ["O", "B-PERS", "O"], None, ["بن علي"]),  # never ends with بن
    (
        "أصدر عبد الفتاح البرهان مرسوما",
        ["O", "B-PERS", "I-PERS", "O", "O"],
        [0, 0.8, 0.8, 0.15, 0],
        ["عبد الفتاح البرهان"],
    ),
    ("قال محمد صلاح المصري", ["O", "B-PERS", "I-PERS", "O"], [0, 1, 1, 0.3], ["محمد صلاح"]),  # an adjective
    ("قال محمد صلاح، الوزير", ["O", "B-PERS", "I-PERS", "O"], [0, 1, 1, 0.3], ["محمد صلاح"]),  # punctuation
]


@pytest.mark.parametrize("text, labels, chances, expected", RUNS, ids=[r[0] for r in RUNS])
def test_name_runs(text, labels, chances, expected):
    tokens = tokenize(text)
    found = name_runs(text, list(tokens), labels, chances)
    assert [text[tokens[r.first].origin(r.skip) : tokens[r.last].end] for r in found] == expected


# Read with the shipped lexicon: a run other than a person's ends before و
# and a known place, unless the run is a known place whole.
COORDINATED = [
    (
        "الاتحاد الأوروبي والولايات المتحدة",
        ["B-ORG"] + ["I-ORG"] * 3,
        ["الاتحاد الأوروبي", "الولايات المتحدة"],
    ),
    ("الاتحاد الأوروبي والصين", ["B-ORG", "I-ORG", "I-ORG"], ["الاتحاد الأوروبي", "الصين"]),
    ("البوسنة والهرسك", ["B-LOC", "I-LOC"], ["البوسنة والهرسك"]),
    ("حزب العدالة والتنمية", ["B-ORG", "I-ORG", "I-ORG"], ["حزب العدالة والتنمية"]),
]


@pytest.mark.parametrize("text, labels, expected", COORDINATED, ids=[r[0] for r in COORDINATED])
def test_a_run_ends_before_a_coordinated_known_place(text, labels, expected):
    tokens = tokenize(text)
    found = name_runs(text, list(tokens), labels, None, load())
    assert [text[tokens[r.first].origin(r.skip) : tokens[r.last].end] for r in found] == expected


def test_runs_read_iob():
    assert runs(["B-PERS", "I-PERS", "O", "I-LOC", "B-ORG"]) == [(0, 1, P), (3, 3, L), (4, 4, ORG)]
