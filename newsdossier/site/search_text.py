"""What the search index reads of each searchable page, and under which
terms it files the page's words.

A searchable page is an article, or the first page of an entity or a summit
(their further pages repeat the same name; the home page and the listings
only list other pages). Each is a `SearchDoc`: its fields of text in
order, the title first, read with the project's own tokenizer and match
keys (`language.tokens`, `language.normalize`), never with a stemmer.

Every word is filed under its match key (and its other keys:
`spelling.search_keys`), and under the base of each of its readings as
proclitics + a base (`spelling.word_readings`), with the proclitics it was
written with: «وبوتين» under «وبوتين» (as written) and
under «بوتين» (after و). Which readings count is decided at query time,
against every segment of the index at once (assets/search-core.js): a base
counts only when the dossier writes it as a word of its own (or after the
article), or when it is a word of a gazetteer name. So «زير» finds nothing
though «وزير» is filed under it, and a new article that writes «زير» does
not change the files of the others.

A word's position counts the words before it; two words are next to each
other (for phrases) when `spelling.joins_phrase` says so of the text between
them, otherwise a position is skipped. Fields are never next to each other.
The names a page mentions are filed too, under ``#`` + the entity's id,
with the positions of the words they span: a query that is a spelling of
the name finds the page whatever spelling it uses. An article's are the
tagger's mentions (`language.tagging`); an entity's or summit's page, which
the analysis never reads, is read here by the same tagger, its proclitics
read by `spelling.word_readings` (so the build needs no morphology for it),
and an entity's page also names itself.
"""

from __future__ import annotations

import bisect
import re
import weakref
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from html.parser import HTMLParser
from itertools import accumulate, chain, compress, repeat
from operator import not_, sub
from typing import TypeVar

from ..language.gazetteer import Gazetteer
from ..language.morphology import Segmentation
from ..language.normalize import key_with_offsets
from ..language.spelling import ARTICLE as THE
from ..language.spelling import HAMZA_ALEFS, joins_phrase, search_keys, word_readings
from ..language.tagging import Tagger
from ..language.tokens import WORD, tokenize
from ..models.kinds import NoteKind
from .arabic import TYPE_LABELS, arabic_date
from .export import article_data_path
from .lookups import recording, replay
from .urls import article_url, entity_url, summit_url

ARTICLE, SUMMIT, ENTITY = "article", "summit", "entity"
Term = tuple[str, str]  # (term, proclitics): what a word is filed under
T = TypeVar("T")
NAME_TERM = "#"  # prefix of an entity's term: no match key starts with it


@dataclass(frozen=True)
class SearchDoc:
    """One searchable page: what is searched, and what a result shows."""

    kind: str  # ARTICLE, SUMMIT or ENTITY
    id: str  # the article's, summit's or entity's
    url: str  # relative to the site root
    title: str  # as written
    fields: tuple[str, ...]  # the texts searched, the title first
    # (entity id, field, start, end): the names the tagger found, by offsets
    # into that field.
    mentions: tuple[tuple[str, int, int, int], ...] = ()
    summits: tuple[str, ...] = ()  # summit ids, for the summit filter
    date: str = ""  # ISO date ("" for none), for ordering
    date_label: str = ""  # as the site writes it
    outlet: str = ""
    type_label: str = ""  # an entity's type, in Arabic
    data: str = ""  # an article's data file: its text for the excerpt
    text: str = ""  # the excerpt's text for pages without a data file


@dataclass
class DocTerms:
    """A page's words with their positions, and its names; `filed` files
    the words by term."""

    length: int = 0  # words
    title_end: int = 0  # positions below it are the title's
    places: dict[str, list[int]] = field(default_factory=dict)  # each written word → its positions, in order
    names: dict[str, list[tuple[int, int]]] = field(default_factory=dict)  # entity id → word spans


# ------------------------------------------------------------ the pages


def article_doc(view, article_id: str) -> SearchDoc:
    article = view.articles[article_id]
    meta = article.meta
    return SearchDoc(
        kind=ARTICLE,
        id=article_id,
        url=article_url(article_id),
        title=article.title,
        fields=(article.title, article.text),
        mentions=tuple((m.entity_id, 1, m.start, m.end) for m in article.mentions),
        summits=(meta.summit,) if meta.summit else (),
        date=meta.date.isoformat() if meta.date else "",
        date_label=arabic_date(meta.date) if meta.date else "",
        outlet=meta.outlet_name or "",
        data=article_data_path(article_id),
    )


