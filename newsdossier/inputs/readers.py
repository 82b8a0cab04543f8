"""Seed readers: a seed file's bytes to numbered lines of text.

The reader is chosen by the file's suffix (`SEED_READERS`): plain text
(`.txt`, copied from a page) and saved web pages (`.html`, `.htm`: "Save
page as" in a browser; see `webpage`). Whatever the format, a reader
returns the text a reader of the page would see, as lines, so that the
analyst's line overrides, the problems reported and the source view all
count the same lines. The seed file itself stays the source of truth and
is published byte for byte.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import PurePosixPath

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
    # What a saved web page says of itself (None for plain text).
    published: dt.date | None = None
    site_name: str | None = None

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


# Arabic letters (the basic block): how a text decoded as Windows-1256 is
# recognised as Arabic rather than noise.
_ARABIC_LETTER = re.compile(r"[\u0621-\u064a]")
_LETTER = re.compile(r"[^\W\d_]")
# Control characters that are neither line breaks nor tabs: never text.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# Bidi embeddings, overrides and isolates: invisible, pasted in from web
# pages, and an unbalanced one would reorder whatever follows it on a page.
_EMBEDDINGS = dict.fromkeys(map(ord, "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"))


def without_embeddings(text: str) -> str:
    """`text` without bidi embeddings, overrides and isolates (the site sets
    the direction of everything it shows itself)."""
    return text.translate(_EMBEDDINGS)


def _looks_like_utf16(data: bytes) -> str | None:
    """'utf-16-le' or 'utf-16-be' for UTF-16 text without a byte-order mark:
    most Arabic and Latin characters have a zero byte on one side."""
    pairs = len(data) // 2
    if pairs < 4 or len(data) % 2:
        return None
    for codec, zero in (("utf-16-le", 1), ("utf-16-be", 0)):
        if data[zero::2].count(0) + data[zero::2].count(6) > 0.6 * pairs:  # Latin: 0x00xx, Arabic: 0x06xx
            return codec
    return None


def _decode(source: SourceFile) -> tuple[str, list[Problem]]:
    """The text of a seed's bytes: UTF-8 (with or without a byte-order mark),
    UTF-16 (with one, or recognised without), Windows-1256 (Arabic Windows,
    recognised by its letters), else UTF-8 with U+FFFD for the bad bytes."""
    data = source.data
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) and not data.startswith(b"\xff\xfe\x00\x00"):
        return data.decode("utf-16", errors="replace"), []
    # Before UTF-8: UTF-16 of Arabic or Latin text is mostly bytes below 0x80,
    # which would pass for UTF-8 full of control characters.
    codec = _looks_like_utf16(data)
    if codec is not None:
        note = f"{codec.upper()} text without a byte-order mark: read as such (save it as UTF-8)"
        return data.decode(codec, errors="replace"), [
            Problem(None, note, "النص بترميز UTF-16، وقُرئ على هذا الأساس.")
        ]
    bad = undecodable(source)
    if bad is None:
        return data.decode("utf-8"), []
    as_utf8 = data.decode("utf-8", errors="replace")
    # A few bad bytes in UTF-8 text are damage; mostly bad bytes, another encoding.
    mostly_utf8 = as_utf8.count("\ufffd") <= max(3, len(as_utf8) // 100)
    as_1256 = data.decode("cp1256", errors="replace")
    letters = len(_LETTER.findall(as_1256))
    if not mostly_utf8 and letters and len(_ARABIC_LETTER.findall(as_1256)) > 0.5 * letters:
        note = "not UTF-8 but Arabic Windows text (Windows-1256): read as such (save it as UTF-8)"
        return as_1256, [Problem(None, note, "النص بترميز Windows-1256، وقُرئ على هذا الأساس.")]
    line, description = bad
    shown = Problem(
        line,
        f"{description}: undecodable bytes are shown as \ufffd",
        "في الملف بايتات ليست نصًا بترميز UTF-8، وتظهر مكانها العلامة \ufffd.",
    )
    return as_utf8, [shown]


def read_text_seed(source: SourceFile) -> SeedText:
    """A plain-text seed, decoded leniently.

    One bad file among many should not stop the site: what cannot be read
    as text is shown as � and control characters (NUL among them) are
    dropped, each noted as a problem that the build reports and the article
    page shows. Bidi embeddings and overrides are dropped silently.
    """
    text, problems = _decode(source)
    control = _CONTROL.search(text)
    if control:
        line = text[: control.start()].count("\n") + 1
        text = _CONTROL.sub("", text)
        problems.append(
            Problem(
                line,
                "contains control characters (such as NUL bytes): removed",
                "في الملف محارف تحكّم (مثل NUL) حُذفت.",
            )
        )
    return SeedText(without_embeddings(text).removeprefix("\ufeff"), tuple(problems))


# Readers by lowercase file suffix. A new input format is one function here.
def read_web_page(source: SourceFile) -> SeedText:
    from .webpage import read_web_page as read  # lxml and trafilatura only when a page is read

    return read(source)


SEED_READERS: dict[str, Callable[[SourceFile], SeedText]] = {
    ".txt": read_text_seed,
    ".html": read_web_page,
    ".htm": read_web_page,
}
SEED_SUFFIXES = tuple(sorted(SEED_READERS))
# A saved page carries its markup, scripts and styles: it may be larger.
MAX_BYTES = {".txt": MAX_ARTICLE_BYTES, ".html": 5 * MAX_ARTICLE_BYTES, ".htm": 5 * MAX_ARTICLE_BYTES}


def read_seed(source: SourceFile) -> SeedText:
    """The seed's text by the reader for its suffix; too large a file is an error."""
    suffix = PurePosixPath(source.path).suffix.lower()
    limit = MAX_BYTES[suffix]
    if len(source.data) > limit:
        raise DossierError(
            source.path,
            None,
            f"is {len(source.data) / 1_000_000:.1f} MB; one article may be at most {limit / 1_000_000:.0f} "
            "MB (is this a whole page or several articles?)",
        )
    return SEED_READERS[suffix](source)
