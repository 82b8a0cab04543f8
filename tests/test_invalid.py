"""Bad input: one clear message naming the file (and line), no site change.

Each folder in tests/invalid/ holds files laid over a copy of the small
valid project tests/fixtures/mini (same relative paths), an optional
delete.txt listing paths to remove, and expected.txt: exactly what the
build must print on standard error.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import build
from tests.conftest import make_project, tree_bytes

CASES = sorted(p for p in (Path(__file__).parent / "invalid").iterdir() if p.is_dir())


def apply_case(case: Path, project: Path) -> None:
    for file in sorted(case.rglob("*")):
        if file.is_file() and file.name not in ("expected.txt", "delete.txt"):
            destination = project / file.relative_to(case)
            destination.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(file, destination)
    deletions = case / "delete.txt"
    for line in deletions.read_text(encoding="utf-8").split() if deletions.exists() else []:
        target = project / line
        shutil.rmtree(target) if target.is_dir() else target.unlink()


def test_there_are_many_cases():
    assert len(CASES) >= 30


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_invalid_input_is_refused_with_its_message(case: Path, tmp_path: Path, capsys):
    project = make_project(tmp_path / "project")
    site = tmp_path / "site"
    # A good build first: the bad one must leave it exactly as it was.
    assert build.main(["--root", str(project), "--out", str(site), "--quiet"]) == 0
    before = tree_bytes(site)
    capsys.readouterr()

    apply_case(case, project)
    status = build.main(["--root", str(project), "--out", str(site)])

    captured = capsys.readouterr()
    assert status == 1
    assert captured.err == (case / "expected.txt").read_text(encoding="utf-8")
    assert "Traceback" not in captured.err
    assert tree_bytes(site) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["project", "site"]  # no staging left behind
