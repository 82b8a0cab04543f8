"""The curation's schemas: a record read strictly, its first problem one
message at the line of the key concerned."""

from __future__ import annotations

import datetime as dt

import pytest

from newsdossier.inputs.schemas import (
    ArticleSchema,
    EntitySchema,
    RoleSchema,
    SiteSchema,
    SummitSchema,
    keys,
    validate,
)
from newsdossier.inputs.yamlfile import load_yaml
from newsdossier.models.dates import PartialDate
from newsdossier.models.errors import DossierError
from newsdossier.models.inputs import SourceFile
from newsdossier.models.kinds import EntityType, LineKind

ENTITY = """- id: putin
  type: person
  name_ar: بوتين
  name_en: Putin
  aliases: [فلاديمير بوتين]
  wikidata: Q7747
  description: رئيس روسيا
"""


def first(text: str, schema=EntitySchema, what: str = "entity"):
    data = load_yaml(SourceFile("dossier/x.yaml", text.encode("utf-8")))
    return validate(schema, "dossier/x.yaml", data[0], what, data.item_lines[0])


def test_a_valid_record_is_read_into_typed_values():
    entity = first(ENTITY)
    assert (entity.id, entity.type, entity.aliases, entity.wikidata) == (
        "putin",
        EntityType.PERSON,
        ("فلاديمير بوتين",),
        "Q7747",
    )


def test_articles_summits_roles_and_site_read_their_own_types():
    article = first(
        "- {id: a, source_file: a.txt, summit: null, date: 2024-05, outlet: null, outlet_name: وكالة,"
        " line_kinds: {2: title}}",
        ArticleSchema,
        "article",
    )
    assert article.date == PartialDate(2024, 5) and article.line_kinds == ((2, LineKind.TITLE),)
    assert (article.based_on, article.title) == ((), None)
    summit = first(
        "- {id: s, title_ar: قمة, title_en: Summit, start: 2024-05-16, end: 2024-05-17,"
        " place: p, summary: x}",
        SummitSchema,
        "summit",
    )
    assert summit.end == dt.date(2024, 5, 17)
    role = first("- {title: رئيس, from: 2012-05-07}", RoleSchema, "role")
    assert (role.start, role.end) == (dt.date(2012, 5, 7), None)
    assert keys(RoleSchema) == ["title", "from", "to"]
    site = first("- {title: ملف, description: وصف, base_url: 'https://example.org/d'}", SiteSchema, "site")
    assert site.base_url == "https://example.org/d/"


PROBLEMS = [
    # An unknown key first, at its own line, with the keys allowed.
    (
        ENTITY + "  colour: red\n",
        "dossier/x.yaml:8: unknown key `colour` in entity `putin` (allowed: id, type, name_ar, name_en,"
        " aliases, wikidata, description, roles)",
    ),
    # A key that is not text (YAML reads `1:` as a number): named as written.
    (ENTITY + "  1: one\n", "dossier/x.yaml:8: unknown key `1` in entity `putin`"),
    # A missing key at the record's line, before any wrong value.
    (
        ENTITY.replace("  description: رئيس روسيا\n", "").replace("Q7747", "7747"),
        "dossier/x.yaml:1: entity `putin` is missing the key `description`",
    ),
    # A wrong value at its key's line, in the checker's words; no coercion
    # (a number is not taken for a text).
    (
        ENTITY.replace("name_en: Putin", "name_en: 12"),
        "dossier/x.yaml:4: `name_en` of entity `putin` must be text, not a number",
    ),
    (
        ENTITY.replace("Q7747", "7747"),
        "dossier/x.yaml:6: `wikidata` of entity `putin` is the number 7747: write the Wikidata id with its Q,"
        " as in Q7747",
    ),
    # An id that is no id: the record is named without it.
    (
        ENTITY.replace("id: putin", "id: Putin"),
        "dossier/x.yaml:1: `id` of entity is `Putin`, which is not a valid id",
    ),
    ("- just text\n", "dossier/x.yaml:1: each entity must be a mapping of keys to values, not text"),
]


@pytest.mark.parametrize("text, message", PROBLEMS)
def test_the_first_problem_is_one_message_at_its_line(text, message):
    with pytest.raises(DossierError) as error:
        first(text)
    assert str(error.value).startswith(message), str(error.value)


# A field's key in the file (its alias, or its name), and whether it may be
# left out (its default, not checked) or must be written.
FIELDS = [
    (RoleSchema, "start", "from", None),
    (RoleSchema, "end", "to", None),
    (RoleSchema, "title", "title", "missing"),
    (ArticleSchema, "based_on", "based_on", ()),
    (ArticleSchema, "line_kinds", "line_kinds", ()),
    (ArticleSchema, "summit", "summit", "missing"),
    (SiteSchema, "base_url", "base_url", None),
    (EntitySchema, "roles", "roles", None),
]


@pytest.mark.parametrize("schema, name, key, default", FIELDS)
def test_each_field_is_read_from_its_key_or_given_its_default(schema, name, key, default):
    field = next(f for f in schema.fields if f.name == name)
    assert field.key == key and keys(schema).count(key) == 1
    assert field.required if default == "missing" else field.default == default


def test_a_record_read_is_its_fields_in_order_and_cannot_be_changed():
    role = first("- {title: رئيس, to: 2012-05-07}", RoleSchema, "role")
    assert list(role) == [("title", "رئيس"), ("start", None), ("end", dt.date(2012, 5, 7))]
    with pytest.raises(AttributeError):
        role.title = "وزير"
    # A field with no checker (an entity's roles, read one by one by the curation) is taken as written.
    entity = first(ENTITY + "  roles:\n  - title: رئيس\n", EntitySchema)
    assert entity.roles == [{"title": "رئيس"}]


def test_two_reads_of_one_record_are_equal_values():
    # As the frozen pydantic models were: a record compares (and hashes) by its values.
    first_read, again = (first("- {title: رئيس, to: 2012-05-07}", RoleSchema, "role") for _ in range(2))
    assert first_read == again and hash(first_read) == hash(again) and len({first_read, again}) == 1
    assert first_read != first("- {title: وزير, to: 2012-05-07}", RoleSchema, "role")
    assert first_read != dict(first_read)
