"""Summits and dated articles in date order, by year."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from typing import Iterable

from ..models.article import Article
from ..models.curation import Summit


@dataclass(frozen=True)
class TimelineEvent:
    day: dt.date
    summit: Summit | None = None
    article: Article | None = None


def timeline(summits: Iterable[Summit], articles: Iterable[Article]) -> list[tuple[int, list[TimelineEvent]]]:
    """(year, events) in date order; a summit comes before the articles of
    its first day, so it heads its own day's reports."""
    events = [TimelineEvent(s.start, summit=s) for s in summits]
    events += [TimelineEvent(a.meta.date, article=a) for a in articles if a.meta.date]
    events.sort(key=lambda e: (e.day, e.summit is None, (e.summit or e.article).id))
    years: dict[int, list[TimelineEvent]] = {}
    for event in events:
        years.setdefault(event.day.year, []).append(event)
    return sorted(years.items())
