"""A labelled set of saved-page shapes for measuring page dates.

Each entry is the shape of one kind of Arabic news page as a browser saves
it, written for this project (no outlet's text): where its date is (markup
fields, JSON-LD, the address, a date line in the outlet's own format) and
the traps around it (the header's date of today, other articles' dates in a
sidebar, a copyright year, a modified date, a template's default date). The
label is the publication date at the precision the page gives it, or None
where the page does not say.

The dev half was written first and the reconciliation tuned on it; the
held-out half was written afterwards from other outlets' shapes and only
measured (`make eval-dates`, bench/dates.py).
"""

from __future__ import annotations

from dataclasses import dataclass

PARAGRAPHS = (
    "وصل الرئيس الروسي إلى العاصمة الصينية في زيارة رسمية يلتقي خلالها نظيره لبحث التعاون بين البلدين.",
    "وقال المتحدث باسم الرئاسة إن المحادثات تتناول ملفات الطاقة والتجارة والأمن، وإن اتفاقيات عدة ستوقع.",
    "ويرى مراقبون أن الزيارة تأتي في ظرف دولي دقيق، وأن نتائجها ستتابع باهتمام في العواصم الغربية.",
)


@dataclass(frozen=True)
class DatedPage:
    name: str
    half: str  # "dev" or "held-out"
    label: str | None  # ISO at the page's precision ("2022-02-04", "2022-02"), or None
    head: str = ""  # markup in <head>
    before: str = ""  # between the headline and the text (date lines, bylines)
    top: str = "<div class='top-date'>الأحد 6 ديسمبر 2026</div>"  # the header: today's date
    sidebar: str = "<aside class='most-read'><span class='date'>12 يناير 2021</span> خبر آخر</aside>"
    footer: str = "<footer>© 2013 جميع الحقوق محفوظة</footer>"
    comment: str = ""  # before <html>: "saved from url" of some browsers

    def html(self) -> str:
        text = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
        return (
            f"<!DOCTYPE html>{self.comment}<html lang='ar' dir='rtl'><head><meta charset='utf-8'>"
            f"<title>زيارة رسمية إلى العاصمة الصينية</title>{self.head}</head><body>"
            f"<header>{self.top}<nav><a href='/'>الرئيسية</a> <a href='/world'>العالم</a></nav></header>"
            f"<main><article><h1>الرئيس الروسي يصل إلى العاصمة الصينية في زيارة رسمية</h1>{self.before}{text}"
            f"</article>{self.sidebar}</main>{self.footer}</body></html>"
        )


def _ld(body: str) -> str:
    return f"<script type='application/ld+json'>{body}</script>"


