import json

import pytest

from newsdossier.language import camel
from newsdossier.language.morphology import (
    GazetteerAnalyzer,
    Segmentation,
    gazetteer_database,
    load_segmenter,
)
from newsdossier.language.normalize import match_key
from newsdossier.language.spelling import PREFIXES
from newsdossier.models.curation import Entity
from newsdossier.models.kinds import EntityType


def entity(id_, name, *aliases):
    return Entity(id_, EntityType.PLACE, name, id_, aliases, None, "", 1)


ENTITIES = (
    entity("putin", "فلاديمير بوتين", "بوتين"),
    entity("china", "الصين", "جمهورية الصين الشعبية"),
    entity("us", "الولايات المتحدة"),
    entity("nabiullina", "إلفيرا نابيولينا"),
)


@pytest.fixture(scope="module")
def segmenter():
    return load_segmenter(ENTITIES)


SEGMENTATIONS = [
    # word, expected readings (name_start, base_key, fused)
    ("بوتين", {(0, "بوتين", False)}),
    ("وبوتين", {(1, "بوتين", False)}),
    ("لبوتين", {(1, "بوتين", False)}),
    ("فبوتين", {(1, "بوتين", False)}),
    ("وفلاديمير", {(1, "فلاديمير", False)}),
    ("الصين", {(0, "الصين", False)}),
    ("والصين", {(1, "الصين", False)}),
    ("بالصين", {(1, "الصين", False)}),
    ("كالصين", {(1, "الصين", False)}),
    ("للصين", {(0, "الصين", True)}),
    ("وللصين", {(1, "الصين", True)}),
    ("للولايات", {(0, "الولايات", True)}),
    ("لإلفيرا", {(1, "الفيرا", False)}),
    ("الصيني", set()),  # nisba adjective: not the name
    ("الصينية", set()),
    ("الصينيين", set()),
    ("بوتينية", set()),
    ("كتاب", set()),
]


@pytest.mark.parametrize("word, expected", SEGMENTATIONS, ids=[w for w, _ in SEGMENTATIONS])
def test_segmentations(segmenter, word, expected):
    readings = {(s.name_start, s.base_key, s.fused_article) for s in segmenter.segmentations(match_key(word))}
    assert readings == expected


def _readings(analyses) -> set[tuple[str, str]]:
    return {(a.get("stem"), a.get("prc0")) for a in analyses}


def _seed_gazetteer_words() -> tuple[list[str], set[str]]:
    """The seed dossier's first name words, and every word key of its seeds."""
    from pathlib import Path

    from newsdossier.inputs.curation import load_curation
    from newsdossier.inputs.project import read_sources
    from newsdossier.language.spelling import WORD_PATTERN

    root = Path(__file__).resolve().parents[2]
    sources = read_sources(root)
    entities = load_curation(sources)[0].entities
    first = [name.split()[0] for e in entities for name in e.names]
    import re

    words = {match_key(w) for s in sources.seeds for w in re.findall(WORD_PATTERN, s.data.decode("utf-8"))}
    return first, words


def test_gazetteer_analyzer_agrees_with_camel_tools():
    """The analyzer read here gives camel-tools' readings (stem, prc0) on
    every word the generated database can read (each prefix before each
    stem), on the seeds' words, and on words it cannot read."""
    first, seed_words = _seed_gazetteer_words()
    ours = GazetteerAnalyzer(first)
    theirs = camel.analyzer(gazetteer_database(first))
    stems = {
        stem
        for line in gazetteer_database(first).split("###STEMS###")[1].split("\n")[1:]
        if "\t" in line
        for stem in [line.split("\t")[0]]
    }
    readable = {p.written + s for p in PREFIXES for s in stems}
    odd = {"", "2024", "Putin", "بوتين،", "أبوظبي", "مصرى", "الصينيـة", "بُوتين", "ﻻ", "ڤلاديمير", "لل", "و"}
    checked = 0
    for word in sorted(readable | seed_words | odd):
        assert _readings(ours.analyze(word)) == _readings(theirs.analyze(word)), word
        checked += bool(theirs.analyze(word))
    assert checked > 500  # the comparison saw many words with readings


