"""Every quotation in the dossier, by summit."""

from __future__ import annotations

from . import Page

TEMPLATE = "quotes.html"


def pages(view):
    yield Page("quotes.html", (), lambda: _context(view))


def _context(view) -> dict:
    groups = []
    for summit_id in [*view.order["summits"], ""]:
        items = [(view.articles[a], q) for a, q in view.quotes_by_summit.get(summit_id, ())]
        if items:
            groups.append((view.summits[summit_id] if summit_id else None, items))
    return dict(groups=groups, total=sum(len(items) for _, items in groups))
