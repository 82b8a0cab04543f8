"""The page registry: page types found by module, paths claimed once, and
pages reused exactly when nothing they read changed."""

from __future__ import annotations

import sys
import types
import xml.etree.ElementTree as ET

import pytest

from newsdossier.inputs.project import read_sources
from newsdossier.models.dossier import unnamed_outlet_id
from newsdossier.models.errors import DossierError
from newsdossier.site import outputs
from newsdossier.site import pages as page_package
from newsdossier.site.pages import Page, nav, page_types, url_for
from newsdossier.site.search_segments import search_segments
from newsdossier.site.view import SiteView
from tests.helpers import ROOT, build_site, dossier_for, page_examples, read_page, tree_bytes


def fake_page_type(name: str, path: str):
    module = types.ModuleType(f"newsdossier.site.pages.{name}")
    module.TEMPLATE = "search.html"
    module.pages = lambda view: [
        Page(path, (), lambda: dict(index="search/index.json"))
    ]  # the search page's one variable
    return module


def test_two_page_types_claiming_one_path_are_an_error(mini_project, monkeypatch):
    real = outputs.page_types()
    monkeypatch.setattr(
        outputs, "page_types", lambda: [*real, fake_page_type("intruder", "articles/article-a.html")]
    )
    dossier = dossier_for(mini_project)
    with pytest.raises(DossierError) as error:
        outputs.plan_site(dossier, (), read_sources(mini_project).seeds)
    assert (
        str(error.value)
        == "articles/article-a.html: two outputs would be written to this path (by `article` and `intruder`)"
    )


def test_a_new_page_type_is_one_module(mini_project, monkeypatch, tmp_path):
    real = outputs.page_types()
    monkeypatch.setattr(outputs, "page_types", lambda: [*real, fake_page_type("extra", "extra.html")])
    build_site(mini_project, tmp_path / "site", search=False)
    assert "البحث في الملف" in read_page(tmp_path / "site", "extra.html")


# A listing page as an analyst's developer would add one: this module and
# its template, nothing else edited.
BRIEFING_MODULE = '''"""A briefing: the summits in one list (a listing page for the tests)."""

from . import Listing, Menu, NavEntry, Page

TEMPLATE = "briefing.html"
LISTING = Listing(
    "briefing/index.html",
    nav=(NavEntry(Menu.ANALYSIS, "الموجز", 35), NavEntry(Menu.TOOLS, "الموجز: القمم في قائمة", 35)),
)


def pages(view):
    yield Page(LISTING.path, (), lambda: _context(view))


def _context(view):
    return dict(titles=[view.summits[s].title_ar for s in view.order["summits"]])
'''
BRIEFING_TEMPLATE = """{% extends "base.html" %}
{% block title %}الموجز{% endblock %}
{% block main %}
<h1>الموجز</h1>
<ul>{% for title in titles %}<li>{{ title }}</li>{% endfor %}</ul>
<p><a href="{{ root }}{{ url_for("quotes") }}">الاقتباسات</a></p>
{% endblock %}
"""


@pytest.fixture
def briefing(tmp_path, monkeypatch):
    """The briefing page type, found by `page_types` in a second folder of
    the package (removed again after the test)."""
    folder = tmp_path / "more_pages"
    folder.mkdir()
    (folder / "briefing.py").write_text(BRIEFING_MODULE, encoding="utf-8")
    monkeypatch.setattr(page_package, "__path__", [*page_package.__path__, str(folder)])
    yield
    sys.modules.pop("newsdossier.site.pages.briefing", None)


