"""Notes as HTML: wiki links drawn as entity links, footnotes, no raw HTML."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from newsdossier.language.gazetteer import Gazetteer
from newsdossier.models.curation import Entity
from newsdossier.models.kinds import EntityType
from newsdossier.site.markdown import MarkdownRenderer

ENTITIES = (
    Entity(
        "xi-jinping", EntityType.PERSON, "شي جين بينغ", "Xi Jinping", ("شي جينبينغ", "شي"), "Q15031", "", 1
    ),
    Entity("kharkiv-oblast", EntityType.PLACE, "منطقة خاركيف", "Kharkiv Oblast", (), None, "", 8),
)


# The renderer reads an article's title only.
ARTICLES = {"wire-2024": SimpleNamespace(title="بوتين يشكر شي")}


@pytest.fixture(scope="module")
def md():
    return MarkdownRenderer(Gazetteer(ENTITIES), {e.id: e for e in ENTITIES}, ARTICLES)


LINKS = [
    ("[[xi-jinping]]", '<a href="../entities/xi-jinping.html" class="entity-link">شي جين بينغ</a>'),
    ("[[شي جينبينغ]]", '<a href="../entities/xi-jinping.html" class="entity-link">شي جينبينغ</a>'),
    ("[[شِي]]", '<a href="../entities/xi-jinping.html" class="entity-link">شِي</a>'),
    (
        "[[xi-jinping|الرئيس الصيني]]",
        '<a href="../entities/xi-jinping.html" class="entity-link">الرئيس الصيني</a>',
    ),
    ("[[منطقة خاركيف]]", '<a href="../entities/kharkiv-oblast.html" class="entity-link">منطقة خاركيف</a>'),
    ("[[article:wire-2024]]", '<a href="../articles/wire-2024.html">بوتين يشكر شي</a>'),
    (
        "[[article:wire-2024#21]]",
        '<a href="../articles/wire-2024.html#line-21">السطر 21 من نص «بوتين يشكر شي»</a>',
    ),
    ("[[article:wire-2024#21|هنا]]", '<a href="../articles/wire-2024.html#line-21">هنا</a>'),
    (
        "[[xi-jinping|<b>&</b>]]",
        '<a href="../entities/xi-jinping.html" class="entity-link">&lt;b&gt;&amp;&lt;/b&gt;</a>',
    ),
]


@pytest.mark.parametrize("source, html", LINKS, ids=[s for s, _ in LINKS])
def test_wiki_links_become_entity_links(md, source, html):
    assert md.render(source, "../", "n") == f"<p>{html}</p>\n"


def test_footnotes_and_no_raw_html(md):
    html = md.render(
        "نص[^1] <script>alert(1)</script> <img src=x onerror=alert(1)> [رابط](javascript:alert(1))\n\n"
        "[^1]: حاشية.",
        "",
        "n",
    )
    assert 'href="#fn-n-1"' in html and 'id="fn-n-1"' in html
    assert "<script" not in html and "<img" not in html and 'href="javascript:' not in html


def test_a_link_in_code_stays_code(md):
    assert md.render("`[[xi-jinping]]`", "", "n") == "<p><code>[[xi-jinping]]</code></p>\n"
