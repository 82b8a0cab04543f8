"""Load and validate the analyst's curation in dossier/.

Files (all YAML, all required except articles.yaml entries for every seed):

* ``site.yaml``      — the site's title and description;
* ``summits.yaml``   — a list of summits;
* ``articles.yaml``  — a list of article metadata, one per seed file;
* ``entities.yaml``  — the entity gazetteer, a list of entities.

Every record is read strictly: unknown keys, missing keys and wrong types
are errors; so are duplicate or reserved ids and a reference to a summit,
article or entity that is not defined. Each error names the file and line.
Checks that need to compare Arabic names (a name claimed by two entities, a
wiki link naming no entity) are the gazetteer's, in the language layer.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from pathlib import PurePosixPath
from typing import Any
from urllib.parse import urlsplit

from ..models.curation import ArticleMeta, Curation, Entity, Role, SiteConfig, Summit
from ..models.dates import PartialDate
from ..models.dossier import UNNAMED_OUTLET
from ..models.errors import BuildWarning, DossierError
from ..models.inputs import Sources
from ..models.kinds import EntityType, LineKind, NoteKind
from .notes import check_article_links, load_notes, wiki_links
from .readers import without_embeddings
from .yamlfile import YamlList, YamlMap, load_yaml

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
WIKIDATA = re.compile(r"^Q[1-9][0-9]*$")


# ------------------------------------------------------------------ checkers
# Each takes a YAML value and returns the typed value, or raises ValueError
# with the end of a sentence that starts "`key` ...".


# Lengths of text values, in characters: far beyond any real name, title or
# note, and small enough that a value copied into many pages stays cheap.
MAX_NAME = 200  # names, aliases, titles, outlet names
MAX_SITE_DESCRIPTION = 1_000  # shown on every page
MAX_DESCRIPTION = 5_000  # an entity's description
MAX_SUMMARY = 50_000  # a summit's summary (Markdown)
MAX_LIST = 200  # aliases of one entity, sources of one article

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def text(value: Any, limit: int = MAX_NAME) -> str:
    if not isinstance(value, str):
        raise ValueError(f"must be text, not {_type_name(value)}")
    value = without_embeddings(value).strip()
    if not value:
        raise ValueError("must not be empty")
    control = _CONTROL.search(value)
    if control:
        raise ValueError(f"contains the control character U+{ord(control.group()):04X}: remove it")
    if len(value) > limit:
        raise ValueError(f"is {len(value):,} characters long; at most {limit:,} are allowed")
    return value


def long_text(limit: int) -> Callable[[Any], str]:
    return lambda value: text(value, limit)


def slug(value: Any) -> str:
    value = text(value)
    if not SLUG.match(value):
        raise ValueError(
            f"is `{value}`, which is not a valid id: use lowercase ASCII letters and digits "
            "joined by single hyphens (ids become file names and URLs)"
        )
    return value


def optional(check: Callable[[Any], Any]) -> Callable[[Any], Any]:
    def checked(value: Any) -> Any:
        return None if value is None else check(value)

    return checked


def date(value: Any) -> dt.date:
    if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
        raise ValueError(f"must be a date written YYYY-MM-DD, not {_type_name(value)} `{value}`")
    return value


def article_date(value: Any) -> PartialDate:
    """An article's date at the precision the analyst knows it: a day
    (2022-02-05, which YAML reads as a date), a month (2022-02) or a year
    (2022). Nothing is filled in."""
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return PartialDate.of(value)
    if isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 9999:
        return PartialDate(value)
    if isinstance(value, str) and re.fullmatch(r"\d{4}(-\d{2}){0,2}", value):
        try:
            return PartialDate.from_iso(value)
        except ValueError:
            raise ValueError(f"`{value}` is not a month or a date that exists") from None
    raise ValueError(
        f"must be a date written YYYY-MM-DD, or YYYY-MM for a month only, not {_type_name(value)} `{value}`"
    )


def text_list(value: Any) -> tuple[str, ...]:
    if not isinstance(value, list):
        raise ValueError(f"must be a list, not {_type_name(value)}")
    if len(value) > MAX_LIST:
        raise ValueError(f"has {len(value):,} items; at most {MAX_LIST} are allowed")
    items = []
    for item in value:
        try:
            items.append(text(item))
        except ValueError as error:
            raise ValueError(f"item `{item}` {error}") from None
    return tuple(items)


def slug_list(value: Any) -> tuple[str, ...]:
    return tuple(slug(item) for item in text_list(value))


def wikidata(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, int) and not isinstance(value, bool):
        raise ValueError(f"is the number {value}: write the Wikidata id with its Q, as in Q{value}")
    value = text(value)
    if not WIKIDATA.match(value):
        raise ValueError(f"`{value}` is not a Wikidata id such as Q7747")
    return value


def entity_type(value: Any) -> EntityType:
    allowed = ", ".join(t.value for t in EntityType)
    try:
        return EntityType(text(value))
    except ValueError:
        raise ValueError(f"is `{value}`, which is not an entity type (allowed: {allowed})") from None


def line_kinds(value: Any) -> tuple[tuple[int, LineKind], ...]:
    if not isinstance(value, dict):
        raise ValueError(f"must be a mapping of line numbers to kinds, not {_type_name(value)}")
    allowed = ", ".join(k.value for k in LineKind)
    result = []
    for line, kind in value.items():
        if not isinstance(line, int) or isinstance(line, bool) or line < 1:
            raise ValueError(f"key `{line}` must be a line number (1 or more)")
        try:
            result.append((line, LineKind(kind)))
        except ValueError:
            raise ValueError(
                f"gives line {line} the kind `{kind}`, which is not a line kind (allowed: {allowed})"
            ) from None
    return tuple(sorted(result))


def _type_name(value: Any) -> str:
    return {
        type(None): "nothing",
        bool: "true/false",
        int: "a number",
        float: "a number",
        str: "text",
        dt.date: "a date",
        dt.datetime: "a date and time",
    }.get(
        type(value),
        "a list"
        if isinstance(value, list)
        else "a mapping"
        if isinstance(value, dict)
        else type(value).__name__,
    )


# ------------------------------------------------------------------ records


class Record:
    """Reads one YAML mapping against a fixed set of keys."""

    def __init__(self, path: str, mapping: Any, what: str, line: int, fields: dict[str, bool]):
        if not isinstance(mapping, YamlMap):
            raise DossierError(
                path, line, f"each {what} must be a mapping of keys to values, not {_type_name(mapping)}"
            )
        self.path, self.mapping, self.what, self.line = path, mapping, what, mapping.line
        for key in mapping:
            if key not in fields:
                raise DossierError(
                    path,
                    mapping.key_lines[key],
                    f"unknown key `{key}` in {self.name} (allowed: {', '.join(fields)})",
                )
        for key, required in fields.items():
            if required and key not in mapping:
                raise DossierError(path, self.line, f"{self.name} is missing the key `{key}`")

    @property
    def name(self) -> str:
        id_ = self.mapping.get("id")
        return f"{self.what} `{id_}`" if isinstance(id_, str) and SLUG.match(id_) else self.what

    def get(self, key: str, check: Callable[[Any], Any], default: Any = None) -> Any:
        if key not in self.mapping:
            return default
        try:
            return check(self.mapping[key])
        except ValueError as error:
            raise DossierError(self.path, self.key_line(key), f"`{key}` of {self.name} {error}") from None

    def key_line(self, key: str) -> int:
        return self.mapping.key_lines.get(key, self.line)


def _records(sources: Sources, name: str, what: str, plural: str, fields: dict[str, bool]) -> list[Record]:
    source = sources.dossier_file(name)
    path = f"dossier/{name}"
    if source is None:
        raise DossierError(path, None, f"missing: the dossier needs {path} (a list of {plural})")
    data = load_yaml(source)
    if data is None:
        return []
    if not isinstance(data, YamlList):
        raise DossierError(
            path, getattr(data, "line", 1), f"must be a list of {plural}, not {_type_name(data)}"
        )
    records = [Record(path, item, what, line, fields) for item, line in zip(data, data.item_lines)]
    seen: dict[str, int] = {}
    for record in records:
        id_ = record.get("id", slug)
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
    return records


# Ids that would collide with a page of their folder or a name the site
# uses, by the kind of record they would name.
RESERVED_IDS = {
    "entity": {
        "index": "the index page of entities/ and outlets/",
        UNNAMED_OUTLET: "the page of articles with no publisher",
    },
    "article": {"index": "the index page of articles/ and sources/"},
    "summit": {"index": "the index page of summits/"},
}


# ------------------------------------------------------------------ files


# Characters an address may not hold as they are: white space (a line break
# in base_url would add lines to robots.txt), quotes and brackets.
_NOT_IN_URL = re.compile(r"[\s\"'<>`\\{}|^]")


def base_url(value: Any) -> str:
    value = text(value)
    bad = _NOT_IN_URL.search(value)
    if bad:
        shown = {"\n": "a line break", "\r": "a line break", "\t": "a tab", " ": "a space"}.get(
            bad.group(), f"`{bad.group()}`"
        )
        raise ValueError(f"contains {shown}, which an address may not hold (percent-encode it)")
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.query or parts.fragment:
        raise ValueError(
            f"is `{value}`, which is not an absolute http(s) address such as https://example.org/dossier/"
        )
    return value if value.endswith("/") else value + "/"


def load_site(sources: Sources) -> SiteConfig:
    path = "dossier/site.yaml"
    source = sources.dossier_file("site.yaml")
    if source is None:
        raise DossierError(
            path, None, "missing: the dossier needs dossier/site.yaml (the site's title and description)"
        )
    fields = {"title": True, "description": True, "base_url": False}
    record = Record(path, load_yaml(source), "site setting", 1, fields)
    return SiteConfig(
        title=record.get("title", text),
        description=record.get("description", long_text(MAX_SITE_DESCRIPTION)),
        base_url=record.get("base_url", optional(base_url)),
    )


ENTITY_FIELDS = {
    **dict.fromkeys(("id", "type", "name_ar", "name_en", "aliases", "wikidata", "description"), True),
    "roles": False,
}
ROLE_FIELDS = {"title": True, "from": False, "to": False}


def _roles(record: Record) -> tuple[tuple[Role, ...], tuple[int, ...]]:
    """An entity's roles: [{title, from, to}], dates optional."""
    value = record.mapping.get("roles")
    if value is None:
        return (), ()
    if not isinstance(value, YamlList):
        raise DossierError(
            record.path,
            record.key_line("roles"),
            f"`roles` of {record.name} must be a list of {{title, from, to}}, not {_type_name(value)}",
        )
    roles, lines = [], []
    for item, line in zip(value, value.item_lines):
        role = Record(record.path, item, f"role of {record.name}", line, ROLE_FIELDS)
        start, end = role.get("from", optional(date)), role.get("to", optional(date))
        if start and end and end < start:
            raise DossierError(
                record.path,
                role.key_line("to"),
                f"role `{role.get('title', text)}` of {record.name} ends ({end}) before it starts ({start})",
            )
        roles.append(Role(role.get("title", text), start, end))
        lines.append(role.key_line("title"))
    return tuple(roles), tuple(lines)


