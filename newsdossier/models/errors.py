"""Errors and warnings that point at a file and, where there is one, a line.

Every problem with the analyst's input is reported as ``path:line: message``
so that an editor or a terminal can jump straight to it. The build stops at
the first `DossierError` (before anything is written); a `BuildWarning` is
collected and printed, and the build goes on.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import PurePath

# What a terminal does not show as itself: control characters (C0, DEL,
# C1: ESC starts the sequences that move the cursor or clear a line, CR
# goes back to the line's start), the bidi marks, embeddings, overrides
# and isolates (they reorder what follows them), and the line and
# paragraph separators.
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]")


def printable(text: object) -> str:
    """`text` safe to show in a terminal: every character of `_UNPRINTABLE`
    written as an escape (`\\x1b`, `\\u202e`), so that a file name or a
    value from the analyst's files can neither fake a line of output nor
    reorder one. Used for everything the commands print."""
    return _UNPRINTABLE.sub(_escape, str(text))


def _escape(match: re.Match) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


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

    def __str__(self) -> str:
        return printable(super().__str__())

    def __reduce__(self):
        # Rebuilt from its parts when it crosses from a worker process.
        return (DossierError, (self.path, self.line, self.message))


@dataclass(frozen=True)
class BuildWarning:
    path: str
    line: int | None
    message: str

    def __str__(self) -> str:
        return printable(f"{location(self.path, self.line)}: {self.message}")
