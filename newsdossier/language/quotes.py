"""Find quotations and who said them.

A quotation is text of at least three words between quotation marks
(« », “ ”, " "; a quotation inside a quotation is part of it); shorter
quoted spans are terms (“بلا حدود”), not speech, kept as the article's
phrases.
Its speaker is found from a reporting verb before it in the same clause
(قال، أضاف، أكد، تابع، أردف، أوضح، صرح، ذكر، نقل، لفت، أشار، شدد، أعلن،
اعتبر، جاء… with و/ف, masculine or feminine, and قائلًا، مضيفًا):

* explicit: an entity is named between the verb and the quotation
  (a document of the gazetteer right after the verb first: «وقال البيان
  المشترك الصادر عن بوتين وشي» is the statement's; else a person, then an
  organisation, then a place: «ونقلت شينخوا عن بوتين قوله» is Putin's);
* inferred: the verb has no named subject («وأضاف:»، «وتابع الخبير:»):
  the speaker of the previous quotation when it is at most three paragraphs
  back, else the last person named (outside quotation marks) in the
  paragraph before;
* none: no reporting verb, or the subject is a document the gazetteer does
  not name («أوضح التقرير أن …»). Such quotations are kept and shown as
  unattributed.

Every lookup (the closing mark, the clause start, the verb, the names
between verb and quotation) is a binary search in positions found once per
paragraph, so the step stays near-linear however many quotations a text has.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, replace
from itertools import compress
from operator import attrgetter

from ..models.article import Article, Mention, Quote
from ..models.kinds import Attribution, EntityType
from .normalize import match_key
from .spelling import with_conjunctions
from .tokens import WORD, SpanSet, tokenize

MIN_WORDS = 3
INFER_WITHIN_BLOCKS = 3
# The subject of a reporting verb follows it within a few words («أوضح
# البيان المشترك»); names further on are looked at up to a bound.
SUBJECT_WORDS = 6
MAX_NAMES_BETWEEN = 50
MAX_REPEAT_LOOKBACK = 50  # earlier quotations compared with a new one (bounded: near-linear)

REPORTING_VERBS = frozenset(
    match_key(v)
    for v in (
        "قال",
        "قالت",
        "أضاف",
        "أضافت",
        "أكد",
        "أكدت",
        "تابع",
        "تابعت",
        "أردف",
        "أردفت",
        "أوضح",
        "أوضحت",
        "صرح",
        "صرحت",
        "ذكر",
        "ذكرت",
        "نقل",
        "نقلت",
        "قائلا",
        "قائلة",
        "مضيفا",
        "مضيفة",
        "متابعا",
        "مؤكدا",
        "قوله",
        "قولها",
        "لفت",
        "لفتت",
        "أشار",
        "أشارت",
        "شدد",
        "شددت",
        "أعلن",
        "أعلنت",
        "اعتبر",
        "اعتبرت",
        "جاء",
    )
)
VERBAL_NOUNS = frozenset(match_key(w) for w in ("قوله", "قولها"))
DOCUMENT_SUBJECTS = frozenset(
    match_key(w) for w in ("بيان", "البيان", "المذكرة", "الوثيقة", "التقرير", "الإعلان")
)
SPEAKER_PREFERENCE = (EntityType.PERSON, EntityType.ORGANISATION, EntityType.PLACE, EntityType.DOCUMENT)
# A document of the gazetteer written right after the verb is its subject
# («وقال البيان المشترك الصادر عن بوتين وشي»): it speaks, not the people it names.
DOCUMENT_SUBJECT_GAP = 2  # words between the verb and the document's name

# A reporting verb's keys, with a fused conjunction too (وأضاف): `without_conjunction`'s reading.
_SAYING = with_conjunctions(REPORTING_VERBS)
_KEY = attrgetter("key")
_CLAUSE_END = re.compile(r"[.!?؟]")
_TRIM = " \t،,؛;"


@dataclass(frozen=True)
class _Span:
    start: int  # first character inside the marks
    end: int  # the closing mark


# Quotation marks. « » say which way they face; “ ” and " are typed either
# way round in copied news text (”حقبة جديدة”, “… الأوكرانية “), so their
# role comes from what is on each side: a mark before a word and after a
# space opens, one after a word and before a space or punctuation closes.
_FAMILIES = {"«": "«»", "»": "«»", "“": "“”", "”": "“”", '"': '"'}
_MARKS = re.compile('[«»“”"]')
_OPEN, _CLOSE, _EITHER = 1, -1, 0
# A quotation longer than this is not looked for: a mark left open does not
# make the search run to the end of a long paragraph, for every mark.
MAX_QUOTE_CHARS = 3000


def _is_word(char: str) -> bool:
    return char.isalnum() and char != "ـ"  # a tatweel before a mark («بـ”حقبة») is not a word


def _role(text: str, i: int, start: int, end: int) -> int:
    mark = text[i]
    if mark == "«":
        return _OPEN
    if mark == "»":
        return _CLOSE
    before = _is_word(text[i - 1]) if i > start else False
    after = _is_word(text[i + 1]) if i + 1 < end else False
    if after and not before:
        return _OPEN
    if before and not after:
        return _CLOSE
    return _EITHER


def _closing(text: str, marks: list[int], roles: list[int], at: int) -> int | None:
    """Index in `marks` of the mark that closes marks[at], nested marks of
    the same family counted («مبدأ “صين واحدة”» inside “…”)."""
    family, depth, limit = _FAMILIES[text[marks[at]]], 1, marks[at] + MAX_QUOTE_CHARS
    for index in range(at + 1, len(marks)):
        position = marks[index]
        if position > limit:
            return None
        if text[position] not in family:
            continue
        depth += 1 if roles[index] == _OPEN else -1
        if depth == 0:
            return index
    return None


def quoted_spans(text: str, start: int, end: int) -> list[_Span]:
    """Quoted stretches of text[start:end], outermost, nested marks inside."""
    marks = [m.start() for m in _MARKS.finditer(text, start, end)]
    roles = [_role(text, position, start, end) for position in marks]
    spans, at = [], 0
    while at < len(marks):
        close = _closing(text, marks, roles, at) if roles[at] != _CLOSE else None
        if close is None:
            at += 1  # a closing mark, or one never closed (5" as inches): the quotes after it still count
            continue
        spans.append(_Span(marks[at] + 1, marks[close]))
        at = close + 1
    return spans


class _Paragraph:
    """One block's quotation marks, clause ends, verbs and names, found once."""

    def __init__(self, article: Article, start: int, end: int, types: dict[str, EntityType]):
        text = article.text
        self.spans = quoted_spans(text, start, end)
        self._marks = SpanSet(
            (s.start - 1, s.end + 1) for s in self.spans
        )  # the marks themselves count as inside
        self.start = start
        self.clause_starts = [
            m.end() for m in _CLAUSE_END.finditer(text, start, end) if self.outside(m.start())
        ]
        self.verbs = []  # (start, end, as written), outside quotation marks
        # The block's words as the other steps read them (`tokenize`'s memo:
        # the tagger's), not found and folded again.
        # The verbs first, in C: most words are none, and the test is cheaper.
        tokens = tokenize(text, start, end)
        for word in compress(tokens, map(_SAYING.__contains__, map(_KEY, tokens))):
            if self.outside(word.start):
                self.verbs.append((word.start, word.end, text[word.start : word.end]))
        self._verb_starts = [v[0] for v in self.verbs]
        self.mentions = [m for m in article.mentions if start <= m.start < end and self.outside(m.start)]
        self._mention_starts = [m.start for m in self.mentions]
        people = [m for m in self.mentions if types[m.entity_id] is EntityType.PERSON]
        self.last_person = people[-1].entity_id if people else None

    def outside(self, position: int) -> bool:
        return not self._marks.overlaps(position, position + 1)

    def clause_start(self, before: int) -> int:
        """Back to the last sentence end outside quotation marks."""
        index = bisect.bisect_right(self.clause_starts, before) - 1
        return self.clause_starts[index] if index >= 0 else self.start

    def reporting_verb(self, clause_start: int, quote_open: int) -> tuple[int, int, str] | None:
        """The last reporting verb before the quote in its clause, except
        that قوله ("his saying") points back to the verb before it: «نقلت
        شينخوا عن بوتين قوله: …» is Putin's words, reported by Xinhua."""
        first = bisect.bisect_left(self._verb_starts, clause_start)
        last = bisect.bisect_left(self._verb_starts, quote_open)
        verbs = self.verbs[max(first, last - 2) : last]
        if len(verbs) > 1 and match_key(verbs[-1][2]) in VERBAL_NOUNS:
            return verbs[-2]
        return verbs[-1] if verbs else None

    def names_between(self, start: int, end: int) -> list[Mention]:
        first = bisect.bisect_left(self._mention_starts, start)
        last = bisect.bisect_left(self._mention_starts, end)
        return self.mentions[first : min(last, first + MAX_NAMES_BETWEEN)]


