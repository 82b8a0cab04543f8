"""Bad input: one clear message naming the file (and line), no site change.

Each folder in tests/invalid/ holds files laid over a copy of the small
valid project tests/fixtures/mini (same relative paths), and:

* expected.txt: exactly what the build must print on standard error. When
  it starts with "error:", the build must fail (exit 1) and leave the
  previous site as it was; otherwise the input is recoverable and the build
  must succeed with exactly those warnings (maybe none);
* delete.txt (optional): paths to remove from the project;
* generate.yaml (optional): big files to write at test time;
* expected-page.txt (optional): "page: text" lines that the built site must
  contain (how a recovered problem is shown).

Whatever the case, no built page may carry input markup unescaped.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from tests.helpers import beside_site, make_project, run_cli, tree_bytes, unsafe_markup

CASES = sorted(p for p in (Path(__file__).parent / "invalid").iterdir() if p.is_dir())
CONTROL_FILES = ("expected.txt", "delete.txt", "generate.yaml", "expected-page.txt")


def apply_case(case: Path, project: Path) -> None:
    for file in sorted(case.rglob("*")):
        if file.is_file() and file.name not in CONTROL_FILES:
            destination = project / file.relative_to(case)
            destination.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(file, destination)
    generate = case / "generate.yaml"
    for item in yaml.safe_load(generate.read_text(encoding="utf-8")) if generate.exists() else []:
        (project / item["path"]).write_text(item["text"] * item["times"], encoding="utf-8")
    deletions = case / "delete.txt"
    for line in deletions.read_text(encoding="utf-8").split() if deletions.exists() else []:
        target = project / line
        shutil.rmtree(target) if target.is_dir() else target.unlink()


def test_there_are_many_cases():
    assert len(CASES) >= 30


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_bad_input(case: Path, tmp_path: Path, capsys):
    project = make_project(tmp_path / "project")
    site = tmp_path / "site"
    # A good build first: a failed one must leave it exactly as it was.
    assert run_cli(["--root", str(project), "--out", str(site), "--quiet"]) == 0
    before = tree_bytes(site)
    capsys.readouterr()

    apply_case(case, project)
    status = run_cli(["--root", str(project), "--out", str(site), "--quiet"])

    captured = capsys.readouterr()
    expected = (case / "expected.txt").read_text(encoding="utf-8")
    assert "Traceback" not in captured.err
    assert captured.err == expected
    if expected.startswith("error:"):
        assert status == 1
        assert tree_bytes(site) == before
    else:
        assert status == 0
    assert beside_site(tmp_path) == [
        ".site.lock",
        "project",
        "site",
    ]  # no staging left behind

    pages = case / "expected-page.txt"
    for line in pages.read_text(encoding="utf-8").splitlines() if pages.exists() else []:
        page, text = line.split(": ", 1)
        assert text in (site / page).read_text(encoding="utf-8"), (page, text)
    for page in site.rglob("*.html"):
        assert unsafe_markup(page.read_text(encoding="utf-8")) == [], page
