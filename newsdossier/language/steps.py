"""The per-article analysis: one declared sequence of steps, one identity.

An article goes through `read → parse` (its lines classified, the clean
text built) and then through `STEPS`, in order: tag the known names; take
back a known place inside a longer unknown name («مضيق تايوان» is not
Taiwan: `names.takeback`, before anything uses the mentions); find the
other unknown names (outside the known); add the descriptive references
(«الرئيس الصيني»: a counterpart is resolved from the names before it); find
the quotations (their speakers are found among all of these); count the
content words outside the names. A new step is one function added to
`STEPS`; the language data it reads goes into
`LanguageData`.

An article's analysis depends on its bytes and metadata and on the
`ArticleAnalysis.identity`: the code of this layer and those below it, the gazetteer's names and
types (not descriptions) and the language data in use. That identity is
the context of the article cache's keys and part of the build's
up-to-date check, so a new alias re-analyses every article (any may contain
it), a changed description or template none.
"""

from __future__ import annotations

import hashlib
import operator
from collections.abc import Callable
from dataclasses import dataclass, replace
from itertools import compress
from pathlib import Path

from ..models.article import Article, ParsedArticle
from ..models.curation import ArticleMeta, Entity
from ..models.errors import BuildWarning
from ..models.identity import code_version
from ..models.inputs import SourceFile
from ..models.kinds import EntityType
from . import camel, shipped
from .duplicates import CopyMemo, copy_warning, find_copies
from .duplicates import expect as expect_texts
from .gazetteer import Gazetteer
from .languages import ARABIC
from .morphology import load_segmenter
from .names import Finders, find_names, take_back
from .ner import NameList, NameModel, shipped_model
from .parse import parse_article
from .quotes import find_quotes
from .roles import RoleIndex, describe_roles
from .tagging import Tagger
from .terms import content_terms


@dataclass(frozen=True)
class LanguageData:
    """The language data beyond the gazetteer: an extra morphology database
    and a NER model folder (camel-tools' installed ones are found by camel)."""

    morphology_db: Path | None = None
    ner_model: Path | None = None

    def identity(self) -> str:
        """The data by content: an extra database, camel-tools' installed
        data, and the shipped model, catalogue and folds (`shipped`, each
        verified: a damaged file is an error here, before any article is
        analysed or any native code opens it)."""
        return f"{camel.data_identity(self.morphology_db, self.ner_model)}|{shipped.identity()}"

    def ner_status(self) -> str:
        shipped = (
            "the shipped CRF model trained on ANERcorp"
            if shipped_model()
            else "no shipped model (run `make model`)"
        )
        if self.ner_model is None:
            return f"{shipped}; {camel.NER_INSTALL_HINT}"
        return f"{shipped}; camel-tools NERecognizer with the model in {self.ner_model}"


@dataclass
class Tools:
    """What the steps use, loaded once per process."""

    tagger: Tagger
    roles: RoleIndex
    finders: Finders
    types: dict[str, EntityType]


def tag(article: ParsedArticle, tools: Tools) -> Article:
    return tools.tagger.tag(article)


# Titles, reporting verbs and the name finders are Arabic rules: a text in
# another language gets its known names tagged (by their Latin-script
# spellings, `tagging.py`) and nothing these steps would guess.
def describe(article: Article, tools: Tools) -> Article:
    return describe_roles(article, tools.roles) if article.parsed.language == ARABIC else article


def quote(article: Article, tools: Tools) -> Article:
    return find_quotes(article, tools.types) if article.parsed.language == ARABIC else article


def take_back_places(article: Article, tools: Tools) -> Article:
    return take_back(article, tools.types)


def name(article: Article, tools: Tools) -> Article:
    return find_names(article, tools.finders, tools.types) if article.parsed.language == ARABIC else article


def count_terms(article: Article, tools: Tools) -> Article:
    # Arabic content words: another language's are compared with no others.
    return replace(article, terms=content_terms(article)) if article.parsed.language == ARABIC else article


# The steps after parsing, in the order they must run (see the docstring).
STEPS: tuple[Callable, ...] = (tag, take_back_places, name, describe, quote, count_terms)


@dataclass(frozen=True)
class ArticleAnalysis:
    """Everything needed to analyse articles: the gazetteer and the language data."""

    entities: tuple[Entity, ...]
    data: LanguageData = LanguageData()

    def identity(self) -> str:
        # The code an analysis runs: the language layer and the layers below
        # it (a change to page code must not re-analyse every article).
        digest = hashlib.sha256(code_version("language", "inputs", "models").encode())
        for entity in self.entities:
            digest.update(repr((entity.id, entity.type.value, entity.names, entity.roles)).encode())
        digest.update(self.data.identity().encode())
        return digest.hexdigest()

    def make(
        self, model: Path | None = None, articles: int = 1
    ) -> Callable[[SourceFile, ArticleMeta], Article]:
        """The analysis as a function, its tools loaded (camel-tools is
        imported here, only when an article needs analysis). `model`: a
        CRFsuite file in place of the shipped model (`make model` reads
        corpora with models that never saw them). `articles`: how many
        this process is about to analyse (the copy check hashes many with
        NumPy, a few in Python)."""
        expect_texts(articles)
        segmenter = load_segmenter(self.entities, self.data.morphology_db)
        model = model or shipped_model()
        finders = Finders(
            common=segmenter.is_common_word,
            model=NameModel(model) if model else None,
            names=NameList.of((n, e.type.value) for e in self.entities for n in e.names),
            recognizer=camel.recognizer(self.data.ner_model) if self.data.ner_model else None,
        )
        tools = Tools(
            Tagger(Gazetteer(self.entities), segmenter),
            RoleIndex(self.entities),
            finders,
            {e.id: e.type for e in self.entities},
        )

        def analyse(source: SourceFile, meta: ArticleMeta) -> Article:
            article = parse_article(source, meta)
            for step in STEPS:
                article = step(article, tools)
            return article

        return analyse


_PROBLEMS = operator.attrgetter("parsed.problems")
_HAS_TEXT = operator.attrgetter("parsed.has_text")  # (not the blocks: a held body is read on demand)


@dataclass(frozen=True)
class Selection:
    """The articles to publish, and those left out and why."""

    articles: tuple[Article, ...]
    warnings: tuple[BuildWarning, ...]
    without_text: int  # seeds with no article text
    copies: int  # seeds that are copies of another article


def publishable(
    articles: tuple[Article, ...], memo: tuple[CopyMemo, tuple[str, ...]] | None = None
) -> Selection:
    """The articles with text to publish, each once, and a warning for
    every problem with a seed file: an article with no text is left out, not
    fatal; so is a copy of another article (`duplicates.py`). `memo`: the
    last build's copy check, with each article's cache key (the same answer)."""
    # Filtered in C (`compress`): most articles have no problem, and all have text.
    warnings = [
        BuildWarning(f"seeds/{a.meta.source_file}", p.line, p.message)
        for a in compress(articles, map(_PROBLEMS, articles))
        for p in a.parsed.problems
    ]
    texts = list(map(_HAS_TEXT, articles))
    with_text = tuple(articles) if all(texts) else tuple(compress(articles, texts))
    if memo is not None:
        memo = (memo[0], tuple(compress(memo[1], texts)))
    kept, copies = find_copies(with_text, memo)
    warnings += [copy_warning(c) for c in copies]
    return Selection(kept, tuple(warnings), len(articles) - len(with_text), len(copies))
