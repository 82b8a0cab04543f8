"""What the search index reads of each page, the terms it files words under,
and its files: only whole words (with their proclitics), positions that make
phrases, names found on every page, bytes that are the same on every build."""

from __future__ import annotations

import json

import pytest

from newsdossier.site.search_index import (
    DIGITS,
    RECORDS,
    SAME_AS,
    index_segment,
    names_json,
    postings_text,
    read_postings,
    shard_of,
)
from newsdossier.site.search_segments import PAGES, search_segments, segment_docs
from newsdossier.site.search_text import (
    ARTICLE,
    SearchDoc,
    _words,
    doc_terms,
    entity_doc,
    filed,
    summit_doc,
    word_terms,
)
from newsdossier.site.view import SiteView
from tests.helpers import ROOT, dossier_for


@pytest.fixture(scope="module")
def view():
    return SiteView(dossier_for(ROOT))


WORD_TERMS = [
    # as written, then each base with the proclitics it was written with
    ("وبوتين", {("وبوتين", ""), ("بوتين", "و"), ("وتين", "وب")}),
    ("للصين", {("للصين", ""), ("لصين", "ل"), ("صين", "لل"), ("الصين", "ل")}),
    ("والعقوبات", {("والعقوبات", ""), ("العقوبات", "و"), ("عقوبات", "وال")}),
    # a word is never filed under a part that is not a base: no «لا» in لافروف
    ("لافروف", {("لافروف", ""), ("افروف", "ل")}),
    ("دولة", {("دوله", "")}),
    # an alef with hamza begins the word, not the article
    ("إليها", {("اليها", "")}),
    ("اليها", {("اليها", ""), ("يها", "ال")}),
    # tanween fath with its alif: the word itself; a bare alif says nothing
    ("وزيرًا", {("وزيرا", ""), ("زيرا", "و"), ("وزير", ""), ("زير", "و")}),
    ("وزيرا", {("وزيرا", ""), ("زيرا", "و")}),
    # Latin accents: also without them; digits of any script as ASCII
    ("António", {("antónio", ""), ("antonio", "")}),
    ("٢٠٢٤", {("2024", "")}),
    ("ـــ", set()),  # tatweel alone is no word
]


@pytest.mark.parametrize("word, expected", WORD_TERMS)
def test_a_word_is_filed_under_itself_and_its_bases_only(word, expected):
    assert set(word_terms(word)) == expected


def doc(*fields: str) -> SearchDoc:
    return SearchDoc(kind=ARTICLE, id="a", url="articles/a.html", title=fields[0], fields=fields)


def by_term(doc: SearchDoc) -> dict[str, dict[str, list[int]]]:
    """A page's words filed by term (`filed`), as term → proclitics → positions."""
    nested: dict[str, dict[str, list[int]]] = {}
    for (term, prefix), positions in filed(doc_terms(doc).places).items():
        nested.setdefault(term, {})[prefix] = positions
    return nested


def test_positions_make_phrases_across_quotation_marks_not_across_sentences():
    terms = by_term(doc("عنوان", "شراكة “بلا حدود” مع الغرب. وقال بوتين"))
    assert terms["بلا"][""] == [terms["شراكه"][""][0] + 1]  # quotation marks do not part words
    assert terms["حدود"][""] == [terms["بلا"][""][0] + 1]
    assert terms["قال"]["و"][0] > terms["غرب"]["ال"][0] + 1  # a full stop does
    # Fields are never next to each other; the title is counted apart.
    assert terms["عنوان"][""] == [0] and terms["شراكه"][""] == [2]


@pytest.mark.parametrize(
    "text, words, starts, ends, gaps",
    [
        ("", [], [], [], []),
        ("… «» …", [], [], [], []),  # no word
        ("بوتين", ["بوتين"], [0], [5], []),
        ("قال بوتين، «نعم»", ["قال", "بوتين", "نعم"], [0, 4, 12], [3, 9, 15], [" ", "، «"]),
        # tatweel alone is no word: the gap between its neighbours runs across it
        ("قال ـــ بوتين", ["قال", "بوتين"], [0, 8], [3, 13], [" ـــ "]),
        ("ـــ قال ـ", ["قال"], [4], [7], []),
    ],
)
def test_a_field_is_cut_into_words_with_their_offsets_and_the_gaps_between(text, words, starts, ends, gaps):
    assert _words(text) == (words, starts, ends, gaps)
    assert [text[s:e] for s, e in zip(starts, ends)] == words


