import pytest

from newsdossier.language.normalize import key_with_offsets, match_key, name_key

MATCH_KEYS = [
    # (written, key, what it shows)
    ("أوكرانيا", "اوكرانيا", "alef with hamza above"),
    ("إلفيرا", "الفيرا", "alef with hamza below"),
    ("آسيا", "اسيا", "alef madda"),
    ("ٱلصين", "الصين", "alef wasla"),
    ("موسكى", "موسكي", "alef maksura"),
    ("منطقة", "منطقه", "teh marbuta"),
    ("شِي جِين بِينغ", "شي جين بينغ", "diacritics"),
    ("بوتـــين", "بوتين", "tatweel"),
    ("\u200fبوتين\u200e", "بوتين", "bidi marks"),
    ("بو\u200cتين", "بوتين", "zero-width non-joiner"),
    ("«بلا حدود»", '"بلا حدود"', "guillemets"),
    ("“بلا حدود”", '"بلا حدود"', "curly quotes"),
    ("٢٠٢٢", "2022", "Arabic-Indic digits"),
    ("۲۰۲۴", "2024", "Persian digits"),
    ("ﻻ", "لا", "lam-alef ligature (presentation form)"),
    ("ﺑﻜﻴﻦ", "بكين", "presentation forms"),
    ("Sputnik", "sputnik", "Latin case"),
    ("ا\u0654", "ا", "combining hamza above"),
]


@pytest.mark.parametrize("written, key, why", MATCH_KEYS, ids=[c[2] for c in MATCH_KEYS])
def test_match_key(written, key, why):
    assert match_key(written) == key


def test_name_key_splits_words_and_ignores_extra_space():
    assert name_key("  شي   جين\tبينغ ") == ("شي", "جين", "بينغ")


@pytest.mark.parametrize("text", ["وبوتـين", "شِي\u200f جين", "ﻻ بأس", "«الصين»"])
def test_every_key_character_points_back_into_the_text(text):
    key, origins = key_with_offsets(text)
    assert len(key) == len(origins)
    assert all(0 <= o < len(text) for o in origins)
    assert list(origins) == sorted(origins)
    # Each key character comes from the character it points at.
    assert all(key[i] in match_key(text[o]) for i, o in enumerate(origins))


def test_match_key_folds_every_character_as_fold_char_does():
    # match_key folds through a table filled as characters are met
    # (str.translate): the same key as fold_char character by character,
    # for every character of the Basic Multilingual Plane, and the table
    # bounded however many distinct characters a text holds.
    from newsdossier.language import normalize
    from newsdossier.language.spelling import fold_char

    everything = "".join(chr(c) for c in range(0x10000) if not 0xD800 <= c <= 0xDFFF)
    assert match_key(everything) == "".join(fold_char(c) for c in everything)
    assert len(normalize._FOLDS) <= normalize._Folds.LIMIT
    assert match_key("أوكرانيا") == "اوكرانيا"  # past the bound: still folded
