"""Words, sentences and spans of clean article text, with their offsets.

Every step that looks at words (tagging, quotations, candidates) splits the
text the same way, here: a word is a run of letters and digits of any script
with the marks that sit inside Arabic words; a sentence ends at . ! ? ؟ or …
followed by white space. Lookups by offset use binary search, so a step over
an article stays near-linear in its length.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator, Sequence
from functools import lru_cache
from itertools import compress, repeat
from operator import itemgetter, le
from typing import NamedTuple

from .normalize import key_with_offsets
from .spelling import WORD_RUNS_PATTERN, WORD_WITHOUT_UNDERSCORE_PATTERN

# A word: letters and digits of any script, with the marks and joiners that
# sit inside Arabic words (see `spelling`).
WORD = re.compile(WORD_RUNS_PATTERN)
_WORD_WITHOUT_UNDERSCORE = re.compile(WORD_WITHOUT_UNDERSCORE_PATTERN)


def word_pattern(text: str, start: int = 0, end: int | None = None) -> re.Pattern:
    """`WORD`, or the pattern that finds the same words faster in a text[start:end] without an underscore."""
    return WORD if text.find("_", start, len(text) if end is None else end) >= 0 else _WORD_WITHOUT_UNDERSCORE


# A sentence ends at . ! ? ؟ or … (and any closing quotes or brackets after
# it) followed by white space.
_SENTENCE_END = re.compile(r"(?<=[.!?؟…])[\"'”»’)\]]*\s+")


class Token(NamedTuple):
    """One word: a tuple, made for every word of every block several steps
    tokenise (a frozen dataclass took twice as long to make)."""

    start: int
    end: int
    key: str
    offsets: tuple[int, ...]  # for each key character, its offset in the word

    def origin(self, index: int) -> int:
        """The offset in the text of key character `index`."""
        return self.start + self.offsets[index]


_new_token = tuple.__new__  # Token's own __new__ without its keyword handling
_START, _END = itemgetter(0), itemgetter(1)  # a token's start and end, read in C


# Cached: the steps of one article tokenise the same blocks and sentences
# (tagging, names, roles, quotations); the cache holds about one article.
@lru_cache(maxsize=2048)
def tokenize(text: str, start: int = 0, end: int | None = None) -> tuple[Token, ...]:
    tokens = []
    end = len(text) if end is None else end
    for match in word_pattern(text, start, end).finditer(text, start, end):
        key, offsets = key_with_offsets(match.group())
        if key:
            tokens.append(_new_token(Token, (*match.span(), key, offsets)))
    return tuple(tokens)


def only_spaces_between(text: str, first: Token, second: Token) -> bool:
    """Whether two tokens are neighbours with nothing but white space between."""
    return not text[first.end : second.start].strip()


def joined_to_previous(text: str, tokens: tuple[Token, ...] | list[Token]) -> list[bool]:
    """For each token, whether only white space parts it from the one before
    (`only_spaces_between`; False for the first), in one pass."""
    return [False, *(not text[a.end : b.start].strip() for a, b in zip(tokens, tokens[1:]))]


class Sentences:
    """The sentences of text[start:end], found once, looked up by offset."""

    def __init__(self, text: str, start: int, end: int):
        spans = []
        cursor = start
        for match in _SENTENCE_END.finditer(text, start, end):
            spans.append((cursor, match.start()))
            cursor = match.end()
        if cursor < end:
            spans.append((cursor, end))
        # A tuple: `sentences` hands one object to every step that asks.
        self.spans: tuple[tuple[int, int], ...] = tuple(spans)
        self._starts = [s for s, _ in spans]
        self._whole = (start, end)

    def around(self, offset: int) -> tuple[int, int]:
        """The sentence holding `offset` (the whole range if none does)."""
        index = bisect.bisect_right(self._starts, offset) - 1
        if index >= 0 and self.spans[index][0] <= offset < self.spans[index][1]:
            return self.spans[index]
        return self._whole


# Cached: a block's sentences are asked for by the tagger, the roles and
# five of the names' finders; the cache holds more than one article's blocks.
@lru_cache(maxsize=256)
def sentences(text: str, start: int, end: int) -> Sentences:
    """`Sentences(text, start, end)`, found once for every step that asks (never changed after)."""
    return Sentences(text, start, end)


def sentence_tokens(text: str, start: int, end: int) -> Iterator[tuple[int, int, tuple[Token, ...]]]:
    """Each sentence of text[start:end] (`sentences`) with its tokens: the
    block's tokens (`tokenize`'s memo) cut where the sentences start, not
    the text split again sentence by sentence. No word crosses a sentence's
    end (punctuation, then white space), so they are the tokens each
    sentence alone gives."""
    tokens = tokenize(text, start, end)
    starts = [t.start for t in tokens]
    for s_start, s_end in sentences(text, start, end).spans:
        yield s_start, s_end, tokens[bisect.bisect_left(starts, s_start) : bisect.bisect_left(starts, s_end)]


class SpanSet:
    """Non-overlapping spans (sorted by start), asked whether a range overlaps one."""

    def __init__(self, spans):
        self._spans = sorted(spans)
        self._starts = [s for s, _ in self._spans]

    def overlaps(self, start: int, end: int) -> bool:
        index = bisect.bisect_left(self._starts, end) - 1
        # Spans do not overlap each other, so only the last one starting
        # before `end` can reach into [start, end).
        return index >= 0 and self._spans[index][1] > start

    def outside(self, tokens: Sequence[Token]) -> list[Token]:
        """The tokens that overlap no span (`overlaps` false), by the same
        rule but run in C over a whole list: a step that asks of every word
        of an article paid a Python call for each."""
        # reach[i]: how far the last span starting before a token's end reaches (-1: none does).
        reach = [-1, *(end for _, end in self._spans)].__getitem__
        lasts = map(bisect.bisect_left, repeat(self._starts), map(_END, tokens))
        return list(compress(tokens, map(le, map(reach, lasts), map(_START, tokens))))


class SpanIndex:
    """Things with a `start` and an `end` (mentions, candidates), sorted by
    start and asked which of them overlap a range: a binary search and the
    few near it, not a scan of the whole article for each question (that
    made a long one-line article quadratic)."""

    def __init__(self, items):
        self._items = sorted(items, key=lambda item: item.start)
        self._starts = [item.start for item in self._items]
        self._longest = max((item.end - item.start for item in self._items), default=0)

    def overlapping(self, start: int, end: int) -> list:
        """The items with `item.start < end and start < item.end`, by start."""
        low = bisect.bisect_left(self._starts, start - self._longest)
        high = bisect.bisect_left(self._starts, end)
        return [item for item in self._items[low:high] if start < item.end]
