"""Arabic spelling rules, in one place: which characters are letters, which
are invisible, how each character folds for matching, and which proclitics
are written fused to the next word.

Every module that needs one of these rules takes it from here: the match
keys (`normalize`), the tokenizer, the tagger, the finders of names and the
search index. The browser's search script needs the same rules to read a
query the way the index read the texts: `browser_rules` gives them as one
JSON-able value, written into the site at build time (never re-typed in
JavaScript), and a test runs the script's fold against `match_key` on the
same words.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from . import camel, fold_table

# ------------------------------------------------------------ letter classes

# The Arabic letters proper, hamza to yeh (U+0621–U+064A), as the body of a
# regular-expression class; both Python and JavaScript read it.
ARABIC_LETTERS = "\u0621-\u064a"
ARABIC_LETTER = re.compile(f"[{ARABIC_LETTERS}]")

TATWEEL = "\u0640"

# The marks that sit inside an Arabic word: Quranic marks, harakat and
# shadda, superscript alef, small high marks.
WORD_MARKS = "\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed"

# Bidi controls and zero-width characters: invisible, and copied in from web
# pages at random. ZWNJ and ZWJ also sit inside words.
BIDI_CONTROLS = frozenset(
    "\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u061c\ufeff"
)
JOINERS = "\u200c\u200d"

# A word: letters and digits of any script, with the marks and joiners that
# sit inside Arabic words. Punctuation, hyphens and slashes separate words.
WORD_PATTERN = rf"(?:[^\W_]|[{WORD_MARKS}{TATWEEL}{JOINERS}])+"

# ---------------------------------------------------------------- folds

# Every double or single quotation mark folds to ASCII ". Arabic text uses
# « », “ ”, „ and ″ interchangeably.
QUOTE_FOLDS = dict.fromkeys("«»“”„‟″〝〞＂", '"') | dict.fromkeys("‘’‚‛′", "'")

# Arabic-Indic (U+0660..) and Extended Arabic-Indic (Persian, U+06F0..) digits.
DIGIT_FOLDS = {chr(0x0660 + i): str(i) for i in range(10)} | {chr(0x06F0 + i): str(i) for i in range(10)}


def _covered(ranges) -> frozenset[int]:
    return frozenset(code for first, last in ranges for code in range(first, last + 1))


# camel-tools' folds of the common scripts, generated from it (`make folds`):
# a build that analyses no article then never imports camel-tools. Used
# only when made with the camel-tools version installed.
_TABLE = fold_table.FOLDS if camel.installed_version() == fold_table.CAMEL_TOOLS_VERSION else {}
_COVERED = _covered(fold_table.RANGES) if _TABLE else frozenset()


def _camel_fold(char: str) -> str:
    code = ord(char)
    return _TABLE.get(code, char) if code in _COVERED else camel.fold(char)


@lru_cache(maxsize=4096)
def fold_char(char: str) -> str:
    """The match key of one character: '' for characters that do not count
    (bidi controls, tatweel, diacritics); alef forms, teh marbuta and alef
    maqsura folded as camel-tools folds them; digits to ASCII; quotation
    marks to ASCII; everything case-folded."""
    if char in BIDI_CONTROLS or char == TATWEEL:
        return ""
    if char in QUOTE_FOLDS:
        return QUOTE_FOLDS[char]
    if char in DIGIT_FOLDS:
        return DIGIT_FOLDS[char]
    text = _camel_fold(char)
    # NFKC or the cleaning map can leave marks camel's dediac does not list
    # (hamza above/below as combining marks, superscript alef).
    text = "".join(
        c for c in text if not unicodedata.combining(c) and c not in BIDI_CONTROLS and c != TATWEEL
    )
    return text.casefold()


# ------------------------------------------------------------ proclitics

# Conjunctions written fused to the next word (وقال، فأضاف).
CONJUNCTIONS = ("و", "ف")
# Prepositions written fused to the next word (بالصين، لروسيا، كشريك).
PREPOSITIONS = ("ب", "ل", "ك")
ARTICLE = "ال"
# ل + ال is written لل: the article's alef is not written (للصين).
FUSED_ARTICLE = "لل"


def without_conjunction(key: str, known: frozenset[str] | dict) -> str:
    """A word's match key as it is, or without a fused conjunction when only
    that form is `known` (وأضاف → أضاف)."""
    if key not in known and key[:1] in CONJUNCTIONS and key[1:] in known:
        return key[1:]
    return key


def after_conjunction(key: str, known: frozenset[str] | set[str] | dict) -> str:
    """A word's match key without a fused conjunction when the rest is
    `known`, even if the whole is known too (وقال → قال where قال is a
    word of the text); else as it is. Two letters are left at least."""
    if key[:1] in CONJUNCTIONS and len(key) > 3 and key[1:] in known:
        return key[1:]
    return key


def proclitic_readings(key: str) -> list[tuple[int, str]]:
    """(characters of proclitics, base) for each way a word's match key can
    be read as proclitics + a base word: وللرئيس → (0, وللرئيس), (1,
    للرئيس), (1, الرئيس) with ل+ال written لل, and so on. For words the
    morphology database does not know (descriptive titles, verbs)."""
    readings = [(0, key)]
    rest, skipped = key, 0
    if rest[:1] in CONJUNCTIONS and len(rest) > 3:
        rest, skipped = rest[1:], 1
        readings.append((skipped, rest))
    if rest.startswith(FUSED_ARTICLE) and len(rest) > 4:
        readings.append((skipped, ARTICLE + rest[2:]))  # ل + ال: the article's alef is not written
    elif rest[:1] in PREPOSITIONS and rest[1:3] == ARTICLE:
        readings.append((skipped + 1, rest[1:]))
    return readings


# ------------------------------------------------------------ the browser


def browser_rules() -> dict:
    """The rules above as plain data for the browser's scripts: a query is
    read there exactly as the texts were read here.

    * ``folds``: every character of the common scripts whose key is not its
      lower-case form, with its key ('' for a character that does not
      count); any other character folds to its lower case;
    * ``word``: the body of the word pattern (letters and digits of any
      script, and the marks and joiners inside Arabic words);
    * ``letters``: the Arabic letters, as a character-class body;
    * ``conjunctions``, ``prepositions``, ``article``, ``fused_article``.
    """
    folds = {}
    for first, last in fold_table.RANGES:
        for code in range(first, last + 1):
            char = chr(code)
            if unicodedata.category(char) == "Cs":
                continue
            key = fold_char(char)
            if key != char.lower():
                folds[char] = key
    for char in (*BIDI_CONTROLS, *QUOTE_FOLDS, *DIGIT_FOLDS):
        folds[char] = fold_char(char)
    return {
        "folds": dict(sorted(folds.items())),
        "word": WORD_PATTERN.replace("[^\\W_]", "[\\p{L}\\p{N}]"),
        "letters": ARABIC_LETTERS,
        "conjunctions": list(CONJUNCTIONS),
        "prepositions": list(PREPOSITIONS),
        "article": ARTICLE,
        "fused_article": FUSED_ARTICLE,
    }
