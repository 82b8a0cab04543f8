"""The home page: summits with their articles, the analysis tools, the
most-mentioned names."""

from __future__ import annotations

from ..publish import website_ld
from . import Page

TEMPLATE = "home.html"
TOP_ENTITIES = 15


def pages(view):
    yield Page("index.html", (), lambda: _context(view))


def _context(view) -> dict:
    summits = [view.summits[s] for s in view.order["summits"]]
    articles = [view.articles[a] for a in view.order["articles"]]
    return dict(
        ld=website_ld(view.site),
        summaries=[(s, view.summit_links[s.id]) for s in summits],
        top=view.order["top-entities"][:TOP_ENTITIES],
        unassigned=[a for a in articles if a.meta.summit is None],
        counts=(len(summits), len(articles), len(view.order["entities"])),
        comparisons=[view.comparisons[c] for c in view.order["comparisons"]],
    )
