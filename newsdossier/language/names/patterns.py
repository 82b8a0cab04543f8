"""Names found by their shape in the text, outside known mentions:

* after a title or a kind of place or body («وزير الخارجية الروسي سيرغي
  لافروف», «مدينة هاربين», «شركة روساتوم»), skipping the descriptive words
  with ال between them; or just before «، title» («أليكسي ميلر، رئيس شركة
  غازبروم»);
* institutions named by a kind word and the words that qualify it («وزارة
  الصحة», «مجلس التعاون الخليجي»), and a known place right after a kind of
  feature or body («مضيق تايوان»): the longer names, which `takeback` turns
  into candidates;
* names written in Latin script inside Arabic text («Xi Jinping», «BRICS»).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from functools import lru_cache
from itertools import compress, count
from operator import attrgetter
from typing import NamedTuple

from ...models.article import Article, Candidate, Mention
from ...models.kinds import CandidateSource, EntityType, Evidence
from ..normalize import WORD_MEMO, match_key
from ..spelling import (
    ARTICLE,
    CONJUNCTIONS,
    FUSED_ARTICLE,
    known_base,
    with_conjunctions,
    with_proclitics_before_article,
    without_conjunction,
)
from ..tokens import SpanIndex, SpanSet, Token, only_spaces_between, sentences, tokenize
from .lexicon import Lexicon, load
from .shapes import NISBA, PARTICIPLE, TANWEEN, VERB, definite, name_word, written_as
from .words import (
    FEATURES,
    FUNCTION_WORDS,
    GEOGRAPHIC,
    INSTITUTIONS,
    PERSON_TITLES,
    QUOTED_KINDS,
    RANKS,
    RELATIVE_PRONOUNS,
    TIME_WORDS,
    TITLE_CONTINUATIONS,
    TITLES,
)

MAX_DESCRIPTORS = 3
NO_EVIDENCE = Evidence(0)
MAX_NAME_WORDS = 3
MAX_QUALIFIERS = 6
# How often the corpora saw a genitive with ل before a bare noun («لكرة») in
# names for it to go on a body's name: once is chance («لرصد»: once in, once out).
NAMED_GENITIVE = 2
# The governing organs of a body: with the body's kind word alone, no name.
ORGANS = frozenset(match_key(w) for w in ("مجلس", "لجنة", "هيئة"))
# A tournament's kind word that also means "starring" before a person's name.
STARRING = match_key("بطولة")
# The words the title finder reads (`_TitleFinder.block`): a title, with a fused
# conjunction too (`without_conjunction`'s reading), or a person's title.
_TITLED = with_conjunctions(TITLES) | PERSON_TITLES
_KEY = attrgetter("key")


def candidate(
    text: str,
    start: int,
    end: int,
    type_: EntityType,
    source: CandidateSource,
    sentence: tuple[int, int],
    evidence: Evidence = NO_EVIDENCE,
) -> Candidate:
    surface = text[start:end]
    return Candidate(start, end, surface, match_key(surface), type_, source, *sentence, evidence)


# ------------------------------------------------------------ titles


class _TitleFinder:
    """The title and apposition patterns over one block's tokens."""

    def __init__(self, article: Article, common: Callable[[str], bool]):
        self.text, self.common = article.text, common
        self.known = SpanSet((m.start, m.end) for m in article.mentions)
        self.known_names = SpanSet((c.start, c.end) for c in article.candidates)
        self.found: list[Candidate] = []

    def block(self, start: int, end: int) -> None:
        self.tokens = tokenize(self.text, start, end)
        self.sentences = sentences(self.text, start, end)
        # Only the words that are a title (with a conjunction too) or a person's title are read,
        # found in C: most words are neither.
        tokens = self.tokens
        for i in compress(count(), map(_TITLED.__contains__, map(_KEY, tokens))):
            key = without_conjunction(tokens[i].key, TITLES)
            if key in TITLES and self._named_after_a_person(i, key):
                continue
            if key in TITLES:
                self._after_title(i, TITLES[key])
            if key in PERSON_TITLES:
                self._before_comma_title(i)

    def _adjacent(self, i: int) -> bool:  # tokens i-1 and i with only spaces between
        return only_spaces_between(self.text, self.tokens[i - 1], self.tokens[i])

    def _written(self, token: Token) -> str:
        return self.text[token.start : token.end]

    def _name_word(self, token: Token) -> bool:
        """A word of a name after a title; not a body's kind word, which
        makes what follows the title's complement («المدير العام | لمجمع
        سوناطراك»)."""
        return name_word(token.key, self.common, self._written(token)) and not institution_kind(token.key)

    def _after_title(self, i: int, type_: EntityType) -> None:
        """A title, up to three descriptors with ال, then the name."""
        tokens, j = self.tokens, i + 1
        while (
            j < len(tokens)
            and j - i <= MAX_DESCRIPTORS
            and self._adjacent(j)
            and (definite(self._written(tokens[j])) or tokens[j].key in TITLE_CONTINUATIONS)
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
        if k == j + 1 and type_ is EntityType.PERSON and k < len(tokens) and self._family_name(k):
            k += 1
        if k > j:
            self._emit(j, k - 1, type_, Evidence.TITLE)

    def _named_after_a_person(self, i: int, key: str) -> bool:
        """A body or place named after a person: its kind word without the
        article, a rank and the person's name, with the adjectives after it
        («جامعة الأميرة نورة بنت عبدالرحمن», «مركز الملك عبدالله المالي»),
        found whole; the person alone is no name there. (On ANERcorp this
        shape is one gold name 6 times of 8; the other two tag the person
        only.) A kind word with the article starts no construct («الجيش
        العقيد …»). Whether it was found."""
        tokens, type_ = self.tokens, TITLES[key]
        if type_ is EntityType.PERSON or definite(self._written(tokens[i])) or i + 2 >= len(tokens):
            return False
        if tokens[i + 1].key not in RANKS and tokens[i + 1].key not in PERSON_TITLES:
            return False
        j = k = i + 2
        if not (self._adjacent(i + 1) and self._adjacent(j)):
            return False
        while k < len(tokens) and k - j < MAX_NAME_WORDS and self._adjacent(k) and self._name_word(tokens[k]):
            k += 1
        while k < len(tokens) and k > j and self._adjacent(k) and _body_adjective(self._written(tokens[k])):
            k += 1
        if k == j:
            return False
        start = tokens[i].origin(len(tokens[i].key) - len(key))
        self._emit_span(start, tokens[k - 1].end, type_, Evidence.TITLE | Evidence.INSTITUTION)
        return True

    def _family_name(self, k: int) -> bool:
        """Whether token k, with the article, completes the given name before
        it («وزير التربية جلال | الطبطبائي»): after a title a given name is
        not a whole name, and a definite word the corpora do not know as
        common, descriptive or of a place's origin is its family name."""
        token, lexicon = self.tokens[k], load()
        return (
            self._adjacent(k)
            and lexicon.given_name(self.tokens[k - 1].key)
            and definite(self._written(token))
            and family_name(token.key, lexicon)
        )

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
            self._emit(i - 2, i - 1, EntityType.PERSON, Evidence.APPOSITION)

    def _emit(self, first: int, last: int, type_: EntityType, evidence: Evidence) -> None:
        self._emit_span(self.tokens[first].start, self.tokens[last].end, type_, evidence)

    def _emit_span(self, start: int, end: int, type_: EntityType, evidence: Evidence) -> None:
        if not self.known.overlaps(start, end) and not self.known_names.overlaps(start, end):
            sentence = self.sentences.around(start)
            self.found.append(
                candidate(self.text, start, end, type_, CandidateSource.PATTERN, sentence, evidence)
            )


def _body_adjective(written: str) -> bool:
    """A definite adjective of origin or relation after a body's name («المالي»)."""
    return definite(written) and bool(NISBA.search(match_key(written)))


def family_name(key: str, lexicon: Lexicon) -> bool:
    """A word after a given name that is the rest of the person's name, not
    prose: letters, no function word, title or kind word, and not a word the
    corpora know as common, descriptive or of a place's origin (on ANERcorp,
    after a title and a person's given name, such a word is in the name 82
    times of 84; other words 5 of 18)."""
    return (
        key.isalpha()
        and not _stop_word(key)
        and not lexicon.common(key)
        and not lexicon.descriptive(key)
        and not lexicon.origin_of_a_place(key)
    )


def after_titles(article: Article, common: Callable[[str], bool] = lambda key: False) -> list[Candidate]:
    """Names after a title or a kind word, and before «، title»."""
    finder = _TitleFinder(article, common)
    for block in article.parsed.blocks:
        finder.block(block.start, block.end)
    return finder.found


# ------------------------------------------------------------ longer names


class LongerName(NamedTuple):
    """A name found whole, and the known mentions inside it."""

    candidate: Candidate
    inside: tuple[Mention, ...]


class _WordsBefore:
    """The last word of the few characters before an offset (`WINDOW`), as
    `tokenize` gives it for those characters alone, read from the block's
    tokens (`tokenize`'s memo) rather than the window split again for
    every place mentioned."""

    WINDOW = 20

    def __init__(self, text: str, blocks):
        self.text, self.blocks = text, blocks
        self._starts = [b.start for b in blocks]
        self._tokens: dict[int, tuple[tuple[Token, ...], list[int]]] = {}

    def last(self, offset: int) -> Token | None:
        start = max(0, offset - self.WINDOW)
        index = bisect.bisect_right(self._starts, offset) - 1
        if index >= 0 and offset <= self.blocks[index].end:
            if index not in self._tokens:
                block = self.blocks[index]
                tokens = tokenize(self.text, block.start, block.end)
                self._tokens[index] = (tokens, [t.start for t in tokens])
            tokens, starts = self._tokens[index]
            at = bisect.bisect_left(starts, offset) - 1
            # A word is a run of word characters, found the same from any
            # place: the block's last word before `offset` is the window's
            # when it lies whole inside the window (else the window cuts it,
            # or reaches past the block: split the window itself).
            if at >= 0 and tokens[at].start >= start and tokens[at].end <= offset:
                return tokens[at]
        window = tokenize(self.text, start, offset)
        return window[-1] if window else None


def feature_places(article: Article, types: dict[str, EntityType]) -> list[LongerName]:
    """A known place right after a feature or body word («مضيق تايوان»)."""
    text, found = article.text, []
    words = _WordsBefore(text, article.parsed.blocks)
    for mention in article.mentions:
        if types.get(mention.entity_id) is not EntityType.PLACE or mention.descriptive:
            continue
        last = words.last(mention.start)
        if (
            last is not None
            and without_conjunction(last.key, FEATURES) in FEATURES
            and not text[last.end : mention.start].strip()
        ):
            feature = without_conjunction(last.key, FEATURES)
            start = last.start + (1 if last.key != feature else 0)
            kind = EntityType.PLACE if feature in GEOGRAPHIC else EntityType.ORGANISATION
            sentence = (mention.sentence_start, mention.sentence_end)
            name = candidate(
                text, start, mention.end, kind, CandidateSource.PATTERN, sentence, Evidence.FEATURE
            )
            found.append(LongerName(name, (mention,)))
    return found


def institution_end(text: str, tokens: list[Token], i: int) -> int | None:
    """The last token of an institution's name starting at token i, or None:
    its qualifiers are definite words (a genitive then adjectives), after
    the first of them the genitive and coordinated words of `tail`
    («للانتخابات», «والتعليم»), or right after the kind word an indefinite
    genitive («وكالة سانا»; not after a kind word with the article, which is
    never the first term of a construct: «الهيئة | محمد التليلي»)."""
    j = i
    while (
        j + 1 < len(tokens) and j - i < MAX_QUALIFIERS and only_spaces_between(text, tokens[j], tokens[j + 1])
    ):
        nxt = tokens[j + 1]
        written = text[nxt.start : nxt.end]
        genitive = (  # «وكالة سانا»: a bare noun, not an adjective («مسابقة رياضية»)
            j == i
            and not definite(text[tokens[i].start : tokens[i].end])  # «الهيئة | محمد …»: no construct
            and nxt.key.isalpha()
            and not TANWEEN.search(written)
            and not with_proclitics_before_article(nxt.key)
            and (not NISBA.search(nxt.key) or load().place((nxt.key,)))  # «بلدية دبي»: no adjective
        )
        joined = j > i and (tail(text, tokens, j + 1, i) > 0 or chained(text, tokens, j + 1, i))
        if _stops_institution(nxt) or not (
            definite(written) or nxt.key in TITLE_CONTINUATIONS or genitive or joined
        ):
            break
        j += 1
    qualifiers = tokens[i + 1 : j + 1]
    return j if qualifiers and any(t.key not in TITLE_CONTINUATIONS for t in qualifiers) else None


def chained(text: str, tokens: list[Token], k: int, kind: int) -> bool:
    """Whether token k goes on a body's name as a second bare genitive: the
    kind word and the first genitive are bare, the first is a known place,
    and token k a word that may be a name (not a common word, a verb, a
    word with tanween, a conjunction's list or a genitive or purpose with
    ل): «وكالة تونس إفريقيا للأنباء». The model has the last word: it cuts what it doubts."""
    lexicon, token = load(), tokens[k]
    written = text[token.start : token.end]
    return (
        k == kind + 2
        and not definite(text[tokens[kind].start : tokens[kind].end])
        and not definite(text[tokens[k - 1].start : tokens[k - 1].end])
        and lexicon.place((tokens[k - 1].key,))
        and not definite(written)
        and token.key.isalpha()
        and token.key[:1] not in CONJUNCTIONS  # «جامعة هارفارد | وجامعة بوسطن»: a list
        and token.key[:1] != FUSED_ARTICLE[:1]  # «بلدية دبي | لرصد التغيرات»: ل is `tail`'s
        and not lexicon.common(token.key)
        and not TANWEEN.search(written)
        and not with_proclitics_before_article(token.key)
        and not VERB.match(token.key)
    )


def tail(text: str, tokens: list[Token], k: int, kind: int, lexicon: Lexicon | None = None) -> int:
    """How many words from token k go on a body's name after its kind word
    (token `kind`) and first qualifier, 0 for none: a genitive with ل fused
    to the article («الهيئة العليا المستقلة للانتخابات»; not a time, «للمرة
    الأولى»); a genitive with ل before a bare noun and the definite word
    completing it, when the corpora saw that word in names at least
    `NAMED_GENITIVE` times («الاتحاد الدولي لكرة القدم»: a purpose clause is
    written the same way, «لوقف العدوان», and never seen there); neither
    after a place's kind word («بلدية أوباري | للمطالبة»); or a word with
    the article coordinated by و («وزارة التربية والتعليم», «للطرق
    والنقل», «المجلس الاقتصادي والاجتماعي»). After an
    adjective of origin or a participle the name is closed, and a word with
    و starts another («الاتحاد الأوروبي | والصين», «سلطة الائتلاف المؤقتة |
    والإدارة المحلية»); so does a known place («والولايات المتحدة»), a
    relative, a title or rank, a kind word or the same word again («مجلس
    الوزراء | والوزراء»)."""
    token, before, lexicon = tokens[k], tokens[k - 1], lexicon or load()
    key, written = token.key, text[token.start : token.end]
    place = INSTITUTIONS.get(institution_kind(tokens[kind].key) or "") is EntityType.PLACE
    if key.startswith(FUSED_ARTICLE):
        return int(not place and len(key) > len(FUSED_ARTICLE) + 2 and ARTICLE + key[2:] not in TIME_WORDS)
    if key[:1] == FUSED_ARTICLE[:1] and not place:  # the preposition ل
        following = tokens[k + 1] if k + 1 < len(tokens) else None
        named = lexicon.words.get(key, (0, 0))[1] >= NAMED_GENITIVE
        complete = following is not None and definite(text[following.start : following.end])
        return 2 if named and complete and only_spaces_between(text, token, following) else 0
    if key[:1] not in CONJUNCTIONS or not definite(written[1:]):
        return 0
    base = key[1:]
    if not (definite(text[before.start : before.end]) or before.key.startswith(FUSED_ARTICLE)):
        return 0  # after a bare name, a list: «جمهورية جيبوتي | والوفد»
    closed = bool(PARTICIPLE.match(before.key)) or lexicon.origin_of_a_place(before.key)
    after = tokens[k + 1].key if k + 1 < len(tokens) else ""
    place = lexicon.place((base,)) or lexicon.place_start((base, after))  # «والصين», «والولايات المتحدة»
    return int(not (closed or place or _stop_word(base) or base in RANKS or base == before.key))


def _stops_institution(token: Token) -> bool:
    return _stop_word(token.key)


def _stop_word(key: str) -> bool:
    """A word that ends a body's name: a function word, a relative, a kind word, a title."""
    return key in FUNCTION_WORDS or key in RELATIVE_PRONOUNS or key in INSTITUTIONS or key in TITLES


def _organ_of_a_body(text: str, tokens: list[Token], i: int, kind_word: str) -> bool:
    """Whether a governing organ's word (token i) and a kind of body with the
    article, no adjective after them, name the organ of a body named
    elsewhere («مجلس الجامعة», «لجنة الحزب», «هيئة المحكمة»), no name
    («مجلس الجامعة العربية» is one). (On ANERcorp a kind word followed by
    another with the article and no definite word after is a gold name once
    in 14.)"""
    if kind_word not in ORGANS or i + 1 >= len(tokens):
        return False
    qualifier = tokens[i + 1].key
    after = tokens[i + 2] if i + 2 < len(tokens) else None
    return (
        qualifier.startswith(ARTICLE)
        and qualifier[len(ARTICLE) :] in INSTITUTIONS
        and not (after is not None and _body_adjective(text[after.start : after.end]))
    )


@lru_cache(maxsize=WORD_MEMO)
def institution_kind(key: str) -> str | None:
    """The kind of body a word (its match key) names, under its proclitics
    («لوزارة» → «وزارة»), else None: asked of every word of every block
    (twice an article: `takeback` and the names' step), so remembered by word."""
    return known_base(key, INSTITUTIONS)


def _starring(kind_word: str, after: list[Token]) -> bool:
    """«بطولة» before a given name is "starring", a film's cast («فيلم "ضي"
    بطولة أحمد مالك»), not a tournament: a tournament is named by a place,
    a sport or a definite word («بطولة أفريقيا», «بطولة العالم»)."""
    return kind_word == STARRING and bool(after) and load().given_name(after[0].key)


class _Spanned(NamedTuple):
    """An institution's name as its words alone give it: where it starts and ends, and its kind word."""

    start: int
    end: int
    kind_word: str


# Cached: the take-back step and the names' step each ask for every block of
# an article (the mentions and candidates they filter by differ, the words do
# not); the cache holds about one article's blocks.
@lru_cache(maxsize=256)
def _institution_spans(text: str, start: int, end: int) -> tuple[_Spanned, ...]:
    """The institutions' names in text[start:end] by their words alone (a kind
    word, its qualifiers, not an organ of a body named elsewhere), before the
    known names and candidates around them are looked at."""
    tokens, found = tokenize(text, start, end), []
    # Only the words that name a kind of body (`institution_kind`, in C): most words do not.
    for i in compress(count(), map(institution_kind, map(_KEY, tokens))):
        token = tokens[i]
        kind_word = institution_kind(token.key)  # «لوزارة الخارجية» → «وزارة»
        kind = kind_word in INSTITUTIONS and written_as(text[token.start : token.end], kind_word)
        kind = kind and not _starring(kind_word, tokens[i + 1 : i + 2])
        last = institution_end(text, tokens, i) if kind else None
        if last is None or _organ_of_a_body(text, tokens, i, kind_word):
            continue
        found.append(_Spanned(token.origin(len(token.key) - len(kind_word)), tokens[last].end, kind_word))
    return tuple(found)


def institutions(article: Article, types: dict[str, EntityType]) -> list[LongerName]:
    """Institutions named by kind and qualifiers, with the known places
    inside them («إذاعة الصين الدولية»); one that holds another known name,
    or crosses one or a candidate, is not proposed."""
    text, found = article.text, []
    mentions = SpanIndex(article.mentions)
    proposed = SpanSet((c.start, c.end) for c in article.candidates)
    for block in article.parsed.blocks:
        block_sentences = sentences(text, block.start, block.end)
        for start, end, kind_word in _institution_spans(text, block.start, block.end):
            near = mentions.overlapping(start, end)
            inside = [m for m in near if start <= m.start and m.end <= end]
            crossing = [m for m in near if m not in inside]
            if (
                crossing
                or proposed.overlaps(start, end)
                or any(
                    types.get(m.entity_id) is not EntityType.PLACE or (m.start, m.end) == (start, end)
                    for m in inside
                )
            ):
                continue
            name = candidate(
                text,
                start,
                end,
                INSTITUTIONS[kind_word],
                CandidateSource.PATTERN,
                block_sentences.around(start),
                Evidence.INSTITUTION,
            )
            found.append(LongerName(name, tuple(inside)))
    return found


# ------------------------------------------------------------ Latin script

_LATIN_NAME = re.compile(r"\b(?:[A-Z][a-z]+(?:[ -][A-Z][a-z]+){1,3}|[A-Z]{2,6})\b")


def latin_names(article: Article) -> list[Candidate]:
    """Names written in Latin script inside Arabic text: «Xi Jinping», «BRICS»."""
    text, found = article.text, []
    known = SpanSet((m.start, m.end) for m in article.mentions)
    for block in article.parsed.blocks:
        block_sentences = sentences(text, block.start, block.end)
        for match in _LATIN_NAME.finditer(text, block.start, block.end):
            if not known.overlaps(match.start(), match.end()):
                kind = EntityType.ORGANISATION if match.group().isupper() else EntityType.PERSON
                sentence = block_sentences.around(match.start())
                found.append(
                    candidate(
                        text,
                        match.start(),
                        match.end(),
                        kind,
                        CandidateSource.PATTERN,
                        sentence,
                        Evidence.LATIN,
                    )
                )
    return found


# ------------------------------------------------------------ quoted names

_QUOTED = re.compile(r"[«“\"]([^«»“”\"\n.،,:؛!؟?]{2,60})[»”\"]")
MAX_QUOTED_WORDS = 5


def quoted_names(article: Article) -> list[Candidate]:
    """A name in quotation marks right after a kind of body or work
    («حزب “العدالة والتنمية”», «قناة "المسيرة"», «فيلم "صوت هند رجب"»):
    the quoted words, typed by the kind word."""
    text, found = article.text, []
    known = SpanSet(
        [*((m.start, m.end) for m in article.mentions), *((c.start, c.end) for c in article.candidates)]
    )
    for block in article.parsed.blocks:
        block_sentences = sentences(text, block.start, block.end)
        for match in _QUOTED.finditer(text, block.start, block.end):
            before = tokenize(text, max(block.start, match.start() - 20), match.start())
            if not before or text[before[-1].end : match.start()].strip():
                continue
            kind = known_base(before[-1].key, QUOTED_KINDS)
            words = tokenize(text, match.start(1), match.end(1))
            if kind is None or not 0 < len(words) <= MAX_QUOTED_WORDS or words[0].key in FUNCTION_WORDS:
                continue
            start, end = words[0].start, words[-1].end
            if not known.overlaps(start, end):
                sentence = block_sentences.around(start)
                kind_of = QUOTED_KINDS[kind]
                found.append(
                    candidate(text, start, end, kind_of, CandidateSource.PATTERN, sentence, Evidence.QUOTED)
                )
    return found
