"""Stopping a command: Ctrl+C, SIGTERM and SIGHUP alike.

Ctrl+C (SIGINT) is what a terminal sends; SIGTERM is what a CI cancel,
`systemctl stop`, a container's shutdown and `timeout` send; SIGHUP comes
when the terminal closes. `stop_on_signals` (the command line holds it for
the whole command) turns each into a `Stopped` exception in the main
process, so the build unwinds as from any failure: the staging folder is
removed, the worker processes are killed, the locks are released,
and the previous site is as it was. One line says so.

From the swap on (`hold`), a signal is held back until the build has
written everything (`release`): the new site, the review file and the
manifest, which belong together. The build then stops as it ends, and says
that the new site is in place.

A signal can come while Python runs a callback whose exceptions it cannot
pass on: logging's lock released after each fork (`os.register_at_fork`),
a finaliser. Python prints the `Stopped` raised there ("Exception ignored
in ...") and goes on, and the build would neither stop nor say one line.
Such a stop is taken instead of printed (`sys.unraisablehook`) and raised
at the end of the stage it came in (`checkpoint`, at each stage's end).

Worker processes are forked from the main process and inherit its handler:
in any process but the one that installed it, the handler puts the
signal's default action back and sends the signal again, so a worker just
ends (the main process speaks for all of them). Workers also reset it when
they start (`worker_defaults`).
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import threading

STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)


class Stopped(KeyboardInterrupt):
    """The command was asked to stop by a signal. `finished`: the signal
    came after the new site was swapped in, and the build completed."""

    def __init__(self, number: int, finished: bool = False):
        super().__init__(number, finished)
        self.number = number
        self.finished = finished

    @property
    def name(self) -> str:
        return signal.Signals(self.number).name

    @property
    def exit_status(self) -> int:
        return 128 + self.number  # the shell's convention: 130 for Ctrl+C, 143 for SIGTERM


_owner: int | None = None  # the process whose handler raises Stopped
_stopping = False  # Stopped was raised: later signals are ignored while everything unwinds
_done = False  # the command's work is over: nothing is left to stop
_holding = False
_held: int | None = None
_swallowed: Stopped | None = None  # raised where Python could not pass it on: for `checkpoint`


def _handler(number: int, _frame) -> None:
    global _stopping, _held
    if os.getpid() != _owner:  # a forked worker: end as the signal's default says
        signal.signal(number, signal.SIG_DFL)
        os.kill(os.getpid(), number)
        return
    if _stopping or _done:
        return
    if _holding:
        _held = _held or number
        return
    _stopping = True
    raise Stopped(number)


def install() -> None:
    """The handler, for the rest of this process: the command line's first
    step, so that a signal while Python is still importing the build is a
    `Stopped` too, and one that comes after the command's work is ignored
    (a process that has finished need not be stopped, and must not die
    half way through exiting)."""
    global _owner, _stopping, _done, _holding, _held, _swallowed
    _owner, _stopping, _done, _holding, _held, _swallowed = os.getpid(), False, False, False, None, None
    for number in STOP_SIGNALS:
        signal.signal(number, _handler)
    if sys.unraisablehook is not _unraisable:
        _unraisable.previous = sys.unraisablehook
        sys.unraisablehook = _unraisable


def _unraisable(unraisable) -> None:
    """`sys.unraisablehook`: our `Stopped`, raised where Python could not
    pass it on, is kept for `checkpoint` (not printed); anything else goes
    to the hook there was before."""
    global _swallowed
    if isinstance(unraisable.exc_value, Stopped) and os.getpid() == _owner and not _done:
        _swallowed = _swallowed or unraisable.exc_value
        return
    _unraisable.previous(unraisable)


_unraisable.previous = sys.unraisablehook


def checkpoint() -> None:
    """Raise the stop that came where Python could not raise it (see the
    module docstring), if one did: called at the end of each stage."""
    global _swallowed
    stop, _swallowed = _swallowed, None
    if stop is not None:
        raise stop


@contextlib.contextmanager
def stop_on_signals():
    """For the `with` block: each of `STOP_SIGNALS` raises `Stopped` in
    this process (see the module docstring); afterwards the handlers are
    put back (when they were this module's, they now ignore signals)."""
    global _done
    if threading.current_thread() is not threading.main_thread():  # only the main thread gets signals
        yield
        return
    previous = {number: signal.getsignal(number) for number in STOP_SIGNALS}
    install()
    try:
        yield
    finally:
        _done = True
        for number, handler in previous.items():
            signal.signal(number, handler if handler is not None else signal.SIG_DFL)
        if sys.unraisablehook is _unraisable:
            sys.unraisablehook = _unraisable.previous


def hold() -> None:
    """From here until `release`, a stop signal is kept for later."""
    global _holding
    _holding = True


def release() -> int | None:
    """Stop holding signals; the one that came meanwhile, if any (the
    caller raises `Stopped(number, finished=True)` once its work is done;
    later signals are ignored)."""
    global _holding, _held, _stopping
    number, _holding, _held = _held, False, None
    _stopping = _stopping or number is not None
    return number


@contextlib.contextmanager
def held():
    """The `with` block runs to its end whatever signal comes (a few file
    writes that belong together); one that came is raised after it, as
    `Stopped(finished=True)`."""
    hold()
    try:
        yield
    finally:
        number = release()
    if number is not None:
        raise Stopped(number, finished=True)


def worker_defaults(parent: int | None = None) -> None:
    """In a worker process: SIGTERM and SIGHUP end it as they would any
    program, and Ctrl+C is left to the main process. With `parent` (the
    process that forked it), it also ends when that process does."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for number in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(number, signal.SIG_DFL)
    if parent is not None:
        _end_with(parent)


PR_SET_PDEATHSIG = 1  # prctl(2): the signal a process gets when the one that forked it ends


def _end_with(parent: int) -> None:
    """This worker is killed when its build ends, however it ends: a build
    killed by SIGKILL (the kernel out of memory, `kill -9`) runs no code, and
    its workers, waiting on their pipes, would live on
    holding the site's lock (inherited), so the next build would wait for
    them and give up. On Linux the kernel sends SIGKILL (prctl); elsewhere
    a worker waiting for a task ends when its pipe closes (`pool._serve`)."""
    if sys.platform.startswith("linux"):
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != parent:  # the build ended before the request above was made
        os._exit(1)


@contextlib.contextmanager
def deferred():
    """The `with` block, a step that must not be cut in two (a folder made
    and recorded as made, so that a stop can remove it), runs to its end; a
    stop signal that came meanwhile is raised after it, as `Stopped`. Inside
    a `hold` it only runs the block: the outer one keeps the signal."""
    if _holding or threading.current_thread() is not threading.main_thread():
        yield
        return
    hold()
    try:
        yield
    except BaseException:
        number = release()
        if number is not None:  # the stop asked for wins over the step's own failure
            raise Stopped(number) from None
        raise
    number = release()
    if number is not None:
        raise Stopped(number)
