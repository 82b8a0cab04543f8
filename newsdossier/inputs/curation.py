"""Load and validate the analyst's curation in dossier/.

Files (all YAML, all required except articles.yaml entries for every seed):

* ``site.yaml``      — the site's title and description;
* ``summits.yaml``   — a list of summits;
* ``articles.yaml``  — a list of article metadata, one per seed file;
* ``entities.yaml``  — the entity gazetteer, a list of entities.

Each record is read against its schema (`schemas`: checked fields, with
the line of every problem); this module reads the files and checks what
no single record can: duplicate or reserved ids, and a reference to a
summit, article or entity that is not defined. Each error names the file
and line. A seed with no entry is published as uncurated (`uncurated`).
Checks that need to compare Arabic names (a name claimed by two entities, a
wiki link naming no entity) are the gazetteer's, in the language layer.

A `RecordMemo` (kept between builds by the build layer) holds each record
of the list files as the curation made it (an `ArticleMeta`, an `Entity`),
by its text and first line: a build reads and validates again only the
records whose text or place changed (an appended article: one record, not
10,000; 0.8 s at that size), then checks ids and references across all of
them as always, with set operations. The memo holds no YAML mapping or
schema value (unpickling those, 0.12 s of CPU at 10,000 articles, was
most of the stage; the made records, 0.04 s), so it cannot say at which
line a problem is: any problem, and the whole file is read and checked in
order, and its first problem is the one message it always was. The memo is
used only where the file can be read item by item (`yamlfile.split_items`)
and each new item validates alone; otherwise, too, the whole file is read.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from typing import Any, NamedTuple, TypeVar

from ..models.curation import ArticleMeta, Curation, Entity, Role, SiteConfig, Summit
from ..models.dossier import UNNAMED_OUTLET
from ..models.errors import BuildWarning, DossierError
from ..models.inputs import Skipped, Sources, Unread
from ..models.kinds import NoteKind
from .notes import check_article_links, load_notes, wiki_links
from .readers import SEED_SUFFIXES
from .schemas import (
    ArticleSchema,
    EntitySchema,
    RoleSchema,
    S,
    SiteSchema,
    SummitSchema,
    record_name,
    type_name,
    validate,
)
from .uncurated import uncurated_articles
from .yamlfile import YamlList, YamlMap, load_item, load_yaml, split_items

T = TypeVar("T")


class Fields(dict):
    """A record's values as its schema read them, by field name, and as
    attributes (`record.value.id`): plain data, kept in the memo."""

    __slots__ = ()

    def __getattr__(self, name: str) -> Any:
        try:
            return self[name]
        except KeyError:
            raise AttributeError(name) from None


class Read(NamedTuple):
    """A record as its schema read it, with where it was written."""

    value: Fields  # the schema's values
    mapping: YamlMap  # the lines of its keys and values
    name: str  # as messages name it ("entity `putin`")

    @property
    def line(self) -> int:
        return self.mapping.line

    def key_line(self, key: str) -> int:
        return self.mapping.key_lines.get(key, self.mapping.line)


class Split(NamedTuple):
    """A list file as its records in a memo were split from it."""

    size: int  # its bytes (ending a line)
    # Their SHA-256, not a checksum: a CRC-32 of the same bytes is kept by an
    # edit that also changes a few characters of a comment (found by the
    # review: a changed date was never seen), and the memo's records stand
    # for exactly those bytes.
    digest: bytes
    line: int  # the line after them
    items: int  # its records (the memo's, of that file, in order)


class RecordMemo:
    """The records of the list files as made in an earlier build (an
    `ArticleMeta`, an `Entity`), by file, first line and text (`known`), and
    those this build used or made (`used`: what the next build is given).
    `splits`: each file as `known` was split from it, by path; `split`: as
    this build split it (for the next build, with `used`). A file that still
    begins with those bytes is split only after them (an appended article:
    not 10,000 records split and looked up again)."""

    def __init__(
        self, known: dict[tuple[str, int, str], Any] | None = None, splits: dict[str, Split] | None = None
    ):
        self.known = known or {}
        self.splits = splits or {}
        self.used: dict[tuple[str, int, str], Any] = {}
        self.split: dict[str, Split] = {}

    def worth_saving(self, slack: int) -> bool:
        """Whether more than `slack` records were read afresh or are no
        longer used: below that, the next build reading those few again
        costs less than writing the whole memo again (an appended article
        would rewrite all 10,000 records' memo, 0.4 s, to save 0.2 ms)."""
        fresh = sum(key not in self.known for key in self.used)
        gone = len(self.known) - (len(self.used) - fresh)
        return fresh + gone > slack


def _read(schema: type[S], path: str, item: Any, what: str, line: int) -> Read:
    return Read(Fields(validate(schema, path, item, what, line)), item, record_name(what, item))


def _memo_made(
    sources: Sources,
    name: str,
    schema: type[S],
    what: str,
    memo: RecordMemo | None,
    make: Callable[[Read], T],
) -> list[T] | None:
    """What `make` makes of every record of the file (its records' ids
    checked), from the memo where a record's text and line are known, else
    read alone; None when there is no memo, the file cannot be read so (see
    `yamlfile.split_items`), or anything in it has a problem: the whole file
    is read then, for the message the build always gave."""
    source = sources.dossier_file(name)
    if memo is None or source is None:
        return None
    kept, items = _unchanged(memo, source)
    if items is None:
        return None
    made = [product for _, product in kept]
    memo.used.update(kept)
    for line, text in items:
        key = (source.path, line, text)
        product = memo.known.get(key)
        if product is None:
            item = load_item(source.path, text, line)
            if item is None:
                return None
            try:
                product = make(_read(schema, source.path, item, what, line))
            except DossierError:
                return None
        memo.used[key] = product
        made.append(product)
    ids = {product.id for product in made}
    if len(ids) != len(made) or not ids.isdisjoint(RESERVED_IDS.get(what, {})):
        return None
    data = source.data
    if data.endswith(b"\n"):  # (the next build's items may begin after it)
        after = items[-1][0] + items[-1][1].count("\n") if items else memo.splits[source.path].line
        # The file's SHA-256 is its digest, taken once (the build's fingerprint has read it).
        memo.split[source.path] = Split(len(data), source.digest, after, len(made))
    return made


def _unchanged(memo: RecordMemo, source) -> tuple[list[tuple[tuple[str, int, str], Any]], list | None]:
    """The memo's records of the file's first bytes when they are still
    those it was split from (key, record: in order), and the items after
    them (`split_items`: None, the file cannot be split so); else no
    record, and every item of the file."""
    split = memo.splits.get(source.path)
    data = source.data
    if (
        split is not None
        and len(data) >= split.size
        and hashlib.sha256(memoryview(data)[: split.size]).digest() == split.digest
    ):
        keys = [key for key in memo.known if key[0] == source.path]  # (in the file's order)
        items = split_items(source, split.size, split.line)
        if len(keys) == split.items and items is not None:
            return [(key, memo.known[key]) for key in keys], items
    return [], split_items(source)


def _file_reads(source, schema: type[S], what: str, plural: str) -> Iterator[Read]:
    """The whole file read, then each record against its schema, one at a
    time (a gazetteer of 100,000 entities never holds 100,000 at once)."""
    data = load_yaml(source)
    if data is None:
        return
    if not isinstance(data, YamlList):
        raise DossierError(
            source.path, getattr(data, "line", 1), f"must be a list of {plural}, not {type_name(data)}"
        )
    for item, line in zip(data, data.item_lines):
        yield _read(schema, source.path, item, what, line)


def _records(sources: Sources, name: str, schema: type[S], what: str, plural: str) -> Iterator[Read]:
    """Each record of a list file read against its schema, in order, ids
    checked as they come."""
    source = sources.dossier_file(name)
    path = f"dossier/{name}"
    if source is None:
        raise DossierError(path, None, f"missing: the dossier needs {path} (a list of {plural})")
    seen: dict[str, int] = {}
    for record in _file_reads(source, schema, what, plural):
        id_ = record.value.id
        if id_ in seen:
            raise DossierError(
                path, record.key_line("id"), f"duplicate id `{id_}` (first defined at line {seen[id_]})"
            )
        if id_ in RESERVED_IDS.get(what, {}):
            raise DossierError(
                path,
                record.key_line("id"),
                f"id `{id_}` is reserved for {RESERVED_IDS[what][id_]}: choose another id",
            )
        seen[id_] = record.key_line("id")
        yield record


# Ids that would collide with a page of their folder or a name the site
# uses, by the kind of record they would name.
RESERVED_IDS = {
    "entity": {
        "index": "the index page of entities/ and outlets/",
        UNNAMED_OUTLET: "the page of articles with no publisher",
    },
    "article": {"index": "the index page of articles/"},
    "summit": {"index": "the index page of summits/"},
}


# ------------------------------------------------------------------ files


def load_site(sources: Sources) -> SiteConfig:
    path = "dossier/site.yaml"
    source = sources.dossier_file("site.yaml")
    if source is None:
        raise DossierError(
            path, None, "missing: the dossier needs dossier/site.yaml (the site's title and description)"
        )
    site = validate(SiteSchema, path, load_yaml(source), "site setting", 1)
    return SiteConfig(title=site.title, description=site.description, base_url=site.base_url)


def _roles(record: Read) -> tuple[tuple[Role, ...], tuple[int, ...]]:
    """An entity's roles: [{title, from, to}], dates optional."""
    value = record.mapping.get("roles")
    if value is None:
        return (), ()
    path = "dossier/entities.yaml"
    if not isinstance(value, YamlList):
        raise DossierError(
            path,
            record.key_line("roles"),
            f"`roles` of {record.name} must be a list of {{title, from, to}}, not {type_name(value)}",
        )
    roles, lines = [], []
    for item, line in zip(value, value.item_lines):
        role = validate(RoleSchema, path, item, f"role of {record.name}", line)
        if role.start and role.end and role.end < role.start:
            raise DossierError(
                path,
                item.key_lines["to"],
                f"role `{role.title}` of {record.name} ends ({role.end}) before it starts ({role.start})",
            )
        roles.append(Role(role.title, role.start, role.end))
        lines.append(item.key_lines["title"])
    return tuple(roles), tuple(lines)


def _entity(record: Read) -> Entity:
    entity = record.value
    return Entity(
        id=entity.id,
        type=entity.type,
        name_ar=entity.name_ar,
        name_en=entity.name_en,
        aliases=entity.aliases,
        wikidata=entity.wikidata,
        description=entity.description,
        line=record.line,
        name_lines=(record.key_line("name_ar"), *_item_lines(record, "aliases", len(entity.aliases))),
        **dict(zip(("roles", "role_lines"), _roles(record))),
    )


def load_entities(sources: Sources, memo: RecordMemo | None = None) -> tuple[Entity, ...]:
    entities = _memo_made(sources, "entities.yaml", EntitySchema, "entity", memo, _entity)
    if entities is None:
        entities = [
            _entity(r) for r in _records(sources, "entities.yaml", EntitySchema, "entity", "entities")
        ]
    return tuple(sorted(entities, key=lambda e: e.id))


def _item_lines(record: Read, key: str, count: int) -> list[int]:
    """The line of each item of a list value (a flow list: the key's line)."""
    value = record.mapping.get(key)
    lines = list(value.item_lines) if isinstance(value, YamlList) else []
    return lines if len(lines) == count else [record.key_line(key)] * count


def load_summits(
    sources: Sources, entity_ids: frozenset[str], warnings: list[BuildWarning]
) -> tuple[Summit, ...]:
    summits = []
    for record in _records(sources, "summits.yaml", SummitSchema, "summit", "summits"):
        read = record.value
        summit = Summit(
            id=read.id,
            title_ar=read.title_ar,
            title_en=read.title_en,
            start=read.start,
            end=read.end,
            place=read.place,
            summary_md=read.summary,
            # The summary is Markdown like a note: its [[links]] are checked
            # against the gazetteer with the notes' links.
            summary_links=wiki_links(read.summary, record.mapping.value_lines.get("summary", record.line)),
        )
        if summit.end < summit.start:
            raise DossierError(
                "dossier/summits.yaml",
                record.key_line("end"),
                f"summit `{summit.id}` ends ({summit.end}) before it starts ({summit.start})",
            )
        if summit.place not in entity_ids:  # a new dossier names its place before its gazetteer has it
            warnings.append(
                BuildWarning(
                    "dossier/summits.yaml",
                    record.key_line("place"),
                    f"summit `{summit.id}` has place `{summit.place}`, "
                    "which is not in dossier/entities.yaml yet",
                )
            )
        summits.append(summit)
    return tuple(sorted(summits, key=lambda s: (s.start, s.id)))


def _article(record: Read) -> ArticleMeta:
    return ArticleMeta(**dict(record.value), curated=True, defined_at=record.line)


def load_articles(
    sources: Sources, summit_ids: frozenset[str], entity_ids: frozenset[str], memo: RecordMemo | None = None
) -> tuple[tuple[ArticleMeta, ...], tuple[BuildWarning, ...]]:
    seed_names = {s.name for s in sources.seeds}
    metas = _memo_made(sources, "articles.yaml", ArticleSchema, "article", memo, _article)
    if metas is None or not _consistent(metas, seed_names, summit_ids, entity_ids):
        metas = _checked_articles(sources, seed_names, summit_ids, entity_ids)  # the first problem raised
    curated = {meta.source_file: meta for meta in metas}
    taken = {m.id for m in metas} | set(RESERVED_IDS["article"])
    uncurated, warnings = uncurated_articles(sorted(seed_names - curated.keys()), taken)
    curated.update((m.source_file, m) for m in uncurated)
    return tuple(sorted(curated.values(), key=lambda m: m.source_file)), warnings


def _consistent(
    metas: list[ArticleMeta], seeds: set[str], summit_ids: frozenset[str], entity_ids: frozenset[str]
) -> bool:
    """Whether `_checked_articles` would find no problem in these records
    (each seed used once and there, each summit and entity defined): set
    operations over the memo's records, none of them looked at one by one
    in Python unless it has a summit or a source."""
    files = [meta.source_file for meta in metas]
    return (
        len(set(files)) == len(files)
        and seeds.issuperset(files)
        and summit_ids.issuperset({meta.summit for meta in metas} - {None})
        and entity_ids.issuperset({meta.outlet for meta in metas} - {None})
        and entity_ids.issuperset(source for meta in metas for source in meta.based_on)
    )


def _checked_articles(
    sources: Sources, seed_names: set[str], summit_ids: frozenset[str], entity_ids: frozenset[str]
) -> list[ArticleMeta]:
    """Every record of the file read and checked in order: the first
    problem raised at its line."""
    metas = []
    file_lines: dict[str, int] = {}
    for record in _records(sources, "articles.yaml", ArticleSchema, "article", "articles"):
        meta = _article(record)
        _check_article(record, meta, seed_names, file_lines, summit_ids)
        if meta.outlet is not None:
            _check_entity(record, "outlet", meta.outlet, entity_ids)
        for source_id in meta.based_on:
            _check_entity(record, "based_on", source_id, entity_ids)
        file_lines[meta.source_file] = record.line
        metas.append(meta)
    return metas


def _check_article(
    record: Read, meta: ArticleMeta, seeds: set[str], file_lines: dict[str, int], summit_ids: frozenset[str]
) -> None:
    """Its seed exists and is no other article's; its summit is defined."""
    path = "dossier/articles.yaml"
    if meta.source_file not in seeds:
        raise DossierError(
            path,
            record.key_line("source_file"),
            f"article `{meta.id}` has source_file `{meta.source_file}` which is not a file in seeds/",
        )
    if meta.source_file in file_lines:
        raise DossierError(
            path,
            record.key_line("source_file"),
            f"article `{meta.id}` uses seeds/{meta.source_file}, already used by the article at line "
            f"{file_lines[meta.source_file]}",
        )
    if meta.summit is not None and meta.summit not in summit_ids:
        raise DossierError(
            path,
            record.key_line("summit"),
            f"article `{meta.id}` has summit `{meta.summit}` which is not defined in dossier/summits.yaml",
        )


def _check_entity(record: Read, key: str, entity_id: str, entity_ids: frozenset[str]) -> None:
    if entity_id not in entity_ids:
        raise DossierError(
            "dossier/articles.yaml",
            record.key_line(key),
            f"{record.name} has {key} `{entity_id}` which is not an entity in dossier/entities.yaml",
        )


def _not_an_article(skipped: Skipped) -> BuildWarning:
    kinds = ", ".join(SEED_SUFFIXES[:-1]) + " or " + SEED_SUFFIXES[-1]
    message = {
        Unread.FOLDER: f"a folder in seeds/ is not read: an article is a {kinds} file in seeds/ itself",
        Unread.KIND: f"not read as an article: an article is a {kinds} file",
        Unread.NOT_A_FILE: "not read as an article: not a file (a link to nothing, or a pipe)",
    }[skipped.why]
    return BuildWarning(skipped.path, None, message)


def load_curation(
    sources: Sources, memo: RecordMemo | None = None
) -> tuple[Curation, tuple[BuildWarning, ...]]:
    """The curation; `memo`: the records of the two files that grow with
    the dossier (the gazetteer, the articles) as an earlier build read them."""
    # Entities first: summits, articles and notes refer to them; notes last,
    # as they can be attached to any of the others.
    site = load_site(sources)
    entities = load_entities(sources, memo)
    entity_ids = frozenset(e.id for e in entities)
    place_warnings: list[BuildWarning] = []
    summits = load_summits(sources, entity_ids, place_warnings)
    summit_ids = frozenset(s.id for s in summits)
    articles, warnings = load_articles(sources, summit_ids, entity_ids, memo)
    if not sources.seeds:
        place_warnings.append(
            BuildWarning(
                "seeds/",
                None,
                "no articles yet: add one with `newsdossier add FILE` (a .txt or a saved .html page)",
            )
        )
    place_warnings.extend(map(_not_an_article, sources.skipped))
    warnings = tuple(place_warnings) + warnings
    ids = {
        NoteKind.SUMMIT: summit_ids,
        NoteKind.ENTITY: entity_ids,
        NoteKind.ARTICLE: frozenset(a.id for a in articles),
        NoteKind.COMPARISON: frozenset(
            f"{a.id}--{b.id}" for i, a in enumerate(summits) for b in summits[i + 1 :]
        ),
    }
    notes = load_notes(sources, ids)
    for summit in summits:
        check_article_links("dossier/summits.yaml", summit.summary_links, ids[NoteKind.ARTICLE])
    return Curation(site, summits, articles, entities, notes), warnings
