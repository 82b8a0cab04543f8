"""Dates written in Arabic news text, and the date a saved page gives itself.

Gregorian months have several sets of names: the ones used in Egypt and the
Gulf (يناير، فبراير …, with Egypt's يونيه، يوليه), the Levantine and Iraqi
ones (كانون الثاني، شباط …), often written together («أيار/مايو»), and the
Maghreb's: Morocco's (ماي، يوليوز، غشت، شتنبر، نونبر، دجنبر) and Algeria's and
Tunisia's (جانفي، فيفري، أفريل، جوان، جويلية، أوت). Digits may be Arabic-Indic
(٢٠٢٢) or Persian (۲۰۲۲): the match key folds them. `GREGORIAN_MONTHS` is
the set the site writes dates with.

Every date is a `PartialDate` at the precision written: «فبراير 2022» is a
month, never «1 فبراير 2022»; a day and month with no year is no date. A
page's own date is reconciled from its markup, its address and its visible
date line (`page_date`), never filled in by a parser's default.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import unquote

from ..models.dates import DateEvidence, PartialDate
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
# Other spellings, by month: Egypt's, Morocco's, Algeria's and Tunisia's.
OTHER_MONTHS = {
    "إبريل": 4,
    "يونيه": 6,
    "يوليه": 7,
    "أغسطوس": 8,
    "ماي": 5,
    "يوليوز": 7,
    "غشت": 8,
    "شتنبر": 9,
    "نونبر": 11,
    "دجنبر": 12,
    "جانفي": 1,
    "فيفري": 2,
    "أفريل": 4,
    "جوان": 6,
    "جويلية": 7,
    "أوت": 8,
}
# The days of the week from Saturday, as pages spell them, without the
# article (الخميس is ال + خميس). A date line names them; they say nothing of
# what an article is about.
WEEKDAYS = ("سبت", "أحد", "احد", "اثنين", "إثنين", "ثلاثاء", "أربعاء", "اربعاء", "خميس", "جمعة", "جمعه")
# Latin-script month names, as markup and English or French pages write them.
LATIN_MONTHS = {
    **{
        name: i
        for i, names in enumerate(
            (
                "january jan janvier janv",
                "february feb fevrier février fevr févr",
                "march mar mars",
                "april apr avril avr",
                "may mai",
                "june jun juin",
                "july jul juillet juil",
                "august aug aout août",
                "september sep sept septembre",
                "october oct octobre",
                "november nov novembre",
                "december dec decembre décembre déc",
            ),
            start=1,
        )
        for name in names.split()
    }
}

# Every Arabic-script spelling of a month above, as written.
MONTHS_WRITTEN = (*GREGORIAN_MONTHS, *LEVANTINE_MONTHS, *OTHER_MONTHS)
# The single words that name those months (كانون of كانون الثاني).
MONTH_WORDS = tuple(dict.fromkeys(month.split()[0] for month in MONTHS_WRITTEN))
# The Hijri months' words, as a date line writes them («15 رمضان 1445»,
# «ذو القعدة»): not read as dates (`MONTHS`), only recognised as date words.
HIJRI_MONTH_WORDS = ("محرم", "صفر", "ربيع", "جمادى", "رجب", "شعبان", "رمضان", "شوال", "القعدة", "الحجة")
MONTHS = {
    **{match_key(m): i for i, m in enumerate(GREGORIAN_MONTHS, start=1)},
    **{match_key(m): i for i, m in enumerate(LEVANTINE_MONTHS, start=1)},
    **{match_key(m): i for m, i in OTHER_MONTHS.items()},
    **{match_key(m): i for m, i in LATIN_MONTHS.items()},
}
_MONTH = "|".join(sorted((re.escape(m) for m in MONTHS), key=len, reverse=True))
# Not inside a longer word or number («12022», a month name inside a word),
# but after the conjunction و written onto a day («و4 أبريل»).
_B, _E = r"(?<![^\W\u0648])", r"(?![\w])"
_DMY = re.compile(rf"{_B}(\d{{1,2}})[/.-](\d{{1,2}})[/.-](\d{{4}}){_E}")
_YMD = re.compile(rf"{_B}(\d{{4}})[/.-](\d{{1,2}})[/.-](\d{{1,2}}){_E}")
# «17 مايو 2024», «17 أيار/مايو 2024», «17 (مايو) أيار 2024», «فبراير/شباط 2022»,
# «الثلاثاء 8 فبراير، 2022», «May 17, 2024».
_WRITTEN = re.compile(
    rf"{_B}(?:(\d{{1,2}})\s*(?:من\s+)?)?\(?({_MONTH})\)?(?:\s*[/\-(]?\s*\(?(?:{_MONTH})\)?)?"
    rf"\s*(?:(\d{{1,2}})\s*)?[,.]?\s*(?:عام\s+|سنه\s+|لعام\s+)?(\d{{4}}){_E}"
)


def _date(year: str, month: int | str | None, day: str | None) -> PartialDate | None:
    try:
        return PartialDate(int(year), int(month) if month else None, int(day) if day else None)
    except ValueError:
        return None


def dates_in(text: str) -> list[PartialDate]:
    """The dates written in `text`, in the order they are written, each at
    the precision written (a month alone is a month)."""
    key = match_key(text)  # folds Arabic-Indic digits, alef forms and diacritics
    found: list[tuple[int, PartialDate | None]] = []
    taken: list[tuple[int, int]] = []
    for pattern, parts in (
        (_YMD, lambda m: (m[1], m[2], m[3])),
        (_DMY, lambda m: (m[3], m[2], m[1])),
        (_WRITTEN, lambda m: (m[4], MONTHS[m[2]], m[1] or m[3])),
    ):
        for match in pattern.finditer(key):
            if any(start < match.end() and match.start() < end for start, end in taken):
                continue
            taken.append(match.span())
            found.append((match.start(), _date(*parts(match))))
    return [date for _, date in sorted(found, key=lambda item: item[0]) if date is not None]


# ---------------------------------------------------------------- a page's own date

# A markup value: ISO 8601 at any precision, with or without a time
# ("2022-02-05T10:00:00+03:00", "2022-02", "20220205"); else written out.
_ISO_VALUE = re.compile(r"\s*(\d{4})(?:-?(\d{2})(?:-?(\d{2}))?)?(?:[T\s]\d.*)?\s*")
# In an address: /2022/02/05/, /2022/02/, /2022-02-05-slug, /20220205/.
_URL_DATES = (
    re.compile(r"/((?:19|20)\d{2})[/-](\d{1,2})[/-](\d{1,2})(?=[/\-_.]|$)"),
    re.compile(r"/((?:19|20)\d{2})(\d{2})(\d{2})(?=/)"),
    re.compile(r"/((?:19|20)\d{2})/(\d{1,2})(?=/)"),
)


def markup_date(value: str) -> PartialDate | None:
    """A date from a markup field, at the precision it is written; None if
    it is not a date (never a guess)."""
    match = _ISO_VALUE.fullmatch(value)
    if match:
        return _date(*match.groups())
    written = dates_in(value)
    return written[0] if written else None


def url_date(url: str) -> PartialDate | None:
    path = unquote(url.split("?", 1)[0].split("#", 1)[0])
    for pattern in _URL_DATES:
        match = pattern.search(path)
        if match:
            return _date(*match.groups()) if pattern.groups == 3 else _date(match[1], match[2], None)
    return None


@dataclass(frozen=True)
class PageDate:
    """A saved page's date, where it was read, and what disagreed with it."""

    date: PartialDate | None
    source: str | None  # "markup (article:published_time)", "address", "date line"
    conflict: str | None = None  # the other sources that disagreed, for a warning


