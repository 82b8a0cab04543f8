"""The view's listings made from the articles as columns: the same
listings, in the same order, as the loops over each article that made them
before (kept here as the reference)."""

from __future__ import annotations

from collections import defaultdict
from types import SimpleNamespace

import pytest

from newsdossier.models.article import Quote
from newsdossier.models.curation import ArticleMeta
from newsdossier.models.kinds import Attribution
from newsdossier.site.paging import chunked
from newsdossier.site.view import ArticleColumns, _Places, _quotes


def _article(article_id: str, summit: str | None, speakers: tuple[str | None, ...]) -> SimpleNamespace:
    """An article (what the view reads of one) with a quotation by each of `speakers`."""
    meta = ArticleMeta(article_id, f"{article_id}.txt", summit, None, None, "", (), None, (), True, 1)
    quotes = tuple(
        Quote(10 * n, 10 * n + 5, f"{article_id} {n}", speaker, Attribution.EXPLICIT, "قال", n)
        for n, speaker in enumerate(speakers)
    )
    return SimpleNamespace(parsed=SimpleNamespace(meta=meta), quotes=quotes)


def _reference(articles) -> tuple[dict, dict, dict, dict]:
    """The listings as the loop over each quotation made them: by speaker and
    by summit ("" for none), each with its (article id, number) places."""
    by_speaker, by_summit = defaultdict(list), defaultdict(list)
    speaker_places, summit_places = defaultdict(list), defaultdict(list)
    for article in articles:
        summit, article_id = article.parsed.meta.summit or "", article.parsed.meta.id
        for number, quote in enumerate(article.quotes):
            by_speaker[quote.speaker or ""].append((article_id, quote))
            by_summit[summit].append((article_id, quote))
            speaker_places[quote.speaker or ""].append((article_id, number))
            summit_places[summit].append((article_id, number))
    return by_speaker, by_summit, speaker_places, summit_places


def _as_lists(listings: dict) -> list:
    """A listing by key as (key, items) in its keys' order (the table's rows' order)."""
    return [(key, list(items)) for key, items in listings.items()]


def _places(places: dict[str, _Places]) -> list:
    return [(key, list(zip(p.article_ids, p.numbers, strict=True))) for key, p in places.items()]


@pytest.mark.parametrize(
    "articles",
    [
        [],
        [("a", "s", ())],  # no quotation: no listing
        [("a", "s", ("putin", None, "xi"))],
        # A speaker first quoted in a later article comes later among the keys.
        [("a", "s", ("putin",)), ("b", None, ()), ("c", "t", ("xi", "putin", None)), ("d", "s", ("xi",))],
        # An article of no summit between those of one; a summit first named late.
        [("a", None, (None, None)), ("b", "s", ("wang",)), ("c", None, ("wang",)), ("d", "t", ("li",))],
        # Many quotations of one speaker in one article.
        [("a", "s", ("putin",) * 7), ("b", "s", ("putin", "xi") * 3)],
    ],
)
def test_quotations_are_listed_as_the_loop_over_each_listed_them(articles):
    made = tuple(_article(*article) for article in articles)
    quotes = _quotes(made, ArticleColumns.of(made))
    by_speaker, by_summit, speaker_places, summit_places = _reference(made)
    assert _as_lists(quotes.by_speaker) == _as_lists(by_speaker)
    assert _as_lists(quotes.by_summit) == _as_lists(by_summit)
    assert _places(quotes.speaker_places) == _as_lists(speaker_places)
    assert _places(quotes.summit_places) == _as_lists(summit_places)


@pytest.mark.parametrize(
    "count, size, first",
    [(0, 3, None), (2, 3, None), (3, 3, None), (7, 3, None), (7, 3, 2), (1, 50, 25), (120, 50, 25)],
)
def test_places_are_cut_into_the_pages_their_quotations_are_cut_into(count, size, first):
    places = _Places(tuple(f"a{n // 4}" for n in range(count)), tuple(n % 4 for n in range(count)))
    pairs = list(zip(places.article_ids, places.numbers, strict=True))
    cut = places.cut(size, first)
    assert [list(zip(*page, strict=True)) for page in cut] == [
        list(page) for page in chunked(pairs, size, first)
    ]
    assert _Places.joined(cut) == places


def test_the_articles_columns_are_read_in_the_dossiers_order():
    made = (_article("b", "s", ()), _article("a", None, ()))
    columns = ArticleColumns.of(made)
    assert columns.ids == ("b", "a")
    assert columns.summits == ("s", None)
    assert columns.source_files == ("b.txt", "a.txt")
    assert columns.metas == tuple(article.parsed.meta for article in made)
