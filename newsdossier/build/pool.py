"""Worker processes for the build: forked, each with a pipe of its own, and
stopped at once when the build stops.

Why not `multiprocessing.Pool`: its workers share one queue guarded by a
lock that an idle worker holds while it waits for work. A worker killed
then (SIGTERM from `systemctl stop`, SIGHUP from a closing terminal, the
kernel out of memory) leaves the lock held for ever, and the pool hangs
when it is stopped, or when it waits for the dead worker's result. Here
nothing is shared: the main process hands each task to an idle worker
through that worker's pipe and waits on all the pipes at once; a worker
that dies shows as the end of its pipe (a clear error), and a stopped
build kills every worker (SIGKILL) and waits for nothing else.

Workers are forked after the caller has set up what they need (they share
the parent's memory until they write to it), ignore Ctrl+C (a terminal
sends it to the whole process group: the main process alone reports it)
and end at once on SIGTERM and SIGHUP (`signals.worker_defaults`).

`Beside` runs one closure in a forked process of its own while the build
goes on (the candidates' summary beside linking and planning): the fork
inherits the closure, so nothing is pickled to it; only its result comes
back, and leaving the block without asking for it kills the process.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import os
import signal
import sys
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any

from ..models.errors import DossierError
from .signals import worker_defaults

if TYPE_CHECKING:  # multiprocessing is imported when workers are started, not by every build (20 ms)
    import multiprocessing
    from multiprocessing.connection import Connection


def can_fork() -> bool:
    return sys.platform.startswith("linux")


@functools.cache
def _malloc_trim() -> Callable[[int], int] | None:
    import ctypes  # here, not at the top: every build imports this module (the CLI, via the executors)

    try:
        return ctypes.CDLL(None).malloc_trim  # glibc's; absent elsewhere (musl, macOS)
    except (OSError, AttributeError):
        return None


def give_back_memory() -> None:
    """Return the C heap's free pages to the system. Python keeps what it
    frees of large blocks (a text, a pickle of an article) in the C heap,
    where only blocks of the same size can use it again: the seeds read,
    the articles received from workers and written to the cache left
    46 MB of holes at 10,000 articles, counted in this process's memory to
    the end of the build and in every worker forked from it. Called
    between stages and before each fork (milliseconds)."""
    trim = _malloc_trim()
    if trim is not None:
        trim(0)


def in_order(indexed: Iterable[tuple[int, Any]]) -> Iterator[Any]:
    """Results that come as `(index, result)` in any order, yielded in the
    indices' order, each as soon as it and those before it are there."""
    ready: dict[int, Any] = {}
    done = 0
    for index, result in indexed:
        ready[index] = result
        while done in ready:
            yield ready.pop(done)
            done += 1


class WorkerCrash(Exception):
    """A task failed in a worker process with an unexpected error (a bug):
    the worker's traceback is the message."""


def _serve(
    connection: Connection, builds: Connection, initializer: Callable | None, initargs: tuple, parent: int
) -> None:
    """A worker: run each task received, send back its result, until told
    to stop (None) or its pipe closes; killed when `parent` (the build) ends.
    `builds`: the build's end of this worker's pipe, which the fork copied
    here: closed, so that the pipe closes when the build ends."""
    builds.close()
    worker_defaults(parent)
    if initializer is not None:
        initializer(*initargs)
    while True:
        try:
            task = connection.recv()
        except EOFError:
            return
        if task is None:
            return
        index, function, item = task
        try:
            connection.send((index, True, function(item)))
        except DossierError as error:  # bad input met in a worker: the same message as in the main process
            connection.send((index, False, error))
        except Exception:
            import traceback

            connection.send((index, False, WorkerCrash(traceback.format_exc())))


