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

import importlib
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from . import camel, shipped
from .fold_table_make import RANGES

# ------------------------------------------------------------ letter classes

# The Arabic letters proper, hamza to yeh (U+0621–U+064A), as the body of a
# regular-expression class; both Python and JavaScript read it.
ARABIC_LETTERS = "\u0621-\u064a"
ARABIC_LETTER = re.compile(f"[{ARABIC_LETTERS}]")

TATWEEL = "\u0640"
# Alef with hamza (أ إ آ) is written at the start of a word: after a
# proclitic letter it shows where the word begins (وأستراليا, لإيران).
HAMZA_ALEFS = "\u0623\u0625\u0622"

# Letters of the Arabic script that Arabic does not use: Persian (پ چ ژ گ
# and its own ک and ی) and Urdu (ٹ ڈ ڑ ں ے ھ). A text whose words hold them
# is Persian or Urdu, not Arabic.
OTHER_LANGUAGE_LETTERS = "\u067e\u0686\u0698\u06af\u06a9\u06cc\u0679\u0688\u0691\u06ba\u06d2\u06be"

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
WORD_CHAR = rf"(?:[^\W_]|[{WORD_MARKS}{TATWEEL}{JOINERS}])"
WORD_PATTERN = WORD_CHAR + "+"

# ---------------------------------------------------------------- folds

# Every double or single quotation mark folds to ASCII ". Arabic text uses
# « », “ ”, „ and ″ interchangeably.
QUOTE_FOLDS = dict.fromkeys("«»“”„‟″〝〞＂", '"') | dict.fromkeys("‘’‚‛′", "'")

# Arabic-Indic (U+0660..) and Extended Arabic-Indic (Persian, U+06F0..) digits.
DIGIT_FOLDS = {chr(0x0660 + i): str(i) for i in range(10)} | {chr(0x06F0 + i): str(i) for i in range(10)}


def _covered(ranges) -> frozenset[int]:
    return frozenset(code for first, last in ranges for code in range(first, last + 1))


@lru_cache(maxsize=1)
def _fold_table() -> tuple[dict[int, str], frozenset[int]]:
    """camel-tools' folds of the common scripts, generated from it (`make
    folds`): a build that analyses no article then never imports
    camel-tools. Checked against the package's record before it is
    imported (`shipped`), and used only when made with the camel-tools
    version installed; without it camel-tools folds every character."""
    if shipped.verified(shipped.FOLDS) is None:
        return {}, frozenset()
    table = importlib.import_module(".fold_table", __package__)
    if camel.installed_version() != table.CAMEL_TOOLS_VERSION:
        return {}, frozenset()
    return table.FOLDS, _covered(table.RANGES)


def _camel_fold(char: str) -> str:
    table, covered = _fold_table()
    code = ord(char)
    return table.get(code, char) if code in covered else camel.fold(char)


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


@lru_cache(maxsize=1)
def _same_length_table() -> dict[int, str]:
    table = {}
    for first, last in RANGES:
        for code in range(first, last + 1):
            key = fold_char(chr(code)) if unicodedata.category(chr(code)) != "Cs" else chr(code)
            if len(key) == 1 and key != chr(code):
                table[code] = key
    return table


def fold_same_length(text: str) -> str:
    """`text` with every character that folds to one character (alef forms,
    ى, ة, digits, quotation marks, capitals) folded as `fold_char` folds it,
    and every other character kept: the result has the length of `text`, so
    an offset in it is an offset in `text`. For finding known spellings in
    whole texts at C speed (str.translate); match keys proper also drop
    marks, tatweel and invisible characters."""
    return text.translate(_same_length_table())


# ------------------------------------------------------------ proclitics

# The proclitics written fused to the next word, and the one rule for how
# they are written. A word may begin with, in this order:
#
#   1. a conjunction: و or ف (وقال، فأضاف);
#   2. a preposition: ب، ك or ل (بالصين، كشريك، لروسيا);
#   3. the article ال, which belongs to the name (الصين is a name).
#
# Each is optional. ل + ال is written لل: the article's alef is not written
# (للصين), and the ل then stands in for it. Nothing else is a proclitic:
# the future marker س and the particles لـ/لن of verbs never come before a
# name, so no copy anywhere adds them. Earlier copies of this rule
# disagreed (one left out ك, one the conjunction before a preposition, one
# every preposition before a word without the article); the grammar above
# is the one the morphology database generates, and every reader of a
# proclitic takes it from `PREFIXES` or `proclitic_readings`.
CONJUNCTIONS = ("و", "ف")
PREPOSITIONS = ("ب", "ل", "ك")
ARTICLE = "ال"
FUSED_ARTICLE = "لل"
# A base word read off after a lone conjunction or preposition has at least
# this many letters (ولد is a word, not و + لد; وزير may be و + زير).
MIN_BASE = 3


