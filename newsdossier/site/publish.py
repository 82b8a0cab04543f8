"""What a public host needs: absolute URLs, sitemap, feed, robots, JSON-LD.

Everything here depends on `site.base_url`; pages themselves link with
relative URLs and never need it. Without a base_url the build still works
(from disk, under any path) but writes no sitemap or feed and no canonical
links, and says so in a warning.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import xml.etree.ElementTree as ET
import zlib
from collections.abc import Callable, Iterable, Mapping
from urllib.parse import urlsplit

from markupsafe import Markup

from ..models.article import Article
from ..models.curation import Entity, SiteConfig, Summit
from ..models.kinds import EntityType
from .urls import article_url, entity_url, summit_url

SCHEMA_TYPES = {
    EntityType.PERSON: "Person",
    EntityType.PLACE: "Place",
    EntityType.ORGANISATION: "Organization",
    EntityType.EVENT: "Event",
    EntityType.DOCUMENT: "CreativeWork",
}
ATOM = "http://www.w3.org/2005/Atom"
SITEMAP = "http://www.sitemaps.org/schemas/sitemap/0.9"


def absolute(base_url: str | None, path: str) -> str | None:
    return None if base_url is None else base_url + ("" if path == "index.html" else path)


def base_path(base_url: str | None) -> str:
    """The path part of base_url ("/putin-xi/"): the root for pages served at any depth (404)."""
    return urlsplit(base_url).path if base_url else "/"


def wikidata_url(entity: Entity) -> str | None:
    return f"https://www.wikidata.org/wiki/{entity.wikidata}" if entity.wikidata else None


def _clean(data: dict) -> dict:
    return {k: v for k, v in data.items() if v not in (None, [], "")}


def ld_context(base_url: str | None) -> str | list:
    """The JSON-LD context: schema.org's, and the site's address as the base
    against which the @ids, written from the site root (entities/china.html),
    resolve: JSON-LD 1.1's @base (checked with pyld: a relative @id expands
    to base_url + path). The full address in every @id was 46 bytes a
    mention of an article's JSON-LD at the synthetic dossier's base."""
    return ["https://schema.org", {"@base": base_url}] if base_url else "https://schema.org"


def ld_id(base_url: str | None, path: str) -> str | None:
    """An @id from the site root (see `ld_context`); none without a base URL."""
    return path if base_url else None


def entity_document(entity: Entity, base_url: str | None) -> dict:
    """An entity page's JSON-LD: its description, with the context its @id needs."""
    return {"@context": ld_context(base_url), **entity_ld(entity, base_url)}


def entity_ld(entity: Entity, base_url: str | None) -> dict:
    return _clean(
        {
            "@type": SCHEMA_TYPES[entity.type],
            "@id": ld_id(base_url, entity_url(entity.id)),
            "name": entity.name_ar,
            "alternateName": [entity.name_en, *entity.aliases],
            "description": entity.description,
            "url": absolute(base_url, entity_url(entity.id)),
            "sameAs": wikidata_url(entity),
        }
    )


def article_ld(
    article: Article, summit: Summit | None, base_url: str | None, entities: Mapping[str, Entity]
) -> dict:
    # No `mentions`: every name an article mentions is in its data file
    # (data/articles/ID.json) and marked on its page; listed here by @id they
    # were 0.7 KB of every article page.
    publisher = entities[article.meta.outlet] if article.meta.outlet else None
    return _clean(
        {
            "@context": ld_context(base_url),
            "@type": "NewsArticle",
            "headline": article.title,
            "inLanguage": article.parsed.language,
            # ISO 8601 at its precision ("2022-02" for a month): schema.org's Date allows it.
            "datePublished": article.meta.date.isoformat() if article.meta.date else None,
            "url": absolute(base_url, article_url(article.id)),
            "publisher": (
                entity_ld(publisher, base_url)
                if publisher
                else (
                    {"@type": "Organization", "name": article.meta.outlet_name}
                    if article.meta.outlet_name
                    else None
                )
            ),
            "isBasedOn": [entity_ld(entities[e], base_url) for e in article.meta.based_on],
            "about": {"@type": "Event", "name": summit.title_ar} if summit else None,
        }
    )


