"""The shipped table of camel-tools' character folds is camel-tools' own
(regenerate it with `make folds` after upgrading camel-tools), and a build
that analyses no article never imports camel-tools."""

from __future__ import annotations

import subprocess
import sys

from newsdossier.language import camel, fold_table
from newsdossier.language.fold_table_make import RANGES
from tests.helpers import ROOT, build_site


def test_the_table_was_made_with_the_installed_camel_tools():
    assert camel.installed_version() == fold_table.CAMEL_TOOLS_VERSION, "run `make folds`"
    assert fold_table.RANGES == RANGES


def test_every_fold_in_the_table_is_camel_tools_own():
    wrong = [
        hex(code)
        for first, last in fold_table.RANGES
        for code in range(first, last + 1)
        if fold_table.FOLDS.get(code, chr(code)) != camel.fold(chr(code))
    ]
    assert wrong == []


PROBE = """
import sys
from pathlib import Path
from newsdossier.build.options import BuildOptions
from newsdossier.build.pipeline import build
report = build(BuildOptions(root=Path(sys.argv[1]), out=Path(sys.argv[2]), search=False))
print(report.analysed, "camel_tools" in " ".join(sys.modules))
"""


def test_a_rebuild_with_nothing_to_analyse_does_not_import_camel_tools(mini_project, tmp_path):
    build_site(mini_project, tmp_path / "site", search=False)
    # A change that re-renders pages but re-analyses no article.
    site_yaml = mini_project / "dossier" / "site.yaml"
    site_yaml.write_text(
        site_yaml.read_text(encoding="utf-8").replace("ملف صغير", "ملف صغير جدًا"), encoding="utf-8"
    )
    run = subprocess.run(
        [sys.executable, "-c", PROBE, str(mini_project), str(tmp_path / "site")],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
    )
    assert run.stdout.split() == ["0", "False"]
