"""What one build lends the next: memos in .cache/, never inputs.

* `ArticleCache`: each analysed article, by a key of everything its
  analysis depends on (see `language.steps`), in a few append-only pack
  files. Written as soon as an article is analysed, so a build that fails
  later keeps that work.
* `HeldFile`: the articles as the build holds them (`analysis.holding.
  HeldMemo`), by the same keys, in one file: what an add-one build reads
  of the 10,000 articles it does not analyse; their bodies (`holding.Body`)
  read from it only when a page asks (`_Bodies`).
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

import array
import contextlib
import copyreg
import dataclasses
import fcntl
import functools
import hashlib
import io
import itertools
import marshal
import mmap
import operator
import os
import pickle
import re
import secrets
import struct
import time
import zlib
from collections import OrderedDict
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Generic, NamedTuple, TypeVar

from ..analysis.candidates import RepeatMemo
from ..analysis.holding import LAZY, Body, HeldMemo, LazyArticle, LazyParsed, body_of, mention_tally
from ..analysis.linking import LinkMemo
from ..language.duplicates import CopyMemo
from ..models import article as article_model
from ..models.article import Article, Block, Mention, Term
from ..models.collector import collector_paused
from ..models.curation import ArticleMeta
from ..models.dates import PartialDate
from ..models.errors import DossierError
from ..models.identity import code_version
from ..models.inputs import SourceFile, Sources
from .files import replace_file, sealed, unsealed
from .uptodate import backdated_ns

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
    remade from it (`make`), or from one column per field (`zipped`: a held
    frame's heads, `_Heads`). Remade by calling the class, each of the
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
        self.names = _names(cls)
        self.width = len(self.names)
        self._fields = operator.attrgetter(*self.names)
        values = ", ".join(f"v{i}" for i in range(self.width))
        setters = ", ".join(f"s{i}=s[{i}]" for i in range(self.width))
        sets = "".join(f"    s{i}(o, v{i})\n" for i in range(self.width))
        loop = f"        o = new(cls)\n{sets.replace('    ', '        ')}        add(o)\n"
        source = (
            f"def one(values, new=object.__new__, cls=cls, {setters}):\n"
            f"    {values}, = values\n    o = new(cls)\n{sets}    return o\n"
            f"def make(flat, new=object.__new__, cls=cls, {setters}):\n"
            "    out = []\n    add = out.append\n"
            f"    for {values}, in zip(*[iter(flat)] * {self.width}):\n{loop}"
            "    return tuple(out)\n"
            f"def columns(columns, new=object.__new__, cls=cls, {setters}):\n"
            "    out = []\n    add = out.append\n"
            f"    for {values}, in zip(*columns):\n{loop}"
            "    return out\n"
        )
        scope = {"cls": cls, "s": [getattr(cls, name).__set__ for name in self.names]}
        exec(source, scope)  # (our own text, made of the class's field names' count)
        self.one, self.make, self._columns = scope["one"], scope["make"], scope["columns"]

    def flat(self, values: tuple) -> tuple:
        if self.width == 1:  # (attrgetter of one name gives the value, not a tuple)
            return tuple(map(self._fields, values))
        return tuple(itertools.chain.from_iterable(map(self._fields, values)))

    def zipped(self, columns: Mapping[str, Iterable]) -> list:
        """Values made from one column per field (`columns`, by field name:
        each a value's field in turn), as many as the shortest column has."""
        return self._columns(map(columns.__getitem__, self.names))


# The classes pickled with some fields as columns (`_Slots.flat`): field name → class of its values.
# (And a held article's body: `_BODY_COLUMNS`.)
_COLUMNS = {
    article_model.Article: {
        "mentions": article_model.Mention,
        "quotes": article_model.Quote,
        "terms": article_model.Term,
    },
    article_model.ParsedArticle: {"blocks": article_model.Block},
}


def _names(cls: type) -> tuple[str, ...]:
    """The slots a value of `cls` is pickled and remade by: its fields, or
    for a held article without its body what it holds (`holding.LAZY`)."""
    return cls.HELD if cls in LAZY else tuple(field.name for field in dataclasses.fields(cls))


@functools.cache
def _slots(cls: type) -> _Slots:
    return _Slots(cls)


@functools.cache
def _columns(cls: type) -> tuple[tuple[int, _Slots], ...]:
    names = list(_names(cls))
    return tuple((names.index(name), _slots(kind)) for name, kind in _COLUMNS.get(cls, {}).items())


def as_columns(cls: type, values: Iterable) -> dict[str, tuple]:
    """Values of one of the `CONSTRUCTED` classes as one column per field
    (by name, each a value's field in turn), equal field values one object
    (pickled once: a date of 10,000 articles, a summit's id), for
    `from_columns`."""
    values = tuple(values)
    return {name: _shared(map(operator.attrgetter(name), values)) for name in _names(cls)}


def _shared(column: Iterable) -> tuple:
    """A column with its equal values one object (of one type: 1 is not
    True), or as it is when they cannot be hashed."""
    column, share = tuple(column), {}.setdefault
    try:
        return tuple(share((value.__class__, value), value) for value in column)
    except TypeError:
        return column


def from_columns(cls: type, columns: Mapping[str, tuple]) -> list:
    """The values `as_columns` gave the columns of, remade by setting their
    slots (one loop for them all); ValueError when the columns are not of
    one length or not those of `cls`'s fields."""
    if set(columns) != set(_names(cls)) or len({len(column) for column in columns.values()}) > 1:
        raise ValueError(f"columns of {cls.__name__} that do not agree")
    return _slots(cls).zipped(columns)


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
    # A held article without its body is pickled as the plain value it stands for (its body read).
    table.update({lazy: _by_slots(plain) for lazy, (plain, _) in LAZY.items()})
    return table


def memo_bytes(value: object) -> bytes:
    """An article (or a memo of its values) as the cache keeps it
    (`pickle.loads` reads it back)."""
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL)
    pickler.dispatch_table = _dispatch_table()
    pickler.dump(value)
    return buffer.getvalue()


