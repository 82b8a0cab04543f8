"""What the search index is made of: bundles of pages, merged by the
search page.

Pagefind has no incremental mode: adding one page re-indexes every page
given to it. So the index is cut into bundles, each indexed on its own and
kept as it is while its pages do not change; the search page merges them
(Pagefind's ``mergeIndex``):

* the names bundle (``pagefind/``): the first page of every entity and
  summit (their other pages repeat the same name), and the home page's
  title and description (so that it is never empty: Pagefind refuses to
  make an index of nothing, and the interface is loaded from it);
* the articles, in date order, in bundles of sizes UNIT, UNIT·BASE,
  UNIT·BASE², … up to LARGEST (largest first, then a last bundle of fewer
  than UNIT).
  A new article, the usual addition, lands in the last bundle: only that
  one (and, once in UNIT additions, the bundles it completes) is indexed
  again. There are at most BASE − 1 bundles of each size below LARGEST, so
  a search loads a handful of bundles, not one per hundred pages.

The bundles are a function of the article order alone, so a full build and
a rebuild give the same bundles. Scores are computed per bundle (Pagefind
ranks with BM25 inside each), so results of very different bundles can
rank a little differently from one index of everything.
"""

from __future__ import annotations

from dataclasses import dataclass

from .urls import article_url, entity_url, summit_url

NAMES_BUNDLE = "pagefind"  # also where Pagefind's interface files are loaded from
ARTICLE_BUNDLES = (
    "pagefind-articles"  # beside it: Pagefind takes a result's address from the folder before "pagefind"
)
UNIT = 128
BASE = 4
# No bundle grows beyond this: Pagefind's memory grows with the text it
# indexes at once (about 0.5 GB per million words), and a bundle this size
# stays well under that on the news articles of a dossier.
LARGEST = 2048


@dataclass(frozen=True)
class Bundle:
    folder: str  # relative to the site root, ending in "/"
    pages: tuple[str, ...]  # the pages it indexes, relative to the site root


def bundle_sizes(
    count: int, unit: int | None = None, base: int | None = None, largest: int | None = None
) -> list[int]:
    """How `count` articles in date order are cut: the largest sizes first."""
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


def search_bundles(view) -> tuple[Bundle, ...]:
    names = (
        ["index.html"]
        + [entity_url(e) for e in view.order["entities"]]
        + [summit_url(s) for s in view.order["summits"]]
    )
    bundles = [Bundle(f"{NAMES_BUNDLE}/", tuple(sorted(names)))]
    articles, start = view.order["articles"], 0
    for size in bundle_sizes(len(articles)):
        pages = tuple(article_url(a) for a in articles[start : start + size])
        bundles.append(Bundle(f"{ARTICLE_BUNDLES}/{start + 1}-{start + size}/", pages))
        start += size
    return tuple(bundles)
