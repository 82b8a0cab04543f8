"""A comparison of two summits' coverage, one page per pair of summits."""

from __future__ import annotations

from ...models.kinds import NoteKind
from ..urls import comparison_url
from . import Page

TEMPLATE = "compare.html"


def pages(view):
    for comparison_id in view.order["comparisons"]:
        yield Page(comparison_url(comparison_id), (comparison_id,), lambda c=comparison_id: _context(view, c))


def _context(view, comparison_id: str) -> dict:
    comparison = view.comparisons[comparison_id]
    path = comparison_url(comparison_id)
    first, second = view.summits[comparison.first], view.summits[comparison.second]
    return dict(
        comparison=comparison,
        first=first,
        second=second,
        notes=[(s, view.note_html(NoteKind.SUMMIT, s.id, path)) for s in (first, second)],
        note_html=view.note_html(NoteKind.COMPARISON, comparison_id, path),
    )
