"""A summit: the analyst's summary and note, its articles, the names in its
coverage, their network and the quotations."""

from __future__ import annotations

from ...analysis.network import co_mention_network
from ...models.kinds import NoteKind
from ..fragments import network_svg
from ..publish import summit_ld
from ..urls import root_prefix, summit_url
from . import Page, with_neighbours

TEMPLATE = "summit.html"


def pages(view):
    for summit_id, previous, next_ in with_neighbours(view.order["summits"]):
        yield Page(summit_url(summit_id), (summit_id, previous, next_), lambda i=summit_id, p=previous, n=next_: _context(view, i, p, n))


def _context(view, summit_id: str, previous: str | None, next_: str | None) -> dict:
    summit, links = view.summits[summit_id], view.summit_links[summit_id]
    path = summit_url(summit_id)
    root = root_prefix(path)
    members = [view.articles[a] for a in links.article_ids]
    label = f"شبكة الأسماء في تغطية {summit.title_ar}"
    return dict(
        ld=summit_ld(summit, view.entities, view.site.base_url),
        summit=summit,
        links=links,
        summary_html=view.markdown.render(summit.summary_md, root, f"summary-{summit_id}"),
        note_html=view.note_html(NoteKind.SUMMIT, summit_id, path),
        quotes=[(view.articles[a], q) for a, q in view.quotes_by_summit.get(summit_id, ())],
        network=network_svg(co_mention_network(members), view.entities, root, label),
        comparisons=[c for c in (view.comparisons[c] for c in view.order["comparisons"]) if summit_id in (c.first, c.second)],
        previous=view.summits[previous] if previous else None,
        next=view.summits[next_] if next_ else None,
    )
