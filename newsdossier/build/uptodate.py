"""Whether nothing changed since the last build, known from the files' status alone.

The build's fingerprint (`build.cache.fingerprint_sources`) hashes every input
file, the code and the language data; computing it means reading them all.
After a build, `Stamp.save` records beside the manifest the status of each of
those files (size, modification and change times, inode) and the fingerprint
they gave. The next build compares statuses only: when every file has the
status it had, the fingerprint cannot have changed and the build stops at once,
before importing what a build needs (Jinja, the language tools, the Markdown
parser: most of a no-change build's time was spent importing them).

A changed status only sends the build on to the full check, which reads and
hashes, so a file touched but not changed still costs one full check and then
a new stamp. A file changed in the same clock tick as the stamp was written
could keep its times: a status newer than two seconds before the stamp is
never trusted (git's "racily clean" rule). The change time cannot be set back
by a program, so a file replaced with the same size and modification time is
still seen.

The stamp also keeps the site folder's own statuses as the build left it
(`site_folder.folder_statuses`): while they are the same, the site still
holds only the build's files, and the check that refuses a site someone put
a file into need not walk all of them (`site_folder.check_target`).

This module imports only the standard library and light modules: it is what
an up-to-date build imports.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import os
import pickle
import secrets
import time
from pathlib import Path

from ..language import camel, shipped
from ..models.identity import PACKAGE
from ..models.inputs import is_hidden
from .files import framed, replace_file, sealed, unframed, unsealed

STAMP_VERSION = 3
RACY_NS = 2_000_000_000  # a status this close to the stamp's writing is not trusted
INPUT_FOLDERS = ("seeds", "dossier", "templates")


def _files_under(folder: Path, wanted=lambda name: not is_hidden(name)) -> list[str]:
    """Every file below `folder` (links followed), by path: a superset of what
    `inputs.project.read_sources` reads, so no input escapes the check."""
    found = []
    for directory, folders, names in os.walk(folder, followlinks=True):
        folders.sort()
        within = os.path.join(directory, "")  # (a path joined once a folder, not once a file: 10,000 seeds)
        found.extend([within + name for name in names if wanted(name)])
    found.sort()
    return found


def settled(status: tuple | list, reference_ns: int) -> bool:
    """Whether a file's status can vouch for its bytes: it was last changed
    (modified, or its status changed) at least `RACY_NS` before
    `reference_ns`, a time no later than its bytes were read. A change made
    in the same clock tick as the one before keeps the times; a status that
    recent is not trusted (git's "racily clean" rule). The one place it is
    written: the up-to-date check and the seeds not read again use it."""
    return max(status[1], status[2]) < reference_ns - RACY_NS


def entries_as_set_back(modified_ns: int, set_back_ns: int | None) -> bool:
    """Whether a folder's modification time vouches for its entries: it is
    still the time the build set it to (`backdated_ns`) before swapping the
    site in. An entry added, removed or renamed since sets it to the time
    of that change, which is never that one. Not merely "settled" (old
    enough): statuses taken a while after the swap (the stamp is written
    after the report and the manifest) would hold the time of a file put in
    meanwhile, settled by then, and vouch for it. Its change time is not
    asked (setting the time back changes it, and says nothing of entries)."""
    return set_back_ns is not None and modified_ns == set_back_ns


def backdated_ns() -> int:
    """The modification time a build gives the folders of the site it made,
    just before swapping it in: older than `RACY_NS` by then, and never one
    a later change can give (a change gets the time it is made at), so the
    next build knows from the folders' statuses alone that no entry was
    put into the site (`entries_as_set_back`), however coarse the clock's ticks."""
    return time.time_ns() - RACY_NS - 1_000_000_000


def _status(path: str) -> tuple[int, int, int, int] | None:
    try:
        stat = os.stat(path)
    except OSError:
        return None
    return (stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino)


class Stamp:
    """The status of everything the fingerprint reads, for one site folder."""

    def __init__(self, path: Path, root: Path, context: tuple):
        self.path = path
        self.seeds_folder = str(root / "seeds")
        # Before any status is taken: no file is read before this time.
        self.taken_ns = time.time_ns()
        paths = [
            *(p for folder in INPUT_FOLDERS for p in _files_under(root / folder)),
            *_files_under(PACKAGE, lambda name: name.endswith(".py")),
            *(str(shipped.FOLDER / name) for name in sorted({*shipped.USED, shipped.MANIFEST})),
        ]
        self.statuses = {p: _status(p) for p in paths}
        # What else the fingerprint depends on that is not a file's content:
        # the options, the language data's paths and identity (stat-based).
        self.context = repr(context)

    @classmethod
    def for_build(cls, folder: Path, site_key: str, root: Path, options: tuple, morphology_db, ner_model):
        """The stamp of the site named `site_key` (`BuildOptions.site_key`)."""
        context = (options, str(morphology_db), str(ner_model), camel.data_identity(morphology_db, ner_model))
        return cls(cls.file(folder, site_key), root, context)

    @staticmethod
    def file(folder: Path, site_key: str) -> Path:
        """The stamp of the site named `site_key`, kept in `folder`."""
        return folder / f"{site_key}.stamp.json"

    @functools.cached_property
    def _key(self) -> str:
        """The statuses and the context as one digest; made once (the
        statuses are taken once, in `__init__`), for the check and then the
        save (10 ms at 10,000 seeds each)."""
        digest = hashlib.sha256(self.context.encode())
        digest.update(repr(sorted(self.statuses.items())).encode())
        return digest.hexdigest()

    @functools.cached_property
    def _saved(self) -> dict:
        """The stamp as the last build saved it ({} when there is none of
        this version, or its bytes changed: it is sealed, as its site
        statuses name the folders `site_folder.check_target` compares
        without reading the marker); read once by the quick check
        (`clean_site`, then `current`)."""
        try:
            payload = unsealed(self.path.read_bytes())
            data = json.loads(bytes(payload)) if payload is not None else None
        except (OSError, ValueError):
            return {}
        return data if isinstance(data, dict) and data.get("version") == STAMP_VERSION else {}

    def clean_site(self) -> dict[str, list[int]] | None:
        """The site folder's statuses as the last build left it (whatever
        changed in the inputs since)."""
        statuses = self._saved.get("site")
        return statuses if isinstance(statuses, dict) else None

    def site_set_back_ns(self) -> int | None:
        """The modification time the build that made the site gave its
        folders (`backdated_ns`), for `site_folder.check_target`'s
        `entries_as_set_back`; None when it set none."""
        set_back = self._saved.get("site_set_back_ns")
        return set_back if isinstance(set_back, int) else None

    def current(self, site: Path) -> int | None:
        """The number of seeds of the last build when nothing changed since
        it (and its site is still there); None otherwise."""
        data = self._saved
        try:
            if data["key"] != self._key:
                return None
            written, seeds = int(data["written_ns"]), int(data["seeds"])
        except (ValueError, KeyError, TypeError):
            return None
        if not all(settled(s, written) for s in self.statuses.values() if s):
            return None
        if not (site / "index.html").is_file():
            return None
        return seeds

    def save(self, seeds: int, site: dict[str, list[int]] | None, set_back_ns: int | None = None) -> None:
        """After a build whose fingerprint was checked or recorded. The
        statuses are those taken before the files were read: a file changed
        since has another status, and is read again next time. `site`: the
        site folder's statuses known to be of a clean site (a walk proved
        it, or the build has just swapped it in), or None; `set_back_ns`:
        the time its folders were set back to (`backdated_ns`), if known."""
        stamp = {
            "version": STAMP_VERSION,
            "key": self._key,
            "seeds": seeds,
            "written_ns": time.time_ns(),
            "site": site,
            "site_set_back_ns": set_back_ns,
        }
        self.__dict__.pop("_saved", None)  # what was read before is not this stamp
        with contextlib.suppress(OSError):  # without a stamp the next build only checks in full
            replace_file(self.path, sealed(json.dumps(stamp).encode("utf-8")))

    def forget(self) -> None:
        """Before the site changes, with the manifest."""
        self.__dict__.pop("_saved", None)
        with contextlib.suppress(OSError):
            self.path.unlink()


class SeedDigests:
    """Each seed's digest as the last build read it, by file name, beside the
    status the file had (taken before it was read: `Stamp.statuses`). A
    seed whose status is the same is known by that digest and not read
    again (`known`); a changed status (an edit, a touch, a file replaced or
    moved over it: another inode or change time) is read and hashed. Only
    settled statuses are recorded (`settled`, against the time the statuses
    were taken). Each entry also keeps the digest of the seed's published
    copy (`site.files.seed_on_disk`), which would need its bytes: that one
    is the code's (the copy is made by it), so the record is the code's
    too, and thrown away whole when the code changes.

    The record is a base (`path`: every entry, the code's version and a
    random token) and a delta beside it (`.delta`): frames appended by the
    builds since, each the entries one build changed (None: a seed no
    longer recorded) with the base's token, framed as the manifest's are
    (`files.framed`: its length and its SHA-256).
    An added article appends its one entry (200 bytes) instead of writing
    the 10,000 again (1.6 MB); the base is written whole again when the
    delta has `COMPACT_FRAMES` frames or a quarter of the base's bytes. A
    frame cut short, damaged or of another base (one written since) ends
    the delta: the frames after it are not read (each build's entries are
    true of the files' statuses they name, so a frame not read only costs
    reading its seeds), and the next save writes the base whole."""

    VERSION = 3  # 3: frames as the manifest's (`files.framed`); 2: a length and `sealed` bytes
    COMPACT_FRAMES = 64

    def __init__(self, path: Path | None, stamp: Stamp):
        self.path = path
        self.stamp = stamp
        self._folder = os.path.join(stamp.seeds_folder, "")  # (as `_files_under` joins a seed's path)
        self.recorded: dict[str, tuple] = {}  # name → (size, mtime, ctime, inode, digest, published digest)
        self._token: bytes | None = None  # the base's, when it was read (with its delta: appended to)
        self._base_size = self._delta_size = self._frames = 0
        if path is not None:
            with contextlib.suppress(OSError, ValueError, TypeError, pickle.UnpicklingError, EOFError):
                self._load(path)

    def _load(self, path: Path) -> None:
        data = path.read_bytes()
        payload = unsealed(data)  # (None: its bytes changed, not trusted)
        version, token, recorded = pickle.loads(payload) if payload is not None else (None, None, None)
        if version != self._version() or not isinstance(recorded, dict) or not isinstance(token, bytes):
            return
        with contextlib.suppress(FileNotFoundError):
            self._read_delta(self._delta_path(path).read_bytes(), token, recorded)
        self.recorded, self._token, self._base_size = recorded, token, len(data)

    def _read_delta(self, delta: bytes, token: bytes, recorded: dict[str, tuple]) -> None:
        """The delta's frames applied to `recorded`, to the first that is not whole and of this base."""
        at = 0
        while at < len(delta):
            try:
                payload, end = unframed(delta, at)
            except ValueError:
                break
            frame_token, changes = pickle.loads(payload)
            if frame_token != token or not isinstance(changes, dict):
                break
            _apply(changes, recorded)
            at, self._frames = end, self._frames + 1
        # What follows the last frame read (a frame cut short or damaged) is no frame: written over whole.
        self._delta_size = at if at == len(delta) else -1

    @staticmethod
    def _delta_path(path: Path) -> Path:
        return path.with_name(path.name + ".delta")

    def _version(self) -> tuple[int, str]:
        from ..models.identity import code_version  # (the build's keys have read it already)

        return self.VERSION, code_version()

    def _status(self, name: str) -> tuple | None:
        return self.stamp.statuses.get(self._folder + name)

    def known(self, name: str) -> bytes | None:
        """The seed's digest if its status is the one recorded with it."""
        entry = self.recorded.get(name)
        status = self._status(name)
        return entry[4] if entry is not None and status is not None and entry[:4] == status else None

    def published(self, seed) -> str | None:
        """The digest of a seed's published copy, when recorded for its bytes."""
        entry = self.recorded.get(seed.name)
        return entry[5] if entry is not None and entry[4] == seed.digest else None

    def save(self, seeds, published: dict[str, str]) -> None:
        """After the read: each seed's status (as taken before it was read),
        digest and published digest (`published`, by name), where they
        changed: appended to the delta, or the base written whole."""
        if self.path is None:
            return
        changes = self._changes(seeds, published)
        if not changes:
            return
        _apply(changes, self.recorded)
        with contextlib.suppress(OSError):  # without it the next build reads the seeds it names
            if self._token is None or not self._append(changes):
                self._write_base()

    def _changes(self, seeds, published: dict[str, str]) -> dict[str, tuple | None]:
        """The entries that differ from those recorded (None: no longer
        recorded). A seed not read (`known`: not `held`) keeps its entry: its
        status, digest and published digest (`published`, the one recorded
        for its digest) are those recorded; only the seeds read are looked at."""
        changes: dict[str, tuple | None] = {}
        recorded_seen = 0  # seeds given that have an entry
        for seed in seeds:
            if not seed.held:
                recorded_seen += 1
                continue
            name = seed.name
            recorded_seen += name in self.recorded
            status = self._status(name)
            entry = None
            if status is not None and settled(status, self.stamp.taken_ns):
                entry = (*status, seed.digest, published[name])
            if entry != self.recorded.get(name):
                changes[name] = entry
        if recorded_seen != len(self.recorded):  # an entry of a seed no longer there
            changes.update(dict.fromkeys(self.recorded.keys() - {seed.name for seed in seeds}))
        return changes

    def _append(self, changes: dict[str, tuple | None]) -> bool:
        """One frame appended to the delta; False when the base is to be written whole instead."""
        if (
            self._delta_size < 0
            or self._frames >= self.COMPACT_FRAMES
            or self._delta_size * 4 > self._base_size
        ):
            return False
        frame = b"".join(framed(pickle.dumps((self._token, changes), pickle.HIGHEST_PROTOCOL)))
        with open(self._delta_path(self.path), "ab") as delta:
            delta.write(frame)
        self._delta_size += len(frame)
        self._frames += 1
        return True

    def _write_base(self) -> None:
        """Every entry, under a new token (the frames of the old delta are no
        longer read even if it stays), then the delta removed."""
        token = secrets.token_bytes(8)
        data = sealed(pickle.dumps((self._version(), token, self.recorded), pickle.HIGHEST_PROTOCOL))
        replace_file(self.path, data)
        self._token, self._base_size, self._delta_size, self._frames = token, len(data), 0, 0
        with contextlib.suppress(FileNotFoundError):
            self._delta_path(self.path).unlink()


def _apply(changes: dict[str, tuple | None], recorded: dict[str, tuple]) -> None:
    """A frame's changes made to the entries (None: an entry no longer recorded)."""
    for name, entry in changes.items():
        if entry is None:
            recorded.pop(name, None)
        else:
            recorded[name] = entry
