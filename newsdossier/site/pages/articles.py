"""The index of all articles, oldest first."""

from __future__ import annotations

from . import Page

TEMPLATE = "articles.html"


def pages(view):
    yield Page("articles/index.html", (), lambda: dict(article_list=[view.articles[a] for a in view.order["articles"]]))
