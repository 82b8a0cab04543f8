"""An entity: its first page sums up what the dossier says of it (counts by
summit and by year, spellings, titles, who is named with it, its strongest
quotations); every page shows its mentions in their sentences, by article,
a bounded number of articles per page (see `paging`)."""

from __future__ import annotations

import itertools
from heapq import nsmallest
from itertools import groupby, islice, repeat
from operator import attrgetter, is_not, itemgetter, neg
from typing import NamedTuple

from markupsafe import Markup

from ...models.article import Article
from ...models.curation import Summit
from ...models.kinds import Attribution, NoteKind
from ..fragments import CONTEXT_CHARS, concordance_article, mention_contexts
from ..paging import MENTIONS_PER_ARTICLE, page_path
from ..publish import entity_document
from ..urls import entity_url, root_prefix
from . import QuoteItem, numbered

TEMPLATE = "entity.html"
STRONGEST_QUOTES = 10  # quotations on the first page; the quotes pages have them all
CO_MENTIONS_SHOWN = 20


class Concordance(NamedTuple):
    """How much of each article a page of an entity shows."""

    mentions: int  # an article's first mentions of the entity, in their sentences
    chars: int  # of the sentence on each side of a mention
    more_at_mention: bool  # the line counting the rest links to the first of them, not the article's top


# The first page sums the entity up and shows the first articles fully; the
# further pages, most of an entity's pages in a large dossier (two thirds of a
# 10,000-article site before this), are its concordance: an article's first
# mention in its sentence, and the line under it counts the rest and links to
# the first of them in the article, where every one is marked.
FIRST_PAGE = Concordance(MENTIONS_PER_ARTICLE, CONTEXT_CHARS, False)
FURTHER_PAGES = Concordance(1, 40, True)


class ArticleMentions(NamedTuple):
    article: Article
    contexts: Markup  # the sentences, as list items
    more: int  # mentions in the article beyond those shown
    more_anchor: str  # "#m12": where the first of those is in the article; "" for its top
    html: Markup  # all of the above as the page shows it (`fragments.concordance_article`)


class SummitGroup(NamedTuple):
    summit: Summit | None  # None: articles of no summit
    articles: list[ArticleMentions]


def pages(view):
    for entity_id in view.order["entities"]:
        yield from numbered(
            entity_url(entity_id),
            view.entity_pages,
            entity_id,
            (entity_id,),
            lambda pager, e=entity_id: _context(view, e, pager),
        )


def making_order(view) -> dict[str, int]:
    """Each page's place in the order pages are made (`pages.making_order`):
    the dossier position of the middle article it shows. Made in path order,
    the pages of one entity after another, each read the bodies of its
    articles from all over the dossier, and nearly every read was a miss of
    the bodies kept (177,000 reads at 10,000 articles); in this order
    neighbouring pages show neighbouring articles (31,000 reads, two
    workers)."""
    position = {article_id: n for n, article_id in enumerate(view.columns.ids)}
    places = {}
    for entity_id in view.order["entities"]:
        first = entity_url(entity_id)
        for number in range(1, view.entity_pages.count(entity_id) + 1):
            items = view.entity_pages.items(entity_id, number)
            places[page_path(first, number)] = position[items[len(items) // 2][0]] if items else -1
    return places


def example(view) -> str | None:
    """The most mentioned name's page: the fullest of its type."""
    top = view.order["top-entities"]
    return entity_url(top[0].entity_id) if top else None


def _context(view, entity_id: str, pager) -> dict:
    entity = view.entities[entity_id]
    root = root_prefix(pager.path)
    context = dict(
        entity=entity,
        pager=pager,
        groups=_mention_groups(
            view,
            entity,
            view.entity_pages.items(entity_id, pager.number),
            root,
            FIRST_PAGE if pager.number == 1 else FURTHER_PAGES,
        ),
    )
    if pager.number == 1:
        quotes = view.quotes_by_speaker.get(entity_id, ())
        links = view.entity_links[entity_id]
        context.update(
            ld=entity_document(entity, view.site.base_url),
            links=links,
            co_mentions=links.co_mentions[:CO_MENTIONS_SHOWN],
            note_html=view.note_html(NoteKind.ENTITY, entity_id, pager.path),
            quotes=[QuoteItem(view.articles[a], q) for a, q in strongest(quotes)],
            quote_count=len(quotes),
        )
    return context


def strongest(quotes: tuple, limit: int = STRONGEST_QUOTES) -> list:
    """The quotations most worth reading first: attributed by name before
    inferred, longer (more substantive) before shorter, then in dossier order.
    Each quotation's rank is made in C (`map`, `zip`) and the first `limit`
    taken by `heapq.nsmallest` (`sorted(...)[:limit]`, its rank unique by
    position): a key function called for each, then a sort of all, was
    54,000 Python calls on the pages an added article remakes at 10,000
    articles (a summit's quotations, the entities it names)."""
    said = tuple(map(_quotation, quotes))  # each (article id, quotation)'s quotation
    inferred = map(is_not, map(_attribution, said), repeat(Attribution.EXPLICIT))
    shorter = map(neg, map(len, map(_text, said)))
    return [quotes[rank[2]] for rank in nsmallest(limit, zip(inferred, shorter, itertools.count()))]


_quotation, _attribution, _text = itemgetter(1), attrgetter("attribution"), attrgetter("text")


def _mention_groups(view, entity, items: tuple, root: str, shown_of: Concordance) -> list:
    """This page's articles with the entity's mentions in their sentences
    (at most `shown_of.mentions` each), in runs by summit."""
    shown = []
    for article_id, count in items:  # in dossier order
        article = view.articles[article_id]
        # Each mention with its anchor's number (#m1 the article's first), as far as needed.
        of_entity = ((n, m) for n, m in enumerate(article.mentions, start=1) if m.entity_id == entity.id)
        mentions = tuple(islice(of_entity, shown_of.mentions))
        contexts = mention_contexts(article, mentions, entity, root, shown_of.chars)
        following = next(of_entity, None) if shown_of.more_at_mention else None
        anchor, more = f"#m{following[0]}" if following else "", count - len(mentions)
        html = concordance_article(root, article, contexts, more, anchor)
        shown.append(ArticleMentions(article, contexts, more, anchor, html))
    runs = groupby(shown, key=lambda item: item.article.meta.summit)
    return [SummitGroup(view.summits[s] if s else None, list(group)) for s, group in runs]
