"""The typed, frozen models each stage hands to the next.

Collections are tuples (never lists or sets) so that a model cannot change
after its stage made it, and so that iteration order is part of the value:
every tuple here is sorted by a stable key by the stage that builds it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import Enum


class EntityType(str, Enum):
    PERSON = "person"
    PLACE = "place"
    ORGANISATION = "organisation"
    EVENT = "event"


# Display order of entity types in indexes and legends.
ENTITY_TYPES = (EntityType.PERSON, EntityType.PLACE, EntityType.ORGANISATION, EntityType.EVENT)


class LineKind(str, Enum):
    """What one line of a source article is.

    The first four are article content; the rest are kept out of the clean
    text and out of entity counts, but shown on the article page.
    """

    TITLE = "title"
    HEADING = "heading"
    PARAGRAPH = "paragraph"
    BULLET = "bullet"
    RELATED = "related"  # headline of another article pasted into the text
    FOOTER = "footer"  # site furniture: share buttons, comment prompts, counters
    CREDIT = "credit"  # agency / outlet credit line
    DATELINE = "dateline"  # publication stamp or place–outlet dateline

    @property
    def is_content(self) -> bool:
        return self in _CONTENT_KINDS


_CONTENT_KINDS = frozenset({LineKind.TITLE, LineKind.HEADING, LineKind.PARAGRAPH, LineKind.BULLET})


# ---------------------------------------------------------------- inputs


@dataclass(frozen=True)
class SourceFile:
    """A file as read from disk; `path` is relative to the project root."""

    path: str
    data: bytes


@dataclass(frozen=True)
class Sources:
    """Everything the build reads, read once at the start."""

    root: str
    seeds: tuple[SourceFile, ...]  # sorted by path
    dossier: tuple[SourceFile, ...]  # sorted by path
    templates: tuple[SourceFile, ...]  # sorted by path

    def dossier_file(self, name: str) -> SourceFile | None:
        return next((f for f in self.dossier if f.path == f"dossier/{name}"), None)


# ---------------------------------------------------------------- curation


@dataclass(frozen=True)
class Entity:
    id: str
    type: EntityType
    name_ar: str
    name_en: str
    aliases: tuple[str, ...]
    wikidata: str | None
    description: str
    line: int  # where it is defined in dossier/entities.yaml

    @property
    def names(self) -> tuple[str, ...]:
        """Every written form the tagger looks for, main name first."""
        return (self.name_ar, *self.aliases)


@dataclass(frozen=True)
class Summit:
    id: str
    title_ar: str
    title_en: str
    start: dt.date
    end: dt.date
    place: str  # entity id
    summary_md: str


@dataclass(frozen=True)
class ArticleMeta:
    id: str
    source_file: str  # file name inside seeds/
    summit: str | None
    date: dt.date | None
    outlet: str | None  # entity id of the publisher, when it is in the gazetteer
    outlet_name: str  # how the page names the publisher
    based_on: tuple[str, ...]  # entity ids of the sources the piece relays
    title: str | None  # the analyst's title; overrides the text's own
    line_kinds: tuple[tuple[int, LineKind], ...]  # per-line overrides of the parser
    curated: bool  # False for a seed with no entry in dossier/articles.yaml
    # Line of its entry in dossier/articles.yaml, for messages only: left out
    # of repr and comparison so that cache and page keys do not change when
    # an entry above it grows by a line.
    defined_at: int | None = field(repr=False, compare=False)
    proposal: str | None = None  # uncurated: why its summit and date were proposed


@dataclass(frozen=True)
class SiteConfig:
    title: str
    description: str
    # Where the site will be published, ending in "/". Used only where a URL
    # must be absolute (canonical links, sitemap, feed, Open Graph, JSON-LD,
    # the 404 page); every other link is relative.
    base_url: str | None


@dataclass(frozen=True)
class Curation:
    site: SiteConfig
    summits: tuple[Summit, ...]  # sorted by start date, then id
    articles: tuple[ArticleMeta, ...]  # sorted by source file
    entities: tuple[Entity, ...]  # sorted by id
    notes: tuple = ()  # notes.Note, sorted by path


# ---------------------------------------------------------------- parsing


@dataclass(frozen=True)
class Block:
    """A piece of clean article content: `text[start:end]` of its article."""

    kind: LineKind
    line: int  # line number in the source file
    start: int
    end: int


@dataclass(frozen=True)
class RemovedLine:
    """A source line kept out of the clean text, and why."""

    line: int
    kind: LineKind
    text: str
    reason: str


@dataclass(frozen=True)
class Problem:
    """Something wrong with a seed file that the build could work around."""

    line: int | None
    message: str  # for the build report
    message_ar: str  # for the article page


@dataclass(frozen=True)
class ParsedArticle:
    meta: ArticleMeta
    raw_text: str  # the decoded source, unchanged
    text: str  # clean text: content blocks joined by blank lines
    blocks: tuple[Block, ...]
    removed: tuple[RemovedLine, ...]
    problems: tuple[Problem, ...] = ()

    @property
    def source_title(self) -> str | None:
        first = self.blocks[0] if self.blocks else None
        return self.text[first.start : first.end] if first and first.kind is LineKind.TITLE else None


# ---------------------------------------------------------------- tagging


@dataclass(frozen=True)
class Mention:
    """One occurrence of an entity: `article.text[start:end] == surface`.

    The span leaves out proclitics written before the name (و، ف، ب، ك، ل)
    except where ل fuses with the name's ال (للصين): there the span is the
    whole written form. `name_form` is the name as the article spells it,
    with the ال restored in the fused case.
    """

    entity_id: str
    start: int
    end: int
    surface: str
    name_form: str
    sentence_start: int
    sentence_end: int


@dataclass(frozen=True)
class Candidate:
    """A name in the text that is not in the gazetteer (yet)."""

    start: int
    end: int
    surface: str
    key: str  # match key, to count spellings together
    type: str  # guessed entity type
    source: str  # "pattern" or "ner"
    sentence_start: int
    sentence_end: int


@dataclass(frozen=True)
class Quote:
    """A quotation: `article.text[start:end] == text` (inside the marks)."""

    start: int
    end: int
    text: str
    speaker: str | None  # entity id
    attribution: str  # "explicit" (named with the verb), "inferred" (from context) or "none"
    verb: str | None  # the reporting verb as written
    line: int  # source line of its paragraph


@dataclass(frozen=True)
class Article:
    parsed: ParsedArticle
    mentions: tuple[Mention, ...]  # sorted by start
    quotes: tuple[Quote, ...] = ()  # sorted by start
    candidates: tuple[Candidate, ...] = ()  # sorted by start

    @property
    def meta(self) -> ArticleMeta:
        return self.parsed.meta

    @property
    def id(self) -> str:
        return self.parsed.meta.id

    @property
    def text(self) -> str:
        return self.parsed.text

    @property
    def title(self) -> str:
        return self.meta.title or self.parsed.source_title or self.meta.source_file


# ---------------------------------------------------------------- linking


@dataclass(frozen=True)
class EntityCount:
    entity_id: str
    count: int


@dataclass(frozen=True)
class EntityLinks:
    """What the whole dossier says about one entity (its backlinks)."""

    entity_id: str
    mention_count: int
    article_ids: tuple[str, ...]  # articles that mention it, in dossier order
    variants: tuple[tuple[str, int], ...]  # spelling seen -> count, most frequent first
    co_mentions: tuple[EntityCount, ...]  # entities in the same sentences, most frequent first


@dataclass(frozen=True)
class SummitLinks:
    summit_id: str
    article_ids: tuple[str, ...]  # by date, then id
    entity_counts: tuple[EntityCount, ...]  # most mentioned first


@dataclass(frozen=True)
class ShareChange:
    """An entity's share of all mentions in two summits' coverage."""

    entity_id: str
    count_first: int
    count_second: int
    share_first: float  # percent
    share_second: float  # percent

    @property
    def change(self) -> float:
        return self.share_second - self.share_first


@dataclass(frozen=True)
class Comparison:
    """Two summits side by side (`first` is the earlier)."""

    first: str
    second: str
    only_first: tuple[EntityCount, ...]  # mentioned in the first summit's articles only
    only_second: tuple[EntityCount, ...]
    shared: tuple[ShareChange, ...]  # largest gain in share first, largest loss last
    outlets_first: tuple[str, ...]  # outlet names, sorted
    outlets_second: tuple[str, ...]

    @property
    def id(self) -> str:
        return f"{self.first}--{self.second}"


@dataclass(frozen=True)
class OutletLinks:
    """What one publisher put out and whom it named most."""

    id: str  # the outlet's entity id, or "unnamed" for publishers not in the gazetteer
    article_ids: tuple[str, ...]
    entity_counts: tuple[EntityCount, ...]


@dataclass(frozen=True)
class Dossier:
    """All data, linked, before any page is rendered."""

    site: SiteConfig
    summits: tuple[Summit, ...]
    articles: tuple[Article, ...]  # by date, then id
    entities: tuple[Entity, ...]  # by id
    summit_links: tuple[SummitLinks, ...]  # same order as summits
    entity_links: tuple[EntityLinks, ...]  # same order as entities
    article_entity_counts: tuple[tuple[str, tuple[EntityCount, ...]], ...]  # per article id
    top_entities: tuple[EntityCount, ...]  # across the dossier, most mentioned first
    comparisons: tuple[Comparison, ...] = ()  # every pair of summits, earlier first
    outlets: tuple[OutletLinks, ...] = ()  # by id; "unnamed" last
    notes: tuple = ()  # notes.Note, by path

    def entity_links_for(self, entity_id: str) -> EntityLinks:
        return next(links for links in self.entity_links if links.entity_id == entity_id)
