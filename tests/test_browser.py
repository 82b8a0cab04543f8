"""The seed site in a real browser: Playwright driving Debian's Chromium.

The site is served from a sub-path (http://127.0.0.1:PORT/dossier/), as a
static host would, and also opened from disk. Screenshots of each page type,
phone and desktop, are kept in tests/artifacts/ for a person to look at.
"""

from __future__ import annotations

import functools
import re
import shutil
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from newsdossier.site.arabic import TYPE_LABELS
from newsdossier.site.pages import page_type_name, page_types
from newsdossier.site.view import SiteView
from tests.helpers import ROOT, build_site, dossier_for, make_project, page_examples

playwright_api = pytest.importorskip("playwright.sync_api", reason="playwright is installed by `make test`")

CHROMIUM = Path("/usr/bin/chromium")
AXE = ROOT / "tests" / "tools" / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = ROOT / "tests" / "artifacts"
SUB_PATH = "dossier"
PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 900}

# Every page type, by name (`page_types()`): each is screenshot at its example page.
PAGE_TYPE_NAMES = [page_type_name(m) for m in page_types()]
# An article with names in several sections, for the reading tests.
ARTICLE = "articles/masdar-2024-05-17-telegraph-five-things.html"
READING_PHONE = {"width": 390, "height": 844}


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


@pytest.fixture(scope="module")
def site_url(seed_site, tmp_path_factory):
    """The seed site served under a sub-path on localhost."""
    www = tmp_path_factory.mktemp("www")
    shutil.copytree(seed_site, www / SUB_PATH)
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(www)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/{SUB_PATH}/"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def reference_site_url(tmp_path_factory):
    """A site whose article text the data export gives by reference to its
    raw copy (tests/site/test_export.py), served on localhost."""
    root = tmp_path_factory.mktemp("reference")
    project = make_project(root / "project")
    text = "بوتين في بكين\n\nوقال بوتين إن صفقة الغاز تاريخية.\n"
    (project / "seeds" / "b.txt").write_text(text, encoding="utf-8")
    with (project / "dossier" / "articles.yaml").open("a", encoding="utf-8") as metadata:
        metadata.write(
            "- id: article-b\n  source_file: b.txt\n  summit: beijing-2022\n  date: 2022-02-05\n"
            "  outlet: null\n  outlet_name: موقع تجريبي\n"
        )
    build_site(project, root / "www" / SUB_PATH)
    assert "text_in" in (root / "www" / SUB_PATH / "data" / "articles" / "article-b.json").read_text()
    server = ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(root / "www"))
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/{SUB_PATH}/"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def examples() -> dict[str, str]:
    """The example page of each page type in the seed dossier, which has a
    page of every type."""
    found = page_examples(SiteView(dossier_for(ROOT)))
    assert None not in found.values(), f"page types the seed dossier has no page of: {found}"
    return found


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.fail("Chromium is missing: `make test` installs it (tests/tools/system-packages.sh)")
    with playwright_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport=DESKTOP, locale="ar")
    page = context.new_page()
    page.requests = []
    page.on("request", lambda request: page.requests.append(request.url))
    console = []
    page.on("console", lambda message: console.append(message.text))
    yield page
    context.close()
    # The Content-Security-Policy blocked nothing the site itself needs.
    assert [m for m in console if "Content Security Policy" in m] == []


def test_reader_walks_home_summit_article_entity_and_back(page, site_url):
    page.goto(site_url + "index.html")
    page.get_by_role("link", name="زيارة الدولة إلى بكين 2024").first.click()
    assert page.url.endswith("/dossier/summits/beijing-2024.html")
    page.get_by_role("link", name="التلغراف البريطانية: خمسة أشياء تعلمناها من قمة شي-بوتين").first.click()
    assert page.url.endswith("/dossier/articles/masdar-2024-05-17-telegraph-five-things.html")
    # Click a highlighted name in the text: its entity page opens.
    page.locator("a.mention", has_text="أندريه بيلوسوف").first.click()
    assert page.url.endswith("/dossier/entities/andrei-belousov.html")
    assert page.locator("h1").inner_text() == "أندريه بيلوسوف"
    # From the mention in context back to its place in the article.
    page.locator(".contexts a").first.click()
    assert "/dossier/articles/masdar-2024-05-17-telegraph-five-things.html#m" in page.url
    page.go_back()
    page.go_back()
    assert page.url.endswith("/dossier/articles/masdar-2024-05-17-telegraph-five-things.html")
    # Nothing was requested from any other host.
    assert all(url.startswith(site_url) for url in page.requests), [
        u for u in page.requests if not u.startswith(site_url)
    ]


