"""What one build lends the next: memos in .cache/, never inputs.

* `ArticleCache`: each analysed article, by a key of everything its
  analysis depends on (see `language.steps`). Written as soon as an
  article is analysed, so a build that fails later keeps that work.
* `HeldFile`: the articles as the build holds them (`analysis.holding.
  HeldMemo`), by the same keys, in one file: what an add-one build reads
  of the 10,000 articles it does not analyse.
* `MemoFile`: a memo of the last build in one file, as
  `repeats.pickle` where each article writes the names the dossier proposes
  (`analysis.candidates.RepeatMemo`), for the spellings of the last build,
  and as `linked.pickle` the last build's linking sums and which article
  was counted in them (`analysis.linking.LinkMemo`), patched by the
  articles changed, and as `copies.pickle` the copy check's index of
  bands (`language.duplicates.CopyMemo`), patched by the articles added.
* `fingerprint_sources`: the fingerprint of every input file, the options
  and the code that the build manifest (`build.manifest`, written after
  each successful build beside its site) records.

Deleting .cache/ (or `--no-cache`) makes a full build with identical
output. A cache file that cannot be read, or holds something else than
expected, counts as absent: a memo can make a build slower, never fail it.
"""

from __future__ import annotations

import contextlib
import copyreg
import dataclasses
import functools
import gc
import hashlib
import io
import itertools
import operator
import pickle
from collections.abc import Iterator
from pathlib import Path
from typing import Generic, TypeVar

from ..analysis.candidates import RepeatMemo
from ..analysis.holding import HeldMemo
from ..analysis.linking import LinkMemo
from ..language.duplicates import CopyMemo
from ..models import article as article_model
from ..models.article import Article
from ..models.curation import ArticleMeta
from ..models.dates import PartialDate
from ..models.identity import code_version
from ..models.inputs import SourceFile, Sources
from .files import replace_file

# The memos kept one to a file (`MemoFile`).
Memo = TypeVar("Memo", RepeatMemo, LinkMemo, CopyMemo)


def article_key(source: SourceFile, meta: ArticleMeta, analysis_identity: str) -> str:
    """From the seed's digest as read (or recorded: `uptodate.SeedDigests`),
    not a second hash of its bytes."""
    digest = hashlib.sha256(analysis_identity.encode())
    digest.update(source.digest)
    digest.update(repr(meta).encode())
    return digest.hexdigest()


# The values an analysed article is made of, many of each (36 mentions an
# article, its blocks, quotations, candidates, terms). Pickled by default, a
# slots dataclass is remade by `dataclasses._dataclass_setstate`, which asks
# `dataclasses.fields()` again for every object: most of the time a build
# spent reading 10,000 articles back. The cache pickles them as their field
# values, and remakes them by setting their slots (`_Slots`; same values).
# Only classes whose every field is an argument of `__init__` and that have
# no `__post_init__` can be remade so (tests/build/test_cache.py checks it)
# and those in `CHECKED`, whose `__post_init__` only checks the values
# (checked when they were first made).
CONSTRUCTED = (
    article_model.Block,
    article_model.RemovedLine,
    article_model.Problem,
    article_model.ParsedArticle,
    article_model.Mention,
    article_model.Candidate,
    article_model.Quote,
    article_model.Term,
    article_model.Article,
    ArticleMeta,
)
CHECKED = (PartialDate,)  # (a date's year, month and day: raises for 30 February)


class _Slots:
    """Values of one frozen slots dataclass made by setting their slots
    (`one`), and many of them as one flat tuple of their fields (`flat`),
    remade from it (`make`). Remade by calling the class, each of the
    600,000 values of 10,000 articles (36 mentions an article, its blocks,
    quotations and terms) was an `__init__` of a frozen class, one
    `object.__setattr__` call per field, and one tuple and call read from
    the pickle per value: most of the time an add-one build took to read
    the held articles. As columns, the pickle reads one tuple per column,
    and each value is made by setting its slots directly (the fields' own
    descriptors; tests/build/test_cache.py compares every kind). The code
    is written out for the class's fields, as `dataclasses` writes
    `__init__` (half the time of a loop over them)."""

    def __init__(self, cls: type):
        self.names = tuple(field.name for field in dataclasses.fields(cls))
        self.width = len(self.names)
        self._fields = operator.attrgetter(*self.names)
        values = ", ".join(f"v{i}" for i in range(self.width))
        setters = ", ".join(f"s{i}=s[{i}]" for i in range(self.width))
        sets = "".join(f"    s{i}(o, v{i})\n" for i in range(self.width))
        source = (
            f"def one(values, new=object.__new__, cls=cls, {setters}):\n"
            f"    {values}, = values\n    o = new(cls)\n{sets}    return o\n"
            f"def make(flat, new=object.__new__, cls=cls, {setters}):\n"
            "    out = []\n    add = out.append\n"
            f"    for {values}, in zip(*[iter(flat)] * {self.width}):\n"
            f"        o = new(cls)\n{sets.replace('    ', '        ')}        add(o)\n"
            "    return tuple(out)\n"
        )
        scope = {"cls": cls, "s": [getattr(cls, name).__set__ for name in self.names]}
        exec(source, scope)  # (our own text, made of the class's field names' count)
        self.one, self.make = scope["one"], scope["make"]

    def flat(self, values: tuple) -> tuple:
        if self.width == 1:  # (attrgetter of one name gives the value, not a tuple)
            return tuple(map(self._fields, values))
        return tuple(itertools.chain.from_iterable(map(self._fields, values)))


