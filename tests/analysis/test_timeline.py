"""The timeline: the summits merged into the dossier's order of articles,
which is already the timeline's order (by date, then id), with no sort."""

from __future__ import annotations

import datetime as dt

import pytest

from newsdossier.analysis.timeline import TimelineEvent, timeline
from newsdossier.models.curation import ArticleMeta, Summit
from newsdossier.models.dates import PartialDate

MAY_16, MAY_17, MAY_31 = PartialDate(2024, 5, 16), PartialDate(2024, 5, 17), PartialDate(2024, 5, 31)
MAY, JUNE_1, YEAR = PartialDate(2024, 5), PartialDate(2024, 6, 1), PartialDate(2024)


def _meta(article_id: str, date: PartialDate | None) -> ArticleMeta:
    return ArticleMeta(article_id, f"{article_id}.txt", None, date, None, "", (), None, (), True, 1)


def _summit(summit_id: str, start: PartialDate) -> Summit:
    return Summit(summit_id, "قمة", "Summit", start.first, start.first, "beijing", "")


def _in_dossier_order(metas: list[ArticleMeta]) -> list[ArticleMeta]:
    """The dossier's order (`linking.article_order`): by date, then id, the undated last."""
    return sorted(metas, key=lambda m: (m.date.sort_key() if m.date else (dt.date.max, 9), m.id))


def _sorted(summits: list[Summit], metas: list[ArticleMeta]) -> tuple[TimelineEvent, ...]:
    """The timeline as it was made before: every event sorted by its key."""
    events = [TimelineEvent(PartialDate.of(s.start), summit_id=s.id) for s in summits]
    events += [TimelineEvent(m.date, article_id=m.id) for m in metas if m.date]
    return tuple(
        sorted(events, key=lambda e: (e.day.sort_key(), e.summit_id is None, e.summit_id or e.article_id))
    )


@pytest.mark.parametrize(
    "summits, articles",
    [
        ([], []),
        ([("s", MAY_16)], []),
        ([], [("a", MAY_16), ("b", MAY_17), ("c", None)]),
        # A summit heads the reports of its first day.
        ([("s", MAY_16)], [("a", MAY_16), ("b", MAY_16), ("c", MAY_17)]),
        ([("s", MAY_17)], [("a", MAY_16), ("b", MAY_17)]),
        # Before every article, and after every one.
        ([("s", PartialDate(2020, 1, 1))], [("a", MAY_16), ("b", MAY_17)]),
        ([("s", PartialDate(2030, 1, 1))], [("a", MAY_16), ("b", MAY_17)]),
        # Two summits on one day, by id; given in any order.
        ([("z", MAY_17), ("m", MAY_17)], [("a", MAY_16), ("b", MAY_17), ("c", JUNE_1)]),
        # A month-only article after the days of its month, its last day's summit too.
        ([("s", MAY_31)], [("a", MAY), ("b", MAY_16), ("c", MAY_31), ("d", JUNE_1)]),
        # A year-only article after its months; the undated left out.
        (
            [("s", JUNE_1), ("t", PartialDate(2025, 1, 1))],
            [("a", YEAR), ("b", MAY), ("c", None), ("d", JUNE_1)],
        ),
        # Summits between, before and after runs of one day.
        (
            [("s1", MAY_16), ("s2", MAY_17), ("s3", JUNE_1)],
            [("a", MAY_16), ("b", MAY_16), ("c", MAY_17), ("d", MAY_31), ("e", JUNE_1), ("f", JUNE_1)],
        ),
    ],
)
def test_summits_are_merged_where_the_sorted_timeline_puts_them(summits, articles):
    metas = _in_dossier_order([_meta(article_id, date) for article_id, date in articles])
    made = [_summit(summit_id, start) for summit_id, start in summits]
    assert timeline(made, metas) == _sorted(made, metas)
