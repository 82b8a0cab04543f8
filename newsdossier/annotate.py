"""Per-article analysis — parse, normalise and tag, find quotations — cached
on disk and spread over the machine's cores.

An article's analysis depends on its text, its metadata, the gazetteer's
names and types, the optional morphology database and this package's code,
and on nothing else. `annotation_key` hashes exactly these, so a changed
gazetteer re-tags every article (any of them may contain a new name), a
changed template re-tags none, and an unchanged article is read back from
the cache. The cache is a memo, not an input: deleting .cache/ only makes
the next build slower.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import pickle
import sys
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Callable, Iterable

from .candidates import ner_candidates, pattern_candidates
from .errors import BuildWarning
from .models import Article, ArticleMeta, Entity, SourceFile
from .morphology import full_database_identity
from .ner import model_identity
from .output import replace_file
from .parse import parse_article
from .quotes import find_quotes

PACKAGE = Path(__file__).parent
# Below this many articles to analyse, starting worker processes costs more
# than it saves.
PARALLEL_THRESHOLD = 24


def code_version() -> str:
    """A hash of this package's source: any code change invalidates the cache."""
    digest = hashlib.sha256()
    for path in sorted(PACKAGE.rglob("*.py")):
        digest.update(path.relative_to(PACKAGE).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def gazetteer_fingerprint(entities: tuple[Entity, ...], morphology_db: Path | None, ner_model: Path | None = None) -> str:
    """What the analysis reads besides the article: the gazetteer's names and
    types (not descriptions), and the language data in use."""
    digest = hashlib.sha256()
    for entity in entities:
        digest.update(repr((entity.id, entity.type.value, entity.names)).encode())
    if morphology_db is not None:
        digest.update(hashlib.sha256(morphology_db.read_bytes()).digest())
    digest.update(full_database_identity().encode())
    digest.update(model_identity(ner_model).encode())
    return digest.hexdigest()


def annotation_key(source: SourceFile, meta: ArticleMeta, context: str) -> str:
    digest = hashlib.sha256(context.encode())
    digest.update(hashlib.sha256(source.data).digest())
    digest.update(repr(meta).encode())
    return digest.hexdigest()


class ArticleCache:
    """Analysed articles by key, as pickles under `folder` (None: no cache)."""

    def __init__(self, folder: Path | None):
        self.folder = folder

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.pickle"

    def get(self, key: str) -> Article | None:
        if self.folder is None:
            return None
        try:
            with self._path(key).open("rb") as file:
                return pickle.load(file)
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
            return None  # absent, or written by another version: analyse again

    def put(self, key: str, article: Article) -> None:
        if self.folder is None:
            return
        try:
            replace_file(self._path(key), pickle.dumps(article, protocol=pickle.HIGHEST_PROTOCOL))  # never half-written
        except OSError:
            pass  # a cache that cannot be written only costs time


@dataclass(frozen=True)
class Annotator:
    """Everything needed to analyse one article, built once per process."""

    entities: tuple[Entity, ...]
    morphology_db: Path | None
    ner_model: Path | None = None

    def make(self) -> Callable[[SourceFile, ArticleMeta], Article]:
        # Imported here: camel-tools is only loaded when an article needs it.
        from .morphology import load_segmenter
        from .ner import load_recognizer
        from .tagging import Tagger

        segmenter = load_segmenter(self.entities, self.morphology_db)
        tagger = Tagger(self.entities, segmenter)
        recognizer = load_recognizer(self.ner_model) if self.ner_model else None
        types = {e.id: e.type for e in self.entities}

        def annotate(source: SourceFile, meta: ArticleMeta) -> Article:
            article = find_quotes(tagger.tag(parse_article(source, meta)), types)
            found = pattern_candidates(article, segmenter.is_common_word)
            if recognizer is not None:
                found += ner_candidates(article, recognizer)
            return replace(article, candidates=tuple(sorted(found, key=lambda c: (c.start, c.end, c.source))))

        return annotate


_worker = None


def _start_worker(annotator: Annotator) -> None:
    global _worker
    _worker = annotator.make()


def _annotate_in_worker(job: tuple[SourceFile, ArticleMeta]) -> Article:
    return _worker(*job)


def annotate_articles(
    jobs: list[tuple[SourceFile, ArticleMeta]],
    annotator: Annotator,
    cache: ArticleCache,
    processes: int = 1,
    progress: Callable[[Iterable, int], Iterable] | None = None,
) -> tuple[tuple[Article, ...], int]:
    """Each article analysed (from the cache when possible), in job order,
    and how many were analysed afresh."""
    context = code_version() + gazetteer_fingerprint(annotator.entities, annotator.morphology_db, annotator.ner_model)
    keys = [annotation_key(source, meta, context) for source, meta in jobs]
    results: list[Article | None] = [cache.get(key) for key in keys]
    missing = [i for i, article in enumerate(results) if article is None]
    if missing:
        todo = [jobs[i] for i in missing]
        if processes > 1 and len(todo) >= PARALLEL_THRESHOLD:
            context_ = multiprocessing.get_context("fork" if sys.platform.startswith("linux") else "spawn")
            with context_.Pool(processes, initializer=_start_worker, initargs=(annotator,)) as pool:
                analysed = pool.imap(_annotate_in_worker, todo, chunksize=8)
                fresh = list(progress(analysed, len(todo)) if progress else analysed)
        else:
            annotate = annotator.make()
            analysed = (annotate(*job) for job in todo)
            fresh = list(progress(analysed, len(todo)) if progress else analysed)
        for i, article in zip(missing, fresh):
            results[i] = article
            cache.put(keys[i], article)
    return tuple(results), len(missing)


def publishable(articles: tuple[Article, ...]) -> tuple[tuple[Article, ...], tuple[BuildWarning, ...]]:
    """The articles with text to publish, and a warning for every problem
    with a seed file (an article with no text is left out, not fatal)."""
    warnings = tuple(
        BuildWarning(f"seeds/{a.meta.source_file}", p.line, p.message) for a in articles for p in a.parsed.problems
    )
    return tuple(a for a in articles if a.parsed.blocks), warnings
