"""The caches are memos: damaged, foreign or stale files make a build slower,
never wrong and never failed."""

from __future__ import annotations

import dataclasses
import gc
import marshal
import pickle
from collections import Counter
from pathlib import Path

import pytest

from newsdossier.analysis.candidates import RepeatMemo
from newsdossier.analysis.holding import HeldMemo, held
from newsdossier.analysis.linking import LinkMemo, Place, _Own
from newsdossier.build import manifest as manifest_module
from newsdossier.build.cache import CHECKED, CONSTRUCTED, ArticleCache, HeldFile, MemoFile, memo_bytes
from newsdossier.models.dates import PartialDate
from newsdossier.models.identity import code_version
from tests.analysis.test_holding import analysed
from tests.helpers import build_site, run_cli, seed_project, tree_bytes


def damage_articles(cache: Path, data: bytes) -> int:
    files = sorted((cache / "articles").rglob("*.pickle"))
    for file in files:
        file.write_bytes(data)
    return len(files)


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


DAMAGE = {
    "garbage": lambda cache: damage_articles(cache, b"\x00not a pickle"),
    "empty": lambda cache: damage_articles(cache, b""),
    "another type": lambda cache: damage_articles(cache, pickle.dumps({"an": "article?"})),
    "truncated": lambda cache: damage_articles(cache, pickle.dumps(list(range(1000)))[:50]),
    "manifest garbage": lambda cache: [f.write_bytes(b"\x00not a manifest") for f in manifests(cache)],
    "manifest cut short": lambda cache: [f.write_bytes(f.read_bytes()[:-7]) for f in manifests(cache)],
    "manifest with a byte changed": lambda cache: [flip_a_byte(f) for f in manifests(cache)],
    "manifest of another version": lambda cache: [
        f.write_bytes(b"".join(manifest_module._frame(marshal.dumps((4, "g", "f", {}, {})))))
        for f in manifests(cache)
    ],
    # Bytes of a delta the head does not name (a build stopped before its head): ignored.
    "delta garbage": lambda cache: [delta(f).write_bytes(b"\x00not a delta") for f in manifests(cache)],
    "head garbage": lambda cache: [f.with_suffix(".head").write_bytes(b"\x00") for f in manifests(cache)],
    "repeats garbage": lambda cache: (cache / "repeats.pickle").write_bytes(b"\x00not a pickle"),
    "repeats of another type": lambda cache: (cache / "repeats.pickle").write_bytes(pickle.dumps([1, 2])),
    "linked garbage": lambda cache: (cache / "linked.pickle").write_bytes(b"\x00not a pickle"),
    "linked of another type": lambda cache: (cache / "linked.pickle").write_bytes(pickle.dumps([1, 2])),
    "linked of other code": lambda cache: (cache / "linked.pickle").write_bytes(
        pickle.dumps(("other code", pickle.loads((cache / "linked.pickle").read_bytes())[1]))
    ),
    "held garbage": lambda cache: (cache / "held.pickle").write_bytes(b"\x00not a pickle"),
    "held cut short": lambda cache: (cache / "held.pickle").write_bytes(
        (cache / "held.pickle").read_bytes()[: (cache / "held.pickle").stat().st_size // 2]
    ),
    "held of other code": lambda cache: (cache / "held.pickle").write_bytes(
        pickle.dumps(("other code", [])) + pickle.dumps({})
    ),
    "held of another type": lambda cache: (cache / "held.pickle").write_bytes(
        pickle.dumps((code_version(), []))
        + pickle.dumps({f.stem: "an article?" for f in (cache / "articles").rglob("*.pickle")})
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
            "a": ("key", Place("beijing-2022", "2022", (0, "xinhua", ""), True)),
            "b": ("key2", Place("", "", (1, "outlet-x", "منبر"), False)),
        },
        own={"a": _Own((("china", 3), ("xi", 1)), ("china", "xi")), "b": _Own((), ())},
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
            m.own,
            [(type(place), type(place.outlet)) for _, place in m.counted.values()],
            [(type(own), type(own.counts)) for own in m.own.values()],
            dict(m.sums.whole),
            m.sums.outlets,
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
    offsets = {}
    for article in back.articles.values():
        for m in article.mentions:
            for value in (m.start, m.end, m.sentence_start, m.sentence_end):
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
