"""The index of all articles, oldest first, a bounded number per page."""

from __future__ import annotations

from ..view import ALL_ARTICLES
from . import Listing, Menu, NavEntry, numbered

TEMPLATE = "articles.html"
LISTING = Listing("articles/index.html", nav=(NavEntry(Menu.MAIN, "المقالات", 20),))


def pages(view):
    yield from numbered(
        LISTING.path, view.article_pages, ALL_ARTICLES, (), lambda pager: _context(view, pager)
    )


def _context(view, pager) -> dict:
    return dict(
        pager=pager,
        total=len(view.order["articles"]) if pager.number == 1 else None,
        article_list=[view.articles[a] for a in view.article_pages.items(ALL_ARTICLES, pager.number)],
    )