# The analysis cache's packs (`ArticleCache`). An entry is its head (a mark,
# the key's 32 bytes, the payload's length and the CRC-32 of key and
# payload) and the payload (`memo_bytes`), written by one system call.
_ENTRY = struct.Struct("<4s32sII")
_PACK_MARK = b"NDA1"
_PACK = ".pack"
# Packs are merged when there are more than this many (an add-one build
# writes a pack of one entry); entries no key of the build names are
# dropped when they are more than those it does (the cache stays within
# about twice the dossier's analyses).
_MAX_PACKS = 16
# The cache of earlier versions, a file per article (`ab/<key>.pickle`),
# removed once packs are written beside it (none of its keys can be read now).
_OLD_FOLDER = re.compile(r"[0-9a-f]{2}")
_OLD_FILE = re.compile(r"[0-9a-f]{64}\.pickle|\.[0-9a-f]{64}\.pickle\.\d+\.[0-9a-f]{8}\.tmp")


class _Location(NamedTuple):
    """Where an entry's payload is, and what its head says of it."""

    pack: str  # the pack's file name
    offset: int  # of the payload
    length: int
    crc: int


def _read_as(entries: list[tuple[bytes, _Location]], start: int, before: bytes) -> _Indexed:
    """A pack as `_scan` read it from `start`, after the keys `before` (those before `start`)."""
    size = entries[-1][1].offset + entries[-1][1].length if entries else start
    return _Indexed(size, before + b"".join(key for key, _ in entries))


def _scan(path: Path, start: int = 0) -> list[tuple[bytes, _Location]]:
    """The entries of one pack, by their heads, in the order written (from
    `start`, where an entry begins); a head that is not one (damaged) or an
    entry cut short (a build stopped while it wrote) ends the pack: nothing
    after it is trusted. (Mapped: 10,000 heads read in 18 ms, 30 ms by a
    system call each.)"""
    entries = []
    try:
        with path.open("rb") as file:
            size = os.fstat(file.fileno()).st_size
            if size < _ENTRY.size:
                return entries
            with mmap.mmap(file.fileno(), size, access=mmap.ACCESS_READ) as mapped:
                offset, head, name = start, _ENTRY.unpack_from, path.name
                while offset + _ENTRY.size <= size:
                    mark, key, length, crc = head(mapped, offset)
                    start = offset + _ENTRY.size
                    if mark != _PACK_MARK or start + length > size:
                        break
                    entries.append((key, _Location(name, start, length, crc)))
                    offset = start + length
    except (OSError, ValueError):
        pass  # a pack that cannot be read (or shrank while read) holds what was scanned
    return entries


# The packs' index (`_Indexed`, by pack name), written by `ArticleCache.close`:
# the keys each pack held as far as it was read, so that a key in none of
# them (an added article's) is known absent without every entry's head read
# again (20,000 heads at 10,000 articles, a full build's pack and the one
# before it: 0.027 s of CPU). Only a pack the index does not name, or the
# part of one past where it was read, is read. It can only make a build
# slower: a key it wrongly says absent is analysed again; one it says is
# there is looked up in the packs themselves.
_INDEX = "packs.index"
_INDEX_MARK = "packs-1"


class _Indexed(NamedTuple):
    """One pack as far as it was read (`_scan`): its length there, and its
    entries' keys in order, 32 bytes each."""

    size: int
    keys: bytes


_KEY = 32  # bytes: a key as an entry's head holds it (`_ENTRY`)


def _keys_in(keys: bytes) -> list[bytes]:
    return [keys[at : at + _KEY] for at in range(0, len(keys), _KEY)]


def _whole(pack: object) -> bool:
    """Whether an index's value for a pack is one (`_Indexed`) as `close` writes it."""
    return (
        type(pack) is _Indexed
        and type(pack.size) is int
        and type(pack.keys) is bytes
        and not len(pack.keys) % _KEY
    )


def _tidy_needed(stored: int, used: int, packs: int) -> bool:
    """Whether a build's `close` tidies the packs: when the entries no key of
    it names are most of those stored (`_drops`), or the packs are many."""
    return _drops(stored, used) or packs > _MAX_PACKS