PAGES = (
    # ---------------------------------------------------------------- dev
    DatedPage(
        "gulf-json-ld",
        "dev",
        "2022-02-04",
        head=_ld(
            '{"@context":"https://schema.org","@type":"NewsArticle","datePublished":"2022-02-04T09:12:00Z"}'
        ),
        before="<div class='article-date'>نشر في 4/2/2022</div>",
    ),
    DatedPage(
        "gulf-og-time",
        "dev",
        "2022-02-04",
        head="<meta property='article:published_time' content='2022-02-04T13:15:00+04:00'>",
        before="<span class='date'>تاريخ النشر: 04 فبراير ,2022: 01:15 م</span>",
    ),
    DatedPage(
        "time-element",
        "dev",
        "2022-02-04",
        before=(
            "<p class='byline'>أبوظبي - وكالات</p>"
            "<time datetime='2022-02-04T10:00:00+04:00'>منذ 3 سنوات</time>"
        ),
    ),
    DatedPage(
        "cnn-style-date-line",
        "dev",
        "2022-02-04",
        before="<div class='news-date'>نشر الجمعة، 04 فبراير / شباط 2022</div>",
        footer="<footer>© 2013 Cable News Network. جميع الحقوق محفوظة</footer>",
    ),
    DatedPage(
        "cnn-style-copyright-only",
        "dev",
        None,
        footer="<footer>© 2013 Cable News Network. جميع الحقوق محفوظة</footer>",
    ),
    DatedPage(
        "egypt-address",
        "dev",
        "2022-02-04",
        head="<link rel='canonical' href='https://news.example.eg/story/2022/2/4/رئيس/5634212'>",
        before="<div class='newsStoryDate'>الجمعة، 04 فبراير 2022 10:00 ص</div>",
    ),
    DatedPage(
        "morocco-month-name",
        "dev",
        "2024-05-16",
        before="<span class='date-post'>الخميس 16 ماي 2024 - 23:10</span>",
    ),
    DatedPage(
        "algeria-month-name",
        "dev",
        "2022-02-04",
        before="<div class='post-time'>04 فيفري 2022</div>",
    ),
    DatedPage(
        "month-only",
        "dev",
        "2022-02",
        head="<meta property='article:published_time' content='2022-02'>",
        before="<div class='date'>فبراير 2022</div>",
    ),
    DatedPage(
        "levant-month-name",
        "dev",
        "2022-02-04",
        head="<meta property='article:published_time' content='2022-02-04T13:20:00+02:00'>",
        before="<div class='publish-date'>4 شباط 2022 | 13:20</div>",
    ),
    DatedPage(
        "iraq-iso-line",
        "dev",
        "2022-02-04",
        before="<div class='post-date'>2022-02-04 09:30</div>",
    ),
    DatedPage(
        "russian-agency",
        "dev",
        "2022-02-04",
        head="<meta property='article:published_time' content='2022-02-04T15:30:00Z'>",
        before="<div class='date'>04.02.2022</div>",
    ),
    # ---------------------------------------------------------------- held out
    DatedPage(
        "json-ld-graph",
        "held-out",
        "2022-02-04",
        head=_ld(
            '{"@context":"https://schema.org","@graph":[{"@type":"WebSite","name":"x"},'
            '{"@type":"NewsArticle","datePublished":"2022-02-04T08:00:00+00:00",'
            '"dateModified":"2022-02-07T10:00:00+00:00"}]}'
        ),
        before="<time datetime='2022-02-04'>4 فبراير/ شباط 2022</time>",
    ),
    DatedPage(
        "hijri-and-gregorian",
        "held-out",
        "2022-02-04",
        head="<meta name='pubdate' content='20220204'>",
        before="<div class='date'>الجمعة - 3 رجب 1443 هـ - 04 فبراير 2022 مـ</div>",
    ),
    DatedPage(
        "chinese-agency-address",
        "held-out",
        "2022-02-04",
        head="<meta property='og:url' content='https://arabic.example.cn/20220204/abc123/c.html'>",
        before="<div class='info'>المصدر: وكالة الأنباء</div>",
    ),
    DatedPage(
        "modified-after",
        "held-out",
        "2022-02-04",
        head=(
            "<meta property='article:published_time' content='2022-02-04T12:00:00+03:00'>"
            "<meta property='article:modified_time' content='2022-02-09T08:00:00+03:00'>"
        ),
        before="<div class='date'>آخر تحديث: 9 فبراير 2022</div>",
    ),
    DatedPage(
        "arabic-indic-digits",
        "held-out",
        "2022-02-04",
        before="<div class='date'>الجمعة ٤ فبراير ٢٠٢٢</div>",
    ),
    DatedPage(
        "template-default",
        "held-out",
        "2022-02-04",
        head=(
            "<meta name='date' content='2013-01-01T00:00:00'>"
            "<link rel='canonical' href='https://www.example.net/news/2022/02/04/summit-talks'>"
        ),
        before="<span class='time'>04-02-2022</span>",
    ),
    DatedPage(
        "modified-only",
        "held-out",
        None,
        head="<meta property='article:modified_time' content='2022-02-09T08:00:00+03:00'>",
    ),
    DatedPage(
        "saved-from-address",
        "held-out",
        "2022-02",
        comment="<!-- saved from url=(0052)https://www.example.org/archive/2022/02/summit.html -->",
    ),
    DatedPage(
        "sputnik-style",
        "held-out",
        "2022-02-04",
        head="<meta property='article:published_time' content='20220204T1000+0300'>",
        before="<div class='article__info-date'>10:00 04.02.2022</div>",
    ),
    DatedPage(
        "turkish-agency",
        "held-out",
        "2022-02-04",
        head=_ld('{"@type":"NewsArticle","datePublished":"2022-02-04T09:00:00+03:00"}'),
        before="<span class='tarih'>04.02.2022</span>",
    ),
    DatedPage(
        "egypt-today-trap",
        "held-out",
        "2022-02-04",
        top="<div class='today'>اليوم الأحد 6 ديسمبر 2026</div>",
        before="<div class='date'>الجمعة 04 فبراير 2022 - 11:30 ص</div>",
    ),
    DatedPage(
        "levant-kanun",
        "held-out",
        "2023-01-04",
        before="<div class='date'>الأربعاء 4 كانون الثاني 2023</div>",
    ),
)
