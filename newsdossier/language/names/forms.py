"""Which written forms are one proposed name, across the dossier.

* A form with a proclitic fused to its first word is the form without it,
  when that form is proposed too (لقيس سعيد, وبكين, للكرملين): the one
  grammar of `spelling.proclitic_readings`, a bare preposition included.
* A person proposed by a longer name is also written by part of it: the
  family name alone («سيرغي لافروف» … «وقال لافروف», `family_name`), or a
  run of two or more of its words («عبد الفتاح» of «عبد الفتاح البرهان»),
  when exactly one proposed person has that part.

The longest form is the name, the others its aliases. `name_groups` gives
each key its group; `repeats` counts the family names with the same rule.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from ..normalize import key_with_offsets
from ..spelling import ARTICLE, FUSED_ARTICLE, proclitic_readings
from .words import FUNCTION_WORDS, NAME_PARTICLES, ORDINALS, TITLES

# A family name alone is a word of at least this many letters: shorter ones
# are as often common words (عون aid, بري wild).
FAMILY_NAME_LETTERS = 4


def family_name(words: tuple[str, ...]) -> str | None:
    """The word a person proposed by a longer name (as match keys) is
    written by alone, or None: the last of two or more words, of at least
    four letters, that is no function word, title or ordinal and does not
    follow a particle of a compound name («آل نهيان»)."""
    if len(words) < 2:
        return None
    last = words[-1]
    if (
        len(last) < FAMILY_NAME_LETTERS
        or last in FUNCTION_WORDS
        or last in TITLES
        or last in ORDINALS
        or words[-2] in NAME_PARTICLES
    ):
        return None
    return last


def _parts(words: tuple[str, ...]) -> Iterable[tuple[str, ...]]:
    """The runs of a person's name that stand for it: the family name, and
    every shorter run of two words or more."""
    family = family_name(words)
    if family is not None:
        yield (family,)
    for size in range(2, len(words)):
        for first in range(len(words) - size + 1):
            yield words[first : first + size]


def unique_parts(persons: Iterable[str]) -> dict[str, str]:
    """Each part (`_parts`) of exactly one of the persons' keys, with that key."""
    owners: dict[str, set[str]] = defaultdict(set)
    for person in persons:
        for part in _parts(tuple(person.split())):
            owners[" ".join(part)].add(person)
    return {part: next(iter(keys)) for part, keys in owners.items() if len(keys) == 1}


def name_groups(keys: Iterable[str], persons: Iterable[str]) -> dict[str, str]:
    """Each key's group: itself, the key it is with a proclitic read off, or
    the one person it is a part of (see the module's docstring); followed
    to the end (لعبد الفتاح → عبد الفتاح → عبد الفتاح البرهان)."""
    keys = set(keys)
    parts = unique_parts(p for p in persons if p in keys)
    step = {}
    for key in keys:
        first, _, rest = key.partition(" ")
        base = next(
            (
                other
                for _, reading in proclitic_readings(first, bare_prepositions=True)[1:]
                if (other := f"{reading} {rest}".strip()) in keys
            ),
            key,
        )
        step[key] = parts.get(base, base)
    groups = {}
    for key in keys:
        target, seen = key, {key}
        while step[target] not in seen:  # a base is shorter, a person longer: no cycle, but bounded anyway
            target = step[target]
            seen.add(target)
        groups[key] = target
    return groups


def family_names(persons: Iterable[str]) -> dict[str, str]:
    """Each family name (`family_name`) of exactly one of the persons' keys, with that key."""
    return {part: key for part, key in unique_parts(persons).items() if " " not in part}


def base_spelling(surface: str, first_word: str) -> str:
    """A written form without the proclitics before its first word, so that
    the word reads `first_word` (a match key): لقيس سعيد → قيس سعيد, بالصين →
    الصين, للصين → الصين (ل + ال written لل); else the form as written."""
    key, origins = key_with_offsets(surface)
    for skipped, base in proclitic_readings(key.split(" ")[0], bare_prepositions=True):
        if base != first_word:
            continue
        if base.startswith(ARTICLE) and key[skipped:].startswith(FUSED_ARTICLE):
            return ARTICLE + surface[origins[skipped + len(FUSED_ARTICLE)] :]
        return surface[origins[skipped] :]
    return surface
