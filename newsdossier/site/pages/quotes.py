"""Every quotation in the dossier, by summit, a bounded number per page;
the first page links each speaker's own page (see speaker_quotes) and
lists the short terms the texts put between quotation marks."""

from __future__ import annotations

from itertools import groupby
from typing import NamedTuple

from ...models.article import Article
from ...models.curation import Summit
from ..view import ALL_ARTICLES
from . import Listing, Menu, NavEntry, QuoteItem, numbered

TEMPLATE = "quotes.html"
LISTING = Listing(
    "quotes.html",
    nav=(NavEntry(Menu.ANALYSIS, "الاقتباسات", 10), NavEntry(Menu.TOOLS, "من قال ماذا: الاقتباسات", 10)),
)


class QuoteGroup(NamedTuple):
    summit: Summit | None  # None: articles of no summit
    items: list[QuoteItem]


class SpeakerCount(NamedTuple):
    speaker_id: str  # "" for quotations of no speaker
    count: int


class Phrase(NamedTuple):
    """A short term the texts put between quotation marks."""

    text: str
    count: int  # articles quoting it
    articles: list[Article]  # the first of them (view.PHRASE_ARTICLES_SHOWN)


def pages(view):
    yield from numbered(LISTING.path, view.quote_pages, ALL_ARTICLES, (), lambda pager: _context(view, pager))


def _context(view, pager) -> dict:
    items = [QuoteItem(view.articles[a], q) for a, q in view.quote_pages.items(ALL_ARTICLES, pager.number)]
    runs = groupby(items, key=lambda item: item.article.meta.summit or "")
    groups = [QuoteGroup(view.summits[s] if s else None, list(group)) for s, group in runs]
    if pager.number > 1:
        return dict(pager=pager, groups=groups, total=None, speakers=(), phrases=())
    # The first page sums up and filters: every speaker with a count.
    speakers = [SpeakerCount(s, len(view.quotes_by_speaker[s])) for s in view.order["speakers"]]
    phrases = [Phrase(p, n, [view.articles[a] for a in ids]) for p, n, ids in view.phrases["all"]]
    return dict(
        pager=pager, groups=groups, total=sum(s.count for s in speakers), speakers=speakers, phrases=phrases
    )
