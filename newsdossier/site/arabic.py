"""Arabic for the reader: dates, counts with the right noun forms, labels."""

from __future__ import annotations

import datetime as dt

from ..language.dates import GREGORIAN_MONTHS
from ..models.kinds import Attribution, EntityType, LineKind

# Singular and plural of each entity type, in the types' display order.
TYPE_LABELS = {
    EntityType.PERSON: ("شخص", "أشخاص"),
    EntityType.PLACE: ("مكان", "أماكن"),
    EntityType.ORGANISATION: ("منظمة", "منظمات"),
    EntityType.EVENT: ("حدث", "أحداث"),
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

UNNAMED_OUTLETS_NAME = "ناشرون لا يسمّيهم الملف"  # the page of publishers not in the gazetteer


def arabic_date(value: dt.date | None) -> str:
    if value is None:
        return "بلا تاريخ"
    return f"{value.day} {GREGORIAN_MONTHS[value.month - 1]} {value.year}"


def date_range(start: dt.date, end: dt.date) -> str:
    if start == end:
        return arabic_date(start)
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}–{end.day} {GREGORIAN_MONTHS[start.month - 1]} {start.year}"
    return f"{arabic_date(start)} – {arabic_date(end)}"


def count_label(n: int, one: str, two: str, few: str, many: str) -> str:
    """An Arabic count with the noun form Arabic grammar wants after it."""
    if n == 1:
        return one
    if n == 2:
        return two
    if 3 <= n % 100 <= 10:
        return f"{n} {few}"
    return f"{n} {many}"


def mentions_label(n: int) -> str:
    return "لا إشارات" if n == 0 else count_label(n, "إشارة واحدة", "إشارتان", "إشارات", "إشارة")


def articles_label(n: int) -> str:
    return "لا مقالات" if n == 0 else count_label(n, "مقال واحد", "مقالان", "مقالات", "مقالًا")


def summits_label(n: int) -> str:
    return "لا قمم" if n == 0 else count_label(n, "قمة واحدة", "قمتان", "قمم", "قمة")


def names_label(n: int) -> str:
    return "لا أسماء" if n == 0 else count_label(n, "اسم واحد", "اسمان", "أسماء", "اسمًا")