def summit_ld(summit: Summit, entities: Mapping[str, Entity], base_url: str | None) -> dict:
    return _clean(
        {
            "@context": ld_context(base_url),
            "@type": "Event",
            "name": summit.title_ar,
            "alternateName": summit.title_en,
            "startDate": summit.start.isoformat(),
            "endDate": summit.end.isoformat(),
            "location": entity_ld(entities[summit.place], base_url) if summit.place in entities else None,
            "url": absolute(base_url, summit_url(summit.id)),
        }
    )


def website_ld(site: SiteConfig) -> dict:
    return _clean(
        {
            "@context": "https://schema.org",
            "@type": "WebSite",
            "name": site.title,
            "description": site.description,
            "inLanguage": "ar",
            "url": site.base_url,
        }
    )


def json_ld(data: dict) -> Markup:
    """JSON for a <script type="application/ld+json"> block.

    "<", ">" and "&" are written as \\u escapes so that text from an article
    can never close the script element early.
    """
    if "@context" not in data:
        data = {"@context": "https://schema.org", **data}
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))  # compact: the C encoder
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


# ------------------------------------------------------------------ files


# Characters XML 1.0 does not allow at all, even escaped: one would make the
# whole file unreadable to a feed reader.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def xml_text(text: str) -> str:
    return _NOT_XML.sub("", text)


def _xml(root: ET.Element) -> bytes:
    ET.indent(root)
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="utf-8") + b"\n"


SITEMAP_LIMIT = 50_000  # URLs per sitemap file, as the sitemap protocol allows
# Beyond this many pages, sitemap.xml is an index of sitemaps of about this
# many URLs each (see `_sitemaps`).
SITEMAP_CHUNK = 1_000
FEED_ENTRIES = 50  # the newest articles: a feed reader wants what is new, not the archive


def sitemap(base_url: str, page_paths: list[str]) -> bytes:
    ET.register_namespace("", SITEMAP)
    root = ET.Element(f"{{{SITEMAP}}}urlset")
    for path in sorted(page_paths):
        ET.SubElement(ET.SubElement(root, f"{{{SITEMAP}}}url"), f"{{{SITEMAP}}}loc").text = absolute(
            base_url, path
        )
    return _xml(root)


def sitemap_index(base_url: str, sitemap_paths: list[str]) -> bytes:
    ET.register_namespace("", SITEMAP)
    root = ET.Element(f"{{{SITEMAP}}}sitemapindex")
    for path in sitemap_paths:
        ET.SubElement(ET.SubElement(root, f"{{{SITEMAP}}}sitemap"), f"{{{SITEMAP}}}loc").text = absolute(
            base_url, path
        )
    return _xml(root)


def sitemap_buckets(count: int) -> int:
    """How many sitemaps `count` pages are shared among: the least power
    of two that puts at most SITEMAP_CHUNK pages in each on average."""
    buckets = 1
    while count > buckets * SITEMAP_CHUNK:
        buckets *= 2
    return buckets


def sitemap_bucket(path: str, buckets: int) -> int:
    """The sitemap a page is listed in, by its path alone (CRC-32: stable
    in every process and version, unlike `hash`)."""
    return zlib.crc32(path.encode("utf-8")) % buckets


