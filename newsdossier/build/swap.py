"""The swap: the staging folder becomes the site in one step, and what a
killed build left behind is put right by the next one (`recover`).

Where Linux's renameat2 can exchange two folders, readers see the old site
or the new one, never none. Elsewhere two renames do it, and the only
moment without a site at the target path is between them; a build killed
there leaves the old site moved aside, and the next build puts it back.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import os
import tempfile
from pathlib import Path

from .site_folder import listed_files, remove_if_ours, remove_site_folder

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
        remove_site_folder(staging)  # now holds the previous site
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
    remove_site_folder(previous)
    with contextlib.suppress(OSError):
        previous.parent.rmdir()


def recover(target: Path) -> None:
    """Tidy up after a build that was killed: put back a site moved aside
    by an interrupted swap, and remove abandoned staging folders (only those
    that carry the build's marker, or are empty). Safe because the caller
    holds the site lock: no other build is running."""
    parent = target.parent
    if not parent.is_dir():
        return
    moved_aside = sorted(parent.glob(f".{target.name}.old-*"))
    if not os.path.lexists(target):
        for folder in moved_aside:
            if (folder / "site").is_dir() and listed_files(folder / "site") is not None:
                os.rename(folder / "site", target)
                break
    for folder in moved_aside:
        remove_if_ours(folder / "site")
        remove_if_ours(folder)
    for folder in sorted(parent.glob(f".{target.name}.new-*")):
        remove_if_ours(folder)


def flush_folder(folder: Path) -> None:
    with contextlib.suppress(OSError):
        handle = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(handle)
        finally:
            os.close(handle)
