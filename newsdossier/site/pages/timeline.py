"""Summits and articles by date, by year, a bounded number per page."""

from __future__ import annotations

from typing import NamedTuple

from ...analysis.timeline import by_year
from ...models.article import Article
from ...models.curation import Summit
from ...models.dates import PartialDate
from ..view import ALL_ARTICLES
from . import Listing, Menu, NavEntry, numbered

TEMPLATE = "timeline.html"
LISTING = Listing(
    "timeline.html", nav=(NavEntry(Menu.ANALYSIS, "الخط الزمني", 20), NavEntry(Menu.TOOLS, "الخط الزمني", 30))
)


class Event(NamedTuple):
    """A summit (its dates) or an article (on `day`): exactly one is given."""

    day: PartialDate
    summit: Summit | None
    article: Article | None


class Year(NamedTuple):
    year: int | None  # None: undated
    events: list[Event]


def pages(view):
    yield from numbered(
        LISTING.path, view.timeline_pages, ALL_ARTICLES, (), lambda pager: _context(view, pager)
    )


def _context(view, pager) -> dict:
    years = []
    for year, events in by_year(view.timeline_pages.items(ALL_ARTICLES, pager.number)):
        shown = [
            Event(
                e.day,
                view.summits[e.summit_id] if e.summit_id else None,
                view.articles[e.article_id] if e.article_id else None,
            )
            for e in events
        ]
        years.append(Year(year, shown))
    return dict(pager=pager, years=years)
