"""The search page: a form, and the script that answers from the index the
build writes (assets/search-core.js, assets/search.js; the index is
`search_index`'s). The page itself depends on nothing in the dossier: a
new article changes the index, never this page."""

from __future__ import annotations

from ..search_index import INDEX
from . import Listing, Page

TEMPLATE = "search.html"
LISTING = Listing("search.html")  # linked by the header's search form and the footer


def pages(view):
    yield Page(LISTING.path, (), lambda: dict(index=INDEX))


def example(view) -> str | None:
    """The page answering a search for the most mentioned name."""
    top = view.order["top-entities"]
    return f"{LISTING.path}?q={view.entities[top[0].entity_id].name_ar}" if top else None