def _preferred(text: str, verb_end: int, mentions: list[Mention], types: dict[str, EntityType]) -> str | None:
    if (
        mentions
        and types[mentions[0].entity_id] is EntityType.DOCUMENT
        and len(WORD.findall(text, verb_end, mentions[0].start)) <= DOCUMENT_SUBJECT_GAP
    ):
        return mentions[0].entity_id
    for wanted in SPEAKER_PREFERENCE:
        for mention in mentions:
            if types[mention.entity_id] is wanted:
                return mention.entity_id
    return None


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    # Leave out the spaces and commas a broken nesting of marks leaves
    # inside them ("”، وتعترف …").
    while start < end and (text[start] in _TRIM or text[start].isspace()):
        start += 1
    while end > start and (text[end - 1] in _TRIM or text[end - 1].isspace()):
        end -= 1
    return start, end


def find_quotes(article: Article, types: dict[str, EntityType]) -> Article:
    text = article.text
    quotes: list[Quote] = []
    phrases: list[str] = []  # shorter quoted spans: terms («حقبة جديدة»), kept apart
    previous: tuple[int, str] | None = None  # (block index, speaker) of the last attributed quote
    paragraphs = [_Paragraph(article, b.start, b.end, types) for b in article.parsed.blocks]
    for index, (block, paragraph) in enumerate(zip(article.parsed.blocks, paragraphs)):
        for span in paragraph.spans:
            start, end = _trimmed(text, span.start, span.end)
            words = len(WORD.findall(text, start, end))
            if words < MIN_WORDS:
                if words:
                    phrases.append(text[start:end])
                continue
            verb = paragraph.reporting_verb(paragraph.clause_start(span.start - 1), span.start - 1)
            speaker, attribution = None, Attribution.NONE
            if verb is not None:
                speaker = _preferred(text, verb[1], paragraph.names_between(verb[1], span.start - 1), types)
                subject = [match_key(w) for w in WORD.findall(text, verb[1], span.start - 1)[:SUBJECT_WORDS]]
                if speaker is not None:
                    attribution = Attribution.EXPLICIT
                elif not DOCUMENT_SUBJECTS.intersection(subject):
                    if previous is not None and index - previous[0] <= INFER_WITHIN_BLOCKS:
                        speaker = previous[1]
                    elif index > 0:
                        speaker = paragraphs[index - 1].last_person
                    attribution = Attribution.INFERRED if speaker else Attribution.NONE
            verb_text = verb[2] if verb else None
            if speaker is not None:
                previous = (index, speaker)  # a repeat too: «وأضاف:» after it means its speaker
            if any(q.text == text[start:end] for q in quotes[-MAX_REPEAT_LOOKBACK:]):
                continue  # the same words quoted again (a lede repeated below): one quotation
            quotes.append(Quote(start, end, text[start:end], speaker, attribution, verb_text, block.line))
    return replace(article, quotes=tuple(quotes), phrases=tuple(phrases))
