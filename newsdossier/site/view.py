"""The dossier as pages see it: recording tables (see `lookups`).

Pages are made from the declared data of their `Page` and from reads of
these tables; they never hold the `Dossier` itself, so every read is seen.
"""

from __future__ import annotations

from collections import defaultdict

from ..language.gazetteer import Gazetteer
from ..models.article import Mention, Quote
from ..models.curation import SiteConfig
from ..models.kinds import NoteKind
from ..models.dossier import Dossier
from .lookups import Table, Tables
from .markdown import MarkdownRenderer
from .urls import root_prefix


class SiteView:
    def __init__(self, dossier: Dossier):
        self.entities = Table("entity", {e.id: e for e in dossier.entities})
        self.articles = Table("article", {a.id: a for a in dossier.articles})
        self.summits = Table("summit", {s.id: s for s in dossier.summits})
        self.entity_links = Table("entity-links", {links.entity_id: links for links in dossier.entity_links})
        self.summit_links = Table("summit-links", {links.summit_id: links for links in dossier.summit_links})
        self.article_counts = Table("article-counts", dict(dossier.article_entity_counts))
        self.outlets = Table("outlet", {o.id: o for o in dossier.outlets})
        self.comparisons = Table("comparison", {c.id: c for c in dossier.comparisons})
        self.notes = Table("note", {f"{n.kind.value}/{n.target}": n for n in dossier.notes})
        self.mentions_of = Table("mentions-of", _mentions_by_entity(dossier))
        speakers, summits = _quotes(dossier)
        self.quotes_by_speaker = Table("quotes-by-speaker", speakers)
        self.quotes_by_summit = Table("quotes-by-summit", summits)
        # Dossier-wide listings in the site's order, and the settings.
        self.order = Table(
            "order",
            {
                "articles": tuple(a.id for a in dossier.articles),
                "summits": tuple(s.id for s in dossier.summits),
                "entities": tuple(e.id for e in dossier.entities),
                "comparisons": tuple(c.id for c in dossier.comparisons),
                "outlets": tuple(o.id for o in dossier.outlets),
                "top-entities": dossier.top_entities,
            },
        )
        self.settings = Table("settings", {"site": dossier.site})
        self.tables = Tables(
            [
                self.entities, self.articles, self.summits, self.entity_links, self.summit_links, self.article_counts,
                self.outlets, self.comparisons, self.notes, self.mentions_of, self.quotes_by_speaker,
                self.quotes_by_summit, self.order, self.settings,
            ]
        )
        self.markdown = MarkdownRenderer(Gazetteer(dossier.entities), self.entities)

    @property
    def site(self) -> SiteConfig:
        return self.settings["site"]

    def note_html(self, kind: NoteKind, target: str, page_path: str):
        """The note attached to `target` as HTML, or None."""
        note = self.notes.get(f"{kind.value}/{target}")
        return self.markdown.render(note.markdown, root_prefix(page_path), f"{kind.value}-{target}") if note else None


def _mentions_by_entity(dossier: Dossier) -> dict[str, tuple[tuple[str, tuple[Mention, ...]], ...]]:
    """Entity id → (article id, its mentions of the entity), in dossier order."""
    found: dict[str, dict[str, list[Mention]]] = defaultdict(lambda: defaultdict(list))
    for article in dossier.articles:
        for mention in article.mentions:
            found[mention.entity_id][article.id].append(mention)
    return {entity: tuple((a, tuple(ms)) for a, ms in by_article.items()) for entity, by_article in found.items()}


def _quotes(dossier: Dossier) -> tuple[dict, dict]:
    """Quotations with their article id, by speaker ("" for none) and by
    summit ("" for none), in dossier order."""
    by_speaker: dict[str, list[tuple[str, Quote]]] = defaultdict(list)
    by_summit: dict[str, list[tuple[str, Quote]]] = defaultdict(list)
    for article in dossier.articles:
        for quote in article.quotes:
            by_speaker[quote.speaker or ""].append((article.id, quote))
            by_summit[article.meta.summit or ""].append((article.id, quote))
    return {k: tuple(v) for k, v in by_speaker.items()}, {k: tuple(v) for k, v in by_summit.items()}
