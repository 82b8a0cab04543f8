"""The search page: a form, and the script that answers from the index the
build writes (assets/search-core.js, assets/search.js; the index is
`search_index`'s). The page itself depends on nothing in the dossier: a
new article changes the index, never this page."""

from __future__ import annotations

from ..search_index import INDEX
from . import Page

TEMPLATE = "search.html"


def pages(view):
    yield Page("search.html", (), lambda: dict(index=INDEX))