def test_a_link_to_a_removed_line_opens_the_list_it_is_in(page, site_url):
    # The entity page's note links line 21 of an article, one its parser
    # removed: the article page's closed list of removed lines opens there.
    # (`expect` waits: the list opens on the page's load or hashchange event.)
    expect = playwright_api.expect
    page.goto(site_url + "entities/xi-jinping.html")
    page.get_by_role("link", name="السطر 21 من نص").first.click()
    page.wait_for_url("**/dossier/articles/wire-2024-05-16-putin-thanks-xi.html#line-21")
    expect(page.locator("details#removed")).to_have_attribute("open", "")
    expect(page.locator("#line-21")).to_be_visible()
    # The byline's count of removed lines opens it too, on another article.
    page.goto(site_url + "articles/sputnik-2024-05-16-wang-peng.html")
    assert page.locator("details#removed").get_attribute("open") is None
    page.locator("a.removed-count").click()
    expect(page.locator("details#removed")).to_have_attribute("open", "")
    expect(page.locator("#line-13")).to_be_visible()


def test_site_works_opened_from_disk(page, seed_site):
    page.goto((seed_site / "index.html").as_uri())
    page.get_by_role("link", name="الأسماء", exact=True).click()
    page.get_by_role("link", name="فلاديمير بوتين").first.click()
    assert page.url == (seed_site / "entities" / "vladimir-putin.html").as_uri()
    assert page.locator("link[rel=stylesheet]").count() >= 1
    # The stylesheet loaded: mentions are coloured.
    colour = page.locator("h1 .entity").evaluate("e => getComputedStyle(e).backgroundColor")
    assert colour not in ("rgba(0, 0, 0, 0)", "transparent")


LOAD_MORE = "عرض مزيد من النتائج"  # templates/search.html


def settled(page) -> None:
    """Wait until the search page has answered (assets/search.js marks the
    results list busy while it searches and shows)."""
    page.wait_for_selector("#search-results[aria-busy=false]", state="attached", timeout=15000)


def result_pages(page) -> list[str]:
    """The pages in the results, in rank order, every result loaded."""
    settled(page)
    more = page.get_by_role("button", name=LOAD_MORE)
    while more.count() and more.is_visible():
        more.click()
        settled(page)
    return [link.get_attribute("href") for link in page.locator(".result-title a").all()]


def search(page, site_url, query):
    page.goto(site_url + "search.html?q=" + query)
    return result_pages(page)


def status(page) -> str:
    return page.locator("#search-status").inner_text()


@pytest.mark.parametrize(
    "query, entity",
    [
        ("بوتين", "vladimir-putin"),
        ("شي جينبينغ", "xi-jinping"),
        ("شي جين بينج", "xi-jinping"),
        ("شويجو", "sergei-shoigu"),
    ],
)
def test_arabic_search_finds_the_entity_page(page, site_url, query, entity):
    results = search(page, site_url, query)
    assert f"/{SUB_PATH}/entities/{entity}.html" in results[:3], results


def test_a_result_shows_an_excerpt_of_a_text_the_export_gives_by_reference(page, reference_site_url):
    assert "articles/article-b.html" in search(page, reference_site_url, "الغاز")[0]
    excerpt = page.locator(".result-excerpt").first
    assert "صفقة الغاز تاريخية" in excerpt.inner_text()
    assert excerpt.locator("mark").all_inner_texts() == ["الغاز"]


def test_the_404_page_works_where_the_site_is_served_not_only_at_base_url(page, site_url):
    # base_url says /putin-xi-beijing/; here the site is under /dossier/, and
    # a host would serve this page for a missing path at any depth.
    page.goto(site_url + "404.html")
    home = page.get_by_role("link", name="الصفحة الرئيسية")
    page.wait_for_function(
        "() => document.querySelector('main a').getAttribute('href').startsWith('/dossier/')"
    )
    assert page.locator("link[rel=stylesheet]").first.get_attribute("href") == f"/{SUB_PATH}/assets/style.css"
    home.click()
    assert page.url == site_url + "index.html"


