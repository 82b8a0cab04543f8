"""A name in many articles: its page sums it up and its mentions run over
numbered pages that stay small, are linked both ways and are in the
sitemap; a new article at the end remakes only the pages it changes."""

from __future__ import annotations

import datetime as dt
import re
from html import unescape
from pathlib import Path

import pytest

from newsdossier.site.pages.entity import FURTHER_PAGES
from newsdossier.site.paging import (
    ENTITY_ARTICLES_PER_FURTHER_PAGE,
    ENTITY_ARTICLES_PER_PAGE,
    MENTIONS_PER_ARTICLE,
)
from tests.helpers import (
    article_text,
    build_site,
    make_project,
    read_article_data,
    read_page,
    tree_bytes,
)

# Three pages of Putin's mentions: the first, one full further page, three more.
ARTICLES = ENTITY_ARTICLES_PER_PAGE + ENTITY_ARTICLES_PER_FURTHER_PAGE + 3

# Articles of the second page that name Putin other than four times, to read
# the line counting the mentions a further page leaves out (it shows one).
PUTIN_TIMES = {30: 2, 31: 3, 32: 4, 33: 11, 34: 12, 35: 1}
# An article whose first mention of Putin is in a sentence longer than a
# further page shows on either side of it.
LONG_SENTENCE = 40
LONG_BEFORE = (
    "وفي قاعة الشعب الكبرى التي استضافت مراسم الاستقبال الرسمية وسط حضور واسع من المسؤولين "
    "والدبلوماسيين والصحفيين من البلدين التقى"
)
LONG_AFTER = (
    "نظيره الصيني لبحث ملفات الطاقة والتجارة والأمن الإقليمي والتعاون في مجالات التكنولوجيا "
    "والفضاء والزراعة والتعليم على مدى ساعات طويلة من المحادثات"
)


def add_articles(project: Path, first: int, count: int) -> None:
    entries = []
    for number in range(first, first + count):
        # Putin four times, unless PUTIN_TIMES says otherwise: more than an
        # entity page shows of one article.
        times = PUTIN_TIMES.get(number, 4)
        said = "".join(f" وقال بوتين إن الصين شريك للمرة {n}." for n in range(times - 1))
        title = f"بوتين في بكين للمرة {number}"
        if number == LONG_SENTENCE:  # the first mention in the middle of a long sentence, not the title
            title, said = f"زيارة إلى بكين للمرة {number}", f" {LONG_BEFORE} بوتين {LONG_AFTER}.{said}"
        text = (
            f"{title}\n\n"
            f"وصل الرئيس إلى بكين.{said}\n\n"
            f"وأكد أن اللقاء رقم {number} كان مثمرا، ورد شي بالمثل.\n\n"
            # Numbers between the words: the articles are not copies of one another.
            f"وقال شي: «العلاقات {number} بين {number + 100} البلدين {number + 200} في أفضل {number + 300}»."
            "\n"
        )
        (project / "seeds" / f"n{number:03d}.txt").write_text(text, encoding="utf-8")
        day = dt.date(2023, 1, 1) + dt.timedelta(days=number)  # in number order: each new one is the latest
        entries.append(
            f"- id: visit-{number:03d}\n  source_file: n{number:03d}.txt\n  summit: beijing-2022\n"
            f"  date: {day.isoformat()}\n  outlet: null\n  outlet_name: موقع تجريبي\n"
        )
    with (project / "dossier" / "articles.yaml").open("a", encoding="utf-8") as metadata:
        metadata.write("".join(entries))


@pytest.fixture(scope="module")
def many(tmp_path_factory):
    root = tmp_path_factory.mktemp("many")
    project = make_project(root / "project")
    (project / "dossier" / "site.yaml").write_text(
        "title: ملف تجريبي\ndescription: ملف صغير للاختبارات.\nbase_url: https://example.org/dossier/\n",
        encoding="utf-8",
    )
    add_articles(project, 1, ARTICLES - 1)  # with the fixture's own article
    site = root / "site"
    build_site(project, site, search=False)
    return project, site


def links(html: str) -> set[str]:
    return set(re.findall(r'href="([^"#]+)', html))


