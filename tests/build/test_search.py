"""The search index in the build: written with the site, byte-identical on
every build, and made again segment by segment, only where pages changed."""

from __future__ import annotations

import json

import pytest

from newsdossier.site import search_segments
from tests.helpers import build_site, seed_project, tree_bytes

NEW_ARTICLE = """بوتين في هاربين
وصل الرئيس الروسي فلاديمير بوتين إلى مدينة هاربين بعد محادثاته في بكين.
"""


@pytest.fixture
def small_segments(monkeypatch):
    # Segments of 2, 8, … articles: the five seeds make three (2, 2, 1).
    monkeypatch.setattr(search_segments, "UNIT", 2)


def add_article(project) -> None:
    (project / "seeds" / "005_harbin.txt").write_text(NEW_ARTICLE, encoding="utf-8")
    with (project / "dossier" / "articles.yaml").open("a", encoding="utf-8") as metadata:
        metadata.write(
            "\n- id: harbin-2024-05-18\n  source_file: 005_harbin.txt\n  summit: beijing-2024\n"
            "  date: 2024-05-18\n  outlet: null\n  outlet_name: موقع تجريبي\n"
        )


def test_a_new_article_reindexes_only_the_last_segment(small_segments, tmp_path):
    project = seed_project(tmp_path / "project")
    site = tmp_path / "site"
    build_site(project, site)
    index = json.loads((site / "search" / "index.json").read_text(encoding="utf-8"))
    assert [s["path"] for s in index["segments"]] == [
        "search/pages/",
        "search/articles/1-2/",
        "search/articles/3-4/",
        "search/articles/5-5/",
    ]
    inodes = {p: p.stat().st_ino for p in (site / "search").rglob("*") if p.is_file()}

    add_article(project)  # dated last: it lands in the last segment
    build_site(project, site)
    after = {p: p.stat().st_ino for p in (site / "search").rglob("*") if p.is_file()}
    kept = {p.relative_to(site).as_posix().rsplit("/", 1)[0] for p in after if inodes.get(p) == after[p]}
    made = {p.relative_to(site).as_posix().rsplit("/", 1)[0] for p in after if inodes.get(p) != after[p]}
    # The first two article segments are the previous build's files; the
    # last is made again, with the new article.
    assert {"search/articles/1-2", "search/articles/3-4"} <= kept
    # The entity and summit pages: what they give the index did not change
    # (their article counts did, which the index does not read).
    assert "search/pages" in kept
    assert "search/articles/5-6" in made and not (site / "search" / "articles" / "5-5").exists()
    # And the result is what a full build writes.
    build_site(project, tmp_path / "full", cache=False)
    assert tree_bytes(site) == tree_bytes(tmp_path / "full")


def test_a_damaged_segment_of_the_previous_site_is_made_again(small_segments, tmp_path):
    project = seed_project(tmp_path / "project")
    site = tmp_path / "site"
    build_site(project, site)
    expected = tree_bytes(site)
    (site / "search" / "articles" / "1-2" / "docs.json").write_bytes(b"{")
    add_article(project)
    build_site(project, site)
    (project / "seeds" / "005_harbin.txt").unlink()
    text = (project / "dossier" / "articles.yaml").read_text(encoding="utf-8")
    (project / "dossier" / "articles.yaml").write_text(
        text[: text.index("\n- id: harbin")] + "\n", encoding="utf-8"
    )
    build_site(project, site)
    assert tree_bytes(site) == expected


def test_without_search_there_is_no_index(tmp_path):
    project = seed_project(tmp_path / "project")
    build_site(project, tmp_path / "site", search=False)
    assert not (tmp_path / "site" / "search").exists()
    assert (tmp_path / "site" / "search.html").is_file()


EARLIER_SUMMIT = """- id: moscow-2019
  title_ar: قمة موسكو 2019
  title_en: Moscow summit, June 2019
  start: 2019-06-05
  end: 2019-06-05
  place: beijing
  summary: |
    لقاء في موسكو.
"""


def test_a_summit_listed_before_the_others_reindexes_every_segment(small_segments, tmp_path):
    """docs.json numbers each page's summits by their place in index.json:
    a segment whose pages did not change still reads the summits' order."""
    project = seed_project(tmp_path / "project")
    site = tmp_path / "site"
    build_site(project, site)
    summits = project / "dossier" / "summits.yaml"
    text = summits.read_text(encoding="utf-8")
    first = text.index("- id:")
    summits.write_text(text[:first] + EARLIER_SUMMIT + text[first:], encoding="utf-8")
    build_site(project, site)
    build_site(project, tmp_path / "full", cache=False)
    assert tree_bytes(site) == tree_bytes(tmp_path / "full")


def test_a_changed_description_reindexes_the_pages_segment_only(small_segments, tmp_path):
    project = seed_project(tmp_path / "project")
    site = tmp_path / "site"
    build_site(project, site)
    inodes = {p: p.stat().st_ino for p in (site / "search").rglob("*") if p.is_file()}
    entities = project / "dossier" / "entities.yaml"
    text = entities.read_text(encoding="utf-8")
    at = text.index("description:")
    end = text.index("\n", at)
    entities.write_text(text[:at] + "description: وصف جديد للبحث" + text[end:], encoding="utf-8")
    build_site(project, site)
    after = {p: p.stat().st_ino for p in (site / "search").rglob("*") if p.is_file()}
    made = {p.relative_to(site).as_posix().rsplit("/", 1)[0] for p in after if inodes.get(p) != after[p]}
    assert "search/pages" in made
    assert not any(folder.startswith("search/articles") for folder in made)
    build_site(project, tmp_path / "full", cache=False)
    assert tree_bytes(site) == tree_bytes(tmp_path / "full")
