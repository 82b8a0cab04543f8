"""The command line: `newsdossier build|serve|add|new|accept|alias`, and
`build.py`.

`main` parses the arguments and turns errors into one line each; `serve`
is the preview server; `add` brings a new article into the dossier; `new`
starts one; `accept` and `alias` grow its gazetteer. This module imports
nothing heavy and installs the stop-signal handler first
(`build.signals`), so that Ctrl+C, SIGTERM or SIGHUP while the rest is
still being imported ends with one line, not a traceback. The entry points
end the process with `exit_now`: Python's exit work, without its teardown.
"""

from __future__ import annotations

import atexit
import os
import signal
import sys
import threading
from pathlib import Path
from typing import NoReturn

from ..build import signals

# The commands that write a site; the others write the analyst's files.
SITE_COMMANDS = ("build", "serve")


def stopped_line(number: int, finished: bool, command: str) -> str:
    """What a stop signal left behind, in one line."""
    said = "interrupted" if number == signal.SIGINT else f"stopped by {signal.Signals(number).name}"
    if command in SITE_COMMANDS:
        state = "the new site is in place" if finished else "the previous site is unchanged"
    else:
        state = "the change was made whole" if finished else "nothing was changed"
    return f"{said}: {state}"


def run(prog: str = "newsdossier", default_root: Path | None = None) -> int:
    try:
        # Before the heavy imports, so that a stop while they run is one line too; inside the
        # `try`: a signal that comes the instant its handler is in place is that line, not a traceback.
        signals.install()
        from .main import main

        return main(prog=prog, default_root=default_root, ending=True)  # then `exit_now`
    except KeyboardInterrupt as stop:  # one that came before `main` was ready for it
        command = next((a for a in sys.argv[1:2] if a in ("add", "new", "accept", "alias", "serve")), "build")
        print(stopped_line(getattr(stop, "number", signal.SIGINT), False, command), file=sys.stderr)
        return 128 + getattr(stop, "number", signal.SIGINT)
    finally:
        # The work is done and said: a stop signal from here on is held back
        # until the process has exited. Python puts the default actions back
        # while it shuts down, so one arriving then would kill a finished
        # command and turn its exit status into the signal's.
        signal.pthread_sigmask(signal.SIG_BLOCK, signals.STOP_SIGNALS)


def exit_now(status: int) -> NoReturn:
    """End the process with `status`, once the command has said everything,
    without Python's teardown. Python's exit frees every object and module
    one at a time (0.1-0.2 s after an added article's build, half of it the
    500 modules a build imports); the system takes the whole memory back at
    once. What an exit must still do is done first, as Python does it: the
    threads that are not daemons waited for, the exit handlers run (those of
    multiprocessing, logging, Dask, the library's `atexit` users), standard
    output and error flushed (one that cannot be is status 120, as Python
    reports it). Only the command's entry points call this (`build.py`,
    `newsdossier`, `python -m newsdossier`); `run` itself returns. Under a
    profiler or a tracer (`python -m cProfile`, coverage), which write their
    results when the script returns, the exit is Python's own."""
    shutdown = getattr(threading, "_shutdown", None)  # CPython's own first step of an exit
    if shutdown is None or sys.getprofile() is not None or sys.gettrace() is not None:
        sys.exit(status)
    shutdown()
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        try:
            if stream is not None and not stream.closed:  # one the command closed: nothing left to write
                stream.flush()
        except (OSError, ValueError):  # a broken pipe: the output was not all written
            status = 120
    os._exit(status)


def console() -> NoReturn:
    """The `newsdossier` console command: the current folder is the project."""
    exit_now(run())
