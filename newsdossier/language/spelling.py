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
_LETTER_OR_DIGIT = r"[^\W_]"
_INSIDE_MARK = rf"[{WORD_MARKS}{TATWEEL}{JOINERS}]"
WORD_CHAR = rf"(?:{_LETTER_OR_DIGIT}|{_INSIDE_MARK})"
WORD_PATTERN = WORD_CHAR + "+"
# The same words matched a run at a time (of letters and digits, of marks), never backtracked:
# Python's matcher steps through `WORD_PATTERN`'s alternation one character at a time (this
# form: 1.6% fewer instructions an article's analysis). The browser's rules keep `WORD_PATTERN`.
WORD_RUNS_PATTERN = rf"(?:{_LETTER_OR_DIGIT}++|{_INSIDE_MARK}++)++"
# The same words in a text without an underscore (nearly every one), as one character class:
# `\w` is `_LETTER_OR_DIGIT` and the underscore. A class's run is matched in one tight loop,
# not a group entered and left at every word (about a third less time for the word splits).
WORD_WITHOUT_UNDERSCORE_PATTERN = rf"[\w{WORD_MARKS}{TATWEEL}{JOINERS}]+"

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
# Pronouns written onto a noun or a preposition: لصالحه، عليها، معكم، لي.
ATTACHED_PRONOUNS = ("ه", "ها", "هم", "هما", "هن", "نا", "كم", "ك", "ي")


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


def with_conjunctions(known: frozenset[str] | dict) -> frozenset[str]:
    """The keys `without_conjunction` reads as words of `known`: each word,
    and each with a fused conjunction. `key in with_conjunctions(known)` is
    `without_conjunction(key, known) in known`, which a step can then ask of
    every word of a text in C (`map`) and call Python for the few it finds."""
    return frozenset([*known, *(conjunction + word for conjunction in CONJUNCTIONS for word in known)])


def after_conjunction(key: str, known: frozenset[str] | set[str] | dict) -> str:
    """A word's match key without a fused conjunction when the rest is
    `known`, even if the whole is known too (وقال → قال where قال is a
    word of the text); else as it is. Two letters are left at least."""
    if key[:1] in CONJUNCTIONS and len(key) > 3 and key[1:] in known:
        return key[1:]
    return key


def known_base(key: str, known: frozenset[str] | set[str] | dict) -> str | None:
    """The word itself or the base under its proclitics (any prefix of the
    grammar, a bare preposition included) that is `known`, else None:
    وللحكومة → الحكومة, لقيس → قيس when قيس is known."""
    if key in known:  # the word as written: the first reading (the commonest answer, asked first)
        return key
    for _, base in _readings(key, True, 1)[1:]:
        if base in known:
            return base
    return None


# The written forms of proclitics fused with the article (وال، بال، لل …).
_BEFORE_ARTICLE = tuple(p.written for p in PREFIXES if p.article and p.written != ARTICLE)


def with_proclitics_before_article(key: str) -> bool:
    """Whether the word is a proclitic fused with the article (بالتفصيل،
    والصين، وللحكومة): never the first word of a name as written."""
    return key.startswith(_BEFORE_ARTICLE)


# ------------------------------------------------------------ search

# The search index reads a written word as proclitics + a base word in
# every way `PREFIXES` allows (`word_readings`); the search script reads a
# query word the same way, from the same table (`READINGS`, in
# `browser_rules`). A base shorter than SHORT_BASE is read off a proclitic
# only when it is a word of a gazetteer name (وشي → شي), so that كما is
# never found by ما; none shorter than SEARCH_MIN_BASE is read at all.
SEARCH_MIN_BASE = 2
SHORT_BASE = 3


def _reading_rules() -> tuple[tuple[str, str, str], ...]:
    """(written, proclitics as named, restored): a word that starts with
    `written` reads as `proclitics` + `restored` + the rest. Every prefix of
    the grammar reads as itself (والعقوبات → وال + عقوبات: the article is
    read off too, so a query without it finds it); ل + ال written لل also
    reads as ل + ال… (للصين → ل + الصين: the article's alef restored)."""
    rules = []
    for prefix in sorted(PREFIXES, key=lambda p: (p.conjunction, p.preposition, p.article)):
        if prefix.written:
            rules.append((prefix.written, prefix.written, ""))
        if prefix.fused:
            rules.append((prefix.written, prefix.conjunction + prefix.preposition, ARTICLE))
    return tuple(rules)


READINGS = _reading_rules()


@lru_cache(maxsize=1 << 17)
def word_readings(key: str) -> tuple[tuple[str, str], ...]:
    """Every (proclitics, base) reading of a word's match key by
    `READINGS`, the word itself first as ("", key): وبالعقوبات → و +
    بالعقوبات, وب + العقوبات, وبال + عقوبات; للقاء → ل + لقاء, لل + قاء,
    ل + القاء. Bases are SEARCH_MIN_BASE characters or more. Which readings
    count is decided against the dossier's words, at query time
    (assets/search-core.js)."""
    readings = {("", key): None}
    for written, proclitics, restored in READINGS:
        if key.startswith(written):
            base = restored + key[len(written) :]
            if len(base) >= SEARCH_MIN_BASE:
                readings[(proclitics, base)] = None
    return tuple(readings)


def only_proclitics(key: str) -> bool:
    """Whether a word's key is nothing but proclitics (و، بال، ولل…): a
    query word like that matches nothing."""
    return key in _WRITTEN_PREFIXES


_WRITTEN_PREFIXES = frozenset(p.written for p in PREFIXES if p.written)


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
    * ``readings``: how a word reads as proclitics + base (`READINGS`);
    * ``min_base``, ``short_base``: the shortest bases (see `word_readings`);
    * ``phrase_gap``: when two words are next to each other (see
      `joins_phrase`);
    * ``tanween_alif``, ``latin_accents``: the other keys of a word (see
      `search_keys`).
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
        "ranges": [list(r) for r in RANGES],
        "word": WORD_PATTERN.replace("[^\\W_]", "[\\p{L}\\p{N}]"),
        "letters": ARABIC_LETTERS,
        "conjunctions": list(CONJUNCTIONS),
        "prepositions": list(PREPOSITIONS),
        "article": ARTICLE,
        "fused_article": FUSED_ARTICLE,
        "hamza_alefs": HAMZA_ALEFS,
        "min_base": SEARCH_MIN_BASE,
        "readings": [list(rule) for rule in READINGS],
        "tanween_alif": TANWEEN_ALIF,
        "latin_accents": LATIN_ACCENTS,
        "short_base": SHORT_BASE,
        "phrase_gap": PHRASE_GAP,
    }
