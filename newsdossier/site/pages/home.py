"""The home page: summits with their articles, the analysis tools, the
most-mentioned names."""

from __future__ import annotations

from typing import NamedTuple

from ...models.article import Article
from ...models.curation import Summit
from ..publish import website_ld
from . import Listing, Menu, NavEntry, Page

TEMPLATE = "home.html"
LISTING = Listing(
    "index.html",
    nav=(
        NavEntry(Menu.MAIN, "القمم", 10, anchor="summits"),
        NavEntry(Menu.ANALYSIS, "مقارنة القمم", 60, anchor="analysis"),
    ),
)
TOP_ENTITIES = 15
LATEST = 5  # a summit's newest articles shown on the home page; its own pages have all


class SummitSummary(NamedTuple):
    summit: Summit
    total: int  # its articles
    latest: list[Article]  # the LATEST newest of them


class Unassigned(NamedTuple):
    total: int  # articles of no summit
    latest: list[Article]


class Counts(NamedTuple):
    summits: int
    articles: int
    names: int  # the whole gazetteer, shown or not


def pages(view):
    yield Page(LISTING.path, (), lambda: _context(view))


def _context(view) -> dict:
    summits = [view.summits[s] for s in view.order["summits"]]
    summaries = []
    for summit in summits:
        ids = view.summit_links[summit.id].article_ids
        summaries.append(SummitSummary(summit, len(ids), [view.articles[a] for a in ids[-LATEST:]]))
    unassigned = view.order["unassigned"]
    return dict(
        ld=website_ld(view.site),
        summaries=summaries,
        top=view.order["top-entities"][:TOP_ENTITIES],
        unassigned=Unassigned(len(unassigned), [view.articles[a] for a in unassigned[-LATEST:]]),
        counts=Counts(
            len(summits),
            len(view.order["articles"]),
            len(view.order["entities"]) + view.order["gazetteer-only"][0],
        ),
        comparisons=[view.comparison_pairs[c] for c in view.order["comparisons"]],
    )
