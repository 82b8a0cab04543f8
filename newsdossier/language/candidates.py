"""Names in the articles that the gazetteer does not know yet.

Three finders, run on each article's clean text, outside known mentions:

* the named-entity model that ships with the package (`ner`, a CRF trained
  on ANERcorp), which also says how sure it is of each word: spans it is
  sure of are candidates;
* patterns: a name after a title or a kind of place or body ("وزير
  الخارجية الروسي سيرغي لافروف", "مدينة هاربين", "شركة روساتوم"), skipping
  the descriptive words with ال between them, or a name just before ", title"
  ("أليكسي ميلر، رئيس شركة غازبروم"). Words that camel-tools' morphology
  reads as common words (with a full database installed) or that are in a
  small list of function words are never part of a name;
* camel-tools' named-entity recognizer (`NERecognizer`), when a model is
  installed (``camel_data -i ner-arabert``) or given with ``--ner-model``.

They are combined (`find_names`): a pattern's name is cut where the model
is sure the name has ended («دونالد ترامب يبلغ» → «دونالد ترامب») and
dropped where it is sure there is no name («تمت», «روسية»); where a finder
and the model overlap, the model's boundaries and the pattern's type win. A
known place right after a kind of feature or body («مضيق تايوان», «جامعة
موسكو») is part of a longer, unknown name: that mention is dropped and the
longer name proposed.

Each article's candidates are gathered across the dossier, counted and
written as a review file by `analysis.candidates`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from ..models.article import Article, Candidate, Mention
from ..models.kinds import CandidateSource, EntityType
from . import camel
from .normalize import match_key
from .spelling import without_conjunction
from .tokens import Sentences, SpanSet, Token, only_spaces_between, tokenize

_k = match_key
PERSON_TITLES = frozenset(
    _k(w)
    for w in (
        "الرئيس",
        "رئيس",
        "رئيسة",
        "وزير",
        "وزيرة",
        "الوزير",
        "نائب",
        "الأمين",
        "المدير",
        "مدير",
        "المتحدث",
        "المتحدثة",
        "متحدث",
        "السفير",
        "سفير",
        "الجنرال",
        "الأميرال",
        "المستشار",
        "مستشار",
        "السيد",
        "السيدة",
        "الخبير",
        "الخبيرة",
        "خبير",
        "الأستاذ",
        "الباحث",
        "الملك",
        "الأمير",
        "زعيم",
        "الزعيم",
        "قائد",
        "محافظ",
        "المبعوث",
        "نظيره",
        "نظيرته",
        "المحلل",
        "الكاتب",
        "الصحفي",
        "الدكتور",
    )
)
PLACE_TITLES = frozenset(
    _k(w) for w in ("مدينة", "منطقة", "إقليم", "جزيرة", "بلدة", "عاصمة", "ولاية", "مقاطعة", "قاعدة")
)
ORGANISATION_TITLES = frozenset(
    _k(w)
    for w in ("وكالة", "شركة", "جامعة", "صحيفة", "منظمة", "حزب", "بنك", "مجموعة", "قناة", "مؤسسة", "مركز")
)
TITLES = {**dict.fromkeys(PERSON_TITLES, EntityType.PERSON), **dict.fromkeys(PLACE_TITLES, EntityType.PLACE)}
TITLES.update(dict.fromkeys(ORGANISATION_TITLES, EntityType.ORGANISATION))

# Words that are never part of a name: prepositions, particles, pronouns,
# time words, and verbs of saying (the name ends where the clause goes on).
FUNCTION_WORDS = frozenset(
    _k(w)
    for w in (
        "في",
        "من",
        "على",
        "إلى",
        "عن",
        "مع",
        "أن",
        "إن",
        "أنه",
        "إنه",
        "الذي",
        "التي",
        "الذين",
        "قد",
        "لم",
        "لن",
        "لا",
        "ما",
        "كان",
        "كانت",
        "يوم",
        "عام",
        "بعد",
        "قبل",
        "خلال",
        "بين",
        "حول",
        "منذ",
        "أي",
        "هذا",
        "هذه",
        "ذلك",
        "تلك",
        "كل",
        "بعض",
        "غير",
        "أو",
        "ثم",
        "حتى",
        "عند",
        "لدى",
        "كما",
        "أيضا",
        "أيضًا",
        "وقال",
        "قال",
        "قالت",
        "إنها",
        "لكن",
        "بل",
        "هو",
        "هي",
        "هم",
        "نحو",
        "وفق",
        "عبر",
        "ضد",
        "دون",
        "سابق",
        "جديد",
        "الجديد",
        "نفسه",
        "أمس",
        "اليوم",
        "الخميس",
        "الجمعة",
        "السبت",
        "الأحد",
        "الاثنين",
        "الثلاثاء",
        "الأربعاء",
        "شهر",
        "دفاعه",
        "بلاده",
        "بشأن",
        "لشؤون",
        "باسم",
        "العام",
        "الأسبق",
        "السابق",
    )
)
# Words that continue a title without being a name: "وكالة أنباء …".
TITLE_CONTINUATIONS = frozenset(
    _k(w) for w in ("أنباء", "شؤون", "لشؤون", "باسم", "دفاع", "خارجية", "أركان", "عام")
)
RELATIVE_PRONOUNS = frozenset(_k(w) for w in ("الذي", "التي", "الذين", "اللذين", "اللتين", "اللواتي"))
# A proclitic before the article: "بالتفصيل", "والصين" are never the start of an unknown name.
DEFINITE_WITH_PROCLITIC = tuple(_k(p) for p in ("بال", "وال", "فال", "كال", "لل"))
MAX_DESCRIPTORS = 3
MAX_NAME_WORDS = 3
ARTICLE = _k("ال")

_NER_TYPES = {
    "PERS": EntityType.PERSON,
    "LOC": EntityType.PLACE,
    "ORG": EntityType.ORGANISATION,
    "MISC": EntityType.EVENT,
}


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
        """ "First Last، title": the two words before the comma. (Only two:
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
            self.found.append(
                Candidate(start, end, surface, match_key(surface), type_, CandidateSource.PATTERN, *sentence)
            )


def pattern_candidates(
    article: Article, common: Callable[[str], bool] = lambda key: False
) -> list[Candidate]:
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
            for first, last, type_ in _name_runs(text, tokens, labels):
                start, end = tokens[first].start, tokens[last].end
                if not known.overlaps(start, end):
                    surface = text[start:end]
                    found.append(
                        Candidate(
                            start,
                            end,
                            surface,
                            match_key(surface),
                            type_,
                            CandidateSource.NER,
                            s_start,
                            s_end,
                        )
                    )
    return found


def _runs(labels: list[str], joined: list[bool] | None = None) -> list[tuple[int, int, EntityType]]:
    """(first, last, type) of each entity in IOB labels; an I- that does not
    continue a run of its type starts one, and so does a word not joined to
    the one before by spaces alone (a name never runs across punctuation)."""
    runs: list[tuple[int, int, EntityType]] = []
    run_start, run_type = None, None
    for index, label in enumerate([*labels, "O"]):
        tag, _, kind = label.partition("-")
        continues = tag == "I" and run_type is not None and _NER_TYPES.get(kind) is run_type
        if continues and (joined is None or joined[index]):
            continue
        if run_start is not None:
            runs.append((run_start, index - 1, run_type))
        run_start, run_type = (
            (index, _NER_TYPES[kind]) if tag in ("B", "I") and kind in _NER_TYPES else (None, None)
        )
    return runs


def _name_runs(text: str, tokens: list[Token], labels: list[str]) -> list[tuple[int, int, EntityType]]:
    """The runs of a sentence, a person's run without the descriptors before
    the name («الصربي ألكسندر فوتشيتش» → «ألكسندر فوتشيتش»)."""
    joined = [False] + [only_spaces_between(text, a, b) for a, b in zip(tokens, tokens[1:])]
    runs = []
    for first, last, type_ in _runs(labels, joined):
        while (
            type_ is EntityType.PERSON
            and first < last
            and _definite(text[tokens[first].start : tokens[first].end])
        ):
            first += 1
        runs.append((first, last, type_))
    return runs


# ------------------------------------------------------------ combined

# How sure the model must be (mean probability of its words being a name)
# to propose a name alone; below DROP, a pattern's word is not a name.
PROPOSE = 0.3
DROP = 0.03
TRIM = 0.1
# Words before a place that make a longer name of it: «مضيق تايوان» is not Taiwan.
FEATURES = frozenset(
    _k(w)
    for w in (
        "مضيق",
        "خليج",
        "بحر",
        "نهر",
        "جبل",
        "بحيرة",
        "صحراء",
        "ميناء",
        "مطار",
        "جامعة",
        "بنك",
        "مصرف",
        "صحيفة",
        "قناة",
        "جزيرة",
    )
)


@dataclass
class Finders:
    """What the candidate finders use, loaded once per process."""

    common: Callable[[str], bool]  # a full morphology database's common words
    model: object | None = None  # ner.NameModel
    names: object | None = None  # ner.NameList of the gazetteer, the model's gazetteer feature
    recognizer: object | None = None  # camel-tools' NERecognizer


def _model_candidates(article: Article, finders: Finders, sure: dict[int, float]) -> list[Candidate]:
    """The model's names, and in `sure` its probability of a name for each word (by offset)."""
    text, found = article.text, []
    known = SpanSet((m.start, m.end) for m in article.mentions)
    for block in article.parsed.blocks:
        for s_start, s_end in Sentences(text, block.start, block.end).spans:
            tokens = tokenize(text, s_start, s_end)
            labels, probabilities = finders.model.label_sentence(
                [text[t.start : t.end] for t in tokens], finders.names
            )
            sure.update({t.start: p for t, p in zip(tokens, probabilities)})
            for first, last, type_ in _name_runs(text, tokens, labels):
                start, end = tokens[first].start, tokens[last].end
                confidence = sum(probabilities[first : last + 1]) / (last + 1 - first)
                if confidence >= PROPOSE and not known.overlaps(start, end):
                    surface = text[start:end]
                    found.append(
                        Candidate(
                            start,
                            end,
                            surface,
                            match_key(surface),
                            type_,
                            CandidateSource.NER,
                            s_start,
                            s_end,
                        )
                    )
    return found


def _checked(candidate: Candidate, text: str, sure: dict[int, float]) -> Candidate | None:
    """A pattern's name as the model sees it: cut after its last word the
    model thinks may be a name, dropped if it thinks none is."""
    tokens = tokenize(text, candidate.start, candidate.end)
    chances = [sure.get(t.start, 1.0) for t in tokens]
    if not tokens or max(chances) < DROP:
        return None
    last = max(i for i, chance in enumerate(chances) if chance >= TRIM) if max(chances) >= TRIM else 0
    end = tokens[last].end
    surface = text[candidate.start : end]
    return replace(candidate, end=end, surface=surface, key=match_key(surface))


def _merged(found: list[Candidate]) -> list[Candidate]:
    """Overlapping candidates as one: the model's boundaries, the pattern's
    type, every finder that saw it."""
    result: list[Candidate] = []
    for candidate in sorted(found, key=lambda c: (c.start, -c.end)):
        if result and candidate.start < result[-1].end:
            previous = result[-1]
            model = next((c for c in (previous, candidate) if c.source & CandidateSource.NER), previous)
            typed = next((c for c in (previous, candidate) if c.source & CandidateSource.PATTERN), model)
            result[-1] = replace(model, type=typed.type, source=previous.source | candidate.source)
        else:
            result.append(candidate)
    return result


def _inside_longer_names(
    article: Article, types: dict[str, EntityType]
) -> tuple[list[Candidate], set[Mention]]:
    """A known place right after a feature or body word («مضيق تايوان»): the
    longer name, and the mentions it takes."""
    text, found, taken = article.text, [], set()
    for mention in article.mentions:
        if types.get(mention.entity_id) is not EntityType.PLACE or mention.descriptive:
            continue
        before = tokenize(text, max(0, mention.start - 20), mention.start)
        if (
            before
            and without_conjunction(before[-1].key, FEATURES) in FEATURES
            and not text[before[-1].end : mention.start].strip()
        ):
            start = before[-1].start + (1 if before[-1].key not in FEATURES else 0)
            surface = text[start : mention.end]
            kind = EntityType.PLACE if before[-1].key.lstrip("وف") in _GEOGRAPHIC else EntityType.ORGANISATION
            found.append(
                Candidate(
                    start,
                    mention.end,
                    surface,
                    match_key(surface),
                    kind,
                    CandidateSource.PATTERN,
                    mention.sentence_start,
                    mention.sentence_end,
                )
            )
            taken.add(mention)
    return found, taken


_GEOGRAPHIC = frozenset(_k(w) for w in ("مضيق", "خليج", "بحر", "نهر", "جبل", "بحيرة", "صحراء", "جزيرة"))

# Institutions named by a kind word and the words that qualify it, all part
# of the name: «وزارة الصحة», «مجلس التعاون الخليجي», «الحزب الشيوعي الصيني».
INSTITUTIONS = {
    **dict.fromkeys(
        (
            _k(w)
            for w in (
                "وزارة",
                "مجلس",
                "هيئة",
                "حزب",
                "الحزب",
                "الاتحاد",
                "منظمة",
                "محكمة",
                "المحكمة",
                "البنك",
                "صندوق",
                "وكالة",
                "إذاعة",
                "تلفزيون",
                "جريدة",
                "صحيفة",
                "الجيش",
                "حركة",
                "جبهة",
                "لجنة",
                "اللجنة",
                "مؤسسة",
                "مجموعة",
            )
        ),
        EntityType.ORGANISATION,
    ),
    **dict.fromkeys(
        (
            _k(w)
            for w in ("جمهورية", "مملكة", "المملكة", "محافظة", "مطار", "قصر", "مخيم", "حي", "ميدان", "شارع")
        ),
        EntityType.PLACE,
    ),
}
MAX_QUALIFIERS = 4


def _institution(text: str, tokens: list[Token], i: int, stop: Callable[[Token], bool]) -> int | None:
    """The last token of an institution's name starting at token i, or None."""
    j = i
    while (
        j + 1 < len(tokens) and j - i < MAX_QUALIFIERS and only_spaces_between(text, tokens[j], tokens[j + 1])
    ):
        nxt = tokens[j + 1]
        written = text[nxt.start : nxt.end]
        genitive = j == i and nxt.key.isalpha() and not _TANWEEN.search(written)  # «وكالة سانا»
        if stop(nxt) or not (_definite(written) or nxt.key in TITLE_CONTINUATIONS or genitive):
            break
        j += 1
    qualifiers = tokens[i + 1 : j + 1]
    return j if qualifiers and any(t.key not in TITLE_CONTINUATIONS for t in qualifiers) else None


def _institutions(article: Article, types: dict[str, EntityType]) -> tuple[list[Candidate], set[Mention]]:
    """Institutions named by kind and qualifiers; the known places inside them
    («إذاعة الصين الدولية») are part of the name, not mentions of the place."""
    text, found, taken = article.text, [], set()
    mentions = sorted(article.mentions, key=lambda m: m.start)

    def stop(t):
        return (
            t.key in FUNCTION_WORDS or t.key in RELATIVE_PRONOUNS or t.key in INSTITUTIONS or t.key in TITLES
        )

    for block in article.parsed.blocks:
        tokens = tokenize(text, block.start, block.end)
        sentences = Sentences(text, block.start, block.end)
        for i, token in enumerate(tokens):
            kind = INSTITUTIONS.get(without_conjunction(token.key, INSTITUTIONS))
            last = _institution(text, tokens, i, stop) if kind else None
            if last is None:
                continue
            start = token.start + (1 if token.key not in INSTITUTIONS else 0)
            end = tokens[last].end
            inside = [m for m in mentions if start <= m.start and m.end <= end]
            crossing = [m for m in mentions if m.start < end and start < m.end and m not in inside]
            if crossing or any(
                types.get(m.entity_id) is not EntityType.PLACE or (m.start, m.end) == (start, end)
                for m in inside
            ):
                continue
            surface = text[start:end]
            found.append(
                Candidate(
                    start,
                    end,
                    surface,
                    match_key(surface),
                    kind,
                    CandidateSource.PATTERN,
                    *sentences.around(start),
                )
            )
            taken.update(inside)
    return found, taken


_LATIN_NAME = re.compile(r"\b(?:[A-Z][a-z]+(?:[ -][A-Z][a-z]+){1,3}|[A-Z]{2,6})\b")


def _latin_names(article: Article) -> list[Candidate]:
    """Names written in Latin script inside Arabic text: «Xi Jinping», «BRICS»."""
    text, found = article.text, []
    known = SpanSet((m.start, m.end) for m in article.mentions)
    for block in article.parsed.blocks:
        sentences = Sentences(text, block.start, block.end)
        for match in _LATIN_NAME.finditer(text, block.start, block.end):
            if not known.overlaps(match.start(), match.end()):
                kind = EntityType.ORGANISATION if match.group().isupper() else EntityType.PERSON
                found.append(
                    Candidate(
                        match.start(),
                        match.end(),
                        match.group(),
                        match_key(match.group()),
                        kind,
                        CandidateSource.PATTERN,
                        *sentences.around(match.start()),
                    )
                )
    return found


# Words of news prose the model can take for names: the two leaders, sides, countries.
NOT_NAMES = frozenset(
    _k(w)
    for w in (
        "الزعيمان",
        "الزعيمين",
        "الرئيسان",
        "الرئيسين",
        "الجانبان",
        "الجانبين",
        "البلدان",
        "البلدين",
        "الطرفان",
        "الطرفين",
        "الوزيران",
        "الوزيرين",
        "الدولتان",
        "الدولتين",
        "الزعماء",
        "القادة",
        "الجانب",
        "البلد",
        "الدولة",
        "العاصمة",
        "المدينة",
    )
)
_NISBA = re.compile(r"(ي|يه|يين|يون|يان)$")


_VERB = re.compile(r"^(س[يتنأ]\w{3,}|ي\w{2,}(ان|ون|ين))$")  # سيزور، ستبدأ؛ يتسمان، يقولون


def _edge_word(token: Token, sure: dict[int, float]) -> bool:
    """A word no name starts or ends with: a function or time word, or a
    word shaped like a verb that the model doubts is a name (سيرغي is one)."""
    return (
        token.key in FUNCTION_WORDS
        or token.key in NOT_NAMES
        or (bool(_VERB.match(token.key)) and sure.get(token.start, 0.0) < 0.5)
    )


def _trimmed(candidate: Candidate, text: str, sure: dict[int, float]) -> Candidate | None:
    """Without the words at its edges that are no part of a name, and
    without a preposition or conjunction fused with the article of its
    first word («بالصين», «والهند»)."""
    tokens = list(tokenize(text, candidate.start, candidate.end))
    while tokens and _edge_word(tokens[0], sure):
        tokens.pop(0)
    while tokens and _edge_word(tokens[-1], sure):
        tokens.pop()
    if not tokens:
        return None
    start, end = tokens[0].start, tokens[-1].end
    if tokens[0].key[:1] in "وفبك" and tokens[0].key[1:3] == "ال" and len(tokens[0].key) > 5:
        start = tokens[0].origin(1)
    surface = text[start:end]
    key = match_key(surface)
    if key.startswith("لل") and len(key.split()[0]) > 4:  # ل + ال is written لل: the name is ال…
        key = "ال" + key[2:]
    return replace(candidate, start=start, end=end, surface=surface, key=key)


def _worth_proposing(candidate: Candidate, text: str) -> bool:
    """Not a word of prose: a function word, a dual («الزعيمان»), or an
    adjective of origin («الصيني», «الروسية») taken for a place or body."""
    words = candidate.key.split()
    if (
        not words
        or len(candidate.key.replace(" ", "")) < 2
        or candidate.key in NOT_NAMES
        or candidate.key in FUNCTION_WORDS
    ):
        return False
    written = text[candidate.start : candidate.end]
    adjective = len(words) == 1 and _definite(written) and _NISBA.search(words[0])
    return not (adjective and candidate.type is not EntityType.PERSON)


def find_names(article: Article, finders: Finders, types: dict[str, EntityType]) -> Article:
    """The article with its candidates, and without the mentions that are
    part of longer names."""
    longer, taken = _inside_longer_names(article, types)
    named, in_names = _institutions(article, types)
    longer, taken = longer + named, taken | in_names
    sure: dict[int, float] = {}
    # The model reads the article as tagged: a known name is no candidate,
    # even inside a longer name found above.
    found = _model_candidates(article, finders, sure) if finders.model is not None else []
    if taken:
        article = replace(article, mentions=tuple(m for m in article.mentions if m not in taken))
    if finders.recognizer is not None:
        found += ner_candidates(article, finders.recognizer)
    patterns = pattern_candidates(article, finders.common)
    found += [c for c in (_checked(c, article.text, sure) for c in patterns) if c is not None]
    trimmed = [
        t
        for c in _merged([*found, *longer, *_latin_names(article)])
        if (t := _trimmed(c, article.text, sure))
    ]
    merged = [c for c in trimmed if _worth_proposing(c, article.text)]
    merged += repeats(article, merged)
    return replace(article, candidates=tuple(sorted(merged, key=lambda c: (c.start, c.end))))


# ------------------------------------------------------------ repeats


def repeats(article: Article, found: list[Candidate]) -> list[Candidate]:
    """Every other place the article writes a name it proposes, outside its
    mentions: a person introduced whole («سيرغي لافروف») is then named by
    the family name («وقال لافروف»), which counts too. One pass over the
    words: names are looked up by their first word. Per article, so that
    the dossier's counts need no pass over every text in every build."""
    text = article.text
    models: dict[tuple[str, ...], Candidate] = {}
    for candidate in found:
        models.setdefault(tuple(t.key for t in tokenize(candidate.surface)), candidate)
    for words, candidate in list(models.items()):
        if (
            candidate.type is EntityType.PERSON
            and len(words) >= 2
            and len(words[-1]) >= 4
            and words[-1] not in FUNCTION_WORDS
        ):
            models.setdefault(words[-1:], candidate)
    lengths: dict[str, list[int]] = {}  # first word -> the lengths of names starting with it, longest first
    for words in sorted(models, key=len, reverse=True):
        if words and len(words) not in lengths.setdefault(words[0], []):
            lengths[words[0]].append(len(words))
    taken = SpanSet([*((m.start, m.end) for m in article.mentions), *((c.start, c.end) for c in found)])
    extra = []
    for block in article.parsed.blocks:
        tokens, sentences, i = tokenize(text, block.start, block.end), None, 0
        while i < len(tokens):
            size = next(
                (n for n in lengths.get(tokens[i].key, ()) if _written_as(text, tokens, i, n, models)), 0
            )
            if not size:
                i += 1
                continue
            start, end = tokens[i].start, tokens[i + size - 1].end
            if not taken.overlaps(start, end):
                model = models[tuple(t.key for t in tokens[i : i + size])]
                sentences = sentences or Sentences(text, block.start, block.end)
                extra.append(
                    Candidate(
                        start,
                        end,
                        text[start:end],
                        model.key,
                        model.type,
                        CandidateSource.REPEATED,
                        *sentences.around(start),
                    )
                )
            i += size
    return extra


def _written_as(text: str, tokens, i: int, size: int, models: dict) -> bool:
    """Whether the `size` words from token i are a name of `models`, written
    with only spaces between them."""
    run = tokens[i : i + size]
    return (
        len(run) == size
        and tuple(t.key for t in run) in models
        and all(only_spaces_between(text, a, b) for a, b in zip(run, run[1:]))
    )