def test_an_entity_named_in_many_articles_gets_numbered_pages(many):
    _, site = many
    first, second, third = (
        read_page(site, p)
        for p in (
            "entities/vladimir-putin.html",
            "entities/vladimir-putin/2.html",
            "entities/vladimir-putin/3.html",
        )
    )
    assert not (site / "entities" / "vladimir-putin" / "4.html").exists()
    # Linked both ways; the first page gives the number of pages, a further
    # page its own number (so that a page more does not remake them all).
    # (Links start from the site root, as every link of the site does.)
    assert {"../entities/vladimir-putin/2.html", "../entities/vladimir-putin/3.html"} <= links(first)
    assert "الصفحة 1 من 3" in first
    assert {"../../entities/vladimir-putin.html", "../../entities/vladimir-putin/3.html"} <= links(second)
    assert 'rel="prev"' in second and 'rel="next"' in second
    assert "../../entities/vladimir-putin.html" in links(third) and "الصفحة 3</p>" in third
    assert " من 3" not in second + third
    # The first page sums up (and only it is searched: tests/site/test_search_index.py).
    assert "حضور الاسم في التغطية" in first
    assert "حضور الاسم في التغطية" not in second
    # A further page says what it shows of each article.
    assert "أول إشارة في كل مقال، وتحتها عدد الإشارات الأخرى فيه" in second
    # A bounded number of articles per page, of sentences per article.
    assert first.count("<h4>") == ENTITY_ARTICLES_PER_PAGE
    assert second.count("<h4>") == ENTITY_ARTICLES_PER_FURTHER_PAGE
    assert third.count("<h4>") == ARTICLES - ENTITY_ARTICLES_PER_PAGE - ENTITY_ARTICLES_PER_FURTHER_PAGE
    assert (
        max(
            block.split('<ul class="contexts">')[1].split("</ul>")[0].count("<li>")
            for block in second.split("<h4>")[1:]
        )
        == FURTHER_PAGES.mentions
        < MENTIONS_PER_ARTICLE
        == max(
            block.split('<ul class="contexts">')[1].split("</ul>")[0].count("<li>")
            for block in first.split("<h4>")[1:]
        )
    )
    # The ones left out are counted (four in most articles), in agreement with their number.
    assert "وإشارة واحدة أخرى في المقال</a>" in first
    assert "و3 إشارات أخرى في المقال</a>" in second


@pytest.mark.parametrize(
    "number, line",
    [
        (35, None),  # named once: nothing left out, no line
        (30, "وإشارة واحدة أخرى"),
        (31, "وإشارتان أخريان"),
        (32, "و3 إشارات أخرى"),
        (33, "و10 إشارات أخرى"),
        (34, "و11 إشارة أخرى"),
    ],
)
def test_a_further_page_shows_the_first_mention_and_counts_the_rest(many, number, line):
    _, site = many
    article_id = f"visit-{number:03d}"
    block = read_page(site, "entities/vladimir-putin/2.html").split(f'articles/{article_id}.html">')[1]
    block = block.split("<h4>")[0]
    mentions = [
        m for m in read_article_data(site, article_id)["mentions"] if m["entity_id"] == "vladimir-putin"
    ]
    assert len(mentions) == PUTIN_TIMES[number]  # the fixture says what it means to
    # One sentence: the first mention (the title's), linked at its place, its words as written.
    assert block.count("<li>") == 1
    assert f'articles/{article_id}.html#m1"' in block.split("</li>")[0]
    quoted = re.sub(r"<[^>]+>", "", block.split("<li>")[1].split("</li>")[0])
    assert quoted == f"بوتين في بكين للمرة {number}"
    if line is None:
        assert 'class="more"' not in block
        return
    # The rest counted, the count linking to the second mention in the article.
    more = re.search(r'<p class="more"><a href="([^"]+)">([^<]+) في المقال</a></p>', block)
    assert more and more[2] == line
    href, anchor = more[1].split("#")
    assert href.endswith(f"articles/{article_id}.html")
    article = read_page(site, f"articles/{article_id}.html")
    assert re.search(rf'id="{anchor}"[^>]*>بوتين<', article)
    numbered = re.findall(r'id="m(\d+)"[^>]*>بوتين<', article)
    assert anchor == f"m{numbered[1]}"  # the title's, shown, then this one


def test_a_further_page_quotes_the_article_exactly(many):
    """The sentence shown is the article's text as written, cut at most at
    each end (an ellipsis says where): an analyst can quote it."""
    _, site = many
    page = read_page(site, "entities/vladimir-putin/2.html")
    shown = re.findall(r'<li><a href="\.\./\.\./articles/([\w-]+)\.html#m\d+">(.*?)</a></li>', page)
    assert len(shown) == ENTITY_ARTICLES_PER_FURTHER_PAGE
    for article_id, html in shown:
        words = unescape(re.sub(r"<[^>]+>", "", html)).removeprefix("… ").removesuffix(" …")
        assert words in article_text(site, read_article_data(site, article_id)), (article_id, words)
    # The long sentence, cut at a word on each side, at most 40 characters of it.
    (cut,) = [unescape(re.sub(r"<[^>]+>", "", h)) for a, h in shown if a == f"visit-{LONG_SENTENCE:03d}"]
    before, after = cut.split(" بوتين ")
    assert before.startswith("… ") and after.endswith(" …")
    assert LONG_BEFORE.endswith(before[2:]) and LONG_AFTER.startswith(after[:-2])
    half = FURTHER_PAGES.chars // 2
    assert half < len(before[2:]) <= FURTHER_PAGES.chars and half < len(after[:-2]) <= FURTHER_PAGES.chars


