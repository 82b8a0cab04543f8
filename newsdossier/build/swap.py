"""The swap: the staging folder becomes the site in one step, and what a
killed build left behind is put right by the next one (`recover`).

Where Linux's renameat2 can exchange two folders, readers see the old site
or the new one, never none. Elsewhere two renames do it, and the only
moment without a site at the target path is between them; a build killed
there leaves the old site moved aside, and the next build puts it back.

The previous site, swapped out, is not removed by the build that swapped it
out: it is renamed into a trash folder beside the site (`.NAME.trash-*`,
on the same file system: one rename). The next build that takes the site's
lock prunes it in a background thread while its stages run (`remove_trash`,
`_prune`: every entry that is not the live site's own file at the same
path, one inode, unlinked) and stages its new site into it (`recycled`,
`staging.StagedSite`): the files it keeps are already there, instead of
35,000 files removed and 35,000 links made again at 10,000 articles. Any
other trash folder of ours is removed. The build waits for this before it
lets go of the lock or forks workers (`wait_for_removals`). The trash costs
little room meanwhile: the files that did not change are hard links shared
with the new site. A build killed while pruning or removing trash leaves a
folder with the build's marker (the marker goes last), which the next build
prunes or removes; at most one old site (the last build's) waits in the
trash between builds. A build that made many of its files anew (a
template edited, the first build) does the next build's part itself, in
a thread while it writes its report (`renew_later`): the old site pruned
and given links to the new site's files (else a trash of such links), so
that the next build, an added article's, prunes nothing and links nothing.
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
from typing import NamedTuple

from .files import replace_file
from .site_folder import MARKER, has_marker, listed_files, marker_text, remove_if_ours, remove_site_folder

_AT_FDCWD = -100
_RENAME_EXCHANGE = 2
# Threads that remove one old site's folders side by side (`remove_site_folder`).
_REMOVERS = 4
_UNLINK_RUN = 256  # files a thread unlinks in one go (`_unlink_all`)
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


def swap_in(staging: Path, target: Path, background: bool = False) -> Path | None:
    """Make `staging` the site at `target`; the previous site is deleted
    here or, with `background`, put into the trash (`to_trash`), for the
    next build to remove: the trash folder it is in, if any."""
    if not target.exists():
        os.rename(staging, target)
        return None
    if _exchange(staging, target):
        # `staging` now holds the previous site (with its marker: a build
        # killed before it is in the trash leaves it to `recover`).
        return _put_away(staging, target, background)
    # Elsewhere: two renames. A build killed between them leaves the old site
    # in .NAME.old-*/site, and the next build puts it back first (recover).
    previous = Path(tempfile.mkdtemp(prefix=beside(target, "old"), dir=target.parent)) / "site"
    os.rename(target, previous)
    try:
        os.rename(staging, target)
    except OSError:
        os.rename(previous, target)  # put the old site back
        raise
    return _put_away(previous, target, background)


def _put_away(previous: Path, target: Path, background: bool) -> Path | None:
    """The swapped-out site removed now, or moved to the trash for the next
    build (the trash folder); the new site is in place either way, so a
    trash that cannot be made (no room for a folder, a permission) is no
    failed build: the old site is removed here instead."""
    if background:
        try:
            return to_trash(previous, target)
        except OSError:
            pass
    if previous.exists():
        _remove(previous, previous.parent if previous.parent != target.parent else None)
    return None


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
    """Start tidying the trash beside `target` in background threads: the
    last old site of ours is pruned to be this build's staging folder
    (`_prune`, `recycled`), any other removed. Only under the site's lock
    (no other build is putting a site into it), and waited for
    (`wait_for_removals`) before that lock is let go."""
    folders = [f for f in trash_folders(target) if not f.is_symlink() and f.is_dir()]
    ours = [f for f in folders if has_marker(f)]
    reused = max(ours, key=lambda f: f.lstat().st_ctime_ns) if ours and _can_reuse(target) else None
    for folder in folders:
        if folder == reused:
            _prune_later(folder, target)
        else:
            remove_later(folder)


def _can_reuse(target: Path) -> bool:
    return target.is_dir() and not target.is_symlink()


class Recycled(NamedTuple):
    """An old site pruned to the files it shares with the site in place:
    every file left in it is a hard link of the file at the same path in
    the site (the same inode), so a build that keeps that file has nothing
    to do, and writes a new file only after unlinking the shared one."""

    folder: Path
    shared: frozenset[str]  # the files left (relative paths), each the site's own
    folders: frozenset[str]  # its folders (relative paths)


# The old site being pruned for this process's next staging folder, by site:
# the folder and the pruning's result (None until it is done, or if it failed).
_pruned: dict[Path, tuple[Path, list]] = {}


def _prune_later(folder: Path, target: Path) -> None:
    result: list = []

    def prune() -> None:
        with contextlib.suppress(OSError):  # (nothing in `result`: the old site is then removed)
            result.append(_prune(folder, target))

    thread = threading.Thread(target=prune, name="prune old site")
    _pruned[target] = (folder, result)
    thread.start()
    _removals.append((thread, folder))  # waited for as a removal is (no fork meanwhile)


def _site_inodes(site: Path) -> dict[str, int]:
    """Each regular file of the site by relative path, its inode number (from
    the folder listings: no file's status is read)."""
    inodes, stack = {}, [""]
    while stack:
        relative = stack.pop()
        with os.scandir(site / relative if relative else site) as entries:
            for entry in entries:
                path = f"{relative}/{entry.name}" if relative else entry.name
                if entry.is_dir(follow_symlinks=False):
                    stack.append(path)
                elif entry.is_file(follow_symlinks=False):
                    inodes[path] = entry.inode()
    return inodes


def _prune(folder: Path, target: Path) -> Recycled:
    """Unlink from an old site every entry that is not the site's own file
    at the same path (a file the last build changed or removed, a link,
    anything else): what is left is shared with the site in place. Its
    folders stay; the build that stages into it removes the ones its site
    does not need (`StagedSite.swap_in`). Linear in the two sites' entries
    (their listings, no file read), in a background thread, instead of
    unlinking the old site's every file and linking the new one's again."""
    live = _site_inodes(target)
    shared, folders, gone, stack = set(), set(), [], [""]
    while stack:
        relative = stack.pop()
        with os.scandir(folder / relative if relative else folder) as entries:
            for entry in entries:
                path = f"{relative}/{entry.name}" if relative else entry.name
                if path == MARKER:
                    continue
                if entry.is_dir(follow_symlinks=False):
                    folders.add(path)
                    stack.append(path)
                elif entry.is_file(follow_symlinks=False) and live.get(path) == entry.inode():
                    shared.add(path)
                else:
                    gone.append(entry.path)
    _unlink_all(gone)
    return Recycled(folder, frozenset(shared), frozenset(folders))


def _unlink_all(paths: list[str]) -> None:
    """Unlink `paths` (in listing order), by a few threads when there are
    many: an old file's last link freed waits on the disk (0.4-1.6 ms each
    on a busy one), and the threads' waits overlap (15,000 files: 5.4 s in
    one thread, 1.3 s in four)."""
    if len(paths) < 2 * _UNLINK_RUN:
        for path in paths:
            os.unlink(path)
        return
    from concurrent.futures import ThreadPoolExecutor  # here: a no-change build imports this module

    runs = [paths[start : start + _UNLINK_RUN] for start in range(0, len(paths), _UNLINK_RUN)]
    with ThreadPoolExecutor(_REMOVERS, thread_name_prefix="unlink") as unlinkers:
        list(unlinkers.map(lambda run: list(map(os.unlink, run)), runs))


def recycled(target: Path) -> Recycled | None:
    """The old site pruned for the build's staging folder (`remove_trash`),
    once pruned; None when there is none, or its pruning failed (what is
    left of it is then removed with the trash)."""
    entry = _pruned.pop(target, None)
    if entry is None:
        return None
    folder, result = entry
    for thread, removing in list(_removals):
        if removing == folder:
            thread.join()
    if not result:
        remove_later(folder)
        return None
    return result[0]


def forget_recycled(target: Path) -> None:
    """The lock let go without a staging folder made: the pruned old site
    stays in the trash, for the next build."""
    _pruned.pop(target, None)


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


def renew_later(old: Path | None, target: Path, files: list[str]) -> None:
    """After a build that made many of its site's files anew (a template
    edited; or no site before): the old site it swapped out (`old`, in the
    trash), pruned now (`_prune`) and given a hard link of each of the new
    site's `files` it lacks, or else a trash folder of such links made, in
    a background thread while the build writes its report (waited for as a
    removal is). The next build (an added article's, say) then prunes
    nothing and finds every file it keeps staged; left as it was, the old
    site had that build wait for the unlinking of the files it did not
    share (a template edit at 10,000 articles: 15,000, each the last link of
    its data, 10-24 s on a busy disk), then link them again."""
    thread = threading.Thread(target=_renew, args=(old, target, files), name="renew the trash")
    thread.start()
    _removals.append((thread, old if old is not None else target))


def _renew(old: Path | None, target: Path, files: list[str]) -> None:
    # Any failure leaves a trash of ours (its marker first): the next build
    # prunes it (what is left is the site's) and links what it lacks, as ever.
    with contextlib.suppress(OSError):
        if old is None:
            trash = Path(tempfile.mkdtemp(prefix=beside(target, "trash"), dir=target.parent))
            replace_file(trash / MARKER, marker_text(files))  # first, as a staging folder's
            _link_into(trash, target, files, frozenset(), frozenset())
        else:
            pruned = _prune(old, target)
            _link_into(old, target, files, pruned.shared, pruned.folders)


def _link_into(trash: Path, target: Path, files: list[str], shared: frozenset[str], folders: frozenset[str]):
    """Each of the site's `files` that the trash does not hold (`shared`)
    linked into it at its path (the site's own file: one inode), folders
    made as needed. Where the old site had a folder at a file's path, or a
    path's folder is none, the file is left out (the build that stages
    into the trash makes it)."""
    # Strings, not Paths: 35,000 files at 10,000 articles.
    site, into = f"{target}/", f"{trash}/"
    made = {str(trash), *(into + folder for folder in folders)}
    for path in files:
        if path in shared:
            continue
        destination = into + path
        parent = destination.rpartition("/")[0]
        with contextlib.suppress(FileExistsError, NotADirectoryError, IsADirectoryError):
            if parent not in made:
                os.makedirs(parent, exist_ok=True)
                made.add(parent)
            os.link(site + path, destination)


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
    removing |= {folder for folder, _ in _pruned.values()}  # the build's staging folder to be
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
