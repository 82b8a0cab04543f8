"""A name in many articles: its page sums it up and its mentions run over
numbered pages that stay small, are linked both ways and are in the
sitemap; a new article at the end remakes only the pages it changes."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from newsdossier.site.pages.entity import FURTHER_PAGES
from newsdossier.site.paging import ENTITY_ARTICLES_PER_PAGE, MENTIONS_PER_ARTICLE
from tests.helpers import build_site, make_project, read_page, tree_bytes

ARTICLES = 2 * ENTITY_ARTICLES_PER_PAGE + 3  # three pages of Putin's mentions


def add_articles(project: Path, first: int, count: int) -> None:
    entries = []
    for number in range(first, first + count):
        # Putin four times: more than an entity page shows of one article.
        text = (
            f"بوتين في بكين للمرة {number}\n\n"
            "وصل الرئيس فلاديمير بوتين إلى بكين. وقال بوتين إن الصين شريك.\n\n"
            f"وأضاف بوتين أن اللقاء رقم {number} كان مثمرا، ورد شي بالمثل.\n"
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
    # Linked both ways, with the number of pages.
    # (Links start from the site root, as every link of the site does.)
    assert {"../entities/vladimir-putin/2.html", "../entities/vladimir-putin/3.html"} <= links(first)
    assert {"../../entities/vladimir-putin.html", "../../entities/vladimir-putin/3.html"} <= links(second)
    assert 'rel="prev"' in second and 'rel="next"' in second
    assert "../../entities/vladimir-putin.html" in links(third) and "الصفحة 3 من 3" in third
    # The first page sums up (and only it is searched: tests/site/test_search_index.py).
    assert "حضور الاسم في التغطية" in first
    assert "حضور الاسم في التغطية" not in second
    # A bounded number of articles per page, of sentences per article.
    for page in (first, second):
        assert page.count("<h4>") == ENTITY_ARTICLES_PER_PAGE
    assert third.count("<h4>") == ARTICLES - 2 * ENTITY_ARTICLES_PER_PAGE
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
    # The ones left out are counted (four in each article), in agreement with their number.
    assert "وإشارة واحدة أخرى في المقال</a>" in first
    assert "وإشارتان أخريان في المقال</a>" in second


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
        "articles/visit-053.html",
    } <= made
    assert "entities/vladimir-putin/2.html" not in made  # the articles in between did not move
    build_site(project, tmp_path / "full", search=False, cache=False)
    assert tree_bytes(site) == tree_bytes(tmp_path / "full")
