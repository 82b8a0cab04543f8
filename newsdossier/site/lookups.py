"""What a page is made from, recorded while it is made (as Lektor does).

Pages reach the dossier only through `Table`s: mappings that record every
key a page reads. A page is a deterministic function of what it was
declared to be made from and of what it read, so when all of those are the
same in the next build (compared by digest), its previous bytes are its
bytes: `render` reuses them. Nothing is listed by hand, so a template that
starts showing new data makes the page depend on that data by itself.

A read is named ``table:key``; ``table:*`` is a read of the whole table (a
page that iterates over it).

A row's digest (`row_digest`) is taken of its value, not of its repr: an
incremental build compares the digest of every row a kept page read (all
10,000 articles at 10,000), and the repr of an article's dataclasses, built
field by field in Python, was most of that time. A row made from a value
the build already has a key for (an analysed article, by its cache key) is
digested from that key and what was changed in it since (`keyed_digest`),
not read field by field: at 1,000 articles that was 0.16 s of the 0.23 s
an added article's build spent on digests.

A row may also have a version (`Table`'s `versions`): a string that its
value is a function of, which the build knows without reading the value
(linking's sum over an entity's articles, `analysis.linking.Versions`).
Its digest names the version before the value's digest (`versioned`); a
row whose recorded digest names the version it has now is the same, and
its value is not digested (`Tables.same`): at 10,000 articles that was
most of the 0.19 s the reuse check of an added article spent. Versions
only save digesting: two digests are compared by their values' part, so
a row whose version changed and whose value did not is still the same
(and the manifest learns its new digest: `Tables.refreshed`).
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import marshal
from collections.abc import Callable, Iterator, Mapping, Sequence
from enum import Enum
from itertools import repeat
from operator import attrgetter
from typing import NamedTuple

ALL = "*"
_ABSENT = "absent"  # the digest of a row a table has not got


class Recorder:
    def __init__(self):
        self.reads: set[str] = set()
        self.replayed: set[int] = set()  # the memos whose reads were added (see `replay`)


# Every read's name, one string for the whole build: the records of 40,000
# outputs name the same few rows over and over (each output reads the
# site's settings), and each record holds its reads to the manifest.
_read_names: dict[str, str] = {}


_recorders: list[Recorder] = []  # the innermost is the page being made


def read_name(table: str, key: str) -> str:
    """A read's name, ``table:key`` (a table's name has no colon; a key may)."""
    return f"{table}:{key}"


def table_and_key(read: str) -> tuple[str, str]:
    """The table and the key a read's name (`read_name`) names."""
    table, _, key = read.partition(":")
    return table, key


@contextlib.contextmanager
def recording() -> Iterator[Recorder]:
    recorder = Recorder()
    _recorders.append(recorder)
    try:
        yield recorder
    finally:
        _recorders.pop()


def record(read: str) -> None:
    if _recorders:
        _recorders[-1].reads.add(_read_names.setdefault(read, read))


def replay(reads: frozenset[str]) -> None:
    """Record the reads a memo was made of (a memo made once for many
    pages, e.g. a tagger of every entity's names): each page that uses it
    depends on them as if it had made it. Once per recorder and memo."""
    if _recorders and id(reads) not in _recorders[-1].replayed:
        _recorders[-1].replayed.add(id(reads))
        _recorders[-1].reads.update(reads)


# Types marshal writes exactly as they are, each with a type byte and its
# length (marshal refuses their subclasses: an enum member or Markup is
# never taken for its plain value).
_PLAIN = frozenset({str, int, float, bool, type(None), bytes, complex})
_MARSHAL = 2  # no references between objects: the bytes do not depend on which are shared


class _Shape(NamedTuple):
    """A dataclass as `row_digest` reads it: its name and its fields' values."""

    tag: bytes
    values: Callable[[object], tuple]


_shapes: dict[type, _Shape | None] = {}


def _shape(kind: type) -> _Shape | None:
    """How to read a dataclass's fields (None: not a dataclass), once per class."""
    if kind not in _shapes:
        if dataclasses.is_dataclass(kind):
            names = tuple(f.name for f in dataclasses.fields(kind))
            if len(names) == 1:
                values = lambda value, name=names[0]: (getattr(value, name),)  # noqa: E731
            else:
                values = attrgetter(*names) if names else (lambda value: ())
            tag = b"D" + _name(kind)
            _shapes[kind] = _Shape(tag, values)
        else:
            _shapes[kind] = None
    return _shapes[kind]


