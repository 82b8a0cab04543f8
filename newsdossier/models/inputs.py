"""What the build reads: every input file, as bytes, read once."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


def is_hidden(name: str) -> bool:
    """A file or folder no one keeps as input (`.git`, `.DS_Store`, an
    editor's `.swp`): never read, never part of the up-to-date check. The
    one place this rule is written."""
    return name.startswith(".")


@dataclass(frozen=True)
class SourceFile:
    """A file as read from disk; `path` is relative to the project root."""

    path: str
    data: bytes

    @property
    def name(self) -> str:
        """The file's name: what follows the last "/" of its posix path (not
        a PurePosixPath each: 0.1–0.3 s for 10,000 seeds in an add-one)."""
        return self.path.rpartition("/")[2]


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
