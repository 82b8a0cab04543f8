"""The index of publishers, with how many articles each put out."""

from __future__ import annotations

from typing import NamedTuple

from ...models.dossier import OutletLinks
from . import Listing, Menu, NavEntry, Page

TEMPLATE = "outlets.html"
LISTING = Listing(
    "outlets/index.html",
    nav=(NavEntry(Menu.ANALYSIS, "المنابر", 40), NavEntry(Menu.TOOLS, "المنابر: من نشر ماذا", 40)),
)


class NamedOutlet(NamedTuple):
    outlet: OutletLinks
    name: str  # as shown (see view._outlet_names)


def pages(view):
    yield Page(
        LISTING.path,
        (),
        lambda: dict(
            outlets=[NamedOutlet(view.outlets[o], view.outlet_names[o]) for o in view.order["outlets"]]
        ),
    )
