"""Locks: one build at a time writes a site folder, and one command at a
time writes the analyst's files.

A lock is a file beside what it guards, held with flock(2): the system
releases it when the process ends, however it ends, so a killed command
never leaves a stale lock. An exclusive holder writes its process number
into the file, for the message a waiting command prints; a file there with
anything else in it is not ours, and is refused rather than used.

* `site_lock(target)`: `.NAME.lock` beside the site folder NAME, held for
  the whole build (two builds into one folder would swap over each other);
  the holder prunes the last build's old site in the trash meanwhile, to
  stage its new site into it (`swap.remove_trash`), and waits for that
  before it lets the lock go.
* `project_lock(root)`: `ROOT/.newsdossier.lock`. `add`, `accept` and
  `alias` hold it exclusively while they read, check and write seeds/ and
  dossier/ (so `add` numbers its seed under it: six `add`s at once get six
  numbers); a build holds it shared while it reads the project, so it never
  reads a seed whose entry is not written yet, and builds do not wait for
  each other. A command that has to wait says so, and gives up with a clear
  error after `wait_seconds`.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import sys
import time
from pathlib import Path

from ..models.errors import DossierError, printable
from .site_folder import check_target

PROJECT_LOCK = ".newsdossier.lock"
WAIT_SECONDS = 600


@contextlib.contextmanager
def site_lock(target: Path, wait_seconds: float = WAIT_SECONDS):
    """One build at a time per output folder: a second waits for the first
    (saying so), and gives up with a clear error after `wait_seconds`."""
    target = Path(os.path.abspath(target))
    check_target(target)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise DossierError(str(target), None, f"cannot write the site here: {error.strerror}") from None
    with _held(
        target.parent / f".{target.name}.lock",
        exclusive=True,
        wait_seconds=wait_seconds,
        shown=str(target),
        waiting=f"waiting for the build already writing {target}",
        given_up="another build (process {holder}) is still writing this site; try again later",
        cannot="cannot write the site here",
    ):
        check_target(target)  # checked again now that no other build can change the folder
        from .swap import (
            forget_recycled,
            remove_trash,
            wait_for_removals,
        )  # here: not imported by a no-change build

        # The last build's old site, pruned to be this one's staging folder
        # while it works (`build.swap`), any other trash removed, and done
        # before the lock is let go: only a build holding it touches the trash.
        try:  # (the removal begun inside: a stop while it starts is waited for too)
            remove_trash(target)
            yield
        finally:
            wait_for_removals()
            forget_recycled(target)  # not made a staging folder: left in the trash for the next


@contextlib.contextmanager
def project_lock(root: Path, exclusive: bool = True, wait_seconds: float = WAIT_SECONDS):
    """The project's lock (see the module docstring); nothing to lock when
    `root` is not a folder (reading it then says what is missing)."""
    root = Path(os.path.abspath(root))
    if not root.is_dir():
        yield
        return
    with _held(
        root / PROJECT_LOCK,
        exclusive=exclusive,
        wait_seconds=wait_seconds,
        shown=str(root),
        waiting=f"waiting for the newsdossier command already writing {root}",
        given_up="another newsdossier command (process {holder}) is still writing this dossier; "
        "try again later",
        cannot="cannot lock the dossier",
    ):
        yield


@contextlib.contextmanager
def _held(
    lock: Path, exclusive: bool, wait_seconds: float, shown: str, waiting: str, given_up: str, cannot: str
):
    """`lock` held (exclusive or shared) for the `with` block; `shown` is
    the path errors name, the other texts are the messages."""
    not_ours = DossierError(
        str(lock), None, "is in the way of newsdossier's lock file and was not made by newsdossier; move it"
    )
    if lock.is_symlink():
        raise not_ours
    mode = fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH
    try:
        handle = open(lock, "a+")  # noqa: SIM115 -- closed below, after the lock is released
    except OSError as error:
        raise DossierError(shown, None, f"{cannot}: {error.strerror}") from None
    with handle:
        handle.seek(0)
        held = handle.read(64).strip()
        if held and not held.isdigit():  # ours holds a process number, or nothing
            raise not_ours
        if not _try(handle, mode):
            holder = _holder(handle)
            print(printable(f"{waiting} (process {holder})…"), file=sys.stderr, flush=True)
            deadline = time.monotonic() + wait_seconds
            while not _try(handle, mode):
                if time.monotonic() > deadline:
                    raise DossierError(shown, None, given_up.format(holder=holder))
                time.sleep(0.1)
        if exclusive:
            handle.seek(0)
            handle.truncate()
            handle.write(str(os.getpid()))
            handle.flush()
        try:
            yield
        finally:
            if exclusive:  # no stale number for the next waiter to name
                with contextlib.suppress(OSError):
                    handle.truncate(0)
            fcntl.flock(handle, fcntl.LOCK_UN)


def _try(handle, mode: int) -> bool:
    try:
        fcntl.flock(handle, mode | fcntl.LOCK_NB)
        return True
    except BlockingIOError:
        return False


def _holder(handle) -> str:
    handle.seek(0)
    return handle.read(64).strip() or "?"
