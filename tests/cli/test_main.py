"""The command line: help, warnings, exit codes."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from newsdossier.build import stages, staging
from tests.helpers import ROOT, beside_site, run_cli, tree_bytes


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

    monkeypatch.setattr(stages, "link_dossier", broken)
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


def test_escape_codes_in_a_file_name_are_printed_escaped(mini_project, tmp_path, capsys):
    fake = "\x1b[2K\rbuilt 242 files into site"
    (mini_project / "seeds" / "b\u202e.txt").write_text("عنوان آخر\nقال شي كلامًا.\n", encoding="utf-8")
    assert run_cli(["--root", str(mini_project), "--out", str(tmp_path / "site"), "--quiet"]) == 0
    err = capsys.readouterr().err
    assert err.startswith("warning: seeds/b\\u202e.txt: no entry in dossier/articles.yaml")
    (mini_project / "seeds" / f"{fake}.txt").write_text("نص.\n", encoding="utf-8")
    assert run_cli(["--root", str(mini_project), "--out", str(tmp_path / "site"), "--quiet"]) == 1
    assert capsys.readouterr().err == (
        "error: seeds/\\x1b[2K\\x0dbuilt 242 files into site.txt: file name has the character U+001B: "
        "rename the file\n"
    )


def stop_then(number: int, real):
    """`real`, after this process got signal `number` (as from `kill`)."""

    def stopped_first(*args, **kwargs):
        os.kill(os.getpid(), number)
        time.sleep(0.1)  # the handler runs here, between two bytecodes
        return real(*args, **kwargs)

    return stopped_first


@pytest.mark.parametrize("number", [signal.SIGTERM, signal.SIGHUP, signal.SIGINT])
def test_a_stop_signal_while_pages_are_made_leaves_the_previous_site(
    mini_project, tmp_path, capsys, monkeypatch, number
):
    argv = ["--root", str(mini_project), "--out", str(tmp_path / "site"), "--quiet"]
    assert run_cli(argv) == 0
    before = tree_bytes(tmp_path / "site")
    seed = mini_project / "seeds" / "a.txt"
    seed.write_text(seed.read_text(encoding="utf-8") + "فقرة جديدة.\n", encoding="utf-8")
    monkeypatch.setattr(stages, "write_outputs", stop_then(number, stages.write_outputs))
    capsys.readouterr()
    assert run_cli(argv) == 128 + number
    said = "interrupted" if number == signal.SIGINT else f"stopped by {signal.Signals(number).name}"
    assert capsys.readouterr().err == f"{said}: the previous site is unchanged\n"
    assert tree_bytes(tmp_path / "site") == before
    assert beside_site(tmp_path) == [".site.lock", "project", "site"]  # no staging folder left
    monkeypatch.undo()
    assert run_cli(argv) == 0  # the locks were released


def test_a_stop_signal_during_the_swap_lets_the_build_finish(mini_project, tmp_path, capsys, monkeypatch):
    argv = ["--root", str(mini_project), "--out", str(tmp_path / "site"), "--quiet"]
    assert run_cli(argv) == 0
    seed = mini_project / "seeds" / "a.txt"
    seed.write_text(seed.read_text(encoding="utf-8") + "فقرة جديدة.\n", encoding="utf-8")
    monkeypatch.setattr(staging, "swap_in", stop_then(signal.SIGTERM, staging.swap_in))
    capsys.readouterr()
    assert run_cli(argv) == 143
    assert capsys.readouterr().err == "stopped by SIGTERM: the new site is in place\n"
    assert "فقرة جديدة." in (tmp_path / "site" / "articles" / "article-a.html").read_text(encoding="utf-8")
    monkeypatch.undo()
    assert run_cli(argv[:-1]) == 0  # the report and the manifest were written too: nothing left to do
    assert capsys.readouterr().out.endswith("is up to date: no input changed since the last build\n")


@pytest.mark.parametrize("number", [signal.SIGINT, signal.SIGTERM, signal.SIGHUP])
def test_a_stop_signal_after_the_command_has_finished_leaves_its_exit_status(tmp_path, number):
    # Once the command has returned, a stop signal changes nothing: ignored
    # while Python still runs our handler, held back (cli.run) for the
    # shutdown, when Python has put the default actions back.
    script = (
        "import os, sys\n"
        "from newsdossier.cli import run\n"
        f"sys.argv = ['build.py', '--root', {str(tmp_path / 'missing')!r}]\n"
        "status = run()\n"
        f"os.kill(os.getpid(), {int(number)})\n"
        "sys.exit(status)\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr


def test_the_command_ends_without_tearing_python_down_but_finishes_what_an_exit_must(tmp_path):
    """`exit_now` skips freeing every object one at a time, not the work
    an exit does: a thread that is not a daemon is waited for, exit handlers
    run, buffered output reaches a pipe, and the status is the command's.
    A finalizer that only the teardown would run does not run."""
    script = (
        "import atexit, sys, threading, time\n"
        "from pathlib import Path\n"
        "from newsdossier.cli import exit_now\n"
        f"folder = Path({str(tmp_path)!r})\n"
        "atexit.register(lambda: (folder / 'handler').write_text('ran'))\n"
        "def late():\n"
        "    time.sleep(0.3)\n"
        "    (folder / 'thread').write_text('finished')\n"
        "threading.Thread(target=late).start()\n"
        "class Torn:\n"
        "    def __del__(self):\n"
        "        (folder / 'teardown').write_text('ran')\n"
        "kept = Torn()\n"
        "sys.stdout.write('x' * 100_000)\n"
        "exit_now(3)\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert (done.returncode, done.stderr, len(done.stdout)) == (3, "", 100_000)
    assert (tmp_path / "handler").read_text() == "ran"
    assert (tmp_path / "thread").read_text() == "finished"
    assert not (tmp_path / "teardown").exists()


def test_output_that_cannot_be_written_ends_with_pythons_status(tmp_path):
    """Standard output buffered, its descriptor closed under it: the exit
    status is the one Python's own exit gives (120)."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}
    statuses = []
    for ending in ("sys.exit(0)", "exit_now(0)"):
        script = (
            "import os, sys\n"
            "from newsdossier.cli import exit_now\n"
            "sys.stdout.write('x' * 100)\n"
            "os.close(1)\n"
            f"{ending}\n"
        )
        done = subprocess.run([sys.executable, "-c", script], capture_output=True, timeout=60, env=env)
        statuses.append(done.returncode)
    assert statuses == [120, 120]


def test_a_stream_the_command_closed_ends_as_pythons_exit_does():
    """Standard output closed by the command itself (not its descriptor
    under it): Python's exit has nothing to flush and gives the command's
    status; so does exit_now."""
    statuses = []
    for ending in ("sys.exit(0)", "exit_now(0)"):
        script = f"import sys\nfrom newsdossier.cli import exit_now\nsys.stdout.close()\n{ending}\n"
        done = subprocess.run([sys.executable, "-c", script], capture_output=True, timeout=60)
        statuses.append(done.returncode)
    assert statuses == [0, 0]


def test_under_a_profiler_the_exit_is_pythons_own_and_the_profile_is_written(tmp_path):
    script = tmp_path / "command.py"
    script.write_text("from newsdossier.cli import exit_now\nexit_now(0)\n", encoding="utf-8")
    profile = tmp_path / "command.prof"
    done = subprocess.run(
        [sys.executable, "-m", "cProfile", "-o", str(profile), str(script)],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
    )
    assert (done.returncode, done.stderr) == (0, "")
    assert profile.stat().st_size > 0
