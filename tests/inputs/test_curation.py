"""The curation read through the record memo (`RecordMemo`): the same
curation, warnings and first error as reading every file whole, whatever
the memo holds; an appended record is the one record read."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsdossier.inputs import curation
from newsdossier.inputs.curation import RecordMemo, load_curation
from newsdossier.inputs.project import read_sources
from newsdossier.models.errors import DossierError
from tests.helpers import make_project, seed_project
from tests.test_invalid import CASES, apply_case


def outcome(project: Path, memo=None):
    try:
        return load_curation(read_sources(project), memo)
    except DossierError as error:
        return str(error)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_the_memo_gives_what_reading_every_file_gives(case: Path, tmp_path: Path):
    project = make_project(tmp_path / "project")
    warm = RecordMemo()
    load_curation(read_sources(project), warm)  # the valid project's records, as a build before
    apply_case(case, project)
    expected = outcome(project)
    assert outcome(project, RecordMemo(dict(warm.used))) == expected  # some records known
    assert outcome(project, RecordMemo()) == expected  # none known


def test_an_appended_article_is_the_one_record_read(tmp_path, monkeypatch):
    project = seed_project(tmp_path / "project")
    memo = RecordMemo()
    first, _ = load_curation(read_sources(project), memo)
    seed = next(iter(sorted((project / "seeds").iterdir())))
    (project / "seeds" / "new.txt").write_bytes(seed.read_bytes())
    with (project / "dossier" / "articles.yaml").open("a", encoding="utf-8") as entries:
        entries.write("- id: new\n  source_file: new.txt\n  summit: null\n  date: 2024-05-18\n")
        entries.write("  outlet: null\n  outlet_name: منبر\n")
    validated = []
    real = curation.validate
    monkeypatch.setattr(curation, "validate", lambda *args: (validated.append(args[3]), real(*args))[1])
    again = RecordMemo(dict(memo.used))
    sources = read_sources(project)
    second, _ = load_curation(sources, again)
    # The one new article; no entity (the gazetteer's records are all known).
    assert [what for what in validated if what in ("article", "entity")] == ["article"]
    assert again.worth_saving(0) and not again.worth_saving(1)  # one record read afresh
    assert second == load_curation(sources)[0]
    assert [a.id for a in second.articles if a.curated][-1:] == ["new"] or "new" in {
        a.id for a in second.articles
    }
