"""Arabic normalisation for match keys, built on camel-tools' normaliser.

A match key is what two spellings of one name have in common: ``أوكرانيا``
and ``اوكرانيا``, ``شي جين بينغ`` with or without diacritics or tatweel. Keys
are only ever compared, never shown: display text keeps the article's own
spelling.

The key is computed one character at a time, so that every character of the
key comes from exactly one character of the source. That is what lets the
tagger work on keys and still report mention offsets into the original text.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from . import camel, fold_table

TATWEEL = "\u0640"

# Bidi controls and zero-width joiners: invisible, and copied in from web
# pages at random.
BIDI_CONTROLS = frozenset(
    "\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u061c\ufeff"
)

# Every double or single quotation mark folds to ASCII ". Arabic text uses
# « », “ ”, „ and ″ interchangeably.
_QUOTES = dict.fromkeys("«»“”„‟″〝〞＂", '"') | dict.fromkeys("‘’‚‛′", "'")

# Arabic-Indic (U+0660..) and Extended Arabic-Indic (Persian, U+06F0..) digits.
_DIGITS = {chr(0x0660 + i): str(i) for i in range(10)} | {chr(0x06F0 + i): str(i) for i in range(10)}


def _covered(ranges) -> frozenset[int]:
    return frozenset(code for first, last in ranges for code in range(first, last + 1))


# camel-tools' folds of the common scripts, generated from it (`make folds`):
# a build that analyses no article then never imports camel-tools. Used
# only when made with the camel-tools version installed.
_TABLE = fold_table.FOLDS if camel.installed_version() == fold_table.CAMEL_TOOLS_VERSION else {}
_COVERED = _covered(fold_table.RANGES) if _TABLE else frozenset()


def _fold(char: str) -> str:
    code = ord(char)
    return _TABLE.get(code, char) if code in _COVERED else camel.fold(char)


@lru_cache(maxsize=4096)
def normalize_char(char: str) -> str:
    """The key of one character: '' for characters that do not count."""
    if char in BIDI_CONTROLS or char == TATWEEL:
        return ""
    if char in _QUOTES:
        return _QUOTES[char]
    if char in _DIGITS:
        return _DIGITS[char]
    text = _fold(char)
    # NFKC or the cleaning map can leave marks camel's dediac does not list
    # (hamza above/below as combining marks, superscript alef).
    text = "".join(
        c for c in text if not unicodedata.combining(c) and c not in BIDI_CONTROLS and c != TATWEEL
    )
    return text.casefold()


def match_key(text: str) -> str:
    """The match key of a string: what two spellings of a name share."""
    return "".join(normalize_char(c) for c in text)


_SPACES = re.compile(r"\s+")


def name_key(name: str) -> tuple[str, ...]:
    """The key of a (multi-word) name: one match key per word."""
    return tuple(k for k in (match_key(w) for w in _SPACES.split(name.strip())) if k)


# Cached: it is called on every word of every article by several steps, and
# words repeat (a news text uses a few thousand distinct words).
@lru_cache(maxsize=1 << 16)
def key_with_offsets(text: str) -> tuple[str, tuple[int, ...]]:
    """The match key of `text`, and for each key character its index in `text`."""
    key_chars: list[str] = []
    origins: list[int] = []
    for index, char in enumerate(text):
        folded = normalize_char(char)
        key_chars.append(folded)
        origins.extend([index] * len(folded))
    return "".join(key_chars), tuple(origins)


# Conjunctions written fused to the next word (وقال، فأضاف).
CONJUNCTIONS = ("و", "ف")


def without_conjunction(key: str, known: frozenset[str] | dict) -> str:
    """A word's match key as it is, or without a fused conjunction when only
    that form is `known` (وأضاف → أضاف)."""
    if key not in known and key[:1] in CONJUNCTIONS and key[1:] in known:
        return key[1:]
    return key


PREPOSITIONS = ("ب", "ل", "ك")


def proclitic_readings(key: str) -> list[tuple[int, str]]:
    """(characters of proclitics, base) for each way a word's match key can
    be read as proclitics + a base word: وللرئيس → (0, وللرئيس), (1,
    للرئيس), (1, الرئيس) with ل+ال written لل, and so on. For words the
    morphology database does not know (descriptive titles, verbs)."""
    readings = [(0, key)]
    rest, skipped = key, 0
    if rest[:1] in CONJUNCTIONS and len(rest) > 3:
        rest, skipped = rest[1:], 1
        readings.append((skipped, rest))
    if rest.startswith("لل") and len(rest) > 4:
        readings.append((skipped, "ال" + rest[2:]))  # ل + ال: the article's alef is not written
    elif rest[:1] in PREPOSITIONS and rest[1:3] == "ال":
        readings.append((skipped + 1, rest[1:]))
    return readings
