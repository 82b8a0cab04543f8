"""The dossier as pages see it: recording tables (see `lookups`).

Pages are made from the declared data of their `Page` and from reads of
these tables; they never hold the `Dossier` itself, so every read is seen.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable, Mapping
from itertools import chain, compress, repeat
from operator import attrgetter, is_
from typing import NamedTuple

from ..analysis.holding import mention_tally
from ..analysis.linking import UNKNOWN_OUTLET_NAME, Versions
from ..analysis.timeline import timeline
from ..language.gazetteer import Gazetteer
from ..models.article import Article, Quote
from ..models.curation import ArticleMeta, SiteConfig
from ..models.dossier import Dossier
from ..models.kinds import NoteKind
from .lookups import Table, Tables, keyed_digest, row_digest
from .markdown import MarkdownRenderer
from .paging import (
    ARTICLES_PER_PAGE,
    ENTITY_ARTICLES_PER_FURTHER_PAGE,
    ENTITY_ARTICLES_PER_PAGE,
    QUOTES_PER_PAGE,
    chunked,
)
from .urls import root_prefix


class SiteView:
    def __init__(
        self,
        dossier: Dossier,
        gazetteer: Gazetteer | None = None,
        article_keys: Mapping[str, str] | None = None,
        versions: Versions | None = None,
    ):
        """`article_keys`: each article's analysis cache key, by id, where
        the build has them: its row is then digested from the key (see
        `_article_digest`). `versions`: those of each entity's, summit's and
        speaker's rows, where the build has them (`analysis.linking.Versions`)."""
        self._versions = versions or Versions({}, {}, {})
        # Every table registers itself here as it is made: a page can only
        # read a table whose reads the next build can compare.
        self.tables = Tables()
        table = self.tables.table
        # The articles' ids and entries, for the listings below and for the
        # plan's outputs (`outputs.plan_site`); never for a page, whose reads
        # must all be recorded.
        columns = self.columns = ArticleColumns.of(dossier.articles)
        self.entities = table("entity", {e.id: e for e in dossier.entities})
        keys, rows = article_keys or {}, dict(zip(columns.ids, dossier.articles))
        self.articles = table("article", rows, _article_digest(keys), keys=_curated_keys(columns, keys))
        self.summits = table("summit", {s.id: s for s in dossier.summits})
        self._links(dossier)
        # An article's counts are of its analysis alone: digested from its key.
        self.article_counts = table("article-counts", dict(dossier.article_entity_counts), keys=article_keys)
        self.outlets = table("outlet", {o.id: o for o in dossier.outlets})
        self.comparisons = table("comparison", {c.id: c for c in dossier.comparisons})
        # Which summits each comparison sets side by side, apart from its
        # growing counts: the summit pages and the home page link the
        # comparisons by these alone, so an article added to one summit
        # does not remake the first page of every summit compared with it.
        self.comparison_pairs = table(
            "comparison-pairs", {c.id: ComparisonPair(c.first, c.second) for c in dossier.comparisons}
        )
        self.notes = table("note", {f"{n.kind.value}/{n.target}": n for n in dossier.notes})
        quotes = _quotes(dossier.articles, columns)
        speakers, summits = quotes.by_speaker, quotes.by_summit
        # In a build (its articles keyed), quotation rows are digested from
        # their articles' rows (`_FromArticles`); elsewhere by value.
        self._keyed = bool(article_keys)
        self.quotes_by_speaker = table(
            "quotes-by-speaker",
            speakers,
            keys=self._from_articles(quotes.speaker_places),
            versions=self._versions.speakers,
        )
        self.quotes_by_summit = table(
            "quotes-by-summit",
            summits,
            keys=self._from_articles(quotes.summit_places),
            versions=self._versions.summits,
        )
        self._listings(dossier, quotes)
        gazetteer = gazetteer or Gazetteer(dossier.entities)  # the build's own, where it has one
        shown = _shown_entities(dossier, columns, gazetteer)
        self.order = table("order", _order(dossier, columns, speakers, shown))
        self.settings = table("settings", {"site": dossier.site})
        self.phrases = table("phrases", {"all": _phrases(dossier.articles, columns)})
        # Each outlet's name as shown, apart from its growing lists (see paging).
        self.outlet_names = table("outlet-names", _outlet_names(dossier))
        # Every name and alias, for the search page's near misses: a table of
        # its own, so that a changed description does not remake that page.
        names = tuple(sorted({n for e in dossier.entities for n in e.names}))
        self.gazetteer_names = table("gazetteer-names", {"all": names})
        self.markdown = MarkdownRenderer(gazetteer, self.entities, self.articles)

    def _links(self, dossier: Dossier) -> None:
        """What linking sums of each entity and summit: rows known by their
        versions (`analysis.linking.Versions`) where the build has them."""
        table = self.tables.table
        entity_versions, summit_versions, _ = self._versions
        self.entity_links = table(
            "entity-links",
            {links.entity_id: links for links in dossier.entity_links},
            versions=entity_versions,
        )
        # The summits whose articles name an entity, apart from its growing
        # counts: the search index's page of an entity reads only these.
        self.entity_summits = table(
            "entity-summits",
            {
                links.entity_id: tuple(p.key for p in links.by_summit if p.key)
                for links in dossier.entity_links
            },
            versions=entity_versions,
        )
        self.summit_links = table(
            "summit-links",
            {links.summit_id: links for links in dossier.summit_links},
            versions=summit_versions,
        )

    def _listings(self, dossier: Dossier, quotes: _Quotes) -> None:
        """Long listings by page (see `paging`): a page reads only its own
        items and the page count, so a new article at the end of a listing
        leaves its other pages as they were."""
        every = self.columns.ids
        by_summit = {s.summit_id: s.article_ids for s in dossier.summit_links}
        summit_order = [*(s.id for s in dossier.summits), ""]  # then the quotations of no summit
        in_order = tuple(chain.from_iterable(quotes.by_summit.get(key, ()) for key in summit_order))
        places_in_order = _Places.joined(
            [quotes.summit_places[k] for k in summit_order if k in quotes.summit_places]
        )
        self.entity_pages = Paged(
            self.tables,
            "entity-pages",
            _mentions_by_entity(dossier.articles, self.columns),
            ENTITY_ARTICLES_PER_FURTHER_PAGE,
            first=ENTITY_ARTICLES_PER_PAGE,
            versions=self._versions.entities,
        )
        self.summit_pages = Paged(
            self.tables, "summit-pages", by_summit, ARTICLES_PER_PAGE, versions=self._versions.summits
        )
        self.outlet_pages = Paged(
            self.tables, "outlet-pages", {o.id: o.article_ids for o in dossier.outlets}, ARTICLES_PER_PAGE
        )
        self.article_pages = Paged(self.tables, "article-pages", {ALL_ARTICLES: every}, ARTICLES_PER_PAGE)
        self.timeline_pages = Paged(
            self.tables,
            "timeline-pages",
            {ALL_ARTICLES: timeline(dossier.summits, self.columns.metas)},
            ARTICLES_PER_PAGE,
        )
        self.quote_pages = Paged(
            self.tables,
            "quote-pages",
            {ALL_ARTICLES: in_order},
            QUOTES_PER_PAGE,
            places={ALL_ARTICLES: places_in_order} if self._keyed else None,
        )
        self.speaker_quote_pages = Paged(
            self.tables,
            "speaker-quote-pages",
            quotes.by_speaker,
            QUOTES_PER_PAGE,
            places=quotes.speaker_places if self._keyed else None,
            versions=self._versions.speakers,
        )

    def _from_articles(self, places: dict[str, _Places]) -> _FromArticles | None:
        return _FromArticles(self.articles, places) if self._keyed else None

    @property
    def site(self) -> SiteConfig:
        return self.settings["site"]

    def note_html(self, kind: NoteKind, target: str, page_path: str):
        """The note attached to `target` as HTML, or None."""
        note = self.notes.get(f"{kind.value}/{target}")
        return (
            self.markdown.render(note.markdown, root_prefix(page_path), f"{kind.value}-{target}")
            if note
            else None
        )


