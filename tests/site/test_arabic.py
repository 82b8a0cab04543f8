import datetime as dt
import re

import pytest

from newsdossier.site.arabic import (
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
