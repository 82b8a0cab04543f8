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
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from .models import Article, EntityType, Mention, Quote
from .normalize import match_key
from .tagging import WORD

MIN_WORDS = 3
INFER_WITHIN_BLOCKS = 3

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
_WORD = WORD  # the tagger's words: diacritics and tatweel stay inside them (وصرّح)
_CLAUSE_END = re.compile(r"[.!?؟]")
_TRIM = " \t،,؛;"


@dataclass(frozen=True)
class _Span:
    start: int  # first character inside the marks
    end: int  # the closing mark


def quoted_spans(text: str, start: int, end: int) -> list[_Span]:
    """Quoted stretches of text[start:end], innermost marks not nested."""
    spans, i = [], start
    while i < end:
        closers = _CLOSERS.get(text[i])
        if closers is None:
            i += 1
            continue
        close = next((j for j in range(i + 1, end) if text[j] in closers), None)
        if close is None:
            i += 1  # a stray mark (5" as inches): the quotes after it still count
            continue
        spans.append(_Span(i + 1, close))
        i = close + 1
    return spans


def _reporting_verb(text: str, clause_start: int, quote_open: int, outside) -> tuple[int, int, str] | None:
    """The reporting verb (start, end, as written) that introduces the quote.

    The last one before the quote, except that قوله ("his saying") points
    back to the verb before it: «نقلت شينخوا عن بوتين قوله: …» is Putin's
    words, reported by Xinhua.
    """
    verbs = []
    for word in _WORD.finditer(text, clause_start, quote_open):
        if not outside(word.start()):
            continue
        key = match_key(word.group())
        if key in REPORTING_VERBS or (key[:1] in ("و", "ف") and key[1:] in REPORTING_VERBS):
            verbs.append((word.start(), word.end(), word.group()))
    if len(verbs) > 1 and match_key(verbs[-1][2]) in VERBAL_NOUNS:
        return verbs[-2]
    return verbs[-1] if verbs else None


def _preferred(mentions: list[Mention], types: dict[str, EntityType]) -> str | None:
    for wanted in SPEAKER_PREFERENCE:
        for mention in mentions:
            if types[mention.entity_id] is wanted:
                return mention.entity_id
    return None


def find_quotes(article: Article, types: dict[str, EntityType]) -> Article:
    text = article.text
    quotes: list[Quote] = []
    previous: tuple[int, str] | None = None  # (block index, speaker) of the last attributed quote
    blocks = article.parsed.blocks
    for index, block in enumerate(blocks):
        spans = quoted_spans(text, block.start, block.end)

        def outside(position: int) -> bool:
            return not any(s.start - 1 <= position <= s.end for s in spans)

        for span in spans:
            if len(_WORD.findall(text[span.start : span.end])) < MIN_WORDS:
                continue
            # Leave out the spaces and commas a broken nesting of marks leaves
            # inside them ("”، وتعترف …").
            start, end = span.start, span.end
            while start < end and text[start] in _TRIM:
                start += 1
            while end > start and text[end - 1] in _TRIM:
                end -= 1
            # The clause: back to the last sentence end outside quotation marks.
            clause_start = block.start
            for match in _CLAUSE_END.finditer(text, block.start, span.start - 1):
                if outside(match.start()):
                    clause_start = match.end()
            verb = _reporting_verb(text, clause_start, span.start - 1, outside)
            speaker, attribution = None, "none"
            if verb is not None:
                between = [m for m in article.mentions if verb[1] <= m.start < span.start - 1 and outside(m.start)]
                speaker = _preferred(between, types)
                subject = [match_key(w) for w in _WORD.findall(text[verb[1] : span.start - 1])]
                if speaker is not None:
                    attribution = "explicit"
                elif not DOCUMENT_SUBJECTS.intersection(subject):
                    speaker = _inferred_speaker(article, index, previous, types)
                    attribution = "inferred" if speaker else "none"
            quotes.append(
                Quote(
                    start=start,
                    end=end,
                    text=text[start:end],
                    speaker=speaker,
                    attribution=attribution,
                    verb=verb[2] if verb else None,
                    line=block.line,
                )
            )
            if speaker is not None:
                previous = (index, speaker)
    return replace(article, quotes=tuple(quotes))


def _inferred_speaker(article: Article, index: int, previous, types) -> str | None:
    if previous is not None and index - previous[0] <= INFER_WITHIN_BLOCKS:
        return previous[1]
    if index == 0:
        return None
    block = article.parsed.blocks[index - 1]
    spans = quoted_spans(article.text, block.start, block.end)
    people = [
        m
        for m in article.mentions
        if block.start <= m.start < block.end
        and types[m.entity_id] is EntityType.PERSON
        and not any(s.start <= m.start < s.end for s in spans)
    ]
    return people[-1].entity_id if people else None
