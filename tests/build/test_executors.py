"""Executors: the same results in this process, on forked workers and on a
Dask cluster (a `distributed.LocalCluster` on loopback, in a process of its
own); a build on the cluster gives the local build's site byte for byte; a
scheduler that cannot be reached is one line; a stop leaves the previous
site whole."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bench.synthetic import make_dossier
from newsdossier.build import executors
from newsdossier.build.executors import DaskExecutor, ProcessExecutor, SerialExecutor, Task
from newsdossier.models.errors import DossierError
from tests.helpers import ROOT, cached, run_cli, seed_project, stop_once_cached, tree_bytes

BUILD = [sys.executable, str(ROOT / "build.py"), "--quiet", "--no-cache"]


def offset_setup(context: int) -> dict:
    return {"offset": context, "pid": os.getpid()}


def add_offset(state: dict, item: int) -> tuple[int, int, int]:
    time.sleep(0.01 * (item % 3))  # finish out of order
    return item + state["offset"], state["pid"], os.getpid()


def refuse_seven(state: dict, item: int) -> int:
    if item == 7:
        raise DossierError("seeds/x.txt", 2, "bad")
    return item


TASK = Task(offset_setup, add_offset, 100, "offset-100")
LOCAL = {"serial": lambda: SerialExecutor(), "processes": lambda: ProcessExecutor(2)}


@pytest.mark.parametrize("kind", LOCAL)
def test_map_in_order_and_as_completed_cover_every_item(kind):
    with LOCAL[kind]() as executor:
        assert [value for value, *_ in executor.map(TASK, range(20))] == [n + 100 for n in range(20)]
    with LOCAL[kind]() as executor:
        pairs = list(executor.as_completed(TASK, list(range(20))))
    assert sorted(index for index, _ in pairs) == list(range(20))
    assert all(value == index + 100 for index, (value, *_) in pairs)
    # The state is made once, in this process, before any fork: the workers share it.
    assert {made_by for _, (_, made_by, _) in pairs} == {os.getpid()}
    # The items run here (the first, while the state is new) and in at most two workers.
    ran_by = {ran_by for _, (*_, ran_by) in pairs}
    assert pairs[0][1][2] == os.getpid()
    assert len(ran_by - {os.getpid()}) == (0 if kind == "serial" else 2)


def as_text(result: tuple[int, int, int]) -> str:
    return repr(result)


@pytest.mark.parametrize("kind", LOCAL)
def test_a_result_made_in_a_worker_process_travels_back_as_send_makes_it(kind):
    task = Task(offset_setup, add_offset, 100, "offset-100-text", send=as_text)
    with LOCAL[kind]() as executor:
        results = dict(executor.as_completed(task, list(range(12))))
    for index, result in results.items():
        ran_here = isinstance(result, tuple)
        assert (result if ran_here else eval(result))[0] == index + 100
        assert ran_here == (kind == "serial" or index == 0 or eval(result)[2] == os.getpid())
    assert kind == "serial" or sum(isinstance(r, str) for r in results.values()) == 11


class Unsendable:
    """An item that cannot be pickled: forked workers inherit the items, only their indexes are sent."""

    def __init__(self, number: int):
        self.number = number

    def __reduce__(self):
        raise AssertionError("an item was pickled to be sent to a forked worker")


def number_of(state: dict, item: Unsendable) -> tuple[int, int]:
    return item.number + state["offset"], os.getpid()


def test_forked_workers_are_sent_the_items_indexes_not_the_items():
    task = Task(offset_setup, number_of, 100, "offset-100-unsendable")
    with ProcessExecutor(2) as executor:
        results = dict(executor.as_completed(task, [Unsendable(n) for n in range(12)]))
    assert {index: value for index, (value, _) in results.items()} == {n: n + 100 for n in range(12)}
    assert len({pid for _, pid in results.values()} - {os.getpid()}) == 2


@pytest.mark.parametrize("kind", LOCAL)
def test_bad_input_in_a_worker_is_the_same_error(kind):
    with pytest.raises(DossierError, match="bad"), LOCAL[kind]() as executor:
        list(executor.map(Task(offset_setup, refuse_seven, 0, "refuse"), range(12)))


def test_leaving_the_block_on_an_error_ends_the_forked_workers_at_once():
    seen = []
    try:
        with ProcessExecutor(2) as executor:
            results = executor.as_completed(TASK, list(range(30)))  # held by this frame, as by a caller's
            for _, (*_, pid) in results:
                if pid != os.getpid():  # the first item runs here, before the fork
                    seen.append(pid)
                    raise RuntimeError("stop")
    except RuntimeError as error:
        held = error  # the traceback (and the generator it holds) still alive: the workers must be gone
        for pid in seen:
            with pytest.raises(ProcessLookupError):
                os.kill(pid, 0)
        del held


def test_executor_options_are_checked():
    with pytest.raises(DossierError, match="needs --scheduler"):
        executors.open_executor("dask", None, 2)
    with pytest.raises(DossierError, match="unknown executor"):
        executors.open_executor("ray", None, 2)
    assert isinstance(executors.open_executor("local", None, 2), ProcessExecutor)


# ------------------------------------------------------------- Dask

CLUSTER = """
import sys
from distributed import LocalCluster
cluster = LocalCluster(n_workers=int(sys.argv[1]), threads_per_worker=1, processes=True, host="127.0.0.1",
                       dashboard_address=None)
