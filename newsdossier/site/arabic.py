"""Arabic for the reader: dates, counts with the right noun forms, labels."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from typing import NamedTuple

from markupsafe import Markup

from ..language.dates import GREGORIAN_MONTHS
from ..language.languages import ARABIC, direction
from ..models.dates import PartialDate
from ..models.kinds import Attribution, DatePrecision, EntityType, LineKind


class TypeLabel(NamedTuple):
    one: str  # «شخص»: a name's type
    many: str  # «أشخاص»: a heading over names of the type


# The label of each entity type, in the types' display order.
TYPE_LABELS = {
    EntityType.PERSON: TypeLabel("شخص", "أشخاص"),
    EntityType.PLACE: TypeLabel("مكان", "أماكن"),
    EntityType.ORGANISATION: TypeLabel("منظمة", "منظمات"),
    EntityType.EVENT: TypeLabel("حدث", "أحداث"),
    EntityType.DOCUMENT: TypeLabel("وثيقة", "وثائق"),
}

LINE_KIND_LABELS = {
    LineKind.TITLE: "عنوان",
    LineKind.HEADING: "عنوان فرعي",
    LineKind.PARAGRAPH: "فقرة",
    LineKind.BULLET: "نقطة موجزة",
    LineKind.RELATED: "من مقال آخر",
    LineKind.FOOTER: "من أثاث الموقع",
    LineKind.CREDIT: "سطر المصدر",
    LineKind.DATELINE: "سطر النشر",
    LineKind.DUPLICATE: "سطر مكرر",
}

ATTRIBUTION_LABELS = {
    Attribution.EXPLICIT: "",
    Attribution.INFERRED: "نُسب من السياق",
    Attribution.NONE: "غير منسوب",
}


# A dossier's pages show the same few hundred dates thousands of times.
@lru_cache(maxsize=4096)
def arabic_date(value: PartialDate | dt.date | None) -> str:
    """«5 فبراير 2022»; a month-only date «فبراير 2022», a year «2022»:
    never a day or a month the source did not give."""
    if value is None:
        return "بلا تاريخ"
    if isinstance(value, dt.date):
        value = PartialDate.of(value)
    if value.precision is DatePrecision.YEAR:
        return str(value.year)
    # CLDR's "d MMMM y"; a month alone "LLLL y" (its standalone name: the same word in Arabic).
    if value.precision is DatePrecision.DAY:
        return f"{value.day} {MONTHS[value.month - 1]} {value.year}"
    return f"{MONTHS[value.month - 1]} {value.year}"


# The languages a dossier's other articles come in, as the byline names them.
LANGUAGE_NAMES = {
    "en": "الإنجليزية",
    "fr": "الفرنسية",
    "tr": "التركية",
    "fa": "الفارسية",
    "ur": "الأردية",
    "es": "الإسبانية",
    "de": "الألمانية",
    "it": "الإيطالية",
    "ru": "الروسية",
    "zh": "الصينية",
}


def language_name(language: str) -> str:
    return LANGUAGE_NAMES.get(language, "لغة غير العربية")


def language_attributes(language: str) -> Markup:
    """` lang="en" dir="ltr"` for text in another language than the page's
    Arabic (nothing for Arabic): screen readers, fonts, hyphenation and the
    bidi algorithm then treat it as what it is."""
    if language == ARABIC:
        return Markup("")
    return Markup(' lang="{}" dir="{}"').format(language, direction(language))


def title_attributes(article) -> Markup:
    """Language attributes of an article's title where it is the text's own
    (an analyst's title is Arabic)."""
    return Markup("") if article.meta.title else language_attributes(article.parsed.language)


def date_range(start: dt.date, end: dt.date) -> str:
    if start == end:
        return arabic_date(start)
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}–{end.day} {MONTHS[start.month - 1]} {start.year}"
    return f"{arabic_date(start)} – {arabic_date(end)}"


