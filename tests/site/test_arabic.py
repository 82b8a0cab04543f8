import datetime as dt

import pytest

from newsdossier.site.arabic import arabic_date, articles_label, date_range, mentions_label, names_label, summits_label
from newsdossier.site.urls import root_prefix


@pytest.mark.parametrize(
    "page, prefix",
    [("index.html", ""), ("articles/x.html", "../"), ("sources/raw/a.txt", "../../")],
)
def test_root_prefix_makes_links_relative(page, prefix):
    assert root_prefix(page) == prefix


def test_arabic_dates():
    assert arabic_date(dt.date(2022, 2, 5)) == "5 فبراير 2022"
    assert arabic_date(None) == "بلا تاريخ"
    assert date_range(dt.date(2024, 5, 16), dt.date(2024, 5, 17)) == "16–17 مايو 2024"
    assert date_range(dt.date(2022, 2, 4), dt.date(2022, 2, 4)) == "4 فبراير 2022"
    assert date_range(dt.date(2024, 5, 31), dt.date(2024, 6, 1)) == "31 مايو 2024 – 1 يونيو 2024"


@pytest.mark.parametrize(
    "n, mentions, articles",
    [
        (0, "لا إشارات", "لا مقالات"),
        (1, "إشارة واحدة", "مقال واحد"),
        (2, "إشارتان", "مقالان"),
        (3, "3 إشارات", "3 مقالات"),
        (10, "10 إشارات", "10 مقالات"),
        (11, "11 إشارة", "11 مقالًا"),
        (103, "103 إشارات", "103 مقالات"),
    ],
)
def test_arabic_count_agreement(n, mentions, articles):
    assert mentions_label(n) == mentions
    assert articles_label(n) == articles


@pytest.mark.parametrize(
    "n, summits, names",
    [(1, "قمة واحدة", "اسم واحد"), (2, "قمتان", "اسمان"), (3, "3 قمم", "3 أسماء"), (76, "76 قمة", "76 اسمًا")],
)
def test_more_arabic_counts(n, summits, names):
    assert summits_label(n) == summits
    assert names_label(n) == names
