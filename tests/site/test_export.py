"""The data export (site/export.py): an article's text inline, or by
reference to the bytes of its raw copy that it is (schema 6)."""

from __future__ import annotations

import json
from types import SimpleNamespace

import pytest

from bench.search import search
from newsdossier.site.export import TextIn, text_in
from tests.helpers import article_text, build_site, make_project, read_article_data

BOM = b"\xef\xbb\xbf"
TEXT = "بوتين في بكين\n\nوصل الرئيس فلاديمير بوتين إلى بكين."


def article(source_file: str, text: str) -> SimpleNamespace:
    return SimpleNamespace(meta=SimpleNamespace(source_file=source_file), text=text)


@pytest.mark.parametrize(
    "source_file, published, text, where",
    [
        # The raw copy is the text, with the BOM the site adds and the file's last newline.
        ("a.txt", BOM + TEXT.encode() + b"\n", TEXT, TextIn("sources/raw/a.txt", 3, 3 + len(TEXT.encode()))),
        ("a.txt", TEXT.encode(), TEXT, TextIn("sources/raw/a.txt", 0, len(TEXT.encode()))),
        # A line the parser removed before it (a credit): the text still lies there as it is.
        (
            "a.txt",
            BOM + "أ ف ب\n".encode() + TEXT.encode() + "\nشاركها\n".encode(),
            TEXT,
            TextIn(
                "sources/raw/a.txt", 3 + len("أ ف ب\n".encode()), 3 + len("أ ف ب\n".encode() + TEXT.encode())
            ),
        ),
        # Not there byte for byte: inline.
        ("a.txt", BOM + TEXT.replace("\n", "\r\n").encode(), TEXT, None),  # Windows line ends
        ("a.txt", BOM + TEXT.replace("\n\n", "\n").encode(), TEXT, None),  # paragraphs on single lines
        ("a.txt", TEXT.encode("cp1256", errors="replace"), TEXT, None),  # another encoding
        ("a.txt", BOM + b"\n", "", None),  # no text
        # A saved page: its raw copy is its HTML, even where the text is in it as it is.
        ("page.html", f"<html><body>{TEXT}</body></html>".encode(), TEXT, None),
    ],
)
def test_the_text_is_given_by_reference_only_where_the_raw_copy_holds_it_byte_for_byte(
    source_file, published, text, where
):
    found = text_in(article(source_file, text), published)
    assert found == where
    if found:
        assert published[found.start : found.end].decode("utf-8") == text


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The mini project (a.txt: its paragraphs on single lines, so inline)
    and a seed whose text is its file as it is (b.txt: by reference)."""
    root = tmp_path_factory.mktemp("export")
    project = make_project(root / "project")
    (project / "seeds" / "b.txt").write_text(
        TEXT + "\n\nوقال بوتين إن صفقة الغاز تاريخية.\n", encoding="utf-8"
    )
    with (project / "dossier" / "articles.yaml").open("a", encoding="utf-8") as metadata:
        metadata.write(
            "- id: article-b\n  source_file: b.txt\n  summit: beijing-2022\n  date: 2022-02-05\n"
            "  outlet: null\n  outlet_name: موقع تجريبي\n"
        )
    build_site(project, root / "site")
    return root / "site"


def test_an_article_file_gives_its_text_one_way_and_its_offsets_index_it(site):
    a, b = (read_article_data(site, f"article-{x}") for x in "ab")
    assert a["schema_version"] == b["schema_version"] == 7
    assert "text" in a and "text_in" not in a
    assert "text" not in b and b["text_in"]["file"] == "sources/raw/b.txt"
    text = article_text(site, b)
    assert text == TEXT + "\n\nوقال بوتين إن صفقة الغاز تاريخية."
    assert [text[m["start"] : m["end"]] for m in b["mentions"] if m["entity_id"] == "vladimir-putin"] == [
        "بوتين",
        "فلاديمير بوتين",
        "بوتين",
    ]


def test_the_search_page_shows_an_excerpt_of_a_text_given_by_reference(site):
    """The search engine (assets/search-core.js, under Node) reads the text
    from the raw copy's bytes: the excerpt is the article's words, marked."""
    (answer,) = search(site, ["الغاز"], excerpts=3)
    hit = next(h for h in answer["hits"] if h["url"] == "articles/article-b.html")
    excerpt = "".join(p["text"] for p in hit["excerpt"]["parts"])
    assert "صفقة الغاز تاريخية" in excerpt
    assert [p["text"] for p in hit["excerpt"]["parts"] if p["mark"]] == ["الغاز"]


def test_the_search_page_marks_the_names_the_data_file_gives(site):
    """A name is marked whole, as the tagger found it: from the article's
    mentions (arrays, schema 7), not only the words the query matched."""
    (answer,) = search(site, ["بوتين"], excerpts=3)
    hit = next(h for h in answer["hits"] if h["url"] == "articles/article-b.html")
    assert [p["text"] for p in hit["excerpt"]["parts"] if p["mark"]] == ["بوتين", "فلاديمير بوتين", "بوتين"]


def test_the_index_made_from_remembered_lines_is_the_index_made_afresh(tmp_path):
    """The data index's article lines are remembered by article row digest
    (`index_bytes`): after an article added (its line appended to the
    memo), an entry edited, the memo damaged and cut short, the index is
    the one a build without the cache writes."""
    project = make_project(tmp_path / "project")
    site = tmp_path / "site"
    build_site(project, site, search=False)
    memo = next((project / ".cache" / "export").glob("*.lines"))
    metadata = project / "dossier" / "articles.yaml"
    for step in ("added", "edited", "damaged", "cut short"):
        before = memo.read_bytes()
        if step == "added":
            (project / "seeds" / "b.txt").write_text(TEXT + "\n", encoding="utf-8")
            with metadata.open("a", encoding="utf-8") as entries:
                entries.write(
                    "- id: article-b\n  source_file: b.txt\n  summit: beijing-2022\n  date: 2022-02\n"
                    "  outlet: null\n  outlet_name: موقع تجريبي\n"
                )
        elif step == "edited":
            text = metadata.read_text(encoding="utf-8")
            metadata.write_text(text.replace("outlet_name:", "outlet_name: منبر آخر #", 1), encoding="utf-8")
        else:
            memo.write_bytes(before[:-5] + b"xxxxx" if step == "damaged" else before[:-3])
            (project / "seeds" / "b.txt").write_text(f"{TEXT}\n\n{step}.\n", encoding="utf-8")
        build_site(project, site, search=False)
        if step == "added":
            assert memo.read_bytes().startswith(before) and len(memo.read_bytes()) > len(before)
        build_site(project, tmp_path / f"full-{step}", search=False, cache=False)
        index = (site / "data" / "index.json").read_bytes()
        assert index == (tmp_path / f"full-{step}" / "data" / "index.json").read_bytes(), step
        assert "article-b" in [a["id"] for a in json.loads(index)["articles"]]
    assert "منبر آخر" in index.decode()


class _Rows(dict):
    """Article rows whose digests are all the same: the index must still
    list every article once (the memo is by digest, the index by article)."""

    def rows(self, article_ids):
        return [self[article_id] for article_id in article_ids]

    def digests(self, article_ids):
        return ["one digest" for _ in article_ids]


def test_the_index_lists_every_article_even_where_row_digests_agree(tmp_path, monkeypatch):
    from types import SimpleNamespace

    from newsdossier.site import export

    monkeypatch.setattr(export, "_article_line", lambda article: {"id": article})
    monkeypatch.setattr(export, "_lines_folder", tmp_path)
    (tmp_path / ".old.lines.12345").write_bytes(b"left by a stopped build")
    view = SimpleNamespace(order={"articles": ["a", "b"]}, articles=_Rows(a="a", b="b"))
    assert len(json.loads(export._article_lines(view))) == 2  # made afresh
    assert len(json.loads(export._article_lines(view))) == 2  # from the memo
    assert not (tmp_path / ".old.lines.12345").exists()