def load_entities(sources: Sources) -> tuple[Entity, ...]:
    entities = []
    for record in _records(sources, "entities.yaml", "entity", "entities", ENTITY_FIELDS):
        aliases = record.get("aliases", text_list)
        entities.append(
            Entity(
                id=record.get("id", slug),
                type=record.get("type", entity_type),
                name_ar=record.get("name_ar", text),
                name_en=record.get("name_en", text),
                aliases=aliases,
                wikidata=record.get("wikidata", wikidata),
                description=record.get("description", long_text(MAX_DESCRIPTION)),
                line=record.line,
                name_lines=(record.key_line("name_ar"), *_item_lines(record, "aliases", len(aliases))),
                **dict(zip(("roles", "role_lines"), _roles(record))),
            )
        )
    return tuple(sorted(entities, key=lambda e: e.id))


def _item_lines(record: Record, key: str, count: int) -> list[int]:
    """The line of each item of a list value (a flow list: the key's line)."""
    value = record.mapping.get(key)
    lines = list(value.item_lines) if isinstance(value, YamlList) else []
    return lines if len(lines) == count else [record.key_line(key)] * count


SUMMIT_FIELDS = dict.fromkeys(("id", "title_ar", "title_en", "start", "end", "place", "summary"), True)


def load_summits(
    sources: Sources, entity_ids: frozenset[str], warnings: list[BuildWarning]
) -> tuple[Summit, ...]:
    summits = []
    for record in _records(sources, "summits.yaml", "summit", "summits", SUMMIT_FIELDS):
        summary = record.get("summary", long_text(MAX_SUMMARY))
        summit = Summit(
            id=record.get("id", slug),
            title_ar=record.get("title_ar", text),
            title_en=record.get("title_en", text),
            start=record.get("start", date),
            end=record.get("end", date),
            place=record.get("place", slug),
            summary_md=summary,
            # The summary is Markdown like a note: its [[links]] are checked
            # against the gazetteer with the notes' links.
            summary_links=wiki_links(summary, record.mapping.value_lines.get("summary", record.line)),
        )
        if summit.end < summit.start:
            raise DossierError(
                record.path,
                record.key_line("end"),
                f"summit `{summit.id}` ends ({summit.end}) before it starts ({summit.start})",
            )
        if summit.place not in entity_ids:  # a new dossier names its place before its gazetteer has it
            warnings.append(
                BuildWarning(
                    record.path,
                    record.key_line("place"),
                    f"summit `{summit.id}` has place `{summit.place}`, "
                    "which is not in dossier/entities.yaml yet",
                )
            )
        summits.append(summit)
    return tuple(sorted(summits, key=lambda s: (s.start, s.id)))


