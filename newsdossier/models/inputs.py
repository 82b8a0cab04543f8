"""What the build reads: every input file, as bytes, read once."""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from enum import Enum

from .errors import DossierError


def is_hidden(name: str) -> bool:
    """A file or folder no one keeps as input (`.git`, `.DS_Store`, an
    editor's `.swp`): never read, never part of the up-to-date check. The
    one place this rule is written."""
    return name.startswith(".")


class SourceFile:
    """A file as read from disk; `path` is relative to the project root.

    A seed whose status is the one the last build recorded (`build.uptodate.
    SeedDigests`) is not read again: it is made with the digest recorded for
    it and the folder it is in (`origin`), and its bytes are read only if a
    stage asks for them (an article analysed again), then refused unless
    they have that digest (the analyst saved over it meanwhile). Every other
    file is made with its bytes. Equal when path and digest are."""

    __slots__ = ("path", "_data", "_digest", "_origin")

    def __init__(self, path: str, data: bytes | None = None, *, digest: bytes | None = None, origin=None):
        if data is None and (digest is None or origin is None):
            raise ValueError("a file not read needs its digest and where to read it")
        self.path = path
        self._data = data
        self._digest = digest
        self._origin = origin

    @property
    def name(self) -> str:
        """The file's name: what follows the last "/" of its posix path (not
        a PurePosixPath each: 0.1–0.3 s for 10,000 seeds in an add-one)."""
        return self.path.rpartition("/")[2]

    @property
    def digest(self) -> bytes:
        """sha256 of its bytes (the one hash of a seed a build makes)."""
        if self._digest is None:
            self._digest = hashlib.sha256(self._data).digest()
        return self._digest

    @property
    def data(self) -> bytes:
        if self._data is None:
            self._data = self._read_back()
        return self._data

    @property
    def held(self) -> bool:
        """Whether its bytes were read (a seed known by its digest alone is not)."""
        return self._data is not None

    def _read_back(self) -> bytes:
        try:
            with open(os.path.join(self._origin, self.path), "rb") as file:
                data = file.read()
        except OSError as error:
            raise DossierError(
                self.path, None, f"could not be read again: {error.strerror}; build again"
            ) from None
        if hashlib.sha256(data).digest() != self._digest:
            raise DossierError(
                self.path, None, "changed while the site was being built: nothing was changed; build again"
            )
        return data

    def __eq__(self, other):
        if not isinstance(other, SourceFile):
            return NotImplemented
        return self.path == other.path and self.digest == other.digest

    def __hash__(self):
        return hash((self.path, self.digest))

    def __repr__(self):
        return f"SourceFile({self.path!r}, digest={self.digest.hex()[:16]})"

    def __reduce__(self):
        # Sent (to a worker, a cluster) with its bytes: the other end may not
        # see the project's folder.
        return (SourceFile, (self.path, self.data))


class Unread(Enum):
    """Why something in seeds/ is not read as an article."""

    FOLDER = "folder"  # a subfolder: the analyst's own
    KIND = "kind"  # a file of another kind (.pdf, .docx)
    NOT_A_FILE = "not a file"  # a broken link, a pipe


@dataclass(frozen=True)
class Skipped:
    """Something in seeds/ that is not read as an article; the build says so."""

    path: str  # relative to the project root
    why: Unread


@dataclass(frozen=True)
class Sources:
    """Everything the build reads, read once at the start."""

    root: str
    seeds: tuple[SourceFile, ...]  # sorted by path
    dossier: tuple[SourceFile, ...]  # sorted by path
    templates: tuple[SourceFile, ...]  # sorted by path
    # What seeds/ holds that is not read as an article, sorted by path; the
    # curation warns of each.
    skipped: tuple[Skipped, ...] = ()

    def dossier_file(self, name: str) -> SourceFile | None:
        return next((f for f in self.dossier if f.path == f"dossier/{name}"), None)
