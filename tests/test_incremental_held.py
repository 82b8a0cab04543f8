"""The articles as the last build held them (`.cache/held.pickle`) are what
an incremental build reads of the articles it does not analyse: whatever
changed, it gives exactly the output of a full build, and it reads no
unchanged article from its own cache file."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from newsdossier.build import cache as cache_module
from tests.helpers import build_site, seed_project, tree_bytes

ARTICLES = Path("dossier") / "articles.yaml"
COPIED = "002_75c0f02aeffcf6cd.txt"  # an article no note links to


def _append(project: Path, entry: str) -> None:
    with (project / ARTICLES).open("a", encoding="utf-8") as metadata:
        metadata.write(entry)


def added(project: Path) -> None:
    (project / "seeds" / "005_harbin.txt").write_text(
        "بوتين يصل إلى هاربين\nوصل الرئيس الروسي فلاديمير بوتين إلى هاربين بعد محادثاته مع شي جين بينغ.\n",
        encoding="utf-8",
    )
    _append(
        project,
        "\n- id: harbin-2024-05-17\n  source_file: 005_harbin.txt\n  summit: beijing-2024\n"
        "  date: 2024-05-17\n  outlet: null\n  outlet_name: موقع تجريبي\n",
    )


def removed(project: Path) -> None:
    entries = (project / ARTICLES).read_text(encoding="utf-8").split("\n- ")
    (project / ARTICLES).write_text("\n- ".join(e for e in entries if COPIED not in e), encoding="utf-8")
    (project / "seeds" / COPIED).unlink()


def edited(project: Path) -> None:
    seed = project / "seeds" / COPIED
    seed.write_text(seed.read_text(encoding="utf-8") + "\nوقال بوتين إن شي جين بينغ صديق قديم.\n", "utf-8")


def copied(project: Path) -> None:
    """A copy of an article saved again under another name: left out, as from scratch."""
    shutil.copy(project / "seeds" / COPIED, project / "seeds" / "009_copy.txt")


def realiased(project: Path) -> None:
    """A new alias: every article's key changes (any of them may contain it)."""
    entities = project / "dossier" / "entities.yaml"
    text = entities.read_text(encoding="utf-8")
    entities.write_text(text.replace("aliases: []", "aliases: [ميلر الغاز]", 1), encoding="utf-8")


def held_damaged(project: Path) -> None:
    held = project / ".cache" / "held.pickle"
    held.write_bytes(held.read_bytes()[: held.stat().st_size // 3])
    added(project)


# change → how many articles are analysed, and read from their own cache file, by the build after it
CHANGES = {
    "added": (added, 1, 0),
    "removed": (removed, 0, 0),
    "edited": (edited, 1, 0),
    "copied": (copied, 1, 0),
    "re-aliased": (realiased, 5, 0),
    "held file cut short": (held_damaged, 1, None),  # those not read back from it: from their files
}


@pytest.mark.parametrize("change", CHANGES, ids=list(CHANGES))
def test_an_incremental_build_reads_the_held_articles_and_equals_a_full_build(tmp_path, change, monkeypatch):
    make_change, analysed, from_files = CHANGES[change]
    project = seed_project(tmp_path / "project")
    site = tmp_path / "site"
    build_site(project, site)
    assert (project / ".cache" / "held.pickle").is_file()
    make_change(project)
    reads = []
    get = cache_module.ArticleCache.get

    def read(self, key):
        article = get(self, key)
        if article is not None:  # (an article to analyse is looked for first)
            reads.append(key)
        return article

    monkeypatch.setattr(cache_module.ArticleCache, "get", read)
    report = build_site(project, site)
    monkeypatch.undo()
    assert report.analysed == analysed
    # Linking reads back an article it takes away (edited or gone); nothing else is read from a file.
    taken_away = {"removed": 1, "edited": 1}.get(change, 0)
    if from_files is not None:
        assert len(reads) == from_files + taken_away, reads
    build_site(project, tmp_path / "full", cache=False)
    assert tree_bytes(site) == tree_bytes(tmp_path / "full")
    # And the next build, held file and all, is as from scratch too.
    added_again = project / "seeds" / "006_again.txt"
    added_again.write_text("عنوان آخر\nقال شي جين بينغ إن العلاقات جيدة.\n", encoding="utf-8")
    build_site(project, site)
    shutil.rmtree(tmp_path / "full")
    build_site(project, tmp_path / "full", cache=False)
    assert tree_bytes(site) == tree_bytes(tmp_path / "full")