def row_digest(value: object) -> str:
    """The digest of a row's value: equal values give equal digests in
    every process (no identity, no hash seed); values that differ in a
    field, a type or a class give different ones. Fields are read through
    each dataclass's own field list, and a run of plain values (a tuple of
    mentions, each all strings and numbers) is written by marshal in one
    call. Anything else than dataclasses, enums, tuples, lists, dicts and
    plain values is taken by its repr, as before."""
    hasher = hashlib.sha256()
    _feed(hasher.update, value)
    return hasher.hexdigest()


def keyed_digest(key: str, *changed: object) -> str:
    """The digest of a row that is a function of a cache key (what its
    value was made from, the code aside: every output's key names the
    code) and of `changed`, the parts of it set after it was made: equal
    keys and changes give equal digests; it never equals a `row_digest`
    (64 hexadecimal digits). With nothing changed it is the key itself,
    marked, not hashed again: 20,000 rows at 10,000 articles (each
    article and its counts) were hashed in every build for nothing."""
    if not changed:
        return "keyed:" + key
    hasher = hashlib.sha256(b"keyed\0" + key.encode() + b"\0")
    _feed(hasher.update, changed)
    return hasher.hexdigest()


# A versioned row's digest: "v", its version, "|", its value's digest (which
# never starts with "v": 64 hexadecimal digits, "keyed:…" or "absent").
_VERSIONED, _VALUE = "v", "|"


def versioned(version: str, value: str) -> str:
    """The digest of a row of `version` whose value's digest is `value`."""
    return f"{_VERSIONED}{version}{_VALUE}{value}"


def _value_part(digest: str) -> str:
    """What of a digest is the value's (see `versioned`)."""
    return digest.partition(_VALUE)[2] if digest.startswith(_VERSIONED) else digest


def _feed(put: Callable[[bytes], object], value: object) -> None:
    """Write `value` as self-delimiting, typed bytes (see `row_digest`)."""
    kind = type(value)
    if kind in _PLAIN:
        put(marshal.dumps(value, _MARSHAL))
    elif kind is tuple or kind is list:
        put(b"T" if kind is tuple else b"L")
        _items(put, value)
    elif kind is dict:
        put(b"M")
        _items(put, tuple(value.items()))
    elif (shape := _shape(kind)) is not None:
        put(shape.tag)
        _items(put, shape.values(value))
    elif isinstance(value, Enum):
        put(b"E" + _name(kind))
        _feed(put, value._value_)
    elif isinstance(value, tuple) and hasattr(kind, "_fields"):  # a NamedTuple
        put(b"N" + _name(kind))
        _items(put, tuple(value))
    else:
        put(b"R" + _name(kind))
        put(marshal.dumps(repr(value), _MARSHAL))


def _items(put: Callable[[bytes], object], items: tuple | list) -> None:
    """A sequence: in one marshal call when it holds only plain values; a
    run of one dataclass column by column (the mentions' eight columns,
    not 8 × 77 fields one by one), and so a run of tuples of one length;
    a run of one enum as its values; else item by item. Each way has its
    own tag and its lengths."""
    # (try, not `contextlib.suppress`: a row of plain values, the most digested, took half as long)
    try:
        plain = marshal.dumps(items, _MARSHAL)
    except ValueError:  # marshal: "unmarshallable object" inside
        pass
    else:
        put(b"m" + plain)
        return
    kinds = set(map(type, items))
    if len(kinds) == 1:
        kind = kinds.pop()
        if (shape := _shape(kind)) is not None:
            put(b"k" + shape.tag + len(items).to_bytes(8, "little"))
            for column in zip(*map(shape.values, items), strict=True):
                _items(put, column)
            return
        if kind is tuple and len(lengths := set(map(len, items))) == 1:  # pairs, each (id, quotation)
            put(b"t" + len(items).to_bytes(8, "little") + lengths.pop().to_bytes(8, "little"))
            for column in zip(*items, strict=True):
                _items(put, column)
            return
        if issubclass(kind, Enum):
            with contextlib.suppress(ValueError):
                put(b"n" + _name(kind) + marshal.dumps(list(map(_enum_value, items)), _MARSHAL))
                return
    put(b"e" + len(items).to_bytes(8, "little"))
    for item in items:
        _feed(put, item)


_enum_value = attrgetter("_value_")  # an enum's value, without the `value` property's descriptor


def _name(kind: type) -> bytes:
    return marshal.dumps(f"{kind.__module__}.{kind.__qualname__}", _MARSHAL)