def entity_doc(view, entity_id: str) -> SearchDoc:
    entity = view.entities[entity_id]
    note = _note_text(view, NoteKind.ENTITY, entity_id)
    fields = tuple(
        f for f in (entity.name_ar, *entity.aliases, entity.name_en, entity.description, *note) if f
    )
    return SearchDoc(
        kind=ENTITY,
        id=entity_id,
        url=entity_url(entity_id),
        title=entity.name_ar,
        fields=fields,
        mentions=((entity_id, 0, 0, len(entity.name_ar)), *_names_in(view, fields[1:], 1)),
        summits=view.entity_summits[entity_id],
        type_label=TYPE_LABELS[entity.type][0],
        text="\n\n".join(f for f in (entity.description, *note) if f),
    )


def summit_doc(view, summit_id: str) -> SearchDoc:
    summit = view.summits[summit_id]
    summary = _plain_text(view.markdown.render(summit.summary_md, "", f"summit-{summit_id}"))
    note = _note_text(view, NoteKind.SUMMIT, summit_id)
    fields = tuple(f for f in (summit.title_ar, summit.title_en, summary, *note) if f)
    return SearchDoc(
        kind=SUMMIT,
        id=summit_id,
        url=summit_url(summit_id),
        title=summit.title_ar,
        fields=fields,
        mentions=_names_in(view, fields, 0),
        summits=(summit_id,),
        date=summit.start.isoformat(),
        date_label=arabic_date(summit.start),
        text="\n\n".join(f for f in (summary, *note) if f),
    )


class _ProcliticReadings:
    """The tagger's segmenter for pages the analysis never reads: a word's
    readings as proclitics + a base are `spelling.word_readings`'."""

    def segmentations(self, key: str) -> set[Segmentation]:
        found = set()
        for prefix, base in word_readings(key)[1:]:
            if key.endswith(base):
                found.add(Segmentation(len(prefix), base, False))
            elif base.startswith(THE) and key.endswith(base[len(THE) :]):  # لل + صين read as ل + الصين
                found.add(Segmentation(len(prefix) - 1, base, True))
        return found


_TAGGERS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _names_in(view, fields: tuple[str, ...], first: int) -> tuple[tuple[str, int, int, int], ...]:
    """(entity id, field, start, end) of every gazetteer name in `fields`
    (numbered from `first`), the longest first, as the tagger finds them."""
    if view not in _TAGGERS:
        with recording() as made:
            entities = tuple(view.entities[e] for e in view.order["entities"])
            _TAGGERS[view] = Tagger(Gazetteer(entities), _ProcliticReadings()), frozenset(made.reads)
    tagger, reads = _TAGGERS[view]
    replay(reads)  # made once, from every shown entity's names: each page that uses it reads them
    found = []
    for number, text in enumerate(fields, start=first):
        tokens = list(tokenize(text))
        i = 0
        while i < len(tokens):
            match = tagger.match_at(text, tokens, i)
            if match is None:
                i += 1
                continue
            length, _, entity_id = match
            found.append((entity_id, number, tokens[i].start, tokens[i + length - 1].end))
            i += length
    return tuple(found)


def _note_text(view, kind: NoteKind, target: str) -> tuple[str, ...]:
    html = view.note_html(kind, target, "search.html")
    return (_plain_text(html),) if html else ()


