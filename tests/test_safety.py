"""Safety of the built site: only the site itself is ever asked for anything,
every page carries the Content-Security-Policy, and input never runs."""

from __future__ import annotations

import base64
import hashlib
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.helpers import unsafe_markup

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; "
    "form-action 'self'"
)
# Attributes through which a page makes the browser fetch something.
FETCHING = {
    ("script", "src"),
    ("img", "src"),
    ("img", "srcset"),
    ("source", "src"),
    ("source", "srcset"),
    ("iframe", "src"),
    ("embed", "src"),
    ("object", "data"),
    ("video", "src"),
    ("video", "poster"),
    ("audio", "src"),
    ("track", "src"),
    ("image", "href"),
    ("use", "href"),
    ("form", "action"),
    ("input", "src"),
}
FETCHING_LINKS = {
    "stylesheet",
    "icon",
    "preload",
    "modulepreload",
    "prefetch",
    "manifest",
    "dns-prefetch",
    "preconnect",
    "apple-touch-icon",
}


class Requests(HTMLParser):
    def __init__(self):
        super().__init__()
        self.urls: list[str] = []
        self.csp: list[str] = []
        self.inline_scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for t, name in FETCHING:
            if t == tag and attrs.get(name):
                self.urls.append(attrs[name])
        if tag == "link" and set((attrs.get("rel") or "").split()) & FETCHING_LINKS:
            self.urls.append(attrs.get("href") or "")
        if tag == "meta" and (attrs.get("http-equiv") or "").lower() == "refresh":
            self.urls.append(attrs.get("content") or "")
        if tag == "meta" and (attrs.get("http-equiv") or "").lower() == "content-security-policy":
            self.csp.append(attrs.get("content") or "")
        if tag == "a" and attrs.get("ping"):
            self.urls.append(attrs["ping"])
        if tag == "script" and not attrs.get("src") and attrs.get("type") != "application/ld+json":
            self._in_script = True
            self.inline_scripts.append("")

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.inline_scripts[-1] += data


def is_local(url: str) -> bool:
    return url.startswith("data:") or not re.match(r"^([a-z][a-z0-9+.-]*:|//)", url.strip(), re.IGNORECASE)


def our_files(site: Path, suffix: str) -> list[Path]:
    return sorted(site.rglob(f"*{suffix}"))


def test_no_page_asks_another_host_for_anything(seed_site):
    pages = our_files(seed_site, ".html")
    assert len(pages) > 90
    for page in pages:
        parser = Requests()
        parser.feed(page.read_text(encoding="utf-8"))
        assert [u for u in parser.urls if not is_local(u)] == [], page
        # The one policy, which allows an inline script only by its hash (404.html's).
        hashes = "".join(
            f" 'sha256-{base64.b64encode(hashlib.sha256(s.encode()).digest()).decode()}'"
            for s in parser.inline_scripts
        )
        assert parser.csp == [CSP.replace("script-src 'self'", "script-src 'self'" + hashes)], page


def test_stylesheets_and_scripts_fetch_nothing_from_elsewhere(seed_site):
    for css in our_files(seed_site, ".css"):
        text = css.read_text(encoding="utf-8")
        urls = re.findall(r"url\(\s*['\"]?([^'\")]+)", text) + re.findall(r"@import\s+['\"]([^'\"]+)", text)
        assert [u for u in urls if not is_local(u)] == [], css
    for script in our_files(seed_site, ".js"):
        assert not re.search(r"https?://", script.read_text(encoding="utf-8")), script


@pytest.mark.parametrize(
    "html, unsafe",
    [
        ('<img src=x onerror="alert(1)">', True),
        ('<a href="javascript:alert(1)">x</a>', True),
        ("<script>alert(1)</script>", True),
        ("&lt;img src=x onerror=alert(1)&gt; &lt;script&gt;alert(1)&lt;/script&gt;", False),
        ('<script type="application/ld+json">{"name": "alert"}</script>', False),
    ],
)
def test_the_unsafe_markup_detector_itself(html, unsafe):
    assert bool(unsafe_markup(html)) is unsafe
