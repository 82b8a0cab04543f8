"""Analyse the articles that are not in the cache, spread over the cores.

Each worker process (`pool.WorkerPool`) loads the language tools once
(`ArticleAnalysis.make`) and analyses articles one at a time, handed out as
it finishes the previous one. A stop signal reaches the main process alone
(workers ignore Ctrl+C, and end at once on SIGTERM and SIGHUP): it reports
one line and kills the workers.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from ..language.steps import ArticleAnalysis
from ..models.article import Article
from ..models.curation import ArticleMeta
from ..models.inputs import SourceFile
from .cache import ArticleCache, article_key
from .pool import WorkerPool, can_fork

# Below this many articles to analyse, starting worker processes costs more
# than it saves.
PARALLEL_THRESHOLD = 24

_analyse = None


def _start_worker(analysis: ArticleAnalysis) -> None:
    global _analyse
    _analyse = analysis.make()


def _analyse_in_worker(job: tuple[SourceFile, ArticleMeta]) -> Article:
    return _analyse(*job)


def _analyse_all(todo, analysis: ArticleAnalysis, processes: int, progress) -> list[Article]:
    if processes > 1 and len(todo) >= PARALLEL_THRESHOLD and can_fork():
        with WorkerPool(processes, _start_worker, (analysis,)) as pool:
            analysed = pool.imap(_analyse_in_worker, todo)
            return list(progress(analysed, len(todo)) if progress else analysed)
    analyse = analysis.make()
    analysed = (analyse(*job) for job in todo)
    return list(progress(analysed, len(todo)) if progress else analysed)


def analyse_articles(
    jobs: list[tuple[SourceFile, ArticleMeta]],
    analysis: ArticleAnalysis,
    cache: ArticleCache,
    processes: int = 1,
    progress: Callable[[Iterable, int], Iterable] | None = None,
) -> tuple[tuple[Article, ...], int]:
    """Each article analysed (from the cache when possible), in job order,
    and how many were analysed afresh. New analyses go into the cache."""
    identity = analysis.identity()
    keys = [article_key(source, meta, identity) for source, meta in jobs]
    results: list[Article | None] = [cache.get(key) for key in keys]
    missing = [i for i, article in enumerate(results) if article is None]
    if missing:
        fresh = _analyse_all([jobs[i] for i in missing], analysis, processes, progress)
        for i, article in zip(missing, fresh):
            results[i] = article
            cache.put(keys[i], article)
    return tuple(results), len(missing)