ALL_ARTICLES = "all"  # the key of dossier-wide listings


class ComparisonPair(NamedTuple):
    """The two summits a comparison sets side by side (`first` the earlier),
    as a link to it names them."""

    first: str
    second: str

    @property
    def id(self) -> str:
        return f"{self.first}--{self.second}"  # `Comparison.id`


class Paged:
    """Listings by key, cut into pages, read through one recording table:
    ``count(key)`` reads the number of pages, ``items(key, n)`` page n.
    `places`: for listings of quotations, where each item is in its article
    (`_FromArticles`), cut into the same pages; a page is then digested
    from its articles' rows. `versions`: a listing's version (see
    `lookups.Table`), its pages' and its page count's."""

    def __init__(
        self,
        tables: Tables,
        name: str,
        listings: dict[str, tuple],
        size: int,
        first: int | None = None,
        places: dict[str, _Places] | None = None,
        versions: Mapping[str, str] | None = None,
    ):
        rows: dict[str, object] = {}
        row_versions: dict[str, str] = {}
        page_places: dict[str, _Places] = {}
        for key, items in listings.items():
            pages = chunked(items, size, first)
            rows[key] = len(pages)
            rows.update({f"{key}/{n}": page for n, page in enumerate(pages, start=1)})
            if versions is not None and (version := versions.get(key)) is not None:
                row_versions[key] = version
                row_versions.update({f"{key}/{n}": version for n in range(1, len(pages) + 1)})
            if places is not None:
                cut = places[key].cut(size, first)
                page_places.update({f"{key}/{n}": page for n, page in enumerate(cut, start=1)})
        keys = _FromArticles(tables.table_named("article"), page_places) if places is not None else None
        self.table = tables.table(name, rows, keys=keys, versions=row_versions)

    def count(self, key: str) -> int:
        return self.table.get(key, 1)

    def items(self, key: str, number: int) -> tuple:
        return self.table.get(f"{key}/{number}", ())


