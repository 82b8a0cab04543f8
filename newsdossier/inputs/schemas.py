"""The four schemas of the analyst's curation, and the checks of their
values.

* ``site.yaml``: `SiteSchema`;
* ``summits.yaml``: a list of `SummitSchema`;
* ``articles.yaml``: a list of `ArticleSchema` (one per seed file);
* ``entities.yaml``: a list of `EntitySchema`, each with `RoleSchema`s.

Every record is read strictly: unknown keys, missing keys and wrong types
are errors. A schema is a class whose annotated fields name their checker
(`Annotated[str, checked(text)]`) and default; each value is read by its
checker alone (no coercion, so a number is never taken for a text), which
raises ValueError with the end of a sentence that starts "`key` of …".
`validate` makes the first problem one `DossierError` at the line of the
key (or of the record), from the marks `yamlfile` keeps.

Checks across records (duplicate ids, references to a summit or entity)
are `curation`'s; checks that compare Arabic names are the gazetteer's.
"""

from __future__ import annotations

import datetime as dt
import re
import typing
from collections.abc import Callable, Iterator
from typing import Annotated, Any, ClassVar, NamedTuple, TypeVar
from urllib.parse import urlsplit

from ..models.dates import PartialDate
from ..models.errors import DossierError
from ..models.kinds import EntityType, LineKind
from .readers import without_embeddings
from .yamlfile import YamlMap

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
WIKIDATA = re.compile(r"^Q[1-9][0-9]*$")


# ------------------------------------------------------------------ checkers
# Each takes a YAML value and returns the typed value, or raises ValueError
# with the end of a sentence that starts "`key` of …".


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
        raise ValueError(f"must be text, not {type_name(value)}")
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
        raise ValueError(f"must be a date written YYYY-MM-DD, not {type_name(value)} `{value}`")
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
        f"must be a date written YYYY-MM-DD, or YYYY-MM for a month only, not {type_name(value)} `{value}`"
    )


def text_list(value: Any) -> tuple[str, ...]:
    if not isinstance(value, list):
        raise ValueError(f"must be a list, not {type_name(value)}")
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
        raise ValueError(f"must be a mapping of line numbers to kinds, not {type_name(value)}")
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


def type_name(value: Any) -> str:
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


# ------------------------------------------------------------------ schemas


class Checked(NamedTuple):
    """A field's checker, as its type's metadata: `Annotated[str, checked(text)]`."""

    check: Callable[[Any], Any]


def checked(check: Callable[[Any], Any]) -> Checked:
    return Checked(check)


_REQUIRED: Any = object()  # a field with no default: its key must be written


class Field(NamedTuple):
    """A field's default, and the key the file writes it under when that is
    not its name (`start: OptionalDate = Field(None, alias="from")`)."""

    default: Any = _REQUIRED
    alias: str | None = None


class SchemaField(NamedTuple):
    """One key of a record: its field's name, the key as the file writes it,
    the checker of its value (None: taken as written) and its default."""

    name: str
    key: str
    check: Callable[[Any], Any] | None
    default: Any

    @property
    def required(self) -> bool:
        return self.default is _REQUIRED


class Schema:
    """A record of a dossier file: its keys are the fields, in the order
    messages list them, each value read by its checker (`checked`) and by
    nothing else (no coercion), no key that is not a field, every field
    without a default written (`validate`). A record read is a frozen value
    with the fields as attributes, iterable as (name, value) pairs.

    The fields are taken from the class's annotations when it is defined
    (microseconds), and nothing heavy is imported. The schemas were pydantic
    models: its import and the validators it built for the first site,
    summit and article record were 0.1 s of CPU of every build, an added
    article's too, for nothing the checkers (pydantic's `PlainValidator`s)
    did not do; its first error was turned into this module's message anyway."""

    fields: ClassVar[tuple[SchemaField, ...]] = ()
    by_key: ClassVar[dict[Any, SchemaField]] = {}

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        fields = []
        for name, hint in typing.get_type_hints(cls, include_extras=True).items():
            if typing.get_origin(hint) is ClassVar:
                continue
            declared = cls.__dict__.get(name, _REQUIRED)
            default, alias = declared if isinstance(declared, Field) else (declared, None)
            check = next((m.check for m in getattr(hint, "__metadata__", ()) if isinstance(m, Checked)), None)
            fields.append(SchemaField(name, alias or name, check, default))
        cls.fields = tuple(fields)
        cls.by_key = {field.key: field for field in fields}

    def __init__(self, values: dict[str, Any]):
        self.__dict__.update(values)

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"a record of {type(self).__name__} is read, never changed")

    def __iter__(self) -> Iterator[tuple[str, Any]]:
        return iter(self.__dict__.items())

    # A record is a value, as the frozen pydantic models were: two reads of
    # the same record are equal (and hash alike when their values do).
    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and other.__dict__ == self.__dict__

    def __hash__(self) -> int:
        return hash((type(self), tuple(self.__dict__.items())))

    def __repr__(self) -> str:
        return f"{type(self).__name__}({', '.join(f'{k}={v!r}' for k, v in self)})"