def _drops(stored: int, used: int) -> bool:
    return stored - used > used  # most of what is stored is not used


class ArticleCache:
    """Analysed articles by key (`folder`; None: no cache), in a few
    append-only pack files rather than a file per article (a file created
    and renamed per article was 0.9 ms of the build's process each): each
    process appends to a pack of its own (`put`), made when it first
    writes and locked (flock) while it is open, so that another build's
    `close` never merges or removes it. An entry is read back by its key
    (`get`) only when its length and checksum hold: a torn or damaged
    entry counts as absent (the article is analysed again). `close` merges
    the packs when they are many, and drops the entries the build did not
    use when they are most of the cache."""

    def __init__(self, folder: Path | None):
        self.folder = folder
        self._where: dict[bytes, _Location] | None = None  # every entry by key (the last written wins)
        self._stored: dict[str, int] = {}  # how many entries each pack holds (stale and repeated ones too)
        self._old_layout = False  # a folder of the cache of earlier versions is there
        self._readers: dict[str, int] = {}  # open packs, by name
        self._pack: tuple[str, int] | None = None  # this process's pack: its name and descriptor
        self._end = 0  # its length
        self._failed = False  # a write failed: this cache writes no more
        # The other packs' keys (`_Indexed`, by name: from the index and what was read past
        # it, or every head read), all of them, and the keys this process appended, in order.
        self._packs: dict[str, _Indexed] | None = None
        self._known: set[bytes] | None = None
        self._own: list[bytes] = []
        self._recorded: dict[str, _Indexed] = {}  # the index as read

    def _locations(self) -> dict[bytes, _Location]:
        if self._where is None:
            self._where = {}
            with contextlib.suppress(OSError):  # no folder yet: no entry
                names = []
                for entry in os.scandir(self.folder):
                    if entry.name.endswith(_PACK):
                        names.append(entry.name)
                    elif _OLD_FOLDER.fullmatch(entry.name):
                        self._old_layout = True
                own, self._packs, self._known = self._pack and self._pack[0], {}, None
                for name in sorted(names):  # (in the order they were begun)
                    entries = _scan(self.folder / name)
                    self._where.update(entries)
                    self._stored[name] = len(entries)
                    if name != own:
                        self._packs[name] = _read_as(entries, 0, b"")
        return self._where

    def _keys(self) -> set[bytes]:
        """Every key the other packs hold: as the index has them, with what
        was appended past where each was read; a pack it does not name, or
        one shorter than it says, read whole."""
        if self._known is None:
            if self._packs is None:
                self._packs = self._listed(self._read_index())
            self._known = {key for pack in self._packs.values() for key in _keys_in(pack.keys)}
        return self._known

    def _listed(self, recorded: dict[str, _Indexed]) -> dict[str, _Indexed]:
        packs = {}
        own = self._pack and self._pack[0]
        with contextlib.suppress(OSError):  # no folder yet: no pack
            for entry in os.scandir(self.folder):
                if _OLD_FOLDER.fullmatch(entry.name):
                    self._old_layout = True
                if not entry.name.endswith(_PACK) or entry.name == own:
                    continue
                known = recorded.get(entry.name)
                try:
                    size = entry.stat().st_size
                except OSError:  # (gone meanwhile)
                    continue
                if known is None or known.size > size:
                    known = _Indexed(0, b"")
                if known.size < size:
                    known = _read_as(_scan(self.folder / entry.name, known.size), known.size, known.keys)
                packs[entry.name] = known
        return packs

    def _read_index(self) -> dict[str, _Indexed]:
        """The index `close` wrote (empty when there is none, or it is not whole)."""
        try:
            payload = unsealed((self.folder / _INDEX).read_bytes())
            mark, packs = pickle.loads(payload) if payload is not None else (None, None)
        except Exception:  # absent or damaged
            return {}
        if mark != _INDEX_MARK or not isinstance(packs, dict):
            return {}
        if not all(_whole(pack) for pack in packs.values()):
            return {}
        self._recorded = packs
        return packs

    def _save_index(self) -> None:
        """The index brought up to the packs as this process leaves them."""
        packs = dict(self._packs or {})
        if self._pack is not None:
            packs[self._pack[0]] = _Indexed(self._end, b"".join(self._own))
        if packs != self._recorded:
            replace_file(
                self.folder / _INDEX,
                sealed(pickle.dumps((_INDEX_MARK, packs), protocol=pickle.HIGHEST_PROTOCOL)),
            )

    def entries(self) -> set[str]:
        """The keys of the entries the packs hold whole (their checksums unread)."""
        if self.folder is None:
            return set()
        return {key.hex() for key in self._locations()}

    def get(self, key: str) -> Article | None:
        if self.folder is None:
            return None
        raw = bytes.fromhex(key)
        if self._where is None and raw not in self._keys() and raw not in self._own:
            return None  # in no pack (every entry's head not read for it)
        where = self._locations().get(raw)
        try:
            data = self._payload(where, raw) if where is not None else None
            article = pickle.loads(data) if data is not None else None
        except Exception:  # gone, damaged or written by another version: analyse again
            return None
        return article if isinstance(article, Article) else None

    def _payload(self, where: _Location, key: bytes) -> bytes | None:
        """An entry's payload, if its length and checksum hold. Raises OSError."""
        descriptor = self._readers.get(where.pack)
        if descriptor is None:
            descriptor = self._readers[where.pack] = os.open(self.folder / where.pack, os.O_RDONLY)
        data = os.pread(descriptor, where.length, where.offset)
        if len(data) != where.length or zlib.crc32(data, zlib.crc32(key)) != where.crc:
            return None
        return data

    def put(self, key: str, article: Article) -> None:
        if self.folder is not None:
            self.put_bytes(key, memo_bytes(article))

    def put_bytes(self, key: str, data: bytes) -> None:
        """An article already made into the cache's bytes (`memo_bytes`),
        appended to this process's pack by one write: whole, or cut short
        (a stop, a full disk) and never trusted."""
        if self.folder is not None:
            raw = bytes.fromhex(key)
            self._append(raw, data, zlib.crc32(data, zlib.crc32(raw)))

    def _append(self, key: bytes, data: bytes, crc: int) -> None:
        if self._failed:
            return
        head = _ENTRY.pack(_PACK_MARK, key, len(data), crc)
        try:
            name, descriptor = self._pack or self._open_pack()
            written = os.writev(descriptor, (head, data))
            if written != len(head) + len(data):  # what would follow it would be misplaced
                raise OSError("short write")
        except OSError:  # a cache that cannot be written only costs time
            self._failed = True
            return
        if self._where is not None:  # (else read with the pack, when every entry is)
            self._where[key] = _Location(name, self._end + len(head), len(data), crc)
            self._stored[name] = self._stored.get(name, 0) + 1
        self._own.append(key)
        self._end += written

    def _open_pack(self) -> tuple[str, int]:
        self.folder.mkdir(parents=True, exist_ok=True)
        # Named by the time first: packs are read in the order they were begun.
        name = f"{time.time_ns():020d}-{os.getpid()}-{secrets.token_hex(4)}{_PACK}"
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_APPEND
        descriptor = os.open(self.folder / name, flags, 0o666)
        fcntl.flock(descriptor, fcntl.LOCK_EX)  # (new: ours at once; released however the process ends)
        self._pack, self._end = (name, descriptor), 0
        return self._pack

    def close(self, keys: Iterable[str] = ()) -> None:
        """This process's pack ended; and, given every key of the build
        (`keys`), the other packs merged into it when they are more than
        `_MAX_PACKS`, or the entries no key names dropped when they are
        more than those it does (only if the packs were read or written
        to: a build that read every article from the held file reads none
        of them); then the packs' index written (`_INDEX`)."""
        if self.folder is None:
            return
        try:
            if keys and (self._where is not None or self._packs is not None or self._own):
                with contextlib.suppress(OSError):  # a cache that cannot be tidied only costs space
                    live = {bytes.fromhex(key) for key in keys}
                    if self._where is not None or self._tidy_due(live):
                        self._tidy(live)
                    self._save_index()
        finally:
            self._release()

    def _tidy_due(self, live: set[bytes]) -> bool:
        """`_tidy_needed`, asked of the index (every entry's head not read)."""
        known = self._keys()  # (the other packs listed)
        stored = sum(len(pack.keys) for pack in self._packs.values()) // _KEY + len(self._own)
        used = len(live & known) + len(live.intersection(self._own) - known)
        return self._old_layout or _tidy_needed(stored, used, len(self._packs) + bool(self._pack))

    def _release(self) -> None:
        """Every descriptor this cache holds closed (its pack's lock with it)."""
        descriptors = [*self._readers.values(), *([self._pack[1]] if self._pack else [])]
        self._readers, self._pack = {}, None
        for descriptor in descriptors:
            with contextlib.suppress(OSError):
                os.close(descriptor)

    def __del__(self) -> None:
        # A cache only read from (linking's) is dropped without `close`: a
        # long-lived process (`serve`) must not keep its packs open.
        if hasattr(self, "_readers"):
            self._release()

    def _tidy(self, live: set[bytes]) -> None:
        where = self._locations()
        if self._old_layout:
            self._remove_old_layout()
        used = sum(1 for key in live if key in where)
        stored = sum(self._stored.values())
        if not _tidy_needed(stored, used, len(self._stored)):
            return
        drop = _drops(stored, used)
        # Merged into this process's pack: the small packs, each holding less
        # than an eighth of the entries (a full build's pack is not copied
        # for an added article's; at most 8 are larger), or every one when
        # entries are dropped. A pack another process has open is left.
        own = self._pack[0] if self._pack else None
        total = sum(self._stored.values())
        small = [name for name, count in self._stored.items() if drop or count * 8 < total]
        claimed = {}
        try:
            for name in sorted(small):
                if name != own and (descriptor := self._claim(name)) is not None:
                    claimed[name] = descriptor
            for key, location in list(where.items()):
                if location.pack in claimed:
                    data = self._payload(location, key) if key in live or not drop else None
                    if data is not None:  # (a damaged entry is not copied)
                        self._append(key, data, location.crc)
            if not self._failed:  # every entry kept is copied: the packs can go
                for name in claimed:
                    os.unlink(self.folder / name)
                    del self._stored[name]
                    self._packs.pop(name, None)
                self._where = {key: w for key, w in where.items() if w.pack not in claimed}
        finally:
            for descriptor in claimed.values():
                os.close(descriptor)

    def _claim(self, name: str) -> int | None:
        """A pack locked for this process (None: another one has it open)."""
        descriptor = os.open(self.folder / name, os.O_RDONLY)
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(descriptor)
            return None
        return descriptor

    def _remove_old_layout(self) -> None:
        """The files of the cache of earlier versions (`_OLD_FILE`), and
        their folders once empty: nothing else."""
        for folder in os.scandir(self.folder):
            if _OLD_FOLDER.fullmatch(folder.name) and folder.is_dir(follow_symlinks=False):
                for file in os.scandir(folder.path):
                    if _OLD_FILE.fullmatch(file.name) and file.is_file(follow_symlinks=False):
                        os.unlink(file.path)
                with contextlib.suppress(OSError):  # not empty: something else is there
                    os.rmdir(folder.path)
        self._old_layout = False