def _article_digest(keys: Mapping[str, str]) -> Callable[[Article], str]:
    """An article row's digest: from its analysis cache key (the seed's
    bytes, its entry, the gazetteer, the language data and the code of the
    analysis) and its entry as the build left it (a proposed summit and
    date), the only part of the article set after its analysis; linking
    drops its terms and candidates, as the code says, and the code is in
    every output's key. Hashing each of 10,000 articles field by field was
    about a second of an added article's build. An article with no key
    (a view made outside a build) is read field by field."""

    def digest(article: Article) -> str:
        key = keys.get(article.id)
        if key is None:
            return row_digest(article)
        # A curated article's entry is in its key (all but the line it is
        # on, which no page shows): only a proposal is set after the
        # analysis. Digesting every entry again was 10,000 rows each build.
        return keyed_digest(key) if article.meta.curated else keyed_digest(key, article.meta)

    return digest


def _curated_keys(columns: ArticleColumns, keys: Mapping[str, str]) -> dict[str, str]:
    """The cache key of each curated article (by id) that has one: its row is
    a function of it alone (see `_article_digest`, which gives the same
    digest), so the reuse check makes the digests of all of them in one pass
    (`lookups.Table.keyed_reads`)."""
    curated = compress(columns.ids, map(_curated, columns.metas))
    return {article_id: keys[article_id] for article_id in curated if article_id in keys}


def _shown_entities(dossier: Dossier, columns: ArticleColumns, gazetteer: Gazetteer) -> tuple[str, ...]:
    """The entities the site shows, each with its page: those the articles
    name (by name or by a title), and those the analyst's curation points
    at (a summit's place, an article's publisher or sources, a note about
    one or a wiki link to one). The rest of a large gazetteer (a Wikidata
    export of 100,000 names) waits in dossier/entities.yaml until an
    article names it: a page saying "no mentions" a hundred thousand times
    would tell the reader nothing, and cost minutes and a gigabyte."""
    used = {
        links.entity_id
        for links in dossier.entity_links
        if links.article_ids or links.mention_count or links.descriptive_count
    }
    used.update(s.place for s in dossier.summits)
    used.update(map(_outlet, columns.metas))
    used.update(chain.from_iterable(map(_based_on, columns.metas)))
    links = [link for s in dossier.summits for link in s.summary_links]
    for note in dossier.notes:
        links += note.links
        if note.kind is NoteKind.ENTITY:
            used.add(note.target)
    used.update(gazetteer.resolve(link.target) for link in links)
    return tuple(e.id for e in dossier.entities if e.id in used)


