import datetime as dt
import re

import pytest

from newsdossier.models.dates import PartialDate
from newsdossier.site.arabic import (
    MONTHS,
    TYPE_LABELS,
    arabic_date,
    articles_label,
    date_range,
    lines_label,
    mentions_label,
    names_are_label,
    names_label,
    other_articles_label,
    other_mentions_label,
    plural_category,
    summits_label,
)
from newsdossier.site.urls import root_prefix
from tests.helpers import ROOT


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


def test_the_month_names_and_the_plural_rule_are_cldrs_as_babel_ships_them():
    """They are copied into `site.arabic` (loading Babel's Arabic locale
    cost every page-making build 35-40 ms): the copy is CLDR's."""
    from babel import Locale

    arabic = Locale("ar")
    assert tuple(arabic.months["format"]["wide"][m] for m in range(1, 13)) == MONTHS
    assert tuple(arabic.months["stand-alone"]["wide"][m] for m in range(1, 13)) == MONTHS
    counts = [*range(-3, 1_250), *range(999_900, 1_000_250), 10**12 + 11]
    assert [plural_category(n) for n in counts] == [arabic.plural_form(n) for n in counts]


@pytest.mark.parametrize("month", range(1, 13))
@pytest.mark.parametrize(
    "first, last",
    [(1, 1), (5, 5), (28, 28), (9, 10), (1, 28)],  # one day; a range within the month
)
def test_dates_are_written_as_babels_format_date_writes_them(month, first, last):
    from babel.dates import format_date

    start, end = dt.date(2022, month, first), dt.date(2022, month, last)
    assert arabic_date(start) == format_date(start, "d MMMM y", locale="ar")
    assert arabic_date(PartialDate(2022, month, None)) == format_date(start, "LLLL y", locale="ar")
    assert arabic_date(PartialDate(7, month, first)) == format_date(
        start.replace(year=7), "d MMMM y", locale="ar"
    )
    if first != last:
        assert date_range(start, end) == f"{first}–{last} " + format_date(start, "MMMM y", locale="ar")


@pytest.mark.parametrize(
    "n, mentions, articles",
    [
        (0, "لا إشارات", "لا مقالات"),
        (1, "إشارة واحدة", "مقال واحد"),
        (2, "إشارتان", "مقالان"),
        (3, "3 إشارات", "3 مقالات"),
        (10, "10 إشارات", "10 مقالات"),
        (11, "11 إشارة", "11 مقالًا"),
        (99, "99 إشارة", "99 مقالًا"),
        # Round hundreds and the two after them: the genitive singular.
        (100, "100 إشارة", "100 مقال"),
        (101, "101 إشارة", "101 مقال"),
        (102, "102 إشارة", "102 مقال"),
        (103, "103 إشارات", "103 مقالات"),
        (111, "111 إشارة", "111 مقالًا"),
        (1000, "1000 إشارة", "1000 مقال"),
    ],
)
def test_arabic_count_agreement(n, mentions, articles):
    assert mentions_label(n) == mentions
    assert articles_label(n) == articles


@pytest.mark.parametrize(
    "n, summits, names",
    [
        (1, "قمة واحدة", "اسم واحد"),
        (2, "قمتان", "اسمان"),
        (3, "3 قمم", "3 أسماء"),
        (76, "76 قمة", "76 اسمًا"),
        (200, "200 قمة", "200 اسم"),
    ],
)
def test_more_arabic_counts(n, summits, names):
    assert summits_label(n) == summits
    assert names_label(n) == names


@pytest.mark.parametrize(
    "n, lines", [(1, "سطر واحد"), (2, "سطران"), (4, "4 أسطر"), (12, "12 سطرًا"), (101, "101 سطر")]
)
def test_removed_line_counts(n, lines):
    assert lines_label(n) == lines


@pytest.mark.parametrize(
    "n, label",
    [
        (1, "وإشارة واحدة أخرى"),
        (2, "وإشارتان أخريان"),
        (3, "و3 إشارات أخرى"),
        (10, "و10 إشارات أخرى"),
        (11, "و11 إشارة أخرى"),
        (99, "و99 إشارة أخرى"),
        (100, "و100 إشارة أخرى"),
        (103, "و103 إشارات أخرى"),
    ],
)
def test_the_other_mentions_agree_in_number_with_their_count(n, label):
    assert other_mentions_label(n) == label


@pytest.mark.parametrize(
    "n, label",
    [
        (1, "ومقال واحد آخر"),
        (2, "ومقالان آخران"),
        (3, "و3 مقالات أخرى"),
        (10, "و10 مقالات أخرى"),
        (11, "و11 مقالًا آخر"),
        (100, "و100 مقال آخر"),
    ],
)
def test_the_other_articles_agree_in_number_and_gender_with_their_count(n, label):
    assert other_articles_label(n) == label


@pytest.mark.parametrize(
    "n, label",
    [(1, "اسم واحد هو"), (2, "اسمان هما"), (3, "3 أسماء هي"), (11, "11 اسمًا هي"), (26, "26 اسمًا هي")],
)
def test_a_count_of_names_as_a_subject_takes_the_pronoun_that_agrees(n, label):
    assert names_are_label(n) == label


def test_the_stylesheet_gives_each_type_the_label_of_type_labels():
    """«إظهار الأسماء» labels a linked name by a CSS rule per type class:
    the stylesheet must say what TYPE_LABELS says, for every type."""
    css = (ROOT / "templates" / "assets" / "style.css").read_text(encoding="utf-8")
    rules = dict(
        re.findall(r'\.show-names a\.mention\.entity-([a-z]+)::after \{ content: "([^"]+)"; \}', css)
    )
    assert rules == {t.value: label.one for t, label in TYPE_LABELS.items()}


def test_the_names_script_gives_the_legend_the_types_and_labels_of_type_labels():
    """assets/names.js makes the legend of «إظهار الأسماء»: its types, in
    display order, and their words are TYPE_LABELS'."""
    script = (ROOT / "templates" / "assets" / "names.js").read_text(encoding="utf-8")
    types = re.findall(r'^    \["([a-z]+)", "([^"]+)"\],$', script, re.M)
    assert types == [(t.value, label.one) for t, label in TYPE_LABELS.items()]
