"""Analyse the articles that are not in the cache, on the executor the
build was given (`executors`: forked local workers by default, or a Dask
cluster), and keep each result in the cache as it arrives.

The language tools are loaded once (`_setup`: `ArticleAnalysis.make`): in
this process, which analyses the first article with them before local
workers are forked (they inherit them warm), or once per Dask worker;
then articles are analysed one at a time. What travels to a Dask worker
is the `ArticleAnalysis` (the gazetteer's entities and the language data's
paths) with the identity the main process computed for it, and each
article's seed bytes and metadata (a forked worker inherits them, and is
sent each article's index): a worker whose own code or language data give
another identity refuses to work (its results would be cached under a key
that does not describe them). Each result comes back as the cache keeps
it, and this process appends it to its pack (`cache.ArticleCache`), makes
it into an article and holds it. A stop signal reaches the main process
alone: it reports one line, and the executor cancels the rest; every
article analysed before the stop is already in the cache.
"""

from __future__ import annotations

import pickle
from collections.abc import Callable, Iterable, Iterator
from typing import NamedTuple

from ..analysis.holding import HeldMemo
from ..language.steps import ArticleAnalysis
from ..models.article import Article
from ..models.curation import ArticleMeta
from ..models.errors import DossierError
from ..models.inputs import SourceFile
from .cache import ArticleCache, article_key, memo_bytes
from .executors import Executor, ProcessExecutor, SerialExecutor, Task

# Below this many articles to analyse, starting local worker processes
# costs more than it saves (a cluster is used for any number: it was asked for).
PARALLEL_THRESHOLD = 24

Job = tuple[SourceFile, ArticleMeta]


def _setup(context: tuple[ArticleAnalysis, str, int]) -> Callable[[SourceFile, ArticleMeta], Article]:
    """In a worker: the analysis with its tools loaded, once its identity
    is checked against the one the build computed (and told how many
    articles there are to analyse)."""
    analysis, expected, articles = context
    if analysis.identity() != expected:
        raise DossierError(
            "--executor",
            None,
            "a worker runs other newsdossier code or language data than this build (a different "
            "version, model or database): install the same version on every worker",
        )
    return analysis.make(articles=articles)


def _analyse(analyse: Callable[[SourceFile, ArticleMeta], Article], job: Job) -> Article:
    return analyse(*job)


def _send(article: Article) -> bytes:
    """In a worker process: the article as the cache keeps it, the form it
    travels back in (this process writes those bytes as they come, instead
    of receiving the article pickled one way and pickling it again)."""
    return memo_bytes(article)


def _analysed(
    todo: list[Job], keys: list[str], task: Task, executor: Executor, cache: ArticleCache
) -> Iterator[tuple[int, Article]]:
    """Each fresh analysis as it arrives, put in the cache before it is
    yielded: an analysis stopped half way keeps every article finished."""
    for index, result in executor.as_completed(task, todo):
        if isinstance(result, bytes):  # from a worker process: the cache's bytes (`_send`)
            cache.put_bytes(keys[index], result)
            article = pickle.loads(result)
        else:
            cache.put(keys[index], result)
            article = result
        yield index, article


class Analysed(NamedTuple):
    """Every article, analysed or read back, in job order."""

    articles: tuple[Article, ...]
    analysed: int  # analysed afresh (the others came from the cache)
    keys: tuple[str, ...]  # each article's cache key: what its analysis is a function of


def analyse_articles(
    jobs: list[Job],
    analysis: ArticleAnalysis,
    cache: ArticleCache,
    executor: Callable[[], Executor] | None = None,
    progress: Callable[[Iterable, int], Iterable] | None = None,
    hold: Callable[[Article], Article] | None = None,
    held: HeldMemo | None = None,
) -> Analysed:
    """Each article analysed (from the cache when possible), in job order,
    how many were analysed afresh, and their keys. `executor` opens where the fresh
    ones run (called only when there are some; None: in this process); each
    goes into the cache as soon as it is back. `hold` gives each article as
    the build keeps it, as it is read or comes back (`analysis.holding`).
    `held`: the articles as the last build held them, by key (an article
    there is read from nowhere else); each article read from its cache
    file or analysed is put into it, as held."""
    hold = hold or (lambda article: article)
    identity = analysis.identity()
    keys = [article_key(source, meta, identity) for source, meta in jobs]
    memo = held if held is not None else HeldMemo()

    def read(key: str) -> Article | None:
        article = memo.articles.get(key)
        if article is None and (article := cache.get(key)) is not None:
            memo.put(key, article := hold(article))
        return article

    results: list[Article | None] = [read(key) for key in keys]
    missing = [i for i, article in enumerate(results) if article is None]
    if missing:
        task = Task(_setup, _analyse, (analysis, identity, len(missing)), identity, _send)
        opened = executor() if executor is not None else SerialExecutor()
        if isinstance(opened, ProcessExecutor) and len(missing) < PARALLEL_THRESHOLD:
            opened = SerialExecutor()
        try:
            with opened:
                fresh = _analysed([jobs[i] for i in missing], [keys[i] for i in missing], task, opened, cache)
                for index, article in progress(fresh, len(missing)) if progress else fresh:
                    results[missing[index]] = article = hold(article)
                    memo.put(keys[missing[index]], article)
        except BaseException:
            cache.close()  # (what was written is kept; tidied by a build that ends its analysis)
            raise
    cache.close(keys)  # the packs merged, or entries no article uses dropped, when they are too many
    return Analysed(tuple(results), len(missing), tuple(keys))
