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

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
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


# How many of the pages after it a further page knows of: enough for its
# neighbours and a gap after them (see `Pager`).
FOLLOWING_KNOWN = 3


@dataclass(frozen=True)
class Pager:
    """Where one page sits among its listing's pages, for the template.

    A further page is made from its number and at most FOLLOWING_KNOWN of
    the pages after it, not from the page count: the count grows with every
    page-full of items added, and when every page was made from it ("page 5
    of 40", a link to page 40), each such step remade every page of the
    listing (at 10,000 articles an entity named in every article has 200
    pages). A page more now changes the first page, the new one and the few
    before it. The default templates show the count and the last page on
    the first page; a further page shows its number, the first page, its
    neighbours, a gap when more follow, and the previous and next pages. A
    template that reads `count` on a further page still gets it: the read
    is recorded (`read_count` reads the listing's table), so that page is
    made again when the count changes."""

    first: str  # path of page 1
    number: int
    following: int  # pages after this one: all on the first page, at most FOLLOWING_KNOWN on a further one
    read_count: Callable[[], int] | None = field(default=None, compare=False, repr=False)
    start: int = 0  # the position of the page's first item in the whole listing (0-based)

    @classmethod
    def of(cls, first: str, number: int, count: int, read_count: Callable[[], int] | None = None) -> Pager:
        """Page `number` of `count`, knowing only what its number lets it
        show; `read_count`: the count read as a page's read (see above)."""
        return cls(first, number, cls.following_of(number, count), read_count)

    @staticmethod
    def following_of(number: int, count: int) -> int:
        """How many of the pages after page `number` of `count` it knows of."""
        return count - number if number == 1 else min(count - number, FOLLOWING_KNOWN)

    @property
    def count(self) -> int:
        """The number of pages: known to the first page and to the last few;
        read (and so depended on) by any other page that asks."""
        if self.number == 1 or self.following < FOLLOWING_KNOWN:
            return self.number + self.following
        if self.read_count is None:  # a count not read through a table would be a read not recorded
            raise ValueError(f"page {self.number} of {self.first} cannot tell its page count")
        return self.read_count()

    @property
    def paged(self) -> bool:
        """Whether the listing has more than one page (a pager is shown)."""
        return self.number > 1 or self.following > 0

    @property
    def previous(self) -> str | None:
        return page_path(self.first, self.number - 1) if self.number > 1 else None

    @property
    def next(self) -> str | None:
        return page_path(self.first, self.number + 1) if self.following > 0 else None

    @property
    def window(self) -> list[PageLink | None]:
        """The page links a pager shows: the first, the two on each side of
        this one, and the last where this page knows it (the first page, or
        a page near the end); None where pages are left out (at the end: more
        pages follow)."""
        last = self.number + self.following
        shown = {1, *range(max(1, self.number - 2), min(last, self.number + 2) + 1)}
        if self.number == 1 or self.following < FOLLOWING_KNOWN:
            shown.add(last)  # known to be the last
        links: list[PageLink | None] = []
        for n in sorted(shown):
            if links and links[-1] is not None and links[-1].number < n - 1:
                links.append(None)
            links.append(PageLink(n, page_path(self.first, n)))
        if max(shown) < last:
            links.append(None)  # more pages than this one knows
        return links

    @property
    def path(self) -> str:
        return page_path(self.first, self.number)