def test_the_quotes_further_pages_say_who_said_what_where_once(many):
    """Every quotation with its speaker and its article (outlet, date, a link
    to its line); the first pages give the article's title as a tooltip too,
    the further pages, most of the quotes folder, do not."""
    _, site = many
    for first, further in (
        ("quotes.html", "quotes/2.html"),
        ("quotes/xi-jinping.html", "quotes/xi-jinping/2.html"),
    ):
        pages = read_page(site, first), read_page(site, further)
        for page in pages:
            items = re.findall(r'<li class="quote quote-explicit">(.*?)</li>', page, re.S)
            assert items and all("<blockquote><p>«العلاقات " in item for item in items)
            assert all(re.search(r'<a href="[./]*articles/visit-\d+\.html#line-\d+"', item) for item in items)
            assert all("موقع تجريبي، <time" in item for item in items)
        # The speaker: named on the listing of every speaker, the page's own on theirs.
        assert all(
            'href="../entities/xi-jinping.html">شي جين بينغ</a>' in item
            for item in re.findall(r'<li class="quote.*?</li>', pages[1], re.S)
        ) == (further == "quotes/2.html")
        assert ' title="بوتين في بكين للمرة' in pages[0]
        assert ' title="بوتين في بكين للمرة' not in pages[1]


def test_further_pages_are_in_the_sitemap(many):
    _, site = many
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert "https://example.org/dossier/entities/vladimir-putin/3.html" in sitemap
    assert "https://example.org/dossier/summits/beijing-2022.html" in sitemap
    assert (site / "timeline.html").is_file()


def test_every_page_stays_small(many):
    _, site = many
    sizes = {p.relative_to(site).as_posix(): p.stat().st_size for p in site.rglob("*.html")}
    assert max(sizes.values()) < 300_000


def test_a_new_article_at_the_end_remakes_only_the_first_and_last_pages(many, tmp_path):
    project, site = many
    add_articles(project, ARTICLES, 1)
    report = build_site(project, site, search=False)
    assert report.analysed == 1
    made = set(report.made)
    assert {
        "entities/vladimir-putin.html",
        "entities/vladimir-putin/3.html",
        f"articles/visit-{ARTICLES:03d}.html",
    } <= made
    assert "entities/vladimir-putin/2.html" not in made  # the articles in between did not move
    build_site(project, tmp_path / "full", search=False, cache=False)
    assert tree_bytes(site) == tree_bytes(tmp_path / "full")


def test_a_page_more_remakes_the_first_page_and_the_last_few_not_every_page(tmp_path, monkeypatch):
    """Listings cut small, so that one article adds a page to each: only
    the first page (the count), the new page and the FOLLOWING_KNOWN before
    it are made again; the pages between keep their bytes and files."""
    from newsdossier.site import view

    for size in ("ENTITY_ARTICLES_PER_PAGE", "ENTITY_ARTICLES_PER_FURTHER_PAGE", "ARTICLES_PER_PAGE"):
        monkeypatch.setattr(view, size, 1)
    monkeypatch.setattr(view, "QUOTES_PER_PAGE", 1)
    project = make_project(tmp_path / "project")
    add_articles(project, 1, 11)
    site = tmp_path / "site"
    build_site(project, site, search=False)
    add_articles(project, 12, 1)
    report = build_site(project, site, search=False)
    made = set(report.made)
    pages = sorted(p.name for p in (site / "entities" / "vladimir-putin").iterdir())
    assert len(pages) >= 10  # pages 2 … n
    last = max(int(p.removesuffix(".html")) for p in pages)
    further = {f"entities/vladimir-putin/{n}.html" for n in range(2, last + 1)}
    assert made & further == {f"entities/vladimir-putin/{n}.html" for n in range(last - 3, last + 1)}
    assert "entities/vladimir-putin.html" in made
    for listing in ("articles/index", "timeline", "summits/beijing-2022"):
        assert f"{listing}/2.html" not in made and f"{listing}/5.html" not in made
    build_site(project, tmp_path / "full", search=False, cache=False)
    assert tree_bytes(site) == tree_bytes(tmp_path / "full")
