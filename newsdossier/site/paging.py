"""Long listings cut into numbered pages that stay small at any size.

An entity named in ten thousand articles, a summit with thousands of
reports, the list of all articles: each is shown a bounded number of items
per page. The first page keeps its usual address (``entities/putin.html``);
page n lives beside it, in a folder of the same name
(``entities/putin/2.html``), so no page of another kind can take its path.

Items are cut in the listing's own order, oldest first, so a new article
(the usual addition: the next report on the story) changes only the last
page: the other pages, their addresses and their bytes, stay as they were,
and a rebuild reuses them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple

# Items per page, by listing. Sizes keep every page well under 300 KB even
# with long titles; an entity's first page shows at most MENTIONS_PER_ARTICLE
# sentences of each of its first ENTITY_ARTICLES_PER_PAGE articles, a further
# page one sentence of each of ENTITY_ARTICLES_PER_FURTHER_PAGE (the others
# are one click away, in the article). Twice the articles a further page
# halves the head and header repeated on each (3.7 KB a page).
ARTICLES_PER_PAGE = 100
ENTITY_ARTICLES_PER_PAGE = 25
ENTITY_ARTICLES_PER_FURTHER_PAGE = 50
MENTIONS_PER_ARTICLE = 3
QUOTES_PER_PAGE = 50


def page_path(first: str, number: int) -> str:
    """The path of page `number` of the listing whose first page is `first`."""
    return first if number == 1 else f"{first.removesuffix('.html')}/{number}.html"


def chunked(items: Sequence, size: int, first: int | None = None) -> tuple[tuple, ...]:
    """`items` cut into pages of `size`, in order, the first page of `first`
    (`size` when not given); one empty page for none. Only the last page
    grows as items are added at the end, whatever `first` is."""
    first = size if first is None else first
    if len(items) <= first:
        return (tuple(items),)
    return (tuple(items[:first]), *(tuple(items[i : i + size]) for i in range(first, len(items), size)))


class PageLink(NamedTuple):
    number: int
    path: str


@dataclass(frozen=True)
class Pager:
    """Where one page sits among its listing's pages, for the template."""

    first: str  # path of page 1
    number: int
    count: int
    start: int = 0  # the position of the page's first item in the whole listing (0-based)

    @property
    def previous(self) -> str | None:
        return page_path(self.first, self.number - 1) if self.number > 1 else None

    @property
    def next(self) -> str | None:
        return page_path(self.first, self.number + 1) if self.number < self.count else None

    @property
    def window(self) -> list[PageLink | None]:
        """The page links a pager shows: the first, the last and the two on
        each side of this one; None where pages are left out."""
        shown = sorted({1, self.count, *range(max(1, self.number - 2), min(self.count, self.number + 2) + 1)})
        links: list[PageLink | None] = []
        for n in shown:
            if links and links[-1] is not None and links[-1].number < n - 1:
                links.append(None)
            links.append(PageLink(n, page_path(self.first, n)))
        return links

    @property
    def path(self) -> str:
        return page_path(self.first, self.number)
