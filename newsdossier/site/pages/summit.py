"""A summit: its first page has the analyst's summary and note, the names in
its coverage, their network and the strongest quotations; every page lists
a bounded number of its articles (see `paging`)."""

from __future__ import annotations

from ...analysis.network import co_mention_network
from ...models.kinds import NoteKind
from ..fragments import network_svg
from ..publish import summit_ld
from ..urls import root_prefix, summit_url
from . import QuoteItem, numbered, with_neighbours
from .entity import strongest

TEMPLATE = "summit.html"
NAMES_SHOWN = 30


def pages(view):
    for summit_id, previous, next_ in with_neighbours(view.order["summits"]):
        yield from numbered(
            summit_url(summit_id),
            view.summit_pages,
            summit_id,
            (summit_id, previous, next_),
            lambda pager, i=summit_id, p=previous, n=next_: _context(view, i, p, n, pager),
        )


def _context(view, summit_id: str, previous: str | None, next_: str | None, pager) -> dict:
    # A further page reads only its own articles: a new article at the end
    # changes the first page (counts) and the last, not the ones between.
    summit = view.summits[summit_id]
    context = dict(
        summit=summit,
        links=None,
        pager=pager,
        page_articles=[view.articles[a] for a in view.summit_pages.items(summit_id, pager.number)],
        previous=view.summits[previous] if previous else None,
        next=view.summits[next_] if next_ else None,
    )
    if pager.number == 1:
        root = root_prefix(pager.path)
        links = view.summit_links[summit_id]
        members = view.articles.rows(links.article_ids)
        quotes = view.quotes_by_summit.get(summit_id, ())
        context.update(
            links=links,
            ld=summit_ld(summit, view.entities, view.site.base_url),
            summary_html=view.markdown.render(summit.summary_md, root, f"summary-{summit_id}"),
            note_html=view.note_html(NoteKind.SUMMIT, summit_id, pager.path),
            names=links.entity_counts[:NAMES_SHOWN],
            quotes=[QuoteItem(view.articles[a], q) for a, q in strongest(quotes)],
            quote_count=len(quotes),
            network=network_svg(
                # Its sums patched with the articles added since the last build (by their rows' digests).
                co_mention_network(members, view.articles.digests(links.article_ids), summit_id),
                view.entities,
                root,
                f"شبكة الأسماء في تغطية {summit.title_ar}",
            ),
            comparisons=[
                c
                for c in (view.comparison_pairs[c] for c in view.order["comparisons"])
                if summit_id in (c.first, c.second)
            ],
        )
    return context
