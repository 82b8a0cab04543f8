"""An entity page's strongest quotations (`strongest`, also the summit and
comparison pages'): the same as the sort by a key for each quotation that
chose them before (kept here as the reference), made without a Python call
for each quotation."""

from __future__ import annotations

import pytest

from newsdossier.models.article import Quote
from newsdossier.models.kinds import Attribution
from newsdossier.site.pages.entity import strongest
from tests.helpers import python_calls

E, INF, N = Attribution.EXPLICIT, Attribution.INFERRED, Attribution.NONE


def _quotes(*said: tuple[Attribution, int]) -> tuple[tuple[str, Quote], ...]:
    """(article id, quotation) pairs, each of an attribution and a length."""
    return tuple(
        (f"a{n}", Quote(n, n + length, "ق" * length, None, attribution, None, n))
        for n, (attribution, length) in enumerate(said)
    )


def _reference(quotes: tuple, limit: int) -> list:
    order = sorted(
        range(len(quotes)),
        key=lambda i: (quotes[i][1].attribution is not Attribution.EXPLICIT, -len(quotes[i][1].text), i),
    )
    return [quotes[i] for i in order[:limit]]


@pytest.mark.parametrize(
    ("quotes", "limit"),
    [
        ((), 10),  # none
        (_quotes((E, 5)), 10),  # fewer than the limit
        (_quotes((INF, 9), (E, 3), (N, 12), (E, 7)), 10),  # named first, then longer
        (_quotes((E, 4), (E, 4), (INF, 4), (E, 4)), 2),  # ties: dossier order
        (_quotes((N, 4), (INF, 4), (N, 9), (INF, 2)), 3),  # inferred and none rank alike
        (_quotes(*[(E if n % 3 else INF, n % 7) for n in range(40)]), 10),  # more than the limit
        (_quotes((E, 1), (E, 2)), 0),  # a limit of none
    ],
)
def test_the_strongest_quotations_are_those_the_sort_chose(quotes, limit):
    assert strongest(quotes, limit) == _reference(quotes, limit)


def test_the_strongest_quotations_are_found_without_a_python_call_for_each():
    # The pages an added article remakes rank a summit's or a speaker's
    # quotations: thousands at 10,000 articles.
    few, many = (_quotes(*[(E if n % 3 else INF, n % 50) for n in range(size)]) for size in (20, 2000))
    assert python_calls(strongest, many, 10) == python_calls(strongest, few, 10)
