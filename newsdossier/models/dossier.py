"""The linked dossier: every article, summit and entity with its backlinks,
counts and comparisons, before any page is rendered."""

from __future__ import annotations

import functools
import hashlib
from dataclasses import dataclass

from .article import Article
from .curation import Entity, Note, SiteConfig, Summit


@dataclass(frozen=True, slots=True)
class EntityCount:
    entity_id: str
    count: int


@dataclass(frozen=True, slots=True)
class PeriodCount:
    """An entity's share of one summit's or one year's coverage."""

    key: str  # summit id or year
    articles: int  # articles that name it
    mentions: int  # by name


@dataclass(frozen=True)
class EntityLinks:
    """What the whole dossier says about one entity (its backlinks)."""

    entity_id: str
    mention_count: int  # by name
    article_ids: tuple[str, ...]  # articles that mention it, in dossier order
    variants: tuple[tuple[str, int], ...]  # spelling seen -> count, most frequent first
    co_mentions: tuple[EntityCount, ...]  # entities in the same sentences, most frequent first
    descriptive_count: int = 0  # references by a title it held («الرئيس الصيني»), counted apart
    descriptions: tuple[tuple[str, int], ...] = ()  # those titles as written -> count
    by_summit: tuple[PeriodCount, ...] = ()  # in the summits' order; key "" for articles of no summit, last
    by_year: tuple[PeriodCount, ...] = ()  # oldest first; key "" for undated articles, last


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


@dataclass(frozen=True, slots=True)
class Keyness:
    """A name (or a content word) one outlet uses more than the others (see
    analysis/keyness.py)."""

    key: str  # an entity id, or a term key (see language/terms.py)
    count: int  # in this outlet's articles
    count_elsewhere: int  # in all other articles
    z: float  # log-odds z-score, rounded to 2 places
    significant: bool  # past the threshold: a finding, not only a leaning of these articles
    written: str = ""  # a content word as the dossier most often writes it ("" for a name)


@dataclass(frozen=True)
class OutletLinks:
    """What one publisher put out, whom it named most and whom it named more
    than the others did."""

    id: str  # the outlet's entity id, unnamed_outlet_id(name) for one the gazetteer lacks, or UNNAMED_OUTLET
    article_ids: tuple[str, ...]
    entity_counts: tuple[EntityCount, ...]
    distinctive: tuple[Keyness, ...] = ()  # names, strongest first
    name: str = ""  # as the analyst wrote it (outlet_name), for a publisher not in the gazetteer
    distinctive_terms: tuple[Keyness, ...] = ()  # content words, strongest first
    mention_count: int = 0  # mentions by name in its articles


# The outlet id that gathers publishers not in the gazetteer. Not a valid
# entity id is reserved for it: curation refuses an entity with this id.
UNNAMED_OUTLET = "unnamed"


@functools.cache  # (asked for every article at every build, for a few distinct names: a hash each)
def unnamed_outlet_id(outlet_name: str) -> str:
    """The id of a publisher the gazetteer lacks, from the name the analyst
    gave it: stable, and with a dot, which no entity id has, so it can never
    take an entity's page. Unrelated publishers are not lumped together."""
    return f"{UNNAMED_OUTLET}.{hashlib.sha256(outlet_name.encode('utf-8')).hexdigest()[:10]}"


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
    outlets: tuple[OutletLinks, ...] = ()  # by id; UNNAMED_OUTLET last
    notes: tuple[Note, ...] = ()  # by path