def _claims(evidence: DateEvidence, datelines: list[str]) -> list[tuple[str, PartialDate]]:
    claims = []
    for field, value in evidence.markup:
        date = markup_date(value)
        if date is not None:
            claims.append((f"markup ({field})", date))
            break  # the most trusted field that holds a date speaks for the markup
    if evidence.url and (date := url_date(evidence.url)):
        claims.append(("address", date))
    for text in (*evidence.visible, *datelines):
        found = dates_in(text)
        if found:
            claims.append(("date line", found[0]))
            break
    return claims


def page_date(evidence: DateEvidence | None, datelines: list[str] = ()) -> PageDate:
    """The page's date from its markup, address and visible date line
    (`datelines`: the page's own date-line text, in page order).

    Sources that agree (their spans overlap: a month and a day in it) are
    taken together at the most precise date among them; when they disagree,
    the date most of them agree with wins, and on a tie the markup before
    the address before the date line; the disagreement is reported. A
    source never fills in a part another did not give."""
    claims = _claims(evidence or DateEvidence(), list(datelines))
    if not claims:
        return PageDate(None, None)
    support = [sum(other.overlaps(date) for _, other in claims) for _, date in claims]
    best = max(range(len(claims)), key=lambda i: (support[i], -i))
    agreeing = [claims[i] for i in range(len(claims)) if claims[i][1].overlaps(claims[best][1])]
    source, date = max(agreeing, key=lambda claim: _precise(claim[1]))  # the first of the most precise
    others = [f"{name} says {other}" for name, other in claims if not other.overlaps(date)]
    return PageDate(date, source, "; ".join(others) or None)


def _precise(date: PartialDate) -> int:
    return (date.month is not None) + (date.day is not None)
