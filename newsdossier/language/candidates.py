"""Names in the articles that the gazetteer does not know yet.

Two finders, both run on each article's clean text, outside known mentions:

* patterns: a name after a title or a kind of place or body ("وزير
  الخارجية الروسي سيرغي لافروف", "مدينة هاربين", "شركة روساتوم"), skipping
  the descriptive words with ال between them, or a name just before ", title"
  ("أليكسي ميلر، رئيس شركة غازبروم"). Words that camel-tools' morphology
  reads as common words (with a full database installed) or that are in a
  small list of function words are never part of a name;
* camel-tools' named-entity recognizer (`NERecognizer`), when a model is
  installed (``camel_data -i ner-arabert``) or given with ``--ner-model``.

Each article's candidates are gathered across the dossier, counted and
written as a review file by `analysis.candidates`.
"""

from __future__ import annotations

import re
from typing import Callable

from ..models.article import Article, Candidate
from ..models.kinds import CandidateSource, EntityType
from . import camel
from .normalize import match_key, without_conjunction
from .tokens import Sentences, SpanSet, Token, only_spaces_between, tokenize

_k = match_key
PERSON_TITLES = frozenset(
    _k(w)
    for w in (
        "الرئيس", "رئيس", "رئيسة", "وزير", "وزيرة", "الوزير", "نائب", "الأمين", "المدير", "مدير", "المتحدث",
        "المتحدثة", "متحدث", "السفير", "سفير", "الجنرال", "الأميرال", "المستشار", "مستشار", "السيد", "السيدة",
        "الخبير", "الخبيرة", "خبير", "الأستاذ", "الباحث", "الملك", "الأمير", "زعيم", "الزعيم", "قائد", "محافظ",
        "المبعوث", "نظيره", "نظيرته", "المحلل", "الكاتب", "الصحفي", "الدكتور",
    )
)
PLACE_TITLES = frozenset(_k(w) for w in ("مدينة", "منطقة", "إقليم", "جزيرة", "بلدة", "عاصمة", "ولاية", "مقاطعة", "قاعدة"))
ORGANISATION_TITLES = frozenset(
    _k(w) for w in ("وكالة", "شركة", "جامعة", "صحيفة", "منظمة", "حزب", "بنك", "مجموعة", "قناة", "مؤسسة", "مركز")
)
TITLES = {**dict.fromkeys(PERSON_TITLES, EntityType.PERSON), **dict.fromkeys(PLACE_TITLES, EntityType.PLACE)}
TITLES.update(dict.fromkeys(ORGANISATION_TITLES, EntityType.ORGANISATION))

# Words that are never part of a name: prepositions, particles, pronouns,
# time words, and verbs of saying (the name ends where the clause goes on).
FUNCTION_WORDS = frozenset(
    _k(w)
    for w in (
        "في", "من", "على", "إلى", "عن", "مع", "أن", "إن", "أنه", "إنه", "الذي", "التي", "الذين", "قد", "لم", "لن",
        "لا", "ما", "كان", "كانت", "يوم", "عام", "بعد", "قبل", "خلال", "بين", "حول", "منذ", "أي", "هذا", "هذه",
        "ذلك", "تلك", "كل", "بعض", "غير", "أو", "ثم", "حتى", "عند", "لدى", "كما", "أيضا", "أيضًا", "وقال", "قال",
        "قالت", "إنها", "لكن", "بل", "هو", "هي", "هم", "نحو", "وفق", "عبر", "ضد", "دون", "سابق", "جديد", "الجديد",
        "نفسه", "أمس", "اليوم", "الخميس", "الجمعة", "السبت", "الأحد", "الاثنين", "الثلاثاء", "الأربعاء", "شهر",
        "دفاعه", "بلاده", "بشأن", "لشؤون", "باسم", "العام", "الأسبق", "السابق",
    )
)
# Words that continue a title without being a name: "وكالة أنباء …".
TITLE_CONTINUATIONS = frozenset(_k(w) for w in ("أنباء", "شؤون", "لشؤون", "باسم", "دفاع", "خارجية", "أركان", "عام"))
RELATIVE_PRONOUNS = frozenset(_k(w) for w in ("الذي", "التي", "الذين", "اللذين", "اللتين", "اللواتي"))
# A proclitic before the article: "بالتفصيل", "والصين" are never the start of an unknown name.
DEFINITE_WITH_PROCLITIC = tuple(_k(p) for p in ("بال", "وال", "فال", "كال", "لل"))
MAX_DESCRIPTORS = 3
MAX_NAME_WORDS = 3
ARTICLE = _k("ال")

_NER_TYPES = {"PERS": EntityType.PERSON, "LOC": EntityType.PLACE, "ORG": EntityType.ORGANISATION, "MISC": EntityType.EVENT}


_TANWEEN = re.compile("[\u064b-\u064d]")


def _definite(written: str) -> bool:
    # The article is written with a bare alef: أليكسي and إلفيرا are names, not ال + …
    return camel.dediac(written).replace("\u0640", "").startswith("ال")


