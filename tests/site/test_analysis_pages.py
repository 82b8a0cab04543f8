"""The analysis pages of the seed site: comparison, quotations, network,
timeline, notes, outlets."""

from __future__ import annotations

import re

from newsdossier.analysis.network import co_mention_network
from newsdossier.models.dossier import unnamed_outlet_id
from tests.helpers import ROOT, dossier_for


def read(site, path):
    return (site / path).read_text(encoding="utf-8")


def section(html: str, section_id: str) -> str:
    start = html.index(f'id="{section_id}"')
    return html[start : html.index("</section>", start)]


def linked_entities(html: str) -> list[str]:
    return re.findall(r'href="\.\./entities/([a-z0-9-]+)\.html"', html)


def test_every_analysis_page_is_linked_from_home(seed_site):
    home = read(seed_site, "index.html")
    for href in (
        "compare/beijing-2022--beijing-2024.html",
        "quotes.html",
        "network.html",
        "timeline.html",
        "outlets/index.html",
        "compare/outlets.html",
    ):
        assert f'href="{href}"' in home
        assert (seed_site / href).is_file()


def test_comparison_columns(seed_site):
    html = read(seed_site, "compare/beijing-2022--beijing-2024.html")
    only_2022, only_2024 = (
        linked_entities(section(html, "only-first")),
        linked_entities(section(html, "only-second")),
    )
    assert {"winter-olympics-2022", "aukus"} <= set(only_2022)
    assert {"andrei-belousov", "kharkiv-oblast"} <= set(only_2024)
    assert not set(only_2022) & set(only_2024)
    shared = section(html, "shares-title")
    assert "vladimir-putin" in linked_entities(shared) and "xi-jinping" in linked_entities(shared)
    # The analyst's theme notes, with their entity links and footnote.
    assert 'class="entity-link">منطقة خاركيف</a>' in html and 'class="footnote-ref"' in html
    assert "فرانس 24" in html and "سبوتنيك عربي" in html  # outlets of each summit


def test_wang_peng_page_lists_his_three_numbered_points(seed_site):
    html = read(seed_site, "entities/wang-peng.html")
    said = section(html, "said-title")
    for opening in ("«أولاً، هذا هو تعميق", "«ثانيا، أكد رئيسا الصين", "«ثالثا، يتعلق الأمر"):
        assert opening in said
    assert said.count('<li class="quote') == 6
    # On the speaker's own page an inferred quotation still says so.
    assert said.count("نُسب من السياق") == said.count("quote-inferred") > 0
    # Each quotation links back to its paragraph in the article.
    assert 'href="../articles/sputnik-2024-05-16-wang-peng.html#line-6"' in said


def test_quotes_index_marks_unattributed_quotes(seed_site):
    html = read(seed_site, "quotes.html")
    # 30 quoted passages, one of them twice in one article: 29 quotations.
    assert html.count('<li class="quote') == 29
    assert html.count("تعارضان أي توسيع للحلف الأطلسي مستقبلاً") == 1
    # Once 10 were unattributed; the joint statement now speaks (a document
    # of the gazetteer), and a quotation nested in another is whole.
    assert html.count('class="quote quote-none"') == 6
    assert "يجب على الولايات المتحدة أن تتخلى عن هذا السلوك" in html
    assert "«التزامها بمبدأ “صين واحدة”، وتعترف بأن تايوان" in html
    statement = read(seed_site, "quotes/russia-china-joint-statements.html")
    assert statement.count('<li class="quote') >= 3
    assert "الأقوال المنسوبة إلى البيان المشترك الروسي الصيني" in statement
    # Short quoted terms are listed apart.
    assert "«حقبة جديدة»" in section(html, "phrases-title") and "«القوى المسؤولة»" in section(
        html, "phrases-title"
    )
    putin_2024 = read(seed_site, "summits/beijing-2024.html")
    assert "نحن منفتحون على الحوار بشأن أوكرانيا" in section(putin_2024, "quotes-title")


def test_quotation_headings_presume_no_gender(seed_site):
    # A speaker may be a woman, a ministry or a country («وزارة الخارجية
    # الصينية», «روسيا»): the headings name the speaker instead of saying
    # «أقواله» or «ما قاله», which are masculine.
    ministry = read(seed_site, "entities/chinese-foreign-ministry.html")
    assert "الأقوال المنسوبة إلى وزارة الخارجية الصينية في المقالات (1)" in ministry
    quotes = read(seed_site, "quotes/chinese-foreign-ministry.html")
    assert "<h1>الأقوال المنسوبة إلى وزارة الخارجية الصينية</h1>" in quotes
    for page in (ministry, quotes):
        assert "أقواله" not in page and "ما قاله" not in page and "حضوره" not in page


def test_network_links_putin_and_xi(seed_site):
    project_dossier = dossier_for(ROOT)
    network = co_mention_network(project_dossier.articles)
    assert any({e.first, e.second} == {"vladimir-putin", "xi-jinping"} for e in network.edges)
    html = read(seed_site, "network.html")
    svg = html[html.index("<svg") : html.index("</svg>")]
    assert '<a href="entities/vladimir-putin.html" class="node node-person">' in svg
    assert '<a href="entities/xi-jinping.html" class="node node-person">' in svg
    assert "<title>شي جين بينغ – فلاديمير بوتين" in svg or "<title>فلاديمير بوتين – شي جين بينغ" in svg
    assert "<script" not in html.split("</header>")[1]  # no JavaScript needed
    summit = read(seed_site, "summits/beijing-2022.html")
    assert '<svg class="network"' in summit


def test_network_layout_is_deterministic():
    articles = dossier_for(ROOT).articles
    assert co_mention_network(articles) == co_mention_network(articles)