print(cluster.scheduler_address, flush=True)
sys.stdin.read()  # until the test closes it (or ends)
cluster.close()
"""


@contextlib.contextmanager
def local_cluster(workers: int):
    """A LocalCluster of `workers` processes on loopback, in a process of
    its own (its event loop's threads stay out of the test process, which
    forks); its scheduler's address."""
    process = subprocess.Popen(
        [sys.executable, "-c", CLUSTER, str(workers)],
        cwd=ROOT,  # the workers import the tests' functions from here
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        address = process.stdout.readline().strip()
        assert address.startswith("tcp://127.0.0.1:"), address
        yield address
    finally:
        process.stdin.close()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture(scope="module")
def scheduler():
    with local_cluster(2) as address:
        yield address


@pytest.mark.parametrize(
    "items, workers, size",
    [(0, 2, 1), (5, 2, 1), (40, 2, 5), (1000, 2, 16), (100_000, 64, 16), (100, 0, 16), (7, 64, 1)],
)
def test_dask_batches_are_small_and_several_per_worker(items, workers, size):
    assert executors.batch_size(items, workers) == size


def test_a_scheduler_without_workers_is_one_error(monkeypatch):
    monkeypatch.setattr(executors, "CONNECT_SECONDS", 2)
    with (
        local_cluster(0) as address,
        pytest.raises(DossierError, match="has no workers: start some"),
        DaskExecutor(address) as executor,
    ):
        list(executor.map(TASK, [1, 2, 3]))


def test_dask_map_in_order_with_the_state_made_once_per_worker(scheduler):
    with DaskExecutor(scheduler) as executor:
        results = list(executor.map(TASK, list(range(20))))
    assert [value for value, *_ in results] == [n + 100 for n in range(20)]
    assert os.getpid() not in {pid for _, pid, _ in results}
    assert len({pid for _, pid, _ in results}) <= 2
    assert all(made_by == ran_by for _, made_by, ran_by in results)  # each worker made its own
    with pytest.raises(DossierError, match="bad"), DaskExecutor(scheduler) as executor:
        list(executor.map(Task(offset_setup, refuse_seven, 0, "refuse"), list(range(12))))


def test_an_unreachable_scheduler_is_one_line(monkeypatch, capsys, tmp_path):
    monkeypatch.setattr(executors, "CONNECT_SECONDS", 1)
    project = seed_project(tmp_path / "project")
    started = time.monotonic()
    status = run_cli(
        ["build", "--root", str(project), "--executor", "dask", "--scheduler", "tcp://127.0.0.1:9"]
    )
    err = capsys.readouterr().err
    assert status == 1
    assert err.splitlines() == [
        "error: --scheduler: cannot reach the Dask scheduler at tcp://127.0.0.1:9: "
        "Timed out trying to connect to tcp://127.0.0.1:9 after 1 s"
    ]
    assert time.monotonic() - started < 30
    assert not (project / "site").exists()


def build_with(project: Path, out: Path, *options: str) -> None:
    subprocess.run([*BUILD, "--root", str(project), "--out", str(out), *options], check=True, timeout=600)


@pytest.mark.parametrize("dossier", ["seed", "synthetic"])
def test_a_build_on_a_dask_cluster_is_byte_identical_to_a_local_one(scheduler, tmp_path, dossier):
    if dossier == "seed":
        project = seed_project(tmp_path / "project")
    else:  # more articles than the local threshold for forked workers
        project = make_dossier(tmp_path / "project", 40, seed=11)
    build_with(project, tmp_path / "local", "--jobs", "2")
    build_with(project, tmp_path / "dask", "--executor", "dask", "--scheduler", scheduler)
    local, dask = tree_bytes(tmp_path / "local"), tree_bytes(tmp_path / "dask")
    assert sorted(local) == sorted(dask)
    assert [path for path in local if local[path] != dask[path]] == []


def test_a_stopped_dask_build_leaves_the_previous_site_and_keeps_what_it_analysed(scheduler, tmp_path):
    project = make_dossier(tmp_path / "project", 80, seed=13)
    site = tmp_path / "site"
    build_with(project, site, "--jobs", "1")
    before = tree_bytes(site)
    make_dossier(tmp_path / "project", 80, seed=14)  # every article new
    process = subprocess.Popen(
        [sys.executable, str(ROOT / "build.py"), "--root", str(project), "--out", str(site)]
        + ["--executor", "dask", "--scheduler", scheduler],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    returncode, err = stop_once_cached(process, project, 3, signal.SIGINT)
    if returncode == 0:
        pytest.skip("the build finished before it could be stopped")
    assert returncode == 130
    assert err.splitlines() == ["interrupted: the previous site is unchanged"]
    assert tree_bytes(site) == before
    kept = cached(project)
    assert kept >= 3
    result = subprocess.run(
        [*BUILD[:-2], "--root", str(project), "--out", str(site), "--jobs", "1"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert f"; {80 - kept} analysed, {kept} from the cache" in result.stdout


def test_dask_and_tornado_loggers_are_silent_once_a_client_is_opened():
    # Dask's logging configuration gives tornado.application a level of its
    # own: a stopped build printed its "Exception in callback" traceback.
    import logging

    import distributed  # noqa: F401 (its import applies Dask's logging configuration)

    from newsdossier.build.executors import _quiet_dask

    _quiet_dask()
    for name in ("distributed", "distributed.client", "tornado", "tornado.application", "asyncio"):
        assert not logging.getLogger(name).isEnabledFor(logging.CRITICAL), name
