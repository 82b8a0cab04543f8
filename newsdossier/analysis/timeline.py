"""Summits and dated articles in date order."""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import groupby

from ..models.curation import ArticleMeta, Summit
from ..models.dates import PartialDate


@dataclass(frozen=True, slots=True)  # (slots: one object each, not two; 10,000 at 10,000 articles)
class TimelineEvent:
    day: PartialDate  # a summit's first day; an article's date at its precision
    summit_id: str | None = None
    article_id: str | None = None


def timeline(summits: Iterable[Summit], articles: Sequence[ArticleMeta]) -> tuple[TimelineEvent, ...]:
    """Every summit and dated article in date order; a summit comes before
    the articles of its first day, so it heads its own day's reports. A
    month-only article comes after the days of its month (`PartialDate`).
    `articles`: the articles' entries in the dossier's order (by date, then
    id: `linking.article_order`), which is already this order; the summits
    are merged in, each at the place a binary search finds (the order's key
    taken of a few articles, not of 10,000, and no sort)."""
    dated = [TimelineEvent(a.date, None, a.id) for a in articles if a.date]
    events: list[TimelineEvent] = []
    start = 0
    for summit in sorted(
        (TimelineEvent(PartialDate.of(s.start), summit_id=s.id) for s in summits), key=_order
    ):
        at = bisect.bisect_left(dated, _order(summit), lo=start, key=_order)
        events += dated[start:at]
        events.append(summit)
        start = at
    return (*events, *dated[start:])


def _order(event: TimelineEvent) -> tuple:
    """The timeline's order: by date, a summit before the articles of its
    day, then by id (an article's place in the dossier's order)."""
    return (event.day.sort_key(), event.summit_id is None, event.summit_id or event.article_id)


def by_year(events: Iterable[TimelineEvent]) -> list[tuple[int, list[TimelineEvent]]]:
    """Events (in date order) grouped by year."""
    return [(year, list(group)) for year, group in groupby(events, key=lambda e: e.day.year)]
