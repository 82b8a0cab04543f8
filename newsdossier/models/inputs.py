"""What the build reads: every input file, as bytes, read once."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SourceFile:
    """A file as read from disk; `path` is relative to the project root."""

    path: str
    data: bytes


@dataclass(frozen=True)
class Sources:
    """Everything the build reads, read once at the start."""

    root: str
    seeds: tuple[SourceFile, ...]  # sorted by path
    dossier: tuple[SourceFile, ...]  # sorted by path
    templates: tuple[SourceFile, ...]  # sorted by path
    # What seeds/ holds that is not read as an article: files of another kind
    # and folders (a path ending in "/"), sorted; the curation warns of each.
    skipped: tuple[str, ...] = ()

    def dossier_file(self, name: str) -> SourceFile | None:
        return next((f for f in self.dossier if f.path == f"dossier/{name}"), None)
