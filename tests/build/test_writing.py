"""Outputs made into the staging folder (`build/writing.py`): the kept
ones linked from the previous site (by threads, or after forked workers),
the others made; a kept output whose old file went missing is made again;
the results held to the end of the build, each read one string."""

from __future__ import annotations

import os
import pickle
import shutil

import pytest

from newsdossier.build import writing
from newsdossier.build.writing import StagedOutput, _shared
from newsdossier.site.outputs import OutputRecord
from tests.helpers import build_site, seed_project, tree_bytes

ARTICLES_YAML = "dossier/articles.yaml"


@pytest.mark.parametrize("forked", [False, True], ids=["links beside the making", "links after workers"])
def test_kept_files_are_the_previous_ones_and_a_missing_one_is_made(tmp_path, monkeypatch, forked):
    if forked:
        monkeypatch.setattr(writing, "PARALLEL_THRESHOLD", 1)
    monkeypatch.setattr(writing, "LINK_RUN", 3)  # many runs of links
    project = seed_project(tmp_path / "project")
    site = tmp_path / "site"
    build_site(project, site)
    kept = site / "assets" / "style.css"
    inode = kept.stat().st_ino
    (site / "robots.txt").unlink()  # kept by the next build, but gone: made again
    entries = project / ARTICLES_YAML
    entries.write_text(entries.read_text(encoding="utf-8").replace("outlet_name: ", "outlet_name: x", 1))
    report = build_site(project, site, jobs=2)
    assert "robots.txt" in report.made
    assert kept.stat().st_ino == inode  # linked, not written again
    build_site(project, tmp_path / "full", cache=False)
    assert tree_bytes(site) == tree_bytes(tmp_path / "full")


def test_reads_back_from_workers_are_one_string_each_and_the_same_values():
    made = [
        StagedOutput(f"p{n}.html", OutputRecord(f"k{n}", ("article:a", f"entity:e{n % 2}")), True, n == 1)
        for n in range(4)
    ]
    runs = [pickle.loads(pickle.dumps(made[:2])), pickle.loads(pickle.dumps(made[2:]))]  # as from two workers
    names: dict[str, str] = {}
    shared = [r for run in runs for r in _shared(run, names)]
    assert shared == made
    assert len({id(read) for r in shared for read in r.record.reads}) == 3


def test_forked_workers_compile_no_template(tmp_path, monkeypatch):
    # Each worker compiled every template again (a third of a second each on
    # a cold build): they are compiled in this process before the fork.
    import jinja2

    monkeypatch.setattr(writing, "PARALLEL_THRESHOLD", 1)
    compiled = tmp_path / "compiled.txt"
    original = jinja2.Environment._compile

    def counted(self, source, filename):
        with compiled.open("a", encoding="utf-8") as log:  # appended by whichever process compiles
            log.write(f"{os.getpid()} {filename}\n")
        return original(self, source, filename)

    monkeypatch.setattr(jinja2.Environment, "_compile", counted)
    pools = []

    class CountedPool(writing.WorkerPool):
        def __enter__(self):
            pools.append(self)
            return super().__enter__()

    monkeypatch.setattr(writing, "WorkerPool", CountedPool)
    project = seed_project(tmp_path / "project")
    report = build_site(project, tmp_path / "site", jobs=2)
    assert len(pools) == 1 and len(report.made) >= 2  # made by forked workers
    lines = compiled.read_text(encoding="utf-8").split("\n")[:-1]
    assert {line.split()[0] for line in lines} == {str(os.getpid())}
    assert len(lines) == len(set(lines))  # each template once


def test_a_full_render_reads_each_body_a_few_times_not_once_for_every_entity_page(tmp_path, monkeypatch):
    # An entity's pages show its mentions in their sentences, article by
    # article: made in path order, nearly every page read each of its
    # articles' bodies again (the cache keeps a few hundred of 10,000).
    # Made in the order of the articles they show (`pages.making_order`),
    # neighbouring pages read the same bodies while they are kept.
    from bench.synthetic import make_dossier
    from newsdossier.build import cache
    from newsdossier.site import view
    from newsdossier.site.pages import entity

    project = make_dossier(tmp_path / "project", 120, seed=3)
    build_site(
        project, tmp_path / "site"
    )  # analysed: the next build holds the articles, their bodies on disk
    shutil.rmtree(tmp_path / "site")
    shutil.rmtree(project / ".cache" / "builds")  # no previous build: every page is made
    # As at 10,000 articles: entities of many pages, many times the bodies kept.
    monkeypatch.setattr(view, "ENTITY_ARTICLES_PER_PAGE", 4)
    monkeypatch.setattr(view, "ENTITY_ARTICLES_PER_FURTHER_PAGE", 4)
    monkeypatch.setattr(cache, "_RECENT", 12)
    monkeypatch.setattr(writing, "PARALLEL_THRESHOLD", 1)
    reads, shown = [], []
    read, groups = cache._Bodies._read, entity._mention_groups

    def counted_read(self, *ref):
        reads.append(bool(shown) and shown[-1] is not None)  # by an entity page
        return read(self, *ref)

    def counted_groups(v, e, items, *rest):
        shown.append(items)
        found = groups(v, e, items, *rest)
        shown.append(None)
        return found

    monkeypatch.setattr(cache._Bodies, "_read", counted_read)
    monkeypatch.setattr(entity, "_mention_groups", counted_groups)
    build_site(project, tmp_path / "site")
    pairs = sum(len(items) for items in shown if items is not None)
    assert pairs > 1000 and sum(reads) < pairs / 4
