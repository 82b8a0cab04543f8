"""A date as precise as its source: a day, a month or a year.

A page that says only «فبراير 2022» (or `article:published_time="2022-02"`)
gives a month, and a month it stays, end to end: in dossier/articles.yaml
(`date: 2022-02`), on the pages («فبراير 2022»), in the data export (with
its precision) and in proposals (a month proposes a summit only when the
month alone decides it). No part the source did not give is ever filled in:
that is how a build once got "today's day of the month" (a date parser's
default), and a CMS's «1 January» a year it did not know.

**Order.** A date with a missing part sorts by the last day it can be (a
month by its last day, a year by 31 December), and after the dates of that
day: read in date order, everything that surely came before it has been
read. `sort_key` is that order, the one place it is decided.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from .kinds import DatePrecision

_ISO = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


@dataclass(frozen=True, slots=True)
class PartialDate:
    """A calendar date of which only the leading parts may be known."""

    year: int
    month: int | None = None
    day: int | None = None

    def __post_init__(self) -> None:
        if self.day is not None and self.month is None:
            raise ValueError("a day needs its month")
        # Raises ValueError for an impossible date (month 13, 30 February).
        dt.date(self.year, self.month or 1, self.day or 1)

    @classmethod
    def of(cls, day: dt.date) -> PartialDate:
        return cls(day.year, day.month, day.day)

    @classmethod
    def from_iso(cls, text: str) -> PartialDate:
        """`YYYY`, `YYYY-MM` or `YYYY-MM-DD` exactly; ValueError otherwise."""
        match = _ISO.fullmatch(text)
        if not match:
            raise ValueError(f"not a date written YYYY-MM-DD, YYYY-MM or YYYY: `{text}`")
        year, month, day = match.groups()
        return cls(int(year), int(month) if month else None, int(day) if day else None)

    @property
    def precision(self) -> DatePrecision:
        if self.day is not None:
            return DatePrecision.DAY
        return DatePrecision.MONTH if self.month is not None else DatePrecision.YEAR

    @property
    def first(self) -> dt.date:
        """The first day it can be."""
        return dt.date(self.year, self.month or 1, self.day or 1)

    @property
    def last(self) -> dt.date:
        """The last day it can be."""
        if self.day is not None:
            return self.first
        month = self.month or 12
        return dt.date(self.year, month, calendar.monthrange(self.year, month)[1])

    @property
    def exact(self) -> dt.date | None:
        """The day, when it is known."""
        return self.first if self.day is not None else None

    def isoformat(self) -> str:
        """As ISO 8601 writes it at this precision (also valid in `<time datetime>`)."""
        parts = [f"{self.year:04d}"]
        if self.month is not None:
            parts.append(f"{self.month:02d}")
        if self.day is not None:
            parts.append(f"{self.day:02d}")
        return "-".join(parts)

    def sort_key(self) -> tuple[dt.date, int]:
        """The site's order of dates (see the module docstring)."""
        return (self.last, _RANK[self.precision])

    def covers(self, day: dt.date) -> bool:
        return self.first <= day <= self.last

    def overlaps(self, other: PartialDate) -> bool:
        return self.first <= other.last and other.first <= self.last

    def days_from(self, start: dt.date, end: dt.date) -> tuple[int, int]:
        """The fewest and most days between this date and the period
        start…end (0 when they meet), over every day it can be. In days,
        never by adding to a date: 9999-12-31 has no day after it."""

        def distance(day: dt.date) -> int:
            return max((start - day).days, (day - end).days, 0)

        meets = self.first <= end and start <= self.last
        nearest = 0 if meets else min(distance(self.first), distance(self.last))
        return nearest, max(distance(self.first), distance(self.last))

    def __str__(self) -> str:
        return self.isoformat()


@dataclass(frozen=True, slots=True)
class DateEvidence:
    """What a saved page says of its own date, as written, for the language
    layer to read and reconcile (`language.dates.page_date`)."""

    # (field, value) of the publication-date fields of the markup, most
    # trusted first: JSON-LD datePublished, article:published_time … Never a
    # modified date, never a copyright year.
    markup: tuple[tuple[str, str], ...] = ()
    url: str | None = None  # the page's own address (canonical, og:url, "saved from")
    # Date-like text shown to the reader: <time> elements, elements whose
    # class or id names a date, lines between the headline and the text.
    visible: tuple[str, ...] = ()


_RANK = {DatePrecision.DAY: 0, DatePrecision.MONTH: 1, DatePrecision.YEAR: 2}