# The held articles are written in frames of this many (a frame's heads are
# one pickle: equal strings within it are one object when read back).
_FRAME = 1000
# The file is written whole again, rather than appended to, when it holds
# more than this share of entries no article of the build has (edited or
# gone), or this many frames.
_STALE_SHARE, _MAX_FRAMES = 8, 64
# The bodies last read, kept: a page reads its article's text many times.
_RECENT = 256
# The format of the record beside the held file of the status it was left
# with (`HeldFile._vouch`).
_CHECKED_VERSION = 1


class _Bodies:
    """The bodies of the articles read from one held file (`holding.Body`),
    read when asked for: by offset (`os.pread`, which a forked render worker
    may call on the descriptor it inherits, whatever the others read; the
    file this build writes is a new one renamed over it, or appended to, so
    the bytes read stay those the heads describe), each checked against
    the CRC-32 its head records, the last `_RECENT` kept. A body that is not
    what its head says (the file was changed after it was checked at load,
    or was not checked at load: `HeldFile.load`) is read from the article's
    own cache file (`fallback`, by key), and the record that let the file's
    bodies go unchecked at load is removed (`checked`): the next build
    checks them all, leaves that article out and writes the file whole.
    Failing the fallback, the build stops with a message, and the next one
    reads or analyses it again."""

    def __init__(
        self,
        path: Path,
        fd: int,
        fallback: Callable[[str], Article | None] | None,
        checked: Path | None = None,
    ):
        self.path, self.fd, self.fallback, self.checked = path, fd, fallback, checked
        self.recent: OrderedDict[int, Body] = OrderedDict()

    def __del__(self) -> None:
        with contextlib.suppress(OSError):
            os.close(self.fd)

    def raw(self, offset: int, length: int, crc: int) -> bytes | None:
        """A body's bytes, if they are those its head records."""
        try:
            data = os.pread(self.fd, length, offset)
        except OSError:
            data = b""
        if len(data) == length and zlib.crc32(data) == crc:
            return data
        if self.checked is not None:  # (in a forked render worker too: a file of the project's cache)
            with contextlib.suppress(OSError):
                self.checked.unlink()
        return None

    def body(self, key: str, offset: int, length: int, crc: int) -> Body:
        body = self.recent.get(offset)
        if body is not None:
            self.recent.move_to_end(offset)
            return body
        body = self.recent[offset] = self._read(key, offset, length, crc)
        if len(self.recent) > _RECENT:
            self.recent.popitem(last=False)
        return body

    def _read(self, key: str, offset: int, length: int, crc: int) -> Body:
        data = self.raw(offset, length, crc)
        if data is not None:
            with contextlib.suppress(Exception):  # (checked: only code we did not write could fail here)
                return _body_from(data)
        article = self.fallback(key) if self.fallback is not None else None
        if article is None:
            raise DossierError(
                self.path,
                None,
                f"the analysis cache changed while the site was being built (article {key[:12]}): "
                "build again",
            )
        return body_of(article)


