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

What the build holds of each article is also kept, for the next build,
in one packed file by the article's cache key (`HeldMemo`, written and
read by `build.cache.HeldFile`): an unchanged article is read from it as
the build holds it, not unpickled from its own cache file and made
compact again (10,000 of them on every build that adds one), and held
without its body (`LazyArticle`, below): its text, blocks, removed lines
and terms are read from that file only when a page asks for them.
"""

from __future__ import annotations

import functools
import sys
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields
from operator import attrgetter
from typing import NamedTuple, Protocol, TypeVar

from ..models.article import Article, Block, Mention, ParsedArticle, RemovedLine, Term

# Frozen values are made compact where they are: see `Holder.article`.
_set = object.__setattr__
T = TypeVar("T")


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
        """`a` made compact in place, and returned. Only for an article no
        one else holds yet (just unpickled, or just analysed): its values
        change identity, never value. In place, because copying each
        mention, block and quotation (`dataclasses.replace`) was most of
        the cost of holding the dossier (10,000 articles read back from
        the cache on every build)."""
        share = self.ints.setdefault
        for b in a.parsed.blocks:
            _set(b, "line", share(b.line, b.line))
            _set(b, "start", share(b.start, b.start))
            _set(b, "end", share(b.end, b.end))
        for m in a.mentions:
            _set(m, "entity_id", sys.intern(m.entity_id))
            _set(m, "surface", sys.intern(m.surface))
            _set(m, "name_form", sys.intern(m.name_form))
            _set(m, "start", share(m.start, m.start))
            _set(m, "end", share(m.end, m.end))
            _set(m, "sentence_start", share(m.sentence_start, m.sentence_start))
            _set(m, "sentence_end", share(m.sentence_end, m.sentence_end))
        for q in a.quotes:
            if q.speaker:
                _set(q, "speaker", sys.intern(q.speaker))
            if q.verb:
                _set(q, "verb", sys.intern(q.verb))
            _set(q, "start", share(q.start, q.start))
            _set(q, "end", share(q.end, q.end))
        return a


def held(articles: tuple[Article, ...]) -> tuple[Article, ...]:
    """The articles with equal strings and offsets shared (in place: see
    `Holder.article`)."""
    holder = Holder()
    return tuple(holder.article(a) for a in articles)


@functools.cache
def _fields(cls: type) -> tuple[str, ...]:
    if cls in LAZY:  # what it holds (its body is read by the copy when asked for, as by it)
        return cls.HELD
    # Setting slots skips `__post_init__`: a class that checks or derives
    # anything there must be copied by `dataclasses.replace`.
    if hasattr(cls, "__post_init__"):
        raise TypeError(f"{cls.__name__} has a __post_init__: copy it with dataclasses.replace")
    return tuple(f.name for f in fields(cls))


def copied(value: T, **changes: object) -> T:
    """`dataclasses.replace` for the frozen slots classes of an article,
    which check nothing after `__init__` (`build.cache.CONSTRUCTED`): a new
    object with the same field values but `changes`, made by setting its
    slots (`replace` asks `fields()` again and calls `__init__`, ten times
    the time). A lazy value (`LazyArticle`) stays lazy unless its body is
    changed."""
    cls = value.__class__
    if cls in LAZY and not changes.keys().isdisjoint(LAZY[cls][1]):
        value = value.plain()
        cls = value.__class__
    return _copier(cls, frozenset(changes))(value, changes)


@functools.cache
def _copier(cls: type, changed: frozenset[str]) -> Callable[[object, dict], object]:
    """A function that copies a value of `cls` with the fields `changed`
    taken from its second argument: the code written out for the class's
    fields, as `dataclasses` writes `__init__`, each slot set by its own
    descriptor (a loop that asked each name whether it changed and got and
    set it by name took three times as long: 2.2 µs a copy, 20,000 copies
    of an add at 10,000 articles)."""
    names = _fields(cls)
    sets = "".join(
        f"    s{i}(o, changes[{name!r}])\n" if name in changed else f"    s{i}(o, value.{name})\n"
        for i, name in enumerate(names)
    )
    setters = ", ".join(f"s{i}=s[{i}]" for i in range(len(names)))
    source = (
        f"def copy(value, changes, new=object.__new__, cls=cls, {setters}):\n"
        f"    o = new(cls)\n{sets}    return o\n"
    )
    scope = {"cls": cls, "s": [getattr(cls, name).__set__ for name in names]}
    exec(source, scope)  # (our own text, made of the class's field names)
    return scope["copy"]


def for_pages(article: Article) -> Article:
    """The article as the pages hold it (linking's dossier, `linking`):
    without its candidates and its words' print (the copy check's MinHash,
    0.55 KB an article), which the copy check and the candidates' summary
    have read and no page shows, nor its terms (a third of an article's
    memory), which linking has counted its outlet's words from. One copy of
    the article and one of its parse, the same object when there is nothing
    to leave out (before: a copy of each to leave out the candidates and the
    print, and a third to leave out the terms: 30,000 copies at 10,000
    articles, 0.07 s of CPU; now 0.02 s). A lazy article (`LazyArticle`)
    reads none of its body to leave it out. (`copied`'s copiers called
    directly: none of these fields is a lazy value's body.)"""
    parsed = article.parsed
    if parsed.text_print:
        parsed = _copier(parsed.__class__, _PRINT)(parsed, _NO_PRINT)
    lazy = article.__class__ is LazyArticle
    if parsed is article.parsed and not article.candidates and (article._bare if lazy else not article.terms):
        return article
    if lazy:
        return _copier(LazyArticle, _LAZY_FOR_PAGES)(
            article, {"parsed": parsed, "candidates": (), "_bare": True}
        )
    return _copier(article.__class__, _FOR_PAGES)(article, {"parsed": parsed, "candidates": (), "terms": ()})


# The fields `for_pages` changes (frozen once: `_copier` is looked up by them).
_PRINT, _NO_PRINT = frozenset({"text_print"}), {"text_print": b""}
_FOR_PAGES = frozenset({"parsed", "candidates", "terms"})
_LAZY_FOR_PAGES = frozenset({"parsed", "candidates", "_bare"})


@dataclass
class HeldMemo:
    """The articles as the build holds them (`Holder.article`: candidates,
    terms and print included), by cache key, from one build to the next:
    `fresh` are those put in by this build (read from their cache file or
    analysed), which the file has not got yet. `stored` counts the entries
    the file holds (stale ones too: an article edited or gone), `frames`
    its pieces, so that `build.cache.HeldFile` knows when to write it whole
    again rather than append. `status`: the file's status when it was read
    whole (its bodies checked, or vouched for by the status the last build
    left it with), which the frame this build appends may vouch for with it."""

    articles: dict[str, Article] = field(default_factory=dict)
    fresh: dict[str, Article] = field(default_factory=dict)
    stored: int = 0
    frames: int = 0
    status: tuple[int, ...] | None = None

    def put(self, key: str, article: Article) -> None:
        self.articles[key] = self.fresh[key] = article


# ------------------------------------------------------------ the bodies, read on demand
#
# What only the pages read of an article (its clean text, blocks, removed
# lines, terms and mentions: its *body*) is kept in the held file beside the
# rest, and read back only when a page, the search index or the export asks
# for it (or linking, for an article changed). An add-one build at 10,000
# articles makes ~75 outputs: it reads a few hundred bodies, not 10,000
# (measured: the bodies were a third of the time the held file took to
# unpickle, and the text most of its memory; then the mentions, 36 an
# article, were most of the objects left: 360,000 of 400,000). The held
# article is the same `Article`: `LazyArticle` and `LazyParsed` are
# subclasses whose body fields are properties that ask their `BodySource`
# (`build.cache`: the held file, by offset, checked; or the article's own
# cache file). Everything else is held as before, and what the view's
# listings read of every article's mentions (`mention_tally`).

# The fields of each class that are its body (the rest is held).
PARSED_BODY = ("text", "blocks", "removed")
ARTICLE_BODY = ("terms", "mentions")


class Body(NamedTuple):
    """An article's body: what only the pages read."""

    text: str
    blocks: tuple[Block, ...]
    removed: tuple[RemovedLine, ...]
    terms: tuple[Term, ...]
    mentions: tuple[Mention, ...]


def body_of(article: Article) -> Body:
    parsed = article.parsed
    return Body(parsed.text, parsed.blocks, parsed.removed, article.terms, article.mentions)


class BodySource(Protocol):
    """Where a held article's body is read from, by its reference (the
    article's cache key first)."""

    def body(self, ref: tuple) -> Body: ...


class _StandsFor:
    """A held value without its body answers as the plain value it stands
    for (`plain`: its body read): equal to it, hashed and shown as it, and
    pickled as it. First among a lazy class's bases, so that these come
    before the dataclass's own."""

    __slots__ = ()
    PLAIN: type

    def plain(self):
        return _plain(self, self.PLAIN)

    def __eq__(self, other: object) -> bool:
        return self.plain() == other if isinstance(other, self.PLAIN) else NotImplemented

    def __hash__(self) -> int:
        return hash(self.plain())

    def __repr__(self) -> str:
        return repr(self.plain())

    def __reduce_ex__(self, protocol):  # pickled as the plain value it stands for
        return _itself, (self.plain(),)


class LazyParsed(_StandsFor, ParsedArticle):
    """A `ParsedArticle` whose text, blocks and removed lines are read from
    `_source` when asked for (made only by `build.cache`, never by calling
    the class: a call, as `dataclasses.replace` makes, gives a plain
    `ParsedArticle`). `_headline`: its `headline`, which every listing of
    it reads (as the article's title), held."""

    __slots__ = ("_source", "_ref", "_headline")
    PLAIN = ParsedArticle
    FIELDS = ("meta", "problems", "published", "site_name", "language", "text_print")  # (held)
    HELD = (*FIELDS, *__slots__)

    def __new__(cls, *args, **kwargs):
        return ParsedArticle(*args, **kwargs)

    text = property(lambda self: self._source.body(self._ref).text)
    blocks = property(lambda self: self._source.body(self._ref).blocks)
    removed = property(lambda self: self._source.body(self._ref).removed)
    headline = property(lambda self: self._headline)
    has_text = property(lambda self: True)  # (made only for an article with blocks)


class LazyArticle(_StandsFor, Article):
    """An `Article` whose terms and mentions are read from `_source` when
    asked for, and whose `parsed` is a `LazyParsed` of the same body.
    `_bare`: held without its terms (`for_pages`). `_tally`: its
    `mention_tally`, held (the view's listings read it of every article)."""

    __slots__ = ("_source", "_ref", "_bare", "_tally")
    PLAIN = Article
    FIELDS = ("parsed", "quotes", "phrases", "candidates")
    HELD = (*FIELDS, *__slots__)

    def __new__(cls, *args, **kwargs):
        return Article(*args, **kwargs)

    terms = property(lambda self: () if self._bare else self._source.body(self._ref).terms)
    mentions = property(lambda self: self._source.body(self._ref).mentions)


# The lazy classes: the plain class each stands for, and the fields of its body.
LAZY = {LazyParsed: (ParsedArticle, PARSED_BODY), LazyArticle: (Article, ARTICLE_BODY)}


def _plain(value: object, cls: type[T]) -> T:
    """The plain value a lazy one stands for (its body read)."""
    new = object.__new__(cls)
    for name in _fields(cls):
        _set(new, name, getattr(value, name))
    return new


def _itself(value: T) -> T:
    return value


def mention_tally(article: Article) -> Mapping[str, int]:
    """Entity id → how many mentions (by name or by title) the article has
    of it, in the order each is first mentioned; a held article's as it
    was tallied when written (its mentions not read)."""
    if isinstance(article, LazyArticle):
        return article._tally
    return Counter(map(_entity_id, article.mentions))  # (in C: a million mentions at 10,000 articles)


_entity_id = attrgetter("entity_id")
