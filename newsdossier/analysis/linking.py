"""Link summits, articles and entities once every mention is known.

Like Zola's `fill_backlinks`, this runs after all articles are tagged, so an
entity page can list every article that mentions it, whichever order the
articles were read in. Every list is sorted here by a stable key; counts
break ties by id so equal inputs give equal output.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import replace

from ..models.article import Article
from ..models.curation import Curation
from ..models.dossier import (
    UNNAMED_OUTLET,
    Dossier,
    EntityCount,
    EntityLinks,
    OutletLinks,
    PeriodCount,
    SummitLinks,
    unnamed_outlet_id,
)
from .comentions import co_mention_pairs
from .compare import compare_all
from .counting import reference_counts, summed
from .keyness import distinctive

UNKNOWN_OUTLET_NAME = "ناشر غير معروف"  # an article with no outlet_name
# Names listed beside an entity as named with it: the strongest, not all
# (a dossier of years would list thousands).
MAX_CO_MENTIONS = 50
DISTINCTIVE_SHOWN = 15  # names per outlet page that it used more than the others


def article_order(article: Article) -> tuple:
    # Dated articles first, oldest first (a month-only date after the days of
    # its month: `PartialDate.sort_key`); an uncurated article may have no date.
    date = article.meta.date
    return (date.sort_key() if date else (dt.date.max, 9), article.id)


def ranked(counter: Counter) -> tuple[EntityCount, ...]:
    """Counts, most frequent first, ties by id."""
    return tuple(EntityCount(k, n) for k, n in sorted(counter.items(), key=lambda kv: (-kv[1], kv[0])))


def _entity_links(
    curation: Curation, articles: tuple[Article, ...], per_article: dict[str, Counter], total: Counter
) -> tuple[EntityLinks, ...]:
    variants: dict[str, Counter] = defaultdict(Counter)
    descriptions: dict[str, Counter] = defaultdict(Counter)
    articles_of: dict[str, list[str]] = defaultdict(list)
    for article in articles:
        for mention in article.mentions:
            (descriptions if mention.descriptive else variants)[mention.entity_id][mention.name_form] += 1
        for entity_id in sorted({m.entity_id for m in article.mentions}):
            articles_of[entity_id].append(article.id)
    neighbours: dict[str, Counter] = defaultdict(Counter)
    for (a, b), count in co_mention_pairs(articles).items():
        neighbours[a][b] += count
        neighbours[b][a] += count
    summits = {s.id: i for i, s in enumerate(curation.summits)}
    by_summit = _periods(
        articles, per_article, lambda a: a.meta.summit or "", lambda key: summits.get(key, len(summits))
    )
    by_year = _periods(
        articles, per_article, lambda a: str(a.meta.date.year) if a.meta.date else "", lambda key: key or "~"
    )
    return tuple(
        EntityLinks(
            entity_id=entity.id,
            mention_count=total[entity.id],
            article_ids=tuple(articles_of[entity.id]),
            variants=tuple(sorted(variants[entity.id].items(), key=lambda kv: (-kv[1], kv[0]))),
            co_mentions=ranked(neighbours[entity.id])[:MAX_CO_MENTIONS],
            descriptive_count=sum(descriptions[entity.id].values()),
            descriptions=tuple(sorted(descriptions[entity.id].items(), key=lambda kv: (-kv[1], kv[0]))),
            by_summit=by_summit.get(entity.id, ()),
            by_year=by_year.get(entity.id, ()),
        )
        for entity in curation.entities
    )


def _periods(
    articles, per_article: dict[str, Counter], period_of, order
) -> dict[str, tuple[PeriodCount, ...]]:
    """For each entity, (period, articles naming it, mentions) over the
    periods its articles fall in, sorted by `order` of the period key."""
    articles_in: dict[str, Counter] = defaultdict(Counter)
    mentions_in: dict[str, Counter] = defaultdict(Counter)
    for article in articles:
        period = period_of(article)
        for entity_id, count in per_article[article.id].items():
            articles_in[entity_id][period] += 1
            mentions_in[entity_id][period] += count
    return {
        entity_id: tuple(
            PeriodCount(k, n, mentions_in[entity_id][k])
            for k, n in sorted(counts.items(), key=lambda kv: order(kv[0]))
        )
        for entity_id, counts in articles_in.items()
    }


def _outlets(
    articles: tuple[Article, ...], per_article: dict[str, Counter], compared: dict[str, Counter]
) -> tuple[OutletLinks, ...]:
    """Publishers of the gazetteer by id, then the others by the name the
    analyst gave them, then the articles with no publisher at all. What an
    outlet names most counts all its articles; what it names more than the
    others compares Arabic texts only (`compared`)."""
    by_outlet: dict[tuple, list[Article]] = defaultdict(list)
    for article in articles:
        meta = article.meta
        key = (
            (0, meta.outlet, "")
            if meta.outlet
            else (1, unnamed_outlet_id(meta.outlet_name), meta.outlet_name)
            if meta.outlet_name
            else (2, UNNAMED_OUTLET, "")
        )
        by_outlet[key].append(article)
    whole = summed(compared.values())
    terms = {a.id: Counter({t.key: t.count for t in a.terms}) for a in articles}
    all_terms = summed(terms.values())
    written = _written_terms(articles)
    outlets = []
    for (_, outlet_id, name), members in sorted(
        by_outlet.items(), key=lambda item: (item[0][0], item[0][2], item[0][1])
    ):
        counts = summed(per_article[a.id] for a in members)
        own = summed(compared[a.id] for a in members)
        own_terms = distinctive(summed(terms[a.id] for a in members), all_terms, DISTINCTIVE_SHOWN)
        outlets.append(
            OutletLinks(
                outlet_id,
                tuple(a.id for a in members),
                ranked(counts),
                distinctive(own, whole, DISTINCTIVE_SHOWN),
                name,
                tuple(replace(k, written=written[k.key]) for k in own_terms),
                sum(counts.values()),
            )
        )
    return tuple(outlets)


def _written_terms(articles: tuple[Article, ...]) -> dict[str, str]:
    """Each content word as the dossier most often writes it (ties: the
    first in Unicode order)."""
    forms: dict[str, Counter] = defaultdict(Counter)
    for article in articles:
        for term in article.terms:
            forms[term.key][term.written] += term.count
    return {key: min(c.items(), key=lambda kv: (-kv[1], kv[0]))[0] for key, c in forms.items()}


def link_dossier(curation: Curation, tagged: tuple[Article, ...]) -> Dossier:
    articles = tuple(sorted(tagged, key=article_order))
    # Mentions by name: a descriptive reference is counted apart (in EntityLinks).
    per_article = {a.id: reference_counts(a) for a in articles}
    whole = summed(per_article.values())  # the dossier's counts: entity totals, top names
    # Counts that compare coverage (summits' shares and their comparisons,
    # outlets' distinctive names and words) are of Arabic texts only: an
    # article in another language is listed, tagged and counted on entity
    # pages, but it does not dilute or tilt the Arabic shares.
    compared = {a.id: per_article[a.id] if a.parsed.language == "ar" else Counter() for a in articles}
    summit_links = []
    for summit in curation.summits:
        members = tuple(a.id for a in articles if a.meta.summit == summit.id)
        summit_links.append(SummitLinks(summit.id, members, ranked(summed(compared[a] for a in members))))
    outlet_names = {a.id: a.meta.outlet_name or UNKNOWN_OUTLET_NAME for a in articles}
    outlets = _outlets(articles, per_article, compared)
    return Dossier(
        site=curation.site,
        summits=curation.summits,
        # Held without their terms from here on: the outlets' words above are
        # all that reads them (a third of an article's memory, `holding`).
        articles=tuple(replace(a, terms=()) for a in articles),
        entities=curation.entities,
        summit_links=tuple(summit_links),
        entity_links=_entity_links(curation, articles, per_article, whole),
        article_entity_counts=tuple((a.id, ranked(per_article[a.id])) for a in articles),
        top_entities=ranked(whole),
        comparisons=compare_all(tuple(summit_links), outlet_names),
        outlets=outlets,
        notes=curation.notes,
    )
