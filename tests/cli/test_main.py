"""The command line: help, warnings, exit codes."""

import subprocess
import sys
from pathlib import Path

from newsdossier.build import pipeline
from tests.helpers import ROOT, run_cli


def test_help_explains_the_commands_and_options():
    top = subprocess.run(
        [sys.executable, str(ROOT / "build.py"), "--help"], capture_output=True, text=True, check=True
    )
    for word in ("seeds/", "dossier/", "site/", "build", "serve", "add"):
        assert word in top.stdout
    build_help = subprocess.run(
        [sys.executable, str(ROOT / "build.py"), "build", "--help"],
        capture_output=True,
        text=True,
        check=True,
    )
    for word in ("--out", "--root", "--morphology-db", "--ner-model", "--jobs", "--no-cache", "--timings"):
        assert word in build_help.stdout
    serve_help = subprocess.run(
        [sys.executable, str(ROOT / "build.py"), "serve", "--help"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "--port" in serve_help.stdout


def test_the_newsdossier_command_builds_the_project_it_is_run_in(mini_project, tmp_path):
    command = Path(sys.executable).parent / "newsdossier"  # installed by `make` (pip install -e .)
    result = subprocess.run(
        [str(command), "build", "--quiet", "--out", str(tmp_path / "site")],
        cwd=mini_project,
        capture_output=True,
        text=True,
    )
    assert (result.returncode, result.stderr) == (0, "")
    assert (tmp_path / "site" / "articles" / "article-a.html").is_file()


def test_uncurated_seed_is_a_warning_not_an_error(mini_project, tmp_path, capsys):
    (mini_project / "seeds" / "b.txt").write_text("عنوان آخر\nقال شي كلامًا.\n", encoding="utf-8")
    assert run_cli(["--root", str(mini_project), "--out", str(tmp_path / "site")]) == 0
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

    monkeypatch.setattr(pipeline, "link_dossier", broken)
    assert run_cli(["--root", str(mini_project), "--out", str(tmp_path / "site")]) == 2
    err = capsys.readouterr().err
    assert err.startswith(
        "internal error (ZeroDivisionError): this is a bug in newsdossier, not in your files"
    )
    assert "Traceback" not in err
    assert "ZeroDivisionError: boom" in (mini_project / ".cache" / "last-error.txt").read_text(
        encoding="utf-8"
    )


def test_an_output_folder_that_cannot_be_written(mini_project, tmp_path, capsys):
    (tmp_path / "blocker").write_text("a file, not a folder")
    assert run_cli(["--root", str(mini_project), "--out", str(tmp_path / "blocker" / "site")]) == 1
    err = capsys.readouterr().err
    assert (
        err
        == f"error: {tmp_path / 'blocker' / 'site'}: cannot write the site here: {tmp_path / 'blocker'} is a "
        "file, not a folder\n"
    )