def test_an_article_starts_on_the_first_screen_of_a_phone(browser, site_url):
    context = browser.new_context(viewport=READING_PHONE, is_mobile=True, locale="ar")
    page = context.new_page()
    page.goto(site_url + ARTICLE)
    first = page.locator(".article-body p").first
    box = first.bounding_box()
    assert box["y"] + 40 < READING_PHONE["height"], box  # at least its first line
    # Body text at news sites' size: 18–20 px.
    size = float(first.evaluate("e => getComputedStyle(e).fontSize")[:-2])
    assert 18 <= size <= 20, size
    context.close()


def test_an_entitys_count_tables_keep_their_headings_apart_on_a_phone(browser, site_url):
    # «المقالات» and «الإشارات بالاسم» ran together into one phrase at 390 px.
    context = browser.new_context(viewport=READING_PHONE, is_mobile=True, locale="ar")
    page = context.new_page()
    page.goto(site_url + "entities/vladimir-putin.html")
    gaps = page.evaluate(
        """() => [...document.querySelectorAll('table.periods thead tr')].map(row => {
            const boxes = [...row.cells].map(cell => {
                const range = document.createRange();
                range.selectNodeContents(cell);
                return range.getBoundingClientRect();
            });
            // right to left: each heading's text ends left of the one before it
            return boxes.slice(1).map((box, i) => boxes[i].left - box.right);
        })"""
    )
    context.close()
    assert len(gaps) == 2 and all(len(row) == 2 for row in gaps), gaps
    assert min(min(row) for row in gaps) >= 16, gaps  # a clear gap between two headings


def test_names_are_quiet_until_the_reader_shows_them_by_keyboard(page, site_url):
    page.goto(site_url + ARTICLE)
    mention = page.locator(".article-body .mention").first
    background = "e => getComputedStyle(e).backgroundColor"
    assert mention.evaluate(background) in ("rgba(0, 0, 0, 0)", "transparent")
    # Few links: a name is linked once per section, never in the title.
    assert page.locator("h1 a").count() == 0
    links = page.locator(".article-body a.mention").count()
    assert 0 < links < page.locator(".article-body .mention").count()
    switch = page.get_by_role("button", name="إظهار الأسماء")
    assert switch.get_attribute("aria-pressed") == "false"
    for _ in range(40):  # Tab until the switch has the focus
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('names-switch')"):
            break
    else:
        raise AssertionError("the switch cannot be reached by keyboard")
    page.keyboard.press("Enter")
    assert switch.get_attribute("aria-pressed") == "true"
    assert mention.evaluate(background) not in ("rgba(0, 0, 0, 0)", "transparent")
    # Types are written, not told by colour alone; the legend appears.
    # Each link's label is its type's (a CSS rule per type class).
    labels = {t.value: label.one for t, label in TYPE_LABELS.items()}
    links = page.locator(".article-body a.mention")
    shown = {
        tuple(links.nth(i).evaluate("e => [e.className, getComputedStyle(e, '::after').content]"))
        for i in range(links.count())
    }
    types = {re.search(r"entity-([a-z]+)", kind).group(1): content.strip('"') for kind, content in shown}
    assert len(types) > 1 and all(labels[t] == label for t, label in types.items()), types
    assert page.locator(".names-tools .legend").is_visible()
    legend = (
        page.locator(".names-tools + .article-body").count(),
        page.locator(".legend .entity").all_inner_texts(),
    )
    assert legend == (1, [label.one for label in TYPE_LABELS.values()]), legend
    # Remembered on the next article page.
    page.goto(
        site_url + ARTICLE.replace("masdar-2024-05-17-telegraph-five-things", "sputnik-2024-05-16-wang-peng")
    )
    assert page.get_by_role("button", name="إظهار الأسماء").get_attribute("aria-pressed") == "true"
    page.keyboard.press("Tab")
    page.get_by_role("button", name="إظهار الأسماء").press("Space")
    assert page.get_by_role("button", name="إظهار الأسماء").get_attribute("aria-pressed") == "false"


def test_quotes_page_filters_by_speaker(page, site_url):
    page.goto(site_url + "quotes.html")
    everyone = page.locator(".quote").count()
    page.locator("nav.speakers").get_by_role("link", name="وانغ بينغ").click()
    assert page.url.endswith("/quotes/wang-peng.html")
    shown = page.locator(".quote")
    assert 0 < shown.count() < everyone
    assert page.locator("h1").inner_text() == "الأقوال المنسوبة إلى وانغ بينغ"
    # Each one captioned by outlet and date, linking to its place in the article.
    caption = shown.first.locator(".meta a").last
    assert "2024" in caption.inner_text() and "#line-" in caption.get_attribute("href")