def test_two_spellings_of_one_term_are_merged_and_the_other_terms_of_a_word_keep_their_own_positions():
    # الصين and الصينَ share both their terms; والصين shares none of its own.
    terms = by_term(doc("ت", "الصين الصينَ والصين ـ الصين"))
    assert terms == {
        "ت": {"": [0]},
        "الصين": {"": [2, 3, 5], "و": [4]},
        "صين": {"ال": [2, 3, 5], "وال": [4]},
        "والصين": {"": [4]},
    }


def _filed_one_by_one(places: dict[str, list[int]]) -> dict[tuple[str, str], list[int]]:
    """The rule `filed` keeps, word by word and term by term."""
    found: dict[tuple[str, str], list[int]] = {}
    for word, positions in places.items():
        for key in word_terms(word):
            found[key] = sorted(found.get(key, []) + positions)
    return found


@pytest.mark.parametrize(
    "places",
    [
        {},
        {"بوتين": [0]},
        {"بوتين": [0, 4], "وبوتين": [2]},  # no term shared
        {"الصين": [2, 7], "الصينَ": [3], "والصين": [4]},  # two spellings share both their terms
        {"إلى": [1, 9], "الى": [5], "الي": [6]},  # an alef written two ways
        {"ـــ": [1], "قال": [0]},  # a word with no term
        {"وزيرًا": [3], "وزير": [1], "وزيرا": [5]},  # a term shared by some of a word's readings only
    ],
)
def test_the_words_are_filed_under_every_term_their_positions_merged_in_order(places):
    assert filed(places) == _filed_one_by_one(places)
    # What the index writes of positions is made once for each word, and
    # again only for a term two spellings share.
    made = []
    texts = filed(places, lambda positions: made.append(positions) or ",".join(map(str, positions)))
    assert texts == {key: ",".join(map(str, p)) for key, p in _filed_one_by_one(places).items()}
    merged = sum(1 for key, p in filed(places).items() if p not in places.values())
    assert len(made) == len(places) + merged


def test_a_page_is_filed_under_the_names_it_mentions(view):
    telegraph = doc_terms(entity_doc(view, "the-telegraph"))
    assert {"the-telegraph", "xi-jinping", "vladimir-putin"} <= set(telegraph.names)  # «قمة شي-بوتين»
    summit = doc_terms(summit_doc(view, "beijing-2022"))
    assert {"beijing", "vladimir-putin", "xi-jinping", "nato"} <= set(summit.names)
    article = doc_terms(segment_docs(view, search_segments(view)[1])[0])
    assert "xi-jinping" in article.names and "china" in article.names


def test_only_articles_and_the_first_pages_of_entities_and_summits_are_searched(view):
    segments = search_segments(view)
    assert segments[0].folder == PAGES
    urls = [d.url for s in segments for d in segment_docs(view, s)]
    assert len(urls) == len(set(urls)) == 5 + len(view.order["entities"]) + len(view.order["summits"])
    assert "index.html" not in urls and not any("/2.html" in u or u.endswith("index.html") for u in urls)
    assert {u.split("/")[0] for u in urls} == {"articles", "entities", "summits"}


def test_a_segment_is_the_same_bytes_every_time_and_its_terms_are_where_the_script_looks(view):
    summits = {s: n for n, s in enumerate(view.order["summits"])}
    docs = segment_docs(view, search_segments(view)[1])
    one, two = index_segment(docs, summits), index_segment(list(docs), summits)
    assert one.files == two.files
    shards = one.info["shards"]
    for name, data in one.files.items():
        if name.startswith("terms-"):
            number = int(name.removeprefix("terms-").removesuffix(".json"))
            assert all(shard_of(term, shards) == number for term in json.loads(data))
    records = json.loads(one.files["records-0.json"])
    assert len(records) == min(RECORDS, len(docs))
    first = records[0]
    assert first["title"] == docs[0].title and first["data"].startswith("data/articles/")
    table = json.loads(one.files["docs.json"])
    assert table["docs"] == len(docs) and len(table["length"]) == len(docs)


