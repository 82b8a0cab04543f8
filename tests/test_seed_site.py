"""End-to-end checks of the site built from the seed dossier."""

from __future__ import annotations

import json
import re
from html import unescape
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urldefrag

import yaml

from newsdossier.models.dossier import unnamed_outlet_id
from tests.helpers import (
    ROOT,
    SEARCH_FOLDERS,
    article_text,
    build_site,
    read_article_data,
    seed_project,
    tree_bytes,
)

# Mentions of Putin and Xi in each article's clean text (title, bullets,
# headings, paragraphs; not removed boilerplate), counted by hand by reading
# the texts: every written name, including short forms (بوتين، شي), the
# fragments of article 000 (جين بينغ، شي جين) and forms with proclitics
# (لبوتين، وشي). Titles such as "الرئيس الصيني" alone are not names.
HAND_COUNTS = {
    "000_d23b1a3323a7a15f.txt": {"vladimir-putin": 6, "xi-jinping": 5},
    "001_12e085e4f21e55fb.txt": {"vladimir-putin": 14, "xi-jinping": 7},
    "002_75c0f02aeffcf6cd.txt": {"vladimir-putin": 6, "xi-jinping": 6},
    "003_1fc78112d3480c43.txt": {"vladimir-putin": 10, "xi-jinping": 3},
    "004_f0ad7be50af453a6.txt": {"vladimir-putin": 9, "xi-jinping": 6},
}


def surface(article: dict, item: dict) -> str:
    """A mention's or quotation's words: the export gives their offsets in the text."""
    return article["text"][item["start"] : item["end"]]


def load_data(site: Path) -> dict:
    """The export's index, each article line completed by its own file."""
    data = json.loads((site / "data" / "index.json").read_text(encoding="utf-8"))
    data["articles"] = [read_article_data(site, line["id"]) for line in data["articles"]]
    for article in data["articles"]:
        article["text"] = article_text(site, article)
    return data


def test_putin_and_xi_counts_match_the_hand_count(seed_site):
    data = load_data(seed_site)
    counts = {
        a["source_file"]: {
            who: sum(1 for m in a["mentions"] if m["entity_id"] == who and m["kind"] == "n")
            for who in ("vladimir-putin", "xi-jinping")
        }
        for a in data["articles"]
    }
    assert counts == HAND_COUNTS


def test_xi_spelling_variants_are_all_one_entity(seed_site):
    data = load_data(seed_site)
    forms = {surface(a, m) for a in data["articles"] for m in a["mentions"] if m["entity_id"] == "xi-jinping"}
    assert {"شي جين بينغ", "شي جينبينغ", "شي جين بينج", "شي", "جين بينغ"} <= forms


def test_every_page_exists(seed_site):
    entities = yaml.safe_load((ROOT / "dossier" / "entities.yaml").read_text(encoding="utf-8"))
    articles = yaml.safe_load((ROOT / "dossier" / "articles.yaml").read_text(encoding="utf-8"))
    expected = {
        "index.html",
        "articles/index.html",
        "entities/index.html",
        "data/index.json",
        "assets/style.css",
    }
    expected |= {".newsdossier-site"}  # the marker: this folder is a site the build made
    expected |= {
        "search.html",
        "404.html",
        "assets/search.js",
        "assets/search-core.js",
        "assets/names.js",
        "sitemap.xml",
        "feed.xml",
        "robots.txt",
    }
    expected |= {"compare/beijing-2022--beijing-2024.html", "compare/outlets.html", "quotes.html"}
    expected |= {"network.html", "timeline.html"}
    expected |= {"outlets/index.html"} | {
        f"outlets/{o}.html" for o in ("france-24", "masdar-news", "sputnik")
    }
    # Publishers the gazetteer lacks: a page each, under the analyst's name for them.
    expected |= {f"outlets/{unnamed_outlet_id(a['outlet_name'])}.html" for a in articles if not a["outlet"]}
    expected |= {"summits/beijing-2022.html", "summits/beijing-2024.html"}
    speakers = {
        q["speaker"] or "unattributed.none" for a in load_data(seed_site)["articles"] for q in a["quotes"]
    }
    expected |= {f"quotes/{s}.html" for s in speakers}
    expected |= {f"articles/{a['id']}.html" for a in articles}
    expected |= {f"sources/raw/{a['source_file']}" for a in articles} | {
        f"data/articles/{a['id']}.json" for a in articles
    }
    # Every entity the site shows: all but Kyiv, which no article names and nothing points at.
    expected |= {f"entities/{e['id']}.html" for e in entities if e["id"] != "kyiv"}
    assert len(articles) == 5 and len(entities) >= 60
    assert set(tree_bytes(seed_site, search_index=False)) == expected
    assert {"search/index.json", "search/names.json", "search/pages/docs.json"} <= set(tree_bytes(seed_site))