ARTICLES_NAMING_XI = {  # every seed article names Xi, in one spelling or another
    "france24-2022-02-05-no-limits",
    "masdar-2024-05-17-telegraph-five-things",
    "reuters-2022-02-04-joint-statement",
    "sputnik-2024-05-16-wang-peng",
    "wire-2024-05-16-putin-thanks-xi",
}


def result_articles(results: list[str]) -> set[str]:
    prefix = f"/{SUB_PATH}/articles/"
    return {r[len(prefix) : -len(".html")] for r in results if r.startswith(prefix)}


def excerpts(page) -> list[str]:
    return [e.inner_text() for e in page.locator(".result-excerpt").all()]


@pytest.mark.parametrize("query", ["شي جينبينغ", "شي جين بينج", "شي جين بينغ"])
def test_any_spelling_of_a_name_finds_every_article_naming_it(page, site_url, query):
    results = search(page, site_url, query)
    assert result_articles(results) == ARTICLES_NAMING_XI, results
    # The name's own page first; the page says why the other spellings are found.
    assert results[0] == f"/{SUB_PATH}/entities/xi-jinping.html", results
    assert "اسم في معجم الملف" in status(page)


def test_a_name_with_a_proclitic_finds_the_name_and_no_lone_letter(page, site_url):
    results = search(page, site_url, "وبوتين")
    assert results[0] == f"/{SUB_PATH}/entities/vladimir-putin.html", results
    assert result_articles(results), results
    # Every result matched Putin (in its title or excerpt), never a word that only starts with و.
    shown = [e.inner_text() for e in page.locator(".result").all()]
    assert all("بوتين" in text for text in shown), shown
    # Marked: Putin's name in every spelling (a reference by title, «الرئيس
    # الروسي», is marked apart, as the article page draws it).
    marked = {m.inner_text() for m in page.locator(".result mark:not(.descriptive)").all()}
    assert marked and all("بوتين" in m for m in marked), marked


def test_the_article_is_optional_in_a_query(page, site_url):
    with_article = result_articles(search(page, site_url, "العقوبات"))
    without = result_articles(search(page, site_url, "عقوبات"))
    assert len(with_article) >= 3 and with_article == without


def test_a_lone_letter_finds_nothing_and_says_why(page, site_url):
    assert search(page, site_url, "و") == []
    assert "حرف واحد" in status(page)


def test_an_absent_name_finds_nothing_and_says_so_plainly(page, site_url):
    # لافروف is in no text: no result on a fragment («لا») or a letter.
    assert search(page, site_url, "لافروف") == []
    assert "لا ترد «لافروف» في أي نص من نصوص الملف" in status(page)
    assert page.locator(".result").count() == 0


# Every seed text writing دولار as a word («117.5 مليار دولار», «240 مليار دولار»);
# «دولة»، «الدولي», «الدولتان» are other words.
DOLLAR_ARTICLES = {"france24-2022-02-05-no-limits", "wire-2024-05-16-putin-thanks-xi"}


def test_a_word_is_never_found_by_a_fragment_of_another(page, site_url):
    results = search(page, site_url, "الدولار")
    assert result_articles(results) == DOLLAR_ARTICLES and len(results) == 2, results
    marked = [m.inner_text() for m in page.locator(".result-excerpt mark").all()]
    assert marked and set(marked) == {"دولار"}, marked


def test_a_phrase_ranks_the_page_with_the_phrase_first(page, site_url):
    # Both words are in four articles; next to each other in one.
    results = search(page, site_url, "العلاقات العسكرية")
    assert len(result_articles(results)) >= 4, results
    assert results[0] == f"/{SUB_PATH}/articles/wire-2024-05-16-putin-thanks-xi.html", results
    first = page.locator(".result").first
    assert [m.inner_text() for m in first.locator(".result-excerpt mark").all()][:2] == [
        "العلاقات",
        "العسكرية",
    ]
    # In quotation marks, the phrase is required.
    assert search(page, site_url, "«العلاقات العسكرية»") == [results[0]]
    assert search(page, site_url, "«العسكرية العلاقات»") == []
    assert "لا ترد هذه العبارة" in status(page)


def test_a_name_one_letter_off_is_offered_never_searched_silently(page, site_url):
    assert search(page, site_url, "بوتن") == []
    assert "لا ترد «بوتن»" in status(page)
    # The nearest name is a link the reader may follow.
    page.locator("#search-status").get_by_role("link", name="«بوتين»").click()
    results = result_pages(page)
    assert results[0] == f"/{SUB_PATH}/entities/vladimir-putin.html", results
    assert page.locator("#search-input").input_value() == "بوتين"