@dataclass(frozen=True)
class Prefix:
    """One way of writing proclitics before a word: an optional conjunction,
    an optional preposition, and whether the article follows."""

    conjunction: str
    preposition: str
    article: bool

    @property
    def fused(self) -> bool:
        """ل + ال written لل."""
        return self.preposition == "ل" and self.article

    @property
    def written(self) -> str:
        if self.fused:
            return self.conjunction + FUSED_ARTICLE
        return self.conjunction + self.preposition + (ARTICLE if self.article else "")

    @property
    def clitics(self) -> int:
        """Characters before the name: the article belongs to the name, and
        in لل the second ل stands in for the article's alef."""
        return len(self.conjunction) + (0 if self.fused else len(self.preposition))


# Every prefix, shortest written form first.
PREFIXES = tuple(
    sorted(
        (Prefix(c, p, a) for c in ("", *CONJUNCTIONS) for p in ("", *PREPOSITIONS) for a in (False, True)),
        key=lambda prefix: (len(prefix.written), prefix.written),
    )
)


# The prefixes as plain tuples, by first character (read on every word of
# every article: properties and dataclass attributes cost there).
_BY_FIRST: dict[str, tuple[tuple[str, int, bool, bool], ...]] = {}
for _prefix in PREFIXES:
    if _prefix.written and _prefix.written != ARTICLE:
        _BY_FIRST[_prefix.written[0]] = (
            *_BY_FIRST.get(_prefix.written[0], ()),
            (_prefix.written, _prefix.clitics, _prefix.article, bool(_prefix.preposition)),
        )


def proclitic_readings(
    key: str, bare_prepositions: bool = False, min_base: int = MIN_BASE
) -> list[tuple[int, str]]:
    """(characters of proclitics, base) for each way a word's match key can
    be read as proclitics + a base word (`PREFIXES`), the word as written
    first: وللرئيس → (0, وللرئيس), (1, للرئيس), (1, الرئيس) with ل+ال
    written لل. A preposition before a base without the article (لقيس →
    قيس) is read only when `bare_prepositions` is asked for: most words
    that begin with ب، ك or ل begin with it (بوتين، كمال، ليبيا), so only a
    caller that checks the base against known words asks for it, and
    such a caller may also take bases shorter than `MIN_BASE` (وفي → في)."""
    return list(_readings(key, bare_prepositions, min_base))


@lru_cache(maxsize=1 << 16)
def _readings(key: str, bare_prepositions: bool, min_base: int) -> tuple[tuple[int, str], ...]:
    readings = [(0, key)]
    for written, clitics, article, preposition in _BY_FIRST.get(key[:1], ()):
        if not key.startswith(written):
            continue
        rest = key[len(written) :]
        if article:
            if len(rest) < 2:
                continue
            base = ARTICLE + rest
        else:
            if len(rest) < min_base or (preposition and not bare_prepositions):
                continue
            base = rest
        if (clitics, base) not in readings:
            readings.append((clitics, base))
    return tuple(readings)


def without_conjunction(key: str, known: frozenset[str] | dict) -> str:
    """A word's match key as it is, or without a fused conjunction when only
    that form is `known` (وأضاف → أضاف)."""
    if key not in known and key[:1] in CONJUNCTIONS and key[1:] in known:
        return key[1:]
    return key


def known_base(key: str, known: frozenset[str] | set[str] | dict) -> str | None:
    """The word itself or the base under its proclitics (any prefix of the
    grammar, a bare preposition included) that is `known`, else None:
    وللحكومة → الحكومة, لقيس → قيس when قيس is known."""
    for _, base in proclitic_readings(key, bare_prepositions=True, min_base=1):
        if base in known:
            return base
    return None


def with_proclitics_before_article(key: str) -> bool:
    """Whether the word is a proclitic fused with the article (بالتفصيل،
    والصين، وللحكومة): never the first word of a name as written."""
    return any(p.article and p.written != ARTICLE and key.startswith(p.written) for p in PREFIXES)


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
    for first, last in RANGES:
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
