"""Dates in Arabic text and a saved page's own date, at their precision."""

import pytest

from newsdossier.language.dates import dates_in, markup_date, page_date, url_date
from newsdossier.models.dates import DateEvidence, PartialDate

D = PartialDate
DATES = [
    ("نشرت في: 05/02/2022 – 11:10", [D(2022, 2, 5)]),
    ("في 17 مايو 2024 وصل", [D(2024, 5, 17)]),
    ("يوم 17 أيار/مايو 2024", [D(2024, 5, 17)]),
    ("في فبراير/شباط 2022", [D(2022, 2)]),  # a month, never its first day
    ("في ٤ شباط ٢٠٢٢", [D(2022, 2, 4)]),  # Arabic-Indic digits
    ("في ۴ شباط ۲۰۲۲", [D(2022, 2, 4)]),  # Persian digits
    ("في 4 كانون الثاني 2023", [D(2023, 1, 4)]),
    ("في أكتوبر/تشرين الأول 2019، ذكر", [D(2019, 10)]),
    ("الثلاثاء 8 فبراير، 2022", [D(2022, 2, 8)]),
    ("17 (مايو) أيار 2024", [D(2024, 5, 17)]),
    ("نشر في 12 شتنبر 2023", [D(2023, 9, 12)]),  # Morocco
    ("الأحد 3 دجنبر 2023", [D(2023, 12, 3)]),
    ("يوم 10 جويلية 2021", [D(2021, 7, 10)]),  # Algeria
    ("5 فيفري 2022", [D(2022, 2, 5)]),
    ("في 14 غشت 2023", [D(2023, 8, 14)]),
    ("الخميس 16 يونيه 2022", [D(2022, 6, 16)]),  # Egypt
    ("2022-02-05 10:00", [D(2022, 2, 5)]),
    ("February 5, 2022", [D(2022, 2, 5)]),
    ("5 février 2022", [D(2022, 2, 5)]),
    ("بين 3 مارس 2022 و4 أبريل 2022", [D(2022, 3, 3), D(2022, 4, 4)]),
    ("عام 2023 وحده", []),  # a year in passing is not a date
    ("17 مايو وحده", []),  # no year: no date
    ("31/02/2022 ليس تاريخًا", []),
    ("الرقم 12022 ليس سنة", []),
]


@pytest.mark.parametrize("text, dates", DATES, ids=[t for t, _ in DATES])
def test_dates_in_text(text, dates):
    assert dates_in(text) == dates


MARKUP = [
    ("2022-02", D(2022, 2)),
    ("2022", D(2022)),
    ("2022-02-05T23:30:00-05:00", D(2022, 2, 5)),  # the day as the page writes it
    ("20220205", D(2022, 2, 5)),
    ("Sat, 05 Feb 2022 10:00:00 GMT", D(2022, 2, 5)),
    ("2022-13", None),
    ("soon", None),
]


@pytest.mark.parametrize("value, date", MARKUP, ids=[v for v, _ in MARKUP])
def test_markup_dates_keep_their_precision(value, date):
    assert markup_date(value) == date


@pytest.mark.parametrize(
    "url, date",
    [
        ("https://example.com/news/2022/02/05/slug", D(2022, 2, 5)),
        ("https://example.com/2022/02/slug.html", D(2022, 2)),
        ("https://example.com/a/20220205/x.html", D(2022, 2, 5)),
        ("https://example.com/a/123456789/x.html", None),
        ("https://example.com/2022-02-05-summit", D(2022, 2, 5)),
    ],
)
def test_dates_in_addresses(url, date):
    assert url_date(url) == date


def evidence(markup=(), url=None, visible=()):
    return DateEvidence(tuple(markup), url, tuple(visible))


PAGES = [
    # (evidence, date lines, date, disagreement reported)
    (evidence([("article:published_time", "2022-02")]), [], D(2022, 2), False),
    (
        evidence([("article:published_time", "2022-02")], visible=["الثلاثاء 8 فبراير 2022"]),
        [],
        D(2022, 2, 8),
        False,
    ),
    (evidence(url="https://x.com/2022/02/08/a"), [], D(2022, 2, 8), False),
    (evidence(), ["نشر في ٨ شباط ٢٠٢٢"], D(2022, 2, 8), False),
    # A template's default against the address and the date line: the two agree.
    (
        evidence([("date", "2013-01-01")], "https://x.com/2022/02/08/a", ["8 فبراير 2022"]),
        [],
        D(2022, 2, 8),
        True,
    ),
    # Markup and date line disagree, nothing else: the markup, and a warning.
    (evidence([("datepublished", "2022-02-06")], visible=["1 مارس 2022"]), [], D(2022, 2, 6), True),
    (evidence(), [], None, False),
]


@pytest.mark.parametrize("found, lines, date, disagreement", PAGES, ids=range(len(PAGES)))
def test_a_page_date_is_reconciled(found, lines, date, disagreement):
    result = page_date(found, lines)
    assert result.date == date
    assert bool(result.conflict) == disagreement


def labelled_pages():
    from bench.dated_pages import PAGES

    return PAGES


@pytest.mark.parametrize("shape", labelled_pages(), ids=lambda p: f"{p.half}:{p.name}")
def test_the_labelled_page_shapes_get_their_date(shape):
    from bench.dates import ours

    assert ours(shape.html().encode("utf-8")) == shape.label
