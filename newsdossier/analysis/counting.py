"""How many times an article names an entity: the one count every page
shows (home, entity, summit, outlet, comparison pages and the networks).

A mention by name counts; a descriptive reference («الرئيس الصيني» for Xi
in his tenure) is counted apart, in `EntityLinks.descriptive_count`. A name
followed at once by another name of the same entity (an apposition: «وكالة
الفضاء الروسية روسكوزموس», «وكالة أنباء الصين الجديدة (شينخوا)») is one
reference, counted once.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from ..models.article import Article

# Between two mentions of one entity, only these: an apposition, one reference.
APPOSITION_GAP = frozenset(" \u00a0()[]-–—:")


def reference_counts(article: Article) -> Counter:
    """Mentions by name per entity, an apposition counted once."""
    counts: Counter = Counter()
    previous = None
    for mention in article.mentions:
        if mention.descriptive:
            continue
        # The gap is read only between two mentions of one entity (most are not).
        if not (
            previous
            and previous.entity_id == mention.entity_id
            and set(article.text[previous.end : mention.start]) <= APPOSITION_GAP
        ):
            counts[mention.entity_id] += 1
        previous = mention
    return counts


def summed(counters: Iterable[Counter]) -> Counter:
    total: Counter = Counter()
    for counter in counters:
        total.update(counter)
    return total