class _FrameBodies:
    """The bodies of one frame: a held article's `_source`, its `_ref`
    (key, offset in the frame's bodies, length, CRC-32) read from its file."""

    __slots__ = ("file", "base")

    def __init__(self, file: _Bodies):
        self.file, self.base = file, 0

    def body(self, ref: tuple) -> Body:
        key, offset, length, crc = ref
        return self.file.body(key, self.base + offset, length, crc)

    def raw(self, ref: tuple) -> bytes | None:
        _, offset, length, crc = ref
        return self.file.raw(self.base + offset, length, crc)


# The fields of a held article's body kept as columns (as `_COLUMNS`).
_BODY_COLUMNS = {"blocks": Block, "terms": Term, "mentions": Mention}


def _body_bytes(article: Article) -> bytes | None:
    """An article's body as a frame keeps it (its blocks, terms and
    mentions as columns); None for an article with no text, held whole. A
    held one's bytes are copied as they are (checked), not read and
    pickled again."""
    if article.__class__ is LazyArticle and not article._bare:
        data = article._source.raw(article._ref)
        if data is not None:
            return data
    elif not article.parsed.blocks:
        return None
    body = body_of(article)
    columns = {name: _slots(kind).flat(getattr(body, name)) for name, kind in _BODY_COLUMNS.items()}
    return memo_bytes(tuple(body._replace(**columns)))


