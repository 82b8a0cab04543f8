"""The search page: Pagefind's interface in Arabic, with filters, over the
names bundle and every article bundle (see `search_bundles`)."""

from __future__ import annotations

import json

from ..search_bundles import search_bundles
from . import Page

TEMPLATE = "search.html"


def pages(view):
    yield Page("search.html", (), lambda: _context(view))


def _context(view) -> dict:
    # The bundles Pagefind merges, relative to the site root; the script
    # resolves them against the page's address (the site may live under a
    # sub-path, or be opened from disk).
    extra = [b.folder for b in search_bundles(view)[1:]]
    # Every name and alias: the script offers the nearest one for a query
    # that is one letter off («بوتن» → بوتين).
    return dict(bundles=_json(extra), names=_json(view.gazetteer_names["all"]))


def _json(value) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