class _Text(HTMLParser):
    BLOCKS = frozenset({"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "br", "tr", "blockquote", "pre"})

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data):
        self.parts.append(data)


def _plain_text(html: str) -> str:
    """Rendered Markdown as the reader reads it: text, a line per block."""
    parser = _Text()
    parser.feed(str(html))
    parser.close()
    lines = (" ".join(line.split()) for line in "".join(parser.parts).split("\n"))
    return "\n".join(line for line in lines if line)


# ------------------------------------------------------------ the words


@lru_cache(maxsize=1 << 17)
def word_terms(word: str) -> tuple[tuple[str, str], ...]:
    """(term, proclitics) for each reading of each key of a written word
    (`spelling.search_keys`: وزيرًا is also وزير); () for a word with no key
    (tatweel alone)."""
    key, offsets = key_with_offsets(word)
    if not key:
        return ()
    found = {}
    for k in search_keys(word, key):
        for prefix, base in word_readings(k):
            # إلغاء، أليس: an alef written with hamza begins the word, not the article.
            if prefix.endswith(THE) and word[offsets[len(prefix) - len(THE)]] in HAMZA_ALEFS:
                continue
            found[(base, prefix)] = None
    return tuple(found)


def doc_terms(doc: SearchDoc) -> DocTerms:
    """The page's words by term, with their positions, and its names."""
    terms = DocTerms()
    places = terms.places
    placed = places.get
    position = 0
    for index, text in enumerate(doc.fields):
        words, starts, ends, gaps = _words(text)
        # A position left empty after each word that is not next to the one after it.
        joined = list(map(_GAPS.get, gaps))
        if None in joined:
            joined = [_joins(gap) if known is None else known for gap, known in zip(gaps, joined)]
        positions = list(accumulate(map(sub, repeat(2), joined), initial=position)) if words else []
        for word, at in zip(words, positions):
            found = placed(word)
            if found is None:
                places[word] = [at]
            else:
                found.append(at)
        if positions:
            position = positions[-1] + 1
        terms.length += len(positions)
        for entity_id, where, start, end in doc.mentions:
            if where == index:
                span = _span(starts, ends, start, end)
                if span:
                    terms.names.setdefault(entity_id, []).append((positions[span[0]], positions[span[1]]))
        if index == 0:
            terms.title_end = position
        position += 1  # fields are never next to each other
    return terms


# The text as words and what lies between them: [gap, word, gap, word, …, gap].
_SPLIT = re.compile(f"({WORD.pattern})")


def _words(text: str) -> tuple[list[str], list[int], list[int], list[str]]:
    """The words of a field that have terms, with their offsets (starts and
    ends) and the text between each and the next. Cut in C (a split and
    running sums), not match by match: a loop over 3 million words was 40%
    of the search index at 10,000 articles."""
    parts = _SPLIT.split(text)
    offsets = list(accumulate(map(len, parts)))  # where each part ends
    words, starts, ends = parts[1::2], offsets[0:-1:2], offsets[1::2]
    if all(map(word_terms, words)):
        return words, starts, ends, parts[2:-1:2]
    # A word with no key (tatweel alone) is no word: the gap runs across it.
    kept = [k for k, word in enumerate(words) if word_terms(word)]
    words, starts, ends = ([column[k] for k in kept] for column in (words, starts, ends))
    return words, starts, ends, [text[end:start] for end, start in zip(ends, starts[1:])]


# What lies between two words is most often a space or a comma and a space:
# each gap's answer kept (a bounded few).
_GAPS: dict[str, bool] = {}


def _joins(gap: str) -> bool:
    joined = _GAPS.get(gap)
    if joined is None:
        if len(_GAPS) >= 4096:
            _GAPS.clear()
        joined = _GAPS[gap] = joins_phrase(gap)
    return joined


def _as_they_are(positions: list[int]) -> list[int]:
    return positions


def filed(places: dict[str, list[int]], made: Callable[[list[int]], T] = _as_they_are) -> dict[Term, T]:
    """Each (term, proclitics) of a page's written words (`places`: word →
    positions) with what `made` makes of its positions: those of the word,
    or, where two spellings share a term (الصين and الصينَ), theirs merged
    in order. `made` is called once for each word (the index writes its
    positions as text once, not once for each of its two to four terms),
    and again for a merged term. Filed by C calls (`map`, `chain`, a dict
    of the pairs): a loop of Python over every word's terms was a third of
    reading a page's words."""
    readings = list(map(word_terms, places))
    keys = list(chain.from_iterable(readings))
    values = map(repeat, map(made, places.values()), map(len, readings))
    found = dict(zip(keys, chain.from_iterable(values)))
    if len(found) < len(keys):  # a term of two spellings: its positions merged
        for key, positions in _shared_terms(places, readings).items():
            found[key] = made(positions)
    return found


def _shared_terms(places: dict[str, list[int]], readings: list[tuple[Term, ...]]) -> dict[Term, list[int]]:
    """The terms more than one of the page's written words have, with their
    words' positions merged in order (a position is one word's: none
    repeats). Only the words that have one are looked at (an alef written
    two ways is common; a word of a page, rarely one of them)."""
    counts = Counter(chain.from_iterable(readings))
    shared = {key for key, count in counts.items() if count > 1}
    merged: dict[Term, list[int]] = {}
    having = map(not_, map(shared.isdisjoint, readings))
    for positions, terms in compress(zip(places.values(), readings), having):
        for key in shared.intersection(terms):
            merged.setdefault(key, []).extend(positions)  # (a new list: the word's own is filed as it is)
    return {key: sorted(positions) for key, positions in merged.items()}


def _span(starts: list[int], ends: list[int], start: int, end: int) -> tuple[int, int] | None:
    """The words (first, last: indices into the field's words) that a span
    of characters covers, if any."""
    first = bisect.bisect_right(ends, start)
    last = bisect.bisect_left(starts, end) - 1
    return (first, last) if first <= last else None