def _body_from(data: bytes) -> Body:
    body = Body._make(pickle.loads(data))
    return body._replace(
        **{name: _slots(kind).make(getattr(body, name)) for name, kind in _BODY_COLUMNS.items()}
    )


class _Heads(NamedTuple):
    """A frame's articles as the build holds them but their bodies, by
    key: those with a body as columns (each a tuple of one field's values,
    an article's in turn, by field name), remade as `LazyArticle`s of
    `LazyParsed`s and their `ArticleMeta`s one column-wise loop each
    (`_Slots.zipped`), not one call and one tuple per value (before: 60,000
    values remade one by one at 10,000 articles, half the time the heads
    took to read); those without (no text) whole."""

    keys: tuple[str, ...]  # of the articles with a body, in the columns' order
    meta: dict[str, tuple]  # every field of their `ArticleMeta`s (equal dates one object: pickled once)
    parsed: dict[str, tuple]  # `LazyParsed`'s held fields but `meta`, `_source` and `_ref`
    article: dict[str, tuple]  # `LazyArticle`'s held fields but `parsed`, `quotes` and the body's
    quotes: tuple  # every article's quotations, one after the other, flat (`_Slots.flat`)
    quoted: tuple[int, ...]  # how many quotations each article has
    # Each body's offset in the frame's bodies, its length and CRC-32 (arrays: not int objects).
    offsets: array.array
    lengths: array.array
    crcs: array.array
    whole: dict[str, Article]  # the articles without a body, by key, as they are


# `LazyParsed`'s and `LazyArticle`'s held fields that are not columns of
# `_Heads` but made as the articles are read: their parsed text and meta,
# quotations, body's source and reference (`_bare`: the body written holds
# the terms).
_MADE_AT_READ = frozenset({"meta", "parsed", "quotes", "_source", "_ref", "_bare"})


def _heads(lazy: dict[str, Article], whole: dict[str, Article], bodies: tuple[list, list, list]) -> _Heads:
    """The heads of a frame's articles with a body (`lazy`, their bodies'
    offsets, lengths and CRC-32s in `bodies`) and of those without."""
    articles = tuple(lazy.values())
    parsed = tuple(a.parsed for a in articles)
    metas = tuple(p.meta for p in parsed)
    share = {}.setdefault  # (a few hundred dates for 10,000 articles)
    meta = {name: tuple(map(operator.attrgetter(name), metas)) for name in _names(ArticleMeta)}
    meta["date"] = tuple(share(date, date) for date in meta["date"])
    parsed_columns = {
        name: tuple(map(operator.attrgetter(name), parsed))
        for name in LazyParsed.FIELDS
        if name not in _MADE_AT_READ
    }
    parsed_columns["published"] = tuple(share(date, date) for date in parsed_columns["published"])
    parsed_columns["_headline"] = tuple(p.headline for p in parsed)
    article_columns = {
        name: tuple(map(operator.attrgetter(name), articles))
        for name in LazyArticle.FIELDS
        if name not in _MADE_AT_READ
    }
    # (A plain dict: a Counter would be pickled by its class.)
    article_columns["_tally"] = tuple(dict(mention_tally(a)) for a in articles)
    quotes = _slots(article_model.Quote).flat(
        tuple(itertools.chain.from_iterable(a.quotes for a in articles))
    )
    return _Heads(
        tuple(lazy),
        meta,
        parsed_columns,
        article_columns,
        quotes,
        tuple(len(a.quotes) for a in articles),
        *(array.array("Q", column) for column in bodies),
        whole,
    )


