"""The caches are memos: damaged, foreign or stale files make a build slower,
never wrong and never failed."""

from __future__ import annotations

import dataclasses
import marshal
import pickle
from pathlib import Path

import pytest

from newsdossier.analysis.candidates import RepeatMemo
from newsdossier.analysis.linking import LinkMemo, Place
from newsdossier.build import manifest as manifest_module
from newsdossier.build.cache import CONSTRUCTED, ArticleCache, MemoFile
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


KEPT = {
    # A memo with something in it, and what of it must come back.
    RepeatMemo: (lambda: RepeatMemo("spellings", {"key": ()}), lambda m: (m.spellings, m.found)),
    LinkMemo: (
        lambda: LinkMemo(counted={"a": ("key", Place("beijing-2022", "2022", (2, "", ""), True))}),
        lambda m: m.counted,
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
    other = LinkMemo if kind is RepeatMemo else RepeatMemo
    other_content = KEPT[other][1]
    assert other_content(MemoFile(path, other).load()) == other_content(other())  # another type's: empty
    path.write_bytes(pickle.dumps(("other code", back)))
    assert content(MemoFile(path, kind).load()) == content(kind())  # of other code: an empty memo
    assert content(MemoFile(None, kind).load()) == content(kind())  # no cache: empty, never a file
