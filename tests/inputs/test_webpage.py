"""Saved web pages as seeds: the article found in the markup, its headline,
date and site name; the page itself never runs on the site."""

from __future__ import annotations

import pytest

from newsdossier.inputs.readers import read_seed
from newsdossier.inputs.webpage import flatten_deep_nesting, site_name
from newsdossier.models.dates import PartialDate
from newsdossier.models.errors import DossierError
from newsdossier.models.inputs import SourceFile
from newsdossier.site.files import published_text
from tests.helpers import FIXTURES, build_site, read_page, run_cli

SAVED = (FIXTURES / "html" / "saved-page.html").read_bytes()


def test_the_article_its_headline_date_and_site_are_read():
    seed = read_seed(SourceFile("seeds/x.html", SAVED))
    lines = seed.lines
    assert lines[0] == "قمة بكين: الرئيسان يوقعان بيانا مشتركا"
    assert lines[1].startswith("وقع الرئيس الروسي فلاديمير بوتين")
    assert seed.dates.markup[0] == ("article:published_time", "2024-05-16T10:30:00+03:00")
    assert seed.dates.visible[0] == "الخميس 16 مايو 2024 - 10:30"
    assert seed.site_name == "موقع الأخبار التجريبي"
    text = seed.raw_text
    for furniture in (
        "ملفات تعريف الارتباط",
        "سياسة",
        "الأكثر قراءة",
        "جميع حقوق",
        "tracking",
        "+A",
        "طباعة",
    ):
        assert furniture not in text


def test_a_page_in_another_encoding_is_read():
    page = (
        SAVED.decode("utf-8")
        .replace('<meta charset="utf-8">', '<meta charset="windows-1256">')
        .encode("cp1256")
    )
    assert read_seed(SourceFile("seeds/x.html", page)).lines[0] == "قمة بكين: الرئيسان يوقعان بيانا مشتركا"


def test_a_page_with_no_article_is_a_problem_not_a_crash():
    seed = read_seed(
        SourceFile(
            "seeds/x.html", b"<html><head><title></title></head><body><script>x()</script></body></html>"
        )
    )
    assert seed.raw_text == "" and [p.message for p in seed.problems] == [
        "no article text found in the saved page"
    ]


def test_a_saved_page_is_built_and_published_as_text(mini_project, tmp_path):
    (mini_project / "seeds" / "b.html").write_bytes(SAVED)
    report = build_site(mini_project, tmp_path / "site", search=False)
    assert report.articles == 2
    page = read_page(tmp_path / "site", "articles/b.html")
    assert "قمة بكين: الرئيسان يوقعان بيانا مشتركا" in page and "ملف الطاقة" in page
    assert "اقرأ أيضا" not in page.split('class="article-body"')[1].split("</div>")[0]
    # The file as saved, byte for byte, but as text: its scripts never run on the site.
    assert (tmp_path / "site" / "sources" / "raw" / "b.html.txt").read_bytes() == published_text(SAVED)
    assert not (tmp_path / "site" / "sources" / "raw" / "b.html").exists()


def test_add_takes_a_saved_page_with_its_date_and_site(project, tmp_path, capsys):
    saved = tmp_path / "page.html"
    saved.write_bytes(SAVED)
    assert run_cli(["add", str(saved), "--root", str(project)]) == 0
    articles = (project / "dossier" / "articles.yaml").read_text(encoding="utf-8")
    assert "source_file: 005_" in articles and ".html" in articles
    assert (
        "outlet_name: موقع الأخبار التجريبي" in articles
        and "date: 2024-05-16" in articles
        and "summit: beijing-2024" in articles
    )


# ---------------------------------------------------------------- pages built for one case each

PARAGRAPHS = [
    "وصل الرئيس الروسي فلاديمير بوتين إلى بكين في زيارة رسمية تستمر يومين يلتقي خلالها نظيره الصيني.",
    "وقال المتحدث باسم الكرملين إن المحادثات ستتناول التعاون في مجالات الطاقة والتجارة والأمن الإقليمي.",
    "ومن المنتظر أن يوقع الجانبان عددا من الاتفاقيات في ختام الزيارة التي تتابعها العواصم الغربية باهتمام.",
]


def page(head: str = "", body: str = "", paragraphs=PARAGRAPHS, lang: str = "ar", title: str = "") -> str:
    title = title or "بوتين يصل إلى بكين في زيارة رسمية"
    text = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><title>{title}</title>{head}</head>'
        f"<body><header><div class='date'>الأحد 6 ديسمبر 2026</div>"  # today's date, as sites show it
        f"<nav><a href='/'>الرئيسية</a></nav></header>"
        f"<article><h1>{title}</h1>{body}{text}</article>"
        f"<aside><div class='date'>1 يناير 2020</div></aside>"  # another article's date
        f"<footer>© 2013 جميع الحقوق محفوظة</footer></body></html>"
    )


def read(html: str | bytes, name: str = "x.html"):
    return read_seed(SourceFile(f"seeds/{name}", html.encode("utf-8") if isinstance(html, str) else html))


