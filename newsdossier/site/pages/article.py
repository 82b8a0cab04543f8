"""An article: its clean text with every mention linked, its names, its
removed lines and the analyst's note."""

from __future__ import annotations

from typing import NamedTuple

from markupsafe import Markup

from ...models.article import Block
from ...models.kinds import LineKind, NoteKind
from ..export import article_data_path
from ..fragments import article_body, lede, linked_blocks
from ..publish import article_ld
from ..urls import article_url, root_prefix
from . import Page, with_neighbours

TEMPLATE = "article.html"


class LinkedBlock(NamedTuple):
    block: Block
    html: Markup  # its text with every mention linked


def pages(view):
    for article_id, previous, next_ in with_neighbours(view.order["articles"]):
        yield Page(
            article_url(article_id),
            (article_id, previous, next_),
            lambda i=article_id, p=previous, n=next_: _context(view, i, p, n),
        )


def making_order(view) -> dict[str, int]:
    """Each page's place in the order outputs are made (`pages.making_order`),
    and its article's data file's: the article's position, among the
    entity pages that show the articles about it. The page and the data
    file both read the article's body from the analysis cache: made apart
    (articles/ … data/ …), the second found it long gone from the few kept,
    and most bodies were read two or three times."""
    places = {}
    for position, article_id in enumerate(view.columns.ids):
        places[article_url(article_id)] = places[article_data_path(article_id)] = position
    return places


def _context(view, article_id: str, previous: str | None, next_: str | None) -> dict:
    article = view.articles[article_id]
    path = article_url(article_id)
    blocks = [
        LinkedBlock(*pair)
        for pair in zip(article.parsed.blocks, linked_blocks(article, view.entities, root_prefix(path)))
    ]
    # The text's own title line heads the page (with its mentions linked)
    # unless the analyst gave a title; then it is shown as the original headline.
    title = next((b for b in blocks if b.block.kind is LineKind.TITLE), None)
    body = [b for b in blocks if b.block.kind is not LineKind.TITLE]
    summit = view.summits[article.meta.summit] if article.meta.summit else None
    return dict(
        lede=lede(article),
        ld=article_ld(article, summit, view.site.base_url, view.entities),
        article=article,
        title=title,
        blocks=body,
        body=article_body(body),
        note_html=view.note_html(NoteKind.ARTICLE, article_id, path),
        counts=view.article_counts[article_id],
        previous=view.articles[previous] if previous else None,
        next=view.articles[next_] if next_ else None,
    )
