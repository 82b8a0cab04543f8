"""The previous build of one site folder, as recorded after it (`BuildManifest`).

What it holds: a fingerprint of every input file, the options that change
the output and the code (when the next build's fingerprint is the same and
the site is still there, nothing can have changed: the build stops at
once), and for every output and search segment its key and what it read,
with the digests of those reads (`site.outputs` and `build.search` reuse
one none of whose inputs changed).

It is kept as a base and a delta beside it. The base is the whole manifest
as one build left it; the delta is a run of entries appended after it, each
what one build changed: the records whose key or reads changed, the paths it
no longer has, and the digests of the reads of the outputs it made that
differ from those the manifest holds. An added article changes about 90 of 40,000 records at
10,000 articles: its build appends them, instead of reading, digesting and
writing the 40,000 again (0.6 + 0.5 + 0.9 s as JSON). When the delta grows
past a fraction of the base (`COMPACT`), the whole manifest is written as a
new base and the delta is removed.

A changed record whose reads are mostly those it had (a page that reads
every article, which an added article adds one read to) is appended as an
edit of them (`_Edit`: the reads it keeps at each end, and those between),
not whole: at 10,000 articles three such pages were 25,000 of an add's
27,000 reads, half of its 650 KB entry, and the delta was folded into a new
base every fifth add (0.13 s of CPU each time).

A kept output's reads need no new digest: it was kept because each of them
has the digest the previous build recorded, so the base and earlier entries
already hold it. An output made again is digested read by read even when its
key and reads are as before: it was made because one of them changed.

Crash safety (a build stopped at any moment leaves the old manifest or the
new one, never a mix, and none that vouches for a site being changed): a
small head file says which base (its generation, a random token each base
is written with) and how many bytes of the delta make the manifest, and is
replaced whole (`replace_file`) after the base or the delta is written.
- before the site changes, `forget` removes the head: a build stopped
  between the swap and `save` leaves no manifest, and the next build is a
  full one;
- without a head, with a base of another generation, or with a delta
  shorter than the head says or any entry within it damaged (each is framed
  by its length and the SHA-256 of its bytes), there is no manifest: a
  delta deleted or damaged never leaves an older manifest vouching for a
  newer site;
- what follows the head's length in the delta (an entry of a build stopped
  before its head was written) is ignored, and written over.

Entries are written with `marshal` (in the build's cache only, and checked
by digest before they are read): 40,000 records read back in a fraction of
the time JSON took. The base is written as frames too, its records a few
thousand a frame, made as they are written: marshalling 35,000 records at
once held 30 MB of buffers at the end of a full build of 10,000 articles,
which was that build's peak.
"""

from __future__ import annotations

import contextlib
import itertools
import marshal
import os
import secrets
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import NamedTuple

from ..site.outputs import OutputRecord
from .files import FRAME_OVERHEAD, framed, replace_file, unframed

# 7: the delta's records as edits (`_Edit`); 6: the base's records in frames of
# RECORDS_PER_FRAME; 5: one frame; 4: one JSON document
VERSION = 7
# Marshalling all the records at once held twice the base in buffers (31 MB more
# at the end of a full build of 10,000 articles, then its peak); a frame of
# a few thousand holds a few MB.
RECORDS_PER_FRAME = 4096
# The delta is folded into a new base when it is larger than this part of it.
COMPACT = 0.25
_MARSHAL = 4  # shared objects written once: each read's name, named by thousands of records

# A record as the manifest keeps it: (key, reads), the reads one string each.
_Record = tuple[str, tuple[str, ...]]
# A changed record is appended as an edit of the reads it had when it keeps
# at least this many of them (fewer: whole, as short).
EDIT_KEEPS = 16


