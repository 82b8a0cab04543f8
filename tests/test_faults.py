"""Faults: a build killed at any moment, two builds at once."""

from __future__ import annotations

import contextlib
import fcntl
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from newsdossier.build.site_folder import MARKER, marker_text
from newsdossier.build.swap import recover
from tests.helpers import ROOT, beside_site, build_site, seed_project, tree_bytes

BUILD = [sys.executable, str(ROOT / "build.py"), "--quiet", "--no-cache", "--jobs", "1"]


def change_every_page(project: Path) -> None:
    base = project / "templates" / "base.html"
    base.write_text(
        base.read_text(encoding="utf-8").replace("تخطَّ إلى المحتوى", "إلى المحتوى مباشرة"), encoding="utf-8"
    )


@pytest.fixture(scope="module")
def states(tmp_path_factory):
    """The site before and after a change of every page, built whole."""
    work = tmp_path_factory.mktemp("faults")
    project = seed_project(work / "project")
    build_site(project, work / "before", cache=False)
    changed = seed_project(work / "changed")
    change_every_page(changed)
    started = time.perf_counter()
    build_site(changed, work / "after", cache=False)
    return (
        tree_bytes(work / "before"),
        tree_bytes(work / "after"),
        time.perf_counter() - started,
    )


@pytest.mark.parametrize("fraction", [0.05, 0.2, 0.35, 0.5, 0.65, 0.8, 0.9, 1.0, 1.2])
def test_a_killed_build_leaves_a_whole_site(tmp_path, states, fraction):
    before, after, duration = states
    project = seed_project(tmp_path / "project")
    site = tmp_path / "site"
    build_site(project, site, cache=False)
    change_every_page(project)
    process = subprocess.Popen(
        [*BUILD, "--root", str(project), "--out", str(site)], stderr=subprocess.DEVNULL
    )
    # The subprocess also pays for starting Python: aim across its whole run.
    time.sleep(0.8 + fraction * duration)
    process.send_signal(signal.SIGKILL)
    process.wait()
    # At any moment the site is the old one or the new one, whole.
    assert tree_bytes(site) in (before, after)
    # The next build tidies up what the killed one left and completes.
    build_site(project, site, cache=False)
    assert tree_bytes(site) == after
    assert beside_site(tmp_path) == [".site.lock", "project", "site"]