ARTICLE_FIELDS = {
    "id": True,
    "source_file": True,
    "summit": True,
    "date": True,
    "outlet": True,
    "outlet_name": True,
    "based_on": False,
    "title": False,
    "line_kinds": False,
}


def load_articles(
    sources: Sources, summit_ids: frozenset[str], entity_ids: frozenset[str]
) -> tuple[tuple[ArticleMeta, ...], tuple[BuildWarning, ...]]:
    seed_names = {PurePosixPath(s.path).name for s in sources.seeds}
    metas: dict[str, ArticleMeta] = {}
    file_lines: dict[str, int] = {}
    for record in _records(sources, "articles.yaml", "article", "articles", ARTICLE_FIELDS):
        meta = ArticleMeta(
            id=record.get("id", slug),
            source_file=record.get("source_file", text),
            summit=record.get("summit", optional(slug)),
            date=record.get("date", optional(article_date)),
            outlet=record.get("outlet", optional(slug)),
            outlet_name=record.get("outlet_name", text),
            based_on=record.get("based_on", slug_list, default=()),
            title=record.get("title", optional(text)),
            line_kinds=record.get("line_kinds", line_kinds, default=()),
            curated=True,
            defined_at=record.line,
        )
        if meta.source_file not in seed_names:
            raise DossierError(
                record.path,
                record.key_line("source_file"),
                f"article `{meta.id}` has source_file `{meta.source_file}` which is not a file in seeds/",
            )
        if meta.source_file in file_lines:
            raise DossierError(
                record.path,
                record.key_line("source_file"),
                f"article `{meta.id}` uses seeds/{meta.source_file}, already used by the article at line "
                f"{file_lines[meta.source_file]}",
            )
        file_lines[meta.source_file] = record.line
        if meta.summit is not None and meta.summit not in summit_ids:
            raise DossierError(
                record.path,
                record.key_line("summit"),
                f"article `{meta.id}` has summit `{meta.summit}` "
                "which is not defined in dossier/summits.yaml",
            )
        if meta.outlet is not None:
            _check_entity(record, "outlet", meta.outlet, entity_ids)
        for source_id in meta.based_on:
            _check_entity(record, "based_on", source_id, entity_ids)
        metas[meta.source_file] = meta

    # A seed without metadata is still published, flagged as uncurated.
    warnings = []
    taken_ids = {m.id for m in metas.values()} | set(RESERVED_IDS["article"])
    for name in sorted(seed_names - metas.keys()):
        article_id = _uncurated_id(name, taken_ids)
        taken_ids.add(article_id)
        metas[name] = ArticleMeta(article_id, name, None, None, None, "", (), None, (), False, None)
        warnings.append(
            BuildWarning(f"seeds/{name}", None, "no entry in dossier/articles.yaml: published as uncurated")
        )
    return tuple(sorted(metas.values(), key=lambda m: m.source_file)), tuple(warnings)


