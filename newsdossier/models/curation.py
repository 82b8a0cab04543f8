"""The analyst's curation, validated: site settings, summits, article
metadata, the entity gazetteer and the notes."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from .dates import PartialDate
from .kinds import EntityType, LineKind, NoteKind


@dataclass(frozen=True)
class Role:
    """A title an entity held, and when: «الرئيس الصيني» from 2013-03-14 for
    Xi. Within it, the title (and its variants) refers to the entity."""

    title: str
    start: dt.date | None  # None: since before any article of the dossier
    end: dt.date | None  # None: still held

    def held_on(self, when: PartialDate | None) -> bool:
        """Whether the role was held then (an undated text: if still held).
        A month or a year must lie wholly within the role: a title is never
        given to someone who may not yet, or no longer, have held it."""
        if when is None:
            return self.end is None
        return (self.start is None or self.start <= when.first) and (
            self.end is None or when.last <= self.end
        )


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
    # Line of each name (name_ar first, then the aliases), for messages.
    name_lines: tuple[int, ...] = field(default=(), repr=False, compare=False)
    roles: tuple[Role, ...] = ()
    role_lines: tuple[int, ...] = field(default=(), repr=False, compare=False)

    @property
    def names(self) -> tuple[str, ...]:
        """Every written form the tagger looks for, main name first."""
        return (self.name_ar, *self.aliases)


# A wiki link to an article, or to a line of its source text, rather than to
# an entity: [[article:ID]], [[article:ID#21]].
ARTICLE_LINK = "article:"


@dataclass(frozen=True)
class WikiLink:
    """A ``[[target]]`` or ``[[target|label]]`` link in a note or summary:
    to an entity (by id, name or alias), or to an article
    (``[[article:ID]]``) or a line of its source (``[[article:ID#21]]``), so
    that a note can point at a passage without naming a file."""

    target: str
    label: str | None
    line: int  # in the file the Markdown comes from

    @property
    def article(self) -> tuple[str, int | None] | None:
        """(article id, source line or None) for a link to an article; None
        for a link to an entity. A line that is not a positive number is
        given as 0 (refused when the notes are loaded)."""
        return article_link(self.target)


def article_link(target: str) -> tuple[str, int | None] | None:
    if not target.startswith(ARTICLE_LINK):
        return None
    article_id, _, line = target[len(ARTICLE_LINK) :].strip().partition("#")
    if not line:
        return article_id, None
    return article_id, int(line) if line.isdecimal() and line.isascii() and int(line) > 0 else 0


@dataclass(frozen=True)
class Summit:
    id: str
    title_ar: str
    title_en: str
    start: dt.date
    end: dt.date
    place: str  # entity id
    summary_md: str
    summary_links: tuple[WikiLink, ...] = ()


@dataclass(frozen=True, slots=True)
class ArticleMeta:
    id: str
    source_file: str  # file name inside seeds/
    summit: str | None
    date: PartialDate | None  # a day, or only a month or a year (models/dates.py)
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
class Note:
    """An analyst's Markdown note, attached to a summit, entity, article or
    pair of summits."""

    kind: NoteKind
    target: str  # the id it is attached to ("a--b" for a comparison)
    path: str
    markdown: str
    links: tuple[WikiLink, ...] = ()


@dataclass(frozen=True)
class Curation:
    site: SiteConfig
    summits: tuple[Summit, ...]  # sorted by start date, then id
    articles: tuple[ArticleMeta, ...]  # sorted by source file
    entities: tuple[Entity, ...]  # sorted by id
    notes: tuple[Note, ...] = ()  # sorted by path