# CLDR's Arabic: month names (يناير… as in Egypt and the Gulf) and plural
# categories. Digits stay Western, as the texts and most outlets write them.
# The wide month names, in a date (MMMM) and alone (LLLL), are the Gregorian
# months the date finder reads in texts (one list, `language.dates`); they
# and the plural rule are tested against CLDR as Babel ships it
# (`babel.Locale("ar")` and its `format_date`, tests/site/test_arabic.py), not
# read from Babel at run time: for 12 words and one rule it unpickled its
# whole Arabic and root locales, which imports `babel.dates`, which reads the
# system's time zone (35-40 ms of CPU of every build that makes a page).
MONTHS = GREGORIAN_MONTHS


def plural_category(n: int) -> str:
    """CLDR's plural category of a count in Arabic: zero: n in 0; one: n in
    1; two: n in 2; few: n mod 100 in 3..10; many: n mod 100 in 11..99;
    other: the rest (100, 101, 102, 200…)."""
    n = abs(n)  # (CLDR's n)
    if n <= 2:
        return ("zero", "one", "two")[n]
    last_two = n % 100
    return "few" if 3 <= last_two <= 10 else "many" if last_two >= 11 else "other"


def count_label(n: int, one: str, two: str, few: str, many: str, other: str) -> str:
    """An Arabic count with the noun form Arabic grammar wants after it, by
    CLDR's plural categories (`plural_category`): 1 and 2 are said by the noun alone;
    3–10 take the plural (3 مقالات), 11–99 the accusative singular
    (11 مقالًا), and round hundreds and their first two (100، 101، 102) the
    genitive singular (101 مقال)."""
    category = plural_category(n)
    if category == "one":
        return one
    if category == "two":
        return two
    return f"{n} {dict(few=few, many=many).get(category, other)}"


def mentions_label(n: int) -> str:
    return "لا إشارات" if n == 0 else count_label(n, "إشارة واحدة", "إشارتان", "إشارات", "إشارة", "إشارة")


def other_mentions_label(n: int) -> str:
    """«وإشارتان أخريان»: the mentions of an article an entity page leaves
    out. The adjective agrees with the noun: dual with the dual, feminine
    singular with 1 and with the plural of things (3 إشارات أخرى) and the
    singular after 11 and above (11 إشارة أخرى)."""
    return "و" + count_label(
        n, "إشارة واحدة أخرى", "إشارتان أخريان", "إشارات أخرى", "إشارة أخرى", "إشارة أخرى"
    )


def other_articles_label(n: int) -> str:
    """«ومقالان آخران»: as `other_mentions_label`, for the masculine مقال
    (آخر، آخران؛ the plural of things takes أخرى: 3 مقالات أخرى)."""
    return "و" + count_label(n, "مقال واحد آخر", "مقالان آخران", "مقالات أخرى", "مقالًا آخر", "مقال آخر")


def names_are_label(n: int) -> str:
    """«اسمان هما»: a count of names as the subject of a sentence, with the
    pronoun that agrees with it (هو for one, هما for two, هي for the plural
    of things and after 11)."""
    return f"{names_label(n)} {'هو' if n == 1 else 'هما' if n == 2 else 'هي'}"


def outlets_label(n: int) -> str:
    return "لا منابر" if n == 0 else count_label(n, "منبر واحد", "منبران", "منابر", "منبرًا", "منبر")


def times_label(n: int) -> str:
    return "ولا مرة" if n == 0 else count_label(n, "مرة واحدة", "مرتان", "مرات", "مرة", "مرة")


def articles_label(n: int) -> str:
    return "لا مقالات" if n == 0 else count_label(n, "مقال واحد", "مقالان", "مقالات", "مقالًا", "مقال")


def summits_label(n: int) -> str:
    return "لا قمم" if n == 0 else count_label(n, "قمة واحدة", "قمتان", "قمم", "قمة", "قمة")


def names_label(n: int) -> str:
    return "لا أسماء" if n == 0 else count_label(n, "اسم واحد", "اسمان", "أسماء", "اسمًا", "اسم")


def quotes_label(n: int) -> str:
    return (
        "لا اقتباسات"
        if n == 0
        else count_label(n, "اقتباس واحد", "اقتباسان", "اقتباسات", "اقتباسًا", "اقتباس")
    )


def lines_label(n: int) -> str:
    return "لا أسطر" if n == 0 else count_label(n, "سطر واحد", "سطران", "أسطر", "سطرًا", "سطر")