def _uncurated_id(file_name: str, taken: set[str]) -> str:
    base = re.sub(r"[^a-z0-9]+", "-", PurePosixPath(file_name).stem.lower()).strip("-") or "article"
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    return candidate


def _check_entity(record: Record, key: str, entity_id: str, entity_ids: frozenset[str]) -> None:
    if entity_id not in entity_ids:
        raise DossierError(
            record.path,
            record.key_line(key),
            f"{record.name} has {key} `{entity_id}` which is not an entity in dossier/entities.yaml",
        )


def load_curation(sources: Sources) -> tuple[Curation, tuple[BuildWarning, ...]]:
    # Entities first: summits, articles and notes refer to them; notes last,
    # as they can be attached to any of the others.
    site = load_site(sources)
    entities = load_entities(sources)
    entity_ids = frozenset(e.id for e in entities)
    place_warnings: list[BuildWarning] = []
    summits = load_summits(sources, entity_ids, place_warnings)
    summit_ids = frozenset(s.id for s in summits)
    articles, warnings = load_articles(sources, summit_ids, entity_ids)
    if not sources.seeds:
        place_warnings.append(
            BuildWarning(
                "seeds/",
                None,
                "no articles yet: add one with `newsdossier add FILE` (a .txt or a saved .html page)",
            )
        )
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