def _order(
    dossier: Dossier, columns: ArticleColumns, speakers: dict, shown: tuple[str, ...]
) -> dict[str, tuple]:
    """Dossier-wide listings in the site's order."""
    return {
        "articles": columns.ids,
        "unassigned": tuple(compress(columns.ids, map(is_, columns.summits, repeat(None)))),
        "summits": tuple(s.id for s in dossier.summits),
        "entities": shown,  # see `_shown_entities`
        "gazetteer-only": (len(dossier.entities) - len(shown),),  # how many the site leaves out
        "comparisons": tuple(c.id for c in dossier.comparisons),
        "outlets": tuple(o.id for o in dossier.outlets),
        # Speakers by number of quotations, then id; no speaker ("") last.
        "speakers": tuple(sorted(speakers, key=lambda k: (k == "", -len(speakers[k]), k))),
        "top-entities": dossier.top_entities,
    }


# The quotes page lists the most quoted terms, each with its first articles:
# bounded, so that a slogan quoted in thousands of articles stays one line.
PHRASES_SHOWN, PHRASE_ARTICLES_SHOWN = 40, 5


def _phrases(
    articles: tuple[Article, ...], columns: ArticleColumns
) -> tuple[tuple[str, int, tuple[str, ...]], ...]:
    """The most quoted short terms («حقبة جديدة»): (term, number of articles
    quoting it, the first of them), most quoted first, then by text."""
    found: dict[str, list[str]] = defaultdict(list)
    quoting = tuple(map(_phrases_of, articles))
    for article_id, phrases in compress(
        zip(columns.ids, quoting), quoting
    ):  # (those quoting none left out in C)
        for phrase in dict.fromkeys(phrases):
            found[phrase].append(article_id)
    ranked = sorted(found.items(), key=lambda item: (-len(item[1]), item[0]))[:PHRASES_SHOWN]
    return tuple((phrase, len(ids), tuple(ids[:PHRASE_ARTICLES_SHOWN])) for phrase, ids in ranked)


def _outlet_names(dossier: Dossier) -> dict[str, str]:
    """The name of each outlet: its entity's, else the one the analyst gave
    it, else «ناشر غير معروف» for the articles with no publisher."""
    entity_names = {e.id: e.name_ar for e in dossier.entities}
    return {o.id: entity_names.get(o.id) or o.name or UNKNOWN_OUTLET_NAME for o in dossier.outlets}


def _mentions_by_entity(
    articles: tuple[Article, ...], columns: ArticleColumns
) -> dict[str, tuple[tuple[str, int], ...]]:
    """Entity id → (article id, how many times it names the entity), in
    dossier order. The mentions themselves are read from the article when
    its page is made (holding them here too was 19 MB at 10,000 articles);
    the page reads the article, so a changed mention remakes it."""
    found: dict[str, list[tuple[str, int]]] = defaultdict(list)
    # Its tally, not its mentions: a held article's was made when it was
    # written, and its mentions are not read (360,000 at 10,000 articles).
    # Its id from the view's columns (not the property again), and each pair
    # made once, in a list (an article is once in each).
    for article_id, article in zip(columns.ids, articles):
        for entity, count in mention_tally(article).items():
            found[entity].append((article_id, count))
    return {entity: tuple(pairs) for entity, pairs in found.items()}


class ArticleColumns(NamedTuple):
    """The dossier's articles as columns, in its order: each read once, in C
    (`attrgetter` over the tuple), for every listing of the view and the
    plan's outputs. Each listing's own loop over the articles, reading their
    `id` and `meta` properties, was 150,000 Python calls at 10,000 articles."""

    ids: tuple[str, ...]
    metas: tuple[ArticleMeta, ...]
    summits: tuple[str | None, ...]  # each article's summit, None for none
    source_files: tuple[str, ...]  # each article's seed (`ArticleMeta.source_file`)

    @classmethod
    def of(cls, articles: tuple[Article, ...]) -> ArticleColumns:
        metas = tuple(map(_meta, articles))
        ids, summits, source_files = (tuple(map(field, metas)) for field in (_id, _summit, _source_file))
        return cls(ids, metas, summits, source_files)


