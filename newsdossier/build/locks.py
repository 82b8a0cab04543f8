"""Locks: one build at a time writes a site folder.

A lock is a file beside what it guards, held with flock(2): the system
releases it when the process ends, however it ends, so a killed build never
leaves a stale lock. The file holds the number of the process holding it,
for the message a waiting command prints.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import sys
import time
from pathlib import Path

from ..models.errors import DossierError
from .site_folder import check_target


@contextlib.contextmanager
def site_lock(target: Path, wait_seconds: float = 600):
    """One build at a time per output folder: a second waits for the first
    (saying so), and gives up with a clear error after `wait_seconds`."""
    target = Path(os.path.abspath(target))
    check_target(target)
    lock = target.parent / f".{target.name}.lock"
    not_ours = DossierError(
        str(lock), None, "is in the way of the build's lock file and was not made by newsdossier; move it"
    )
    if lock.is_symlink():
        raise not_ours
    with contextlib.ExitStack() as stack:
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            handle = stack.enter_context(open(lock, "a+"))
        except OSError as error:
            raise DossierError(str(target), None, f"cannot write the site here: {error.strerror}") from None
        handle.seek(0)
        held = handle.read(64)
        if held.strip() and not held.strip().isdigit():  # ours holds a process number, or nothing
            raise not_ours
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "?"
            print(
                f"waiting for the build already writing {target} (process {holder})…",
                file=sys.stderr,
                flush=True,
            )
            deadline = time.monotonic() + wait_seconds
            while True:
                time.sleep(0.2)
                try:
                    fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() > deadline:
                        raise DossierError(
                            str(target),
                            None,
                            f"another build (process {holder}) is still writing this site; try again later",
                        ) from None
        handle.seek(0)
        handle.truncate()
        handle.write(str(os.getpid()))
        handle.flush()
        # Checked again now that no other build can change the folder.
        check_target(target)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
