"""A model's labels as names: runs, lists cut at their conjunction, persons
made whole, titles and particles, the family name after a name."""

from __future__ import annotations

import pytest

from newsdossier.language.names.lexicon import Lexicon, load
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


# A lexicon of the corpora: «علي» is also how «على» is keyed (seen thousands of times outside
# names); «تاريخ» a common word; «يسري» never seen.
GIVEN = Lexicon(
    words={"علي": (2561, 66), "تاريخ": (40, 1), "حسن": (5, 30)},
    places=frozenset(),
    given=frozenset({"فاطمه", "حسن", "علي"}),
)
# (sentence, labels, chances, expected): a compound name runs back over the given name before
# it, a name ending with a given name on over the given name after it (`_with_given_names`).
GIVEN_NAMES = [
    ("شارك حسن نصر الله", ["O", "O", "B-PERS", "I-PERS"], [0, 0.01, 0.9, 1], ["حسن نصر الله"]),
    ("شارك فاطمة أبو السعود", ["O", "O", "B-PERS", "I-PERS"], [0, 0.01, 0.9, 1], ["فاطمة أبو السعود"]),
    # a word the corpora never saw is no given name (on ANERcorp mostly a verb: «وتوعد | نصر الله»)
    ("شارك يسري نصر الله", ["O", "O", "B-PERS", "I-PERS"], [0, 0.01, 0.9, 1], ["نصر الله"]),
    (
        "وصل حسن بن حمد العطية",
        ["O", "O", "B-PERS", "I-PERS", "I-PERS"],
        [0, 0.9, 1, 1, 1],
        ["حسن بن حمد العطية"],
    ),
    ("وصل على بن حمد", ["O", "O", "B-PERS", "I-PERS"], [0, 0.9, 1, 1], ["بن حمد"]),  # the preposition
    ("قال أبو مازن", ["O", "B-PERS", "I-PERS"], [0, 1, 1], ["أبو مازن"]),  # a verb of saying
    ("الرئيس أبو مازن", ["O", "B-PERS", "I-PERS"], [0, 1, 1], ["أبو مازن"]),  # a title
    ("تاريخ نصر الله", ["O", "B-PERS", "I-PERS"], [0, 1, 1], ["نصر الله"]),  # a word the corpora saw
    ("الحاكم نصر الله", ["O", "B-PERS", "I-PERS"], [0, 1, 1], ["نصر الله"]),  # definite: no given name
    ("ومعها فاطمة علي حسن أمس", ["O", "B-PERS", "I-PERS", "O", "O"], [0, 1, 1, 0.2, 0], ["فاطمة علي حسن"]),
    # «علي» is keyed as «على»: a common word, never at a person's edge (`_as_the_lexicon_reads`)
    ("ومعها فاطمة حسن علي أمس", ["O", "B-PERS", "I-PERS", "O", "O"], [0, 1, 1, 0.2, 0], ["فاطمة حسن"]),
    ("ومعها فاطمة حسن على الطاولة", ["O", "B-PERS", "I-PERS", "O", "O"], [0, 1, 1, 0.2, 0], ["فاطمة حسن"]),
    ("شارك حسن الشيباني رائد", ["O", "B-PERS", "I-PERS", "O"], [0, 1, 1, 0.3], ["حسن الشيباني"]),
]


@pytest.mark.parametrize("text, labels, chances, expected", GIVEN_NAMES, ids=[r[0] for r in GIVEN_NAMES])
def test_a_person_runs_over_a_given_name_next_to_it(text, labels, chances, expected):
    tokens = tokenize(text)
    found = name_runs(text, list(tokens), labels, chances, GIVEN)
    assert [text[tokens[r.first].origin(r.skip) : tokens[r.last].end] for r in found] == expected
