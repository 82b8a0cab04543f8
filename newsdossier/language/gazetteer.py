"""The gazetteer as the language layer sees it: every name of every entity
by its match key.

Built once per build from the curated entities, it checks what the YAML
schema cannot: that every name has letters, and that no written form
belongs to two entities (after normalisation, أوكرانيا and اوكرانيا are one
form). The tagger looks names up in it, and so do the wiki links of notes
and summaries, which are checked here: a link that names no entity is an
error at its line.
"""

from __future__ import annotations

from ..models.curation import Curation, Entity, Role
from ..models.errors import DossierError
from .names.words import STOPWORDS
from .normalize import name_key
from .spelling import PREFIXES, known_base
from .tokens import WORD

ENTITIES_FILE = "dossier/entities.yaml"


class Gazetteer:
    def __init__(self, entities: tuple[Entity, ...]):
        self.entities = {e.id: e for e in entities}
        self.entity_by_name: dict[tuple[str, ...], str] = {}
        claimed: dict[tuple[str, ...], tuple[str, str, int]] = {}  # key -> (entity id, spelling, line)
        for entity in entities:
            lines = entity.name_lines or (entity.line,) * len(entity.names)
            for name, line in zip(entity.names, lines):
                _check_name(entity, name, line)
                key = name_key(name)
                if key in claimed:
                    raise _claimed_twice(entity, name, line, *claimed[key])
                claimed[key] = (entity.id, name, line)
                self.entity_by_name[key] = entity.id
        _check_roles(entities)
        self.longest = max((len(k) for k in self.entity_by_name), default=0)
        self.first_words = frozenset(k[0] for k in self.entity_by_name)

    def resolve(self, target: str) -> str | None:
        """The entity a wiki link names: by id, or by any of its names."""
        target = target.strip()
        if target in self.entities:
            return target
        return self.entity_by_name.get(name_key(target))

    def check_links(self, curation: Curation) -> None:
        """Every wiki link of the notes and summit summaries names an entity
        (links to articles are checked with the notes)."""
        places = [(n.path, n.links) for n in curation.notes]
        places += [("dossier/summits.yaml", s.summary_links) for s in curation.summits]
        for path, links in sorted(places, key=lambda p: p[0]):
            for link in links:
                if link.article is None and self.resolve(link.target) is None:
                    written = link.target + (f"|{link.label}" if link.label else "")
                    raise DossierError(
                        path,
                        link.line,
                        f"link [[{written}]] names no entity: `{link.target}` is not an id, name or alias in "
                        f"{ENTITIES_FILE}",
                    )


def _check_roles(entities: tuple[Entity, ...]) -> None:
    """A role's title is a head and an adjective, and no two entities hold
    one title at the same time (it would name both)."""
    held: dict[tuple[str, ...], list[tuple[Entity, Role, int]]] = {}
    for entity in entities:
        for role, line in zip(entity.roles, entity.role_lines or (entity.line,) * len(entity.roles)):
            key = name_key(role.title)
            if len(key) < 2:
                raise DossierError(
                    ENTITIES_FILE,
                    line,
                    f"role `{role.title}` of entity `{entity.id}` must be a title and an adjective, as in "
                    "«الرئيس الصيني»",
                )
            for other, other_role, other_line in held.get(key, []):
                if other is not entity and _overlap(role, other_role):
                    raise DossierError(
                        ENTITIES_FILE,
                        line,
                        f"role `{role.title}` of entity `{entity.id}` overlaps the same role of entity "
                        f"`{other.id}` (line {other_line}); give each its dates (from, to)",
                    )
            held.setdefault(key, []).append((entity, role, line))


def _overlap(a: Role, b: Role) -> bool:
    starts_before_b_ends = a.start is None or b.end is None or a.start <= b.end
    starts_before_a_ends = b.start is None or a.end is None or b.start <= a.end
    return starts_before_b_ends and starts_before_a_ends


_PROCLITICS = frozenset(p.written for p in PREFIXES if p.written)


def never_a_name(name: str) -> str | None:
    """Why a written form can never be a name, or None: one letter, a lone
    proclitic or the article («و», «ال», «بال»), or function words only
    («في», «الذي»). Each would link that letter or word, wherever the texts
    write it, to one entity."""
    words = name_key(name)
    if len("".join(words)) <= 1:
        return "a single letter"
    if all(word in _PROCLITICS for word in words):
        return "a proclitic or the article, written before other words"
    if all(known_base(word, STOPWORDS) for word in words):
        return "a function word"
    return None


def check_spelling(name: str, entity_id: str, line: int | None) -> None:
    """A `DossierError` at `line` of the gazetteer for a form that can never be a name."""
    reason = never_a_name(name)
    if reason:
        raise DossierError(
            ENTITIES_FILE,
            line,
            f"name `{name}` of entity `{entity_id}` can never be a name ({reason}): it would link every "
            f"«{name.strip()}» of the texts to `{entity_id}`; remove it",
        )


def _check_name(entity: Entity, name: str, line: int) -> None:
    """A name the tagger can find: words (letters or digits) and spaces, and
    not a form that can never be a name (`never_a_name`)."""
    if not WORD.search(name) or not name_key(name):
        raise DossierError(
            ENTITIES_FILE, line, f"name `{name}` of entity `{entity.id}` has no letters or digits"
        )
    check_spelling(name, entity.id, line)
    marks = WORD.sub(" ", name).split()
    if marks:
        raise DossierError(
            ENTITIES_FILE,
            line,
            f"name `{name}` of entity `{entity.id}` contains `{marks[0]}`: names are found word by word and "
            "never across punctuation, so it could never be found; write its words with spaces",
        )


def _claimed_twice(
    entity: Entity, name: str, line: int, owner: str, spelling: str, owner_line: int
) -> DossierError:
    same = "is listed twice for" if owner == entity.id else "is already a name of"
    as_spelled = "" if spelling == name else f" as `{spelling}`"
    return DossierError(
        ENTITIES_FILE,
        line,
        f"name `{name}` of entity `{entity.id}` {same} entity `{owner}`{as_spelled} (line {owner_line}); "
        "each written form must belong to one entity",
    )


def load_gazetteer(curation: Curation) -> Gazetteer:
    """The checked gazetteer of a curation, its notes' links checked against it."""
    gazetteer = Gazetteer(curation.entities)
    gazetteer.check_links(curation)
    return gazetteer
