import dataclasses

import pytest

from newsdossier.analysis import linking
from newsdossier.analysis.linking import LinkMemo, link_dossier
from newsdossier.build.cache import ArticleCache, MemoFile
from newsdossier.build.workers import analyse_articles
from newsdossier.inputs.curation import load_curation
from newsdossier.inputs.project import read_sources
from newsdossier.language.steps import ArticleAnalysis, publishable
from newsdossier.models.dates import PartialDate
from tests.helpers import dossier_for, seed_project


def test_counts_variants_and_co_mentions(mini_project):
    dossier = dossier_for(mini_project)
    putin = next(links for links in dossier.entity_links if links.entity_id == "vladimir-putin")
    assert putin.mention_count == 3
    assert putin.variants == (("بوتين", 2), ("فلاديمير بوتين", 1))
    assert putin.article_ids == ("article-a",)
    # Title: بوتين + شي جين بينغ + بكين; sentence 2: بوتين + بكين + شي; 3: بوتين + الصين.
    assert [(c.entity_id, c.count) for c in putin.co_mentions] == [
        ("beijing", 2),
        ("xi-jinping", 2),
        ("china", 1),
    ]
    summit = dossier.summit_links[0]
    assert summit.article_ids == ("article-a",)
    assert [(c.entity_id, c.count) for c in summit.entity_counts] == [
        ("vladimir-putin", 3),
        ("beijing", 2),
        ("xi-jinping", 2),
        ("china", 1),
    ]
    assert dossier.top_entities == summit.entity_counts


def test_a_seed_without_metadata_is_built_and_flagged(mini_project, capsys):
    (mini_project / "seeds" / "b.txt").write_text("عنوان آخر\nقال شي كلامًا.\n", encoding="utf-8")
    dossier = dossier_for(mini_project)
    uncurated = [a for a in dossier.articles if not a.meta.curated]
    assert [(a.id, a.meta.summit) for a in uncurated] == [("b", None)]
    assert dossier.articles[-1].id == "b"  # undated articles come last


# ------------------------------------------------ the linked dossier patched


@pytest.fixture(scope="module")
def seed_dossier(tmp_path_factory):
    """The seed dossier's curation and articles, and 20 more made of them
    under other ids, outlets and summits (so that one change is a patch)."""
    project = seed_project(tmp_path_factory.mktemp("linking") / "project")
    sources = read_sources(project)
    curation, _ = load_curation(sources)
    seeds = {s.path.split("/")[-1]: s for s in sources.seeds}
    jobs = [(seeds[m.source_file], m) for m in curation.articles]
    articles = publishable(
        analyse_articles(jobs, ArticleAnalysis(curation.entities), ArticleCache(None)).articles
    )
    more = [
        _with_meta(
            a, id=f"{a.id}-{n}", outlet=None, outlet_name=f"منبر {n % 3}", summit=curation.summits[n % 2].id
        )
        for n, a in enumerate(articles.articles * 4)
    ]
    return curation, (*articles.articles, *more)


def _with_meta(article, **changes):
    meta = dataclasses.replace(article.meta, **changes)
    return dataclasses.replace(article, parsed=dataclasses.replace(article.parsed, meta=meta))


def _keyed(articles, version=""):
    return {a.id: f"{a.id}{version}" for a in articles}


# Each case: the articles of the last build → those of this one, with their
# keys (an article's key changes with its analysis).
def _added(articles):
    return articles[:-1], articles


def _removed(articles):
    return articles, articles[:-1]


