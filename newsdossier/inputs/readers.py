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

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import PurePosixPath

from ..models.article import Problem
from ..models.dates import DateEvidence
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
    # What a saved web page says of itself (None for plain text): its date
    # as written (read by the language layer), its site's name, the language
    # its markup declares (`<html lang>`).
    dates: DateEvidence | None = None
    site_name: str | None = None
    declared_language: str | None = None

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


# Control characters that are neither line breaks nor tabs: never text.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# Bidi embeddings, overrides and isolates: invisible, pasted in from web
# pages, and an unbalanced one would reorder whatever follows it on a page.
# Removed by a pattern, not `str.translate`: a text without one (nearly every
# text) is scanned, not rebuilt character by character (0.23 → 0.016 ms an article).
_EMBEDDINGS = re.compile("[\u202a-\u202e\u2066-\u2069]")
# What an encoding charset-normalizer names is called in a message.
_ENCODING_NAMES = {
    "cp1256": "Arabic Windows text (Windows-1256)",
    "iso8859_6": "Arabic ISO text (ISO-8859-6)",
    "cp720": "Arabic DOS text (code page 720)",
    "mac_arabic": "Arabic Mac text (Mac Arabic)",
    "cp1252": "Western Windows text (Windows-1252)",
    "cp1254": "Turkish Windows text (Windows-1254)",
    "latin_1": "Latin-1 text (ISO-8859-1)",
}


def without_embeddings(text: str) -> str:
    """`text` without bidi embeddings, overrides and isolates (the site sets
    the direction of everything it shows itself)."""
    return _EMBEDDINGS.sub("", text)


def _looks_like_utf16(data: bytes) -> str | None:
    """'utf-16-le' or 'utf-16-be' for UTF-16 text without a byte-order mark:
    most characters of Arabic, Persian and Latin text have, on one side, a
    zero byte (Latin: 0x00xx) or an Arabic-block byte (0x06xx) or a
    punctuation-block one (0x20xx). A UTF-8 file has such bytes on both sides."""
    pairs = len(data) // 2
    if pairs < 4 or len(data) % 2:
        return None
    for codec, high in (("utf-16-le", 1), ("utf-16-be", 0)):
        side, other = data[high::2], data[1 - high :: 2]
        common = sum(side.count(b) for b in (0, 6, 0x20, 0xFE, 0xFB))
        if common > 0.6 * pairs and other.count(0) < 0.2 * pairs:
            return codec
    return None


def _bad_utf16(text: str, codec: str) -> list[Problem]:
    """A warning at the line of the first lone surrogate (shown as U+FFFD)."""
    at = text.find("\ufffd")
    if at < 0:
        return []
    line = len(split_lines(text[:at]))
    return [
        Problem(
            line,
            f"{codec.upper()} text with a lone surrogate (half of a character): shown as \ufffd",
            "في الملف محرف UTF-16 ناقص، ويظهر مكانه العلامة \ufffd.",
        )
    ]


def decode_seed(data: bytes, declared: str | None = None) -> tuple[str, list[Problem]]:
    """The text of a seed's bytes, and what was wrong with them.

    In order: a byte-order mark (UTF-8, UTF-16); UTF-16 without one; the
    encoding a saved page declares (`declared`), when the bytes are that;
    UTF-8; then, for bytes mostly not UTF-8, the encoding charset-normalizer
    recognises (Windows-1256 and the other Arabic code pages among them).
    A few bad bytes in UTF-8 text are damage: shown as U+FFFD, at their line."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) and not data.startswith(b"\xff\xfe\x00\x00"):
        text = data.decode("utf-16", errors="replace")
        return text, _bad_utf16(text, "utf-16")
    # Before UTF-8: UTF-16 of Arabic or Latin text is mostly bytes below 0x80,
    # which would pass for UTF-8 full of control characters.
    codec = _looks_like_utf16(data)
    if codec is not None:
        note = f"{codec.upper()} text without a byte-order mark: read as such (save it as UTF-8)"
        text = data.decode(codec, errors="replace")
        problems = [Problem(None, note, "النص بترميز UTF-16، وقُرئ على هذا الأساس.")]
        return text, problems + _bad_utf16(text, codec)
    if declared:
        try:
            return data.decode(declared), []
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong or unknown declaration: recognise the bytes instead
    bad = _undecodable_at(data)
    if bad is None:
        return data.decode("utf-8"), []
    as_utf8 = data.decode("utf-8", errors="replace")
    # A few bad bytes in UTF-8 text are damage; mostly bad bytes, another encoding.
    if as_utf8.count("\ufffd") > max(3, len(as_utf8) // 100):
        guess = _recognised(data)
        if guess is not None:
            encoding, text = guess
            name = _ENCODING_NAMES.get(encoding, f"{encoding} text")
            label = name.partition("(")[2].rstrip(")") or encoding
            note = f"not UTF-8 but {name}: read as such (save it as UTF-8)"
            return text, [Problem(None, note, f"النص بترميز {label}، وقُرئ على هذا الأساس.")]
    line, description = bad
    shown = Problem(
        line,
        f"{description}: undecodable bytes are shown as \ufffd",
        "في الملف بايتات ليست نصًا بترميز UTF-8، وتظهر مكانها العلامة \ufffd.",
    )
    return as_utf8, [shown]


def _recognised(data: bytes) -> tuple[str, str] | None:
    """(encoding, text) by charset-normalizer, for bytes that are not UTF-8."""
    from charset_normalizer import from_bytes  # only for the rare file that needs it

    best = from_bytes(data).best()
    if best is None or best.encoding.startswith("utf"):
        return None
    return best.encoding, str(best)


def _undecodable_at(data: bytes) -> tuple[int, str] | None:
    return undecodable(SourceFile("", data))


def _decode(source: SourceFile) -> tuple[str, list[Problem]]:
    return decode_seed(source.data)


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
    """The seed's text by the reader for its suffix.

    Limits by meaning: one article's text, as any reader gives it (the
    extracted text of a saved page), may be at most MAX_ARTICLE_BYTES; a
    file may be larger by what carries no text (a page's markup, scripts,
    styles and inline images: MAX_BYTES), and is refused before it is read."""
    suffix = PurePosixPath(source.path).suffix.lower()
    limit = MAX_BYTES[suffix]
    if len(source.data) > limit:
        kind = "article" if limit == MAX_ARTICLE_BYTES else "saved page"
        raise DossierError(
            source.path,
            None,
            f"is {len(source.data) / 1_000_000:.1f} MB; one {kind} may be at most {limit / 1_000_000:.0f} MB "
            "(is this a whole page or several articles?)",
        )
    seed = SEED_READERS[suffix](source)
    size = len(seed.raw_text.encode("utf-8", errors="replace"))
    if size > MAX_ARTICLE_BYTES:
        raise DossierError(
            source.path,
            None,
            f"its article text is {size / 1_000_000:.1f} MB; one article may be at most "
            f"{MAX_ARTICLE_BYTES / 1_000_000:.0f} MB (is this a whole page or several articles?)",
        )
    return seed
