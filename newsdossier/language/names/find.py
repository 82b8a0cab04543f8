"""An article's candidates: the finders run, and their names combined.

The longer names that hold a known place are already candidates (the
`takeback` step runs first); every finder here leaves them, and the known
mentions, as they are.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from ...models.article import Article, Candidate
from ...models.kinds import EntityType
from ..tokens import tokenize
from .combine import checked, merged, trimmed, worth_proposing
from .model import model_candidates, recognizer_candidates
from .patterns import after_titles, institutions, latin_names
from .shapes import adjective


@dataclass
class Finders:
    """What the candidate finders use, loaded once per process."""

    common: Callable[[str], bool]  # a full morphology database's common words
    model: object | None = None  # ner.NameModel
    names: object | None = None  # ner.NameList of the gazetteer, the model's gazetteer feature
    recognizer: object | None = None  # camel-tools' NERecognizer


def find_names(article: Article, finders: Finders, types: dict[str, EntityType]) -> Article:
    """The article with its candidates: the model's, camel-tools', the
    patterns', combined (`combine`)."""
    text, sure = article.text, {}
    # The model reads every sentence: its word probabilities check the patterns' names.
    found = model_candidates(article, finders.model, finders.names, sure) if finders.model is not None else []
    if finders.recognizer is not None:
        found += recognizer_candidates(article, finders.recognizer)
    found += [c for c in (checked(c, text, sure) for c in after_titles(article, finders.common)) if c]
    # An institution's kind word, first qualifier and the adjectives after it
    # are a name whatever the model thinks; the model cuts what follows.
    found += [
        checked(n.candidate, text, sure, keep=_adjectives_kept(n.candidate, text))
        for n in institutions(article, types)
    ]
    found += latin_names(article)
    combined = [t for c in merged(found) if (t := trimmed(c, text, sure)) and worth_proposing(t, text)]
    candidates = sorted([*article.candidates, *combined], key=lambda c: (c.start, c.end))
    return replace(article, candidates=tuple(candidates))


def _adjectives_kept(found: Candidate, text: str) -> int:
    """The words of an institution's name up to the end of the adjectives
    after its first qualifier («مجلس التعاون الخليجي»: 3)."""
    tokens = tokenize(text, found.start, found.end)
    kept = min(2, len(tokens))
    while kept < len(tokens) and adjective(tokens[kept].key, text[tokens[kept].start : tokens[kept].end]):
        kept += 1
    return kept
