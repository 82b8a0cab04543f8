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
