"""Find quotations and who said them.

A quotation is text of at least three words between quotation marks
(« », “ ”, " "); shorter quoted spans are terms (“بلا حدود”), not speech.
Its speaker is found from a reporting verb before it in the same clause
(قال، أضاف، أكد، تابع، أردف، أوضح، صرح، ذكر، نقل… with و/ف, masculine or
feminine, and قائلًا، مضيفًا):

* explicit: an entity is named between the verb and the quotation
  (a person first, then an organisation, then a place: «ونقلت شينخوا عن
  بوتين قوله» is Putin's);
* inferred: the verb has no named subject («وأضاف:»، «وتابع الخبير:»):
  the speaker of the previous quotation when it is at most three paragraphs
  back, else the last person named (outside quotation marks) in the
  paragraph before;
* none: no reporting verb, or the subject is a document («أوضح البيان
  المشترك أن …»). Such quotations are kept and shown as unattributed.

Every lookup (the closing mark, the clause start, the verb, the names
between verb and quotation) is a binary search in positions found once per
paragraph, so the step stays near-linear however many quotations a text has.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, replace

from ..models.article import Article, Mention, Quote
from ..models.kinds import Attribution, EntityType
from .normalize import match_key, without_conjunction
from .tokens import WORD, SpanSet

MIN_WORDS = 3
INFER_WITHIN_BLOCKS = 3
# The subject of a reporting verb follows it within a few words («أوضح
# البيان المشترك»); names further on are looked at up to a bound.
SUBJECT_WORDS = 6
MAX_NAMES_BETWEEN = 50

REPORTING_VERBS = frozenset(
    match_key(v)
    for v in (
        "قال", "قالت", "أضاف", "أضافت", "أكد", "أكدت", "تابع", "تابعت", "أردف", "أردفت",
        "أوضح", "أوضحت", "صرح", "صرحت", "ذكر", "ذكرت", "نقل", "نقلت", "قائلا", "قائلة",
        "مضيفا", "مضيفة", "متابعا", "مؤكدا", "قوله", "قولها",
    )
)
VERBAL_NOUNS = frozenset(match_key(w) for w in ("قوله", "قولها"))
DOCUMENT_SUBJECTS = frozenset(match_key(w) for w in ("بيان", "البيان", "المذكرة", "الوثيقة", "التقرير", "الإعلان"))
SPEAKER_PREFERENCE = (EntityType.PERSON, EntityType.ORGANISATION, EntityType.PLACE)

_CLOSERS = {"«": "»", "“": "”“", "”": "”“", '"': '"'}
_CLAUSE_END = re.compile(r"[.!?؟]")
_TRIM = " \t،,؛;"


@dataclass(frozen=True)
class _Span:
    start: int  # first character inside the marks
    end: int  # the closing mark


def quoted_spans(text: str, start: int, end: int) -> list[_Span]:
    """Quoted stretches of text[start:end], innermost marks not nested."""
    positions: dict[str, list[int]] = {c: [] for c in "»”“\""}
    for index in range(start, end):
        if text[index] in positions:
            positions[text[index]].append(index)

    def next_closer(after: int, closers: str) -> int | None:
        found = [p[i] for c in closers if (i := bisect.bisect_right(p := positions[c], after)) < len(p)]
        return min(found, default=None)

    spans, i = [], start
    while i < end:
        closers = _CLOSERS.get(text[i])
        close = next_closer(i, closers) if closers else None
        if close is None:
            i += 1  # not a mark, or a stray one (5" as inches): the quotes after it still count
            continue
        spans.append(_Span(i + 1, close))
        i = close + 1
    return spans


class _Paragraph:
    """One block's quotation marks, clause ends, verbs and names, found once."""

    def __init__(self, article: Article, start: int, end: int, types: dict[str, EntityType]):
        text = article.text
        self.spans = quoted_spans(text, start, end)
        self._marks = SpanSet((s.start - 1, s.end + 1) for s in self.spans)  # the marks themselves count as inside
        self.start = start
        self.clause_starts = [m.end() for m in _CLAUSE_END.finditer(text, start, end) if self.outside(m.start())]
        self.verbs = []  # (start, end, as written), outside quotation marks
        for word in WORD.finditer(text, start, end):
            if self.outside(word.start()) and without_conjunction(match_key(word.group()), REPORTING_VERBS) in REPORTING_VERBS:
                self.verbs.append((word.start(), word.end(), word.group()))
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


def _preferred(mentions: list[Mention], types: dict[str, EntityType]) -> str | None:
    for wanted in SPEAKER_PREFERENCE:
        for mention in mentions:
            if types[mention.entity_id] is wanted:
                return mention.entity_id
    return None


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    # Leave out the spaces and commas a broken nesting of marks leaves
    # inside them ("”، وتعترف …").
    while start < end and text[start] in _TRIM:
        start += 1
    while end > start and text[end - 1] in _TRIM:
        end -= 1
    return start, end


def find_quotes(article: Article, types: dict[str, EntityType]) -> Article:
    text = article.text
    quotes: list[Quote] = []
    previous: tuple[int, str] | None = None  # (block index, speaker) of the last attributed quote
    paragraphs = [_Paragraph(article, b.start, b.end, types) for b in article.parsed.blocks]
    for index, (block, paragraph) in enumerate(zip(article.parsed.blocks, paragraphs)):
        for span in paragraph.spans:
            if len(WORD.findall(text, span.start, span.end)) < MIN_WORDS:
                continue
            start, end = _trimmed(text, span.start, span.end)
            verb = paragraph.reporting_verb(paragraph.clause_start(span.start - 1), span.start - 1)
            speaker, attribution = None, Attribution.NONE
            if verb is not None:
                speaker = _preferred(paragraph.names_between(verb[1], span.start - 1), types)
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
            quotes.append(Quote(start, end, text[start:end], speaker, attribution, verb_text, block.line))
            if speaker is not None:
                previous = (index, speaker)
    return replace(article, quotes=tuple(quotes))
