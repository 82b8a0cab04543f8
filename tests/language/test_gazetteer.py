"""The gazetteer: names by match key, checked; wiki links resolved."""

from __future__ import annotations

import pytest

from newsdossier.language.gazetteer import Gazetteer
from newsdossier.models.curation import Curation, Entity, Note, SiteConfig, WikiLink
from newsdossier.models.errors import DossierError
from newsdossier.models.kinds import EntityType, NoteKind

ENTITIES = (
    Entity(
        "xi-jinping", EntityType.PERSON, "شي جين بينغ", "Xi Jinping", ("شي جينبينغ", "شي"), "Q15031", "", 1
    ),
    Entity("kharkiv-oblast", EntityType.PLACE, "منطقة خاركيف", "Kharkiv Oblast", (), None, "", 8),
)

RESOLVE = [
    ("xi-jinping", "xi-jinping"),
    ("شي جينبينغ", "xi-jinping"),
    ("شِي", "xi-jinping"),
    (" منطقة خاركيف ", "kharkiv-oblast"),
    ("بايدن", None),
]


@pytest.mark.parametrize("target, entity_id", RESOLVE)
def test_links_resolve_by_id_name_or_alias(target, entity_id):
    assert Gazetteer(ENTITIES).resolve(target) == entity_id


def test_unknown_link_is_an_error_at_its_line():
    note = Note(
        NoteKind.ENTITY, "xi-jinping", "dossier/notes/entities/x.md", "…", (WikiLink("بايدن", None, 3),)
    )
    curation = Curation(SiteConfig("t", "d", None), (), (), ENTITIES, (note,))
    with pytest.raises(DossierError) as error:
        Gazetteer(ENTITIES).check_links(curation)
    assert str(error.value) == (
        "dossier/notes/entities/x.md:3: link [[بايدن]] names no entity: `بايدن` is not an id, name or alias "
        "in dossier/entities.yaml"
    )


def test_a_name_of_two_entities_is_an_error_at_its_line():
    twice = (*ENTITIES, Entity("xi-2", EntityType.PERSON, "شى", "Xi", (), None, "", 20, name_lines=(21,)))
    with pytest.raises(DossierError) as error:
        Gazetteer(twice)
    assert str(error.value) == (
        "dossier/entities.yaml:21: name `شى` of entity `xi-2` is already a name of entity `xi-jinping` as "
        "`شي` (line 1); each written form must belong to one entity"
    )


NEVER = [
    ("و", "a single letter"),
    ("X", "a single letter"),
    ("ال", "a proclitic or the article"),
    ("بال", "a proclitic or the article"),
    ("لل", "a proclitic or the article"),
    ("في", "a function word"),
    ("وفي", "a function word"),
    ("الذي", "a function word"),
    ("في من", "a function word"),
]


@pytest.mark.parametrize("alias, reason", NEVER)
def test_a_form_that_can_never_be_a_name_is_an_error_at_its_line(alias, reason):
    entity = Entity("putin", EntityType.PERSON, "بوتين", "Putin", (alias,), None, "", 5, name_lines=(6, 7))
    with pytest.raises(DossierError) as error:
        Gazetteer((entity,))
    assert (error.value.path, error.value.line) == ("dossier/entities.yaml", 7)
    assert f"name `{alias}` of entity `putin` can never be a name ({reason}" in error.value.message


@pytest.mark.parametrize("name", ["شي", "اليوم", "الجديد", "أم كلثوم", "بوتين", "وليد"])
def test_short_names_and_names_of_papers_are_names(name):
    Gazetteer((Entity("e", EntityType.PERSON, name, "E", (), None, "", 1),))
