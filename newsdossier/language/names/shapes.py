"""What a word looks like, as far as names go: definite (the article
written with its alef), marked with tanween, shaped like a verb or an
adjective of origin, or a word a name may contain at all.

Each predicate reads the word as written (`written`) where the marks or
the alef matter, else its match key.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from .. import camel
from ..spelling import (
    ARABIC_LETTER,
    ARABIC_LETTERS,
    ATTACHED_PRONOUNS,
    OTHER_LANGUAGE_LETTERS,
    PREPOSITIONS,
    TATWEEL,
    with_proclitics_before_article,
)
from .words import FUNCTION_WORDS, TITLE_CONTINUATIONS, TITLES

# Tanween (ًٌٍ) marks an indefinite common noun or adverb (عقدًا، أيضاً), never a name.
TANWEEN = re.compile("[\u064b-\u064d]")
# An adjective of origin or relation: الصيني، الروسية، الروسيين، الخليجيان.
NISBA = re.compile(r"(ي|يه|يين|يون|يان)$")
# A verb: the future prefix س before an imperfect (سيزور، ستبدأ), or an
# imperfect with a plural or dual ending (يتسمان، يقولون، تشتركان).
VERB = re.compile(r"^(س[يتنأ]\w{3,}|ي\w{2,}(ان|ون|ين)|ت\w{3,}(ان|ون))$")
# A preposition, a noun and an attached pronoun, as written (ه, not the ة a
# match key folds into it): لصالحه، بشأنها، لدعمهم. A prepositional
# phrase of its own, no word of a name. Not after ك (كريستيانو), nor with
# the one-letter ك and ي, which end too many other words (the ي of origin).
PRONOUN_PHRASE = re.compile(
    "^[{}]\\w{{3,}}({})$".format(
        "".join(p for p in PREPOSITIONS if p != "ك"),
        "|".join(p for p in ATTACHED_PRONOUNS if p not in ("ك", "ي")),
    )
)


# A participle or verbal adjective with the article: المتحدة، المستقلة، المؤقتة.
PARTICIPLE = re.compile(r"^الم\w{3,}$")
# Elatives that qualify names: العليا، الكبرى، الأعلى، الأوسط.
ELATIVE = re.compile(r"^ال(ا\w{3}|\w{3}(ي|ا))$")


def definite(written: str) -> bool:
    """Whether the word starts with the article, written with a bare alef:
    أليكسي and إلفيرا are names, not ال + …"""
    return camel.dediac(written).replace(TATWEEL, "").startswith("ال")


def name_word(key: str, common: Callable[[str], bool], written: str = "") -> bool:
    """A word that can be part of a name after a title: letters, not
    definite, no tanween, no proclitic before an article, not a function
    word, a title or a word the full morphology database knows as common."""
    return (
        not TANWEEN.search(written)
        and key.isalpha()
        and len(key) >= 2
        and not definite(written or key)
        and not with_proclitics_before_article(key)
        and key not in FUNCTION_WORDS
        and key not in TITLE_CONTINUATIONS
        and key not in TITLES
        and not common(key)
    )


def adjective(key: str, written: str) -> bool:
    """Whether a definite word is shaped like an adjective that qualifies a
    name (الدولية، الشعبية، المتحدة، العليا): an adjective of origin, a
    participle, an elative. A shape, not a lexicon: a noun such as المدينة
    passes too, so only words right after a name are read this way."""
    return definite(written) and bool(NISBA.search(key) or PARTICIPLE.match(key) or ELATIVE.match(key))


# A text is Arabic when at least half its letters are Arabic ones and no
# more than one word, or this share of its Arabic-script words, holds a
# letter Arabic does not use (a stray Persian ی in one name passes; Persian
# prose has one in most sentences).
OTHER_LANGUAGE_WORDS = 0.05
_OTHER = re.compile(f"[{OTHER_LANGUAGE_LETTERS}]")
_SCRIPT_WORD = re.compile(f"[{ARABIC_LETTERS}{OTHER_LANGUAGE_LETTERS}]+")
_LETTER = re.compile(r"[^\W\d_]")
# A letter (as `_LETTER` reads one) that is no Arabic letter proper.
_FOREIGN_LETTER = re.compile(f"[^\\W\\d_{ARABIC_LETTERS}]")


def arabic(text: str) -> bool:
    """Whether `text` is written in Arabic (not Persian, Urdu or a Latin-script language)."""
    # Every letter an Arabic one, and one at least: what the counts conclude,
    # found by two searches that make no lists (asked of every sentence).
    return bool(not _FOREIGN_LETTER.search(text) and ARABIC_LETTER.search(text)) or _arabic_by_counts(text)


def _arabic_by_counts(text: str) -> bool:
    """`arabic` by the counts of letters and of words in the Arabic script."""
    letters = len(_LETTER.findall(text))
    words = _SCRIPT_WORD.findall(text)
    if not letters or not words or sum(len(w) for w in words) * 2 < letters:
        return False
    other = sum(1 for w in words if _OTHER.search(w))
    return other <= 1 or other <= OTHER_LANGUAGE_WORDS * len(words)


TEH_MARBUTA = "\u0629"


def written_as(written: str, key: str) -> bool:
    """Whether a word written `written` is the word whose match key is `key`
    and not another that folds to it: a key ending in ه from ة must be
    written with ة (إذاعة, not the verb أذاعه «broadcast it»)."""
    return not key.endswith("ه") or camel.dediac(written).rstrip(TATWEEL).endswith(TEH_MARBUTA) or not written
