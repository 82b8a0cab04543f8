"""Errors and warnings that point at a file and, where there is one, a line.

Every problem with the analyst's input is reported as ``path:line: message``
so that an editor or a terminal can jump straight to it. The build stops at
the first `DossierError` (before anything is written); a `BuildWarning` is
collected and printed, and the build goes on.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePath


def location(path: str | PurePath, line: int | None = None) -> str:
    """``path`` or ``path:line``: the prefix of every message."""
    return f"{path}:{line}" if line else str(path)


class DossierError(Exception):
    """Bad input: names the file and, when known, the line."""

    def __init__(self, path: str | PurePath, line: int | None, message: str):
        self.path = str(path)
        self.line = line
        self.message = message
        super().__init__(f"{location(path, line)}: {message}")

    def __reduce__(self):
        # Rebuilt from its parts when it crosses from a worker process.
        return (DossierError, (self.path, self.line, self.message))


@dataclass(frozen=True)
class BuildWarning:
    path: str
    line: int | None
    message: str

    def __str__(self) -> str:
        return f"{location(self.path, self.line)}: {self.message}"