def _frame(articles: dict[str, Article]) -> bytes:
    """One frame of `HeldFile`: a head (the code's version, the ints the
    heads refer to, the heads' length and CRC-32, the bodies' length), the
    articles' heads (`_Heads`), each int above 255 given by reference to
    the head's, then their bodies. Pickle writes an int in place wherever
    it occurs: read back, the 10,000 articles' offsets were 2.5 million int
    objects (80 MB) instead of a few thousand shared ones
    (`analysis.holding`)."""
    bodies = io.BytesIO()
    lazy, whole, places = {}, {}, ([], [], [])
    for key, article in articles.items():
        data = _body_bytes(article)
        if data is None:
            whole[key] = article
            continue
        lazy[key] = article
        for column, value in zip(places, (bodies.tell(), len(data), zlib.crc32(data))):
            column.append(value)
        bodies.write(data)
    ints: set[int] = set()

    def shared(value: object) -> int | None:
        if value.__class__ is int and value > 255:  # (Python's own small ints are shared already)
            ints.add(value)
            return value
        return None

    heads = io.BytesIO()
    pickler = pickle.Pickler(heads, protocol=pickle.HIGHEST_PROTOCOL)
    pickler.dispatch_table = _dispatch_table()
    pickler.persistent_id = shared
    pickler.dump(_heads(lazy, whole, places))
    # The heads' length and CRC-32 in the head: a byte changed in them that
    # still unpickles (a quotation's text, a tally's count) is not read back
    # as another value (the bodies carry their own checksums).
    held = heads.getbuffer()
    head = pickle.dumps(
        (code_version(), sorted(ints), len(held), zlib.crc32(held), bodies.tell()),
        protocol=pickle.HIGHEST_PROTOCOL,
    )
    return b"".join((head, held, bodies.getbuffer()))  # (one copy of the pieces, not two)


class HeldFile:
    """The articles as the build holds them, by cache key, in one file
    (`path`; None: no cache) of frames: written whole in frames of
    `_FRAME`, then an add-one build appends one frame of the articles it
    read or analysed afresh, until stale entries or frames are too many
    and it is written whole again. Read back only by the code that wrote
    it; a frame damaged or cut short ends what is read (the articles
    before it are whole, and each is what its key says), and the next
    save writes the file whole. Each article's body is read only when asked
    for (`_Bodies`), and checked then. Every body is checked when the file
    is read too, and an article whose body is not what its head says is
    left out (read from its own cache file, `fallback`, or analysed again),
    unless the file's status is the one the build that last wrote it left
    (`_vouched`): its bodies are then those that build wrote or checked.
    A frame's heads are checked whenever it is read."""

    def __init__(self, path: Path | None, fallback: Callable[[str], Article | None] | None = None):
        self.path = path
        self.fallback = fallback
        # The status the file was last written with (`_vouch`), beside it.
        self.checked = path.with_name(path.name + ".checked") if path is not None else None

    def load(self, long_lived: bool = False) -> HeldMemo:
        """The held articles. `long_lived`: they, and every object then
        tracked, are left out of the garbage collector's walks until
        `gc.unfreeze()` (which the caller owes): the 600,000 objects of
        10,000 articles live to the end of the build, and no collection
        can free them; each walk of them took 0.2 s of CPU (a quarter of
        the time an add-one took to read them, and the link stage's walks
        0.04 s more). The file is mapped while it is read: its bodies are
        checked where they are, not copied first (71 MB at 10,000 articles:
        0.03 s of CPU), and not at all when the file's status vouches for
        them (`_vouched`: each body is still checked when it is read)."""
        memo = HeldMemo()
        if self.path is None:
            return memo
        try:
            file = self.path.open("rb")
            status = _status(os.fstat(file.fileno()))
            mapped = mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ)
        except (OSError, ValueError):  # absent, or empty
            return memo
        lost, check = 0, not self._vouched(status)
        with file, mapped, collector_paused(freeze=long_lived):
            bodies = _Bodies(self.path, os.dup(file.fileno()), self.fallback, self.checked)
            while mapped.tell() < len(mapped):
                try:
                    frame = _read_frame(mapped, bodies, check)
                except Exception:  # damaged, cut short or of other code: what came before is kept
                    memo.stored = memo.frames = 0  # written whole next time
                    break
                if frame is None:
                    return HeldMemo()  # another version's
                articles, damaged = frame
                memo.articles.update(articles)
                memo.stored += len(articles) + damaged
                memo.frames += 1
                lost += damaged
        if lost:
            memo.stored = memo.frames = 0  # written whole next time
        if memo.frames:  # read whole: what a frame appended may vouch for
            memo.status = status
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
                self._vouch()  # (every byte of it this build's own)
            elif memo.fresh:
                # Vouched for only if still as it was read whole (another
                # build may have appended meanwhile): then every byte of it
                # was checked or vouched for then, or is this frame.
                still = memo.status is not None and memo.status == _status(os.stat(self.path))
                with self.path.open("ab") as file:  # one write: a frame cut short is dropped when read
                    file.write(_frame(memo.fresh))
                if still:
                    self._vouch()

    def _vouch(self) -> None:
        """The file just written left as the next build may trust its bodies
        without reading them (`_vouched`): its modification time set back
        past the racy window (`uptodate.backdated_ns`), which any later
        write replaces with the time of that write, and its status then
        recorded beside it. Raises OSError."""
        set_back = backdated_ns()
        os.utime(self.path, ns=(set_back, set_back))
        status = _status(os.stat(self.path))
        replace_file(self.checked, sealed(marshal.dumps((_CHECKED_VERSION, set_back, status))))

    def _vouched(self, status: tuple[int, ...]) -> bool:
        """Whether the file's status (`status`, taken as it was opened) is
        the one the build that last wrote it recorded (`_vouch`), its
        modification time still the one set back: no byte of it was written
        since, and its bodies are those that build wrote or checked. (A
        body is checked when read, whatever this says.)"""
        try:
            payload = unsealed(self.checked.read_bytes())
            recorded = marshal.loads(payload) if payload is not None else None
        except (OSError, ValueError, EOFError, TypeError):  # absent or damaged: checked
            return False
        return recorded == (_CHECKED_VERSION, status[_MODIFIED], status)


