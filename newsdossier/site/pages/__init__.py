"""Page types: every module in this package is one.

A page-type module declares

* ``TEMPLATE``: the template under templates/ its pages are rendered with;
* ``pages(view)``: one `Page` per page of that type, each with its path,
  what it is made from (``made_from``, part of its key) and a function that
  gives the template its variables, reading the dossier through the view's
  recording tables.

Adding a page type is adding a module here and its template: `page_types`
finds every module, and the site refuses two pages at one path.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from types import ModuleType

from ..paging import Pager


@dataclass(frozen=True)
class Page:
    path: str
    made_from: object  # the declared data: with what it reads, decides whether it can be reused
    context: Callable[[], dict]  # the template's variables; "ld" (JSON-LD) and "root" are taken out


def with_neighbours(order: tuple[str, ...]):
    """(id, previous id, next id) along an ordered listing: the pager."""
    for i, item in enumerate(order):
        yield item, order[i - 1] if i > 0 else None, order[i + 1] if i + 1 < len(order) else None


def numbered(first: str, count: int, made_from: tuple, context: Callable[[Pager], dict]) -> Iterator[Page]:
    """The `count` pages of a listing whose first page is at `first`; each
    is made from `made_from`, its number and the page count (its pager)."""
    for number in range(1, count + 1):
        pager = Pager(first, number, count)
        yield Page(pager.path, (*made_from, number, count), lambda p=pager: context(p))


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