# The classes pickled with some fields as columns (`_Slots.flat`): field name → class of its values.
_COLUMNS = {
    article_model.Article: {
        "mentions": article_model.Mention,
        "quotes": article_model.Quote,
        "terms": article_model.Term,
    },
    article_model.ParsedArticle: {"blocks": article_model.Block},
}


@functools.cache
def _slots(cls: type) -> _Slots:
    return _Slots(cls)


@functools.cache
def _columns(cls: type) -> tuple[tuple[int, _Slots], ...]:
    names = [field.name for field in dataclasses.fields(cls)]
    return tuple((names.index(name), _slots(kind)) for name, kind in _COLUMNS.get(cls, {}).items())


def _remade(cls: type, values: tuple) -> object:
    """A value pickled by `_by_slots`, made again."""
    columns = _columns(cls)
    if columns:
        values = list(values)
        for index, column in columns:
            values[index] = column.make(values[index])
    return _slots(cls).one(values)


def _by_slots(cls: type):
    names = tuple(field.name for field in dataclasses.fields(cls))

    def reduce(value: object) -> tuple:
        values = [getattr(value, name) for name in names]
        for index, column in _columns(cls):
            values[index] = column.flat(values[index])
        return _remade, (cls, tuple(values))

    return reduce


@functools.cache
def _dispatch_table() -> dict:
    table = copyreg.dispatch_table.copy()
    table.update({cls: _by_slots(cls) for cls in (*CONSTRUCTED, *CHECKED)})
    return table


def memo_bytes(value: object) -> bytes:
    """An article (or a memo of its values) as the cache keeps it
    (`pickle.loads` reads it back)."""
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL)
    pickler.dispatch_table = _dispatch_table()
    pickler.dump(value)
    return buffer.getvalue()


class ArticleCache:
    """Analysed articles by key, as pickles under `folder` (None: no cache)."""

    def __init__(self, folder: Path | None):
        self.folder = folder

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.pickle"

    def get(self, key: str) -> Article | None:
        if self.folder is None:
            return None
        try:
            with self._path(key).open("rb") as file:
                article = pickle.load(file)
        except Exception:  # absent, damaged or written by another version: analyse again
            return None
        return article if isinstance(article, Article) else None

    def put(self, key: str, article: Article) -> None:
        if self.folder is not None:
            self.put_bytes(key, memo_bytes(article))

    def put_bytes(self, key: str, data: bytes) -> None:
        """An article already made into the cache's bytes (`memo_bytes`)."""
        if self.folder is None:
            return
        with contextlib.suppress(OSError):  # a cache that cannot be written only costs time
            replace_file(self._path(key), data)  # never half-written


@contextlib.contextmanager
def _collector_paused(freeze: bool = False) -> Iterator[None]:
    """No garbage collection while a memo is unpickled: it makes millions
    of objects and no cycle, and every collection the allocations set off
    walks those made before it (at 1,000 articles, two thirds of the time
    `pickle.load` took). `freeze`: every object then tracked is left out
    of the collections that follow (`gc.freeze`) until `gc.unfreeze()`."""
    paused = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if freeze:
            gc.freeze()
        if paused:
            gc.enable()


# The held articles are written in frames of this many (a frame is one
# pickle: equal strings within it are one object when read back).
_FRAME = 1000
# The file is written whole again, rather than appended to, when it holds
# more than this share of entries no article of the build has (edited or
# gone), or this many frames.
_STALE_SHARE, _MAX_FRAMES = 8, 64


def _frame(articles: dict[str, Article]) -> bytes:
    """One frame of `HeldFile`: a head (the code's version, the ints the
    body refers to) and the body, the articles by key, each int above 255
    given by reference to the head's. Pickle writes an int in place
    wherever it occurs: read back, the 10,000 articles' offsets were
    2.5 million int objects (80 MB) instead of a few thousand shared ones
    (`analysis.holding`)."""
    ints: set[int] = set()

    def shared(value: object) -> int | None:
        if value.__class__ is int and value > 255:  # (Python's own small ints are shared already)
            ints.add(value)
            return value
        return None

    body = io.BytesIO()
    pickler = pickle.Pickler(body, protocol=pickle.HIGHEST_PROTOCOL)
    pickler.dispatch_table = _dispatch_table()
    pickler.persistent_id = shared
    pickler.dump(articles)
    head = pickle.dumps((code_version(), sorted(ints)), protocol=pickle.HIGHEST_PROTOCOL)
    return head + body.getvalue()


