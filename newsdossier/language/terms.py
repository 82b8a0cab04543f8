"""The content words of an article, counted: what its coverage is about
beyond the names (the outlets' comparison ranks them by keyness).

A term is a word outside every mention (names are counted as names), with
Arabic letters, at least `MIN_LETTERS` long, that is not a function word or
a verb of saying. Its fused proclitics are read off where the text shows
them (`spelling.proclitic_readings`: والعقوبات, بالعقوبات, للعقوبات) and a
conjunction where the word without it is also in the article (وتعاون
beside تعاون); the article ال is left out of the key, so العقوبات and
عقوبات are one term. It is shown as the article most often writes it.

Only the terms an article repeats are kept, at most `MAX_TERMS`: a word
written once says little about what an outlet stresses, and ten thousand
articles must stay small in memory.
"""

from __future__ import annotations

from collections import Counter
from functools import lru_cache
from typing import NamedTuple

from ..models.article import Article, Term
from .dates import MONTH_WORDS, WEEKDAYS
from .lines import FUNCTION_WORDS
from .normalize import WORD_MEMO, match_key
from .quotes import REPORTING_VERBS
from .spelling import (
    ARABIC_LETTER,
    ARTICLE,
    ATTACHED_PRONOUNS,
    CONJUNCTIONS,
    PREPOSITIONS,
    after_conjunction,
    proclitic_readings,
)
from .tokens import SpanSet, tokenize

MIN_LETTERS = 3
MIN_COUNT = 2  # in one article
MAX_TERMS = 40  # per article


def term_key(base: str) -> str:
    """One key for a word with and without the article ال."""
    return base[len(ARTICLE) :] if base.startswith(ARTICLE) and len(base) > len(ARTICLE) + 2 else base


# Words any article is written with, whatever it is about: adverbs of time
# and manner, quantifiers (beyond the function words the line classifier
# knows).
_GENERIC = (
    "أيضا", "أيضًا", "هناك", "هنا", "بشكل", "جانب", "جانبه", "جانبها", "يوم", "اليوم", "عام", "الوقت", "وقت",
    "أخرى", "آخر", "بلا", "خلال", "حول", "ضمن", "فقط", "كل", "جميع", "بين", "عدة", "أكثر", "أقل", "غير",
    "نحو", "لدى", "منذ", "بعض", "إطار", "حين", "حتى", "عبر", "أمام", "وفق", "وفقا", "إنه", "إنها", "أنه",
    "أنها", "لكن", "كذلك", "ذاته", "نفسه", "نفسها", "أول", "الأول", "الأولى", "ثم", "أنهما", "إنهما",
    "حسب", "أي", "أجل",
)  # fmt: skip
# Prepositions with a pronoun (فيه، عليها، إليهم، لديه): function words too.
_WITH_PRONOUN = tuple(
    stem + pronoun
    for stem in ("في", "علي", "إلي", "لدي", "من", "عن", "مع", "ل", "ب")
    for pronoun in ATTACHED_PRONOUNS
)
# Adjectives of size and amount: they grade whatever an article is about.
# (with the accusative's alif: نجاحا كبيرا).
_GRADING = (
    "كبير", "كبيرة", "كبيرا", "كبرى", "صغير", "صغيرة", "صغيرا", "كثير", "كثيرة", "كثيرا", "قليل", "قليلة",
    "قليلا", "عديد", "عدد", "أكبر", "أصغر",
)  # fmt: skip
# Dates: an outlet that prints its dateline's weekday or month twice has not
# stressed Thursday or May. (Lost with them: the verb مارس, "practised", and
# the brand نيسان. The Hijri months stay terms: an article that repeats
# رمضان is about Ramadan more often than dated by it.)
_DATE_WORDS = (*WEEKDAYS, *MONTH_WORDS)
_PROCLITICS = frozenset((*CONJUNCTIONS, *PREPOSITIONS))
_NOT_TERMS = (
    frozenset(match_key(w) for w in (*FUNCTION_WORDS, *_GENERIC, *_WITH_PRONOUN, *_GRADING, *_DATE_WORDS))
    | frozenset(term_key(match_key(w)) for w in (*FUNCTION_WORDS, *_GENERIC, *_GRADING))
    | frozenset(REPORTING_VERBS)
)


