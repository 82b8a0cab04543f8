"""Where the per-article work runs: one small `concurrent.futures`-style
interface over this process, our own forked workers, or a Dask cluster.

A `Task` is two module-level functions and a picklable value: `setup(context)`
runs once per worker (the analysis loads its language tools there) and
`run(state, item)` once per item. A worker's state is made from `context`
alone and it works on the items alone: a Dask worker on another machine
has only what it was sent (and its own install of the package). Forked
local workers inherit one state made by the same `setup(context)` in the
main process, which runs the first item with it before forking (the
tools' loading and first use paid once, not once per worker): the same
values, made once. They inherit the items too: only an item's index goes
through a forked worker's pipe (an article's seed bytes and metadata are
not pickled again for it).

`Executor.as_completed` yields `(index, result)` as each result is ready,
so the caller can keep each one at once (the article cache is written that
way); `map` yields the results in the items' order. Leaving the `with`
block because of an error or a stop signal cancels whatever is still
queued or running: forked workers are killed, Dask's tasks cancelled.

* `SerialExecutor`: in this process (one job, or too few items to pay for
  workers).
* `ProcessExecutor`: `pool.WorkerPool`, forked workers with a pipe each,
  the default (its docstring says why not `multiprocessing.Pool`).
* `DaskExecutor`: a Dask distributed scheduler's workers, through
  `Client.get_executor()` (`--executor dask --scheduler ADDRESS`). The
  context is scattered to every worker once; items go out in small
  batches (`batch_size`); each worker thread keeps the state made from the
  context while the task's `key` stays the same. Dask is imported only
  here, and only when asked for.
"""

from __future__ import annotations

import contextlib
import threading
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from ..models.errors import DossierError
from .pool import WorkerPool, can_fork, in_order

EXECUTORS = ("local", "dask")
CONNECT_SECONDS = 10  # how long to try reaching a scheduler before saying it cannot be reached
CLOSE_SECONDS = 5  # a stopped build does not wait longer than this for the scheduler to hear of it
MAX_BATCH = 16  # items per Dask task at most (see batch_size)


@dataclass(frozen=True)
class Task:
    """`setup(context)` once per worker, then `run(state, item)` per item.
    Both are module-level functions (sent by name); `context` is
    picklable, and `key` names it: a worker that already made the state for
    this key keeps it (a long-lived Dask worker serving several builds of
    one dossier loads the tools once)."""

    setup: Callable[[Any], Any]
    run: Callable[[Any, Any], Any]
    context: Any
    key: str
    # In a worker process, what a result is made into to travel back (also
    # module-level); None: the result itself. The caller is given results
    # in either form: this process runs some items itself.
    send: Callable[[Any], Any] | None = None


class Executor(ABC):
    """Runs a `Task` over items; a context manager (an error or a stop
    leaving the block cancels the work still queued or running)."""

    @abstractmethod
    def as_completed(self, task: Task, items: Sequence) -> Iterator[tuple[int, Any]]:
        """`(index, run(state, item))` for every item, as each is ready."""

    def map(self, task: Task, items: Sequence) -> Iterator[Any]:
        """The results in the items' order, each as soon as it and those
        before it are ready."""
        return in_order(self.as_completed(task, items))

    def close(self, cancel: bool) -> None:  # noqa: B027 (nothing to close by default)
        """End the executor; `cancel`: drop whatever is still running."""

    def __enter__(self) -> Executor:
        return self

    def __exit__(self, kind, error, _traceback) -> None:
        self.close(cancel=kind is not None)


class SerialExecutor(Executor):
    """Every item in this process, one after the other."""

    def as_completed(self, task: Task, items: Sequence) -> Iterator[tuple[int, Any]]:
        state = task.setup(task.context)
        for index, item in enumerate(items):
            yield index, task.run(state, item)


_forked: tuple[Task, Any, Sequence] | None = None  # in a forked worker: the task, its state and the items


def _start_forked(task: Task, state: Any, items: Sequence) -> None:
    global _forked
    _forked = (task, state, items)


def _run_forked(index: int) -> Any:
    """The item at `index`, from the items the worker inherited (an
    article's seed bytes and metadata are not pickled and sent through its
    pipe: the index is)."""
    task, state, items = _forked
    result = task.run(state, items[index])
    return task.send(result) if task.send else result


class ProcessExecutor(Executor):
    """`processes` forked workers (`pool.WorkerPool`), started for each
    `as_completed` and ended with it, or by `close` at the latest. The
    task's state is made in this process before the fork (the workers
    inherit it), and the first item is run here."""

    def __init__(self, processes: int):
        self.processes = processes
        self.running: list[Iterator] = []

    def as_completed(self, task: Task, items: Sequence) -> Iterator[tuple[int, Any]]:
        running = self._as_completed(task, items)
        self.running.append(running)
        return running

    def _as_completed(self, task: Task, items: Sequence) -> Iterator[tuple[int, Any]]:
        if self.processes < 2 or len(items) < 2 or not can_fork():
            yield from SerialExecutor().as_completed(task, items)
            return
        # The state is made here, once, and the first item run with it
        # before the fork: what the state loads on first use (the analysis'
        # lexicon and model weights, its memos of words) is then loaded once
        # and shared by every worker (copy-on-write), not loaded again in each.
        state = task.setup(task.context)
        yield 0, task.run(state, items[0])
        rest = range(1, len(items))  # (the workers inherit the items: only their indexes are sent)
        with WorkerPool(min(self.processes, len(rest)), _start_forked, (task, state, items)) as pool:
            for index, result in pool.imap_unordered(_run_forked, rest):
                yield rest[index], result

    def close(self, cancel: bool) -> None:
        # A pool left open by a caller that stopped reading (an error, a
        # stop signal): closing its generator leaves the pool's block
        # with GeneratorExit, which kills the workers now, not whenever the
        # traceback that holds the generator is freed.
        for running in self.running:
            running.close()
        self.running.clear()