def test_postings_give_each_page_and_position_once(view):
    summits = {s: n for n, s in enumerate(view.order["summits"])}
    docs = segment_docs(view, search_segments(view)[1])
    index = index_segment(docs, summits)
    entry = next(
        json.loads(d)["دولار"]
        for n, d in index.files.items()
        if n.startswith("terms-") and "دولار" in json.loads(d)
    )
    # [doc, count, first position, gaps…]: «دولار» once in each of two articles.
    flat, pages, doc_number = read_postings(entry[""]), [], 0
    while flat:
        doc_number += flat[0]
        pages.append(doc_number)
        flat = flat[2 + flat[1] :]
    assert [docs[p].id for p in pages] == ["france24-2022-02-05-no-limits", "wire-2024-05-16-putin-thanks-xi"]


def test_the_names_file_holds_every_spelling_by_key(view):
    names = json.loads(names_json(view))
    spellings = {key: names["entities"][index]["id"] for key, index, _ in names["spellings"]}
    assert spellings["شي جينبينغ"] == spellings["xi jinping"] == "xi-jinping"
    assert spellings["الصين"] == "china"
    assert names["spellings"] == sorted(names["spellings"])


@pytest.mark.parametrize(
    "numbers, text",
    [
        ([], ""),
        ([0, 5, 31], "05V"),  # one digit each, from the first half
        ([32], "X0"),  # two: the first from the second half (32 + 1), then 0
        ([1023, 1024], "." + "V" + "X" + "W" + "0"),
        ([-3], "-3"),
        ([-32, 31, 32], "-X0" + "V" + "X0"),  # either side of the one-digit numbers' quick path
        ([1, -1, 1], "1-11"),  # a number the table of small ones has not got, among those it has
        ([7, 1 << 20, 0], "7" + "XWWW0" + "0"),  # 2^20 = 32^4: 1 then four 0s, all but the last high
    ],
)
def test_a_posting_list_is_written_as_digits_and_read_back(numbers, text):
    assert postings_text(numbers) == text and read_postings(text) == numbers
    assert all(c in DIGITS + "-" for c in text) and json.dumps(text) == f'"{text}"'  # no escapes in JSON


def test_postings_as_written_are_given_once(view):
    """A word read with proclitics (بوتين after و) whose postings are those
    of the word as written (وبوتين) refers to it, in the same term file;
    read back, every term has the postings it had."""
    summits = {s: n for n, s in enumerate(view.order["summits"])}
    docs = segment_docs(view, search_segments(view)[1])
    files = index_segment(docs, summits).files
    terms = {n: json.loads(d) for n, d in files.items() if n.startswith("terms-")}
    referred = 0
    for entries in terms.values():
        for entry in entries.values():
            for prefix, text in entry.items():
                if text.startswith(SAME_AS):
                    same = text.removeprefix(SAME_AS)
                    assert prefix and same in entries and not entries[same][""].startswith(SAME_AS)
                    referred += 1
    assert referred > 10
    whole = [(n, t, p) for n, e in terms.items() for t, entry in e.items() for p in entry]
    expected = {}
    for doc_number, doc in enumerate(docs):
        for term, by_prefix in by_term(doc).items():
            for prefix, positions in by_prefix.items():
                expected.setdefault((term, prefix), []).append((doc_number, positions))
    for name, term, prefix in whole:
        if term.startswith("#"):
            continue
        text = terms[name][term][prefix]
        if text.startswith(SAME_AS):
            text = terms[name][text.removeprefix(SAME_AS)][""]
        flat, read, doc_number = read_postings(text), [], 0
        while flat:
            doc_number += flat[0]
            gaps = flat[2 : 2 + flat[1]]
            read.append((doc_number, [sum(gaps[: i + 1]) for i in range(len(gaps))]))
            flat = flat[2 + flat[1] :]
        assert read == expected[(term, prefix)], (term, prefix)