def test_a_phone_shows_results_on_its_first_screen(browser, site_url):
    context = browser.new_context(viewport=PHONE, is_mobile=True, locale="ar")
    page = context.new_page()
    search(page, site_url, "بوتين")
    # Filters start closed: they would push the results down.
    assert page.locator("#search-filters").get_attribute("open") is None
    first = page.locator(".result").first
    title = first.locator(".result-title").bounding_box()
    assert title["y"] + title["height"] <= PHONE["height"], title
    excerpt = first.locator(".result-excerpt")
    assert excerpt.bounding_box()["y"] < PHONE["height"]
    assert float(excerpt.evaluate("e => getComputedStyle(e).fontSize")[:-2]) >= 16
    context.close()


def test_search_opened_from_disk_says_why_it_cannot_work(page, seed_site):
    page.goto((seed_site / "search.html").as_uri())
    message = page.get_by_role("status")
    assert "خادم" in message.inner_text()
    assert page.locator("#search-results").count() == 0


def test_search_filters_by_kind_and_summit_with_one_heading_each(page, site_url):
    results = search(page, site_url, "المناورات")
    assert f"/{SUB_PATH}/articles/masdar-2024-05-17-telegraph-five-things.html" in results, results
    assert f"/{SUB_PATH}/articles/reuters-2022-02-04-joint-statement.html" in results, results
    # Each filter's heading once (open on a wide screen).
    legends = [e.inner_text() for e in page.locator("#search-filters legend").all()]
    assert sorted(legends) == sorted(set(legends)) and "القمة" in legends, legends
    page.locator("#search-filters label", has_text="قمة بكين 2022").click()
    filtered = result_pages(page)
    assert f"/{SUB_PATH}/articles/reuters-2022-02-04-joint-statement.html" in filtered, filtered
    assert all("2024" not in r for r in filtered), filtered


def test_interface_is_arabic_and_right_to_left(page, site_url):
    search(page, site_url, "بوتين")
    assert page.evaluate("document.documentElement.dir") == "rtl"
    assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
    placeholder = page.locator("#search-input").get_attribute("placeholder")
    assert any("\u0600" <= c <= "\u06ff" for c in placeholder), placeholder


@pytest.mark.parametrize("name", PAGE_TYPE_NAMES)
def test_phone_screen_has_no_horizontal_scroll(browser, site_url, examples, name):
    context = browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True, locale="ar")
    page = context.new_page()
    path = examples[name]
    page.goto(site_url + path)
    if "?q=" in path:  # the search page, answering
        page.wait_for_selector(".result-title a", timeout=15000)
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"phone-{name}.png"), full_page=True)
    context.close()
    assert overflow <= 0


@pytest.mark.parametrize("name", PAGE_TYPE_NAMES)
def test_desktop_screenshots(page, site_url, examples, name):
    path = examples[name]
    page.goto(site_url + path)
    if "?q=" in path:  # the search page, answering
        page.wait_for_selector(".result-title a", timeout=15000)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"desktop-{name}.png"), full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= DESKTOP["width"]


def test_keyboard_reaches_the_content_with_a_visible_focus(page, site_url):
    page.goto(site_url + "articles/wire-2024-05-16-putin-thanks-xi.html")
    page.wait_for_load_state("load")
    page.bring_to_front()  # key presses go to the focused page
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.getAttribute('href')")
    assert focused == "#main"  # the skip link comes first
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"
    page.keyboard.press("Enter")
    # The fragment's navigation reaches page.url a moment later on a busy machine.
    page.wait_for_url("**#main", timeout=5000)


def all_pages(seed_site: Path) -> list[str]:
    return sorted(p.relative_to(seed_site).as_posix() for p in seed_site.rglob("*.html"))


def test_axe_finds_no_serious_or_critical_violations(browser, site_url, seed_site):
    assert AXE.is_file(), "axe-core is missing: `make test` installs it into tests/tools"
    # The site's CSP rightly refuses inline scripts; axe is injected as one.
    context = browser.new_context(viewport=DESKTOP, locale="ar", bypass_csp=True)
    page = context.new_page()
    problems = []
    paths = all_pages(seed_site) + ["search.html?q=بوتين"]
    for path in paths:
        page.goto(site_url + path)
        if "?q=" in path:
            result_pages(page)
        page.add_script_tag(path=str(AXE))
        violations = page.evaluate(
            "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
        )
        for violation in violations:
            if violation["impact"] in ("serious", "critical"):
                targets = [node["target"] for node in violation["nodes"]][:3]
                problems.append(
                    f"{path}: {violation['id']} ({violation['impact']}): {violation['help']} {targets}"
                )
    context.close()
    assert len(paths) > 90
    assert problems == [], "\n".join(problems)