def test_raw_sources_are_published_byte_for_byte(seed_site):
    # After a UTF-8 byte-order mark: see tests/site/test_files.py.
    for seed in sorted((ROOT / "seeds").glob("*.txt")):
        assert (seed_site / "sources" / "raw" / seed.name).read_bytes() == b"\xef\xbb\xbf" + seed.read_bytes()


def test_export_follows_its_schema(seed_site):
    index = json.loads((seed_site / "data" / "index.json").read_text(encoding="utf-8"))
    assert (
        set(index) == {"schema_version", "fields", "site", "summits", "articles", "entities"}
        and index["schema_version"] == 7
    )
    # What each position of a mention's and a quotation's array holds.
    assert index["fields"] == {
        "mention": ["entity_id", "start", "end", "kind"],
        "quote": ["start", "end", "speaker", "attribution", "verb"],
    }
    assert set(index["site"]) == {"title", "description", "base_url"}
    lines = {"id", "source_file", "summit", "title", "outlet", "outlet_name", "date", "date_precision"}
    lines |= {"url", "data", "language"}
    assert all(set(line) == lines for line in index["articles"])
    data = load_data(seed_site)
    assert [s["id"] for s in data["summits"]] == ["beijing-2022", "beijing-2024"]
    for summit in data["summits"]:
        assert set(summit) == {"id", "title", "title_en", "dates", "place", "url", "article_ids"}
        assert (seed_site / summit["url"]).is_file()
    assert {len(s["article_ids"]) for s in data["summits"]} == {2, 3}
    entity_ids = {e["id"] for e in data["entities"]}
    for entity in data["entities"]:
        assert set(entity) == {
            "id",
            "type",
            "name_ar",
            "name_en",
            "aliases",
            "wikidata",
            "description",
            "url",
        }
        assert entity["type"] in {"person", "place", "organisation", "event", "document"}
        assert entity["wikidata"] is None or re.fullmatch(r"Q\d+", entity["wikidata"])
        assert (seed_site / entity["url"]).is_file()
    for article in data["articles"]:
        # The text inline, or by reference to the bytes of its raw copy
        # (tests/site/test_export.py); never both.
        written = json.loads((seed_site / article["data"]).read_text(encoding="utf-8"))
        given = {"text", "text_in"} & set(written)
        assert len(given) == 1
        assert set(written) - given == lines | {"schema_version", "mentions", "quotes", "phrases"}
        if "text_in" in written:
            assert written["text_in"]["file"] == "sources/raw/" + article["source_file"]
        assert all(phrase in article["text"] for phrase in article["phrases"])
        assert (seed_site / article["url"]).is_file()
        assert article["mentions"] == sorted(article["mentions"], key=lambda m: m["start"])
        assert all(isinstance(m, list) and len(m) == 4 for m in written["mentions"])
        assert all(isinstance(q, list) and len(q) == 5 for q in written["quotes"])
        for mention in article["mentions"]:
            assert 0 <= mention["start"] < mention["end"] <= len(article["text"])
            assert mention["entity_id"] in entity_ids
            assert mention["kind"] in {"n", "d"}
        for quote in article["quotes"]:
            assert 0 <= quote["start"] < quote["end"] <= len(article["text"])
            assert quote["attribution"] in {"explicit", "inferred", "none"}
            assert quote["speaker"] is None or quote["speaker"] in entity_ids


