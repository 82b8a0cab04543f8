"""The index of publishers, with how many articles each put out."""

from __future__ import annotations

from . import Listing, Menu, NavEntry, Page

TEMPLATE = "outlets.html"
LISTING = Listing(
    "outlets/index.html",
    nav=(NavEntry(Menu.ANALYSIS, "المنابر", 40), NavEntry(Menu.TOOLS, "المنابر: من نشر ماذا", 40)),
)


def pages(view):
    yield Page(
        LISTING.path,
        (),
        lambda: dict(outlets=[(view.outlets[o], view.outlet_names[o]) for o in view.order["outlets"]]),
    )