def _is_name_word(key: str, common: Callable[[str], bool], written: str = "") -> bool:
    # Tanween marks an indefinite common noun or adverb (عقدًا، أيضاً), never a name.
    return (
        not _TANWEEN.search(written)
        and key.isalpha()
        and len(key) >= 2
        and not _definite(written or key)
        and not key.startswith(DEFINITE_WITH_PROCLITIC)
        and key not in FUNCTION_WORDS
        and key not in TITLE_CONTINUATIONS
        and key not in TITLES
        and not common(key)
    )


class _PatternFinder:
    """The title and apposition patterns over one block's tokens."""

    def __init__(self, article: Article, common: Callable[[str], bool]):
        self.text, self.common = article.text, common
        self.known = SpanSet((m.start, m.end) for m in article.mentions)
        self.found: list[Candidate] = []

    def block(self, start: int, end: int) -> None:
        self.tokens = tokenize(self.text, start, end)
        self.sentences = Sentences(self.text, start, end)
        for i, token in enumerate(self.tokens):
            key = without_conjunction(token.key, TITLES)
            if key in TITLES:
                self._after_title(i, TITLES[key])
            if key in PERSON_TITLES:
                self._before_comma_title(i)

    def _adjacent(self, i: int) -> bool:  # tokens i-1 and i with only spaces between
        return only_spaces_between(self.text, self.tokens[i - 1], self.tokens[i])

    def _written(self, token: Token) -> str:
        return self.text[token.start : token.end]

    def _name_word(self, token: Token) -> bool:
        return _is_name_word(token.key, self.common, self._written(token))

    def _after_title(self, i: int, type_: EntityType) -> None:
        """A title, up to three descriptors with ال, then the name."""
        tokens, j = self.tokens, i + 1
        while (
            j < len(tokens)
            and j - i <= MAX_DESCRIPTORS
            and self._adjacent(j)
            and (_definite(self._written(tokens[j])) or tokens[j].key in TITLE_CONTINUATIONS)
            and tokens[j].key not in RELATIVE_PRONOUNS  # "الأستاذ الذي يدرس": a clause, not a name
        ):
            j += 1
        if j < len(tokens) and tokens[j].key in RELATIVE_PRONOUNS:
            return
        # A person's name runs to three words; a place or a body after its
        # kind word ("مدينة هاربين", "شركة روساتوم") is one.
        longest = MAX_NAME_WORDS if type_ is EntityType.PERSON else 1
        k = j
        while k < len(tokens) and k - j < longest and self._adjacent(k) and self._name_word(tokens[k]):
            k += 1
        if k > j:
            self._emit(j, k - 1, type_)

    def _before_comma_title(self, i: int) -> None:
        """"First Last، title": the two words before the comma. (Only two:
        the word before them is as often a verb, "وحضر أليكسي ميلر،".)"""
        tokens = self.tokens
        if (
            i >= 2
            and self.text[tokens[i - 1].end : tokens[i].start].strip() in ("،", ",")
            and self._adjacent(i - 1)
            and all(self._name_word(t) for t in tokens[i - 2 : i])
        ):
            self._emit(i - 2, i - 1, EntityType.PERSON)

    def _emit(self, first: int, last: int, type_: EntityType) -> None:
        start, end = self.tokens[first].start, self.tokens[last].end
        if not self.known.overlaps(start, end):
            surface = self.text[start:end]
            sentence = self.sentences.around(start)
            self.found.append(Candidate(start, end, surface, match_key(surface), type_, CandidateSource.PATTERN, *sentence))


def pattern_candidates(article: Article, common: Callable[[str], bool] = lambda key: False) -> list[Candidate]:
    finder = _PatternFinder(article, common)
    for block in article.parsed.blocks:
        finder.block(block.start, block.end)
    return finder.found


def ner_candidates(article: Article, recognizer) -> list[Candidate]:
    """Spans the NER model labels as names, outside known mentions."""
    text, found = article.text, []
    known = SpanSet((m.start, m.end) for m in article.mentions)
    for block in article.parsed.blocks:
        for s_start, s_end in Sentences(text, block.start, block.end).spans:
            tokens = tokenize(text, s_start, s_end)
            if not tokens:
                continue
            labels = recognizer.predict_sentence([text[t.start : t.end] for t in tokens])
            for first, last, type_ in _runs(labels):
                start, end = tokens[first].start, tokens[last].end
                if not known.overlaps(start, end):
                    surface = text[start:end]
                    found.append(Candidate(start, end, surface, match_key(surface), type_, CandidateSource.NER, s_start, s_end))
    return found


def _runs(labels: list[str]) -> list[tuple[int, int, EntityType]]:
    """(first, last, type) of each entity in IOB labels; an I- that does not
    continue a run of its type starts one."""
    runs: list[tuple[int, int, EntityType]] = []
    run_start, run_type = None, None
    for index, label in enumerate([*labels, "O"]):
        tag, _, kind = label.partition("-")
        continues = tag == "I" and run_type is not None and _NER_TYPES.get(kind) is run_type
        if continues:
            continue
        if run_start is not None:
            runs.append((run_start, index - 1, run_type))
        run_start, run_type = (index, _NER_TYPES[kind]) if tag in ("B", "I") and kind in _NER_TYPES else (None, None)
    return runs