def test_a_listing_page_is_one_module_and_one_template(briefing, mini_project, tmp_path):
    (mini_project / "templates" / "briefing.html").write_text(BRIEFING_TEMPLATE, encoding="utf-8")
    site_yaml = mini_project / "dossier" / "site.yaml"
    site_yaml.write_text(site_yaml.read_text(encoding="utf-8") + "base_url: https://example.org/d/\n")
    assert url_for("briefing") == "briefing/index.html"
    assert ("briefing/index.html", "الموجز") in [(link.href, link.label) for link in nav().analysis]
    site = tmp_path / "site"
    build_site(mini_project, site)
    page = read_page(site, "briefing/index.html")
    assert '<a href="../quotes.html">الاقتباسات</a>' in page  # url_for, from its folder
    # The header's menu on every page, and the home page's tools.
    assert '<li><a href="../briefing/index.html">الموجز</a></li>' in read_page(site, "articles/index.html")
    assert '<li><a href="briefing/index.html">الموجز: القمم في قائمة</a></li>' in read_page(
        site, "index.html"
    )
    sitemap = ET.parse(site / "sitemap.xml").getroot()
    locations = [e.text for e in sitemap.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert "https://example.org/d/briefing/index.html" in locations
    # Search reads articles, summits and entities, never a listing: deliberately not indexed.
    view = SiteView(dossier_for(mini_project))
    assert {kind for segment in search_segments(view) for kind, _ in segment.pages} <= {
        "article",
        "summit",
        "entity",
    }
    assert not any(b"briefing" in p.read_bytes() for p in (site / "search").rglob("*.json"))
    # The browser tests' page list has it, at its page.
    assert page_examples(view)["briefing"] == "briefing/index.html"


def test_a_template_asking_for_a_listing_that_is_not_there_is_an_error_at_its_line(mini_project, tmp_path):
    quotes = mini_project / "templates" / "quotes.html"
    lines = quotes.read_text(encoding="utf-8").splitlines(keepends=True)
    main = next(n for n, line in enumerate(lines) if "{% block main %}" in line)
    lines.insert(main + 1, '<a href="{{ root }}{{ url_for("quotations") }}">x</a>\n')
    quotes.write_text("".join(lines), encoding="utf-8")
    with pytest.raises(DossierError) as error:
        build_site(mini_project, tmp_path / "site", search=False)
    assert str(error.value).startswith(
        f"templates/quotes.html:{main + 2}: template error: KeyError: \"no listing page named 'quotations'"
    ), str(error.value)


def test_the_registry_names_every_listing_and_templates_spell_no_listing_path():
    """Templates link listing pages through url_for and nav only."""
    paths = {module.LISTING.path for module in page_types() if hasattr(module, "LISTING")}
    assert {"index.html", "quotes.html", "articles/index.html", "compare/outlets.html"} <= paths
    for template in (ROOT / "templates").glob("*.html"):
        text = template.read_text(encoding="utf-8")
        for path in paths:
            assert f'"{{{{ root }}}}{path}' not in text and f"}}}}{path}" not in text, (template.name, path)
    with pytest.raises(KeyError, match="no listing page named 'nowhere'"):
        url_for("nowhere")


def test_a_page_follows_data_its_template_starts_to_read(mini_project, tmp_path):
    # The 404 page reads no entity; make its template show one it never
    # read before.
    template = mini_project / "templates" / "404.html"
    template.write_text(
        template.read_text(encoding="utf-8").replace(
            "{% block main %}",
            '{% block main %}\n<p class="x">{{ entities["china"].description }}</p>',
        ),
        encoding="utf-8",
    )
    site = tmp_path / "site"
    build_site(mini_project, site, search=False)
    assert '<p class="x">دولة.</p>' in read_page(site, "404.html")

    entities = mini_project / "dossier" / "entities.yaml"
    entities.write_text(
        entities.read_text(encoding="utf-8").replace("description: دولة.", "description: دولة كبيرة."),
        encoding="utf-8",
    )
    report = build_site(mini_project, site, search=False)
    assert '<p class="x">دولة كبيرة.</p>' in read_page(site, "404.html")
    assert "404.html" in report.made
    build_site(mini_project, tmp_path / "full", search=False, cache=False)
    assert tree_bytes(site) == tree_bytes(tmp_path / "full")


def test_a_page_whose_reads_did_not_change_is_reused(mini_project, tmp_path):
    site = tmp_path / "site"
    build_site(mini_project, site, search=False)
    entities = mini_project / "dossier" / "entities.yaml"
    entities.write_text(
        entities.read_text(encoding="utf-8").replace("description: دولة.", "description: دولة كبيرة."),
        encoding="utf-8",
    )
    report = build_site(mini_project, site, search=False)
    # Exactly the outputs that read China's entry are made again: its own
    # page, the entity index, the data export's index, and the pages that
    # link it (the article naming it, Putin's page listing it beside him,
    # the home, summit, network and outlet pages counting it). The rest are
    # reused.
    assert report.made == (
        "articles/article-a.html",
        "data/index.json",
        "entities/china.html",
        "entities/index.html",
        "entities/vladimir-putin.html",
        "index.html",
        "network.html",
        f"outlets/{unnamed_outlet_id('موقع تجريبي')}.html",
        "summits/beijing-2022.html",
    )


def test_an_entity_has_a_page_when_an_article_names_it_or_the_curation_points_at_it(mini_project, tmp_path):
    dossier = mini_project / "dossier"
    extra = {
        "unused": "اسم لا يرد",
        "publisher": "ناشر مثال",
        "wire": "وكالة مثال",
        "noted": "اسم عليه ملاحظة",
        "linked": "اسم في الملخص",
    }
    with (dossier / "entities.yaml").open("a", encoding="utf-8") as entities:
        for entity_id, name in extra.items():
            entities.write(
                f"- id: {entity_id}\n  type: organisation\n  name_ar: {name}\n  name_en: X\n  aliases: []\n"
                "  wikidata: null\n  description: وصف.\n"
            )
    articles = (dossier / "articles.yaml").read_text(encoding="utf-8")
    (dossier / "articles.yaml").write_text(
        articles.replace("outlet: null", "outlet: publisher") + "  based_on: [wire]\n", encoding="utf-8"
    )
    summits = (dossier / "summits.yaml").read_text(encoding="utf-8")
    (dossier / "summits.yaml").write_text(summits.replace("**قصير**", "عن [[linked]]"), encoding="utf-8")
    (dossier / "notes" / "entities").mkdir(parents=True)
    (dossier / "notes" / "entities" / "noted.md").write_text("ملاحظة.\n", encoding="utf-8")
    site = tmp_path / "site"
    build_site(mini_project, site, search=False)
    pages = {p.stem for p in (site / "entities").glob("*.html")} - {"index"}
    assert pages == {
        "beijing",
        "china",
        "vladimir-putin",
        "xi-jinping",
        "publisher",
        "wire",
        "noted",
        "linked",
    }
    assert "ولا صفحات لها: اسم واحد." in read_page(site, "entities/index.html")  # the unused one, counted
    assert "9 أسماء في المعجم" in read_page(site, "index.html")  # the whole gazetteer


def placing(name: str, places: dict[str, int]):
    """A page type that places its pages in the making order (`making_order`)."""
    module = types.ModuleType(f"newsdossier.site.pages.{name}")
    module.making_order = lambda view: places
    return module


@pytest.mark.parametrize(
    "places, paths, made",
    [
        ({}, ["a", "b", "c"], ["a", "b", "c"]),  # no page type places its pages: path order
        ({"a": 5, "b": 2}, ["a", "b", "c"], ["c", "b", "a"]),  # the others first, then by place
        ({"a": 1, "b": 0, "c": 1}, ["a", "b", "c"], ["b", "a", "c"]),  # a tie: path order
        ({"b": -1, "x": 0}, ["a", "b", "c"], ["a", "b", "c"]),  # placed before the others: with them
        ({"a": 3, "x": 1}, ["a"], ["a"]),  # a place of a page not to be made
    ],
)
def test_pages_are_made_in_the_order_their_types_place_them(monkeypatch, places, paths, made):
    modules = [placing("first", places), types.ModuleType("newsdossier.site.pages.unplaced")]
    monkeypatch.setattr(page_package, "page_types", lambda: modules)
    assert [paths[i] for i in page_package.making_order(None, paths)] == made


def test_an_entitys_pages_are_placed_by_the_middle_article_they_show(project):
    # (`pages.entity.making_order`: neighbouring pages show neighbouring articles.)
    from newsdossier.site.pages import entity
    from newsdossier.site.paging import page_path
    from newsdossier.site.urls import entity_url

    view = SiteView(dossier_for(project))
    places = entity.making_order(view)
    position = {article_id: n for n, article_id in enumerate(view.order["articles"])}
    expected = {}
    for entity_id in view.order["entities"]:
        for number in range(1, view.entity_pages.count(entity_id) + 1):
            items = [a for a, _ in view.entity_pages.items(entity_id, number)]
            expected[page_path(entity_url(entity_id), number)] = (
                position[items[len(items) // 2]] if items else -1
            )
    assert places == expected and set(places) == {p.path for p in entity.pages(view)}
    assert len(set(places.values())) > 1
