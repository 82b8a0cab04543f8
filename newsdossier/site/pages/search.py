"""The search page: Pagefind's interface in Arabic, with filters."""

from __future__ import annotations

from . import Page

TEMPLATE = "search.html"


def pages(view):
    yield Page("search.html", (), dict)
