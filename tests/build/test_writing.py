"""Outputs made into the staging folder (`build/writing.py`): the kept
ones linked from the previous site (by threads, or after forked workers),
the others made; a kept output whose old file went missing is made again;
the results held to the end of the build, each read one string."""

from __future__ import annotations

import os
import pickle

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