class WorkerPool:
    """`processes` forked workers; `imap` hands out tasks, and leaving the
    `with` block ends them (all of them killed if the block failed or was
    stopped)."""

    def __init__(self, processes: int, initializer: Callable | None = None, initargs: tuple = ()):
        import multiprocessing

        from .swap import wait_for_removals

        wait_for_removals()  # no fork while a thread removes the last build's old site (`build.swap`)
        context = multiprocessing.get_context("fork")
        give_back_memory()  # not counted again in every worker
        self.workers: list[tuple[multiprocessing.Process, Connection]] = []
        ignoring = signal.signal(signal.SIGINT, signal.SIG_IGN)  # inherited by the workers from the fork on
        # What this process holds is left out of the workers' garbage
        # collections (a collection writes to every object it walks, and each
        # page it writes is copied from the parent's): at 100 articles, 10%
        # fewer page faults and 0.1-0.2 s less CPU over the build's workers.
        # This process's own collections are as before once they are forked.
        # Objects a build already froze (the held articles, see run_stages)
        # stay frozen: unfreezing after the fork would undo that, so only a
        # freeze made here is undone here.
        freezing = gc.get_freeze_count() == 0
        if freezing:
            gc.freeze()
        try:
            for _ in range(processes):
                ours, theirs = context.Pipe()
                process = context.Process(
                    target=_serve, args=(theirs, ours, initializer, initargs, os.getpid()), daemon=True
                )
                process.start()
                theirs.close()
                self.workers.append((process, ours))
        except BaseException:
            self.kill()
            raise
        finally:
            if freezing:
                gc.unfreeze()
            signal.signal(signal.SIGINT, ignoring)

    def __enter__(self) -> WorkerPool:
        return self

    def __exit__(self, kind, error, _traceback) -> None:
        if kind is None:
            self.close()
        else:
            self.kill()

    def imap(self, function: Callable[[Any], Any], items: Iterable) -> Iterator:
        """`function(item)` for every item, run by the workers, yielded in
        the items' order as they are ready; `function` must be a module's
        own (it is sent by name)."""
        return in_order(self.imap_unordered(function, items))

    def imap_unordered(self, function: Callable[[Any], Any], items: Iterable) -> Iterator[tuple[int, Any]]:
        """`(index, function(item))` for every item, yielded as each is
        ready (the caller can keep each result at once: a stop loses only
        the tasks still running). A worker that answered is given its next
        task before its answer is yielded: it works while the caller takes
        the answer in (the analysis' cache write, unpickling and holding, a
        tenth of an article's time), instead of waiting for the caller."""
        items = list(items)
        idle = [connection for _, connection in self.workers]
        busy: dict[Connection, int] = {}
        sent = 0

        def feed() -> None:
            nonlocal sent
            while idle and sent < len(items):
                connection = idle.pop()
                connection.send((sent, function, items[sent]))
                busy[connection] = sent
                sent += 1

        done = 0
        while done < len(items):
            feed()
            answers = []
            for connection in _wait(list(busy)):
                answers.append(self._receive(connection))
                del busy[connection]
                idle.append(connection)
            feed()
            for index, succeeded, result in answers:  # those before a failure are yielded (and kept) first
                if not succeeded:
                    raise result
                done += 1
                yield index, result

    def start(self, function: Callable[[Any], Any], item: Any) -> Callable[[], Any]:
        """`function(item)` sent to the first worker now, while this process
        goes on; what is returned waits for its result (an error in the
        worker raised here, as `imap`'s are)."""
        connection = self.workers[0][1]
        connection.send((0, function, item))

        def result() -> Any:
            _, succeeded, answer = self._receive(connection)
            if not succeeded:
                raise answer
            return answer

        return result

    def _receive(self, connection: Connection) -> tuple[int, bool, Any]:
        try:
            return connection.recv()
        except EOFError:  # the worker is gone: say how, instead of waiting for it for ever
            process = next(p for p, c in self.workers if c is connection)
            process.join(timeout=5)
            how = (
                f"was killed by signal {-process.exitcode}"
                if process.exitcode and process.exitcode < 0
                else f"ended with status {process.exitcode}"
            )
            raise DossierError(
                "--jobs",
                None,
                f"a worker process {how} (out of memory?): nothing was changed; try again, or with "
                "fewer --jobs",
            ) from None

    def close(self) -> None:
        """Tell every worker to stop, and wait for them (once: a pool closed
        early is closed again by leaving its `with` block)."""
        for _, connection in self.workers:
            with contextlib.suppress(OSError):  # a worker already gone
                connection.send(None)
        for process, connection in self.workers:
            process.join(timeout=30)
            if process.is_alive():
                process.kill()
                process.join()
            connection.close()
        self.workers = []

    def kill(self) -> None:
        """End every worker now (SIGKILL cannot be caught, ignored or
        delayed: nothing is left to wait for)."""
        for process, _ in self.workers:
            if process.pid is not None and process.exitcode is None:
                process.kill()
        for process, connection in self.workers:
            if process.pid is not None:
                process.join()
            connection.close()


def _wait(connections: list) -> list:
    from multiprocessing.connection import wait  # imported by now: the pool made its pipes with it

    return wait(connections)


_beside: Callable[[], Any] | None = None  # in the process `beside` forked: its work (inherited, not pickled)


def _keep_beside(work: Callable[[], Any]) -> None:
    global _beside
    _beside = work


def _run_beside(_item: None) -> Any:
    return _beside()


class Beside:
    """`work()` done in a forked process while the `with` block runs, when
    `fork` (and this system forks): the block calls what it is given for
    the result, waiting for it if need be, and the process ends then; it is
    killed when the block is left by an error, a stop, or without asking.
    Otherwise `work()` is done here, when the block begins. `work` may be
    any callable (a closure over this process's values): the process
    inherits it; its result comes back pickled. Nothing here holds `work`
    once it is done (what it reads, freed when its caller lets go of it)."""

    def __init__(self, work: Callable[[], Any], fork: bool):
        self.work: Callable[[], Any] | None = work
        self.fork = fork and can_fork()
        self.pool: WorkerPool | None = None

    def __enter__(self) -> Callable[[], Any]:
        work, self.work = self.work, None
        if not self.fork:
            made = work()
            return lambda: made
        self.pool = WorkerPool(1, _keep_beside, (work,))  # (holds `work` until it is closed)
        try:
            answer = self.pool.start(_run_beside, None)
        except BaseException:
            self.pool.kill()
            raise

        def result() -> Any:
            made = answer()
            self.pool.close()  # (its copied pages given back before the next stage forks its own workers)
            return made

        return result

    def __exit__(self, kind, error, _traceback) -> None:
        if self.pool is not None:
            self.pool.kill()  # (nothing left to kill when its result was asked for: closed then)
            self.pool = None