# The value types, named once at module level: inside a class body a field
# would hide the checker of the same name (`base_url`, `line_kinds`).
Text = Annotated[str, checked(text)]
OptionalText = Annotated[str | None, checked(optional(text))]
Slug = Annotated[str, checked(slug)]
OptionalSlug = Annotated[str | None, checked(optional(slug))]
Date = Annotated[dt.date, checked(date)]
OptionalDate = Annotated[dt.date | None, checked(optional(date))]
ArticleDate = Annotated[PartialDate | None, checked(optional(article_date))]
TextList = Annotated[tuple[str, ...], checked(text_list)]
SlugList = Annotated[tuple[str, ...], checked(slug_list)]
WikidataId = Annotated[str | None, checked(wikidata)]
Type = Annotated[EntityType, checked(entity_type)]
LineKinds = Annotated[tuple[tuple[int, LineKind], ...], checked(line_kinds)]
BaseUrl = Annotated[str | None, checked(optional(base_url))]
SiteDescription = Annotated[str, checked(long_text(MAX_SITE_DESCRIPTION))]
Description = Annotated[str, checked(long_text(MAX_DESCRIPTION))]
Summary = Annotated[str, checked(long_text(MAX_SUMMARY))]


class SiteSchema(Schema):
    title: Text
    description: SiteDescription
    base_url: BaseUrl = None


class RoleSchema(Schema):
    title: Text
    start: OptionalDate = Field(default=None, alias="from")
    end: OptionalDate = Field(default=None, alias="to")


class EntitySchema(Schema):
    id: Slug
    type: Type
    name_ar: Text
    name_en: Text
    aliases: TextList
    wikidata: WikidataId
    description: Description
    # Each role is a record of its own, with its own lines: `curation` reads
    # them one by one with RoleSchema.
    roles: Any = None


class SummitSchema(Schema):
    id: Slug
    title_ar: Text
    title_en: Text
    start: Date
    end: Date
    place: Slug
    summary: Summary


class ArticleSchema(Schema):
    id: Slug
    source_file: Text
    summit: OptionalSlug
    date: ArticleDate
    outlet: OptionalSlug
    outlet_name: Text
    based_on: SlugList = ()
    title: OptionalText = None
    line_kinds: LineKinds = ()


# ------------------------------------------------------------------ reading

S = TypeVar("S", bound=Schema)


def keys(schema: type[Schema]) -> list[str]:
    """The keys a record of `schema` may have, in order."""
    return [field.key for field in schema.fields]


def record_name(what: str, mapping: Any) -> str:
    """How messages name a record: with its id when it has a valid one."""
    id_ = mapping.get("id") if isinstance(mapping, dict) else None
    return f"{what} `{id_}`" if isinstance(id_, str) and SLUG.match(id_) else what


def validate(schema: type[S], path: str, mapping: Any, what: str, line: int) -> S:
    """One record read against `schema`; its first problem as a DossierError
    at the line of the key concerned: an unknown key first, then a missing
    one, then a wrong value, each in the order of the keys. The key is
    named as the file writes it (`1:` is the number 1), at its line."""
    if not isinstance(mapping, YamlMap):
        raise DossierError(
            path, line, f"each {what} must be a mapping of keys to values, not {type_name(mapping)}"
        )
    unknown = next((key for key in mapping if key not in schema.by_key), None)
    if unknown is not None:
        allowed = ", ".join(keys(schema))
        raise DossierError(
            path,
            mapping.key_lines[unknown],
            f"unknown key `{unknown}` in {record_name(what, mapping)} (allowed: {allowed})",
        )
    missing = next(
        (field.key for field in schema.fields if field.required and field.key not in mapping), None
    )
    if missing is not None:
        raise DossierError(path, mapping.line, f"{record_name(what, mapping)} is missing the key `{missing}`")
    values = {}
    for field in schema.fields:
        if field.key not in mapping:
            values[field.name] = field.default  # (a default is not checked)
            continue
        value = mapping[field.key]
        try:
            values[field.name] = value if field.check is None else field.check(value)
        except ValueError as error:
            where = mapping.key_lines.get(field.key, mapping.line)
            raise DossierError(
                path, where, f"`{field.key}` of {record_name(what, mapping)} {error}"
            ) from None
    return schema(values)
