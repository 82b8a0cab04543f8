"""Analyse the articles that are not in the cache, spread over the cores.

Each worker process loads the language tools once (`ArticleAnalysis.make`)
and analyses articles in chunks. Workers ignore Ctrl+C (`worker_pool`): the
main process alone receives it and reports one line, instead of every
worker printing its own traceback.
"""

from __future__ import annotations

import multiprocessing
import signal
import sys
from collections.abc import Callable, Iterable

from ..language.steps import ArticleAnalysis
from ..models.article import Article
from ..models.curation import ArticleMeta
from ..models.inputs import SourceFile
from .cache import ArticleCache, article_key

# Below this many articles to analyse, starting worker processes costs more
# than it saves.
PARALLEL_THRESHOLD = 24

_analyse = None


def _start_worker(analysis: ArticleAnalysis) -> None:
    global _analyse
    _analyse = analysis.make()


def _analyse_in_worker(job: tuple[SourceFile, ArticleMeta]) -> Article:
    return _analyse(*job)


def worker_pool(processes: int, initializer=None, initargs: tuple = ()):
    """A pool of worker processes, forked where the system can (workers
    then share the parent's memory until they write to it).

    Workers are started ignoring Ctrl+C (a terminal sends it to the whole
    process group): the main process alone stops the pool (leaving its
    `with` block terminates the workers), and no worker prints a
    traceback, even one interrupted while it starts."""
    context = multiprocessing.get_context("fork" if sys.platform.startswith("linux") else "spawn")
    handler = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        return context.Pool(processes, initializer=initializer, initargs=initargs)
    finally:
        signal.signal(signal.SIGINT, handler)


def can_fork() -> bool:
    return sys.platform.startswith("linux")


def _analyse_all(todo, analysis: ArticleAnalysis, processes: int, progress) -> list[Article]:
    if processes > 1 and len(todo) >= PARALLEL_THRESHOLD:
        with worker_pool(processes, _start_worker, (analysis,)) as pool:
            analysed = pool.imap(_analyse_in_worker, todo, chunksize=8)
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
