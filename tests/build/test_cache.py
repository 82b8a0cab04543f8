"""The caches are memos: damaged, foreign or stale files make a build slower,
never wrong and never failed."""

from __future__ import annotations

import dataclasses
import gc
import hashlib
import marshal
import os
import pickle
import sys
from collections import Counter
from pathlib import Path

import pytest

from bench.synthetic import add_article, make_dossier
from newsdossier.analysis.candidates import RepeatMemo
from newsdossier.analysis.holding import (
    HeldMemo,
    LazyArticle,
    LazyParsed,
    copied,
    for_pages,
    held,
    mention_tally,
)
from newsdossier.analysis.linking import Counted, LinkMemo, Place
from newsdossier.build import cache as cache_module
from newsdossier.build.cache import CHECKED, CONSTRUCTED, ArticleCache, HeldFile, MemoFile, memo_bytes
from newsdossier.build.files import framed, sealed, unsealed
from newsdossier.models.article import Article, Mention, ParsedArticle
from newsdossier.models.dates import PartialDate
from newsdossier.models.dossier import EntityCount
from newsdossier.models.errors import DossierError
from newsdossier.models.identity import code_version
from tests.analysis.test_holding import analysed
from tests.helpers import build_site, run_cli, seed_project, tree_bytes


def packs(cache: Path) -> list[Path]:
    found = sorted((cache / "articles").glob("*.pack"))
    assert found  # a damage that finds nothing to damage tests nothing
    return found


def damage_articles(cache: Path, data: bytes) -> int:
    files = packs(cache)
    for file in files:
        file.write_bytes(data)
    return len(files)


def articles_of_another_type(cache: Path) -> None:
    """Whole entries, each of its key, that hold something else than an article."""
    keys = ArticleCache(cache / "articles").entries()
    for file in packs(cache):
        file.unlink()
    other = ArticleCache(cache / "articles")
    for key in keys:
        other.put_bytes(key, pickle.dumps({"an": "article?"}))
    other.close()


def manifests(cache: Path) -> list[Path]:
    found = sorted((cache / "builds").glob("*.manifest"))
    assert found  # a damage that finds nothing to damage tests nothing
    return found


def delta(manifest: Path) -> Path:
    return manifest.with_suffix(".delta")


