"""The outlets side by side: for each publisher, the names and the words it
wrote more than the others did (log-odds keyness, `analysis/keyness.py`),
with their counts, whether each difference is significant, and the size of
the sample. It answers "which outlet stressed what" on one page; each
outlet's own page has the longer lists."""

from __future__ import annotations

from . import Listing, Menu, NavEntry, Page
from .outlets import NamedOutlet

TEMPLATE = "outlets_compare.html"
# compare/ holds summit pairs a--b.html: no clash.
LISTING = Listing(
    "compare/outlets.html",
    nav=(
        NavEntry(Menu.ANALYSIS, "ما أبرزه كل منبر", 50),
        NavEntry(Menu.TOOLS, "المنابر جنبًا إلى جنب: ما أبرزه كل منبر", 50),
    ),
)
SHOWN = 5  # names and words per outlet
# Fewer articles than this from an outlet: its lines describe these articles
# only (see compare.SMALL_SAMPLE for summits).
SMALL_SAMPLE = 10


def pages(view):
    yield Page(LISTING.path, (), lambda: _context(view))


def _context(view) -> dict:
    outlets = [view.outlets[o] for o in view.order["outlets"]]
    # The outlets with most articles first: their lines rest on most text.
    outlets.sort(key=lambda o: (-len(o.article_ids), view.outlet_names[o.id], o.id))
    return dict(
        outlets=[NamedOutlet(o, view.outlet_names[o.id]) for o in outlets],
        article_total=len(view.order["articles"]),
        shown=SHOWN,
        small_sample=any(len(o.article_ids) < SMALL_SAMPLE for o in outlets),
    )
