"""PartialDate: a day, a month or a year, nothing filled in."""

from __future__ import annotations

import datetime as dt

import pytest

from newsdossier.models.dates import PartialDate
from newsdossier.models.kinds import DatePrecision


@pytest.mark.parametrize(
    "text, precision, first, last",
    [
        ("2022-02-05", DatePrecision.DAY, dt.date(2022, 2, 5), dt.date(2022, 2, 5)),
        ("2022-02", DatePrecision.MONTH, dt.date(2022, 2, 1), dt.date(2022, 2, 28)),
        ("2024-02", DatePrecision.MONTH, dt.date(2024, 2, 1), dt.date(2024, 2, 29)),
        ("2022", DatePrecision.YEAR, dt.date(2022, 1, 1), dt.date(2022, 12, 31)),
    ],
)
def test_a_date_at_its_precision(text, precision, first, last):
    date = PartialDate.from_iso(text)
    assert (date.precision, date.first, date.last, date.isoformat()) == (precision, first, last, text)
    assert (date.exact is not None) == (precision is DatePrecision.DAY)


@pytest.mark.parametrize("text", ["2022-13", "2022-02-30", "22-02", "2022-2", "2022-02-05T10:00", ""])
def test_what_is_not_a_date(text):
    with pytest.raises(ValueError):
        PartialDate.from_iso(text)


def test_a_month_sorts_after_the_days_of_its_month():
    dates = [PartialDate(2022, 3, 1), PartialDate(2022, 2), PartialDate(2022, 2, 28), PartialDate(2022, 2, 4)]
    assert sorted(dates, key=PartialDate.sort_key) == [
        PartialDate(2022, 2, 4),
        PartialDate(2022, 2, 28),
        PartialDate(2022, 2),
        PartialDate(2022, 3, 1),
    ]


@pytest.mark.parametrize(
    "date, days",
    [
        (PartialDate(2022, 2, 4), (0, 0)),
        (PartialDate(2022, 2, 11), (7, 7)),
        (PartialDate(2022, 2), (0, 24)),
        (PartialDate(2022, 1), (4, 34)),
        (PartialDate(2022), (0, 330)),
    ],
)
def test_days_from_a_summit(date, days):
    assert date.days_from(dt.date(2022, 2, 4), dt.date(2022, 2, 4)) == days


def test_the_end_of_the_calendar_has_no_day_after_it():
    assert PartialDate(9999, 12).days_from(dt.date(9999, 12, 31), dt.date(9999, 12, 31)) == (0, 30)
