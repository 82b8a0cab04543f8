"""Link summits, articles and entities once every mention is known.

Like Zola's `fill_backlinks`, this runs after all articles are tagged, so an
entity page can list every article that mentions it, whichever order the
articles were read in. Every list is sorted here by a stable key; counts
break ties by id so equal inputs give equal output.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from itertools import combinations

from .models import (
    Article,
    Comparison,
    Curation,
    Dossier,
    EntityCount,
    EntityLinks,
    OutletLinks,
    ShareChange,
    SummitLinks,
)

UNNAMED_OUTLET = "unnamed"  # the outlet page of publishers not in the gazetteer
UNKNOWN_OUTLET_NAME = "ناشر غير معروف"  # an article with no outlet_name
UNNAMED_OUTLETS_NAME = "ناشرون لا يسمّيهم الملف"  # the title of that page


def article_order(article: Article) -> tuple:
    # Dated articles first, oldest first; an uncurated article has no date.
    return (article.meta.date or dt.date.max, article.id)


def _ranked(counter: Counter) -> tuple[EntityCount, ...]:
    return tuple(EntityCount(k, n) for k, n in sorted(counter.items(), key=lambda kv: (-kv[1], kv[0])))


def compare(first: SummitLinks, second: SummitLinks, outlet_names: dict[str, str]) -> Comparison:
    """What changed from one summit's coverage to another's."""
    counts_first = {c.entity_id: c.count for c in first.entity_counts}
    counts_second = {c.entity_id: c.count for c in second.entity_counts}
    total_first, total_second = sum(counts_first.values()) or 1, sum(counts_second.values()) or 1
    shared = [
        ShareChange(
            entity_id,
            counts_first[entity_id],
            counts_second[entity_id],
            round(100 * counts_first[entity_id] / total_first, 1),
            round(100 * counts_second[entity_id] / total_second, 1),
        )
        for entity_id in sorted(counts_first.keys() & counts_second.keys())
    ]
    return Comparison(
        first=first.summit_id,
        second=second.summit_id,
        only_first=tuple(c for c in first.entity_counts if c.entity_id not in counts_second),
        only_second=tuple(c for c in second.entity_counts if c.entity_id not in counts_first),
        shared=tuple(sorted(shared, key=lambda s: (-s.change, s.entity_id))),
        outlets_first=tuple(sorted({outlet_names[a] for a in first.article_ids})),
        outlets_second=tuple(sorted({outlet_names[a] for a in second.article_ids})),
    )


def link_dossier(curation: Curation, tagged: tuple[Article, ...]) -> Dossier:
    articles = tuple(sorted(tagged, key=article_order))

    per_article = {a.id: Counter(m.entity_id for m in a.mentions) for a in articles}
    variants: dict[str, Counter] = defaultdict(Counter)
    co_mentions: dict[str, Counter] = defaultdict(Counter)
    for article in articles:
        sentences: dict[tuple[int, int], set[str]] = defaultdict(set)
        for mention in article.mentions:
            variants[mention.entity_id][mention.name_form] += 1
            sentences[(mention.sentence_start, mention.sentence_end)].add(mention.entity_id)
        for entity_ids in sentences.values():
            for a, b in combinations(sorted(entity_ids), 2):
                co_mentions[a][b] += 1
                co_mentions[b][a] += 1

    total = Counter()
    for counts in per_article.values():
        total.update(counts)

    entity_links = tuple(
        EntityLinks(
            entity_id=entity.id,
            mention_count=total[entity.id],
            article_ids=tuple(a.id for a in articles if per_article[a.id][entity.id]),
            variants=tuple(sorted(variants[entity.id].items(), key=lambda kv: (-kv[1], kv[0]))),
            co_mentions=_ranked(co_mentions[entity.id]),
        )
        for entity in curation.entities
    )

    summit_links = []
    for summit in curation.summits:
        members = tuple(a.id for a in articles if a.meta.summit == summit.id)
        counts = Counter()
        for article_id in members:
            counts.update(per_article[article_id])
        summit_links.append(SummitLinks(summit.id, members, _ranked(counts)))

    # Every pair of summits, the earlier first: a third summit brings two
    # new comparisons without any change here.
    outlet_names = {a.id: a.meta.outlet_name or UNKNOWN_OUTLET_NAME for a in articles}
    comparisons = tuple(
        compare(summit_links[i], summit_links[j], outlet_names)
        for i in range(len(summit_links))
        for j in range(i + 1, len(summit_links))
    )

    by_outlet: dict[str, list[str]] = defaultdict(list)
    for article in articles:
        by_outlet[article.meta.outlet or UNNAMED_OUTLET].append(article.id)
    outlets = []
    for outlet_id in sorted(by_outlet, key=lambda o: (o == UNNAMED_OUTLET, o)):
        counts = Counter()
        for article_id in by_outlet[outlet_id]:
            counts.update(per_article[article_id])
        outlets.append(OutletLinks(outlet_id, tuple(by_outlet[outlet_id]), _ranked(counts)))

    return Dossier(
        site=curation.site,
        summits=curation.summits,
        articles=articles,
        entities=curation.entities,
        summit_links=tuple(summit_links),
        entity_links=entity_links,
        article_entity_counts=tuple((a.id, _ranked(per_article[a.id])) for a in articles),
        top_entities=_ranked(total),
        comparisons=comparisons,
        outlets=tuple(outlets),
        notes=curation.notes,
    )
