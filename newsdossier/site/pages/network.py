"""The co-mention network of the whole dossier, drawn and listed."""

from __future__ import annotations

from ...analysis.network import co_mention_network
from ..fragments import network_svg
from . import Listing, Menu, NavEntry, Page

TEMPLATE = "network.html"
LISTING = Listing(
    "network.html",
    nav=(
        NavEntry(Menu.ANALYSIS, "شبكة الأسماء", 30),
        NavEntry(Menu.TOOLS, "من يُذكر مع من: شبكة الأسماء", 20),
    ),
)


def pages(view):
    yield Page(LISTING.path, (), lambda: _context(view))


def _context(view) -> dict:
    ids = view.order["articles"]
    # Its sums patched with the articles added since the last build (by their rows' digests).
    overall = co_mention_network(view.articles.rows(ids), view.articles.digests(ids), "")
    return dict(
        overall=overall, overall_svg=network_svg(overall, view.entities, "", "شبكة الأسماء في الملف كله")
    )
