"""The spelling rules as the browser gets them read text as `match_key`
does: a character found in `folds` takes its key, any other its lower case.
(tests/site/test_search_script.py runs the real script on the same words.)"""

from __future__ import annotations

import json
import re

import pytest

from newsdossier.language.normalize import match_key
from newsdossier.language.spelling import (
    PREFIXES,
    WORD_PATTERN,
    browser_rules,
    fold_same_length,
    known_base,
    proclitic_readings,
    with_conjunctions,
    with_proclitics_before_article,
    without_conjunction,
)
from tests.helpers import ROOT

SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
WORDS = sorted({w for p in SEEDS for w in re.findall(WORD_PATTERN, p.read_text("utf-8"))})
EDGES = ["أوكرانيا", "إيران", "آسيا", "ٱلله", "مصطفى", "مدرسة", "شـــي", "بُوتِين", "٢٠٢٤", "۲۰۲۴"]
EDGES += ["Xi", "İstanbul", "\u200fبوتين\u200e", "ﻻ", "ﷲ", "«الصين»", "Straße", "ÉLYSÉE"]


def browser_fold(rules: dict, text: str) -> str:
    return "".join(rules["folds"].get(c, c.lower()) for c in text)


def test_the_rules_are_plain_json():
    rules = browser_rules()
    assert json.loads(json.dumps(rules, ensure_ascii=False)) == rules


@pytest.mark.parametrize("word", [*WORDS[:: max(1, len(WORDS) // 400)], *EDGES])
def test_the_browsers_fold_is_the_match_key(word):
    assert browser_fold(browser_rules(), word) == match_key(word)


READINGS = [
    ("وبوتين", [(0, "وبوتين"), (1, "بوتين")]),
    ("للصين", [(0, "للصين"), (0, "الصين")]),
    ("وللرئيس", [(0, "وللرئيس"), (1, "للرئيس"), (1, "الرئيس")]),
    ("بالصين", [(0, "بالصين"), (1, "الصين")]),
    ("وزير", [(0, "وزير"), (1, "زير")]),
    ("ولد", [(0, "ولد")]),  # too short to be و + a word
]


@pytest.mark.parametrize("key, readings", READINGS)
def test_proclitic_readings(key, readings):
    assert proclitic_readings(key) == readings


# The one proclitic grammar: conjunction? preposition? article?, ل + ال written لل.
MORE_READINGS = [
    ("والصين", [(0, "والصين"), (1, "الصين")]),
    ("وبالصين", [(0, "وبالصين"), (1, "بالصين"), (2, "الصين")]),
    ("فللحكومة", [(0, "فللحكومة"), (1, "للحكومة"), (1, "الحكومة")]),
    ("كالعادة", [(0, "كالعادة"), (1, "العادة")]),
    ("لقيس", [(0, "لقيس")]),  # a bare preposition only when asked for
    ("ال", [(0, "ال")]),
    ("لل", [(0, "لل")]),
]


@pytest.mark.parametrize("key, readings", MORE_READINGS)
def test_the_proclitic_grammar(key, readings):
    assert proclitic_readings(key) == readings


BARE = [
    ("لقيس", [(0, "لقيس"), (1, "قيس")]),
    ("وبلافروف", [(0, "وبلافروف"), (1, "بلافروف"), (2, "لافروف")]),
    ("بوش", [(0, "بوش")]),  # a base of two letters is no word
    ("كمال", [(0, "كمال"), (1, "مال")]),
]


@pytest.mark.parametrize("key, readings", BARE)
def test_bare_prepositions_are_read_when_asked_for(key, readings):
    assert proclitic_readings(key, bare_prepositions=True) == readings


KNOWN = frozenset({"قيس", "الحكومه", "في"})


@pytest.mark.parametrize(
    "key, base",
    [("لقيس", "قيس"), ("وللحكومه", "الحكومه"), ("وفي", "في"), ("قيس", "قيس"), ("لبنان", None), ("سفي", None)],
)
def test_known_base(key, base):
    assert known_base(key, KNOWN) == base


@pytest.mark.parametrize(
    "key, fused",
    [("بالتفصيل", True), ("والصين", True), ("وللحكومه", True), ("الصين", False), ("بلال", False)],
)
def test_a_proclitic_before_the_article(key, fused):
    assert with_proclitics_before_article(key) is fused


def test_the_morphology_database_writes_the_same_prefixes():
    from newsdossier.language.morphology import _prefix_lines

    assert {line.split("\t")[0] for line in _prefix_lines()} == {p.written for p in PREFIXES}
    assert len(PREFIXES) == 3 * 4 * 2


@pytest.mark.parametrize("text", ["وقال إسماعيل فهمى", "بُوتِين ١٢ «الصين»", "ﻻ شـــي Straße İstanbul"])
def test_the_same_length_fold_keeps_offsets(text):
    folded = fold_same_length(text)
    assert len(folded) == len(text)
    assert all(match_key(f) == match_key(c) for f, c in zip(folded, text) if len(match_key(c)) == 1)


_SAYING = {match_key(w) for w in ("قال", "أضاف", "وصف")}  # وصف: a word that starts with و itself


@pytest.mark.parametrize(
    "word",
    ["قال", "وقال", "فقال", "ووصف", "وصف", "صف", "فأضاف", "بقال", "وفقال", "و", "", "قالت", "الوقال"],
)
def test_a_word_with_conjunctions_is_one_without_conjunction_reads_as_known(word):
    key = match_key(word)
    assert (key in with_conjunctions(_SAYING)) == (without_conjunction(key, _SAYING) in _SAYING)