_remote = threading.local()  # on a Dask worker, per thread: the key and the state made for it


def _run_remote(
    setup: Callable, run: Callable, send: Callable | None, context: Any, key: str, items: list
) -> list:
    """A batch of items on a Dask worker: the state made once per worker
    thread (its tools need not be safe to share between threads)."""
    if getattr(_remote, "key", None) != key:
        _remote.key, _remote.state = None, None  # the previous build's tools, freed before loading these
        _remote.state = setup(context)
        _remote.key = key
    results = [run(_remote.state, item) for item in items]
    return [send(result) for result in results] if send else results


def batch_size(items: int, workers: int) -> int:
    """Items per Dask task: a task costs the scheduler and the client a few
    milliseconds (3 ms measured on loopback, about a tenth of an article's
    analysis), so items go in batches, at most `MAX_BATCH` (a stop loses at
    most one batch per worker), and at least 4 batches per worker to keep
    them evenly busy."""
    return max(1, min(MAX_BATCH, items // (4 * max(1, workers))))


class DaskExecutor(Executor):
    """The workers of the Dask distributed scheduler at `address`."""

    def __init__(self, address: str):
        try:
            from distributed import Client
        except ImportError:
            raise DossierError(
                "--executor", None, "dask is not installed: pip install 'newsdossier[cluster]'"
            ) from None
        self.address = address
        _quiet_dask()
        try:
            self.client = Client(address, timeout=CONNECT_SECONDS, set_as_default=False)
        except (OSError, ValueError, TypeError) as error:
            reason = str(error).splitlines()[0] if str(error) else type(error).__name__
            raise DossierError(
                "--scheduler", None, f"cannot reach the Dask scheduler at {address}: {reason}"
            ) from None
        self.executor = self.client.get_executor(pure=False)  # tasks never merged by equal arguments
        self.futures: list = []

    def _threads(self) -> int:
        """The workers' threads; a scheduler with no worker is an error, not a wait for ever."""
        try:
            self.client.wait_for_workers(1, timeout=CONNECT_SECONDS)
        except (TimeoutError, OSError):
            raise DossierError(
                "--scheduler", None, f"the Dask scheduler at {self.address} has no workers: start some"
            ) from None
        return sum(self.client.nthreads().values())

    def as_completed(self, task: Task, items: Sequence) -> Iterator[tuple[int, Any]]:
        from concurrent.futures import CancelledError, as_completed

        from distributed import KilledWorker

        if not items:
            return
        size = batch_size(len(items), self._threads())
        # Once to every worker, not once per task: a large gazetteer travels once.
        context = self.client.scatter(task.context, broadcast=True, hash=False)
        batches = {}
        for start in range(0, len(items), size):
            batch = list(items[start : start + size])
            future = self.executor.submit(
                _run_remote, task.setup, task.run, task.send, context, task.key, batch
            )
            batches[future] = start
            self.futures.append(future)
        try:
            for future in as_completed(batches):
                for offset, result in enumerate(future.result()):
                    yield batches[future] + offset, result
        except KilledWorker as error:
            raise DossierError(
                "--scheduler",
                None,
                f"Dask workers at {self.address} kept dying on one task (out of memory?): {error}; "
                "nothing was changed",
            ) from None
        except CancelledError:  # the scheduler went away (or cancelled the work) meanwhile
            raise DossierError(
                "--scheduler",
                None,
                f"lost the Dask scheduler at {self.address} during the analysis: nothing was changed (the "
                "articles analysed so far are in the cache)",
            ) from None

    def close(self, cancel: bool) -> None:
        with contextlib.suppress(Exception):  # a scheduler already gone has nothing to hear
            if cancel:
                for future in self.futures:
                    future.cancel()
            self.executor.shutdown(wait=False)
            self.client.close(timeout=CLOSE_SECONDS)


def _quiet_dask() -> None:
    """Dask and Tornado log connection attempts, cancelled transfers and
    shutdowns as warnings and errors (with tracebacks) from the client's
    own thread, some while or after it closes; a build says what went wrong
    in one line of its own, so once a client is opened they are silent for
    the rest of the command."""
    import logging  # here: every command imports this module, and only Dask's client logs

    quiet = {"distributed", "tornado", "asyncio"}
    # Dask's logging configuration gives some of their loggers levels of
    # their own (tornado.application: error): each one set is silenced too.
    quiet.update(n for n in logging.root.manager.loggerDict if n.split(".")[0] in quiet)
    for name in sorted(quiet):
        logging.getLogger(name).setLevel(logging.CRITICAL + 1)


def open_executor(kind: str, scheduler: str | None, processes: int) -> Executor:
    """The executor a build was asked for (`--executor`, `--scheduler`,
    `--jobs`)."""
    if kind == "dask":
        if not scheduler:
            raise DossierError("--scheduler", None, "--executor dask needs --scheduler ADDRESS")
        return DaskExecutor(scheduler)
    if kind != "local":
        raise DossierError("--executor", None, f"unknown executor {kind!r}: one of {', '.join(EXECUTORS)}")
    return ProcessExecutor(processes)
