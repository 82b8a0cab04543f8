"""Every place the texts write a proposed name, where no finder saw it.

A name the model found once in one report counts wherever the dossier
writes it: in the same article and in every other, with any proclitic
before it (ولافروف, بلافروف, للكرملين: `spelling.PREFIXES`), and a person's
family name alone counts for that person (`forms.family_name`). One pass
over each text with an Aho–Corasick automaton of the spellings (pyahocorasick),
on the text folded character for character (`spelling.fold_same_length`:
أ and ا, ى and ي are one), so offsets stay those of the text. This is the
one implementation of "count every place a name is written"; the finders
themselves only propose.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator

from ...models.article import Article, Candidate
from ...models.kinds import CandidateSource, EntityType
from ..spelling import ARTICLE, CONJUNCTIONS, PREFIXES, WORD_CHAR, fold_same_length
from ..tokens import Sentences, SpanSet

_WORD_CHAR = re.compile(WORD_CHAR)
# What may be written before a name inside its word: proclitics without the
# article (the article belongs to the name) …
_BEFORE = frozenset(p.written for p in PREFIXES if not p.article)
# … and before a name with the article fused to ل (للكرملين), a conjunction.
_BEFORE_FUSED = frozenset(("", *CONJUNCTIONS))


class Spellings:
    """The written forms of proposed names, each with its name (key, type),
    found in texts."""

    def __init__(self, forms: dict[str, tuple[str, EntityType]]):
        import ahocorasick  # only when there are candidates

        self._automaton = ahocorasick.Automaton()
        self.empty = not forms
        for surface, name in forms.items():
            folded = fold_same_length(surface)
            self._automaton.add_word(folded, (len(folded), name, False))
            if folded.startswith(ARTICLE) and len(folded) > len(ARTICLE) + 1:
                # ل + ال written لل: «للكرملين» holds لكرملين after its first ل.
                self._automaton.add_word(folded[1:], (len(folded) - 1, name, True))
        if not self.empty:
            self._automaton.make_automaton()

    def find(self, text: str, taken: SpanSet) -> Iterator[tuple[int, int, tuple[str, EntityType]]]:
        """(start, end, name) of each whole-word spelling in `text` outside
        `taken`; a name with its article fused to ل starts at that ل, as the
        tagger's mentions do."""
        if self.empty:
            return
        folded = fold_same_length(text)
        for last, (size, name, fused) in self._automaton.iter_long(folded):
            start, end = last + 1 - size, last + 1
            if end < len(text) and _WORD_CHAR.match(text, end):
                continue
            if fused:
                start -= 1
                if start < 0 or folded[start] != "ل":
                    continue
            word_start = start
            while word_start > 0 and _WORD_CHAR.match(text, word_start - 1):
                word_start -= 1
            if folded[word_start:start] in (_BEFORE_FUSED if fused else _BEFORE) and not taken.overlaps(
                start, end
            ):
                yield start, end, name


class _SentencesOf:
    """The sentence around an offset of an article (its blocks' sentences, found once)."""

    def __init__(self, article: Article):
        self._blocks = [Sentences(article.text, b.start, b.end) for b in article.parsed.blocks]
        self._starts = [b.start for b in article.parsed.blocks]

    def around(self, offset: int) -> tuple[int, int]:
        return self._blocks[max(0, bisect.bisect_right(self._starts, offset) - 1)].around(offset)


def written(articles: tuple[Article, ...], spellings: Spellings) -> list[tuple[Article, Candidate]]:
    """Each place an article writes one of the spellings outside its
    mentions and its own candidates, as a repeated candidate of that name."""
    found = []
    for article in articles:
        taken = SpanSet(
            [*((m.start, m.end) for m in article.mentions), *((c.start, c.end) for c in article.candidates)]
        )
        sentences = None
        for start, end, (key, type_) in spellings.find(article.text, taken):
            sentences = sentences or _SentencesOf(article)
            surface = article.text[start:end]
            repeat = Candidate(
                start, end, surface, key, type_, CandidateSource.REPEATED, *sentences.around(start)
            )
            found.append((article, repeat))
    return found
