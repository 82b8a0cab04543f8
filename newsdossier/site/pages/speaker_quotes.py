"""The quotations of one speaker (or of none), a bounded number per page:
the quotes page's filter by speaker, as pages that work without script."""

from __future__ import annotations

from ..urls import speaker_quotes_url
from . import QuoteItem, numbered

TEMPLATE = "speaker_quotes.html"


def pages(view):
    for speaker_id in view.order["speakers"]:
        yield from numbered(
            speaker_quotes_url(speaker_id),
            view.speaker_quote_pages,
            speaker_id,
            (speaker_id,),
            lambda pager, s=speaker_id: _context(view, s, pager),
        )


def _context(view, speaker_id: str, pager) -> dict:
    shown = view.speaker_quote_pages.items(speaker_id, pager.number)
    return dict(
        speaker=view.entities[speaker_id] if speaker_id else None,
        pager=pager,
        total=len(view.quotes_by_speaker[speaker_id]) if pager.number == 1 else None,
        items=[QuoteItem(view.articles[a], q) for a, q in shown],
    )
