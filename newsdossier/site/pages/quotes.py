"""Every quotation in the dossier, by summit, a bounded number per page;
the first page links each speaker's own page (see speaker_quotes) and
lists the short terms the texts put between quotation marks."""

from __future__ import annotations

from itertools import groupby

from ..view import ALL_ARTICLES
from . import Listing, Menu, NavEntry, numbered

TEMPLATE = "quotes.html"
LISTING = Listing(
    "quotes.html",
    nav=(NavEntry(Menu.ANALYSIS, "الاقتباسات", 10), NavEntry(Menu.TOOLS, "من قال ماذا: الاقتباسات", 10)),
)


def pages(view):
    count = view.quote_pages.count(ALL_ARTICLES)
    yield from numbered(LISTING.path, count, (), lambda pager: _context(view, pager))


def _context(view, pager) -> dict:
    items = [(view.articles[a], q) for a, q in view.quote_pages.items(ALL_ARTICLES, pager.number)]
    runs = groupby(items, key=lambda item: item[0].meta.summit or "")
    groups = [(view.summits[s] if s else None, list(group)) for s, group in runs]
    if pager.number > 1:
        return dict(pager=pager, groups=groups, total=None, speakers=(), phrases=())
    # The first page sums up and filters: every speaker with a count.
    speakers = [(s, len(view.quotes_by_speaker[s])) for s in view.order["speakers"]]
    phrases = [(p, n, [view.articles[a] for a in ids]) for p, n, ids in view.phrases["all"]]
    return dict(
        pager=pager, groups=groups, total=sum(n for _, n in speakers), speakers=speakers, phrases=phrases
    )
