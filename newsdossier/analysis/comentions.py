"""Which entities are named in the same sentence: the one definition of a
co-mention, used for entity pages and for the networks.

A sentence naming more than `MAX_NAMES` entities is a list (of countries,
of delegates), not a statement that links each to each; it adds no pairs.
Without that bound one long list would add pairs quadratic in its length.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from itertools import combinations

from ..models.article import Article

MAX_NAMES = 12


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
            if len(entity_ids) <= MAX_NAMES:
                pairs.update(combinations(entity_ids, 2))
    return pairs