class HeldFile:
    """The articles as the build holds them, by cache key, in one file
    (`path`; None: no cache) of frames: written whole in frames of
    `_FRAME`, then an add-one build appends one frame of the articles it
    read or analysed afresh, until stale entries or frames are too many
    and it is written whole again. Read back only by the code that wrote
    it; a frame damaged or cut short ends what is read (the articles
    before it are whole, and each is what its key says), and the next
    save writes the file whole."""

    def __init__(self, path: Path | None):
        self.path = path

    def load(self, long_lived: bool = False) -> HeldMemo:
        """The held articles. `long_lived`: they, and every object then
        tracked, are left out of the garbage collector's walks until
        `gc.unfreeze()` (which the caller owes): the 600,000 objects of
        10,000 articles live to the end of the build, and no collection
        can free them; each walk of them took 0.2 s of CPU (a quarter of
        the time an add-one took to read them, and the link stage's walks
        0.04 s more)."""
        memo = HeldMemo()
        if self.path is None:
            return memo
        try:
            file = self.path.open("rb")
        except OSError:
            return memo
        with file, _collector_paused(freeze=long_lived):
            while file.peek(1):  # (empty only at the end)
                try:
                    frame = _read_frame(file)
                except Exception:  # damaged, cut short or of other code: what came before is kept
                    memo.stored = memo.frames = 0  # written whole next time
                    break
                if frame is None:
                    return HeldMemo()  # another version's
                memo.articles.update(frame)
                memo.stored += len(frame)
                memo.frames += 1
        return memo

    def save(self, memo: HeldMemo, keys: tuple[str, ...]) -> None:
        """The file brought up to this build's articles (`keys`, all in
        `memo.articles`): a frame of the fresh ones appended, or written
        whole when it was not read whole or holds too much that is stale."""
        if self.path is None:
            return
        stale = memo.stored - (len(set(keys)) - len(memo.fresh))
        with contextlib.suppress(OSError):  # a cache that cannot be written only costs time
            if not memo.frames or stale > len(keys) // _STALE_SHARE or memo.frames >= _MAX_FRAMES:
                frames = (
                    _frame({key: memo.articles[key] for key in keys[start : start + _FRAME]})
                    for start in range(0, len(keys), _FRAME)
                )
                replace_file(self.path, frames)  # never half-written
            elif memo.fresh:
                with self.path.open("ab") as file:  # one write: a frame cut short is dropped when read
                    file.write(_frame(memo.fresh))


def _read_frame(file) -> dict[str, Article] | None:
    """The next frame's articles by key; None for a frame of other code.
    Raises for a damaged frame, or one cut short."""
    version, ints = pickle.load(file)
    if version != code_version():
        return None
    unpickler = pickle.Unpickler(file)
    unpickler.persistent_load = {value: value for value in ints}.__getitem__
    articles = unpickler.load()
    del unpickler  # (it holds every object of the frame in its memo)
    if not isinstance(articles, dict) or not all(type(a) is Article for a in articles.values()):
        raise ValueError("not a frame of held articles")
    return articles


class MemoFile(Generic[Memo]):
    """A memo of the last build in one file (`path`; None: no cache), of
    type `kind` (`RepeatMemo`, `LinkMemo`: each has a `changed` flag). It
    is read back only by the code that wrote it: one of other code, of
    another type, damaged or absent reads as an empty memo, and the build
    does the work the memo would have saved. Written only when it changed,
    never half-written."""

    def __init__(self, path: Path | None, kind: type[Memo]):
        self.path = path
        self.kind = kind

    def load(self, long_lived: bool = False) -> Memo:
        """The memo (`long_lived`: as `HeldFile.load`'s, left out of the
        collector's walks until `gc.unfreeze()`)."""
        if self.path is not None:
            try:
                with _collector_paused(freeze=long_lived):
                    version, memo = pickle.loads(self.path.read_bytes())
            except Exception:  # absent or damaged
                return self.kind()
            if version == code_version() and isinstance(memo, self.kind):
                memo.changed = False
                return memo
        return self.kind()

    def save(self, memo: Memo) -> None:
        if self.path is None or not memo.changed:
            return
        with contextlib.suppress(OSError):  # a cache that cannot be written only costs time
            replace_file(self.path, memo_bytes((code_version(), memo)))  # never half-written


def fingerprint_sources(sources: Sources, options: object) -> str:
    """Every input file, the options that change the output, and the code."""
    digest = hashlib.sha256(code_version().encode())
    digest.update(repr(options).encode())
    for source in (*sources.seeds, *sources.dossier, *sources.templates):
        digest.update(source.path.encode() + b"\0")
        digest.update(source.digest)
    digest.update(repr(sources.skipped).encode())  # a new one is warned of: build
    return digest.hexdigest()
