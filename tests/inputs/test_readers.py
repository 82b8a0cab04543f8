"""Seed files to text: encodings recognised, damage shown, controls dropped."""

from __future__ import annotations

import pytest

from newsdossier.inputs.readers import MAX_ARTICLE_BYTES, read_seed, split_lines, without_embeddings
from newsdossier.models.errors import DossierError
from newsdossier.models.inputs import SourceFile

TEXT = "بوتين يلتقي شي في بكين\nوصل بوتين إلى بكين للقاء شي.\n"

SEEDS = [
    # (bytes, text read, problems reported)
    (TEXT.encode("utf-8"), TEXT, []),
    (b"\xef\xbb\xbf" + TEXT.encode("utf-8"), TEXT, []),
    (TEXT.encode("utf-16"), TEXT, []),
    (
        TEXT.encode("utf-16-be"),
        TEXT,
        ["UTF-16-BE text without a byte-order mark: read as such (save it as UTF-8)"],
    ),
    (
        TEXT.encode("utf-16-le"),
        TEXT,
        ["UTF-16-LE text without a byte-order mark: read as such (save it as UTF-8)"],
    ),
    (
        TEXT.encode("cp1256"),
        TEXT,
        ["not UTF-8 but Arabic Windows text (Windows-1256): read as such (save it as UTF-8)"],
    ),
    (
        TEXT.encode("utf-8").replace("في".encode(), b"\xff"),
        TEXT.replace("في", "\ufffd"),
        ["not UTF-8 text (byte 0xff at offset 27): undecodable bytes are shown as \ufffd"],
    ),
    (
        TEXT.replace("وصل", "و\x00صل\x1b").encode(),
        TEXT,
        ["contains control characters (such as NUL bytes): removed"],
    ),
    (TEXT.replace("وصل", "\u202eوصل\u202c").encode(), TEXT, []),
    (
        b"Latin-1 caf\xe9 text\n",
        "Latin-1 caf\ufffd text\n",
        ["not UTF-8 text (byte 0xe9 at offset 11): undecodable bytes are shown as \ufffd"],
    ),
]


@pytest.mark.parametrize("data, text, problems", SEEDS, ids=range(len(SEEDS)))
def test_seeds_are_read_as_text(data, text, problems):
    seed = read_seed(SourceFile("seeds/a.txt", data))
    assert seed.raw_text == text
    assert [p.message for p in seed.problems] == problems


@pytest.mark.parametrize(
    "text, lines", [("a\r\nb\rc\nd", ["a", "b", "c", "d"]), ("a\fb\u2028c", ["a\fb\u2028c"])]
)
def test_lines_are_counted_as_editors_count_them(text, lines):
    assert split_lines(text) == lines


# Every bidi embedding, override and isolate (U+202A-202E, U+2066-2069) goes; their
# neighbours (U+2029, U+202F, U+2065, U+206A, the marks LRM/RLM/ALM) stay.
@pytest.mark.parametrize("mark", [*"\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"])
def test_every_bidi_embedding_is_dropped(mark):
    assert without_embeddings(f"{mark}بوتين{mark} و{mark}{mark}شي") == "بوتين وشي"


@pytest.mark.parametrize("kept", [*"\u2029\u202f\u2065\u206a\u200e\u200f\u061c", "بوتين وشي", ""])
def test_the_characters_beside_them_are_kept(kept):
    assert without_embeddings(f"أ{kept}ب") == f"أ{kept}ب"


def test_too_large_a_seed_is_an_error():
    with pytest.raises(DossierError, match="one article may be at most 2 MB"):
        read_seed(SourceFile("seeds/a.txt", b"x" * (MAX_ARTICLE_BYTES + 1)))
