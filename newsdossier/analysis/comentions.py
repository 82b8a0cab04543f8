"""Which entities are named in the same sentence: the one definition of a
co-mention, used for entity pages and for the networks."""

from __future__ import annotations

from collections import Counter, defaultdict
from itertools import combinations
from typing import Iterable

from ..models.article import Article


def sentence_entities(article: Article) -> list[tuple[str, ...]]:
    """The entities of each sentence that names any, each tuple sorted by id."""
    sentences: dict[tuple[int, int], set[str]] = defaultdict(set)
    for mention in article.mentions:
        sentences[(mention.sentence_start, mention.sentence_end)].add(mention.entity_id)
    return [tuple(sorted(ids)) for _, ids in sorted(sentences.items())]


def co_mention_pairs(articles: Iterable[Article]) -> Counter:
    """(a, b) with a < b → the number of sentences naming both."""
    pairs: Counter = Counter()
    for article in articles:
        for entity_ids in sentence_entities(article):
            pairs.update(combinations(entity_ids, 2))
    return pairs
