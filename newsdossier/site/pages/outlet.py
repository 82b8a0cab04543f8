"""A publisher: the names it mentioned more than the other outlets did and
those it mentioned most (first page), and what it put out, a bounded
number of articles per page. A publisher the gazetteer lacks has its own
page under the name the analyst gave it; articles with no publisher at all
share one."""

from __future__ import annotations

from ..urls import outlet_url
from . import numbered

TEMPLATE = "outlet.html"
NAMES_SHOWN = 20
DISTINCTIVE_LISTED = 8  # names and words, each


def pages(view):
    for outlet_id in view.order["outlets"]:
        yield from numbered(
            outlet_url(outlet_id),
            view.outlet_pages,
            outlet_id,
            (outlet_id,),
            lambda pager, o=outlet_id: _context(view, o, pager),
        )


def _context(view, outlet_id: str, pager) -> dict:
    name = view.outlet_names[outlet_id]
    # A further page reads only its own articles (see summit).
    outlet = view.outlets[outlet_id] if pager.number == 1 else None
    return dict(
        outlet_id=outlet_id,
        outlet=outlet,
        outlet_name=name,
        pager=pager,
        page_articles=[view.articles[a] for a in view.outlet_pages.items(outlet_id, pager.number)],
        names=outlet.entity_counts[:NAMES_SHOWN] if outlet else (),
        outlets_count=len(view.order["outlets"]) if outlet else None,
        others_articles=len(view.order["articles"]) - len(outlet.article_ids) if outlet else 0,
        DISTINCTIVE_LISTED=DISTINCTIVE_LISTED,
    )
