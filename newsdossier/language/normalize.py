"""Match keys: a string folded character by character with `spelling`'s
rules (built on camel-tools' normaliser).

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
from functools import lru_cache

from .spelling import fold_char as normalize_char


class _Folds(dict):
    """Each character's fold by code point (`str.translate` reads it), made
    by `fold_char` the first time the character is met. Bounded: a text of
    every character of Unicode folds them all, but keeps only the first
    `LIMIT` (a news text uses a few hundred)."""

    LIMIT = 1 << 14

    def __missing__(self, code: int) -> str:
        folded = normalize_char(chr(code))
        if len(self) < self.LIMIT:
            self[code] = folded
        return folded


_FOLDS = _Folds()


def match_key(text: str) -> str:
    """The match key of a string: what two spellings of a name share (each
    character folded by `fold_char`, in C: called on every word by several
    steps)."""
    return text.translate(_FOLDS)


_SPACES = re.compile(r"\s+")


def name_key(name: str) -> tuple[str, ...]:
    """The key of a (multi-word) name: one match key per word."""
    return tuple(k for k in (match_key(w) for w in _SPACES.split(name.strip())) if k)


# How many distinct words a memo of a function of the word alone keeps (the
# analysis' memos of readings, terms and line counts): enough for the words
# that repeat from one article to the next, bounded for a process that reads
# ten thousand articles (about 200 bytes a word, a few MB a memo).
WORD_MEMO = 1 << 14


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
