"""The search engine the page runs (assets/search-core.js, under Node) on a
built site: whole words only, nothing for a word no text contains, phrases,
names in any spelling, excerpts as written. (make eval-search measures it on
a labelled set; tests/test_browser.py drives the page itself.)"""

from __future__ import annotations

import pytest

from bench.search import search
from tests.helpers import build_site, make_project

XI_ARTICLES = {
    "articles/france24-2022-02-05-no-limits.html",
    "articles/masdar-2024-05-17-telegraph-five-things.html",
    "articles/reuters-2022-02-04-joint-statement.html",
    "articles/sputnik-2024-05-16-wang-peng.html",
    "articles/wire-2024-05-16-putin-thanks-xi.html",
}
DOLLAR = {"articles/france24-2022-02-05-no-limits.html", "articles/wire-2024-05-16-putin-thanks-xi.html"}


@pytest.fixture(scope="module")
def answers(seed_site):
    queries = [
        "لافروف",
        "سيرغي لافروف",
        "وانغ يي",
        "بوت",
        "الدولار",
        "بالدولار",
        "و",
        "بوتين و شي",
        "العلاقات العسكرية",
        "«العلاقات العسكرية»",
        "«العسكرية العلاقات»",
        "شي جينبينغ",
        "Xi Jinping",
        "Antonio Guterres",
        "بوتن",
        "117.5",
        "شي-بوتين",
        "الغاز",
        "أ ف ب",
        "بوتين الدولار",
        "بوتين لافروف",
    ]
    return {a["query"]: a for a in search(seed_site, queries, excerpts=3)}


def urls(answer) -> list[str]:
    return [hit["url"] for hit in answer["hits"]]


@pytest.mark.parametrize("query", ["لافروف", "سيرغي لافروف", "وانغ يي", "بوت"])
def test_a_word_no_text_contains_finds_nothing(answers, query):
    answer = answers[query]
    assert answer["status"] == "unknown" and answer["hits"] == []


def test_the_unknown_word_is_named_and_only_a_near_name_is_offered(answers):
    assert [u["word"] for u in answers["وانغ يي"]["unknown"]] == ["يي"]
    assert answers["لافروف"]["unknown"] == [{"word": "لافروف", "suggestions": []}]
    assert answers["بوتن"]["unknown"] == [{"word": "بوتن", "suggestions": ["بوتين"]}]
    # Never a partial answer: one absent word empties the query.
    assert answers["بوتين لافروف"]["status"] == "unknown" and answers["بوتين لافروف"]["hits"] == []


@pytest.mark.parametrize("query", ["الدولار", "بالدولار"])
def test_a_word_is_found_whole_never_by_a_fragment_of_another(answers, query):
    answer = answers[query]
    assert set(urls(answer)) == DOLLAR  # never دولة، الدولي، الدولتان
    for hit in answer["hits"]:
        marked = [p["text"] for p in hit["excerpt"]["parts"] if p["mark"]]
        assert marked == ["دولار"], marked
        assert "مليار دولار" in "".join(p["text"] for p in hit["excerpt"]["parts"])


def test_a_lone_letter_is_left_out_and_said_to_be(answers):
    assert answers["و"]["status"] == "short" and answers["و"]["ignored"] == ["و"]
    split = answers["بوتين و شي"]
    assert split["ignored"] == ["و"] and split["status"] == "results"
    assert set(urls(split)) >= XI_ARTICLES


def test_a_phrase_comes_first_and_in_quotation_marks_is_required(answers):
    loose = answers["العلاقات العسكرية"]
    assert urls(loose)[0] == "articles/wire-2024-05-16-putin-thanks-xi.html"
    assert loose["hits"][0]["phrase"] and not any(h["phrase"] for h in loose["hits"][1:])
    assert len(urls(loose)) >= 4
    assert urls(answers["«العلاقات العسكرية»"]) == ["articles/wire-2024-05-16-putin-thanks-xi.html"]
    assert answers["«العسكرية العلاقات»"]["status"] == "no-phrase"
    # Words joined without a space are a phrase too.
    assert urls(answers["117.5"]) == ["articles/france24-2022-02-05-no-limits.html"]
    assert "articles/masdar-2024-05-17-telegraph-five-things.html" in urls(answers["شي-بوتين"])


