"""The article cache is written as each article is analysed: an analysis
stopped after k articles leaves those k in the cache, and the next build
reads them from there (in this process, on forked workers, and when a
real SIGTERM stops the command)."""

from __future__ import annotations

import signal
import subprocess
import sys

import pytest

from bench.synthetic import make_dossier
from newsdossier.build import workers
from newsdossier.build.signals import Stopped
from newsdossier.language.steps import ArticleAnalysis
from newsdossier.models.errors import DossierError
from tests.helpers import ROOT, build_site, cached, stop_once_cached

ARTICLES = 30  # over workers.PARALLEL_THRESHOLD: two jobs fork workers


def stop_after(k: int):
    """A progress wrapper that stops the build (as a signal would) once it
    has passed on k analysed articles."""

    def progress(items, _total):
        for seen, item in enumerate(items, start=1):
            yield item
            if seen == k:
                raise Stopped(signal.SIGINT)

    return progress


@pytest.mark.parametrize("jobs, k", [(1, 1), (1, 7), (2, 5), (2, 12)])
def test_an_interrupted_analysis_keeps_what_it_finished(tmp_path, jobs, k):
    assert ARTICLES >= workers.PARALLEL_THRESHOLD
    project = make_dossier(tmp_path / "project", ARTICLES, seed=5)
    with pytest.raises(Stopped):
        build_site(project, tmp_path / "site", jobs=jobs, progress=stop_after(k))
    assert not (tmp_path / "site").exists()
    assert cached(project) == k
    report = build_site(project, tmp_path / "site", jobs=jobs)
    assert (report.analysed, report.seeds) == (ARTICLES - k, ARTICLES)


def test_a_sigterm_during_analysis_keeps_every_article_already_analysed(tmp_path):
    project = make_dossier(tmp_path / "project", 60, seed=6)
    process = subprocess.Popen(
        [sys.executable, str(ROOT / "build.py"), "--root", str(project), "--quiet", "--jobs", "2"],
        stderr=subprocess.PIPE,
        text=True,
    )
    returncode, err = stop_once_cached(process, project, 4, signal.SIGTERM)
    if returncode == 0:
        pytest.skip("the build finished before it could be stopped")
    assert (returncode, err.splitlines()) == (
        143,
        ["stopped by SIGTERM: the previous site is unchanged"],
    )
    kept = cached(project)
    assert kept >= 4
    report = build_site(project, jobs=2)
    assert report.analysed == 60 - kept


def test_a_worker_with_other_code_or_data_refuses(project):
    from newsdossier.inputs.curation import load_curation
    from newsdossier.inputs.project import read_sources

    curation, _ = load_curation(read_sources(project))
    analysis = ArticleAnalysis(curation.entities)
    with pytest.raises(DossierError, match="other newsdossier code or language data"):
        workers._setup((analysis, "an identity computed elsewhere", 1))
    assert callable(workers._setup((analysis, analysis.identity(), 1)))
