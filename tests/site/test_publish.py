"""What a public host needs: JSON-LD, canonical links, sitemap, feed, robots, 404."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from html import unescape
from urllib.parse import urljoin

from newsdossier.site.fragments import DESCRIPTION_CHARS
from tests.helpers import article_text, build_site, read_article_data, read_page

BASE = "https://dossiers.example.org/putin-xi-beijing/"


def json_ld(html: str) -> list[dict]:
    return [
        json.loads(block)
        for block in re.findall(r'<script type="application/ld\+json">\n(.*?)\n</script>', html, re.S)
    ]


def base(block: dict) -> str:
    """The base IRI a JSON-LD block's context sets (a page's address otherwise)."""
    context = block["@context"]
    return next(c["@base"] for c in context if isinstance(c, dict)) if isinstance(context, list) else ""


def test_json_ld_is_json_with_schema_org_types_and_wikidata(seed_site):
    pages = {
        p.relative_to(seed_site).as_posix(): p.read_text(encoding="utf-8") for p in seed_site.rglob("*.html")
    }
    article = json_ld(pages["articles/france24-2022-02-05-no-limits.html"])[0]
    assert article["@type"] == "NewsArticle" and article["datePublished"] == "2022-02-05"
    assert article["url"] == BASE + "articles/france24-2022-02-05-no-limits.html"
    assert article["headline"] and article["inLanguage"] == "ar"
    # The names it mentions are in its data file, not its JSON-LD. Its
    # publisher and sources are entities described under their page's @id,
    # written from the site root, resolved against the context's @base as
    # JSON-LD resolves a relative IRI (RFC 3986).
    assert "mentions" not in article
    described = {}
    for entity in (article["publisher"], *article["isBasedOn"]):
        assert entity["@id"].startswith("entities/"), entity
        entity_page = json_ld(pages[entity["@id"]])[0]
        assert urljoin(base(entity_page), entity_page["@id"]) == urljoin(base(article), entity["@id"])
        assert urljoin(base(article), entity["@id"]) == BASE + entity["@id"]
        described[entity_page["name"]] = entity_page
    assert described["فرانس 24"]["@type"] == "Organization"
    putin = json_ld(pages["entities/vladimir-putin.html"])[0]
    assert putin["@type"] == "Person" and putin["sameAs"] == "https://www.wikidata.org/wiki/Q7747"
    assert [s["name"] for s in article["isBasedOn"]] == ["وكالة الأنباء الفرنسية", "رويترز"]
    types = {
        json_ld(pages[f"entities/{e}.html"])[0]["@type"]
        for e in ("xi-jinping", "beijing", "nato", "cold-war")
    }
    assert types == {"Person", "Place", "Organization", "Event"}
    summit = json_ld(pages["summits/beijing-2024.html"])[0]
    assert (summit["@type"], summit["startDate"], summit["endDate"]) == ("Event", "2024-05-16", "2024-05-17")
    for path, html in pages.items():
        if not path.startswith("404"):
            for block in json_ld(html):
                assert block["@context"] in ("https://schema.org", ["https://schema.org", {"@base": BASE}]), (
                    path
                )


def test_canonical_and_open_graph_use_the_base_url(seed_site):
    html = (seed_site / "entities" / "xi-jinping.html").read_text(encoding="utf-8")
    assert f'<link rel="canonical" href="{BASE}entities/xi-jinping.html">' in html
    assert f'<meta property="og:url" content="{BASE}entities/xi-jinping.html">' in html
    assert '<meta property="og:locale" content="ar_AR">' in html


def test_an_article_is_described_by_its_own_first_sentence(seed_site):
    """Each article's meta description is the start of its own text (a
    search engine's snippet, a link preview's text); the other pages keep
    the site's, and only those say it again as og:description."""
    home = (seed_site / "index.html").read_text(encoding="utf-8")
    (site_description,) = re.findall(r'<meta name="description" content="([^"]*)">', home)
    assert f'<meta property="og:description" content="{site_description}">' in home
    described = {}
    for article_id in ("france24-2022-02-05-no-limits", "wire-2024-05-16-putin-thanks-xi"):
        html = read_page(seed_site, f"articles/{article_id}.html")
        (description,) = re.findall(r'<meta name="description" content="([^"]*)">', html)
        description = unescape(description)
        assert "og:description" not in html and description != unescape(site_description)
        assert 20 < len(description) <= DESCRIPTION_CHARS
        text = " ".join(article_text(seed_site, read_article_data(seed_site, article_id)).split())
        assert description.removesuffix("…") in text, (article_id, description)  # its words, as written
        described[article_id] = description
    assert len(set(described.values())) == 2


