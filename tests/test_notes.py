import pytest

from newsdossier.errors import DossierError
from newsdossier.models import Entity, EntityType
from newsdossier.notes import EntityResolver, check_wiki_links, markdown_renderer

ENTITIES = (
    Entity("xi-jinping", EntityType.PERSON, "شي جين بينغ", "Xi Jinping", ("شي جينبينغ", "شي"), "Q15031", "", 1),
    Entity("kharkiv-oblast", EntityType.PLACE, "منطقة خاركيف", "Kharkiv Oblast", (), None, "", 8),
)


@pytest.fixture(scope="module")
def md():
    return markdown_renderer(EntityResolver(ENTITIES))


LINKS = [
    ("[[xi-jinping]]", '<a href="../entities/xi-jinping.html" class="entity-link">شي جين بينغ</a>'),
    ("[[شي جينبينغ]]", '<a href="../entities/xi-jinping.html" class="entity-link">شي جينبينغ</a>'),
    ("[[شِي]]", '<a href="../entities/xi-jinping.html" class="entity-link">شِي</a>'),
    ("[[xi-jinping|الرئيس الصيني]]", '<a href="../entities/xi-jinping.html" class="entity-link">الرئيس الصيني</a>'),
    ("[[منطقة خاركيف]]", '<a href="../entities/kharkiv-oblast.html" class="entity-link">منطقة خاركيف</a>'),
]


@pytest.mark.parametrize("source, html", LINKS, ids=[s for s, _ in LINKS])
def test_wiki_links_resolve_by_id_name_or_alias(md, source, html):
    assert md.render(source, {"root": "../"}) == f"<p>{html}</p>\n"


def test_footnotes_and_no_raw_html(md):
    html = md.render('نص[^1] <script>alert(1)</script> <img src=x onerror=alert(1)> [رابط](javascript:alert(1))\n\n[^1]: حاشية.', {"root": "", "docId": "n"})
    assert 'href="#fn-n-1"' in html and 'id="fn-n-1"' in html
    assert "<script" not in html and "<img" not in html and 'href="javascript:' not in html


def test_unknown_link_is_an_error_at_its_line():
    with pytest.raises(DossierError) as error:
        check_wiki_links("dossier/notes/entities/x.md", "سطر\n\nعن [[شي]] و[[بايدن]].\n", EntityResolver(ENTITIES))
    assert str(error.value) == (
        "dossier/notes/entities/x.md:3: link [[بايدن]] names no entity: `بايدن` is not an id, name or alias in dossier/entities.yaml"
    )


def test_links_in_code_blocks_are_not_checked():
    check_wiki_links("x.md", "```\n[[not-an-entity]]\n```\n", EntityResolver(ENTITIES))