class Table(Mapping):
    """A dossier-wide table pages read from: every read is recorded."""

    def __init__(
        self,
        name: str,
        rows: Mapping[str, object],
        fingerprint: Callable[[object], str] = row_digest,
        keys: Mapping[str, str] | None = None,
        versions: Mapping[str, str] | None = None,
    ):
        """`keys`: for rows that are a function of a cache key alone (an
        article's counts, of its analysis), that key by row: such a row is
        digested from it (`keyed_digest`), not read field by field.
        `versions`: for rows that are a function of a version the build
        knows (see the module's docstring), that version by row; it must
        not contain "|"."""
        self.name = name
        self._rows = dict(rows)
        self._fingerprint = fingerprint
        self._keys = keys or {}
        self._versions = versions or {}
        self._digests: dict[str, str] = {}
        self._values: dict[str, str] = {}  # the digests of a versioned table's rows' values (`_value`)

    def __getitem__(self, key: str):
        record(read_name(self.name, key))
        return self._rows[key]

    def rows(self, keys: Sequence[str]) -> list:
        """`[self[key] for key in keys]`, every read recorded, in one pass:
        the pages an added article remakes read every article of the
        dossier or of a summit (the data index, the network, the summit's
        page: 25,000 calls of `__getitem__` and `record` at 10,000 articles)."""
        if _recorders:
            share = _read_names.setdefault
            names = map(read_name, repeat(self.name), keys)
            _recorders[-1].reads.update([share(read, read) for read in names])
        return list(map(self._rows.__getitem__, keys))

    def __contains__(self, key: object) -> bool:
        record(read_name(self.name, key))
        return key in self._rows

    def get(self, key: str, default=None):
        record(read_name(self.name, key))
        return self._rows.get(key, default)

    def __iter__(self):
        record(read_name(self.name, ALL))
        return iter(self._rows)

    def __len__(self) -> int:
        record(read_name(self.name, ALL))
        return len(self._rows)

    def digest(self, key: str) -> str:
        """The digest of one row ("absent" for a missing one) or of the whole table."""
        found = self._digests.get(key)
        if found is None:
            found = self._value(key)
            if self._versions and (version := self.version(key)) is not None:
                found = versioned(version, found)
            self._digests[key] = found
        return found

    def version(self, key: str) -> str | None:
        """The row's version, if it has one (a missing row has none)."""
        return self._versions.get(key) if self._versions and key in self._rows else None

    def _value(self, key: str) -> str:
        """The digest of a row's value (of the whole table's: its versions
        left out, so that a version changed alone changes no read of it)."""
        found = self._values.get(key)  # (only a versioned table's: others are in `_digests`)
        if found is not None:
            return found
        if key == ALL:
            whole = hashlib.sha256()
            for row in self._rows:
                whole.update(f"{row}={_value_part(self.digest(row))};".encode())
            found = whole.hexdigest()
        elif key not in self._rows:
            found = _ABSENT
        elif key in self._keys:
            found = keyed_digest(self._keys[key])
        else:
            found = self._fingerprint(self._rows[key])
        if self._versions:
            self._values[key] = found
        return found

    def keyed_reads(self) -> dict[str, str]:
        """The digest of each row known by its cache key alone (`keyed_digest`,
        as `digest` makes it), by its read's name, made in one pass; none of
        a versioned table (its digests name versions: `Tables.same`) or of
        keys made when asked for (`site.view._FromArticles`)."""
        if self._versions or type(self._keys) is not dict:
            return {}
        rows = self._rows
        found = {row: keyed_digest(key) for row, key in self._keys.items() if row in rows and row != ALL}
        self._digests.update(found)  # (each its `digest`: asked again by the pages made, not made again)
        return {read_name(self.name, row): digest for row, digest in found.items()}

    def known(self, key: str, digest: str) -> None:
        """`digest`, found to be the row's own without digesting its value
        (`Tables.same`), taken as its digest."""
        if key not in self._digests:
            self._digests[key], self._values[key] = digest, _value_part(digest)

    def digests(self, keys: Sequence[str]) -> list[str]:
        """`digest` of each of `keys`, a row found before answered without a
        call (the quotations' rows name each of their articles: 100,000
        places at 10,000 articles, most of them found before)."""
        known, one = self._digests.get, self.digest
        return [known(key) or one(key) for key in keys]


