"""Which language an article is in, from the letters it is written with.

Script statistics tell Arabic from Latin-script languages and from Persian
(and Urdu), which share the Arabic script but have letters of their own
(پ چ ژ گ and the Persian ی ک, Urdu's ے ں ہ) and rarely write Arabic's ي ك ة.
A Latin-script text takes the language its page declares (`<html lang>`),
else the one whose commonest short words it uses most (English, French,
Turkish, Spanish, German, Italian), else "und" (undetermined). A dossier's
other-language articles are few and their language is shown, never guessed
beyond this: no library here does better on so few languages.

Only Arabic text goes through the Arabic line rules (`lines.py`), the
Arabic name finders and into the counts that compare Arabic coverage.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cache

from .spelling import ARABIC_LETTER

ARABIC = "ar"
UNDETERMINED = "und"
# Letters of the Arabic script that Arabic itself does not use.
_PERSIAN_LETTERS = re.compile("[\u067e\u0686\u0698\u06af\u06a9\u06cc]")
_URDU_LETTERS = re.compile("[\u06d2\u06ba\u06c1\u0679\u0688\u0691]")
# Arabic letters that Persian and Urdu write otherwise (ي ك ة ى).
_ARABIC_ONLY = re.compile("[\u064a\u0643\u0629\u0649]")
# Either, searched for once: most texts have neither, and their counts are then 0.
_PERSIAN_OR_URDU = re.compile(f"[{_PERSIAN_LETTERS.pattern[1:-1]}{_URDU_LETTERS.pattern[1:-1]}]")
_LATIN_LETTER = re.compile(r"[A-Za-z\u00c0-\u024f]")
_LATIN_WORD = re.compile(r"[A-Za-z\u00c0-\u024f']+")
RIGHT_TO_LEFT = frozenset((ARABIC, "fa", "ur", "ps", "he", "yi", "ckb", "sd", "ug"))

# The commonest short words of each language (not names, not numbers).
_FUNCTION_WORDS = {
    "en": "the of and to in is that for on with was as by it from are at this be has have",
    "fr": "le la les des et du un une est dans pour que qui sur au aux par pas avec ce sont",
    "tr": "ve bir bu da de için ile olarak olan gibi daha çok en ama sonra kadar ancak ise",
    "es": "el la los las y de del en que un una por con para es se al lo como más",
    "de": "der die das und den von zu mit ist im dem nicht ein eine auf für sich auch",
    "it": "il la di che e è per un una del della con non sono le gli al nel",
}
_WORD_LANGUAGE = {w: lang for lang, words in _FUNCTION_WORDS.items() for w in words.split()}


def direction(language: str) -> str:
    return "rtl" if language in RIGHT_TO_LEFT else "ltr"


def _count(letters: re.Pattern, text: str) -> int:
    """How many characters of `text` a one-character class matches: the
    lengths of its runs summed (a list of every letter took five times as long)."""
    return sum(map(len, _runs(letters).findall(text)))


@cache  # the few classes above
def _runs(letters: re.Pattern) -> re.Pattern:
    return re.compile(f"(?:{letters.pattern})+")


def detect_language(text: str, declared: str | None = None) -> str:
    """The BCP 47 code of the language `text` is written in."""
    arabic = _count(ARABIC_LETTER, text)
    other = _PERSIAN_OR_URDU.search(text) is not None
    persian, urdu = (_count(_PERSIAN_LETTERS, text), _count(_URDU_LETTERS, text)) if other else (0, 0)
    latin = _count(_LATIN_LETTER, text)
    script = arabic + persian + urdu
    if script >= latin:  # a text with no letters at all too: the dossier's language
        # Without a Persian or Urdu letter neither test below can hold: the count is not needed.
        arabic_only = _count(_ARABIC_ONLY, text) if other else 0
        if urdu > max(arabic_only, persian) / 2 and urdu > 0.01 * script:
            return "ur"
        if persian > arabic_only and persian > 0.01 * script:
            return "fa"
        return ARABIC
    if declared and declared not in RIGHT_TO_LEFT:
        return declared
    votes = Counter(_WORD_LANGUAGE[w] for w in _LATIN_WORD.findall(text.lower()) if w in _WORD_LANGUAGE)
    if not votes:
        return UNDETERMINED
    (best, count), *rest = votes.most_common(2) + [(None, 0)]
    return best if count >= 3 and count > 1.5 * rest[0][1] else UNDETERMINED
