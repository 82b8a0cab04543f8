"""What labelled Arabic text and public lists say of a word, for the name finders.

`make model` derives `ner_model/lexicon.json` from the data it trains on
(read where it lies in `../shared/data/`, never copied here; sources and
licences in `ner_model/LICENSE.md`):

* **word counts**: for each word of ANERcorp's training part and of AQMAR
  (by match key), how often it is written outside a name and inside one.
  A word seen often and almost never in a name is a *common word*: «صدارة»,
  «تاريخ», «نسبيا», «الرسمية», «الحالي». A name the analyst needs is
  usually a word these corpora never saw; a word they saw a hundred times
  outside names is evidence, not a guess.
* **places**: the countries and cities of world-cities-ar (Wikidata), as
  match keys: a known place is a name whatever the model thinks of it, and
  a run of the model that starts with one and goes on into a person
  («ليبيا مارتن لونغدن») is two names.
* **given names**: the first names of arabic-names and the package's own
  list (`words.GIVEN_NAMES`).

`load()` gives the shipped lexicon, checked against the package's record
(`shipped`); without it (no `make model` run) every question answers "no
evidence", and the finders work as before it existed.
"""

from __future__ import annotations

import csv
import json
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path

from .. import shipped
from ..normalize import match_key, name_key
from ..spelling import ARTICLE, proclitic_readings
from .words import GIVEN_NAMES

# A common word: seen at least COMMON_SEEN times, and inside a name at most
# this share of them.
COMMON_SEEN = 3
COMMON_SHARE = 0.1
# The words the lexicon keeps: seen at least this often (rarer ones say little).
KEPT_SEEN = 2
# A word seen this often and never in a name is descriptive after one
# («وكالة أنباء الكويت | الرسمية», «منظمة الحوثي | الإرهابية»).
DESCRIPTIVE_SEEN = 5
# The endings of an adjective of origin or relation (a nisba): اليمني، الرسمية، السوريين.
NISBA_ENDING = re.compile(r"(ي|يه|يين|يون|يان|يتان|يتين)$")


def definite_nisba(key: str) -> bool:
    """A match key written as a definite adjective of origin or relation:
    اليمني، الرسمية، الدوسري (a description after a name, or a family name)."""
    return key.startswith(ARTICLE) and bool(NISBA_ENDING.search(key))


# Province words the city list writes before some names («ولاية قندهار»).
PROVINCE_WORDS = ("ولاية", "محافظة", "مقاطعة", "إقليم")


@dataclass(frozen=True)
class Lexicon:
    """Word counts (key → (outside names, inside names)), known places (match
    keys of their words, joined by spaces) and given names."""

    words: dict[str, tuple[int, int]] = field(default_factory=dict)
    places: frozenset[str] = frozenset()
    given: frozenset[str] = frozenset()
    countries: frozenset[str] = frozenset()

    @property
    def empty(self) -> bool:
        return not self.words

    def counts(self, key: str) -> tuple[int, int]:
        """(outside, inside) names for the word, or for its reading without
        proclitics when the word itself was never seen (وصدارة is صدارة)."""
        if key in self.words:
            return self.words[key]
        for _, base in proclitic_readings(key, bare_prepositions=True)[1:]:
            if base in self.words:
                return self.words[base]
        return (0, 0)

    def common(self, key: str) -> bool:
        """A word the corpora saw often and almost never in a name."""
        outside, inside = self.counts(key)
        seen = outside + inside
        return seen >= COMMON_SEEN and inside <= COMMON_SHARE * seen

    def place(self, words: tuple[str, ...]) -> bool:
        """Whether the match keys are a known place's name."""
        return " ".join(words) in self.places

    def place_start(self, words: tuple[str, ...]) -> bool:
        """Whether the match keys are a known place's name or its first two
        words («الولايات المتحدة» of «الولايات المتحدة الأمريكية»)."""
        return " ".join(words) in self._place_starts

    @cached_property
    def _place_starts(self) -> frozenset[str]:
        return self.places | frozenset(" ".join(p.split(" ")[:2]) for p in self.places)

    def country(self, words: tuple[str, ...]) -> bool:
        """Whether the match keys are a country's name (fewer of those are
        also a word or a person's name than of the cities)."""
        return " ".join(words) in self.countries

    def origin_of_a_place(self, key: str) -> bool:
        """An adjective of origin of a known place: اليمني (اليمن), الليبي
        (ليبيا), الفرنسية (فرنسا)."""
        match = NISBA_ENDING.search(key) if key.startswith(ARTICLE) else None
        if not match:
            return False
        stem = key[len(ARTICLE) : match.start()]
        return any(self.place((form,)) for form in (stem, ARTICLE + stem, stem + "ا"))

    def descriptive(self, key: str) -> bool:
        """A definite adjective of relation the corpora saw often and never in
        a name: a description after a name, not a word of it (الرسمية،
        الإرهابية، الحكومية، الحالي)."""
        outside, inside = self.counts(key)
        return definite_nisba(key) and inside == 0 and outside >= DESCRIPTIVE_SEEN

    def given_name(self, key: str) -> bool:
        return key in self.given or key in GIVEN_NAMES

    def known(self, key: str) -> bool:
        """Whether the word as written is one the lexicon knows: a word of
        the corpora, a place or a given name (then no letter of it is a
        proclitic: لبنان, ليبيا, بسام)."""
        return key in self.words or key in self.places or self.given_name(key)