@pytest.mark.parametrize("query", ["شي جينبينغ", "Xi Jinping"])
def test_any_spelling_of_a_name_finds_its_page_first_and_every_article_naming_it(answers, query):
    answer = answers[query]
    assert answer["names"][0]["entity"] == "xi-jinping"
    assert urls(answer)[0] == "entities/xi-jinping.html" and answer["hits"][0]["own"]
    assert set(urls(answer)) >= XI_ARTICLES


def test_names_of_one_letter_words_and_with_accents_left_off(answers):
    assert answers["أ ف ب"]["names"][0]["entity"] == "afp"
    assert "articles/france24-2022-02-05-no-limits.html" in urls(
        answers["أ ف ب"]
    )  # «لوكالة الأنباء الفرنسية»
    assert urls(answers["Antonio Guterres"])[:2] == [
        "entities/antonio-guterres.html",
        "articles/reuters-2022-02-04-joint-statement.html",
    ]


def test_articles_rank_above_entity_and_summit_pages_for_a_content_word(answers):
    kinds = [hit["kind"] for hit in answers["الغاز"]["hits"]]
    assert kinds == sorted(kinds, key=["article", "summit", "entity"].index) and kinds[0] == "article"
    assert set(urls(answers["بوتين الدولار"])) == DOLLAR


def test_titles_are_shown_as_written(answers):
    titles = ["".join(p["text"] for p in h["title"]["parts"]) for h in answers["بوتين و شي"]["hits"][:3]]
    assert "بوتين وشي يصدران بيانًا مشتركًا ضد «التدخل في الشؤون الداخلية»" in titles


# Words the proclitics could be read off, in a dossier of their own.
TEXTS = {
    "b.txt": "الوحدة بين البلدين\n\nتحدث الوزير عن وحدة الصف، وقال إن وحدة البلدين قائمة.\n",
    "c.txt": "نقاش حاد\n\nقال الوزير إن حدة النقاش كانت كبيرة، ورد بحدة.\n\n"
    + " ".join(f"كانت الجلسة {n} طويلة." for n in range(20))
    + "\n",
    "d.txt": "رسالة إليها\n\nكتب الوزير رسالة إليها، وقال لها أنت صاحبة القرار فيها، وفيها كل شيء.\n",
}


@pytest.fixture(scope="module")
def crafted(tmp_path_factory):
    project = make_project(tmp_path_factory.mktemp("crafted") / "project")
    for name, text in TEXTS.items():
        (project / "seeds" / name).write_text(text, encoding="utf-8")
    site = project.parent / "site"
    build_site(project, site)
    queries = ["حدة", "وحدة", "الوحدة", "أنت", "كانت", "فيها", "يها", "قال"]
    return {a["query"]: {h["url"] for h in a["hits"]} for a in search(site, queries)}


def test_a_proclitic_is_read_off_only_where_the_rest_is_as_common_a_word(crafted):
    # وحدة is one word, not و + حدة: the texts write الوحدة.
    assert crafted["حدة"] == {"articles/c.html"}
    assert crafted["وحدة"] == crafted["الوحدة"] == {"articles/b.html"}
    # كانت (21 times) is not ك + انت (once); إليها is not ال + يها; فيها is not ف + يها.
    assert crafted["أنت"] == {"articles/d.html"}
    assert crafted["كانت"] == {"articles/c.html"}
    assert crafted["فيها"] == {"articles/d.html"} and crafted["يها"] == set()
    # And a verb with و is that verb.
    assert crafted["قال"] == {
        "articles/article-a.html",
        "articles/b.html",
        "articles/c.html",
        "articles/d.html",
    }
