"""The project's lock: one writer of the analyst's files at a time, builds
reading side by side, a clear message for whoever waits or gives up."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

from newsdossier.build.locks import PROJECT_LOCK, project_lock
from newsdossier.models.errors import DossierError

HOLD = """
import sys, time
from pathlib import Path
from newsdossier.build.locks import project_lock
with project_lock(Path(sys.argv[1]), exclusive=sys.argv[2] == "x"):
    print("held", flush=True)
    time.sleep(float(sys.argv[3]))
"""


def holder(root: Path, exclusive: bool, seconds: float) -> subprocess.Popen:
    process = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(root), "x" if exclusive else "s", str(seconds)],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert process.stdout.readline() == "held\n"
    return process


def test_a_writer_waits_for_another_and_gives_up_clearly(tmp_path, capsys):
    other = holder(tmp_path, exclusive=True, seconds=30)
    try:
        with pytest.raises(DossierError) as error, project_lock(tmp_path, wait_seconds=0.5):
            pass
        assert str(error.value) == (
            f"{tmp_path}: another newsdossier command (process {other.pid}) is still writing this dossier; "
            "try again later"
        )
        assert capsys.readouterr().err == (
            f"waiting for the newsdossier command already writing {tmp_path} (process {other.pid})…\n"
        )
    finally:
        other.kill()
        other.wait()
    with project_lock(tmp_path, wait_seconds=0.5):  # freed when its holder was killed
        assert (tmp_path / PROJECT_LOCK).read_text() != str(other.pid)


def test_builds_read_side_by_side_and_a_writer_waits_for_them(tmp_path):
    reader = holder(tmp_path, exclusive=False, seconds=1.5)
    try:
        with project_lock(tmp_path, exclusive=False, wait_seconds=0):  # no wait for another reader
            pass
        started = time.monotonic()
        with project_lock(tmp_path, wait_seconds=30):
            assert time.monotonic() - started > 0.5  # waited for the reader to finish
    finally:
        reader.wait()


def test_a_file_in_the_way_is_not_taken_for_the_lock(tmp_path):
    (tmp_path / PROJECT_LOCK).write_text("my notes")
    with (
        pytest.raises(DossierError, match="is in the way of newsdossier's lock file"),
        project_lock(tmp_path),
    ):
        pass
    assert (tmp_path / PROJECT_LOCK).read_text() == "my notes"
