"""Saved web pages ("Save page as" in a browser) as seed text.

trafilatura, made for news pages, finds the article in the markup (its
main text, headline, publication date and site name) and leaves out most
of the page around it. Its lines then go through the same line classifier
as copied text, which removes what is left ("read also" lines, captions).
The headline heads the lines when trafilatura did not put it there itself.

Line numbers of a saved page are those of this text, as the source page
shows it; the file itself is published as it is (as text, never as a page
of the site: its scripts must not run there).
"""

from __future__ import annotations

import datetime as dt

from ..models.article import Problem
from ..models.inputs import SourceFile
from .readers import SeedText, without_embeddings


def _date(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def _extract(data: bytes):
    import trafilatura

    options = dict(
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        include_formatting=False,
        deduplicate=False,
    )
    document = trafilatura.bare_extraction(data, **options)
    if document is None or not (document.text or "").strip():  # a short page: ask for everything
        document = trafilatura.bare_extraction(data, favor_recall=True, **options)
    return document


def read_web_page(source: SourceFile) -> SeedText:
    document = _extract(source.data)
    if document is None or not (document.text or "").strip():
        problem = Problem(
            None, "no article text found in the saved page", "لم يُعثر على نص مقال في الصفحة المحفوظة."
        )
        return SeedText("", (problem,))
    lines = [line.strip() for line in without_embeddings(document.text).split("\n")]
    title = without_embeddings(document.title or "").strip()
    if title and (not lines or lines[0] != title):
        lines.insert(0, title)
    return SeedText("\n".join(lines), (), published=_date(document.date), site_name=document.sitename or None)
