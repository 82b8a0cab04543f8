"""Link summits, articles and entities once every mention is known.

Like Zola's `fill_backlinks`, this runs after all articles are tagged, so an
entity page can list every article that mentions it, whichever order the
articles were read in. Every list is sorted here by a stable key; counts
break ties by id so equal inputs give equal output.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import marshal
import operator
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import NamedTuple

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
from .counting import reference_counts
from .holding import for_pages
from .keyness import distinctive

UNKNOWN_OUTLET_NAME = "ناشر غير معروف"  # an article with no outlet_name
# Names listed beside an entity as named with it: the strongest, not all
# (a dossier of years would list thousands).
MAX_CO_MENTIONS = 50
DISTINCTIVE_SHOWN = 15  # names per outlet page that it used more than the others


def article_order(article: Article) -> tuple:
    return (_date_order(article), article.id)


def _date_order(article: Article) -> tuple[dt.date, int]:
    # Dated articles first, oldest first (a month-only date after the days of
    # its month: `PartialDate.sort_key`); an uncurated article may have no date.
    date = article.meta.date
    return date.sort_key() if date else (dt.date.max, 9)


def _by_count(counter: Counter | None) -> tuple[tuple[str, int], ...]:
    """Counts as (key, count), most frequent first, ties by key."""
    return tuple(sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))) if counter else ()


def ranked(counter: Counter) -> tuple[EntityCount, ...]:
    """Counts, most frequent first, ties by id."""
    return tuple(EntityCount(k, n) for k, n in _by_count(counter))


class Place(NamedTuple):
    """Where an article's counts are summed: what of it, besides its
    analysis (its cache key), decides which sums it adds to. A proposed
    summit or date (`language.proposals`) can change without its key."""

    summit: str  # its summit's id, "" for none
    year: str  # its year, "" for an undated article
    outlet: tuple  # the outlet's sort key: (rank, outlet id, name as written)
    arabic: bool  # counted in the comparisons of coverage (Arabic texts only)


def place_of(article: Article) -> Place:
    meta = article.meta
    outlet = (
        (0, meta.outlet, "")
        if meta.outlet
        else (1, unnamed_outlet_id(meta.outlet_name), meta.outlet_name)
        if meta.outlet_name
        else (2, UNNAMED_OUTLET, "")
    )
    year = str(meta.date.year) if meta.date else ""
    return Place(meta.summit or "", year, outlet, article.parsed.language == "ar")


ENTITY, SUMMIT, SPEAKER = "entity", "summit", "speaker"  # the kinds of groups an article is in (`Versions`)


class Versions(NamedTuple):
    """A version of each entity's rows and of each summit's (by id), for
    the recording tables (`site.lookups`: a row whose version is the one
    the last build recorded is not digested again). Each is a digest of
    the sum of what each article of the group adds (`_element`: its id,
    cache key, `Place` and date order), patched article by article as the
    sums are, and of the summits' order.

    Why each row is a function of its version: an entity's links
    (`EntityLinks`: its counts, spellings, descriptions, co-mentions,
    periods and articles), its articles with their counts (`site.view`'s
    entity listing) and the summits it is named in are made of the articles
    that name it alone (an article adds to an entity's sums only through its
    mentions of it: `Sums.shift`), each a function of the article's analysis
    (its key), its summit and year (its place) and listed by date then id
    (its order); the periods are in the summits' order. A summit's links,
    its listing and its quotations are made of its articles alone, in the
    same way, and a speaker's quotations of the articles that quote them.
    None of them reads anything of the whole dossier (a rank, a total): a
    row that does (an outlet's distinctive words) has no version."""

    entities: dict[str, str]
    summits: dict[str, str]
    speakers: dict[str, str]


def versions(memo: LinkMemo, curation: Curation) -> Versions:
    """The versions of a memo counted with the articles' cache keys (see
    `link_dossier`), for the curation it was linked with."""
    order = marshal.dumps(tuple(s.id for s in curation.summits), 2)
    found: dict[str, dict[str, str]] = {ENTITY: {}, SUMMIT: {}, SPEAKER: {}}
    for (kind, group), total in memo.groups.items():
        data = marshal.dumps((kind, group, total.to_bytes(32, "little")), 2) + order
        found[kind][group] = hashlib.sha256(data).hexdigest()[:32]
    return Versions(found[ENTITY], found[SUMMIT], found[SPEAKER])


class Counted(NamedTuple):
    """How an article was counted: its analysis (its cache key), its
    `Place`, and where its date puts it in the dossier's order (which
    decides no sum, but the order of every list it is in: see `Versions`)."""

    key: str
    place: Place
    order: tuple[int, int]  # `article_order`'s date part: (day's ordinal, precision's rank)


def counted_as(article: Article, key: str, share: Callable[[Place, Place], Place] | None = None) -> Counted:
    """How `article` is counted with cache key `key`; `share`: a place's
    one object among the equal ones (`dict.setdefault`)."""
    day, rank = _date_order(article)
    place = place_of(article)
    return Counted(key, share(place, place) if share else place, (day.toordinal(), rank))


class _Part(NamedTuple):
    """What one article adds to the dossier's sums."""

    counts: Counter  # mentions by name per entity (`reference_counts`)
    variants: dict[str, Counter]  # entity → spelling → mentions by name
    descriptions: dict[str, Counter]  # entity → title as written → descriptive references
    pairs: Counter  # co-mentioned (a, b), a < b → sentences
    terms: Counter  # content word's key → count
    forms: dict[str, Counter]  # content word's key → as written → count


def _part(article: Article, counts: Counter) -> _Part:
    variants: dict[str, Counter] = defaultdict(Counter)
    descriptions: dict[str, Counter] = defaultdict(Counter)
    for mention in article.mentions:
        (descriptions if mention.descriptive else variants)[mention.entity_id][mention.name_form] += 1
    terms = Counter({term.key: term.count for term in article.terms})
    forms: dict[str, Counter] = defaultdict(Counter)
    for term in article.terms:
        forms[term.key][term.written] += term.count
    return _Part(counts, variants, descriptions, co_mention_pairs((article,)), terms, forms)


def _shift(total: Counter, part: Counter | dict, sign: int) -> None:
    """`part` added to `total` (sign 1) or taken from it (-1), a key that
    comes to 0 removed: the sums are then those of the articles counted,
    whatever order they were added and taken in."""
    get = total.get  # (Counter.update asks isinstance(Mapping) on every call: slow for small parts)
    for key, count in part.items():
        value = get(key, 0) + sign * count
        if value:
            total[key] = value
        else:
            del total[key]


def _shift_in(total: dict, key, part: Counter | dict, sign: int) -> None:
    """`part` shifted into the counter `total[key]`, which goes when it
    comes to nothing."""
    inner = total.get(key)
    if inner is None:
        inner = total[key] = Counter()
    _shift(inner, part, sign)
    if not inner:
        del total[key]


def _shift_nested(total: dict, part: dict, sign: int) -> None:
    for key, counter in part.items():
        _shift_in(total, key, counter, sign)


class Sums:
    """The dossier's counts summed over its articles: an article is added
    or taken away (`shift`) without reading the others, so a build that
    adds, edits or removes a few articles patches the sums of the last one
    (`LinkMemo`) instead of counting every article again."""

    def __init__(self):
        self.whole: Counter = Counter()  # mentions by name per entity
        self.compared: Counter = Counter()  # the same, Arabic texts only
        self.summits: dict[str, Counter] = {}  # summit id → compared counts of its articles
        self.outlets: dict[tuple, Counter] = {}  # outlet key → counts of its articles
        self.outlets_compared: dict[tuple, Counter] = {}
        self.outlet_terms: dict[tuple, Counter] = {}
        self.terms: Counter = Counter()
        self.forms: dict[str, Counter] = {}
        self.variants: dict[str, Counter] = {}
        self.descriptions: dict[str, Counter] = {}
        self.pairs: Counter = Counter()
        # ("summit" or "year", entity, summit id or year) → articles naming it; → its mentions by name
        self.periods: Counter = Counter()
        self.period_mentions: Counter = Counter()

    def shift(self, part: _Part, place: Place, sign: int) -> None:
        compared = part.counts if place.arabic else {}
        _shift(self.whole, part.counts, sign)
        _shift(self.compared, compared, sign)
        _shift_in(self.summits, place.summit, compared, sign)
        _shift_in(self.outlets, place.outlet, part.counts, sign)
        _shift_in(self.outlets_compared, place.outlet, compared, sign)
        _shift_in(self.outlet_terms, place.outlet, part.terms, sign)
        _shift(self.terms, part.terms, sign)
        _shift_nested(self.forms, part.forms, sign)
        _shift_nested(self.variants, part.variants, sign)
        _shift_nested(self.descriptions, part.descriptions, sign)
        _shift(self.pairs, part.pairs, sign)
        periods = {}
        for entity_id in part.counts:
            periods["summit", entity_id, place.summit] = periods["year", entity_id, place.year] = 1
        _shift(self.periods, periods, sign)
        for key in periods:
            periods[key] = part.counts[key[1]]
        _shift(self.period_mentions, periods, sign)


@dataclass
class LinkMemo:
    """The sums of the last build's articles, which article (by id) was
    counted with which cache key and `Place`, and what each lists alone
    (`counts`, `names`): what `link_dossier` needs to patch them. Kept in
    .cache/ (`build.cache.MemoFile`)."""

    sums: Sums = field(default_factory=Sums)
    counted: dict[str, Counted] = field(default_factory=dict)
    # Its mentions by name per entity, most first, as the dossier lists them
    # (`Dossier.article_entity_counts`): one `EntityCount` for every article
    # with that count, shared, so that each is pickled once and the next
    # build reads the lists as they are, not made again count by count.
    counts: dict[str, tuple[EntityCount, ...]] = field(default_factory=dict)
    names: dict[str, tuple[str, ...]] = field(default_factory=dict)  # every entity it mentions, by id
    speakers: dict[str, tuple[str, ...]] = field(default_factory=dict)  # whom it quotes ("" for no one known)
    changed: bool = False  # since it was read: to be written again
    # (kind, id) → the sum of its articles' `_element`s (see `Versions`).
    groups: dict[tuple[str, str], int] = field(default_factory=dict)

    def __reduce__(self) -> tuple:
        """Pickled as columns in the order of `counted` (plain tuples of
        shared values: no object per article but its own tuples), and made
        again as dicts by zipping them. At 10,000 articles, read back in
        0.017 s of CPU instead of 0.044 s (marshalled, then each article's
        named tuples made again), and `article_entity_counts` no longer
        made count by count (0.025 s). `counted` is three columns (key,
        place, date order; equal ones one object): pickled as themselves,
        its named tuples were a Python call each, 0.015 s of the 0.035 s
        the memo took to write at 10,000 articles."""
        ids, counted = tuple(self.counted), tuple(self.counted.values())
        share = {}.setdefault  # (equal date orders one object: pickled once)
        return _memo_from, (
            self.sums,
            ids,
            tuple(map(_KEY, counted)),
            tuple(map(_PLACE, counted)),
            tuple(share(order, order) for order in map(_ORDER, counted)),
            tuple(map(self.counts.__getitem__, ids)),
            tuple(map(self.names.__getitem__, ids)),
            tuple(map(self.speakers.__getitem__, ids)),
            self.groups,
            self.changed,
        )


_KEY, _PLACE, _ORDER = (operator.attrgetter(name) for name in Counted._fields)


def _memo_from(
    sums: Sums,
    ids: tuple,
    keys: tuple,
    places: tuple,
    orders: tuple,
    counts: tuple,
    names: tuple,
    speakers: tuple,
    groups: dict,
    changed: bool,
) -> LinkMemo:
    """A `LinkMemo` as it was pickled (`LinkMemo.__reduce__`)."""
    by_id = functools.partial(zip, ids)
    return LinkMemo(
        sums,
        dict(by_id(map(Counted, keys, places, orders))),
        dict(by_id(counts)),
        dict(by_id(names)),
        dict(by_id(speakers)),
        changed,
        groups,
    )


def _count(
    memo: LinkMemo, article: Article, counted: Counted, shared: dict[EntityCount, EntityCount]
) -> None:
    """`article` added to the memo, counted as `counted`; its
    `EntityCount`s one with the equal ones in `shared`."""
    # Mentions by name: a descriptive reference is counted apart (in EntityLinks).
    counts = reference_counts(article)
    memo.sums.shift(_part(article, counts), counted.place, 1)
    article_id = article.id
    memo.counts[article_id] = tuple(shared.setdefault(c, c) for c in ranked(counts))
    names = memo.names[article_id] = tuple(sorted({m.entity_id for m in article.mentions}))
    speakers = memo.speakers[article_id] = tuple(sorted({q.speaker or "" for q in article.quotes}))
    memo.counted[article_id] = counted
    _shift_groups(memo.groups, article_id, counted, names, speakers, 1)


# The groups' sums are taken modulo this: a 256-bit digest each, added and taken away.
_GROUP_MODULUS = 1 << 256


def _element(article_id: str, counted: Counted) -> int:
    """What one article adds to each group it is in: a digest of all that
    is read of it in a group's rows (see `Versions`)."""
    data = marshal.dumps((article_id, counted.key, tuple(counted.place), counted.order), 2)
    return int.from_bytes(hashlib.sha256(data).digest(), "little")


def _groups_of(counted: Counted, names: tuple[str, ...], speakers: tuple[str, ...]) -> list[tuple[str, str]]:
    """The groups an article is in: each entity it names, its summit, each speaker it quotes."""
    return [
        *((ENTITY, e) for e in names),
        (SUMMIT, counted.place.summit),
        *((SPEAKER, s) for s in speakers),
    ]


def _shift_groups(
    groups: dict, article_id: str, counted: Counted, names: tuple, speakers: tuple, sign: int
) -> None:
    element = _element(article_id, counted) * sign
    for group in _groups_of(counted, names, speakers):
        total = (groups.get(group, 0) + element) % _GROUP_MODULUS
        if total:
            groups[group] = total
        else:
            del groups[group]  # (a sum of 256-bit digests is 0 when nothing is in it)


def _patched(
    memo: LinkMemo,
    articles: tuple[Article, ...],
    now: dict[str, Counted],
    previous: Callable[[str], Article | None],
) -> bool:
    """`memo` made that of `articles` by taking away what changed or went
    and adding what changed or came; False (the memo then half patched)
    when an article counted before cannot be read back as it was counted,
    or when more than half of the articles changed (counting every article
    is then quicker)."""
    gone = [(i, counted) for i, counted in memo.counted.items() if now.get(i) != counted]
    came = [
        a for a, i in zip(articles, now) if memo.counted.get(i) != now[i]
    ]  # (`now`: by id, in their order)
    if len({i for i, _ in gone} | {a.id for a in came}) > len(articles) // 2:
        return False
    memo.changed = memo.changed or bool(gone or came)
    for article_id, counted in gone:
        old = previous(counted.key)
        counts = reference_counts(old) if old is not None and old.id == article_id else None
        # What is taken away must be what was added: a cache entry that no
        # longer gives the counts the memo kept would leave wrong sums behind.
        if counts is None or ranked(counts) != memo.counts[article_id]:
            return False
        memo.sums.shift(_part(old, counts), counted.place, -1)
        names, speakers = memo.names[article_id], memo.speakers[article_id]
        _shift_groups(memo.groups, article_id, counted, names, speakers, -1)
        del memo.counted[article_id], memo.counts[article_id], memo.names[article_id]
        del memo.speakers[article_id]
    shared: dict[EntityCount, EntityCount] = {}
    for article in came:
        _count(memo, article, now[article.id], shared)
    return True


def link_dossier(
    curation: Curation,
    tagged: tuple[Article, ...],
    memo: LinkMemo | None = None,
    keys: dict[str, str] | None = None,
    previous: Callable[[str], Article | None] | None = None,
) -> Dossier:
    """The dossier linked: its articles counted afresh, or, given the last
    build's `memo`, each article's cache key (`keys`) and a reader of
    articles analysed before (`previous`, by key), the memo's sums patched
    by the articles that changed (`memo` is then this build's). Either
    way the same dossier (tests/analysis/test_linking.py)."""
    articles, now = _in_order(tagged, keys)
    if memo is None or keys is None or previous is None or not _patched(memo, articles, now, previous):
        memo = memo if memo is not None else LinkMemo()
        memo.sums, memo.counted, memo.counts, memo.names = Sums(), {}, {}, {}
        memo.speakers, memo.groups, memo.changed = {}, {}, True
        shared: dict[EntityCount, EntityCount] = {}
        for article in articles:
            _count(memo, article, now[article.id], shared)
    return _linked(curation, articles, tuple(now), memo)


def _in_order(
    tagged: tuple[Article, ...], keys: dict[str, str] | None
) -> tuple[tuple[Article, ...], dict[str, Counted]]:
    """The articles in the dossier's order (`article_order`: by date, then
    id), and how each is counted (`counted_as`, with its cache key from
    `keys`), by id in that order. Sorted by the date order each is counted
    with (the day's ordinal orders as the day does), each date's found once
    (a few hundred dates for 10,000 articles; 1.1 µs each, twice an article
    before). Equal places and date orders are one object each: the memo is
    pickled with each once (`LinkMemo.__reduce__`)."""
    share, orders = {}.setdefault, {}
    counted = []
    for article in tagged:
        date = article.parsed.meta.date
        order = orders.get(date)
        if order is None:
            day, rank = _date_order(article)
            order = orders[date] = (day.toordinal(), rank)
        place = place_of(article)
        counted.append(Counted(keys[article.id] if keys else "", share(place, place), order))
    ids = [article.id for article in tagged]
    ranks = [n for _, _, n in sorted(zip((c.order for c in counted), ids, range(len(tagged))))]
    return tuple(tagged[n] for n in ranks), {ids[n]: counted[n] for n in ranks}


def _linked(
    curation: Curation, articles: tuple[Article, ...], ids: tuple[str, ...], memo: LinkMemo
) -> Dossier:
    """The dossier of `articles` (in order; `ids`: theirs, each asked of its
    article once) from the memo's sums and what it lists of each article."""
    sums = memo.sums
    # Counts that compare coverage (summits' shares and their comparisons,
    # outlets' distinctive names and words) are of Arabic texts only: an
    # article in another language is listed, tagged and counted on entity
    # pages, but it does not dilute or tilt the Arabic shares.
    members: dict[str | None, list[str]] = defaultdict(list)
    for article, article_id in zip(articles, ids):
        members[article.meta.summit].append(article_id)
    summit_links = tuple(
        SummitLinks(summit.id, tuple(members[summit.id]), ranked(sums.summits.get(summit.id, Counter())))
        for summit in curation.summits
    )
    outlet_names = {i: a.meta.outlet_name or UNKNOWN_OUTLET_NAME for a, i in zip(articles, ids)}
    return Dossier(
        site=curation.site,
        summits=curation.summits,
        # Held as the pages hold them from here on: without their candidates,
        # print and terms (the outlets' words above were the last to read them).
        articles=tuple(map(for_pages, articles)),
        entities=curation.entities,
        summit_links=summit_links,
        entity_links=_entity_links(curation, ids, memo),
        article_entity_counts=tuple(zip(ids, map(memo.counts.__getitem__, ids))),  # (as the memo keeps them)
        top_entities=ranked(sums.whole),
        comparisons=compare_all(summit_links, outlet_names),
        outlets=_outlets(ids, memo),
        notes=curation.notes,
    )


def _entity_links(curation: Curation, ids: tuple[str, ...], memo: LinkMemo) -> tuple[EntityLinks, ...]:
    sums = memo.sums
    articles_of: dict[str, list[str]] = defaultdict(list)
    for article_id, names in zip(ids, map(memo.names.__getitem__, ids)):
        for entity_id in names:
            articles_of[entity_id].append(article_id)
    neighbours: dict[str, Counter] = defaultdict(Counter)
    for (a, b), count in sums.pairs.items():
        neighbours[a][b] += count
        neighbours[b][a] += count
    summits = {s.id: i for i, s in enumerate(curation.summits)}
    orders = {"summit": lambda key: summits.get(key, len(summits)), "year": lambda key: key or "~"}

    by_entity: dict[tuple[str, str], list[PeriodCount]] = defaultdict(list)
    for (kind, entity_id, period), n in sums.periods.items():
        by_entity[kind, entity_id].append(
            PeriodCount(period, n, sums.period_mentions[kind, entity_id, period])
        )

    def periods(kind: str, entity_id: str) -> tuple[PeriodCount, ...]:
        """(period, articles naming it, mentions) over the periods its
        articles fall in, in the periods' order."""
        order = orders[kind]
        return tuple(sorted(by_entity.get((kind, entity_id), ()), key=lambda p: (order(p.key), p.key)))

    return tuple(
        EntityLinks(
            entity_id=entity.id,
            mention_count=sums.whole[entity.id],
            article_ids=tuple(articles_of[entity.id]),
            variants=_by_count(sums.variants.get(entity.id)),
            co_mentions=ranked(neighbours[entity.id])[:MAX_CO_MENTIONS],
            descriptive_count=sum(sums.descriptions.get(entity.id, {}).values()),
            descriptions=_by_count(sums.descriptions.get(entity.id)),
            by_summit=periods("summit", entity.id),
            by_year=periods("year", entity.id),
        )
        for entity in curation.entities
    )


def _outlets(ids: tuple[str, ...], memo: LinkMemo) -> tuple[OutletLinks, ...]:
    """Publishers of the gazetteer by id, then the others by the name the
    analyst gave them, then the articles with no publisher at all. What an
    outlet names most counts all its articles; what it names more than the
    others compares Arabic texts only."""
    sums = memo.sums
    by_outlet: dict[tuple, list[str]] = defaultdict(list)
    for article_id, counted in zip(ids, map(memo.counted.__getitem__, ids)):
        by_outlet[counted.place.outlet].append(article_id)  # its place, as counted
    outlets = []
    terms, compared = sum(sums.terms.values()), sum(sums.compared.values())  # once, not for each outlet
    for key, members in sorted(by_outlet.items(), key=lambda item: (item[0][0], item[0][2], item[0][1])):
        counts = sums.outlets.get(key, Counter())
        own_terms = distinctive(sums.outlet_terms.get(key, Counter()), sums.terms, DISTINCTIVE_SHOWN, terms)
        outlets.append(
            OutletLinks(
                key[1],
                tuple(members),
                ranked(counts),
                distinctive(
                    sums.outlets_compared.get(key, Counter()), sums.compared, DISTINCTIVE_SHOWN, compared
                ),
                key[2],
                tuple(replace(k, written=_written(sums.forms[k.key])) for k in own_terms),
                sum(counts.values()),
            )
        )
    return tuple(outlets)


def _written(forms: Counter) -> str:
    """A content word as the dossier most often writes it (ties: the
    first in Unicode order)."""
    return min(forms.items(), key=lambda kv: (-kv[1], kv[0]))[0]
