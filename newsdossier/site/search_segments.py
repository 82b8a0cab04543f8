"""How the search index is cut: into segments, each indexed on its own and
kept as it is while its pages do not change.

* the pages segment (``search/pages/``): the first page of every summit and
  entity;
* the articles, in the site's order (date, then id), in segments of sizes
  UNIT, UNIT·BASE, UNIT·BASE², … up to LARGEST (largest first, then a last
  segment of fewer than UNIT).

A new article, the usual addition, lands in the last segment: only that one
(and, once in UNIT additions, the segments it completes) is indexed again.
There are at most BASE − 1 segments of each size below LARGEST, so a query
reads a file or two from each of a handful of segments. The segments are a
function of the article order alone, so a full build and a rebuild cut
them alike; the search script sums what every segment says of a word, so
the ranking is that of one index over everything.
"""

from __future__ import annotations

from dataclasses import dataclass

from .search_text import SearchDoc, article_doc, entity_doc, summit_doc

ROOT = "search/"
PAGES = f"{ROOT}pages/"
ARTICLES = f"{ROOT}articles/"
# An added article re-indexes its last segment, up to UNIT − 1 articles: at
# 128 that was 0.2 s of adding one article to 100 (the whole dossier); at 32,
# 0.03–0.06 s, for at most three more segments a query reads from.
UNIT = 32
BASE = 4
# No segment grows beyond this: a segment is indexed in one process, and
# its term files are cut by size, so this bounds the memory, not the files.
LARGEST = 2048


@dataclass(frozen=True)
class Segment:
    folder: str  # relative to the site root, ending in "/"
    pages: tuple[tuple[str, str], ...]  # (kind, id) of each page, in index order


def segment_sizes(
    count: int, unit: int | None = None, base: int | None = None, largest: int | None = None
) -> list[int]:
    """How `count` articles in the site's order are cut: the largest sizes first."""
    unit, base, largest = unit or UNIT, base or BASE, largest or LARGEST
    size = unit
    while size * base <= min(count, largest):
        size *= base
    sizes, left = [], count
    while size >= unit:
        while left >= size:
            sizes.append(size)
            left -= size
        size //= base
    return sizes + ([left] if left else [])


def search_segments(view) -> tuple[Segment, ...]:
    pages = [("summit", s) for s in view.order["summits"]] + [("entity", e) for e in view.order["entities"]]
    segments = [Segment(PAGES, tuple(pages))]
    articles, start = view.order["articles"], 0
    for size in segment_sizes(len(articles)):
        ids = tuple(("article", a) for a in articles[start : start + size])
        segments.append(Segment(f"{ARTICLES}{start + 1}-{start + size}/", ids))
        start += size
    return tuple(segments)


_DOCS = {"article": article_doc, "entity": entity_doc, "summit": summit_doc}


def segment_docs(view, segment: Segment) -> list[SearchDoc]:
    """The pages of a segment as the index reads them."""
    return [_DOCS[kind](view, item) for kind, item in segment.pages]
