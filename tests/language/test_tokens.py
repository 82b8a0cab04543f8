"""Words and sentences with their offsets (`language/tokens.py`)."""

from __future__ import annotations

import re

import pytest

from newsdossier.language.spelling import WORD_PATTERN
from newsdossier.language.tokens import (
    WORD,
    Sentences,
    SpanSet,
    joined_to_previous,
    only_spaces_between,
    sentence_tokens,
    sentences,
    tokenize,
    word_pattern,
)

BLOCKS = [
    "قال الرئيس إن الوضع صعب. وأضاف أن المحادثات ستستمر!",
    "هل انتهت القمة؟ «نعم». ثم غادر الوفد…  وعاد إلى بكين",
    "بلغ النمو 5.2 في المئة. Xi Jinping said: «the talks go on.» ثم انتهى",
    "قَالَ الرَّئِيسُ. ــ وانتهى الاجتماع",  # marks and tatweel inside words
    "جملة واحدة بلا نهاية",
    "... !؟",  # punctuation alone: sentences with no word
    "",
]


@pytest.mark.parametrize("block", BLOCKS)
def test_a_sentences_tokens_are_those_it_gives_alone(block):
    # Offset into a longer text, as an article's blocks are.
    text = f"عنوان\n\n{block}\n\nفقرة أخرى."
    start = text.index(block) if block else 7
    end = start + len(block)
    found = list(sentence_tokens(text, start, end))
    assert [(s, e) for s, e, _ in found] == list(Sentences(text, start, end).spans)
    for s_start, s_end, tokens in found:
        assert tokens == tokenize(text, s_start, s_end)
    assert sum(len(tokens) for *_, tokens in found) == len(tokenize(text, start, end))


def test_a_blocks_sentences_are_found_once():
    text = "الجملة الأولى. والجملة الثانية."
    assert sentences(text, 0, len(text)) is sentences(text, 0, len(text))
    assert sentences(text, 0, len(text)).spans == Sentences(text, 0, len(text)).spans


@pytest.mark.parametrize(
    "text, joined",
    [
        ("قال الرئيس  الصيني", [False, True, True]),
        ("بكين، موسكو و واشنطن", [False, False, True, True]),
        ("«شي» جين\nبينغ", [False, False, True]),  # a line break is white space
        ("كلمة", [False]),
    ],
)
def test_which_tokens_are_joined_to_the_one_before(text, joined):
    tokens = tokenize(text)
    assert joined_to_previous(text, tokens) == joined
    assert joined[1:] == [only_spaces_between(text, a, b) for a, b in zip(tokens, tokens[1:])]


_WORDS = (
    "قال الرئيس الصيني شي جين بينغ في بكين"  # words at 0-3, 4-10, 11-17, 18-20, 21-24, 25-29, 30-32, 33-37
)


@pytest.mark.parametrize(
    "spans",
    [
        [],
        [(0, 3)],  # the first word whole
        [(11, 17), (18, 29)],  # two names side by side
        [(5, 9)],  # inside a word
        [(9, 13)],  # across two words' edges
        [(10, 11)],  # the space between two words: no word
        [(17, 18), (37, 40)],  # a space; past the last word
        [(0, 38)],  # the whole text
        [(4, 30), (12, 14)],  # overlapping spans: the rule asks only the last one starting before the end
        [(33, 38), (0, 1), (21, 22)],  # given out of order
    ],
)
def test_the_tokens_outside_a_span_set_are_those_no_span_overlaps(spans):
    tokens = list(tokenize(_WORDS))
    found = SpanSet(spans)
    assert found.outside(tokens) == [t for t in tokens if not found.overlaps(t.start, t.end)]


_ONE_BY_ONE = re.compile(WORD_PATTERN)  # the word as the browser's rules spell it: a character at a time


@pytest.mark.parametrize(
    "text",
    [
        *BLOCKS,
        "قَالَ الرَّئِيسُ ــ وانتهى_الاجتماع",  # marks and tatweel inside and between words; an underscore
        "\u064b\u064bكلمة\u0651 \u0640\u0640 \u200c",  # marks, tatweel or a joiner alone, or first
        "x\u200cy a_b __ _ ١٢٣ ۴۵ 12a é ß ー中 🙂",  # joiners, underscores, digits, other scripts
    ],
)
@pytest.mark.parametrize("bounds", [(0, None), (2, None), (3, 9)])
def test_word_finds_the_words_of_the_word_pattern(text, bounds):
    start, end = bounds[0], len(text) if bounds[1] is None else bounds[1]
    assert [m.span() for m in WORD.finditer(text, start, end)] == [
        m.span() for m in _ONE_BY_ONE.finditer(text, start, end)
    ]
    # The pattern chosen for the text (one character class where no underscore is) finds them too.
    assert [m.span() for m in word_pattern(text, start, end).finditer(text, start, end)] == [
        m.span() for m in _ONE_BY_ONE.finditer(text, start, end)
    ]


# (text, bounds, whether `WORD` itself is needed: an underscore inside the bounds)
PATTERN_CHOICES = [
    ("كلمة وأخرى", (0, None), False),
    ("a_b", (0, None), True),
    ("a_b", (2, None), False),  # the underscore is before the bounds
    ("ab _", (0, 3), False),  # and after them
    ("", (0, None), False),
]


@pytest.mark.parametrize("text, bounds, needed", PATTERN_CHOICES)
def test_the_word_pattern_is_the_faster_one_without_an_underscore(text, bounds, needed):
    assert (word_pattern(text, *bounds) is WORD) is needed


def test_without_an_underscore_every_character_is_read_as_word_reads_it():
    # Each character alone, and between two letters: a word character, a separator, or nothing.
    faster = word_pattern("")
    for code in range(0x110000):
        char = chr(code)
        if char == "_" or 0xD800 <= code <= 0xDFFF:
            continue
        for text in (char, f"a{char}b"):
            assert faster.findall(text) == WORD.findall(text), hex(code)