class _Edit(NamedTuple):
    """A record as an edit of the one the manifest holds at its path: its
    new key, and its reads those of the old record's first `head`, then
    `middle`, then the old record's last `tail`."""

    key: str
    head: int
    middle: tuple[str, ...]
    tail: int

    @classmethod
    def of(cls, old: tuple[str, ...], new: _Record) -> _Edit | None:
        """`new` as an edit of the reads `old`, when it keeps `EDIT_KEEPS` or more."""
        reads = new[1]
        limit = min(len(old), len(reads))
        head = 0
        while head < limit and old[head] == reads[head]:
            head += 1
        tail = 0
        while tail < limit - head and old[-1 - tail] == reads[-1 - tail]:
            tail += 1
        if head + tail < EDIT_KEEPS:
            return None
        return cls(new[0], head, reads[head : len(reads) - tail], tail)

    def applied(self, old: tuple[str, ...]) -> _Record:
        """The record, from the reads it edits; ValueError when those cannot be them."""
        if self.head < 0 or self.tail < 0 or self.head + self.tail > len(old):
            raise ValueError("an edit of other reads")
        return self.key, old[: self.head] + self.middle + old[len(old) - self.tail :]


class BuildManifest:
    """The previous build of one site folder (see the module's docstring)."""

    def __init__(self, folder: Path, site: Path, name: str, enabled: bool = True):
        """The manifest of `site` kept in `folder` under `name`
        (`BuildOptions.site_key`)."""
        self.site = site
        self.enabled = enabled
        self.path, self.delta_path, self.head_path, self._legacy = self.files(folder, name)
        self._fingerprint: str | None = None
        self._records: dict[str, _Record] = {}
        self._digests: dict[str, str] = {}
        # Set while what was read is whole and the files are as read: the
        # base's generation and size, and where the delta's next entry goes.
        self._base: tuple[str, int] | None = None
        self._delta_end = 0
        if enabled:
            self._load()

    def _load(self) -> None:
        try:  # absent, damaged, of another version or of another base: no manifest
            version, generation, delta_end = marshal.loads(unframed(self.head_path.read_bytes(), 0)[0])
            data = self.path.read_bytes()
            payload, at = unframed(data, 0)
            base_version, base_generation, fingerprint, digests, count = marshal.loads(payload)
            if version != VERSION or (base_version, base_generation) != (version, generation):
                return
            records: dict[str, _Record] = {}
            while at < len(data):
                payload, at = unframed(data, at)
                records.update(marshal.loads(payload))
            if len(records) != count:  # cut short at a frame's end
                return
            state = _State(fingerprint, records, digests)
            state.apply_delta(self.delta_path, delta_end)
        except Exception:
            return
        self._fingerprint, self._records, self._digests = state.fingerprint, state.records, state.digests
        self._base, self._delta_end = (generation, len(data)), delta_end

    def up_to_date(self, fingerprint: str) -> bool:
        return self.enabled and self._fingerprint == fingerprint and (self.site / "index.html").is_file()

    # The previous build, as `site.outputs.PreviousBuild`.
    def record(self, path: str) -> OutputRecord | None:
        found = self._records.get(path)
        return OutputRecord(*found) if found is not None else None

    def digest(self, read: str) -> str | None:
        return self._digests.get(read)

    def exists(self, path: str) -> bool:
        return (self.site / path).is_file()

    def same_reads(self, same: Callable[[Mapping[str, str]], Iterable[str]]) -> frozenset[str]:
        """The reads that are now what was recorded (`same` given every
        recorded read's digest, `site.lookups.Tables.same_reads`): each row
        compared once, for every record at once (`site.outputs.reused_records`)."""
        return frozenset(same(self._digests))

    def records(self) -> Mapping[str, _Record]:
        """Every output's (key, reads) by path, as recorded (not to be changed)."""
        return self._records

    @staticmethod
    def files(folder: Path, name: str) -> tuple[Path, Path, Path, Path]:
        """The files of the manifest kept in `folder` under `name`: its base,
        delta and head, and the one-document manifest of earlier versions."""
        return tuple(folder / f"{name}{suffix}" for suffix in (".manifest", ".delta", ".head", ".json"))

    def forget(self) -> None:
        """Before the site changes: a build that stops half way (killed, or
        failing after the swap) must not leave a manifest that vouches for
        the old site. The head goes (and the manifest of earlier versions)."""
        for path in (self.head_path, self._legacy):
            try:
                path.unlink()
            except FileNotFoundError:
                pass
            except OSError:
                self._base = None  # the head may still be there: nothing is appended to what it names
                if path == self.head_path:
                    # A head naming no base is no manifest; if even that cannot be
                    # written, the build fails here, before the site changes.
                    self._write_head("", 0)

    def save(
        self,
        fingerprint: str,
        records: Mapping[str, OutputRecord],
        digest: Callable[[str], str],
        refreshed: Mapping[str, str] | None = None,
    ) -> None:
        """Record the build just swapped in: `records` by path, `digest`
        the digest of a read in this build; `refreshed`, the new digests of
        reads found the same under another version (`site.lookups.Tables.same`).
        Only what changed is appended after a manifest read whole; else (or
        when the delta has grown) the whole manifest is written as a new base."""
        if not self.enabled:
            return  # a build without the cache leaves none behind
        changed, fresh, removed = self._changes(records, digest)
        # A kept output's read found the same under a new version: its
        # digest as it is now, so that the next build finds it by its version.
        fresh = {**(refreshed or {}), **fresh}
        # Of those, the digests the manifest does not already hold (a page of
        # every article, made again for one, reads 10,000 rows that did not change).
        known = self._digests.get
        news = {read: value for read, value in fresh.items() if known(read) != value}
        with contextlib.suppress(OSError):  # the next build is simply a full one
            if self._base is not None:
                whole, edits = self._edits(changed)
                entry = marshal.dumps((fingerprint, whole, edits, removed, news), _MARSHAL)
                if self._delta_end + len(entry) + FRAME_OVERHEAD <= COMPACT * self._base[1]:
                    end = _append(self.delta_path, self._delta_end, entry)
                    self._write_head(self._base[0], end)
                    self._delta_end = end
                    return
            self._write_base(fingerprint, records, fresh, digest)

    def _changes(
        self, records: Mapping[str, OutputRecord], digest: Callable[[str], str]
    ) -> tuple[dict, dict[str, str], tuple[str, ...]]:
        """What `save` appends, in one pass over the records (35,000 at
        10,000 articles, all but a hundred kept: three passes and a look-up
        of every old path in the new records were 0.3 s of an added
        article's build): the records that changed, the digests of every
        read of an output made in this build, and the paths no longer made."""
        own = self._records
        changed: dict[str, tuple] = {}
        fresh: dict[str, str] = {}
        present = 0  # records whose path the manifest holds
        for path, r in records.items():
            old = own.get(path)
            if old is not None:
                present += 1
                # A kept record is the manifest's own (its reads the very tuple read): no comparison.
                if old[1] is r.reads and old[0] == r.key:
                    continue
                if old[0] == r.key and old[1] == r.reads:
                    # Made again with the same key and reads: not changed, but
                    # the manifest must learn its reads' new digests (else an
                    # edit undone would compare equal to the digest before the
                    # edit and keep pages showing the edit).
                    fresh.update((read, digest(read)) for read in r.reads if read not in fresh)
                    continue
            changed[path] = (r.key, r.reads)
            fresh.update((read, digest(read)) for read in r.reads if read not in fresh)
        # Every old path is among the new ones when as many of them are: no look-up of each.
        removed = () if present == len(own) else tuple(path for path in own if path not in records)
        return changed, fresh, removed

    def _edits(self, changed: dict[str, _Record]) -> tuple[dict[str, _Record], dict[str, tuple]]:
        """The changed records to append whole, and as edits (`_Edit`, as
        plain tuples) of those the manifest holds at their paths."""
        whole: dict[str, _Record] = {}
        edits: dict[str, tuple] = {}
        for path, record in changed.items():
            old = self._records.get(path)
            edit = _Edit.of(old[1], record) if old is not None else None
            if edit is None:
                whole[path] = record
            else:
                edits[path] = tuple(edit)
        return whole, edits

    def _write_base(
        self,
        fingerprint: str,
        records: Mapping[str, OutputRecord],
        fresh: dict[str, str],
        digest: Callable[[str], str],
    ) -> None:
        """The whole manifest as a new base, then no delta. A kept record's
        reads have the digests the manifest read holds (see the module's
        docstring); others are digested here (all of them after a build
        with no manifest)."""
        old = self._digests if self._base is not None else {}
        digests: dict[str, str] = {}
        for record in records.values():
            for read in record.reads:
                if read not in digests:
                    found = fresh.get(read) or old.get(read)
                    digests[read] = found if found is not None else digest(read)
        generation = secrets.token_hex(8)
        self._base = None  # from here on, what was read is no longer there
        base = _BaseFrames(generation, fingerprint, digests, records)
        replace_file(self.path, base)
        with contextlib.suppress(FileNotFoundError):
            self.delta_path.unlink()  # of the old base (ignored if left behind: the head says 0 bytes)
        self._write_head(generation, 0)
        self._base, self._delta_end = (generation, base.size), 0

    def _write_head(self, generation: str, delta_end: int) -> None:
        replace_file(self.head_path, framed(marshal.dumps((VERSION, generation, delta_end), _MARSHAL)))