_meta, _id, _summit, _source_file = (attrgetter(f) for f in ("parsed.meta", "id", "summit", "source_file"))
_outlet, _based_on, _curated = attrgetter("outlet"), attrgetter("based_on"), attrgetter("curated")
_quotes_of, _phrases_of, _speaker = attrgetter("quotes"), attrgetter("phrases"), attrgetter("speaker")


class _Places(NamedTuple):
    """Where each quotation of a listing is, as two columns (see
    `_FromArticles`): its article, and its number there. Columns, not a
    value per quotation, so that they are made and cut into pages in C."""

    article_ids: tuple[str, ...]
    numbers: tuple[int, ...]

    def cut(self, size: int, first: int | None) -> list[_Places]:
        """The places of each page of the listing (`paging.chunked`)."""
        pages = zip(chunked(self.article_ids, size, first), chunked(self.numbers, size, first), strict=True)
        return [_Places(ids, numbers) for ids, numbers in pages]

    @classmethod
    def joined(cls, parts: list[_Places]) -> _Places:
        return cls(*(tuple(chain.from_iterable(column)) for column in zip(*parts))) if parts else cls((), ())


class _Quotes(NamedTuple):
    """Quotations with their article id, by speaker ("" for none) and by
    summit ("" for none), in dossier order; beside each listing, where each
    of its quotations is (`_FromArticles`)."""

    by_speaker: dict[str, tuple[tuple[str, Quote], ...]]
    by_summit: dict[str, tuple[tuple[str, Quote], ...]]
    speaker_places: dict[str, _Places]
    summit_places: dict[str, _Places]


def _quotes(articles: tuple[Article, ...], columns: ArticleColumns) -> _Quotes:
    """Every quotation of the dossier in one run, with its (article id,
    quotation) pair, its place, its speaker and its article's summit, each a
    column made in C (26,000 quotations at 10,000 synthetic articles); then
    each listing gathered from the columns by the positions of its own."""
    quoted = tuple(map(_quotes_of, articles))
    lengths = tuple(map(len, quoted))
    ids = tuple(chain.from_iterable(map(repeat, columns.ids, lengths)))
    numbers = tuple(chain.from_iterable(map(range, lengths)))
    every = tuple(chain.from_iterable(quoted))
    pairs = tuple(zip(ids, every))
    summits = chain.from_iterable(map(repeat, columns.summits, lengths))

    def listings(keys: Iterable[Hashable]) -> tuple[dict, dict]:
        found = _positions(keys)
        return (
            {key: _gathered(pairs, at) for key, at in found.items()},
            {key: _Places(_gathered(ids, at), _gathered(numbers, at)) for key, at in found.items()},
        )

    by_speaker, speaker_places = listings(map(_speaker, every))
    by_summit, summit_places = listings(summits)
    return _Quotes(by_speaker, by_summit, speaker_places, summit_places)


def _positions(keys: Iterable[Hashable]) -> dict[str, list[int]]:
    """The positions of each key in `keys` ("" for None), keys in the order
    they first come."""
    found: dict[str, list[int]] = defaultdict(list)
    for position, key in enumerate(keys):
        found[key or ""].append(position)
    return found


def _gathered(column: tuple, positions: list[int]) -> tuple:
    return tuple(map(column.__getitem__, positions))


class _FromArticles(Mapping):
    """The keys of rows made of articles' quotations (see `lookups.Table`),
    by row, each made when it is first asked for: the digest of where each
    quotation is (its article's id and its number there) and of the row
    digest of each of those articles. A quotation is part of its article's
    row, so equal places and article digests make equal rows; digesting the quotations themselves was the
    largest part of the reuse check at 10,000 articles (the quotations of a
    summit are 50,000 values of seven fields)."""

    def __init__(self, articles: Table, places: dict[str, _Places]):
        self._articles, self._places = articles, places

    def __getitem__(self, row: str) -> str:
        ids, numbers = self._places[row]
        # Each article's row digest once, in the order they first come (an
        # article's quotations are side by side: a tenth of the places), not
        # once a place: a third of the bytes, and no tuple made for each.
        articles = tuple(dict.fromkeys(ids))
        return row_digest((tuple(ids), tuple(numbers), tuple(self._articles.digests(list(articles)))))

    def __contains__(self, row: object) -> bool:
        return row in self._places

    def __iter__(self):
        return iter(self._places)

    def __len__(self) -> int:
        return len(self._places)
