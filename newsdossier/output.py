"""Write the site: all of it, or none of it.

The whole site is written into a fresh folder beside the target, then
swapped in with two renames. A build that fails before the swap leaves the
previous site exactly as it was; the only moment without a site at the
target path is between the two renames.

A file whose bytes are the same as in the previous site is not rewritten:
the staging folder gets a hard link to the old file, which keeps its
modification time, so an upload tool that compares times or sizes sees only
what really changed.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import fcntl
import os
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from .errors import DossierError


def check_paths(files: dict[str, bytes]) -> None:
    """Every output path stays inside the site and is a plain relative path."""
    for path in files:
        parts = path.split("/")  # not PurePosixPath: it would quietly fold "a//b" and "./a"
        if any(p in ("", ".", "..") for p in parts) or "\\" in path:
            raise DossierError(path, None, "output path would leave the site folder")


@dataclass(frozen=True)
class Written:
    paths: list[str]  # every file of the new site
    changed: int  # files whose bytes differ from the previous site (new ones included)


def check_target(target: Path) -> None:
    blocking = next((p for p in (target.parent, *target.parent.parents) if p.exists() and not p.is_dir()), None)
    if blocking is not None:
        raise DossierError(str(target), None, f"cannot write the site here: {blocking} is a file, not a folder")


def _same_file(old: Path, data: bytes) -> bool:
    try:
        return old.stat().st_size == len(data) and old.read_bytes() == data
    except OSError:
        return False


def write_site(files: dict[str, bytes], target: Path, finish: Callable[[Path], list[str]] | None = None) -> Written:
    """Write `files` as the site at `target`.

    `finish` runs on the complete staging folder before the swap (the search
    indexer reads the written pages) and returns the paths it added.
    """
    check_paths(files)
    target = target.resolve()
    parent = target.parent
    check_target(target)
    recover(target)
    try:
        parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.new-", dir=parent))
    except OSError as error:
        raise DossierError(str(target), None, f"cannot write the site here: {error.strerror}") from None
    changed = 0
    try:
        for path, data in files.items():
            destination = staging / path
            destination.parent.mkdir(parents=True, exist_ok=True)
            old = target / path
            if _same_file(old, data):
                try:
                    os.link(old, destination)
                    continue
                except OSError:
                    pass  # no hard links here (another file system): write it
            destination.write_bytes(data)
            changed += 1
        added = finish(staging) if finish else []
        for path in added:  # the search index: keep the old file where it did not change
            fresh = staging / path
            old = target / path
            if _same_file(old, fresh.read_bytes()):
                try:
                    os.link(old, fresh.with_name(fresh.name + ".same"))
                    os.replace(fresh.with_name(fresh.name + ".same"), fresh)
                    continue
                except OSError:
                    pass
            changed += 1
        os.chmod(staging, 0o755)  # mkdtemp makes it private; a site is for reading
        swap_in(staging, target)
    except OSError as error:
        shutil.rmtree(staging, ignore_errors=True)
        raise DossierError(str(target), None, f"cannot write the site: {error.strerror}") from None
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return Written(sorted([*files, *added]), changed)


# ------------------------------------------------------------------ the swap

_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


def _exchange(first: Path, second: Path) -> bool:
    """Swap two existing paths in one step (Linux renameat2 with
    RENAME_EXCHANGE): readers see the old site or the new one, never none.
    False where the system or file system cannot."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    result = renameat2(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE)
    if result == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP):
        return False
    raise OSError(code, os.strerror(code), str(second))


def swap_in(staging: Path, target: Path) -> None:
    """Make `staging` the site at `target`; the previous site is deleted."""
    if not target.exists():
        os.rename(staging, target)
        return
    if _exchange(staging, target):
        shutil.rmtree(staging, ignore_errors=True)  # now holds the previous site
        return
    # Elsewhere: two renames. A build killed between them leaves the old site
    # in .NAME.old-*/site, and the next build puts it back first (recover).
    previous = Path(tempfile.mkdtemp(prefix=f".{target.name}.old-", dir=target.parent)) / "site"
    os.rename(target, previous)
    try:
        os.rename(staging, target)
    except OSError:
        os.rename(previous, target)  # put the old site back
        raise
    shutil.rmtree(previous.parent, ignore_errors=True)


def recover(target: Path) -> None:
    """Tidy up after a build that was killed: put back a site moved aside
    by an interrupted swap, and remove abandoned staging folders. Safe
    because the caller holds the site lock: no other build is running."""
    parent = target.parent
    if not parent.is_dir():
        return
    leftovers = sorted(parent.glob(f".{target.name}.old-*"))
    if not target.exists():
        for folder in leftovers:
            if (folder / "site").is_dir():
                os.rename(folder / "site", target)
                break
    for folder in [*leftovers, *parent.glob(f".{target.name}.new-*")]:
        shutil.rmtree(folder, ignore_errors=True)


@contextlib.contextmanager
def site_lock(target: Path, wait_seconds: float = 600):
    """One build at a time per output folder: a second waits for the first
    (saying so), and gives up with a clear error after `wait_seconds`."""
    target = target.resolve()
    check_target(target)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        handle = open(target.parent / f".{target.name}.lock", "a+")
    except OSError as error:
        raise DossierError(str(target), None, f"cannot write the site here: {error.strerror}") from None
    with handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "?"
            print(f"waiting for the build already writing {target} (process {holder})…", file=sys.stderr, flush=True)
            deadline = time.monotonic() + wait_seconds
            while True:
                time.sleep(0.2)
                try:
                    fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() > deadline:
                        raise DossierError(
                            str(target), None, f"another build (process {holder}) is still writing this site; try again later"
                        ) from None
        handle.seek(0)
        handle.truncate()
        handle.write(str(os.getpid()))
        handle.flush()
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def replace_file(path: Path, data: bytes) -> None:
    """Write `path` whole or not at all: into a temporary file beside it,
    then renamed over it. Raises OSError."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    temporary.write_bytes(data)
    os.replace(temporary, path)


def write_report(path: Path, text: str) -> None:
    """A file for the analyst beside the site (not part of it), replaced whole."""
    try:
        replace_file(path, text.encode("utf-8"))
    except OSError as error:
        raise DossierError(str(path), None, f"cannot write the report: {error.strerror}") from None
