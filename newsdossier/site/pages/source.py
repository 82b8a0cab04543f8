"""An article's source text line by line, with what the parser made of each
line (anchors #L1, #L2 …)."""

from __future__ import annotations

from typing import NamedTuple

from ...inputs.readers import read_seed
from ...models.kinds import LineKind
from ..urls import source_url
from . import Page

TEMPLATE = "source.html"


class SourceLine(NamedTuple):
    number: int  # from 1: the anchor #L<number>
    text: str
    kind: LineKind | None  # what the parser made of it; None for a blank line


def pages(view):
    for article_id in view.order["articles"]:
        yield Page(source_url(article_id), (article_id,), lambda a=article_id: _context(view, a))


def _context(view, article_id: str) -> dict:
    article = view.articles[article_id]
    parsed = article.parsed
    kinds = {b.line: b.kind for b in parsed.blocks} | {r.line: r.kind for r in parsed.removed}
    # The seed read again, as the parser read it (its bytes are part of the
    # article's key, so a changed seed remakes this page).
    seed = read_seed(view.seeds[article.meta.source_file])
    lines = [SourceLine(n, line, kinds.get(n)) for n, line in enumerate(seed.lines, start=1)]
    return dict(article=article, lines=lines)
