"""Seed readers: a seed file's bytes to numbered lines of text.

The reader is chosen by the file's suffix (`SEED_READERS`): plain text
(`.txt`) today. Whatever the format, a reader returns the text a reader of
the page would see, as lines, so that the analyst's line overrides, the
problems reported and the source view all count the same lines. The seed
file itself stays the source of truth and is published byte for byte.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Callable

from ..models.article import Problem
from ..models.errors import DossierError
from ..models.inputs import SourceFile

MAX_ARTICLE_BYTES = 2_000_000

_LINE_BREAK = re.compile(r"\r\n|\r|\n")


@dataclass(frozen=True)
class SeedText:
    """A seed file as text: `raw_text` split by `split_lines` gives the lines
    that line numbers count."""

    raw_text: str
    problems: tuple[Problem, ...]

    @property
    def lines(self) -> list[str]:
        return split_lines(self.raw_text)


def undecodable(source: SourceFile) -> tuple[int, str] | None:
    """Where a file stops being UTF-8: (line, description), or None if it is."""
    try:
        source.data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = source.data[: error.start].count(b"\n") + 1
        return line, f"not UTF-8 text (byte 0x{source.data[error.start]:02x} at offset {error.start})"
    return None


def utf8_text(source: SourceFile) -> str:
    """A dossier file's text; a file that is not UTF-8 is an error at its line."""
    problem = undecodable(source)
    if problem is not None:
        raise DossierError(source.path, *problem)
    return source.data.decode("utf-8").removeprefix("\ufeff")


def split_lines(text: str) -> list[str]:
    # Not str.splitlines(): it also breaks at form feeds and U+2028, which
    # editors do not count, and line numbers in messages must match editors.
    return _LINE_BREAK.split(text)


def read_text_seed(source: SourceFile) -> SeedText:
    """A plain-text seed, decoded leniently.

    One bad file among many should not stop the site: bytes that are not
    UTF-8 become U+FFFD (shown as �) and NUL bytes are dropped, each noted as
    a problem that the build reports and the article page shows.
    """
    problems = []
    text = source.data.decode("utf-8", errors="replace")
    bad = undecodable(source)
    if bad is not None:
        line, description = bad
        problems.append(
            Problem(
                line,
                f"{description}: undecodable bytes are shown as \ufffd",
                "في الملف بايتات ليست نصًا بترميز UTF-8، وتظهر مكانها العلامة \ufffd.",
            )
        )
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        text = text.replace("\x00", "")
        problems.append(Problem(line, "contains NUL bytes: removed", "في الملف بايتات فارغة (NUL) حُذفت."))
    return SeedText(text.removeprefix("\ufeff"), tuple(problems))


# Readers by lowercase file suffix. A new input format is one function here.
SEED_READERS: dict[str, Callable[[SourceFile], SeedText]] = {".txt": read_text_seed}
SEED_SUFFIXES = tuple(sorted(SEED_READERS))


def read_seed(source: SourceFile) -> SeedText:
    """The seed's text by the reader for its suffix; too large a file is an error."""
    if len(source.data) > MAX_ARTICLE_BYTES:
        raise DossierError(
            source.path,
            None,
            f"is {len(source.data) / 1_000_000:.1f} MB; one article may be at most {MAX_ARTICLE_BYTES / 1_000_000:.0f} MB "
            "(is this a whole page or several articles?)",
        )
    return SEED_READERS[PurePosixPath(source.path).suffix.lower()](source)
