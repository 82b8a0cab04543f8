"""The analysed articles in the form the build holds them, from the
analysis to the last page: every one of them is held that long (the copy
check, the pages, the search index and the export read them), so at 10,000
articles their size is most of the build's memory.

An article comes back from its analysis (or the cache) with its own int
object for every offset of its mentions, blocks and quotations (28 bytes
each beyond 256; its spellings are interned as they are unpickled,
`models.article`). The same few thousand offsets recur in every article,
so a `Holder` makes equal values one object for the whole dossier, article
by article as they are read (`build.workers`): the articles as analysed
are never all in memory beside their compact form (memory freed that way
would not be given back: Python keeps the arenas the compact articles
share with them). The values are equal, only shared: every output is byte
for byte the same. Measured on 1,000 synthetic articles (tracemalloc):
18.4 KB an article as loaded (without its candidates), 14.3 KB held, and
11.2 KB once linking has left out the terms its outlets' words are counted
from (`linking`).
"""

from __future__ import annotations

import sys
from dataclasses import replace

from ..models.article import Article, Block, Mention, Quote


class Holder:
    """One object for each equal string and int, across every article it
    is given: `article` is called on each as it is read from the cache or
    comes back from its analysis, so that the articles as analysed are
    never all held at once beside their compact form."""

    def __init__(self):
        self.ints: dict[int, int] = {}

    def int(self, value: int) -> int:
        return self.ints.setdefault(value, value)

    def article(self, a: Article) -> Article:
        return replace(
            a,
            parsed=replace(a.parsed, blocks=tuple(self.block(b) for b in a.parsed.blocks)),
            mentions=tuple(self.mention(m) for m in a.mentions),
            quotes=tuple(self.quote(q) for q in a.quotes),
        )

    def mention(self, m: Mention) -> Mention:
        return replace(
            m,
            entity_id=sys.intern(m.entity_id),
            surface=sys.intern(m.surface),
            name_form=sys.intern(m.name_form),
            start=self.int(m.start),
            end=self.int(m.end),
            sentence_start=self.int(m.sentence_start),
            sentence_end=self.int(m.sentence_end),
        )

    def block(self, b: Block) -> Block:
        return replace(b, line=self.int(b.line), start=self.int(b.start), end=self.int(b.end))

    def quote(self, q: Quote) -> Quote:
        return replace(
            q,
            speaker=sys.intern(q.speaker) if q.speaker else q.speaker,
            verb=sys.intern(q.verb) if q.verb else q.verb,
            start=self.int(q.start),
            end=self.int(q.end),
        )


def held(articles: tuple[Article, ...]) -> tuple[Article, ...]:
    """The articles with equal strings and offsets shared."""
    holder = Holder()
    return tuple(holder.article(a) for a in articles)