def test_boilerplate_is_not_in_the_text_or_the_counts(seed_site):
    text = "\n".join(a["text"] for a in load_data(seed_site)["articles"])
    for phrase in (
        "شاركها",
        "اترك تعليقاً",
        "Exit mobile version",
        "310 310",
        "للمزيد Facebook",
        "مصدر الخبر",
        "Sputnik",
    ):
        assert phrase not in text
    assert "يتدحرج من كييف" not in text  # a related headline in 000


def test_longest_name_wins_and_nisba_is_not_china(seed_site):
    data = load_data(seed_site)
    article = next(a for a in data["articles"] if a["source_file"].startswith("000"))
    sea = [m for m in article["mentions"] if surface(article, m) == "بحر الصين الجنوبي"]
    assert [m["entity_id"] for m in sea] == ["south-china-sea"]
    china_surfaces = {
        surface(a, m) for a in data["articles"] for m in a["mentions"] if m["entity_id"] == "china"
    }
    assert not any("صيني" in s for s in china_surfaces)
    xinhua = next(a for a in data["articles"] if a["source_file"].startswith("001"))
    assert any(
        surface(xinhua, m) == "وكالة أنباء الصين الجديدة" and m["entity_id"] == "xinhua"
        for m in xinhua["mentions"]
    )


class LinkCollector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()
        self.html_attrs: dict[str, str] = {}

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "html":
            self.html_attrs = attrs
        if "id" in attrs:
            self.ids.add(attrs["id"])
        for name in ("href", "src"):
            if attrs.get(name):
                self.links.append(attrs[name])


def parse_pages(site: Path) -> dict[str, LinkCollector]:
    pages = {}
    for path in sorted(p for p in site.rglob("*.html")):
        collector = LinkCollector()
        collector.feed(path.read_text(encoding="utf-8"))
        pages[path.relative_to(site).as_posix()] = collector
    return pages


def resolve(page: str, href: str) -> tuple[str, str]:
    target, fragment = urldefrag(href)
    if not target:
        return page, fragment
    joined = PurePosixPath(page).parent / unquote(target)
    parts: list[str] = []
    for part in joined.parts:
        if part == "..":
            parts.pop()
        elif part != ".":
            parts.append(part)
    return "/".join(parts), fragment


def test_pages_are_arabic_right_to_left(seed_site):
    for name, page in parse_pages(seed_site).items():
        assert page.html_attrs == {"lang": "ar", "dir": "rtl"}, name


def test_internal_links_and_anchors_resolve(seed_site):
    pages = parse_pages(seed_site)
    for name, page in pages.items():
        for href in page.links:
            if href.startswith(("https://", "http://", "data:")):
                continue
            if name == "404.html" and not href.startswith("#"):
                # Served for missing paths at any depth: its links start
                # from base_url's path on purpose.
                assert href.startswith("/putin-xi-beijing/"), href
                href = href.removeprefix("/putin-xi-beijing/")
            assert not href.startswith("/"), f"{name}: absolute link {href} breaks under a sub-path"
            target, fragment = resolve(name, href)
            assert (seed_site / target).is_file(), f"{name}: broken link {href}"
            if fragment and target.endswith(".html"):
                assert fragment in pages[target].ids, f"{name}: missing anchor {href}"


def test_no_page_is_an_orphan(seed_site):
    pages = parse_pages(seed_site)
    del pages["404.html"]  # reached by the host on a missing path, not by a link
    # Breadth-first over internal links from the home page.
    reached, queue = {"index.html"}, ["index.html"]
    while queue:
        page = queue.pop()
        for href in pages[page].links:
            if href.startswith(("https://", "http://", "data:")):
                continue
            target, _ = resolve(page, href)
            if target in pages and target not in reached:
                reached.add(target)
                queue.append(target)
    assert reached == set(pages)