def test_sitemap_feed_robots_and_404(seed_site):
    sitemap = ET.parse(seed_site / "sitemap.xml").getroot()
    locations = [e.text for e in sitemap.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert BASE + "articles/wire-2024-05-16-putin-thanks-xi.html" in locations
    assert all(url.startswith(BASE) for url in locations) and BASE + "404.html" not in locations
    feed = ET.parse(seed_site / "feed.xml").getroot()
    atom = "{http://www.w3.org/2005/Atom}"
    entries = feed.findall(f"{atom}entry")
    assert len(entries) == 5
    assert [e.find(f"{atom}published").text[:10] for e in entries] == sorted(
        (e.find(f"{atom}published").text[:10] for e in entries), reverse=True
    )
    assert (seed_site / "robots.txt").read_text() == f"User-agent: *\nAllow: /\nSitemap: {BASE}sitemap.xml\n"
    not_found = (seed_site / "404.html").read_text(encoding="utf-8")
    assert 'href="/putin-xi-beijing/index.html"' in not_found


def test_without_base_url_the_site_still_builds(mini_project, tmp_path):

    build_site(mini_project, tmp_path / "site")
    assert not (tmp_path / "site" / "sitemap.xml").exists() and not (tmp_path / "site" / "feed.xml").exists()
    assert (tmp_path / "site" / "robots.txt").read_text() == "User-agent: *\nAllow: /\n"
    assert 'rel="canonical"' not in (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    article = next(p for p in (tmp_path / "site" / "articles").glob("*.html") if p.name != "index.html")
    article = json_ld(article.read_text(encoding="utf-8"))[0]
    assert article["@type"] == "NewsArticle" and article["headline"] and "url" not in article
    assert "mentions" not in article and "@base" not in json.dumps(article)


def test_the_feed_is_well_formed_whatever_the_text():
    from newsdossier.models.curation import SiteConfig
    from newsdossier.site.publish import atom_feed

    site = SiteConfig("ملف\x01\x0b\ufffe", "وصف\x1f", "https://example.org/d/")
    ET.fromstring(atom_feed(site, []))  # raises on characters XML does not allow
    assert b"1970-01-01T00:00:00Z" in atom_feed(site, [])  # no articles: a fixed date, not the build time


def _sitemap_files(pages: tuple[str, ...]) -> dict[str, tuple[object, bytes]]:
    from newsdossier.site.publish import _sitemaps

    return {path: (made_from, make()) for path, made_from, make in _sitemaps(BASE, pages)}


def _locations(data: bytes) -> list[str]:
    return [e.text for e in ET.fromstring(data).iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]


def test_a_large_site_has_a_sitemap_index_whose_sitemaps_an_added_page_barely_changes():
    """Beyond SITEMAP_CHUNK pages, sitemap.xml is an index; each page is in
    exactly one sitemap, chosen by its path, so an added page remakes the
    one sitemap it joins and leaves the index and the others as they were."""
    from newsdossier.site.publish import SITEMAP_CHUNK, SITEMAP_LIMIT

    for count in (SITEMAP_CHUNK, SITEMAP_CHUNK + 1, 5 * SITEMAP_CHUNK + 17):
        pages = tuple(sorted(f"articles/a-{n:05d}.html" for n in range(count)))
        files = _sitemap_files(pages)
        if count <= SITEMAP_CHUNK:
            assert list(files) == ["sitemap.xml"]
            assert _locations(files["sitemap.xml"][1]) == [BASE + p for p in pages]
            continue
        index = _locations(files["sitemap.xml"][1])
        assert index == [BASE + name for name in files if name != "sitemap.xml"]
        listed = [loc for name in files if name != "sitemap.xml" for loc in _locations(files[name][1])]
        assert sorted(listed) == [BASE + p for p in pages]  # every page once
        assert all(len(_locations(data)) <= SITEMAP_LIMIT for _, data in files.values())
        added = _sitemap_files(tuple(sorted((*pages, "articles/a-99999.html"))))
        changed = {name for name in added if added[name] != files.get(name)}
        assert len(changed) == 1 and "sitemap.xml" not in changed
        assert BASE + "articles/a-99999.html" in _locations(added[changed.pop()][1])
