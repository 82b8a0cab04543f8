"""The index of publishers, with how many articles each put out."""

from __future__ import annotations

from . import Page

TEMPLATE = "outlets.html"


def pages(view):
    yield Page(
        "outlets/index.html",
        (),
        lambda: dict(outlets=[(view.outlets[o], view.outlet_names[o]) for o in view.order["outlets"]]),
    )
