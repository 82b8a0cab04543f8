"""Page types: every module in this package is one.

A page-type module declares

* ``TEMPLATE``: the template under templates/ its pages are rendered with;
* ``pages(view)``: one `Page` per page of that type, each with its path,
  what it is made from (``made_from``, part of its key) and a function that
  gives the template its variables, reading the dossier through the view's
  recording tables.

A listing page (one page, or the first of a numbered run, at a path of its
own: the home page, the article index, the quotes …) also declares

* ``LISTING``: a `Listing` with its path and, where it is linked from the
  site's menus, a `NavEntry` for each menu (its Arabic label and place).

That is the registry of listing pages: templates link them by name through
`url_for` ("quotes" → quotes.html), the header's nav, its «التحليل» menu and
the home page's tools are made from the entries (`nav`), so a new listing
page is linked everywhere it belongs without a template being edited. The
sitemap lists every page made, and the search index reads only articles,
summits and entities, never a listing (which only lists other pages).

A module may also define ``example(view)``, the path of a page of its type
worth looking at (the browser tests screenshot one page of every type);
without it the example is its first page.

A module whose pages each read the bodies of many articles (an entity's
mentions in their sentences) may define ``making_order(view)``: each of its
pages' place in the order the pages are made (path → a number, a dossier
position). The bytes do not depend on it; the time does: a body is read
from the analysis cache again once it has left the few the cache keeps
(`build.cache`), and pages made in the order of the articles they show
read each body a few times, not once for every page that shows it
(`making_order` below).

Adding a page type is adding a module here and its template: `page_types`
finds every module, and the site refuses two pages at one path.
"""

from __future__ import annotations

import functools
import importlib
import pkgutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from enum import Enum
from types import ModuleType
from typing import NamedTuple

from ...models.article import Article, Quote
from ..paging import Pager, page_path


class QuoteItem(NamedTuple):
    """A quotation with the article it is in."""

    article: Article
    quote: Quote


class Page(NamedTuple):
    """One page of a page type. (A NamedTuple, as `outputs.Output`: 15,000
    are made at 10,000 articles.)"""

    path: str
    made_from: object  # the declared data: with what it reads, decides whether it can be reused
    context: Callable[[], dict]  # the template's variables; "ld" (JSON-LD) and "root" are taken out


class Menu(Enum):
    MAIN = "main"  # the site header's nav, on every page
    ANALYSIS = "analysis"  # the header's «التحليل» disclosure
    TOOLS = "tools"  # the home page's analysis tools


@dataclass(frozen=True)
class NavEntry:
    menu: Menu
    label: str  # Arabic, as the link reads in that menu
    order: int  # its place in the menu, smallest first
    anchor: str = ""  # a section of the page: "summits" links index.html#summits


@dataclass(frozen=True)
class Listing:
    path: str  # relative to the site root
    nav: tuple[NavEntry, ...] = ()


@dataclass(frozen=True)
class NavLink:
    href: str  # relative to the site root: templates put `root` before it
    label: str


@dataclass(frozen=True)
class Nav:
    """The site's menus, each in order, as templates read them."""

    main: tuple[NavLink, ...]
    analysis: tuple[NavLink, ...]
    tools: tuple[NavLink, ...]


def with_neighbours(order: tuple[str, ...]) -> Iterator[tuple[str, str | None, str | None]]:
    """(id, previous id, next id) along an ordered listing: the pager. (Made
    by `zip`, in C: 10,000 articles are paged so.)"""
    return zip(order, (None, *order[:-1]), (*order[1:], None))


def numbered(
    first: str, listing, key: str, made_from: tuple, context: Callable[[Pager], dict]
) -> Iterator[Page]:
    """The pages of `listing`'s (a `view.Paged`) listing `key`, whose first
    page is at `first`; each is made from `made_from`, its number and what
    its pager knows of the pages after it (`Pager.of`: the page count on
    the first page only, so that a page more does not remake every page).
    A page's `Pager` is made when its page is (of 3,600 pages of entities
    at 10,000 articles, an added article's build makes a few)."""
    count = listing.count(key)
    read_count = functools.partial(listing.count, key)
    for number in range(1, count + 1):
        made = (*made_from, number, Pager.following_of(number, count))
        yield Page(
            page_path(first, number),
            made,
            functools.partial(_paged, context, first, number, count, read_count),
        )


def _paged(
    context: Callable[[Pager], dict], first: str, number: int, count: int, read_count: Callable[[], int]
) -> dict:
    """The variables of page `number`, given its `Pager`."""
    return context(Pager.of(first, number, count, read_count))


def making_order(view, paths: list[str]) -> list[int]:
    """The positions of `paths` (outputs to be made, in path order) in the
    order they are best made in: the pages a page type places
    (``making_order(view)``) after the others, by their places, ties and
    the others in path order."""
    places: dict[str, int] = {}
    for module in page_types():
        hook = getattr(module, "making_order", None)
        if hook is not None:
            places.update(hook(view))
    if not places:
        return list(range(len(paths)))
    place = places.get
    return sorted(range(len(paths)), key=lambda i: place(paths[i], -1))  # (stable: path order in a tie)


def page_types() -> list[ModuleType]:
    """Every page-type module, by name; one without TEMPLATE or pages() is a bug."""
    modules = []
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{__name__}.{info.name}")
        if not isinstance(getattr(module, "TEMPLATE", None), str) or not callable(
            getattr(module, "pages", None)
        ):
            raise TypeError(f"page type {module.__name__} must declare TEMPLATE and pages(view)")
        modules.append(module)
    return modules


def page_type_name(module: ModuleType) -> str:
    """A page type's name: its module's ("outlets_compare")."""
    return module.__name__.rsplit(".", 1)[-1]


def listings() -> dict[str, Listing]:
    """Every listing page by its page type's name."""
    found = {}
    for module in page_types():
        listing = getattr(module, "LISTING", None)
        if listing is not None:
            if not isinstance(listing, Listing):
                raise TypeError(f"page type {module.__name__}: LISTING must be a Listing")
            found[page_type_name(module)] = listing
    return found


def listing_urls() -> Callable[[str], str]:
    """`url_for` with the registry read once: the templates' helper for one
    build (a template asks for a path on every page)."""
    paths = {name: listing.path for name, listing in listings().items()}

    def url_for(name: str) -> str:
        """The path of the listing page of page type `name`, from the site root."""
        if name not in paths:
            raise KeyError(f"no listing page named {name!r} (listing pages: {', '.join(sorted(paths))})")
        return paths[name]

    return url_for


def url_for(name: str) -> str:
    """The path of the listing page of page type `name`, from the site root."""
    return listing_urls()(name)


def nav() -> Nav:
    """The menus, made from every listing's entries."""
    menus: dict[Menu, list[tuple[NavEntry, NavLink]]] = {menu: [] for menu in Menu}
    for listing in listings().values():
        for entry in listing.nav:
            href = listing.path + (f"#{entry.anchor}" if entry.anchor else "")
            menus[entry.menu].append((entry, NavLink(href, entry.label)))
    # By order, then label: two pages given one place still come out the same way every build.
    ordered = {
        menu: sorted(links, key=lambda item: (item[0].order, item[0].label)) for menu, links in menus.items()
    }
    return Nav(**{menu.value: tuple(link for _, link in ordered[menu]) for menu in Menu})


def example(module: ModuleType, view) -> str | None:
    """A page of this type worth looking at (see the module docstring);
    None when the dossier has none."""
    chosen = getattr(module, "example", None)
    if chosen is not None:
        return chosen(view)
    first = next(iter(module.pages(view)), None)
    return first.path if first is not None else None
