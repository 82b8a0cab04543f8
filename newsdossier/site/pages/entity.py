"""An entity: its description, spellings, every mention in its sentence
(by summit, then article), its quotations and who is named with it."""

from __future__ import annotations

from ...models.kinds import NoteKind
from ..fragments import mention_contexts
from ..publish import entity_ld
from ..urls import entity_url, root_prefix
from . import Page

TEMPLATE = "entity.html"


def pages(view):
    for entity_id in view.order["entities"]:
        yield Page(entity_url(entity_id), (entity_id,), lambda e=entity_id: _context(view, e))


def _context(view, entity_id: str) -> dict:
    entity = view.entities[entity_id]
    path = entity_url(entity_id)
    return dict(
        ld=entity_ld(entity, view.site.base_url),
        entity=entity,
        links=view.entity_links[entity_id],
        groups=_mention_groups(view, entity, root_prefix(path)),
        note_html=view.note_html(NoteKind.ENTITY, entity_id, path),
        quotes=[(view.articles[a], q) for a, q in view.quotes_by_speaker.get(entity_id, ())],
    )


def _mention_groups(view, entity, root: str) -> list:
    """The entity's mentions in their sentences, by summit, then article."""
    by_summit: dict[str | None, list] = {}
    for article_id, mentions in view.mentions_of.get(entity.id, ()):  # in dossier order
        article = view.articles[article_id]
        by_summit.setdefault(article.meta.summit, []).append((article, mention_contexts(article, mentions, entity, root)))
    order = [*view.order["summits"], None]
    return [(view.summits[s] if s else None, by_summit[s]) for s in order if by_summit.get(s)]
