"""A publisher: what it put out and the names it mentioned most.
Publishers not in the gazetteer share one page."""

from __future__ import annotations

from ..arabic import UNNAMED_OUTLETS_NAME
from ..urls import outlet_url
from . import Page

TEMPLATE = "outlet.html"


def pages(view):
    for outlet_id in view.order["outlets"]:
        yield Page(outlet_url(outlet_id), (outlet_id,), lambda o=outlet_id: _context(view, o))


def _context(view, outlet_id: str) -> dict:
    name = view.entities[outlet_id].name_ar if outlet_id in view.entities else UNNAMED_OUTLETS_NAME
    return dict(outlet=view.outlets[outlet_id], outlet_name=name)
