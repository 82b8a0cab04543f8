"""Every test file runs: pytest skips some folder names by default (`build`
among them, and tests/build/ mirrors newsdossier/build/), and a skipped
folder passes silently. This asks pytest what it collects, with the
project's own settings, and compares it with the test files on disk."""

from __future__ import annotations

import subprocess
import sys

from tests.helpers import ROOT

TESTS = ROOT / "tests"


def collected_files() -> set[str]:
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    return {line.split("::", 1)[0] for line in result.stdout.splitlines() if "::" in line}


def test_every_test_file_is_collected():
    on_disk = {
        p.relative_to(ROOT).as_posix() for p in TESTS.rglob("test_*.py") if "node_modules" not in p.parts
    }
    assert on_disk - collected_files() == set()


def test_every_test_folder_is_a_package():
    """A folder without __init__.py would import its test modules by bare
    name, and two test files of one name in two folders would clash."""
    folders = {p.parent for p in TESTS.rglob("test_*.py") if "node_modules" not in p.parts}
    assert sorted(f.relative_to(ROOT).as_posix() for f in folders if not (f / "__init__.py").is_file()) == []
