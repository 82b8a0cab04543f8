"""A comparison of two summits' coverage, one page per pair of summits: the
analyst's notes first (they answer the question the page asks), then the
names whose share rose or fell most, with the size of each sample, the
strongest quotations side by side, and the full lists last."""

from __future__ import annotations

from typing import NamedTuple

from markupsafe import Markup

from ...models.curation import Summit
from ...models.kinds import NoteKind
from ..urls import comparison_url
from . import Page, QuoteItem
from .entity import strongest

TEMPLATE = "compare.html"
# A change in share is shown among the largest only for a name counted this
# often in the two summits together: with 2 mentions, one more is a jump.
MIN_COUNT = 5
LARGEST = 5
# Fewer articles than this on either side: the page says the differences
# describe these articles, not the coverage at large.
SMALL_SAMPLE = 10
QUOTES_EACH = 4


class Side(NamedTuple):
    """One of the two summits compared, as the page shows it."""

    summit: Summit
    articles: int  # the size of its sample
    quotes: list[QuoteItem]  # its strongest, QUOTES_EACH at most
    note_html: Markup | None  # the analyst's note on the summit


def pages(view):
    for comparison_id in view.order["comparisons"]:
        yield Page(comparison_url(comparison_id), (comparison_id,), lambda c=comparison_id: _context(view, c))


def _context(view, comparison_id: str) -> dict:
    comparison = view.comparisons[comparison_id]
    path = comparison_url(comparison_id)
    first, second = (_side(view, view.summits[s], path) for s in (comparison.first, comparison.second))
    counted = [s for s in comparison.shared if s.count_first + s.count_second >= MIN_COUNT]
    return dict(
        comparison=comparison,
        first=first,
        second=second,
        small_sample=min(first.articles, second.articles) < SMALL_SAMPLE,
        rises=sorted((s for s in counted if s.change > 0), key=lambda s: (-s.change, s.entity_id))[:LARGEST],
        falls=sorted((s for s in counted if s.change < 0), key=lambda s: (s.change, s.entity_id))[:LARGEST],
        min_count=MIN_COUNT,
        note_html=view.note_html(NoteKind.COMPARISON, comparison_id, path),
    )


def _side(view, summit: Summit, path: str) -> Side:
    quotes = strongest(view.quotes_by_summit.get(summit.id, ()), QUOTES_EACH)
    return Side(
        summit,
        len(view.summit_links[summit.id].article_ids),
        [QuoteItem(view.articles[a], q) for a, q in quotes],
        view.note_html(NoteKind.SUMMIT, summit.id, path),
    )
