"""Descriptive references: «الرئيس الصيني» for Xi, within his tenure.

A gazetteer entity can carry roles with dates (`roles:` in
dossier/entities.yaml). A role's title is a head and a nisba adjective
(«الرئيس الصيني», «وزير الخارجية الروسي»). In an article dated within the
role (its curated date, else the date a saved page gives itself; an undated
text takes roles still held), these refer to the role's holder:

* the title as written, with proclitics («وللرئيس الصيني»);
* the title with a synonymous head («الزعيم الصيني» for «الرئيس الصيني»);
* a counterpart («نظيره الروسي»): the holder of a role with that adjective
  and the same head as a role of the person named last before it in the
  paragraph (so «التقى شي نظيره الروسي» is Putin, and «التقى وانغ يي نظيره
  الروسي» is the Russian foreign minister, not Putin).

A description right before the holder's name («الرئيس الصيني شي جين بينغ»)
is the same reference as the name and is not counted again.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, replace

from ..models.article import Article, Mention
from ..models.curation import Entity, Role
from ..models.dates import PartialDate
from ..models.kinds import EntityType
from .normalize import match_key, name_key
from .spelling import proclitic_readings
from .tokens import SpanSet, Token, only_spaces_between, sentences, tokenize

HEAD_SYNONYMS = {match_key("الرئيس"): (match_key("الزعيم"),)}
LOOK_BACK = 20  # mentions looked at for the person a counterpart is the counterpart of
COUNTERPARTS = frozenset(match_key(w) for w in ("نظيره", "نظيرته", "نظيرها", "نظيرهما", "ونظيره", "ونظيرته"))


@dataclass(frozen=True)
class _Title:
    entity_id: str
    head: tuple[str, ...]  # match keys of the head words
    adjective: str
    role: Role


class RoleIndex:
    """Every role of every entity by its adjective."""

    def __init__(self, entities: tuple[Entity, ...]):
        self.by_adjective: dict[str, list[_Title]] = {}
        self.types = {e.id: e.type for e in entities}
        for entity in entities:
            for role in entity.roles:
                *head, adjective = name_key(role.title)
                for variant in (
                    tuple(head),
                    *((s,) for s in HEAD_SYNONYMS.get(head[0], ()) if len(head) == 1),
                ):
                    self.by_adjective.setdefault(adjective, []).append(
                        _Title(entity.id, variant, adjective, role)
                    )
        self.longest_head = max((len(t.head) for ts in self.by_adjective.values() for t in ts), default=0)

    def holder(self, head: tuple[str, ...], adjective: str, day: PartialDate | None) -> str | None:
        holders = {
            t.entity_id
            for t in self.by_adjective.get(adjective, ())
            if t.head == head and t.role.held_on(day)
        }
        return holders.pop() if len(holders) == 1 else None

    def heads_of(self, entity_id: str, day: PartialDate | None) -> set[tuple[str, ...]]:
        return {
            t.head
            for ts in self.by_adjective.values()
            for t in ts
            if t.entity_id == entity_id and t.role.held_on(day)
        }


def describe_roles(article: Article, index: RoleIndex) -> Article:
    """The article with its descriptive mentions added to its name mentions."""
    if not index.by_adjective:
        return article
    day = article.meta.date or article.parsed.published
    found = []
    for block in article.parsed.blocks:
        found += _in_block(article, block.start, block.end, index, day)
    if not found:
        return article
    return replace(article, mentions=tuple(sorted((*article.mentions, *found), key=lambda m: m.start)))


def _in_block(
    article: Article, start: int, end: int, index: RoleIndex, day: PartialDate | None
) -> list[Mention]:
    text, found = article.text, []
    names = [m for m in article.mentions if start <= m.start < end]
    taken, starts = SpanSet((m.start, m.end) for m in names), [m.start for m in names]
    tokens = tokenize(text, start, end)
    block_sentences = sentences(text, start, end)
    for j, token in enumerate(tokens):  # j: the adjective's token
        if token.key not in index.by_adjective or j == 0:
            continue
        # The mentions just before it, for a counterpart (a bounded look back).
        cut = bisect.bisect_left(starts, token.start)
        before = names[max(0, cut - LOOK_BACK) : cut] + found[-LOOK_BACK:]
        match = _match(tokens, j, index, day, before, text)
        if match is None:
            continue
        entity_id, first, skipped = match
        span_start, span_end = tokens[first].origin(skipped), token.end
        if taken.overlaps(span_start, span_end) or (found and found[-1].end > span_start):
            continue
        following = names[bisect.bisect_left(starts, span_end) :][:1]
        if (
            following
            and following[0].entity_id == entity_id
            and not text[span_end : following[0].start].strip()
        ):
            continue  # «الرئيس الصيني شي جين بينغ»: the name is the mention
        surface = text[span_start:span_end]
        found.append(
            Mention(
                entity_id,
                span_start,
                span_end,
                surface,
                surface,
                *block_sentences.around(span_start),
                descriptive=True,
            )
        )
    return found


def _match(tokens: list[Token], j: int, index: RoleIndex, day, before: list[Mention], text: str):
    """(entity id, first token, proclitic characters) of a description ending
    at adjective token j, or None."""
    adjective = tokens[j].key
    if not only_spaces_between(text, tokens[j - 1], tokens[j]):
        return None
    if tokens[j - 1].key in COUNTERPARTS:
        return _counterpart(tokens, j, index, day, before)
    for size in range(min(index.longest_head, j), 0, -1):
        first = j - size
        run = tokens[first:j]
        if not all(only_spaces_between(text, a, b) for a, b in zip(run, run[1:])):
            continue
        for skipped, base in proclitic_readings(run[0].key):
            holder = index.holder((base, *[t.key for t in run[1:]]), adjective, day)
            if holder is not None:
                return holder, first, skipped
    return None


def _counterpart(tokens: list[Token], j: int, index: RoleIndex, day, before: list[Mention]):
    earlier = [
        m
        for m in before
        if m.end <= tokens[j - 1].start and index.types.get(m.entity_id) is EntityType.PERSON
    ]
    if not earlier:
        return None
    last = max(earlier, key=lambda m: m.start).entity_id
    holders = {index.holder(head, tokens[j].key, day) for head in index.heads_of(last, day)} - {None, last}
    skipped = 1 if tokens[j - 1].key[:1] == "و" and tokens[j - 1].key[1:] in COUNTERPARTS else 0
    return (holders.pop(), j - 1, skipped) if len(holders) == 1 else None
