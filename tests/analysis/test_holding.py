import dataclasses
import pickle

import pytest

from newsdossier.analysis.holding import ARTICLE_BODY, LAZY, PARSED_BODY, Body, copied, for_pages, held
from newsdossier.build.cache import ArticleCache
from newsdossier.build.workers import analyse_articles
from newsdossier.inputs.curation import load_curation
from newsdossier.inputs.project import read_sources
from newsdossier.language.steps import ArticleAnalysis, publishable
from tests.helpers import dossier_for, seed_project


def analysed(project):
    sources = read_sources(project)
    curation, _ = load_curation(sources)
    seeds = {s.path.split("/")[-1]: s for s in sources.seeds}
    jobs = [(seeds[m.source_file], m) for m in curation.articles]
    articles = analyse_articles(jobs, ArticleAnalysis(curation.entities), ArticleCache(None)).articles
    return publishable(articles).articles


def test_held_articles_are_equal_with_their_values_shared(tmp_path):
    articles = analysed(seed_project(tmp_path / "project"))
    kept = held(pickle.loads(pickle.dumps(articles)))  # made compact in place: a copy no one else holds
    assert kept == articles  # equal: only shared
    # Each equal offset and spelling is one object across the whole dossier.
    offsets = {}
    for article in kept:
        for mention in article.mentions:
            for value in (mention.start, mention.end, mention.sentence_start, mention.sentence_end):
                assert offsets.setdefault(value, value) is value
        for block in article.parsed.blocks:
            assert offsets.setdefault(block.start, block.start) is block.start
    assert max(offsets) > 256  # beyond Python's own small ints
    forms = {}
    for mention in (m for a in kept for m in a.mentions):
        assert forms.setdefault(mention.surface, mention.surface) is mention.surface


def test_the_dossier_holds_the_articles_without_their_terms(tmp_path):
    project = seed_project(tmp_path / "project")
    assert all(a.terms for a in analysed(project))
    dossier = dossier_for(project)
    assert dossier.articles and all(a.terms == () for a in dossier.articles)
    # The outlets' words were counted from them first.
    assert any(outlet.distinctive_terms for outlet in dossier.outlets)


def test_for_the_pages_the_articles_keep_no_candidates_print_or_terms_and_the_rest_equal(tmp_path):
    articles = analysed(seed_project(tmp_path / "project"))
    assert any(a.candidates for a in articles) and all(a.parsed.text_print and a.terms for a in articles)
    kept = [for_pages(a) for a in articles]
    assert all(k.candidates == () and k.parsed.text_print == b"" and k.terms == () for k in kept)
    assert [dataclasses.replace(a.parsed, text_print=b"") for a in articles] == [k.parsed for k in kept]
    assert [
        dataclasses.replace(a, parsed=k.parsed, candidates=(), terms=()) for a, k in zip(articles, kept)
    ] == kept
    assert all(a.parsed.text_print and a.terms for a in articles)  # the articles given are not changed
    # Once so held, nothing more to leave out: the same object (no copy).
    assert all(for_pages(k) is k for k in kept)


# (which value of an article, the changes) → `copied` equals `dataclasses.replace`.
COPIES = {
    "an article, its candidates gone": (lambda a: a, {"candidates": ()}),
    "an article, two fields": (lambda a: a, {"candidates": (), "terms": ()}),
    "an article, nothing changed": (lambda a: a, {}),
    "its parse, the print gone": (lambda a: a.parsed, {"text_print": b""}),
    "its parse, a field with a default": (lambda a: a.parsed, {"language": "en"}),
    "a mention": (lambda a: a.mentions[0], {"start": 0}),
}


@pytest.mark.parametrize("case", COPIES, ids=list(COPIES))
def test_a_copy_is_what_replace_makes_and_leaves_the_value_copied_as_it_was(tmp_path_factory, case):
    article = _first_article(tmp_path_factory)
    pick, changes = COPIES[case]
    value = pick(article)
    before = repr(value), dataclasses.astuple(value)
    copy = copied(value, **changes)
    assert copy is not value and type(copy) is type(value)
    assert copy == dataclasses.replace(value, **changes) and repr(copy) == repr(
        dataclasses.replace(value, **changes)
    )
    assert (repr(value), dataclasses.astuple(value)) == before


_FIRST: dict[str, object] = {}


def _first_article(tmp_path_factory):
    if "article" not in _FIRST:
        articles = analysed(seed_project(tmp_path_factory.mktemp("copies") / "project"))
        _FIRST["article"] = next(a for a in articles if a.mentions and a.candidates)
    return _FIRST["article"]


def test_a_class_that_checks_after_init_is_not_copied_by_its_slots():
    from newsdossier.models.dates import PartialDate

    with pytest.raises(TypeError, match="__post_init__"):
        copied(PartialDate(2024, 5, 16), day=40)


def test_a_lazy_class_holds_every_field_but_its_body_and_stands_for_its_plain_class():
    for lazy, (plain, body) in LAZY.items():
        names = [f.name for f in dataclasses.fields(plain)]
        assert sorted((*lazy.FIELDS, *body)) == sorted(names)  # each field held or read, never both
        assert (*lazy.FIELDS, *lazy.__slots__) == lazy.HELD and issubclass(lazy, plain)
        assert all(isinstance(getattr(lazy, name), property) for name in body)
    assert Body._fields == (*PARSED_BODY, *ARTICLE_BODY)