def test_plain_words_never_import_camel_tools():
    """A segmenter over the gazetteer reads Arabic words without camel-tools
    (a fresh interpreter: camel-tools may be imported in this one)."""
    import subprocess
    import sys

    code = (
        "import sys; from newsdossier.language.morphology import load_segmenter;"
        "from newsdossier.language.normalize import match_key;"
        "from newsdossier.models.curation import Entity; from newsdossier.models.kinds import EntityType;"
        "s = load_segmenter([Entity('china', EntityType.PLACE, 'الصين', 'china', (), None, '', 1)]);"
        "print([r.base_key for w in ('للصين', 'كتاب') for r in s.segmentations(match_key(w))],"
        " any(m.startswith('camel_tools') for m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "['الصين'] False"


def test_default_build_uses_only_the_generated_database(segmenter):
    assert segmenter.sources == ("gazetteer",)


def test_generated_database_has_no_blank_lines_and_fixed_sections():
    text = gazetteer_database(["بوتين", "الصين"])
    lines = text.split("\n")
    assert "" not in lines and not text.endswith("\n")
    headers = [line for line in lines if line.startswith("###")]
    assert headers == [
        "###DEFINES###",
        "###DEFAULTS###",
        "###ORDER###",
        "###TOKENIZATIONS###",
        "###STEMBACKOFF###",
        "###PREFIXES###",
        "###SUFFIXES###",
        "###STEMS###",
        "###TABLE AB###",
        "###TABLE BC###",
        "###TABLE AC###",
    ]
    assert "صين\tNA\t" in text and "بوتين\tN\t" in text


def test_extra_database_from_a_path_is_added(tmp_path):
    # A second ALMOR database (here generated with a name the gazetteer
    # lacks) is loaded by camel-tools and its readings are added.
    extra = tmp_path / "extra.db"
    extra.write_text(gazetteer_database(["موسكو"]), encoding="utf-8")
    segmenter = load_segmenter(ENTITIES, extra)
    assert segmenter.sources == ("gazetteer", "extra.db")
    assert Segmentation(1, "موسكو", False) in segmenter.segmentations(match_key("وموسكو"))


def test_installed_default_database_is_found_through_the_catalogue(tmp_path, monkeypatch):
    """The path a user with CALIMA installed takes: camel-tools' catalogue
    names a default MorphologyDB, and builtin_db() loads it from the data
    folder. Run in a fresh interpreter: camel-tools reads its catalogue once,
    at import time."""
    import subprocess
    import sys

    data = tmp_path / "camel"
    (data / "data" / "morphology_db" / "calima-msa-r13").mkdir(parents=True)
    (data / "data" / "morphology_db" / "calima-msa-r13" / "morphology.db").write_text(
        gazetteer_database(["موسكو"]), encoding="utf-8"
    )
    catalogue = {
        "version": "1.6",
        "packages": {},
        "components": {
            "MorphologyDB": {
                "default": "calima-msa-r13",
                "datasets": {"calima-msa-r13": {"path": "morphology_db/calima-msa-r13"}},
            }
        },
    }
    (data / "catalogue.json").write_text(json.dumps(catalogue), encoding="utf-8")
    code = (
        "from newsdossier.language.morphology import load_segmenter; "
        "from newsdossier.language.normalize import match_key;"
        "s = load_segmenter([]); print(s.sources, [r.base_key for r in s.segmentations(match_key('وموسكو'))])"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env={"CAMELTOOLS_DATA": str(data), "PATH": ""},
        check=True,
    )
    assert result.stdout.strip() == "('gazetteer', 'calima-msa-r13') ['موسكو']"