def flip_a_byte(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0x20
    path.write_bytes(bytes(data))


def _changed_at(path: Path, index: int) -> None:
    data = bytearray(path.read_bytes())
    data[index] ^= 0x20
    path.write_bytes(bytes(data))


DAMAGE = {
    "garbage": lambda cache: damage_articles(cache, b"\x00not a pickle"),
    "empty": lambda cache: damage_articles(cache, b""),
    "another type": articles_of_another_type,
    "truncated": lambda cache: [f.write_bytes(f.read_bytes()[: f.stat().st_size // 2]) for f in packs(cache)],
    "a byte changed": lambda cache: [flip_a_byte(f) for f in packs(cache)],
    "manifest garbage": lambda cache: [f.write_bytes(b"\x00not a manifest") for f in manifests(cache)],
    "manifest cut short": lambda cache: [f.write_bytes(f.read_bytes()[:-7]) for f in manifests(cache)],
    "manifest with a byte changed": lambda cache: [flip_a_byte(f) for f in manifests(cache)],
    "manifest of another version": lambda cache: [
        f.write_bytes(b"".join(framed(marshal.dumps((4, "g", "f", {}, {}))))) for f in manifests(cache)
    ],
    # Bytes of a delta the head does not name (a build stopped before its head): ignored.
    "delta garbage": lambda cache: [delta(f).write_bytes(b"\x00not a delta") for f in manifests(cache)],
    "head garbage": lambda cache: [f.with_suffix(".head").write_bytes(b"\x00") for f in manifests(cache)],
    "repeats garbage": lambda cache: (cache / "repeats.pickle").write_bytes(b"\x00not a pickle"),
    "repeats of another type": lambda cache: (cache / "repeats.pickle").write_bytes(
        sealed(pickle.dumps([1, 2]))
    ),
    "linked garbage": lambda cache: (cache / "linked.pickle").write_bytes(b"\x00not a pickle"),
    "linked with a byte changed": lambda cache: _changed_at(cache / "linked.pickle", -40),
    "repeats with a byte changed": lambda cache: _changed_at(cache / "repeats.pickle", -40),
    "linked of another type": lambda cache: (cache / "linked.pickle").write_bytes(
        sealed(pickle.dumps([1, 2]))
    ),
    "linked of other code": lambda cache: (cache / "linked.pickle").write_bytes(
        sealed(
            pickle.dumps(("other code", pickle.loads(unsealed((cache / "linked.pickle").read_bytes()))[1]))
        )
    ),
    "held garbage": lambda cache: (cache / "held.pickle").write_bytes(b"\x00not a pickle"),
    "held cut short": lambda cache: (cache / "held.pickle").write_bytes(
        (cache / "held.pickle").read_bytes()[: (cache / "held.pickle").stat().st_size // 2]
    ),
    "held of other code": lambda cache: (cache / "held.pickle").write_bytes(
        pickle.dumps(("other code", [])) + pickle.dumps({})
    ),
    # (A frame's bodies come last: the file's last bytes are its last article's body.)
    "held with a body's byte changed": lambda cache: _changed_at(cache / "held.pickle", -40),
    "held of another type": lambda cache: (cache / "held.pickle").write_bytes(
        pickle.dumps((code_version(), []))
        + pickle.dumps(dict.fromkeys(ArticleCache(cache / "articles").entries(), "an article?"))
    ),
}


@pytest.mark.parametrize("damage", DAMAGE, ids=list(DAMAGE))
def test_a_damaged_cache_file_is_ignored(damage, mini_project, tmp_path, capsys):
    site = tmp_path / "site"
    build_site(mini_project, site)
    expected = tree_bytes(site)
    DAMAGE[damage](mini_project / ".cache")
    seed = mini_project / "seeds" / "a.txt"
    seed.write_text(seed.read_text(encoding="utf-8") + "فقرة أخرى.\n", encoding="utf-8")
    assert run_cli(["--root", str(mini_project), "--out", str(site), "--quiet"]) == 0
    assert capsys.readouterr().err == ""
    report = (mini_project / "reports" / "candidates.yaml").read_bytes()
    build_site(mini_project, tmp_path / "full", cache=False)
    assert tree_bytes(site) == tree_bytes(tmp_path / "full") != expected
    assert report == (mini_project / "reports" / "candidates.yaml").read_bytes()  # the same names found


def test_the_classes_the_cache_remakes_by_constructor_can_be(tmp_path):
    """Each class `memo_bytes` pickles as a call of the class takes every
    field as an argument and checks nothing after: the call remakes it."""
    for cls in CONSTRUCTED:
        assert all(field.init for field in dataclasses.fields(cls)), cls
        assert not hasattr(cls, "__post_init__"), cls


def test_an_article_read_back_from_the_cache_is_the_one_put_in(tmp_path):
    articles = analysed(seed_project(tmp_path / "project"))
    cache = ArticleCache(tmp_path / "cache")
    for number, article in enumerate(articles):
        cache.put(f"{number:064x}", article)
    back = [cache.get(f"{number:064x}") for number in range(len(articles))]
    assert back == list(articles)
    assert any(a.candidates for a in back) and any(a.quotes for a in back)  # all the kinds are tried
    # Every value type the analysis makes is in the table (no slow path left).
    kinds = {type(m) for a in articles for m in (*a.mentions, *a.quotes, *a.candidates, *a.terms)}
    assert kinds <= set(CONSTRUCTED)


def _pack_of(articles, folder: Path) -> tuple[list[str], Path]:
    """The articles in one pack of a fresh cache: their keys, and the pack."""
    cache = ArticleCache(folder)
    keys = [f"{number:064x}" for number in range(len(articles))]
    for key, article in zip(keys, articles):
        cache.put(key, article)
    cache.close()
    (pack,) = folder.glob("*.pack")
    return keys, pack


def _entry_offsets(pack: Path) -> list[int]:
    """Where each entry's head begins."""
    data, offsets, offset = pack.read_bytes(), [], 0
    while offset < len(data):
        offsets.append(offset)
        offset += cache_module._ENTRY.size + cache_module._ENTRY.unpack_from(data, offset)[2]
    return offsets


def _changed(pack: Path, at: int, byte: int = 0x20) -> None:
    data = bytearray(pack.read_bytes())
    data[at] ^= byte
    pack.write_bytes(bytes(data))


# A damage done to the third of five entries → which of the five read back.
HEAD = cache_module._ENTRY.size
TORN = {
    "cut short in its head": (lambda pack, at: pack.write_bytes(pack.read_bytes()[: at + 10]), 2),
    "cut short in its payload": (lambda pack, at: pack.write_bytes(pack.read_bytes()[: at + HEAD + 9]), 2),
    "a payload byte changed": (lambda pack, at: _changed(pack, at + HEAD + 30), [0, 1, 3, 4]),
    "a byte of its key changed": (lambda pack, at: _changed(pack, at + 10), [0, 1, 3, 4]),
    "its checksum changed": (lambda pack, at: _changed(pack, at + HEAD - 1), [0, 1, 3, 4]),
    "its mark changed": (lambda pack, at: _changed(pack, at), 2),
    "its length made longer": (lambda pack, at: _changed(pack, at + 36, 0x01), 2),
    "garbage after it": (lambda pack, at: pack.write_bytes(pack.read_bytes() + b"\x00garbage" * 9), 5),
}


@pytest.mark.parametrize("damage", TORN, ids=list(TORN))
def test_a_torn_or_damaged_entry_is_never_trusted_and_those_before_it_are_kept(tmp_path, damage):
    articles = analysed(seed_project(tmp_path / "project"))
    assert len(articles) == 5
    keys, pack = _pack_of(articles, tmp_path / "cache")
    make, kept = TORN[damage]
    make(pack, _entry_offsets(pack)[2])
    kept = list(range(kept)) if isinstance(kept, int) else kept
    back = ArticleCache(tmp_path / "cache")
    assert [n for n, key in enumerate(keys) if back.get(key) is not None] == kept
    assert all(back.get(keys[n]) == articles[n] for n in kept)


def test_a_damaged_entry_is_analysed_again_and_the_site_is_the_same(tmp_path):
    project = seed_project(tmp_path / "project")
    build_site(project, tmp_path / "site")
    (project / ".cache" / "held.pickle").unlink()  # every article is read from the packs
    (pack,) = (project / ".cache" / "articles").glob("*.pack")
    _changed(pack, _entry_offsets(pack)[3] + HEAD + 100)
    (project / ".cache" / "builds").rename(tmp_path / "builds")  # a full build again
    assert build_site(project, tmp_path / "site").analysed == 1
    build_site(project, tmp_path / "full", cache=False)
    assert tree_bytes(tmp_path / "site") == tree_bytes(tmp_path / "full")


def test_packs_are_merged_when_many_and_what_no_build_uses_dropped_when_most(tmp_path, monkeypatch):
    articles = analysed(seed_project(tmp_path / "project"))
    folder = tmp_path / "cache"
    monkeypatch.setattr(cache_module, "_MAX_PACKS", 3)
    keys = [f"{number:064x}" for number in range(12)]
    for key in keys:  # one pack a build, as an added article makes
        one = ArticleCache(folder)
        assert one.get(key) is None
        one.put(key, articles[int(key, 16) % 5])
        one.close(keys)
    assert len(list(folder.glob("*.pack"))) <= 3 + 1
    cache = ArticleCache(folder)
    assert cache.entries() == set(keys) and all(
        cache.get(key) == articles[n % 5] for n, key in enumerate(keys)
    )
    # Most keys no longer used: they are dropped, the others kept, in one pack.
    cache.close(keys[:5])
    assert len(list(folder.glob("*.pack"))) == 1
    assert ArticleCache(folder).entries() == set(keys[:5])
    assert [ArticleCache(folder).get(key) for key in keys[:5]] == list(articles)


def test_a_pack_another_build_is_writing_is_neither_merged_nor_removed(tmp_path, monkeypatch):
    articles = analysed(seed_project(tmp_path / "project"))
    folder = tmp_path / "cache"
    other = ArticleCache(folder)  # another build, still writing
    other.put("f" * 64, articles[0])
    monkeypatch.setattr(cache_module, "_MAX_PACKS", 1)
    for number in range(3):
        cache = ArticleCache(folder)
        cache.put(f"{number:064x}", articles[1])
        cache.close([f"{number:064x}"])  # every other entry stale: dropped where they can be
    other.put("e" * 64, articles[2])
    other.close()
    back = ArticleCache(folder)
    assert back.get("f" * 64) == articles[0] and back.get("e" * 64) == articles[2]
    assert back.get(f"{2:064x}") == articles[1]


def test_the_cache_of_earlier_versions_is_removed_and_nothing_else(tmp_path):
    articles = analysed(seed_project(tmp_path / "project"))
    folder = tmp_path / "cache"
    (folder / "ab").mkdir(parents=True)
    (folder / "ab" / f"ab{'0' * 62}.pickle").write_bytes(memo_bytes(articles[0]))
    (folder / "cd").mkdir()
    (folder / "cd" / "notes.txt").write_text("the analyst's", encoding="utf-8")
    cache = ArticleCache(folder)
    assert cache.get(f"ab{'0' * 62}") is None
    cache.put("1" * 64, articles[1])
    cache.close(["1" * 64])
    assert not (folder / "ab").exists() and (folder / "cd" / "notes.txt").is_file()
    assert ArticleCache(folder).get("1" * 64) == articles[1]


@pytest.mark.parametrize(
    "date", [PartialDate(2024), PartialDate(2024, 5), PartialDate(2024, 2, 29)], ids=repr
)
def test_a_checked_value_comes_back_the_same_without_being_checked_again(date):
    back = pickle.loads(memo_bytes((date, [date])))
    assert back == (date, [date]) and type(back[0]) is PartialDate and back[0] is back[1][0]
    assert PartialDate in CHECKED


def _edges(article):
    """The article with its columns (mentions, quotations, terms, blocks)
    empty, of one value, and as analysed."""
    parsed = article.parsed
    yield dataclasses.replace(
        article, mentions=(), quotes=(), terms=(), parsed=dataclasses.replace(parsed, blocks=())
    )
    yield dataclasses.replace(
        article,
        mentions=article.mentions[:1],
        quotes=article.quotes[:1],
        terms=article.terms[:1],
        parsed=dataclasses.replace(parsed, blocks=parsed.blocks[:1]),
    )
    yield article


def test_an_article_pickled_by_columns_comes_back_the_same_values_of_the_same_classes(tmp_path):
    articles = [edge for article in analysed(seed_project(tmp_path / "project")) for edge in _edges(article)]
    assert any(a.mentions and a.quotes and a.terms for a in articles)
    for article in articles:
        back = pickle.loads(memo_bytes(article))
        assert back == article and repr(back) == repr(article)
        pairs = [(back, article), (back.parsed, article.parsed)]
        pairs += zip(
            (*back.mentions, *back.quotes, *back.terms), (*article.mentions, *article.quotes, *article.terms)
        )
        pairs += zip(back.parsed.blocks, article.parsed.blocks)
        for value, before in pairs:
            assert type(value) is type(before)
            for field in dataclasses.fields(before):
                assert type(getattr(value, field.name)) is type(getattr(before, field.name))
        for name in ("mentions", "quotes", "terms"):
            assert type(getattr(back, name)) is tuple


def _link_memo() -> LinkMemo:
    """A memo of two articles (one undated, of an outlet named as written) as linking keeps it."""
    memo = LinkMemo(
        counted={
            "a": Counted("key", Place("beijing-2022", "2022", (0, "xinhua", ""), True), (738190, 0)),
            "b": Counted("key2", Place("", "", (1, "outlet-x", "منبر"), False), (3652059, 9)),
        },
        counts={"a": (EntityCount("china", 3), EntityCount("xi", 1)), "b": ()},
        names={"a": ("china", "xi"), "b": ()},
        speakers={"a": ("xi",), "b": ()},
        groups={("entity", "china"): 1 << 200, ("summit", ""): 7},
    )
    memo.sums.whole.update({"china": 3, "xi": 1})
    memo.sums.outlets[(0, "xinhua", "")] = Counter({"china": 3})
    return memo


KEPT = {
    # A memo with something in it, and what of it must come back.
    RepeatMemo: (
        lambda: RepeatMemo("spellings", {"key": ()}, near={"key": (("a", "b"),)}),
        lambda m: (m.spellings, m.found, m.near),
    ),
    LinkMemo: (
        lambda: _link_memo(),
        lambda m: (
            m.counted,
            m.counts,
            m.names,
            m.speakers,
            [(type(c), type(c.place), type(c.place.outlet), type(c.order)) for c in m.counted.values()],
            [type(counts) for counts in m.counts.values()],
            dict(m.sums.whole),
            m.sums.outlets,
            m.groups,
        ),
    ),
}


@pytest.mark.parametrize("kind", KEPT, ids=lambda kind: kind.__name__)
def test_a_memo_file_gives_back_what_was_kept_and_nothing_else(tmp_path, kind):
    make, content = KEPT[kind]
    path = tmp_path / "memo.pickle"
    memo = make()
    MemoFile(path, kind).save(memo)
    assert not path.exists()  # unchanged: nothing to write
    memo.changed = True
    MemoFile(path, kind).save(memo)
    back = MemoFile(path, kind).load()
    assert type(back) is kind and not back.changed and content(back) == content(memo)
    gc.unfreeze()
    try:  # read as long-lived: the same, and left out of the collector's walks until unfrozen
        assert content(MemoFile(path, kind).load(long_lived=True)) == content(memo) and gc.get_freeze_count()
    finally:
        gc.unfreeze()
    other = LinkMemo if kind is RepeatMemo else RepeatMemo
    other_content = KEPT[other][1]
    assert other_content(MemoFile(path, other).load()) == other_content(other())  # another type's: empty
    path.write_bytes(pickle.dumps(("other code", back)))
    assert content(MemoFile(path, kind).load()) == content(kind())  # of other code: an empty memo
    assert content(MemoFile(None, kind).load()) == content(kind())  # no cache: empty, never a file


def held_articles(tmp_path: Path, count: int) -> dict[str, object]:
    articles = held(analysed(seed_project(tmp_path / "project")))
    return {f"{n:064x}": articles[n % len(articles)] for n in range(count)}


def test_the_held_file_gives_back_the_articles_with_their_offsets_shared(tmp_path):
    articles = held_articles(tmp_path, 5)
    path = tmp_path / "held.pickle"
    HeldFile(path).save(HeldMemo(dict(articles), dict(articles)), tuple(articles))
    back = HeldFile(path).load()
    assert back.articles == articles and back.fresh == {} and (back.stored, back.frames) == (5, 1)
    # What is held of every article (its quotations; its mentions are read with its body).
    offsets = {}
    for article in back.articles.values():
        for q in article.quotes:
            for value in (q.start, q.end, q.line):
                assert offsets.setdefault(value, value) is value  # one int object for each value
    assert max(offsets) > 256
    assert HeldFile(None).load().articles == {}  # no cache: empty, never a file
    HeldFile(None).save(HeldMemo(dict(articles), dict(articles)), tuple(articles))


def test_held_articles_read_as_long_lived_are_left_out_of_collections_until_the_build_ends(
    tmp_path, mini_project
):
    articles = held_articles(tmp_path / "held", 5)
    path = tmp_path / "held.pickle"
    HeldFile(path).save(HeldMemo(dict(articles), dict(articles)), tuple(articles))
    gc.unfreeze()
    try:
        assert HeldFile(path).load().articles == articles and gc.get_freeze_count() == 0
        memo = HeldFile(path).load(long_lived=True)
        assert memo.articles == articles and gc.get_freeze_count() > sum(
            len(a.mentions) for a in articles.values()
        )
        assert gc.isenabled()
    finally:
        gc.unfreeze()
    # A build reads them so (nothing to analyse: the held file is read) and unfreezes them at its end.
    build_site(mini_project, tmp_path / "site")
    seed = mini_project / "seeds" / "a.txt"
    seed.write_text(seed.read_text(encoding="utf-8") + "فقرة أخرى.\n", encoding="utf-8")
    frozen = []
    load = HeldFile.load

    def watched(self, long_lived=False):
        memo = load(self, long_lived)
        frozen.append(gc.get_freeze_count())
        return memo

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(HeldFile, "load", watched)
        assert run_cli(["--root", str(mini_project), "--out", str(tmp_path / "site"), "--quiet"]) == 0
    assert frozen and frozen[0] > 0 and gc.get_freeze_count() == 0


def _saved(path: Path, keys: tuple[str, ...], articles: dict) -> HeldMemo:
    """A build's memo: the file's articles, those of `keys` it has not got put in fresh."""
    memo = HeldFile(path).load()
    for key in keys:
        if key not in memo.articles:
            memo.put(key, articles[key])
    HeldFile(path).save(memo, keys)
    return memo


# (the keys of each build in turn, the file's entries and frames after the last)
BUILDS = {
    "one added: a frame appended": ([range(20), range(21)], 21, 2),
    "nothing new: not written": ([range(20), range(20)], 20, 1),
    "one gone: not written": ([range(20), range(19)], 20, 1),
    "a few edited: appended": ([range(20), [*range(18), 30, 31]], 22, 2),
    "stale over an eighth: written whole": ([range(20), [*range(17), 30, 31, 32]], 20, 1),
    "many added at once: appended": ([range(20), range(22)], 22, 2),
    "frames up to the limit, then whole": ([range(20), *(range(21 + n) for n in range(64))], 84, 1),
    "more than a frame's worth: several frames": ([range(2 * 1000 + 5)], 2005, 3),
}


@pytest.mark.parametrize("builds", BUILDS, ids=list(BUILDS))
def test_the_held_file_is_appended_to_and_written_whole_when_stale(tmp_path, builds):
    steps, entries, frames = BUILDS[builds]
    articles = held_articles(tmp_path, 2100)
    path = tmp_path / "held.pickle"
    for step in steps:
        keys = tuple(f"{n:064x}" for n in step)
        _saved(path, keys, articles)
    back = HeldFile(path).load()
    assert (back.stored, back.frames) == (entries, frames)
    assert all(back.articles[key] == articles[key] for key in keys)


def test_a_held_frame_cut_short_keeps_those_before_and_the_file_is_then_written_whole(tmp_path):
    articles = held_articles(tmp_path, 30)
    path = tmp_path / "held.pickle"
    _saved(path, tuple(list(articles)[:20]), articles)
    whole = path.read_bytes()
    _saved(path, tuple(list(articles)[:21]), articles)  # one frame appended
    path.write_bytes(path.read_bytes()[:-10])  # and cut short
    memo = HeldFile(path).load()
    assert set(memo.articles) == set(list(articles)[:20]) and memo.frames == 0  # written whole next
    _saved(path, tuple(list(articles)[:21]), articles)
    assert path.read_bytes() != whole and HeldFile(path).load().frames == 1
    path.write_bytes(pickle.dumps(("other code", [])) + pickle.dumps({}))
    assert HeldFile(path).load().articles == {}


def test_equal_dates_of_a_held_frame_are_read_back_as_one_object(tmp_path):
    """A frame's heads are columns (`cache._Heads`): equal dates are
    pickled once and read back as one object, not one per article."""
    first = next(iter(held_articles(tmp_path, 1).values()))
    date = first.meta.date
    articles = {
        f"{n:064x}": copied(
            first,
            parsed=copied(
                first.parsed,
                meta=dataclasses.replace(
                    first.meta, id=f"a{n}", date=PartialDate(date.year, date.month, date.day)
                ),
            ),
        )
        for n in range(3)
    }
    path = tmp_path / "held.pickle"
    HeldFile(path).save(HeldMemo(dict(articles), dict(articles)), tuple(articles))
    back = HeldFile(path).load().articles
    assert back == articles and len({id(a.meta.date) for a in back.values()}) == 1


def _shorter(column: tuple) -> tuple:
    return column[:-1]


# A frame's columns that do not agree (a column of one value less, quotations
# counted one more): what zip would silently cut short.
UNEVEN = {
    "an ArticleMeta's field": lambda h: h._replace(meta={**h.meta, "summit": _shorter(h.meta["summit"])}),
    "a parsed text's field": lambda h: h._replace(
        parsed={**h.parsed, "language": _shorter(h.parsed["language"])}
    ),
    "an article's tally": lambda h: h._replace(
        article={**h.article, "_tally": _shorter(h.article["_tally"])}
    ),
    "a body's offset": lambda h: h._replace(offsets=_shorter(h.offsets)),
    "the quotations counted": lambda h: h._replace(quoted=(*h.quoted[:-1], h.quoted[-1] + 1)),
}


@pytest.mark.parametrize("uneven", UNEVEN, ids=list(UNEVEN))
def test_a_held_frame_whose_columns_do_not_agree_is_not_read(tmp_path, monkeypatch, uneven):
    articles = held_articles(tmp_path, 4)
    path = tmp_path / "held.pickle"
    heads = cache_module._heads

    def made_uneven(*args):
        return UNEVEN[uneven](heads(*args))

    monkeypatch.setattr(cache_module, "_heads", made_uneven)
    HeldFile(path).save(HeldMemo(dict(articles), dict(articles)), tuple(articles))
    back = HeldFile(path).load()
    assert back.articles == {} and (back.stored, back.frames) == (0, 0)  # none trusted; written whole next


@pytest.fixture
def scanned(monkeypatch) -> list[tuple[str, int]]:
    """The packs whose heads are read (`cache._scan`), each with where it was read from."""
    reads, scan = [], cache_module._scan

    def counted(path, start=0):
        reads.append((path.name, start))
        return scan(path, start)

    monkeypatch.setattr(cache_module, "_scan", counted)
    return reads


def _indexed_packs(tmp_path: Path, count: int = 30) -> tuple[Path, list[str], list]:
    """A cache of `count` entries in one pack, closed by a build (its index written)."""
    articles = analysed(seed_project(tmp_path / "project"))
    folder = tmp_path / "cache"
    keys = [f"{number:064x}" for number in range(count + 10)]
    full = ArticleCache(folder)
    for key in keys[:count]:
        full.put(key, articles[0])
    full.close(keys[:count])
    assert (folder / cache_module._INDEX).is_file()
    return folder, keys, articles


def test_an_added_articles_key_is_known_absent_from_the_index_without_reading_the_packs(tmp_path, scanned):
    folder, keys, articles = _indexed_packs(tmp_path)
    scanned.clear()
    one = ArticleCache(folder)
    assert one.get(keys[30]) is None and scanned == []  # (no entry's head read)
    one.put(keys[30], articles[1])
    one.close(keys[:31])
    assert scanned == []  # nor to tidy: two packs, every entry used
    again = ArticleCache(folder)
    assert again.get(keys[31]) is None and scanned == []
    assert again.get(keys[30]) == articles[1] and again.get(keys[3]) == articles[0]  # (then every head read)
    assert again.entries() == set(keys[:31])


def _index_bytes(packs: dict) -> bytes:
    return sealed(pickle.dumps((cache_module._INDEX_MARK, packs)))


def _pack_rewritten(folder: Path, keys: list[str], articles: list) -> str:
    """The pack cut short and written anew under its name (two other entries): the key to find."""
    (pack,) = folder.glob("*.pack")
    other = ArticleCache(tmp := folder.parent / "other")
    for key in keys[30:32]:
        other.put(key, articles[1])
    other.close()
    (written,) = tmp.glob("*.pack")
    written.replace(pack)
    return keys[31]


def _index_of_the_first_entry_only(folder: Path, keys: list[str], articles: list) -> str:
    index = folder / cache_module._INDEX
    _, packs = pickle.loads(unsealed(index.read_bytes()))
    ((name, pack),) = packs.items()
    first = cache_module._Indexed(
        cache_module._ENTRY.size + cache_module._scan(folder / name)[0][1].length, pack.keys[:32]
    )
    index.write_bytes(_index_bytes({name: first}))
    return keys[5]


def _a_pack_after_the_index(folder: Path, keys: list[str], articles: list) -> str:
    stopped = ArticleCache(folder)  # a build stopped after it analysed one: no index written
    stopped.put(keys[35], articles[1])
    stopped.close()
    return keys[35]


def _index_changed_at(folder: Path, keys: list[str], articles: list) -> str:
    index = folder / cache_module._INDEX
    data = index.read_bytes()
    at = data.index(bytes.fromhex(keys[5]))
    index.write_bytes(data[:at] + bytes(32) + data[at + 32 :])  # (the key gone from the index's keys)
    return keys[5]


def _index_of_another_format(folder: Path, keys: list[str], articles: list) -> str:
    index = folder / cache_module._INDEX
    _, packs = pickle.loads(unsealed(index.read_bytes()))
    emptied = {name: pack._replace(keys=b"") for name, pack in packs.items()}
    index.write_bytes(sealed(pickle.dumps(("packs-0", emptied))))
    return keys[5]


# The index not as the packs are: each time the key must still be found.
STALE_INDEX = {
    "a pack longer than the index read: the rest read": _index_of_the_first_entry_only,
    "a pack the index does not name: read whole": _a_pack_after_the_index,
    "a pack cut short and written anew under its name: read whole": _pack_rewritten,
    "an index whose bytes changed: not read": _index_changed_at,
    "an index of another format: not read": _index_of_another_format,
}


@pytest.mark.parametrize("stale", STALE_INDEX, ids=list(STALE_INDEX))
def test_a_key_the_packs_hold_is_found_however_the_index_differs_from_them(tmp_path, stale):
    folder, keys, articles = _indexed_packs(tmp_path)
    key = STALE_INDEX[stale](folder, keys, articles)
    cache = ArticleCache(folder)
    assert cache.get(keys[39]) is None
    assert cache.get(key) is not None and cache.get(key) == ArticleCache(folder).get(key)


def test_a_merge_leaves_a_large_pack_where_it_is(tmp_path, monkeypatch):
    articles = analysed(seed_project(tmp_path / "project"))
    folder = tmp_path / "cache"
    monkeypatch.setattr(cache_module, "_MAX_PACKS", 3)
    keys = [f"{number:064x}" for number in range(40)]
    full = ArticleCache(folder)  # a full build's pack
    for key in keys[:30]:
        full.put(key, articles[0])
    full.close(keys[:30])
    (large,) = folder.glob("*.pack")
    for key in keys[30:]:  # then an added article a build
        one = ArticleCache(folder)
        assert one.get(key) is None
        one.put(key, articles[1])
        one.close(keys[: keys.index(key) + 1])
        assert large.is_file() and len(list(folder.glob("*.pack"))) <= 4
    assert len(list(folder.glob("*.pack"))) < 10
    back = ArticleCache(folder)
    assert (
        back.entries() == set(keys)
        and [back.get(key) for key in keys[28:32]] == [articles[0]] * 2 + [articles[1]] * 2
    )


def _held_file(tmp_path: Path, count: int = 5) -> tuple[dict, Path]:
    articles = held_articles(tmp_path, count)
    path = tmp_path / "held.pickle"
    HeldFile(path).save(HeldMemo(dict(articles), dict(articles)), tuple(articles))
    return articles, path


@pytest.fixture
def body_reads(monkeypatch) -> Counter:
    """The bodies read from held files, by article key."""
    reads: Counter = Counter()
    read = cache_module._Bodies._read

    def counted(self, key, *where):
        reads[key] += 1
        return read(self, key, *where)

    monkeypatch.setattr(cache_module._Bodies, "_read", counted)
    return reads


def test_a_held_article_reads_its_body_only_when_asked_and_is_the_one_put_in(tmp_path, body_reads):
    articles, path = _held_file(tmp_path)
    back = HeldFile(path).load().articles
    assert all(type(a) is LazyArticle and type(a.parsed) is LazyParsed for a in back.values())
    # What the stages before the pages read of every article (of its mentions, their tally):
    # nothing of its body.
    for key, article in back.items():
        assert (article.meta, article.quotes, article.candidates) == (
            (a := articles[key]).meta,
            a.quotes,
            a.candidates,
        )
        assert article.title == a.title and article.parsed.has_text and article.parsed.text_print
        assert list(mention_tally(article).items()) == list(mention_tally(a).items()) and a.mentions
    kept = [for_pages(k) for k in back.values()]
    assert all(type(k) is LazyArticle and k.terms == () and not k.candidates for k in kept)
    assert not body_reads
    key, article = next(iter(back.items()))
    assert article.text == articles[key].text and body_reads == {key: 1}
    assert (article.parsed.blocks, article.parsed.removed, article.terms, article.mentions) == (
        articles[key].parsed.blocks,
        articles[key].parsed.removed,
        articles[key].terms,
        articles[key].mentions,
    )
    assert body_reads == {key: 1}  # kept while it is read
    assert back == articles and [k.parsed.blocks for k in kept] == [a.parsed.blocks for a in back.values()]
    # Pickled, the plain value it stands for; made with another body, a plain article (of its parsed text).
    for key, article in back.items():
        for copy in (pickle.loads(pickle.dumps(article)), pickle.loads(memo_bytes(article))):
            assert type(copy) is Article and type(copy.parsed) is ParsedArticle and copy == articles[key]
        for copy in (
            dataclasses.replace(article, quotes=article.quotes),
            copied(article, terms=article.terms),
        ):
            assert type(copy) is Article and copy == articles[key] and copy.terms == articles[key].terms
        assert type(dataclasses.replace(article.parsed, text="")) is ParsedArticle


def test_a_held_articles_mentions_are_made_only_when_asked_for_and_their_tally_is_held(
    tmp_path, monkeypatch, body_reads
):
    """The mentions (36 an article: most of the values of 10,000 held
    articles) are part of a held article's body; what the view reads of
    every article's mentions, their tally (`mention_tally`), is held."""
    articles, path = _held_file(tmp_path)
    made, mentions = [], cache_module._slots(Mention)
    original = mentions.make

    def make(flat: tuple) -> tuple:  # (the held file's one maker of mentions)
        made.append(flat)
        return original(flat)

    monkeypatch.setattr(mentions, "make", make)
    back = HeldFile(path).load().articles
    kept = {key: for_pages(a) for key, a in back.items()}
    for read in (back, kept):
        assert [list(mention_tally(a).items()) for a in read.values()] == [
            list(Counter(m.entity_id for m in a.mentions).items()) for a in articles.values()
        ]
    assert not made and not body_reads and all(a.mentions for a in articles.values())
    key = next(iter(back))
    assert kept[key].mentions == back[key].mentions == articles[key].mentions
    assert len(made) == 1 and body_reads == {key: 1}


def _bodies_changed(back: dict) -> None:
    """Every body's bytes changed in the file the articles were read from
    (in place: as a process writing over it would)."""
    for article in back.values():
        _, offset, length, _ = article._ref
        with article._source.file.path.open("r+b") as file:
            file.seek(article._source.base + offset)
            body = file.read(length)
            file.seek(article._source.base + offset)
            file.write(bytes(b ^ 0x20 for b in body))


def test_a_body_changed_after_the_file_was_read_comes_from_the_articles_own_cache_file(tmp_path, body_reads):
    articles, path = _held_file(tmp_path)
    cache = ArticleCache(tmp_path / "cache")
    for key, article in articles.items():
        cache.put(key, article)
    back = HeldFile(path, cache.get).load().articles
    _bodies_changed(back)
    assert back == articles and set(body_reads) == set(articles)
    # With no cache file to read, the build stops (the next one reads the file afresh).
    back = HeldFile(path).load().articles
    assert back == {}  # (checked as read: every body is now damaged)
    articles, path = _held_file(tmp_path / "again")
    back = HeldFile(path).load().articles
    _bodies_changed(back)
    with pytest.raises(DossierError, match="changed while the site was being built"):
        assert next(iter(back.values())).text


def test_a_held_file_whose_bodies_are_damaged_is_read_without_the_damaged_ones(tmp_path):
    articles, path = _held_file(tmp_path)
    first = next(iter(HeldFile(path).load().articles.values()))
    _changed_at(path, first._source.base + first._ref[1] + 3)
    memo = HeldFile(path).load()
    assert set(memo.articles) == set(articles) - {first._ref[0]}
    assert (memo.stored, memo.frames) == (0, 0)  # written whole next time
    # Cut short in its bodies: the frame is not read.
    path.write_bytes(path.read_bytes()[:-3])
    assert HeldFile(path).load().articles == {}


@pytest.fixture
def body_checks(monkeypatch) -> list:
    """The frames whose bodies were all checked as a held file was read."""
    checks, damaged = [], cache_module._damaged

    def counted(heads, bodies):
        checks.append(len(heads.keys))
        return damaged(heads, bodies)

    monkeypatch.setattr(cache_module, "_damaged", counted)
    return checks


def _renamed_over(path: Path) -> None:
    """The same bytes and times, in another file renamed over it (another inode)."""
    copy = path.with_name("copy")
    copy.write_bytes(path.read_bytes())
    stat = path.stat()
    os.utime(copy, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    os.replace(copy, path)


# What happens to a held file (a body of which is damaged where its status
# cannot show it) before it is read: whether its bodies are then trusted
# without being checked at load.
SINCE = {
    "nothing: its bodies not checked": (lambda path, checked, patch: None, False),
    "touched": (lambda path, checked, patch: os.utime(path), True),
    "another file renamed over it": (lambda path, checked, patch: _renamed_over(path), True),
    "its record removed": (lambda path, checked, patch: checked.unlink(), True),
    "its record with a byte changed": (lambda path, checked, patch: _changed_at(checked, -2), True),
    "its record of another format": (
        lambda path, checked, patch: patch.setattr(cache_module, "_CHECKED_VERSION", 2),
        True,
    ),
}


@pytest.mark.parametrize("since", SINCE, ids=list(SINCE))
def test_a_held_files_bodies_are_checked_at_load_unless_its_status_is_the_one_it_was_written_with(
    tmp_path, monkeypatch, body_checks, since
):
    """A file whose status is the one its last write left (its modification
    time set back, `HeldFile._vouch`) is read without checking its 71 MB of
    bodies (at 10,000 articles: 0.03 s of CPU); any other status, or a record
    of it that is not as written, and every body is checked as before."""
    articles, path = _held_file(tmp_path)
    checked = path.with_name("held.pickle.checked")
    assert HeldFile(path).load().articles == articles and body_checks == []
    # A body damaged where the status does not show it (as it was recorded again).
    first = next(iter(HeldFile(path).load().articles.values()))
    _changed_at(path, first._source.base + first._ref[1] + 3)
    HeldFile(path)._vouch()
    change, checks = SINCE[since]
    change(path, checked, monkeypatch)
    cache = ArticleCache(tmp_path / "cache")
    for key, article in articles.items():
        cache.put(key, article)
    back = HeldFile(path, cache.get).load()
    assert bool(body_checks) == checks
    if checks:
        assert set(back.articles) == set(articles) - {first._ref[0]} and back.frames == 0
        return
    # Trusted at load, still checked when read: from its own cache file, and every body checked next time.
    assert set(back.articles) == set(articles) and checked.exists()  # (equality would read the bodies)
    assert back.articles[first._ref[0]].text == articles[first._ref[0]].text and not checked.exists()
    assert back.articles == articles
    assert set(HeldFile(path).load().articles) == set(articles) - {first._ref[0]} and body_checks


def _appended_by_another_build(path: Path, articles: dict) -> None:
    """Another build reads the file and appends the frame of an article of its own (vouching for it)."""
    memo = HeldFile(path).load()
    key = list(articles)[25]
    memo.put(key, articles[key])
    HeldFile(path).save(memo, (*memo.articles, key))


# (what comes between the read of the file and the append of a frame to it;
# whether the next read then checks its bodies; the entries and frames then)
APPENDS = {
    "nothing: vouched for": (lambda path, articles: None, False, (22, 2)),
    "another build's frame appended": (_appended_by_another_build, True, (23, 3)),
    "written again": (lambda path, articles: path.write_bytes(path.read_bytes()), True, (22, 2)),
}


@pytest.mark.parametrize("between", APPENDS, ids=list(APPENDS))
def test_a_frame_appended_to_a_held_file_read_whole_vouches_for_it(tmp_path, body_checks, between):
    """An added article's build appends its frame to the file it read whole
    and vouches for the whole (its bodies checked or vouched for then, the
    frame its own), unless the file changed after it was read."""
    articles = held_articles(tmp_path, 30)
    keys = tuple(articles)
    path = tmp_path / "held.pickle"
    _saved(path, keys[:20], articles)
    memo = HeldFile(path).load()
    assert body_checks == [] and memo.status is not None
    for key in keys[20:22]:
        memo.put(key, articles[key])
    change, checks, entries = APPENDS[between]
    change(path, articles)
    assert body_checks == []  # (the other build's read: vouched for)
    HeldFile(path).save(memo, keys[:22])
    back = HeldFile(path).load()
    assert (back.stored, back.frames) == entries and all(back.articles[k] == articles[k] for k in keys[:22])
    assert bool(body_checks) == checks


def test_a_held_file_whose_heads_are_changed_is_not_read_as_other_values(tmp_path):
    """A byte changed in a frame's heads that still unpickles (a letter of
    a quotation held there) is not read back as another quotation: the
    heads carry their CRC-32, as the bodies do."""
    articles, path = _held_file(tmp_path)
    quoted = next(a for a in articles.values() if any("ا" in q.text for q in a.quotes))
    text = next(q.text for q in quoted.quotes if "ا" in q.text)
    data = path.read_bytes()
    at = data.index(text.encode("utf-8"))
    assert at < next(iter(HeldFile(path).load().articles.values()))._source.base  # (in the heads)
    changed = text.replace("ا", "ب", 1).encode("utf-8")
    path.write_bytes(data[:at] + changed + data[at + len(changed) :])
    back = HeldFile(path).load()
    assert back.articles == {} and (back.stored, back.frames) == (0, 0)  # none trusted; written whole next


def test_a_forked_process_reads_the_bodies_of_the_file_its_parent_read(tmp_path):
    articles, path = _held_file(tmp_path)
    back = HeldFile(path).load().articles
    assert next(iter(back.values())).text  # one read (and kept) before the fork
    expected = hashlib.sha256("".join(a.text + repr(a.terms) for a in articles.values()).encode()).digest()
    read, write = os.pipe()
    child = os.fork()
    if child == 0:  # pragma: no cover (the child)
        try:
            texts = "".join(a.text + repr(a.terms) for a in back.values())
            os.write(write, hashlib.sha256(texts.encode()).digest())
        finally:
            os._exit(0)
    os.close(write)
    assert os.read(read, 64) == expected
    os.waitpid(child, 0)
    os.close(read)
    assert back == articles  # the parent's reads are its own


def test_pages_made_by_forked_workers_from_held_articles_equal_a_full_build(tmp_path):
    """A template changed: every page made again, over two forked workers,
    from articles read from the held file (their bodies read by each worker)."""
    project = make_dossier(tmp_path / "project", 90)
    site = tmp_path / "site"
    build_site(project, site, jobs=2)
    base = project / "templates" / "base.html"
    base.write_text(base.read_text(encoding="utf-8").replace("</footer>", " </footer>"), encoding="utf-8")
    report = build_site(project, site, jobs=2)
    assert report.analysed == 0 and len(report.made) >= 400  # (forked workers: see build.writing)
    build_site(project, tmp_path / "full", jobs=2, cache=False)
    assert tree_bytes(site) == tree_bytes(tmp_path / "full")


def test_an_added_article_reads_the_bodies_of_the_pages_made_and_of_the_names_found_only(
    tmp_path, monkeypatch
):
    """The other stages read what every article holds (metadata, its
    mentions' tally, quotations, candidates, headline): a body (its mentions
    too) is read only to make a page again or for a name the candidates'
    summary weighs by its context."""
    project = make_dossier(tmp_path / "project", 60)
    build_site(project, tmp_path / "site")
    readers, keys, read = Counter(), set(), cache_module._Bodies._read

    def counted(self, key, *where):
        stack = {frame.f_code.co_name for frame in _frames()}
        readers["page" if "make_output" in stack else "names" if "summarise" in stack else "other"] += 1
        keys.add(key)
        return read(self, key, *where)

    monkeypatch.setattr(cache_module._Bodies, "_read", counted)
    add_article(project, 60)
    assert build_site(project, tmp_path / "site").analysed == 1
    # (At 60 articles the entity pages made again show every one of them: at 10,000, 2,400 of 10,009.)
    assert keys and readers["page"] and not readers["other"]


def _frames():
    frame = sys._getframe(1)
    while frame is not None:
        yield frame
        frame = frame.f_back


def test_a_memo_whose_bytes_changed_is_not_trusted_even_when_it_still_unpickles(tmp_path):
    """A memo file is sealed with its checksum (`files.sealed`): a byte
    changed inside a value still unpickles, to a memo of other values,
    and is read as no memo at all."""
    from newsdossier.analysis.candidates import RepeatMemo
    from newsdossier.build.cache import MemoFile

    memos = MemoFile(tmp_path / "repeats.pickle", RepeatMemo)
    memo = RepeatMemo(spellings="abcdef")
    memo.changed = True
    memos.save(memo)
    assert memos.load().spellings == "abcdef"
    data = (tmp_path / "repeats.pickle").read_bytes()
    (tmp_path / "repeats.pickle").write_bytes(data.replace(b"abcdef", b"abcdeg"))
    assert memos.load().spellings == ""


# (a column as `cache.as_columns` keeps it: its equal values one object, of their own type)
SHARED = {
    "equal strings one object": (["ab", "".join(["a", "b"])], ["ab", "ab"], True),
    "1 is not True, nor 1.0": ([1, True, 1.0, 1], [1, True, 1.0, 1], False),
    "unhashable: as they are": ([[1], [1]], [[1], [1]], False),
}


@pytest.mark.parametrize("case", SHARED, ids=list(SHARED))
def test_a_column_keeps_its_values_and_their_types_sharing_equal_ones(case):
    column, expected, one = SHARED[case]
    shared = cache_module._shared(column)
    assert list(shared) == expected and [type(v) for v in shared] == [type(v) for v in expected]
    assert (shared[0] is shared[1]) == one