class Tables:
    """The tables of one build by name, to compute the digest of a read.
    Tables are made through `table`, so none can be left out: a read of a
    table the next build cannot digest would keep its page from ever being
    reused, silently."""

    def __init__(self):
        self._tables: dict[str, Table] = {}
        self._digests: dict[str, str | None] = {}  # by read: 600,000 reads name 39,000 rows
        # Reads found the same as, or changed since, a previous build's (by
        # the previous build's identity: one a build, in practice).
        self._verdicts: dict[int, tuple[set[str], set[str]]] = {}
        # Reads found the same as recorded though their version changed, by
        # their digest now: for the manifest to learn (see `same`).
        self.refreshed: dict[str, str] = {}
        self._keyed: dict[str, str] | None = None  # `_keyed_reads`, once the tables are all made

    def table(
        self,
        name: str,
        rows: Mapping[str, object],
        fingerprint: Callable[[object], str] = row_digest,
        keys: Mapping[str, str] | None = None,
        versions: Mapping[str, str] | None = None,
    ) -> Table:
        if name in self._tables or ":" in name:
            raise ValueError(f"a second table named {name!r}, or a colon in it: a read would be ambiguous")
        self._tables[name] = made = Table(name, rows, fingerprint, keys, versions)
        return made

    def table_named(self, name: str) -> Table:
        return self._tables[name]

    def digest(self, read: str) -> str | None:
        found = self._digests.get(read)
        if found is None:
            name, key = table_and_key(read)
            table = self._tables.get(name)
            found = self._digests[read] = table.digest(key) if table is not None else None
        return found

    def same_reads(self, recorded: Mapping[str, str]) -> list[str]:
        """The reads of `recorded` (each read's digest in a previous build)
        that `same` finds as they were, all at once. Most reads name a row
        known by its cache key (an article, its counts: 20,000 of 35,000 at
        10,000 articles) or one recorded absent (an article's note: 10,000):
        their digests are made in one pass (`Table.keyed_reads`) and they
        are compared here without a call of `same` each (0.145 s for all
        reads one by one, 0.120 s so, at 10,000 articles under load: what
        is left is mostly the pages of entities whose version moved, each
        digested by value); a read of any other row, or whose digest here
        is not the one recorded, is `same`'s."""
        now = self._keyed_reads()
        tables = self._tables
        found, others = [], []
        for read, old in recorded.items():
            digest = now.get(read)
            if digest is not None and digest == old:
                found.append(read)
                continue
            if old == _ABSENT:  # still absent: a table that is there, a row (not the whole) it has not
                name, key = table_and_key(read)
                table = tables.get(name)
                if table is not None and key != ALL and key not in table._rows:
                    found.append(read)
                    continue
            others.append((read, old))
        found += [read for read, old in others if self.same(read, old)]
        return found

    def _keyed_reads(self) -> dict[str, str]:
        """`Table.keyed_reads` of every table, made once (a table made after it
        is compared by `same`: no digest of it is taken for granted)."""
        if self._keyed is None:
            self._keyed = {}
            for table in self._tables.values():
                self._keyed.update(table.keyed_reads())
        return self._keyed

    def same(self, read: str, old: str | None) -> bool:
        """Whether `read` is what a previous build digested as `old`. A
        versioned row whose recorded digest names its version now is, its
        value not digested (see the module's docstring); otherwise the
        values' digests are compared, and a row found the same under
        another version is `refreshed`, so that the next build finds it by
        its version."""
        if old is None:
            return False
        now = self._digests.get(read)
        if now is None:
            name, key = table_and_key(read)
            table = self._tables.get(name)
            if table is None:
                return False
            version = table.version(key)
            if version is not None and old.startswith(versioned(version, "")):
                table.known(key, old)
                self._digests[read] = old
                return True
            now = self._digests[read] = table.digest(key)
        if now == old:
            return True
        if _value_part(now) != _value_part(old):
            return False
        self.refreshed[read] = now
        return True

    def unchanged(
        self, reads: tuple[str, ...], previous_digest: Callable[[str], str | None], of: object
    ) -> bool:
        """Whether every read has the digest `previous_digest` gives it (the
        previous build `of`'s). Each read is compared once a build; a record
        whose reads were all found the same is answered by one set test
        (40,000 records at 10,000 articles, 15 reads each on average)."""
        verdicts = self._verdicts.get(id(of))
        if verdicts is None:  # not made for every record: 35,000 at 10,000 articles
            verdicts = self._verdicts[id(of)] = (set(), set())
        same, changed = verdicts
        if same.issuperset(reads):
            return True
        for read in reads:
            if read in same:
                continue
            if read in changed or not self.same(read, previous_digest(read)):
                changed.add(read)
                return False
            same.add(read)
        return True