# Which of a held file's status (`_status`) is its modification time.
_MODIFIED = 3


def _status(stat: os.stat_result) -> tuple[int, ...]:
    """What a write to the file changes of its status: its device and inode
    (a file renamed over it), size, modification and change times."""
    return (stat.st_dev, stat.st_ino, stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns)


def _read_frame(
    mapped: mmap.mmap, bodies: _Bodies, check: bool = True
) -> tuple[dict[str, Article], int] | None:
    """The next frame's articles by key (read from where `mapped` is, and
    past it), and how many were left out for a body that is not what its
    head says (`check`: else its bodies are checked only when read); None
    for a frame of other code. Raises for a damaged frame, or one cut short."""
    head = pickle.load(mapped)
    if head[0] != code_version():
        return None
    _, ints, heads_length, heads_crc, length = head
    start = mapped.tell()
    base = start + heads_length
    if base + length > len(mapped):
        raise ValueError("a frame cut short")
    with memoryview(mapped) as view:
        if zlib.crc32(view[start:base]) != heads_crc:
            raise ValueError("a frame's heads changed")
        table = {value: value for value in ints}
        unpickler = pickle.Unpickler(mapped)
        unpickler.persistent_load = table.__getitem__
        heads = unpickler.load()
        del unpickler  # (it holds every object of the frame in its memo)
        if not isinstance(heads, _Heads) or mapped.tell() != base:
            raise ValueError("not a frame of held articles")
        damaged = _damaged(heads, view[base : base + length]) if check else set()
    mapped.seek(base + length)
    frame = _FrameBodies(bodies)
    frame.base = base
    articles = _articles(heads, frame)
    for key in damaged:
        del articles[key]
    return articles, len(damaged)


def _damaged(heads: _Heads, bodies: memoryview) -> set[str]:
    """The keys of a frame's articles whose body (in `bodies`, the frame's)
    is not what its head says."""
    return {
        key
        for key, offset, size, crc in zip(heads.keys, heads.offsets, heads.lengths, heads.crcs)
        if offset + size > len(bodies) or zlib.crc32(bodies[offset : offset + size]) != crc
    }


def _articles(heads: _Heads, frame: _FrameBodies) -> dict[str, Article]:
    """A frame's articles made from their heads, by key: each with a body a
    `LazyArticle` of a `LazyParsed` whose body `frame` reads."""
    count = len(heads.keys)
    columns = (*heads.meta.values(), *heads.parsed.values(), *heads.article.values(), heads.quoted)
    if any(len(column) != count for column in (*columns, heads.offsets, heads.lengths, heads.crcs)):
        raise ValueError("a frame's columns of other lengths")  # (zip would stop at the shortest)
    if len(heads.quotes) != sum(heads.quoted) * _slots(article_model.Quote).width:
        raise ValueError("a frame's quotations of another count")
    refs = tuple(zip(heads.keys, heads.offsets.tolist(), heads.lengths.tolist(), heads.crcs.tolist()))
    quoted, quotes, at = _slots(article_model.Quote).make(heads.quotes), [], 0
    for count in heads.quoted:
        quotes.append(quoted[at : at + count])
        at += count
    given = {"_source": itertools.repeat(frame), "_ref": refs}
    metas = _slots(ArticleMeta).zipped(heads.meta)
    parsed = _slots(LazyParsed).zipped({**heads.parsed, **given, "meta": metas})
    lazy = {**heads.article, **given, "parsed": parsed, "quotes": quotes, "_bare": itertools.repeat(False)}
    articles = dict(zip(heads.keys, _slots(LazyArticle).zipped(lazy)))
    if not all(isinstance(article, Article) for article in heads.whole.values()):
        raise ValueError("not a frame of held articles")
    articles.update(heads.whole)
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
                payload = unsealed(self.path.read_bytes())
                if payload is None:  # another format, or its bytes changed: not trusted
                    return self.kind()
                with collector_paused(freeze=long_lived):
                    version, memo = pickle.loads(payload)
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
            replace_file(self.path, sealed(memo_bytes((code_version(), memo))))  # never half-written


def fingerprint_sources(sources: Sources, options: object) -> str:
    """Every input file, the options that change the output, and the code."""
    digest = hashlib.sha256(code_version().encode())
    digest.update(repr(options).encode())
    for source in (*sources.seeds, *sources.dossier, *sources.templates):
        digest.update(source.path.encode() + b"\0")
        digest.update(source.digest)
    digest.update(repr(sources.skipped).encode())  # a new one is warned of: build
    return digest.hexdigest()
