import dataclasses

import pytest

from newsdossier.analysis import linking
from newsdossier.analysis.linking import LinkMemo, link_dossier, versions
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


# ------------------------------------------------ the versions of entities' and summits' rows


def _versions_of(curation, articles, keys, memo=None, previous=None):
    memo = memo if memo is not None else LinkMemo()
    link_dossier(curation, articles, memo, keys, previous or (lambda key: None))
    return versions(memo, curation)


@pytest.mark.parametrize("case", CASES)
def test_the_versions_of_a_patched_memo_are_those_counted_afresh(seed_dossier, case):
    curation, articles = seed_dossier
    change, every_key = CASES[case]
    before, after = change(articles)
    keys_before = _keyed(before)
    edited = {b.id for b, a in zip(before, after) if b.id == a.id and b.mentions != a.mentions}
    keys_after = {i: (f"{k}-new" if every_key or i in edited else k) for i, k in _keyed(after).items()}
    memo = LinkMemo()
    stored = {keys_before[a.id]: a for a in before}
    _versions_of(curation, before, keys_before, memo, stored.get)
    assert _versions_of(curation, after, keys_after, memo, stored.get) == _versions_of(
        curation, after, keys_after
    )


def _groups(article):
    """The entities an article names, its summit and whom it quotes: the groups it is in."""
    entities = {("entity", m.entity_id) for m in article.mentions}
    return (
        entities
        | {("summit", article.meta.summit or "")}
        | {("speaker", q.speaker or "") for q in article.quotes}
    )


def _changed_versions(curation, before, keys_before, after, keys_after, curation_after=None):
    old = _versions_of(curation, before, keys_before)
    new = _versions_of(curation_after or curation, after, keys_after)
    changed = set()
    for kind, old_kind, new_kind in zip(("entity", "summit", "speaker"), old, new, strict=True):
        changed |= {
            (kind, g) for g in old_kind.keys() | new_kind.keys() if old_kind.get(g) != new_kind.get(g)
        }
    return changed


# Each kind of input an entity's or a summit's rows are made of, changed
# for one article (the tenth): (articles and keys after, the groups whose
# version must change: those the article was or is in).
def _key_changed(articles, keys):
    return articles, {**keys, articles[9].id: "another analysis"}


def _date_moved_within_its_year(articles, keys):
    # Same key (a proposal moved): only its place in the dossier's order changed.
    date = articles[9].meta.date
    moved = _with_meta(
        articles[9], date=PartialDate.from_iso(f"{date.year}-{12 if date.month != 12 else 1:02d}-15")
    )
    return (*articles[:9], moved, *articles[10:]), keys


def _summit_moved(articles, keys):
    summit = articles[9].meta.summit
    other = next(a.meta.summit for a in articles if a.meta.summit and a.meta.summit != summit)
    return (*articles[:9], _with_meta(articles[9], summit=other), *articles[10:]), keys


def _year_moved(articles, keys):
    date = articles[9].meta.date
    moved = _with_meta(articles[9], date=PartialDate.from_iso(f"{date.year - 3}-{date.month:02d}-01"))
    return (*articles[:9], moved, *articles[10:]), keys


def _language_changed(articles, keys):
    english = dataclasses.replace(articles[9], parsed=dataclasses.replace(articles[9].parsed, language="en"))
    return (*articles[:9], english, *articles[10:]), keys


def _article_removed(articles, keys):
    return (*articles[:9], *articles[10:]), keys


def _outlet_changed(articles, keys):
    return (*articles[:9], _with_meta(articles[9], outlet=None, outlet_name="منبر آخر"), *articles[10:]), keys


VERSION_CHANGES = {
    "its analysis (key)": _key_changed,
    "its date, within its year": _date_moved_within_its_year,
    "its year": _year_moved,
    "its summit": _summit_moved,
    "its language": _language_changed,
    "its outlet": _outlet_changed,
    "removed": _article_removed,
}


@pytest.mark.parametrize("case", VERSION_CHANGES)
def test_a_change_to_an_article_changes_the_versions_of_its_groups_and_no_other(seed_dossier, case):
    curation, articles = seed_dossier
    keys = _keyed(articles)
    after, keys_after = VERSION_CHANGES[case](articles, keys)
    changed_article = next((a for a in after if a.id == articles[9].id), articles[9])
    expected = _groups(articles[9]) | _groups(changed_article)
    assert _changed_versions(curation, articles, keys, after, keys_after) == expected


def test_the_summits_order_changes_every_version(seed_dossier):
    """An entity's periods are listed in the summits' order."""
    curation, articles = seed_dossier
    keys = _keyed(articles)
    reordered = dataclasses.replace(curation, summits=curation.summits[::-1])
    changed = _changed_versions(curation, articles, keys, articles, keys, reordered)
    assert changed == set().union(*map(_groups, articles))


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
    assert (back.counted, back.counts, back.names, back.speakers, back.groups) == (
        memo.counted,
        memo.counts,
        memo.names,
        memo.speakers,
        memo.groups,
    )
    dossier = link_dossier(curation, articles, back, keys, stored.get)
    assert dossier == link_dossier(curation, articles)
    assert all(counts is back.counts[i] for i, counts in dossier.article_entity_counts)
    values = [c for counts in back.counts.values() for c in counts]
    for shared in (
        values,
        [c.place for c in back.counted.values()],
        [c.order for c in back.counted.values()],
    ):
        assert len(shared) > len(set(shared))  # (something to share)
        assert len(set(map(id, shared))) == len(set(shared))


def test_the_dossier_order_finds_each_dates_order_once(seed_dossier, monkeypatch):
    """The articles are sorted by the date order each is counted with, found
    once for each date (`linking._in_order`), not twice for each article."""
    curation, articles = seed_dossier
    found = []
    monkeypatch.setattr(linking, "_date_order", lambda a: found.append(a.meta.date) or _date_order(a))
    dossier = link_dossier(curation, articles)
    assert len(found) == len(set(found)) < len(articles)
    assert [a.id for a in dossier.articles] == [a.id for a in sorted(articles, key=linking.article_order)]


_date_order = linking._date_order
