"""Dates written in Arabic news text, and the month names they use.

Gregorian months have two sets of names: the ones used in Egypt and the
Gulf (يناير، فبراير …) and the Levantine ones (كانون الثاني، شباط …), often
written together («أيار/مايو»); the Maghreb writes some differently (ماي،
يوليوز، غشت). `GREGORIAN_MONTHS` is the set the site writes dates with.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re

from .normalize import match_key

GREGORIAN_MONTHS = (
    "يناير",
    "فبراير",
    "مارس",
    "أبريل",
    "مايو",
    "يونيو",
    "يوليو",
    "أغسطس",
    "سبتمبر",
    "أكتوبر",
    "نوفمبر",
    "ديسمبر",
)
LEVANTINE_MONTHS = (
    "كانون الثاني",
    "شباط",
    "آذار",
    "نيسان",
    "أيار",
    "حزيران",
    "تموز",
    "آب",
    "أيلول",
    "تشرين الأول",
    "تشرين الثاني",
    "كانون الأول",
)
MAGHREB_MONTHS = {"إبريل": 4, "ماي": 5, "يوليوز": 7, "غشت": 8}

MONTHS = {
    **{match_key(m): i for i, m in enumerate(GREGORIAN_MONTHS, start=1)},
    **{match_key(m): i for i, m in enumerate(LEVANTINE_MONTHS, start=1)},
    **{match_key(m): i for m, i in MAGHREB_MONTHS.items()},
}
_MONTH = "|".join(sorted((re.escape(m) for m in MONTHS), key=len, reverse=True))
_NUMERIC = re.compile(r"\b(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\b")
_WRITTEN = re.compile(
    rf"\b(?:(\d{{1,2}})\s+)?({_MONTH})(?:\s*/\s*(?:{_MONTH}))?\s+(?:عام\s+|سنه\s+)?(\d{{4}})\b"
)


def dates_in(text: str) -> list[dt.date]:
    key = match_key(text)  # folds Arabic-Indic digits, alef forms and diacritics
    found = []
    for day, month, year in _NUMERIC.findall(key):
        with contextlib.suppress(ValueError):
            found.append(dt.date(int(year), int(month), int(day)))
    for day, month, year in _WRITTEN.findall(key):
        with contextlib.suppress(ValueError):
            found.append(dt.date(int(year), MONTHS[month], int(day) if day else 1))
    return found