def lock_is_free(path: Path) -> bool:
    with path.open("a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        fcntl.flock(handle, fcntl.LOCK_UN)
        return True


def staging_files(folder: Path) -> int:
    return sum(len(files) for staging in folder.glob(".site.new-*") for _, _, files in os.walk(staging))


def catches_stop_signals(pid: int) -> bool:
    """The process has its handler for SIGTERM and SIGHUP (Linux lists the
    signals a process catches in /proc/PID/status). Before that, Python
    itself is starting (a few hundredths of a second) and a signal does
    what it does to any program that has not begun: nothing is touched."""
    with open(f"/proc/{pid}/status") as status:
        mask = next(int(line.split()[1], 16) for line in status if line.startswith("SigCgt:"))
    return all(mask >> (number - 1) & 1 for number in (signal.SIGTERM, signal.SIGHUP))


# Moments of a build, as seen from outside it (no hook in the build): each
# is a test of the process's state or of what the folder beside the site holds.
MOMENTS = {
    "importing": lambda folder, pid, marker: catches_stop_signals(pid),
    "reading": lambda folder, pid, marker: (folder / ".site.lock").read_text() == str(pid),
    "staging": lambda folder, pid, marker: any(folder.glob(".site.new-*")),
    "rendering": lambda folder, pid, marker: staging_files(folder) > 60,
    "indexing": lambda folder, pid, marker: any(folder.glob(".site.new-*/search")),
    "swapped": lambda folder, pid, marker: (folder / "site" / MARKER).read_bytes() != marker,
}
# (signal, moment, to the whole process group): a terminal that closes sends
# SIGHUP to the group; `timeout`, `kill` and a container's shutdown send
# SIGTERM to the process alone, `systemctl stop` to all of them.
STOPS = [
    (number, moment, (index + (number == signal.SIGHUP)) % 2 == 1)
    for number in (signal.SIGTERM, signal.SIGHUP)
    for index, moment in enumerate(MOMENTS)
]


def wait_for(moment: str, folder: Path, process: subprocess.Popen, marker: bytes) -> None:
    deadline = time.monotonic() + 120
    while process.poll() is None and time.monotonic() < deadline:
        try:
            if MOMENTS[moment](folder, process.pid, marker):
                return
        except OSError:
            pass  # a file between two states: look again
        time.sleep(0.002)


@pytest.mark.parametrize(
    "number, moment, group", STOPS, ids=[f"{n.name}-{m}-{'group' if g else 'one'}" for n, m, g in STOPS]
)
def test_a_stopped_build_leaves_a_whole_site_and_says_so(tmp_path, states, number, moment, group):
    before, after, _ = states
    project = seed_project(tmp_path / "project")
    site = tmp_path / "site"
    build_site(project, site, cache=False)
    change_every_page(project)
    marker = (site / MARKER).read_bytes()
    process = subprocess.Popen(
        [*BUILD, "--root", str(project), "--out", str(site)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    wait_for(moment, tmp_path, process, marker)
    if group:
        with contextlib.suppress(ProcessLookupError):  # it may have ended already
            os.killpg(process.pid, number)
    else:
        process.send_signal(number)
    _, err = process.communicate(timeout=120)
    now = tree_bytes(site)
    if process.returncode == 0:  # it had finished: the signal came after its work
        assert (now == after, err) == (True, "")
    else:
        assert process.returncode == 128 + number, err
        assert now in (before, after)
        state = "the previous site is unchanged" if now == before else "the new site is in place"
        assert err == f"stopped by {number.name}: {state}\n"
    # Nothing left behind, the locks free, and the next build completes.
    assert beside_site(tmp_path) == [".site.lock", "project", "site"]
    assert lock_is_free(tmp_path / ".site.lock") and lock_is_free(project / ".newsdossier.lock")
    build_site(project, site, cache=False)
    assert tree_bytes(site) == after


def test_two_builds_at_once_take_turns(tmp_path, states):
    _, after, _ = states
    project = seed_project(tmp_path / "project")
    change_every_page(project)
    site = tmp_path / "site"
    command = [
        sys.executable,
        str(ROOT / "build.py"),
        "--no-cache",
        "--root",
        str(project),
        "--out",
        str(site),
    ]
    first = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    # The second starts once the first holds the site's lock (not after a
    # fixed sleep: on a loaded machine the first could still be starting).
    lock, deadline = tmp_path / ".site.lock", time.monotonic() + 120
    while first.poll() is None and time.monotonic() < deadline:
        if lock.exists() and not lock_is_free(lock):
            break
        time.sleep(0.01)
    assert first.poll() is None, "the first build ended before it was seen holding the lock"
    second = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    results = [p.communicate(timeout=300) + (p.returncode,) for p in (first, second)]
    assert [code for _, _, code in results] == [0, 0]
    assert any("waiting for the build already writing" in err for _, err, _ in results)
    assert tree_bytes(site) == after


def test_recover_puts_back_a_site_moved_aside(tmp_path):
    # What a build killed between the two renames of the fallback swap leaves.
    (tmp_path / ".site.old-abc" / "site").mkdir(parents=True)
    (tmp_path / ".site.old-abc" / "site" / "index.html").write_text("old")
    (tmp_path / ".site.old-abc" / "site" / MARKER).write_bytes(marker_text(["index.html"]))
    (tmp_path / ".site.new-def").mkdir()  # killed before its marker was written
    (tmp_path / ".site.new-ghi").mkdir()  # killed while writing pages
    (tmp_path / ".site.new-ghi" / MARKER).write_bytes(marker_text([]))
    (tmp_path / ".site.new-ghi" / "index.html").write_text("half")
    recover(tmp_path / "site")
    assert (tmp_path / "site" / "index.html").read_text() == "old"
    assert sorted(os.listdir(tmp_path)) == ["site"]


def test_recover_leaves_folders_it_did_not_make(tmp_path):
    # Named like the build's own leftovers, but with someone's files and no marker.
    for name in (".site.old-abc/site/notes.txt", ".site.old-abc/keep.txt", ".site.new-def/keep.txt"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("mine")
    recover(tmp_path / "site")
    assert sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*") if p.is_file()) == [
        ".site.new-def/keep.txt",
        ".site.old-abc/keep.txt",
        ".site.old-abc/site/notes.txt",
    ]
    assert not (tmp_path / "site").exists()


# ------------------------------------------------------------- Ctrl+C


def many_articles(project: Path, count: int) -> None:
    """Enough uncurated seeds to make the build analyse them in parallel."""
    text = (ROOT / "seeds" / "001_12e085e4f21e55fb.txt").read_text(encoding="utf-8")
    for i in range(count):
        (project / "seeds" / f"1{i:02d}_copy.txt").write_text(text + f"\nنسخة رقم {i}.\n", encoding="utf-8")


@pytest.mark.parametrize(
    "number, delay",
    [
        (signal.SIGINT, 0.05),
        (signal.SIGINT, 0.4),
        (signal.SIGINT, 1.5),
        (signal.SIGINT, 3.0),
        (signal.SIGTERM, 1.5),  # `systemctl stop`: every process of the service, workers too
        (signal.SIGHUP, 3.0),  # the terminal closed
    ],
)
def test_ctrl_c_stops_the_build_with_one_line(tmp_path, number, delay):
    project = seed_project(tmp_path / "project")
    many_articles(project, 40)
    site = tmp_path / "site"
    build_site(project, site, cache=False)
    before = tree_bytes(site)
    (project / "seeds" / "100_copy.txt").write_text("عنوان جديد\nنص آخر.\n", encoding="utf-8")
    # A terminal's Ctrl+C goes to the whole process group: the build and its workers.
    process = subprocess.Popen(
        [
            sys.executable,
            str(ROOT / "build.py"),
            "--root",
            str(project),
            "--out",
            str(site),
            "--no-cache",
            "--jobs",
            "2",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    time.sleep(delay)
    os.killpg(process.pid, number)
    out, err = process.communicate(timeout=120)
    if "Traceback" in err and number == signal.SIGINT:
        # Ctrl+C while Python itself was still starting, before build.py's first
        # line (site.py, the .pth files of site-packages, among them the editable
        # install's finder whose file name holds "newsdossier"): the interpreter's
        # own report, which no code of ours can replace. Nothing was touched yet.
        assert f'File "{ROOT / "build.py"}"' not in err and f'File "{ROOT / "newsdossier"}' not in err, err
        assert tree_bytes(site) == before
    elif process.returncode == -number and delay <= 0.4:
        # Killed before the interpreter had put its handlers in place (a loaded machine
        # can take longer than the early delays to start Python): the system's default
        # action, before any code of ours ran or said anything. Nothing was touched. (The
        # later delays stay strict: a handler of ours lost would show there.)
        assert err == "" and tree_bytes(site) == before
    elif process.returncode == 128 + number:
        said = "interrupted" if number == signal.SIGINT else f"stopped by {number.name}"
        now = tree_bytes(site)
        state = "the previous site is unchanged" if now == before else "the new site is in place"
        assert [line for line in err.splitlines() if not line.startswith("warning:")] == [f"{said}: {state}"]
    else:  # it finished first
        assert "Traceback" not in err, err
        assert process.returncode == 0
    # The lock was released and nothing is left behind: the next build runs.
    assert build_site(project, site, cache=False).seeds == 45  # (the copies of one article published once)
    assert beside_site(tmp_path) == [".site.lock", "project", "site"]


def test_serve_on_a_port_in_use_or_out_of_range_is_one_line(mini_project, tmp_path):
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        for bad, message in (
            (str(port), f"error: --port: cannot serve on 127.0.0.1:{port}: Address already in use\n"),
            ("70000", "error: --port: 70000 is not a port number (0 to 65535)\n"),
        ):
            result = subprocess.run(
                [
                    sys.executable,
                    str(ROOT / "build.py"),
                    "serve",
                    "--root",
                    str(mini_project),
                    "--out",
                    str(tmp_path / "site"),
                    "--port",
                    bad,
                ],
                capture_output=True,
                text=True,
                timeout=60,
            )
            assert (result.returncode, result.stderr) == (1, message)


def test_the_sites_marker_is_never_written_in_place_so_a_kill_then_leaves_nothing_behind(tmp_path):
    """A build killed while it wrote the staging folder's last marker in
    place left it empty or cut short: a folder no later build knew as its
    own, left beside the site for good. The child is killed as soon as it
    opens that marker for writing in place (truncated, as a kill in the
    middle of the write leaves it); it must never do so."""
    project = seed_project(tmp_path / "project")
    site = tmp_path / "site"
    build_site(project, site, cache=False)
    change_every_page(project)
    child = (
        "import builtins, io, os, runpy, signal, sys\n"
        "from newsdossier.build.site_folder import MARKER\n"
        "real = io.open\n"
        "def opened(file, mode='r', *args, **kwargs):\n"
        "    name = os.fspath(file) if not isinstance(file, int) else ''\n"
        "    if os.path.basename(name) == MARKER and 'w' in mode and '.new-' in name:\n"
        "        real(file, mode, *args, **kwargs)\n"
        "        os.kill(os.getpid(), signal.SIGKILL)\n"
        "    return real(file, mode, *args, **kwargs)\n"
        "builtins.open = io.open = opened\n"
        f"sys.argv = {[*BUILD[1:], '--root', str(project), '--out', str(site)]!r}\n"
        "runpy.run_path(sys.argv[0], run_name='__main__')\n"
    )
    subprocess.run([sys.executable, "-c", child], stderr=subprocess.DEVNULL, check=False)
    build_site(project, site, cache=False)
    assert beside_site(tmp_path) == [".site.lock", "project", "site"]
