"""Long listings in numbered pages, and the search index in segments: both
cut so that a new article at the end changes as little as possible."""

from __future__ import annotations

import pytest

from newsdossier.site.paging import Pager, chunked, page_path
from newsdossier.site.search_segments import segment_sizes


@pytest.mark.parametrize(
    "first, number, expected",
    [
        ("entities/putin.html", 1, "entities/putin.html"),
        ("entities/putin.html", 2, "entities/putin/2.html"),
        ("articles/index.html", 7, "articles/index/7.html"),
        ("timeline.html", 3, "timeline/3.html"),
    ],
)
def test_further_pages_live_in_a_folder_named_after_the_first(first, number, expected):
    assert page_path(first, number) == expected


@pytest.mark.parametrize(
    "items, size, expected",
    [
        ((), 3, ((),)),  # a listing with nothing still has its (empty) first page
        ((1, 2), 3, ((1, 2),)),
        ((1, 2, 3), 3, ((1, 2, 3),)),
        ((1, 2, 3, 4), 3, ((1, 2, 3), (4,))),
    ],
)
def test_listings_are_cut_in_order(items, size, expected):
    assert chunked(items, size) == expected


@pytest.mark.parametrize(
    "items, size, first, expected",
    [
        ((), 3, 2, ((),)),
        ((1, 2), 3, 2, ((1, 2),)),
        ((1, 2, 3), 3, 2, ((1, 2), (3,))),
        ((1, 2, 3, 4, 5), 3, 2, ((1, 2), (3, 4, 5))),
        ((1, 2, 3, 4, 5, 6), 3, 2, ((1, 2), (3, 4, 5), (6,))),
    ],
)
def test_a_first_page_of_its_own_size_leaves_the_others_in_order(items, size, first, expected):
    # An entity's first page sums it up and shows fewer articles than its
    # further pages: an item added at the end still changes only the last.
    assert chunked(items, size, first) == expected
    assert chunked((*items, 9), size, first)[: len(expected) - 1] == expected[:-1]


@pytest.mark.parametrize(
    "number, count, shown",
    [
        (1, 1, [1]),
        (1, 3, [1, 2, 3]),
        (1, 40, [1, 2, 3, None, 40]),
        # A further page knows at most FOLLOWING_KNOWN pages after it: a gap
        # where more follow, the last page only when it is among them.
        (20, 40, [1, None, 18, 19, 20, 21, 22, None]),
        (37, 40, [1, None, 35, 36, 37, 38, 39, None]),
        (38, 40, [1, None, 36, 37, 38, 39, 40]),
        (40, 40, [1, None, 38, 39, 40]),
        (4, 40, [1, 2, 3, 4, 5, 6, None]),
        (2, 3, [1, 2, 3]),
    ],
)
def test_a_pager_shows_the_first_page_the_neighbours_and_the_last_where_known(number, count, shown):
    pager = Pager.of("entities/x.html", number, count, lambda: count)
    assert [link[0] if link else None for link in pager.window] == shown
    assert pager.previous == (page_path("entities/x.html", number - 1) if number > 1 else None)
    assert pager.next == (page_path("entities/x.html", number + 1) if number < count else None)
    assert pager.count == count and pager.paged == (count > 1)


def test_a_further_page_depends_on_the_page_count_only_when_it_reads_it():
    """Pages 2 … n-3 of a listing are the same value (their declared data)
    whatever the count beyond; the count, asked for, is read from the
    listing's table, so a template that shows it records the read."""
    from newsdossier.site.lookups import Tables, recording
    from newsdossier.site.view import Paged

    assert Pager.of("x.html", 5, 40) == Pager.of("x.html", 5, 41)
    assert Pager.of("x.html", 5, 8) != Pager.of("x.html", 5, 7)  # the last known: it links it
    assert Pager.of("x.html", 1, 40) != Pager.of("x.html", 1, 41)
    listing = Paged(Tables(), "pages", {"x": tuple(range(400))}, 10)
    pager = Pager.of("x.html", 5, 40, lambda: listing.count("x"))
    with recording() as recorder:
        assert pager.window and pager.next and not recorder.reads
        assert pager.count == 40 and recorder.reads == {"pages:x"}
    with pytest.raises(ValueError):
        _ = Pager.of("x.html", 5, 40).count  # no table to read it from: never a guess


@pytest.mark.parametrize(
    "count, sizes",
    [
        (0, []),
        (5, [5]),
        (32, [32]),
        (33, [32, 1]),
        (100, [32, 32, 32, 4]),
        (128, [128]),
        (129, [128, 1]),
        (1000, [512, 128, 128, 128, 32, 32, 32, 8]),
        (2048, [2048]),
        (10000, [2048] * 4 + [512] * 3 + [128] * 2 + [16]),
    ],
)
def test_articles_are_indexed_in_segments_of_growing_sizes(count, sizes):
    assert segment_sizes(count) == sizes


def test_a_new_article_changes_only_the_last_segment_but_once_in_a_while():
    changed = []
    for count in range(1, 3000):
        before, after = segment_sizes(count), segment_sizes(count + 1)
        assert sum(after) == count + 1
        kept = next(
            (i for i, (a, b) in enumerate(zip(before, after)) if a != b), min(len(before), len(after))
        )
        changed.append(sum(after[kept:]))  # pages of the segments that are new or different
    # Mostly the last, small segment; a merge into a larger one now and then.
    assert sorted(changed)[len(changed) // 2] < 128
    assert sum(changed) / len(changed) < 300
    assert max(changed) <= 2048
