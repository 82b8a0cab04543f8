"""Saved web pages ("Save page as" in a browser) as seed text.

The page's bytes are decoded here (`readers.decode_seed`: a byte-order mark,
UTF-16 without one, the charset the page declares, UTF-8, else what
charset-normalizer recognises), never by the HTML parser's guess, so that a
UTF-16 page without a byte-order mark is not read as mojibake. Nesting
deeper than libxml2 reads (it silently drops whatever lies below about 255
levels) is flattened first (`flatten_deep_nesting`), so a deep page is read
whole. trafilatura, made for news pages, then finds the article in the
markup (its main text and headline) and leaves out most of the page around
it. Its lines go through the same line classifier as copied text, which
removes what is left ("read also" lines, captions). The headline heads the
lines when trafilatura did not put it there itself.

What the page says of its date is gathered as written (`DateEvidence`: the
publication-date fields of its markup, its address, the date shown near the
headline) and read by the language layer, at its precision: trafilatura's
own date is not used, because its date parser fills a missing day with
today's (a page dated "2022-02" became 2022-02-06 when built on the 6th) and
takes a copyright year for 1 January.

Line numbers of a saved page are those of this text, as the source page
shows it; the file itself is published as it is (as text, never as a page
of the site: its scripts must not run there).
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import replace

from ..models.article import Problem
from ..models.dates import DateEvidence
from ..models.inputs import SourceFile
from .readers import SeedText, decode_seed, without_embeddings

# Deeper than this, wrapper elements are dropped (their content kept): well
# below libxml2's limit of 255 levels, with room for the content's own tags.
MAX_DEPTH = 150
# Elements whose own tags say where a block of text begins: kept at any depth.
_BLOCKS = frozenset(
    [
        "p",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "li",
        "blockquote",
        "pre",
        "br",
        "hr",
        "td",
        "th",
        "tr",
        "table",
        "figcaption",
    ]
)
_SELF_CLOSING = frozenset(
    ["p", "li", "dt", "dd", "tr", "td", "th", "option"]
)  # closed by the next of their kind
_VOID = frozenset(
    [
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
    ]
)
_TOKEN = re.compile(
    r"<!--.*?-->"  # comments
    r"|<(script|style|textarea|template)\b[^>]*>.*?</\1\s*>"  # raw text: no tags inside
    r"|<(/?)([a-zA-Z][^\s/>]*)([^>]*)>",  # a tag: closing?, name, attributes
    re.DOTALL | re.IGNORECASE,
)
# Inline images and fonts (base64 in a `data:` address) make a saved page
# megabytes larger and carry no text.
_DATA_URI = re.compile(r"data:[\w/+.-]+;base64,[A-Za-z0-9+/=\s]{256,}")
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.IGNORECASE)
_SAVED_FROM = re.compile(r"<!--\s*saved from url=\(\d+\)(\S+?)\s*-->", re.IGNORECASE)

# Publication-date fields of the markup, most trusted first (their names as
# `property`, `name` or `itemprop`, lowercased). Modified dates are not here:
# a page's last edit is not when it was published.
PUBLISHED_FIELDS = (
    "datepublished",
    "article:published_time",
    "og:published_time",
    "published_time",
    "article.published",
    "pubdate",
    "publishdate",
    "publish-date",
    "publish_date",
    "publication_date",
    "parsely-pub-date",
    "sailthru.date",
    "dc.date.issued",
    "dcterms.issued",
    "dcterms.created",
    "dc.date.created",
    "dc.date",
    "dcterms.date",
    "date",
)
_DATE_CLASS = re.compile(r"date|time|publish|posted|تاريخ", re.IGNORECASE)
_NOT_ARTICLE = frozenset(("header", "nav", "footer", "aside"))


def flatten_deep_nesting(html: str) -> str:
    """`html` with the wrapper tags deeper than MAX_DEPTH removed (their
    text and block tags kept), and inline `data:` payloads emptied. A page
    with no such depth comes back as it was."""
    html = _DATA_URI.sub("data:,", html)
    out, last, stack, changed = [], 0, [], False
    for token in _TOKEN.finditer(html):
        closing, name = token.group(2), (token.group(3) or "").lower()
        if not name or name in _VOID or token.group(4).rstrip().endswith("/"):
            continue
        if not closing:
            if name in _SELF_CLOSING and any(open_name == name for open_name, _ in stack[-3:]):
                # <p>…<p>, <li>…<li>: the new one closes the open one.
                at = max(i for i in range(len(stack)) if stack[i][0] == name)
                del stack[at:]
            dropped = len(stack) >= MAX_DEPTH and name not in _BLOCKS
            stack.append((name, dropped))
        else:
            depth = next((i for i in range(len(stack) - 1, -1, -1) if stack[i][0] == name), None)
            if depth is None:
                continue
            dropped = stack[depth][1]
            del stack[depth:]
        if dropped:
            out.append(html[last : token.start()])
            last, changed = token.end(), True
    return "".join(out) + html[last:] if changed else html


def _parse(html: str):
    import lxml.html

    # huge_tree: no limit on text node size; depth is handled by flattening.
    parser = lxml.html.HTMLParser(
        huge_tree=True, encoding="utf-8"
    )  # decoded here, whatever the page declares
    return lxml.html.document_fromstring(html.encode("utf-8"), parser=parser)


# trafilatura drops every character that is not "printable", the zero-width
# non-joiner and joiner among them: Persian writes words with them
# («رئیس‌جمهور»). They pass through it as printable stand-ins absent from the page.
_JOINERS = ("\u200c", "\u200d")
_STAND_INS = ("\u2e3a", "\u2e3b", "\u2e4e", "\u2e4f", "\u2e50", "\u2e51")


def _joiners_kept(html: str) -> tuple[str, dict[str, str]]:
    if not any(j in html for j in _JOINERS):
        return html, {}
    free = [c for c in _STAND_INS if c not in html]
    swaps = dict(zip(_JOINERS, free))
    for joiner, stand_in in swaps.items():
        html = html.replace(joiner, stand_in)
    return html, {stand_in: joiner for joiner, stand_in in swaps.items()}


def _extract(html: str):
    import trafilatura

    options = dict(
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        include_formatting=False,
        deduplicate=False,
    )
    document = trafilatura.bare_extraction(_parse(html), **options)
    if document is None or not (document.text or "").strip():  # a short page: ask for everything
        document = trafilatura.bare_extraction(_parse(html), favor_recall=True, **options)
    return document


def _json_ld_dates(tree) -> list[tuple[str, str]]:
    found = []

    def walk(node) -> None:
        if isinstance(node, dict):
            for key in ("datePublished", "dateCreated"):
                if isinstance(node.get(key), str):
                    found.append((key.lower(), node[key]))
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    for script in tree.iter("script"):
        if (script.get("type") or "").strip().lower() == "application/ld+json":
            try:
                walk(json.loads(script.text or ""))
            except ValueError:
                continue
    return sorted(found, key=lambda kv: kv[0] != "datepublished")  # published before created


def _markup_dates(tree) -> tuple[tuple[str, str], ...]:
    fields: dict[str, str] = {}
    for element in tree.iter("meta", "time", "span", "div", "abbr"):
        for attribute in ("property", "name", "itemprop"):
            name = (element.get(attribute) or "").strip().lower()
            value = element.get("content") or element.get("datetime") or element.get("title")
            if name in PUBLISHED_FIELDS and value and name not in fields:
                fields[name] = value.strip()
        if element.tag == "time" and element.get("datetime") and "time" not in fields:
            fields["time"] = element.get("datetime").strip()
    ordered = sorted(fields.items(), key=lambda kv: (PUBLISHED_FIELDS + ("time",)).index(kv[0]))
    return tuple(_json_ld_dates(tree)) + tuple(ordered)


def _visible_dates(tree) -> tuple[str, ...]:
    """Short date-like texts after the headline, outside headers, menus,
    footers and sidebars (where a site shows today's date, or other
    articles' dates)."""
    headline = next(tree.iter("h1"), None)
    after = headline is None
    found = []
    for element in tree.iter():
        if element is headline:
            after = True
            continue
        if not after or not isinstance(element.tag, str):
            continue
        marked = element.tag == "time" or _DATE_CLASS.search(
            f"{element.get('class', '')} {element.get('id', '')}"
        )
        if not marked or any(a.tag in _NOT_ARTICLE for a in element.iterancestors()):
            continue
        text = " ".join(element.text_content().split())
        if 6 <= len(text) <= 100:
            found.append(text)
        if len(found) == 5:
            break
    return tuple(found)


def _page_url(tree, html: str) -> str | None:
    for xpath in (
        "//link[@rel='canonical']/@href",
        "//meta[@property='og:url']/@content",
    ):
        values = tree.xpath(xpath)
        if values and values[0].strip().startswith("http"):
            return values[0].strip()
    saved = _SAVED_FROM.search(html[:4096])
    return saved.group(1) if saved else None


def site_name(value: str | None) -> str | None:
    """The site's name as the page gives it, if it reads as a name: never
    undecodable bytes (U+FFFD), control characters or a paragraph."""
    if not value:
        return None
    value = " ".join(without_embeddings(value).split())
    if (
        not value
        or len(value) > 80
        or "\ufffd" in value
        or any(unicodedata.category(c) in ("Cc", "Cs", "Co") for c in value)
        or not any(c.isalpha() for c in value)
    ):
        return None
    return value


def _declared_language(tree) -> str | None:
    """The primary language subtag of `<html lang>` ("en" of "en-US"), if it is one."""
    value = (tree.get("lang") or tree.get("xml:lang") or "").strip().lower()
    match = re.match(r"([a-z]{2,3})(?:[-_]|$)", value)
    return match.group(1) if match else None


def _page_problems(problems: list[Problem], lines: list[str]) -> tuple[Problem, ...]:
    """The decoding's problems, with their lines: a line of the saved file is
    not a line of the text the source page shows, so it goes into the message;
    a U+FFFD in the text (a lone surrogate such as `&#55296;`, or a byte that
    did not decode) is reported at its line of the text."""
    result = [
        replace(p, line=None, message=f"{p.message} (line {p.line} of the saved file)") if p.line else p
        for p in problems
    ]
    shown = next((n for n, line in enumerate(lines, start=1) if "\ufffd" in line), None)
    if shown is not None:
        result.append(
            Problem(
                shown,
                "a character the page does not encode whole (a lone surrogate such as &#55296;, or a byte "
                "that is not text) is shown as \ufffd",
                "في الصفحة محرف غير مكتمل، ويظهر مكانه العلامة \ufffd.",
            )
        )
    return tuple(result)


def read_web_page(source: SourceFile) -> SeedText:
    charset = _CHARSET.search(source.data[:4096])
    html, problems = decode_seed(source.data, charset.group(1).decode("ascii") if charset else None)
    html = flatten_deep_nesting(html.removeprefix("\ufeff"))
    tree = _parse(html)
    evidence = DateEvidence(_markup_dates(tree), _page_url(tree, html), _visible_dates(tree))
    og_site = tree.xpath("//meta[@property='og:site_name']/@content")
    language = _declared_language(tree)
    html, joiners = _joiners_kept(html)
    document = _extract(html)
    if document is None or not (document.text or "").strip():
        problem = Problem(
            None, "no article text found in the saved page", "لم يُعثر على نص مقال في الصفحة المحفوظة."
        )
        return SeedText("", (*problems, problem), dates=evidence)
    text, title = document.text, document.title or ""
    for stand_in, joiner in joiners.items():
        text, title = text.replace(stand_in, joiner), title.replace(stand_in, joiner)
    lines = [line.strip() for line in without_embeddings(text).split("\n")]
    title = without_embeddings(title).strip()
    if title and (not lines or lines[0] != title):
        lines.insert(0, title)
    return SeedText(
        "\n".join(lines),
        _page_problems(problems, lines),
        dates=evidence,
        site_name=site_name(og_site[0] if og_site else None) or site_name(document.sitename),
        declared_language=language,
    )