def test_every_mention_is_marked_and_the_first_in_each_section_linked(seed_site):
    html = (seed_site / "articles" / "masdar-2024-05-17-telegraph-five-things.html").read_text(
        encoding="utf-8"
    )
    body = html[html.index('class="article-body"') : html.index("</article>")]
    marked = re.findall(
        r'<(a|span) id="m(\d+)" class="mention[^"]*"(?: title="[^"]+")?'
        r'(?: href="\.\./entities/([a-z0-9-]+)\.html")?>([^<]+)</(?:a|span)>',
        body,
    )
    data = load_data(seed_site)
    article = next(a for a in data["articles"] if a["id"] == "masdar-2024-05-17-telegraph-five-things")
    in_title = len(re.findall(r'<span id="m\d+">', html[html.index("<h1") : html.index("</h1>")]))
    assert len(marked) + in_title == len(article["mentions"])
    # A link goes to the entity of its mention; each section links a name once.
    mentions = {n: m["entity_id"] for n, m in enumerate(article["mentions"], start=1)}
    links = [(mentions[int(number)], target) for tag, number, target, _ in marked if tag == "a"]
    # The export's offsets give the words the page marks.
    for _, number, _, words in marked:
        assert surface(article, article["mentions"][int(number) - 1]) == unescape(words)
    assert links and all(entity == target for entity, target in links)
    sections = body.split("<h2")
    for section in sections:
        linked = re.findall(
            r'<a id="m\d+" class="mention[^"]*"[^>]* href="\.\./entities/([a-z0-9-]+)\.html"', section
        )
        assert len(linked) == len(set(linked)), linked


def test_entity_page_groups_mentions_by_summit(seed_site):
    html = (seed_site / "entities" / "xi-jinping.html").read_text(encoding="utf-8")
    assert html.index("قمة بكين 2022") < html.index("زيارة الدولة إلى بكين 2024")
    for form in ("«شي جين بينغ»", "«شي جينبينغ»", "«شي جين بينج»", "«شي»"):
        assert form in html
    assert "https://www.wikidata.org/wiki/Q15031" in html
    assert "فلاديمير بوتين" in html  # mentioned alongside


def test_removed_lines_are_listed_apart_and_counted_on_the_article(seed_site):
    article = (seed_site / "articles" / "sputnik-2024-05-16-wang-peng.html").read_text(encoding="utf-8")
    body = article[article.index('class="article-body"') : article.index('id="removed"')]
    assert "يتدحرج من كييف" not in body  # the text carries the article only
    assert 'href="#removed"' in article and "(حُذف منه " in article
    start = article.index('<details class="removed" id="removed">')
    removed = article[start : article.index("</details>", start)]
    assert "من مقال آخر" in removed and "يتدحرج من كييف" in removed and 'id="line-13"' in removed
    # The seed itself, byte for byte, is one link away.
    assert 'href="../sources/raw/' in removed


def test_two_builds_are_byte_identical(tmp_path):
    project = seed_project(tmp_path / "project")
    build_site(project, tmp_path / "one")
    build_site(project, tmp_path / "two")
    one, two = tree_bytes(tmp_path / "one"), tree_bytes(tmp_path / "two")
    assert any(k.startswith(SEARCH_FOLDERS) for k in one)  # the search index included
    assert one == two


class _VisibleText(HTMLParser):
    """The text a reader sees: no markup, scripts or styles."""

    def __init__(self):
        super().__init__()
        self.parts, self._hidden = [], 0

    def handle_starttag(self, tag, attrs):
        self._hidden += tag in ("script", "style")

    def handle_endtag(self, tag):
        self._hidden -= tag in ("script", "style")

    def handle_data(self, data):
        if not self._hidden:
            self.parts.append(data)


def test_no_reader_page_shows_a_project_file_name(seed_site):
    """Readers see titles and outlets, never the project's internals: no
    `dossier/…` or `seeds/…` path, no YAML file, no seed file name."""
    seeds = [p.name for p in (ROOT / "seeds").iterdir()]
    for page in sorted(seed_site.rglob("*.html")):
        reader = _VisibleText()
        reader.feed(page.read_text(encoding="utf-8"))
        text = " ".join(reader.parts)
        shown = [w for w in ("dossier/", "seeds/", ".yaml", *seeds) if w in text]
        assert shown == [], page.relative_to(seed_site).as_posix()
