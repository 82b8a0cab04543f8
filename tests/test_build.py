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


def test_a_bug_is_reported_without_a_traceback(mini_project, tmp_path, capsys, monkeypatch):
    def broken(*args, **kwargs):
        raise ZeroDivisionError("boom")

    monkeypatch.setattr(build, "link_dossier", broken)
    assert build.main(["--root", str(mini_project), "--out", str(tmp_path / "site")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("internal error (ZeroDivisionError): this is a bug in newsdossier, not in your files")
    assert "Traceback" not in err
    assert "ZeroDivisionError: boom" in (mini_project / ".cache" / "last-error.txt").read_text(encoding="utf-8")


def test_an_output_folder_that_cannot_be_written(mini_project, tmp_path, capsys):
    (tmp_path / "blocker").write_text("a file, not a folder")
    assert build.main(["--root", str(mini_project), "--out", str(tmp_path / "blocker" / "site")]) == 1
    err = capsys.readouterr().err
    assert err == f"error: {tmp_path / 'blocker' / 'site'}: cannot write the site here: {tmp_path / 'blocker'} is a file, not a folder\n"