CHAR_X = """([selector, char]) => {
  const element = document.querySelector(selector);
  const text = element.firstChild;
  const range = document.createRange();
  const index = text.textContent.indexOf(char);
  range.setStart(text, index);
  range.setEnd(text, index + 1);
  return range.getBoundingClientRect().x;
}"""


def test_mixed_latin_and_numbers_keep_their_order_in_arabic_lines(page, site_url):
    # A signed number in an Arabic table cell: "+" stays on the left of its digits.
    page.goto(site_url + "compare/beijing-2022--beijing-2024.html")
    assert page.evaluate(CHAR_X, ["td.up bdi", "+"]) < page.evaluate(CHAR_X, ["td.up bdi", "."])
    # An English name inside an Arabic definition list reads left to right.
    page.goto(site_url + "entities/xi-jinping.html")
    assert page.evaluate(CHAR_X, ["bdi[lang=en]", "X"]) < page.evaluate(CHAR_X, ["bdi[lang=en]", "J"])
    # And the Arabic around it reads right to left: the page title's first word is rightmost.
    assert page.evaluate(CHAR_X, ["h1 .entity", "ش"]) > page.evaluate(CHAR_X, ["h1 .entity", "ب"])


def test_the_404_page_asks_only_its_own_origin(page, site_url, seed_site):
    # A host serves 404.html for any missing path, "//another.host/x/…" included: the root
    # finder must not make that a protocol-relative address of another host.
    origin = site_url.split("/" + SUB_PATH)[0]
    not_found = (seed_site / "404.html").read_bytes()
    page.route(
        "**/*",
        lambda route: (
            route.fulfill(status=404, body=not_found, content_type="text/html; charset=utf-8")
            if route.request.url.endswith("missing.html")
            else route.continue_()
        ),
    )
    page.goto(origin + f"//evil.example/{SUB_PATH}/x/missing.html")
    page.wait_for_load_state("networkidle")
    assert page.requests and all(url.startswith(origin + "/") for url in page.requests), page.requests
    hrefs = page.eval_on_selector_all("[href]", "elements => elements.map(e => e.getAttribute('href'))")
    assert not [h for h in hrefs if h.startswith("//") or "evil.example" in h.split("/")[2:3]], hrefs


ENGLISH_PAGE = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Putin meets Xi</title></head>
<body><article><h1>Putin meets Xi Jinping in Beijing before the Games</h1>
<p>Vladimir Putin met Xi Jinping in Beijing on Friday, hours before the opening of the Winter Olympics.</p>
<p>The two leaders signed a joint statement and said the friendship between them has no limits (2022).</p>
</article></body></html>"""


def test_an_article_in_another_language_reads_left_to_right(page, tmp_path):
    from tests.helpers import build_site, make_project

    project = make_project(tmp_path / "project")
    (project / "seeds" / "b.html").write_text(ENGLISH_PAGE, encoding="utf-8")
    build_site(project, tmp_path / "site", search=False)
    page.goto((tmp_path / "site" / "articles" / "b.html").as_uri())
    direction = "e => [e.lang || e.closest('[lang]').lang, getComputedStyle(e).direction]"
    assert page.locator("h1").evaluate(direction) == ["en", "ltr"]
    body = page.locator(".article-body p").first
    assert body.evaluate(direction) == ["en", "ltr"]
    # The text keeps its own order: "(2022)." at the end of its line, not flipped to the start.
    assert page.locator(".article-body p").nth(1).inner_text().endswith("no limits (2022).")
    # The page around it stays Arabic, right to left.
    assert page.locator(".byline").evaluate(direction) == ["ar", "rtl"]
    assert "مقال بالإنجليزية" in page.locator(".byline").inner_text()
    # Listed under its own title, marked as English, in the Arabic list of articles.
    page.goto((tmp_path / "site" / "articles" / "index.html").as_uri())
    link = page.get_by_role("link", name="Putin meets Xi Jinping in Beijing before the Games")
    assert link.evaluate(direction) == ["en", "ltr"]