class _BaseFrames:
    """The base's bytes, made as they are written: a frame of its version,
    generation, fingerprint, digests and number of records, then the
    records in frames of `RECORDS_PER_FRAME`. `size` once written."""

    def __init__(self, generation: str, fingerprint: str, digests: dict, records: Mapping[str, OutputRecord]):
        self.head = (VERSION, generation, fingerprint, digests, len(records))
        self.records, self.size = records, 0

    def __iter__(self) -> Iterator[bytes]:
        items = iter(self.records.items())
        payload = marshal.dumps(self.head, _MARSHAL)
        while payload:
            for piece in framed(payload):
                self.size += len(piece)
                yield piece
            chunk = {path: (r.key, r.reads) for path, r in itertools.islice(items, RECORDS_PER_FRAME)}
            payload = marshal.dumps(chunk, _MARSHAL) if chunk else b""


class _State:
    """The manifest as its base and delta entries leave it."""

    def __init__(self, fingerprint: str, records: dict, digests: dict):
        if not (isinstance(fingerprint, str) and isinstance(records, dict) and isinstance(digests, dict)):
            raise ValueError("not a manifest")
        self.fingerprint, self.records, self.digests = fingerprint, records, digests

    def apply_delta(self, path: Path, end: int) -> None:
        """Apply the delta's entries up to `end`, in order; ValueError (or
        OSError) when they are not all there and whole."""
        if end == 0:
            return
        with path.open("rb") as file:
            data = file.read(end)
        at = 0
        while at < end:
            payload, at = unframed(data, at)
            fingerprint, changed, edits, removed, digests = marshal.loads(payload)
            # Each edit is of the record as the entries before this one left it.
            edited = {path: _Edit(*edit).applied(self.records[path][1]) for path, edit in edits.items()}
            for gone in removed:
                self.records.pop(gone, None)
            self.records.update(changed)
            self.records.update(edited)
            self.digests.update(digests)
            self.fingerprint = fingerprint
        if at != end:
            raise ValueError("the delta does not end where the head says")


def _append(path: Path, at: int, payload: bytes) -> int:
    """One entry written at `at` in the delta (over anything after it: an
    entry of a build stopped before its head was written); where it ends.
    Raises OSError."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT, 0o666)
    try:
        if os.fstat(fd).st_size < at:
            raise OSError("the delta is shorter than the head says")
        os.ftruncate(fd, at)
        os.lseek(fd, at, os.SEEK_SET)
        data = b"".join(framed(payload))
        written = 0
        while written < len(data):
            written += os.write(fd, data[written:])
    finally:
        os.close(fd)
    return at + len(data)
