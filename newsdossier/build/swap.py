"""The swap: the staging folder becomes the site in one step, and what a
killed build left behind is put right by the next one (`recover`).

Where Linux's renameat2 can exchange two folders, readers see the old site
or the new one, never none. Elsewhere two renames do it, and the only
moment without a site at the target path is between them; a build killed
there leaves the old site moved aside, and the next build puts it back.

The previous site, swapped out, is not removed by the build that swapped it
out: it is renamed into a trash folder beside the site (`.NAME.trash-*`,
on the same file system: one rename), and the next build that takes the
site's lock removes it in a background thread while its stages run
(`remove_trash`), waiting for that before it lets go of the lock or forks
workers (`wait_for_removals`). Removing an old site is waiting on the file
system (0.25-0.5 s for the 35,000 files of a 10,000-article site), which
need not hold up the build that made the new one: an added article's build
ends once its site is in place. The trash costs little room meanwhile: the
files that did not change are hard links shared with the new site. A build
killed while removing trash leaves a folder with the build's marker (the
marker goes last), which the next build removes; at most one old site (the
last build's) waits in the trash between builds.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import glob
import os
import tempfile
import threading
from pathlib import Path

from .site_folder import listed_files, remove_if_ours, remove_site_folder

_AT_FDCWD = -100
_RENAME_EXCHANGE = 2
# Threads that remove one old site's folders side by side (`remove_site_folder`).
_REMOVERS = 4
# Started by remove_later, joined by wait_for_removals: each thread and the folder it removes.
_removals: list[tuple[threading.Thread, Path]] = []


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


def swap_in(staging: Path, target: Path, background: bool = False) -> None:
    """Make `staging` the site at `target`; the previous site is deleted
    here or, with `background`, put into the trash (`to_trash`), for the
    next build to remove."""
    if not target.exists():
        os.rename(staging, target)
        return
    if _exchange(staging, target):
        # `staging` now holds the previous site (with its marker: a build
        # killed before it is in the trash leaves it to `recover`).
        _put_away(staging, target, background)
        return
    # Elsewhere: two renames. A build killed between them leaves the old site
    # in .NAME.old-*/site, and the next build puts it back first (recover).
    previous = Path(tempfile.mkdtemp(prefix=beside(target, "old"), dir=target.parent)) / "site"
    os.rename(target, previous)
    try:
        os.rename(staging, target)
    except OSError:
        os.rename(previous, target)  # put the old site back
        raise
    _put_away(previous, target, background)


def _put_away(previous: Path, target: Path, background: bool) -> None:
    """The swapped-out site removed now, or moved to the trash for the next
    build; the new site is in place either way, so a trash that cannot be
    made (no room for a folder, a permission) is no failed build: the old
    site is removed here instead."""
    if background:
        try:
            to_trash(previous, target)
            return
        except OSError:
            pass
    if previous.exists():
        _remove(previous, previous.parent if previous.parent != target.parent else None)


def to_trash(folder: Path, target: Path) -> Path:
    """Move a swapped-out site of ours into a trash folder of its own beside
    `target` (one rename: the folder made for the name, empty, is replaced
    by it), and remove the empty folder that held it, if any."""
    trash = Path(tempfile.mkdtemp(prefix=beside(target, "trash"), dir=target.parent))
    os.rename(folder, trash)  # onto an empty folder: replaces it in one step
    if folder.parent != target.parent:  # .NAME.old-*/site of the two renames
        with contextlib.suppress(OSError):
            folder.parent.rmdir()
    return trash


def beside(target: Path, kind: str) -> str:
    """The name's start of a folder the build makes beside the site at
    `target`: its staging folder ("new"), the old site moved aside during
    the swap ("old"), the old site waiting for removal ("trash")."""
    return f".{target.name}.{kind}-"


def made_beside(target: Path, kind: str) -> list[Path]:
    """The folders of that kind beside `target`: the name's start matched as
    written (a site named «site[1]» or «s*» is not a pattern), and the rest
    mkdtemp's own (no dot: not another site's folder, «.a.trash-b.new-x»)."""
    if not target.parent.is_dir():
        return []
    start = beside(target, kind)
    found = target.parent.glob(glob.escape(start) + "*")
    return sorted(path for path in found if "." not in path.name[len(start) :])


def trash_folders(target: Path) -> list[Path]:
    """The trash folders beside the site at `target` (`to_trash`)."""
    return made_beside(target, "trash")


def remove_trash(target: Path) -> None:
    """Start removing the trash beside `target` in background threads. Only
    under the site's lock (no other build is putting a site into it), and
    waited for (`wait_for_removals`) before that lock is let go."""
    for folder in trash_folders(target):
        if not folder.is_symlink() and folder.is_dir():
            remove_later(folder)


def _remove(folder: Path, holder: Path | None = None) -> None:
    """Remove a swapped-out site of ours (its folders side by side, then
    the rest, its marker last), and the empty folder that held it. A
    folder without our marker is removed only when empty (`remove_if_ours`)."""
    if listed_files(folder) is None:
        remove_if_ours(folder)
    else:
        remove_site_folder(folder, _REMOVERS)
    if holder is not None:
        with contextlib.suppress(OSError):
            holder.rmdir()


def remove_later(folder: Path) -> None:
    """Start removing a trash folder in the background (`_remove`)."""
    thread = threading.Thread(target=_remove, args=(folder,), name="remove old site")
    thread.start()
    _removals.append((thread, folder))


def wait_for_removals() -> None:
    """Wait until every old site this process began removing is gone."""
    while _removals:
        _removals.pop()[0].join()


def recover(target: Path) -> None:
    """Tidy up after a build that was killed: put back a site moved aside
    by an interrupted swap, and remove abandoned staging folders (only those
    that carry the build's marker, or are empty), and trash no thread of
    this process is removing. Safe because the caller holds the site lock:
    no other build is running. Not waiting for the trash being removed
    (the threads touch nothing else): the build goes on meanwhile."""
    parent = target.parent
    if not parent.is_dir():
        return
    moved_aside = made_beside(target, "old")
    if not os.path.lexists(target):
        for folder in moved_aside:
            if (folder / "site").is_dir() and listed_files(folder / "site") is not None:
                os.rename(folder / "site", target)
                break
    for folder in moved_aside:
        remove_if_ours(folder / "site")
        remove_if_ours(folder)
    for folder in made_beside(target, "new"):
        remove_if_ours(folder)
    removing = {folder for thread, folder in _removals if thread.is_alive()}
    for folder in trash_folders(target):  # what `remove_trash` did not begin (no lock taken)
        if folder not in removing:
            remove_if_ours(folder)


def flush_folder(folder: Path) -> None:
    with contextlib.suppress(OSError):
        handle = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(handle)
        finally:
            os.close(handle)
