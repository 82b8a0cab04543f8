"""The shipped language data is in the analysis identity, and checked before
it is read: a new model re-analyses every article; a damaged model or
catalogue is one clear error (exit 1), never a crash of native code."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from newsdossier.language import shipped
from newsdossier.models.errors import DossierError
from tests.helpers import ROOT, build_site, make_project


@pytest.fixture
def data(tmp_path, monkeypatch) -> Path:
    """A copy of the shipped language data, which the package reads instead."""
    folder = tmp_path / "language"
    for name in (*shipped.USED, shipped.MODEL_REPORT, shipped.MANIFEST):
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(shipped.FOLDER / name, folder / name)
    monkeypatch.setattr(shipped, "FOLDER", folder)
    return folder


def tiny_model(path: Path) -> None:
    """A valid CRFsuite model, other than the shipped one."""
    import pycrfsuite

    trainer = pycrfsuite.Trainer(verbose=False)
    trainer.append([{"w:زار": 1.0}, {"w:أحمد": 1.0}], ["O", "B-PERS"])
    trainer.train(str(path))


def test_a_new_model_re_analyses_every_article(data, tmp_path):
    project = make_project(tmp_path / "project")
    first = build_site(project, tmp_path / "site", search=False)
    assert first.analysed > 0
    assert build_site(project, tmp_path / "site", search=False).up_to_date
    tiny_model(data / shipped.MODEL)
    shipped.record(shipped.MODEL, made_by="make model")  # as `make model` does
    again = build_site(project, tmp_path / "site", search=False)
    assert not again.up_to_date and again.analysed == first.analysed


def test_a_removed_model_re_analyses_without_it(data, tmp_path):
    project = make_project(tmp_path / "project")
    build_site(project, tmp_path / "site", search=False)
    (data / shipped.MODEL).unlink()
    again = build_site(project, tmp_path / "site", search=False)
    assert not again.up_to_date and again.analysed > 0
    assert "no shipped model (run `make model`)" in (project / "reports" / "candidates.yaml").read_text(
        "utf-8"
    )


DAMAGE = [
    # (file, new bytes, command named)
    (shipped.MODEL, lambda old: old[: len(old) // 3], "make model"),
    (shipped.MODEL, lambda old: b"garbage" * 100, "make model"),
    (shipped.CATALOGUE, lambda old: b"\xff\xfe not json", "git checkout -- newsdossier/language/camel_stub"),
    (shipped.FOLDS, lambda old: old[:100], "make folds"),
]


@pytest.mark.parametrize("name, damage, command", DAMAGE, ids=["truncated", "garbage", "catalogue", "folds"])
def test_damaged_data_is_an_error_naming_the_file_and_its_remedy(data, name, damage, command):
    path = data / name
    path.write_bytes(damage(path.read_bytes()))
    with pytest.raises(DossierError) as error:
        shipped.verified(name)
    assert error.value.path.endswith(name) and "damaged or replaced" in error.value.message
    assert command in error.value.message


def test_missing_data_is_allowed_only_where_the_code_does_without_it(data):
    (data / shipped.MODEL).unlink()
    assert shipped.verified(shipped.MODEL) is None
    (data / shipped.CATALOGUE).unlink()
    with pytest.raises(DossierError, match="missing from the package"):
        shipped.verified(shipped.CATALOGUE)


def test_an_unreadable_record_is_an_error(data):
    (data / shipped.MANIFEST).write_text("{", encoding="utf-8")
    with pytest.raises(DossierError, match="cannot be read"):
        shipped.identity()


BUILD = """
import sys
from pathlib import Path
from newsdossier.language import shipped
shipped.FOLDER = Path(sys.argv[1])
from newsdossier.cli.main import main
sys.exit(main(["build", "--root", sys.argv[2], "--out", sys.argv[3]]))
"""


@pytest.mark.parametrize("name", [shipped.MODEL, shipped.CATALOGUE])
def test_a_damaged_file_stops_the_build_with_one_line_and_exit_1(data, tmp_path, name):
    """In a process of its own: a crash of CRFsuite's native code would kill pytest."""
    project = make_project(tmp_path / "project")
    path = data / name
    path.write_bytes(path.read_bytes()[:40])
    run = subprocess.run(
        [sys.executable, "-c", BUILD, str(data), str(project), str(tmp_path / "site")],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={"CAMELTOOLS_DATA": str(tmp_path / "no-camel-data"), "PATH": "/usr/bin:/bin"},
        timeout=300,
    )
    assert run.returncode == 1, run.stderr
    errors = [line for line in run.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and name in errors[0] and "damaged or replaced" in errors[0], run.stderr
    assert not (tmp_path / "site").exists()


def test_the_record_matches_the_files_in_the_package():
    records = json.loads((shipped.FOLDER / shipped.MANIFEST).read_text(encoding="utf-8"))
    assert set(records) == {*shipped.USED, shipped.MODEL_REPORT}
    for name in records:
        assert shipped.verified(name) == shipped.FOLDER / name, f"{name}: run its command, see shipped.py"
