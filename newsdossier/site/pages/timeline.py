"""Summits and articles by date, by year."""

from __future__ import annotations

from ...analysis.timeline import timeline
from . import Page

TEMPLATE = "timeline.html"


def pages(view):
    yield Page("timeline.html", (), lambda: _context(view))


def _context(view) -> dict:
    summits = [view.summits[s] for s in view.order["summits"]]
    return dict(years=timeline(summits, (view.articles[a] for a in view.order["articles"])))
