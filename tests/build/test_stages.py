"""The stages' order of work: the candidates' summary made in a forked
process beside proposing, linking and planning when many articles were
analysed afresh, with the report and the memo it would make here."""

from __future__ import annotations

import os
import shutil

import pytest

from newsdossier.analysis.candidates import RepeatMemo
from newsdossier.build import stages
from newsdossier.build.cache import MemoFile
from tests.helpers import build_site, seed_project, tree_bytes

# (jobs, articles analysed afresh from which it forks, made in another process):
# the seed project's 5 articles are all analysed afresh.
BESIDE = [(1, 1, False), (2, 1, True), (2, 5, True), (2, 6, False)]


@pytest.fixture(scope="module")
def alone(tmp_path_factory):
    """The report, the site and the memo of a build that sums the candidates up in its own process."""
    folder = tmp_path_factory.mktemp("alone")
    project = seed_project(folder / "project")
    build_site(project, folder / "site", jobs=1)
    return folder


@pytest.mark.parametrize(("jobs", "threshold", "forked"), BESIDE)
def test_the_candidates_are_summed_up_beside_linking_only_for_many_fresh_articles(
    jobs, threshold, forked, alone, tmp_path, monkeypatch
):
    pids = tmp_path / "pids"
    summarise = stages.summarise

    def recorded(*args, **kwargs):
        with pids.open("a", encoding="utf-8") as record:  # a file: a forked process's list is its own
            record.write(f"{os.getpid()}\n")
        return summarise(*args, **kwargs)

    monkeypatch.setattr(stages, "summarise", recorded)
    monkeypatch.setattr(stages, "SUMMARY_BESIDE", threshold)
    project = shutil.copytree(
        alone / "project", tmp_path / "project", ignore=shutil.ignore_patterns(".cache", "reports")
    )
    report = build_site(project, tmp_path / "site", jobs=jobs)
    assert (pids.read_text(encoding="utf-8").split() != [str(os.getpid())]) == forked
    assert list(report.timings)[list(report.timings).index("analyse") + 1] == "candidates"
    # The same report, site and memo as made in the build's own process.
    name = "reports/candidates.yaml"
    assert (project / name).read_bytes() == (alone / "project" / name).read_bytes()
    assert tree_bytes(tmp_path / "site") == tree_bytes(alone / "site")
    memo, theirs = (
        MemoFile(p / ".cache" / "repeats.pickle", RepeatMemo).load() for p in (project, alone / "project")
    )
    assert memo.found == theirs.found and memo.near == theirs.near and len(memo.found) == 5
