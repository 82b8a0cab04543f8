"""The command line: help, warnings, exit codes."""

import subprocess
import sys

import build
from tests.conftest import ROOT


def test_help_explains_the_command():
    result = subprocess.run([sys.executable, str(ROOT / "build.py"), "--help"], capture_output=True, text=True, check=True)
    for word in ("seeds/", "dossier/", "site/", "--out", "--morphology-db", "serve", "--port"):
        assert word in result.stdout


def test_uncurated_seed_is_a_warning_not_an_error(mini_project, tmp_path, capsys):
    (mini_project / "seeds" / "b.txt").write_text("عنوان آخر\nقال شي كلامًا.\n", encoding="utf-8")
    assert build.main(["--root", str(mini_project), "--out", str(tmp_path / "site")]) == 0
    captured = capsys.readouterr()
    assert captured.err == (
        "warning: seeds/b.txt: no entry in dossier/articles.yaml: published as uncurated\n"
        "warning: seeds/b.txt: no summit found (unassigned): add it to dossier/articles.yaml\n"
    )
    page = (tmp_path / "site" / "articles" / "b.html").read_text(encoding="utf-8")
    assert "بلا بيانات تحريرية" in page