def _edited(articles):
    edited = dataclasses.replace(articles[3], mentions=articles[3].mentions[: len(articles[3].mentions) // 2])
    return articles, (*articles[:3], edited, *articles[4:])


def _outlet_emptied(articles):
    # The only article of its outlet goes: the outlet goes with it.
    alone = _with_meta(articles[7], id="alone", outlet=None, outlet_name="منبر وحيد")
    return (*articles, alone), articles


def _summit_proposed(articles):
    # Same analysis (same key), another summit and date: a proposal changed.
    moved = _with_meta(articles[8], summit=None, date=PartialDate.from_iso("2023-01-05"))
    return articles, (*articles[:8], moved, *articles[9:])


def _not_arabic(articles):
    english = dataclasses.replace(articles[2], parsed=dataclasses.replace(articles[2].parsed, language="en"))
    return articles, (*articles[:2], english, *articles[3:])


CASES = {
    "one added": (_added, False),
    "one removed": (_removed, False),
    "one edited": (_edited, False),
    "an outlet's only article removed": (_outlet_emptied, False),
    "a proposed summit changed": (_summit_proposed, False),
    "one no longer Arabic": (_not_arabic, False),
    "an alias added: every key changes": (lambda a: (a, a), True),
}


@pytest.mark.parametrize("case", CASES)
def test_the_patched_dossier_is_the_one_linked_from_scratch(seed_dossier, monkeypatch, case):
    curation, articles = seed_dossier
    change, every_key = CASES[case]
    before, after = change(articles)
    memo = LinkMemo()
    keys_before = _keyed(before)
    edited = {b.id for b, a in zip(before, after) if b.id == a.id and b.mentions != a.mentions}
    keys_after = {i: (f"{k}-new" if every_key or i in edited else k) for i, k in _keyed(after).items()}
    stored = {keys_before[a.id]: a for a in before}  # the analysis cache, by key
    link_dossier(curation, before, memo, keys_before, stored.get)
    scratch = link_dossier(curation, after)
    parts = []
    monkeypatch.setattr(linking, "_part", lambda *args: parts.append(args) or _part(*args))
    patched = link_dossier(curation, after, memo, keys_after, stored.get)
    assert patched == scratch
    # A patch counts the articles that changed, not the whole dossier; a
    # change of every key counts every article once.
    assert len(parts) == (len(after) if every_key else len(set(before) ^ set(after)))
    # And the memo is this build's: patched again, by nothing, it is the same.
    parts.clear()
    assert link_dossier(curation, after, memo, keys_after, stored.get) == patched
    assert parts == []


_part = linking._part


def test_an_article_that_cannot_be_read_back_relinks_everything(seed_dossier):
    curation, articles = seed_dossier
    memo = LinkMemo()
    link_dossier(curation, articles, memo, _keyed(articles), lambda key: None)
    # The last one removed: it is not in the cache to be taken away.
    patched = link_dossier(curation, articles[:-1], memo, _keyed(articles[:-1]), lambda key: None)
    assert patched == link_dossier(curation, articles[:-1])
    assert articles[-1].id not in memo.counted


def test_a_cache_entry_that_no_longer_gives_what_was_counted_relinks_everything(seed_dossier, monkeypatch):
    curation, articles = seed_dossier
    memo = LinkMemo()
    keys = _keyed(articles)
    link_dossier(curation, articles, memo, keys, {keys[a.id]: a for a in articles}.get)
    # The cache now holds other content under the removed article's key (an
    # entry rewritten by hand, say): taking it away would leave wrong sums.
    last = articles[-1]
    other = dataclasses.replace(last, mentions=last.mentions[: len(last.mentions) // 2])
    parts = []
    monkeypatch.setattr(linking, "_part", lambda *args: parts.append(args) or _part(*args))
    patched = link_dossier(curation, articles[:-1], memo, _keyed(articles[:-1]), lambda key: other)
    assert patched == link_dossier(curation, articles[:-1])
    assert len(parts) == 2 * (len(articles) - 1)  # every article counted again (and by the scratch link)


def test_the_memo_read_back_gives_each_articles_counts_as_kept_and_each_equal_value_once(
    seed_dossier, tmp_path
):
    """The memo keeps each article's counts as the dossier lists them, and
    is pickled with each equal count and place once (`LinkMemo.__reduce__`):
    read back, the dossier lists the memo's own tuples, not counts made again."""
    curation, articles = seed_dossier
    keys = _keyed(articles)
    stored = {keys[a.id]: a for a in articles}
    memo = LinkMemo()
    link_dossier(curation, articles, memo, keys, stored.get)
    MemoFile(tmp_path / "linked.pickle", LinkMemo).save(memo)
    back = MemoFile(tmp_path / "linked.pickle", LinkMemo).load()
    assert (back.counted, back.counts, back.names) == (memo.counted, memo.counts, memo.names)
    dossier = link_dossier(curation, articles, back, keys, stored.get)
    assert dossier == link_dossier(curation, articles)
    assert all(counts is back.counts[i] for i, counts in dossier.article_entity_counts)
    values = [c for counts in back.counts.values() for c in counts]
    places = [place for _, place in back.counted.values()]
    assert len(values) > len(set(values)) and len(places) > len(set(places))  # (something to share)
    assert len(set(map(id, values))) == len(set(values)) and len(set(map(id, places))) == len(set(places))
