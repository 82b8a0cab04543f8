"""The spelling rules as the browser gets them read text as `match_key`
does: a character found in `folds` takes its key, any other its lower case.
(tests/site/test_search_script.py runs the real script on the same words.)"""

from __future__ import annotations

import json
import re

import pytest

from newsdossier.language.normalize import match_key
from newsdossier.language.spelling import WORD_PATTERN, browser_rules, proclitic_readings
from tests.helpers import ROOT

WORDS = sorted(
    {
        w
        for p in sorted((ROOT / "seeds").glob("*.txt"))
        for w in re.findall(WORD_PATTERN, p.read_text("utf-8"))
    }
)
EDGES = [
    "أوكرانيا",
    "إيران",
    "آسيا",
    "ٱلله",
    "مصطفى",
    "مدرسة",
    "شـــي",
    "بُوتِين",
    "٢٠٢٤",
    "۲۰۲۴",
    "Xi",
    "İstanbul",
]
EDGES += ["\u200fبوتين\u200e", "ﻻ", "ﷲ", "«الصين»", "Straße", "ÉLYSÉE"]


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