# Kept per distinct word (bounded: a process may read ten thousand
# articles): what follows from the word alone, read on every word of every
# article. Only the conjunction's reading depends on the article's words.
@lru_cache(maxsize=WORD_MEMO)
def _read_off(word: str) -> tuple[str, int]:
    """The word (its match key) without the proclitics the article after
    them shows, and how many characters of its key they took."""
    skipped, base = 0, word
    for taken, reading in proclitic_readings(word)[1:]:
        if reading.startswith(ARTICLE):  # the article shows the proclitics are proclitics
            skipped, base = taken, reading
    return base, skipped


@lru_cache(maxsize=WORD_MEMO)
def _term_key(base: str) -> str | None:
    """A base word's term key, or None when it is no term (too short, a function word)."""
    key = term_key(base)
    if len(key) < MIN_LETTERS or _function_word(base) or _function_word(key):
        return None
    return key


def _term(word: str, known: set[str]) -> tuple[str, int] | None:
    """A word's term key and the characters its proclitics took, or None
    when it is no term; `known`: the article's words and the words that
    are not terms (a conjunction is read off a word whose rest is one)."""
    readings = _term_readings(word)
    return readings.after_conjunction if readings.conjunction and word[1:] in known else readings.whole


class _TermReadings(NamedTuple):
    """A word's term both ways the article may read it: all that follows from the word alone."""

    whole: tuple[str, int] | None  # as written (its proclitics read off where the article shows them)
    conjunction: bool  # whether a conjunction is read off when the rest is a word of the article
    after_conjunction: tuple[str, int] | None  # the term then


@lru_cache(maxsize=WORD_MEMO)
def _term_readings(word: str) -> _TermReadings:
    base, skipped = _read_off(word)
    rest = word[1:]
    # `after_conjunction`'s rule, asked as if the rest were known: does it read one off here?
    conjunction = skipped == 0 and base == word and after_conjunction(word, (rest,)) != word
    return _TermReadings(_key_of(base, skipped), conjunction, _key_of(rest, 1) if conjunction else None)


def _key_of(base: str, skipped: int) -> tuple[str, int] | None:
    key = _term_key(base)
    return None if key is None else (key, skipped)


def _function_word(key: str) -> bool:
    """A function word, also with one fused proclitic (بما، بأن، فإن)."""
    return key in _NOT_TERMS or (key[:1] in _PROCLITICS and key[1:] in _NOT_TERMS)


def content_terms(article: Article) -> tuple[Term, ...]:
    names = SpanSet((m.start, m.end) for m in article.mentions)
    text = article.text
    tokens = names.outside(
        [t for block in article.parsed.blocks for t in tokenize(text, block.start, block.end)]
    )
    # What follows from the word alone, once per distinct word (news repeats
    # its words): whether it is Arabic, then its term (`known`: the article's
    # Arabic words outside the names, and the words that are not terms).
    words = {t.key for t in tokens}
    arabic = set(filter(ARABIC_LETTER.search, words))
    known = arabic | _NOT_TERMS
    terms = {key: _term(key, known) for key in arabic}
    # Each (term, spelling) counted in C (`Counter` over the words), not a
    # counter per term updated word by word; a term's count is its spellings'.
    spelt = Counter(
        (term[0], text[token.origin(term[1]) if term[1] < len(token.key) else token.start : token.end])
        for token in tokens
        if (term := terms.get(token.key)) is not None
    )
    counts: Counter = Counter()
    written: dict[str, list[tuple[int, str]]] = {}
    for (key, spelling), count in spelt.items():
        counts[key] += count
        written.setdefault(key, []).append((-count, spelling))
    kept = sorted((k for k, n in counts.items() if n >= MIN_COUNT), key=lambda k: (-counts[k], k))
    # Shown as the article most often writes it (on a tie, the first in code-point order).
    return tuple(Term(key, min(written[key])[1], counts[key]) for key in kept[:MAX_TERMS])