@lru_cache(maxsize=1)
def load() -> Lexicon:
    """The shipped lexicon (verified), or an empty one when it is not there."""
    path = shipped.verified(shipped.LEXICON)
    if path is None:
        return Lexicon()
    data = json.loads(path.read_text(encoding="utf-8"))
    words = {key: (int(outside), int(inside)) for key, outside, inside in data["words"]}
    return Lexicon(
        words, frozenset(data["places"]), frozenset(data["given"]), frozenset(data.get("countries", ()))
    )


# ------------------------------------------------------------ making it (make model)


def word_counts(sentences) -> dict[str, tuple[int, int]]:
    """(outside, inside) names per match key, over (words, IOB tags) sentences."""
    outside, inside = Counter(), Counter()
    for words, tags in sentences:
        for word, tag in zip(words, tags):
            key = match_key(word).lower()
            (outside if tag == "O" else inside)[key] += 1
    return {
        key: (outside[key], inside[key])
        for key in sorted(set(outside) | set(inside))
        if outside[key] + inside[key] >= KEPT_SEEN and key.isalpha()
    }


def place_names(cities: Path, columns: tuple[str, ...] = ("CountryNameAr", "CityNameAr")) -> list[str]:
    """The countries and cities of world-cities-ar (or only the `columns`
    asked for), as match keys joined by spaces, without a province word
    before them."""
    found: set[str] = set()
    provinces = {match_key(w) for w in PROVINCE_WORDS}
    with cities.open(encoding="utf-8-sig") as rows:
        for row in csv.DictReader(rows):
            for name in (row[column] for column in columns):
                words = name_key(name)
                if words and words[0] in provinces and len(words) > 1:
                    words = words[1:]
                if words:
                    found.add(" ".join(words))
    return sorted(found)


def given_names(folder: Path) -> list[str]:
    """The first names of arabic-names, as match keys."""
    files = ("male-first--names-in-arabic.txt", "female-first-names-in-arabic.txt")
    return sorted({match_key(w) for f in files for w in (folder / f).read_text(encoding="utf-8").split()})


def build(sentences, gazetteers: Path) -> dict:
    """The lexicon's data, as `load` reads it."""
    return {
        "sources": "word counts: ANERcorp (Benajiba 2007) training part and AQMAR 1.0 (Mohit et al. 2012, "
        "CC BY-SA 3.0); places: world-cities-ar (Jamshaid Kamran, from Wikidata, CC BY 4.0); given names: "
        "AKhateeb/arabic-names (MIT). See LICENSE.md.",
        "words": [[key, outside, inside] for key, (outside, inside) in word_counts(sentences).items()],
        "places": place_names(gazetteers / "world-cities-ar" / "world-cities.csv"),
        "countries": place_names(gazetteers / "world-cities-ar" / "world-cities.csv", ("CountryNameAr",)),
        "given": given_names(gazetteers / "arabic-names"),
    }