def test_timeline_orders_summits_and_articles(seed_site):
    html = read(seed_site, "timeline.html")
    order = [
        html.index(s)
        for s in (
            "summits/beijing-2022.html",
            "articles/reuters-2022-02-04-joint-statement.html",
            "articles/france24-2022-02-05-no-limits.html",
            "summits/beijing-2024.html",
            "articles/masdar-2024-05-17-telegraph-five-things.html",
        )
    ]
    assert order == sorted(order)


def test_outlet_pages(seed_site):
    index = read(seed_site, "outlets/index.html")
    for outlet in ("sputnik", "france-24", "masdar-news"):
        assert f'href="../outlets/{outlet}.html"' in index
    # Two publishers the gazetteer lacks: a page each, not one page for both.
    for name in ("تقرير عربي نقلًا عن رويترز", "ترجمة عربية لتقرير وكالة"):
        assert f'href="../outlets/{unnamed_outlet_id(name)}.html">{name}</a>' in index
        page = read(seed_site, f"outlets/{unnamed_outlet_id(name)}.html")
        assert f"<h1>{name}</h1>" in page and page.count('class="article-item"') == 1
    sputnik = read(seed_site, "outlets/sputnik.html")
    assert "articles/sputnik-2024-05-16-wang-peng.html" in sputnik
    assert linked_entities(section(sputnik, "named-title"))[:2] == ["china", "russia"]


def test_entity_note_renders_with_its_footnote(seed_site):
    html = read(seed_site, "entities/xi-jinping.html")
    assert "الرئيس الحادي عشر" in section(html, "note-title") and 'id="fn-entity-xi-jinping-1"' in html


def test_a_third_summit_gets_its_comparisons(mini_project):
    summits = mini_project / "dossier" / "summits.yaml"
    summits.write_text(
        summits.read_text(encoding="utf-8")
        + "- id: moscow-2023\n  title_ar: قمة موسكو 2023\n  title_en: Moscow 2023\n  start: 2023-03-20\n"
        "  end: 2023-03-22\n  place: beijing\n  summary: زيارة شي إلى موسكو.\n",
        encoding="utf-8",
    )
    dossier = dossier_for(mini_project)
    assert [c.id for c in dossier.comparisons] == ["beijing-2022--moscow-2023"]
    summits.write_text(
        summits.read_text(encoding="utf-8")
        + "- id: beijing-2024\n  title_ar: قمة بكين 2024\n  title_en: Beijing 2024\n  start: 2024-05-16\n"
        "  end: 2024-05-17\n  place: beijing\n  summary: زيارة دولة.\n",
        encoding="utf-8",
    )
    dossier = dossier_for(mini_project)
    assert [c.id for c in dossier.comparisons] == [
        "beijing-2022--moscow-2023",
        "beijing-2022--beijing-2024",
        "moscow-2023--beijing-2024",
    ]
    first = dossier.comparisons[0]
    assert [c.entity_id for c in first.only_first] == ["vladimir-putin", "beijing", "xi-jinping", "china"]
    assert first.only_second == ()


def test_every_page_shows_one_count_per_entity(seed_site):
    """The home page's most named, each entity page, and the networks (the
    whole dossier's) give one count for a name: mentions by name, an
    apposition once, descriptive references apart."""
    links = {e.entity_id: e.mention_count for e in dossier_for(ROOT).entity_links}
    network = read(seed_site, "network.html")
    node = r'href="entities/([a-z0-9-]+)\.html" class="node[^"]*"><title>[^<(]+\((\d+)\)'
    drawn = dict(re.findall(node, network))
    assert drawn and {e: int(n) for e, n in drawn.items()} == {e: links[e] for e in drawn}
    home = read(seed_site, "index.html")
    item = r'href="entities/([a-z0-9-]+)\.html"[^>]*>[^<]+</a>\s*<span class="count">(\d+)'
    listed = re.findall(item, home)
    assert listed and all(int(n) == links[e] for e, n in listed)
    for entity_id in ("vladimir-putin", "xi-jinping", "china"):
        page = read(seed_site, f"entities/{entity_id}.html")
        assert f"{links[entity_id]} إشارة" in page or f"{links[entity_id]} إشارات" in page


def test_outlets_side_by_side_answer_which_outlet_stressed_what(seed_site):
    html = read(seed_site, "compare/outlets.html")
    dossier = dossier_for(ROOT)
    cards = html.split('class="outlet-card"')[1:]
    assert len(cards) == len(dossier.outlets)
    sputnik = next(c for c in cards if 'href="../outlets/sputnik.html"' in c)
    # Sputnik's interview repeats التعاون ten times (three in all the others):
    # a significant difference, said in words.
    assert re.search(r"التعاون</span>[^<]*<span[^>]*>\(10 مرات هنا، 3 مرات في غيره[^)]*فارق دالّ", sputnik)
    assert "wang-peng" in linked_entities(sputnik)
    # Five articles from five outlets: the page says what that means.
    assert 'class="caveat"' in html and "العيّنة صغيرة" in html
    assert 'href="compare/outlets.html"' in read(seed_site, "index.html")
    assert 'href="../compare/outlets.html"' in read(seed_site, "outlets/sputnik.html")


def test_an_outlet_page_answers_even_without_a_significant_name(seed_site):
    """France 24's names lean but pass no threshold: the page lists them,
    and says that they are a leaning of these articles, not a finding."""
    page = section(read(seed_site, "outlets/france-24.html"), "distinctive-title")
    assert "لا اسم يذكره هذا المنبر أكثر من غيره بفارق دالّ إحصائيًا في هذه العيّنة" in page
    assert "ميلٌ في هذه المقالات" in page
    assert linked_entities(page)[:1] == ["beijing"]
