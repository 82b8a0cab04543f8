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
# Alef with hamza: a word written with one is not the article (إلغاء، أليس,
# إليها), though its match key starts like it.
HAMZA_ALEFS = "\u0623\u0625\u0622"
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


# ------------------------------------------------------------ search

# The search index reads a written word as proclitics + a base word in
# every way the proclitics allow (`word_readings`); the search script reads
# a query word the same way. A base shorter than SHORT_BASE is read off a
# proclitic only when it is a word of a gazetteer name (وشي → شي), so that
# كما is never found by ما; none shorter than MIN_BASE is read at all.
MIN_BASE = 2
SHORT_BASE = 3


@lru_cache(maxsize=1 << 17)
def word_readings(key: str) -> tuple[tuple[str, str], ...]:
    """Every (proclitics as written, base) reading of a word's match key,
    the word itself first as ("", key): a conjunction, then a preposition,
    then the article, each optional, in that order (وبالعقوبات → و +
    بالعقوبات, وب + العقوبات, وبال + عقوبات). ل + ال is written لل: للصين
    reads as لل + صين and as ل + الصين (the article's alef restored), and
    also as ل + لصين (للقاء is ل + لقاء). Bases are MIN_BASE characters or
    more. Which readings count is decided against the dossier's words, at
    query time (assets/search-core.js)."""
    readings = {("", key): None}
    for conjunction in ("", *CONJUNCTIONS):
        if not key.startswith(conjunction):
            continue
        after = key[len(conjunction) :]
        for preposition in ("", *PREPOSITIONS):
            if not after.startswith(preposition):
                continue
            rest, prefix = after[len(preposition) :], conjunction + preposition
            if prefix:
                readings[(prefix, rest)] = None
            if rest.startswith(ARTICLE):
                readings[(prefix + ARTICLE, rest[len(ARTICLE) :])] = None
            if preposition == FUSED_ARTICLE[0] and rest.startswith(FUSED_ARTICLE[1]):
                readings[(prefix + FUSED_ARTICLE[1], rest[1:])] = None  # لل + صين
                readings[(prefix, ARTICLE + rest[1:])] = None  # ل + الصين
    return tuple((prefix, base) for prefix, base in readings if not prefix or len(base) >= MIN_BASE)


def only_proclitics(key: str) -> bool:
    """Whether a word's key is nothing but proclitics (و، بال، ولل…): a
    query word like that matches nothing."""
    return any(prefix == key for prefix, _ in _proclitic_sequences())


@lru_cache(maxsize=1)
def _proclitic_sequences() -> tuple[tuple[str, str], ...]:
    found = []
    for conjunction in ("", *CONJUNCTIONS):
        for preposition in ("", *PREPOSITIONS):
            for article in ("", ARTICLE):
                found.append((conjunction + preposition + article, ""))
        found.append((conjunction + FUSED_ARTICLE, ""))
    return tuple(f for f in found if f[0])


# Two forms of a written word the search finds it by besides its key:
# * without the alif of tanween fath, when the word shows that it is one
#   (وزيرًا، وزيراً: the accusative of وزير; a bare وزيرا says nothing);
# * without the accents of Latin letters (António as Antonio), which the
#   match key keeps.
# A word written with tanween fath and its alif, in either order, other
# marks around them allowed.
TANWEEN_ALIF = f"(?:\u064b[{WORD_MARKS}]*\u0627|\u0627[{WORD_MARKS}]*\u064b)[{WORD_MARKS}]*$"
_TANWEEN_ALIF = re.compile(TANWEEN_ALIF)
LATIN_ACCENTS = "\u0300-\u036f"  # the combining marks Latin letters decompose into (NFD)
_LATIN_ACCENT = re.compile(f"[{LATIN_ACCENTS}]")