def parsed(html: str | bytes):
    from newsdossier.language.parse import parse_article
    from newsdossier.models.curation import ArticleMeta

    data = html.encode("utf-8") if isinstance(html, str) else html
    meta = ArticleMeta("x", "x.html", None, None, None, "", (), None, (), True, 1)
    return parse_article(SourceFile("seeds/x.html", data), meta)


@pytest.mark.parametrize("depth", [300, 3000])
def test_a_deep_page_is_read_whole(depth):
    nested = "<div>" * depth + "".join(f"<p>{p}</p>" for p in PARAGRAPHS) + "</div>" * depth
    seed = read(page(body=nested, paragraphs=[]))
    for paragraph in PARAGRAPHS:
        assert paragraph in seed.raw_text


def test_flattening_leaves_an_ordinary_page_as_it_was():
    html = page()
    assert flatten_deep_nesting(html) == html


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_a_utf16_page_without_a_byte_order_mark_is_read(codec):
    html = page(head='<meta property="og:site_name" content="موقع الأخبار">').replace(
        '<meta charset="utf-8">', ""
    )
    seed = read(html.encode(codec))
    assert PARAGRAPHS[0] in seed.raw_text and seed.site_name == "موقع الأخبار"
    assert "without a byte-order mark" in seed.problems[0].message


@pytest.mark.parametrize(
    "value, name",
    [
        ("موقع الأخبار", "موقع الأخبار"),
        ("Ù…ÙˆÙ‚Ø¹\ufffd", None),
        ("\x01\x02", None),
        ("123", None),
        ("", None),
    ],
)
def test_a_site_name_is_a_name_or_nothing(value, name):
    assert site_name(value) == name


def test_the_page_date_is_read_at_its_precision_never_today():
    head = '<meta property="article:published_time" content="2022-02">'
    assert parsed(page(head=head)).published == PartialDate(2022, 2)  # not 2022-02-<today>


def test_a_month_and_a_date_line_agree_on_the_day():
    head = '<meta property="article:published_time" content="2022-02">'
    body = '<div class="post-date">الجمعة ٤ شباط/فبراير ٢٠٢٢</div>'
    assert parsed(page(head=head, body=body)).published == PartialDate(2022, 2, 4)


def test_a_cnn_style_page_with_only_a_copyright_year_has_no_date():
    # Its only date is the footer's copyright (and the header's today, outside
    # the article): no date, rather than 2013-01-01.
    assert parsed(page()).published is None


def test_a_template_default_is_outvoted_by_the_address_and_the_date_line():
    head = (
        '<meta name="date" content="2013-01-01T00:00:00">'
        '<link rel="canonical" href="https://arabic.example.com/2022/02/04/world/putin-xi">'
    )
    body = '<p class="timestamp">نشر الجمعة 04 فبراير / شباط 2022</p>'
    article = parsed(page(head=head, body=body))
    assert article.published == PartialDate(2022, 2, 4)
    assert "the page's dates disagree" in article.problems[0].message


def test_an_english_page_is_kept_with_its_language():
    english = [
        "Russian President Vladimir Putin arrived in Beijing on Friday for talks with Xi Jinping.",
        "The two leaders are expected to sign a joint statement on what they call a partnership.",
    ]
    article = parsed(page(paragraphs=english, lang="en", title="Putin arrives in Beijing for talks with Xi"))
    assert article.language == "en" and article.blocks and english[0] in article.text
    assert article.source_title == "Putin arrives in Beijing for talks with Xi"


def test_the_extracted_text_of_a_page_is_limited_like_any_article():
    # Under the 10 MB a saved page may weigh, but 4.4 MB of text: several articles.
    big = page(paragraphs=[f"الفقرة {i}: " + PARAGRAPHS[i % 3] * 12 for i in range(2000)])
    with pytest.raises(DossierError, match=r"its article text is \d+\.\d MB") as error:
        read(big)
    assert error.value.path == "seeds/x.html"


def test_a_persian_page_is_persian_not_arabic():
    persian = [
        "ولادیمیر پوتین، رئیس‌جمهور روسیه، برای دیدار با همتای چینی خود به پکن سفر کرد و گفتگوها آغاز شد.",
        "سخنگوی کرملین گفت که دو طرف درباره همکاری در زمینه انرژی و تجارت گفتگو خواهند کرد.",
    ]
    article = parsed(page(paragraphs=persian, lang="fa", title="سفر پوتین به پکن برای دیدار با رهبر چین"))
    assert article.language == "fa" and persian[0] in article.text


def test_a_lone_surrogate_in_a_page_is_warned_at_its_line():
    html = page(paragraphs=[*PARAGRAPHS, "وفي الختام &#55296; قال المتحدث إن الزيارة ناجحة بكل المقاييس."])
    seed = read(html)
    line = next(n for n, text in enumerate(seed.lines, start=1) if "\ufffd" in text)
    assert [(p.line, p.message.split(" (")[0]) for p in seed.problems] == [
        (line, "a character the page does not encode whole")
    ]
