"""The search script reads text exactly as the build does: its fold, word
split, proclitic readings, term files and phrase gaps, run by Node on the
real assets/search-core.js, against `match_key`, `tokens.tokenize`,
`spelling.word_readings`, `search_index.shard_of`,
`spelling.joins_phrase` and `search_index.postings_text` (one source for the rules: the script gets them
from `spelling.browser_rules()`)."""

from __future__ import annotations

import re

import pytest

from bench.search import spelling
from newsdossier.language.spelling import (
    WORD_PATTERN,
    browser_rules,
    joins_phrase,
    only_proclitics,
    search_keys,
    word_readings,
)
from newsdossier.language.tokens import tokenize
from newsdossier.site.export import MENTION_FIELDS, MENTION_KINDS
from newsdossier.site.search_index import DIGITS, NEGATIVE, postings_text, shard_of
from newsdossier.site.search_text import word_terms
from tests.helpers import ROOT

CORE = ROOT / "templates" / "assets" / "search-core.js"
SEED_WORDS = sorted(
    {
        w
        for p in sorted((ROOT / "seeds").glob("*.txt"))
        for w in re.findall(WORD_PATTERN, p.read_text("utf-8"))
    }
)
EDGES = [
    # hamza forms, alef maqsura, teh marbuta, alef wasla
    "أوكرانيا إيران آسيا ٱلله مسؤول سائل شيء ءامن",
    "مصطفى على الى إلى مدرسة المدرسةِ",
    # tatweel, diacritics, shadda, superscript alef, tanween with its alif
    "شـــي بُوتِين مُحَمَّدٌ هٰذا الـ75 بـ”حقبة",
    "وزيرًا وزيراً وزيرا بيانًا مشتركًا أيضاً هدىً اً جديدًا",
    # digits: Arabic-Indic, Persian, Western, decimals
    "٢٠٢٤ ۲۰۲۴ 2024 117.5 ١١٧٫٥ 3,000",
    # bidi controls and zero-width characters, inside and around words
    "\u200fبوتين\u200e \u202bالصين\u202c شي\u200cجين \ufeffروسيا \u061cموسكو",
    # presentation forms
    "ﻻ ﷲ ﺑﻮﺗﻴﻦ ﻟﻠﺼﻴﻦ",
    # quotation marks and joiners
    "«الصين» “بلا حدود” شي-بوتين أكتوبر/تشرين",
    # Latin with accents, other scripts and cases
    "Xi Jinping António Guterres Straße ÉLYSÉE İstanbul Pékin Владимир Путин ΣΟΦΙΑ",
    # an alef with hamza is no article; proclitic stacks and lone proclitics
    "إليها اليها وإلغاء والغاء أليس الأمن والأمن بالإضافة",
    "وبالعقوبات وللصين للقاء فللتعاون وكالة و ف ب ال لل وال بال",
    # a tatweel alone is no word
    "ـــ",
]
TEXTS = [*SEED_WORDS[:: max(1, len(SEED_WORDS) // 400)], *EDGES]


# Posting lists as the index writes them: one digit, two, three and more;
# each digit's edge; numbers in a row; a negative number, which no posting
# has today but the format allows.
POSTINGS = [
    [],
    [0],
    [0, 1, 5],
    [31, 32, 33],
    [1023, 1024, 1025],
    [32767, 32768, 2**20, 2**31 - 1, 2**40],
    list(range(0, 3000, 7)),
    [3, -1, 0, -32, 1024, -(2**20)],
]


@pytest.fixture(scope="module")
def script():
    terms = sorted({base for text in TEXTS for t in tokenize(text) for _, base in word_readings(t.key)})
    terms += ["#xi-jinping", "#china", "ab", "x"]
    digits = {"digits": DIGITS, "negative": NEGATIVE}
    texts = [postings_text(p) for p in POSTINGS]
    return spelling(CORE, browser_rules(), TEXTS, terms, GAPS, texts, digits), terms


def test_enough_words_are_compared():
    assert len(TEXTS) > 300


@pytest.mark.parametrize("index", range(len(TEXTS)), ids=lambda i: TEXTS[i][:20])
def test_words_and_keys_are_pythons(script, index):
    answer = script[0]["words"][index]
    text = TEXTS[index]
    tokens = tokenize(text)
    assert answer["tokens"] == [[text[t.start : t.end], t.key] for t in tokens]
    assert answer["keys"] == [list(search_keys(text[t.start : t.end], t.key)) for t in tokens]
    assert answer["readings"] == [[list(r) for r in word_readings(t.key)] for t in tokens]
    assert answer["terms"] == [[[p, b] for b, p in word_terms(text[t.start : t.end])] for t in tokens]
    assert answer["proclitics"] == [only_proclitics(t.key) for t in tokens]


def test_term_files_are_pythons(script):
    answer, terms = script
    assert answer["shards"] == [shard_of(term, 64) for term in terms]


GAPS = [
    " ",
    "",
    " “",
    "” ",
    ". ",
    ".",
    "-",
    " - ",
    "، ",
    "\n",
    "\n\n",
    " (",
    ") ",
    "/",
    ",",
    "٫",
    "\u200f",
    "؛ ",
    "…",
]


def test_phrase_gaps_are_pythons(script):
    assert script[0]["gaps"] == [joins_phrase(g) for g in GAPS]


def test_the_script_reads_a_mention_as_the_export_writes_it():
    """An article's data file gives each mention as an array (schema 7); the
    script names its positions itself, as export.MENTION_FIELDS does."""
    core = CORE.read_text(encoding="utf-8")
    positions = re.search(r"var MENTION = \{([^}]*)\};", core)[1]
    assert dict(re.findall(r"(\w+): (\d+)", positions)) == {
        name: str(i) for i, name in enumerate(MENTION_FIELDS)
    }
    assert re.search(r'var DESCRIPTION = "(\w+)";', core)[1] == MENTION_KINDS[True]


def test_the_script_reads_postings_as_the_index_writes_them(script):
    assert script[0]["postings"] == POSTINGS