def search_keys(word: str, key: str) -> tuple[str, ...]:
    """The keys a written word is searched by: its match key `key`; then,
    for a word written with tanween fath, the key without that alif; then
    the key without Latin accents (each only when it differs)."""
    keys = [key]
    if len(key) > 2 and key.endswith("\u0627") and _TANWEEN_ALIF.search(word):
        keys.append(key[:-1])
    plain = unicodedata.normalize("NFC", _LATIN_ACCENT.sub("", unicodedata.normalize("NFD", key)))
    if plain != key:
        keys.append(plain)
    return tuple(keys)


# Two words are next to each other, for a phrase, when nothing but spaces
# stands between them (quotation marks, brackets and invisible characters
# aside: «شراكة "بلا حدود"»), or a single joining mark with no space
# (شي-بوتين، 117.5، أكتوبر/تشرين). A line break or a sentence's
# punctuation parts them. One regular expression, read by Python and by
# JavaScript alike, every character written as an escape.
_PHRASE_IGNORED = "".join(
    sorted({*BIDI_CONTROLS, TATWEEL, *QUOTE_FOLDS, '"', "'", "(", ")", "[", "]", "{", "}"})
)
_PHRASE_SPACES = (
    " \t\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
)
_PHRASE_JOINERS = "-\u2010\u2011\u2013\u2014/.,\u066b\u066c"


def _escaped(chars: str) -> str:
    return "".join(f"\\u{ord(c):04x}" for c in chars)


PHRASE_GAP = (
    f"^(?:[{_escaped(_PHRASE_IGNORED + _PHRASE_SPACES)}]*"
    f"|[{_escaped(_PHRASE_IGNORED)}]*[{_escaped(_PHRASE_JOINERS)}][{_escaped(_PHRASE_IGNORED)}]*)$"
)
_PHRASE_GAP = re.compile(PHRASE_GAP)


@lru_cache(maxsize=4096)  # gaps repeat: a space, «، », «. »…
def joins_phrase(gap: str) -> bool:
    """Whether the text between two words leaves them next to each other."""
    return _PHRASE_GAP.fullmatch(gap) is not None  # not match: its $ would also match before a final \n


# ------------------------------------------------------------ the browser


def browser_rules() -> dict:
    """The rules above as plain data for the browser's scripts: a query is
    read there exactly as the texts were read here.

    * ``folds``: every character of the common scripts (``ranges``) whose
      key is not its lower-case form, with its key ('' for a character that
      does not count); any other character of those scripts folds to its
      lower case; a character of another script to its NFKC form, each
      character of which folds as above if it is of the common scripts,
      and is dropped if not (camel-tools keeps no other script: a Cyrillic
      word has no key; ① is 1);
    * ``ranges``: the common scripts, as [first, last] code points;
    * ``word``: the body of the word pattern (letters and digits of any
      script, and the marks and joiners inside Arabic words);
    * ``letters``: the Arabic letters, as a character-class body;
    * ``conjunctions``, ``prepositions``, ``article``, ``fused_article``,
      ``hamza_alefs``;
    * ``min_base``, ``short_base``: the shortest bases (see `word_readings`);
    * ``phrase_gap``: when two words are next to each other (see
      `joins_phrase`);
    * ``tanween_alif``, ``latin_accents``: the other keys of a word (see
      `search_keys`).
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
        "ranges": [list(r) for r in fold_table.RANGES],
        "word": WORD_PATTERN.replace("[^\\W_]", "[\\p{L}\\p{N}]"),
        "letters": ARABIC_LETTERS,
        "conjunctions": list(CONJUNCTIONS),
        "prepositions": list(PREPOSITIONS),
        "article": ARTICLE,
        "fused_article": FUSED_ARTICLE,
        "hamza_alefs": HAMZA_ALEFS,
        "min_base": MIN_BASE,
        "tanween_alif": TANWEEN_ALIF,
        "latin_accents": LATIN_ACCENTS,
        "short_base": SHORT_BASE,
        "phrase_gap": PHRASE_GAP,
    }
