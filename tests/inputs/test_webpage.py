"""Saved web pages as seeds: the article found in the markup, its headline,
date and site name; the page itself never runs on the site."""

from __future__ import annotations

from newsdossier.inputs.readers import read_seed
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