def _sitemaps(base_url: str, pages: tuple[str, ...]) -> list[tuple[str, object, Callable[[], bytes]]]:
    """sitemap.xml, or, beyond SITEMAP_CHUNK pages, sitemap.xml as an index
    of sitemap-1.xml, sitemap-2.xml … (robots.txt names sitemap.xml either
    way). A page goes into the sitemap its path says (`sitemap_bucket`),
    not by its place in the sorted list: an added page changes the one
    sitemap it is in, not every sitemap after it, and the index changes
    only when the number of sitemaps does (the pages doubled). One sitemap
    of 30,000 URLs, made again for each added article, was 0.3 s of an add
    at 10,000 articles."""
    if len(pages) <= SITEMAP_CHUNK:
        return [("sitemap.xml", (base_url, pages), lambda: sitemap(base_url, list(pages)))]
    buckets = sitemap_buckets(len(pages))
    parts: list[list[str]] = [[] for _ in range(buckets)]
    for path in pages:
        parts[sitemap_bucket(path, buckets)].append(path)
    numbered = [(n, tuple(part)) for n, part in enumerate(parts, start=1) if part]
    names = [f"sitemap-{n}.xml" for n, _ in numbered]
    files = [("sitemap.xml", (base_url, tuple(names)), lambda: sitemap_index(base_url, names))]
    files += [
        (f"sitemap-{n}.xml", (base_url, part), lambda p=part: sitemap(base_url, list(p)))
        for n, part in numbered
    ]
    return files


def _timestamp(day: dt.date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def atom_feed(site: SiteConfig, articles: Iterable[Article]) -> bytes:
    """An Atom feed of the FEED_ENTRIES newest articles dated to the day,
    newest first (Atom needs a full timestamp: a month-only date would have
    to invent its day)."""
    base_url = site.base_url
    assert base_url is not None
    dated = sorted(
        (a for a in articles if a.meta.date and a.meta.date.exact),
        key=lambda a: (a.meta.date.exact, a.id),
        reverse=True,
    )[:FEED_ENTRIES]
    ET.register_namespace("", ATOM)

    def element(parent, name, text=None, **attrs):
        node = ET.SubElement(parent, f"{{{ATOM}}}{name}", attrs)
        node.text = xml_text(text) if text is not None else None
        return node

    feed = ET.Element(f"{{{ATOM}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": "ar"})
    element(feed, "id", base_url)
    element(feed, "title", site.title)
    element(feed, "subtitle", site.description)
    # The newest article's date, not the build time: same input, same feed.
    element(feed, "updated", _timestamp(dated[0].meta.date.exact) if dated else "1970-01-01T00:00:00Z")
    element(feed, "link", rel="self", href=base_url + "feed.xml")
    element(feed, "link", rel="alternate", type="text/html", href=base_url)
    for article in dated:
        entry = element(feed, "entry")
        url = absolute(base_url, article_url(article.id))
        element(entry, "id", url)
        element(entry, "title", article.title)
        element(entry, "published", _timestamp(article.meta.date.exact))
        element(entry, "updated", _timestamp(article.meta.date.exact))
        element(entry, "link", rel="alternate", type="text/html", href=url)
        element(element(entry, "author"), "name", article.meta.outlet_name or site.title)
        first = next(
            (b for b in article.parsed.blocks if b.kind.is_content and b.kind.value != "title"), None
        )
        if first is not None:
            element(entry, "summary", article.text[first.start : first.end])
    return _xml(feed)


def robots(base_url: str | None) -> bytes:
    lines = ["User-agent: *", "Allow: /"]
    if base_url:
        lines.append(f"Sitemap: {base_url}sitemap.xml")
    return ("\n".join(lines) + "\n").encode("utf-8")


def publishing_files(view, page_paths: list[str]) -> list[tuple[str, object, Callable[[], bytes]]]:
    """(path, made from, how to make it) of robots.txt and, with a base_url,
    the sitemap (of the pages) and the feed."""
    base_url = view.site.base_url
    files = [("robots.txt", base_url, lambda: robots(view.site.base_url))]
    if base_url:
        indexable = tuple(p for p in sorted(page_paths) if p.endswith(".html") and p != "404.html")
        files += _sitemaps(base_url, indexable)
        files.append(("feed.xml", (), lambda: atom_feed(view.site, _newest(view))))
    return files


def _newest(view) -> list[Article]:
    """The FEED_ENTRIES newest articles dated to the day, read from the end
    of the listing (oldest first, undated last): a feed reads no older article."""
    newest = []
    for article_id in reversed(view.order["articles"]):
        article = view.articles[article_id]
        if article.meta.date and article.meta.date.exact:
            newest.append(article)
            if len(newest) == FEED_ENTRIES:
                break
    return newest
