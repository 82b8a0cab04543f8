"""The index of the entities the site shows (see `view._shown_entities`),
by type, with their mention counts, and how many more the gazetteer holds."""

from __future__ import annotations

from ...models.kinds import EntityType
from . import Listing, Menu, NavEntry, Page

TEMPLATE = "entities.html"
LISTING = Listing("entities/index.html", nav=(NavEntry(Menu.MAIN, "الأسماء", 30),))


def pages(view):
    yield Page(LISTING.path, (), lambda: _context(view))


def _context(view) -> dict:
    entities = [view.entities[e] for e in view.order["entities"]]
    return dict(
        by_type={t: [e for e in entities if e.type is t] for t in EntityType},
        entity_links=view.entity_links,
        gazetteer_only=view.order["gazetteer-only"][0],
    )
