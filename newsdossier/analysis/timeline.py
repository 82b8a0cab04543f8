"""Summits and dated articles in date order."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from itertools import groupby

from ..models.article import Article
from ..models.curation import Summit
from ..models.dates import PartialDate


@dataclass(frozen=True)
class TimelineEvent:
    day: PartialDate  # a summit's first day; an article's date at its precision
    summit_id: str | None = None
    article_id: str | None = None


def timeline(summits: Iterable[Summit], articles: Iterable[Article]) -> tuple[TimelineEvent, ...]:
    """Every summit and dated article in date order; a summit comes before
    the articles of its first day, so it heads its own day's reports. A
    month-only article comes after the days of its month (`PartialDate`)."""
    events = [TimelineEvent(PartialDate.of(s.start), summit_id=s.id) for s in summits]
    events += [TimelineEvent(a.meta.date, article_id=a.id) for a in articles if a.meta.date]
    return tuple(
        sorted(events, key=lambda e: (e.day.sort_key(), e.summit_id is None, e.summit_id or e.article_id))
    )


def by_year(events: Iterable[TimelineEvent]) -> list[tuple[int, list[TimelineEvent]]]:
    """Events (in date order) grouped by year."""
    return [(year, list(group)) for year, group in groupby(events, key=lambda e: e.day.year)]
