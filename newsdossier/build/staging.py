"""The new site, written file by file into a staging folder beside the
target and swapped in whole (`build.swap`).

A file whose bytes are the same as in the previous site is not rewritten:
the staging folder holds the old file itself (a hard link), which keeps its
modification time, so an upload tool that compares times or sizes sees only
what really changed. The staging folder is the last old site, pruned to the
files it shares with the site in place (`swap.recycled`), when there is one:
those it keeps are already there, and a changed one is unlinked before it is
written (never written into: it is the live site's file too); else a new
folder, into which kept files are linked.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import shutil
import stat
import tempfile
from dataclasses import dataclass
from pathlib import Path

from ..models.errors import DossierError
from .files import replace_file
from .signals import deferred
from .site_folder import (
    MARKER,
    check_all,
    check_path,
    check_paths,
    check_target,
    marker_text,
    needed_folders,
    remove_site_folder,
)
from .swap import Recycled, beside, flush_folder, recover, recycled, remove_later, renew_later, swap_in
from .uptodate import backdated_ns

# A site with more than 1/RENEWED of its files new renews the trash (`swap.renew_later`);
# with fewer (an added article: 75 of 35,000), the next build prunes it as it works.
RENEWED = 4


@dataclass(frozen=True)
class Written:
    paths: list[str]  # every file of the new site
    changed: int  # files whose bytes differ from the previous site (new ones included)
    listed: frozenset[str] = frozenset()  # the files its marker lists (`site_folder.folder_statuses`)
    set_back_ns: int | None = None  # the modification time its folders were given (`_set_back`)


def _same_file(old: Path, data: bytes) -> bool:
    try:
        return old.stat().st_size == len(data) and old.read_bytes() == data
    except OSError:
        return False


class StagedSite:
    """A new site written file by file into a staging folder beside the
    target, then swapped in whole (`swap_in`); on any failure the staging
    folder is removed and the previous site is untouched. Use it as a
    context manager. Files whose bytes did not change are hard links to the
    previous site's."""

    def __init__(self, target: Path):
        self.target = Path(
            os.path.abspath(target)
        )  # not resolve(): a link at the target is refused, never followed
        check_target(self.target)
        recover(self.target)
        self.folder: Path | None = None
        self._old_root, self._new_root = f"{self.target}/", ""
        self._folders: set[str] = set()  # folders made in the staging folder (in this process)
        # A staging folder made of the last old site (`swap.recycled`): the
        # files it still holds, each the site's own (one inode), and its folders.
        self._shared: set[str] = set()
        self._old_folders: frozenset[str] = frozenset()
        self._recycled = False
        self.paths: list[str] = []
        self.changed = 0

    def __enter__(self) -> StagedSite:
        # The folder is made here, not in __init__, and removed if anything
        # (a Stopped from a signal too) ends this method: a stop between
        # making it and entering the block would otherwise leave it behind.
        try:
            self.target.parent.mkdir(parents=True, exist_ok=True)
            reused = recycled(self.target)  # the last old site, pruned meanwhile (`build.swap`)
            with deferred():  # a stop between making the folder and recording it would leave it behind
                self.folder = Path(
                    tempfile.mkdtemp(prefix=beside(self.target, "new"), dir=self.target.parent)
                )
                reused = self._reuse(reused)
            # The marker first (listing nothing yet): a build killed from here
            # on leaves a staging folder the next build knows it may remove.
            # Renamed over the old site's (in a recycled folder): killed at any
            # moment, the folder carries a marker, and is known as ours.
            replace_file(self.folder / MARKER, marker_text([]))
            self._new_root = f"{self.folder}/"  # `keep`'s paths, by strings
        except BaseException as error:
            if self.folder is not None:
                remove_site_folder(self.folder)
                with contextlib.suppress(OSError):  # made, its marker not written yet
                    self.folder.rmdir()
            if isinstance(error, OSError):
                raise DossierError(
                    str(self.target), None, f"cannot write the site here: {error.strerror}"
                ) from None
            raise
        return self

    def _reuse(self, reused: Recycled | None) -> Recycled | None:
        """The pruned old site made the staging folder (renamed onto the empty
        one just made: one step), or None (removed in the background)."""
        if reused is None:
            return None
        try:
            os.rename(reused.folder, self.folder)
        except OSError:
            remove_later(reused.folder)
            return None
        self._shared = set(reused.shared)
        self._old_folders = reused.folders
        self._recycled = True
        self._folders.update(f"{self.folder}/{folder}" for folder in reused.folders)
        self._folders.add(str(self.folder))
        return reused

    def __exit__(self, kind, error, _traceback) -> None:
        if self.folder is not None:  # not swapped in: failed or interrupted
            remove_site_folder(self.folder)
        if isinstance(error, OSError):
            raise DossierError(str(self.target), None, f"cannot write the site: {error.strerror}") from None

    def write(self, path: str, data: bytes) -> None:
        """Write one file of the new site and count it."""
        self.add(path, self.put(path, data))

    def put(self, path: str, data: bytes) -> bool:
        """Write one file into the staging folder, a hard link to the
        previous site's when the bytes are the same; whether it changed.
        Safe in a worker process: the caller counts it with `add`."""
        check_paths({path: data})
        destination = self.folder / path
        if path in self._shared:  # the site's own file: never written into, only unlinked
            self._shared.discard(path)  # (in this process; the others never see the path again)
            if self._still_shared(path, data):
                return False
            with contextlib.suppress(FileNotFoundError):
                os.unlink(destination)
        elif path in self._old_folders:
            _clear(destination)
        self._make_folder_of(str(destination))
        if self._link_if_same(path, data):
            return False
        destination.write_bytes(data)
        return True

    def _still_shared(self, path: str, data: bytes) -> bool:
        """A shared file of the recycled staging folder that is still the
        site's file at `path` (one inode), whose bytes are `data`."""
        old = self.target / path
        try:
            return _same_file(old, data) and os.lstat(old).st_ino == os.lstat(self.folder / path).st_ino
        except OSError:
            return False

    def _make_folder_of(self, destination: str) -> None:
        """The folder a staged file goes into, made once (in this process)."""
        parent = os.path.dirname(destination)
        if parent not in self._folders:
            self._make_folder(parent)

    def _make_folder(self, parent: str) -> None:
        try:
            os.makedirs(parent, exist_ok=True)
        except (FileExistsError, NotADirectoryError):
            if not self._recycled:
                raise
            # A recycled staging folder holds a file where this site has a
            # folder (an old output's path is a folder's now): not the site's.
            relative = parent[len(self._new_root) :].split("/")
            for end in range(1, len(relative) + 1):
                on_the_way = "/".join(relative[:end])
                if on_the_way in self._shared:
                    self._shared.discard(on_the_way)
                    (self.folder / on_the_way).unlink()
            os.makedirs(parent, exist_ok=True)
        self._folders.add(parent)

    def keep(self, path: str) -> bool:
        """Take the previous site's file at `path` as it is (a hard link, or
        a copy where links are not possible); False when there is none.
        Safe in a worker process, like `put`."""
        check_path(path)
        if path in self._shared:  # already there: the recycled old site shares it with the site
            return True
        # Strings and one lstat, not Paths nor os.path.join: called for every
        # file of the site on an incremental build (35,000 at 10,000 articles).
        old, destination = self._old_root + path, self._new_root + path
        if path in self._old_folders:
            _clear(Path(destination))
        try:
            if not stat.S_ISREG(os.lstat(old).st_mode):  # a link, a folder: not ours to keep
                return False
        except OSError:
            return False
        parent = destination.rpartition("/")[0]
        if parent not in self._folders:
            self._make_folder(parent)
        try:
            os.link(old, destination)
        except OSError:
            try:
                shutil.copy2(old, destination)
            except OSError:
                return False
        return True

    def held(self, paths: list[str]) -> list[bool]:
        """For each of `paths` (checked all at once: `check_all`), whether
        the staging folder already holds the previous site's file there (a
        recycled folder's file still the site's own), which `keep` takes as
        it is: every kept file but those a change touched, at no call each."""
        check_all(paths)
        return list(map(self._shared.__contains__, paths))

    def add(self, path: str, changed: bool) -> None:
        """Count a file written by `put` or `keep` as part of the new site."""
        self.paths.append(path)
        self.changed += changed

    def add_all(self, paths: list[str], changed: int) -> None:
        """`add` of each of `paths`, `changed` of them changed."""
        self.paths += paths
        self.changed += changed

    def _link_if_same(self, path: str, data: bytes) -> bool:
        old = self.target / path
        if not _same_file(old, data):
            return False
        try:
            os.link(old, self.folder / path)
            return True
        except OSError:
            return False  # no hard links here (another file system): write it

    def swap_in(self, background: bool = False) -> Written:
        """Swap the new site in; with `background`, the previous one is
        moved into a trash folder beside the site (`swap.to_trash`), which
        the next build prunes and stages into (when more than a quarter of
        the site's files are new, pruned meanwhile and given links to them:
        `swap.renew_later`); without, it is removed before this returns."""
        listed = frozenset(self.paths)
        self._drop_unlisted(listed)
        # Renamed over the first marker, never written into it: a build killed
        # while writing it in place left an empty or cut marker, a staging
        # folder no later build knew as its own (left beside the site for good).
        replace_file(self.folder / MARKER, marker_text(self.paths))
        os.chmod(self.folder, 0o755)  # mkdtemp makes it private; a site is for reading
        set_back = _set_back(self.folder, needed_folders(listed))
        # Every file on disk before the swap: after a power cut the new site
        # must be whole, not a folder of empty files the rename made visible.
        flush_to_disk(self.folder)  # the staging folder is beside the target: one file system
        replaced = self.target.exists()
        old = swap_in(self.folder, self.target, background)
        flush_folder(self.target.parent)  # and the rename itself
        self.folder = None
        # (A site replaced and no trash: none could be made, the old site is gone.)
        if background and self.changed * RENEWED > len(self.paths) and (old is not None or not replaced):
            # Many files new: the old site, not sharing them, would make the
            # next build wait for their unlinking (`swap.renew_later`).
            renew_later(old, self.target, self.paths)
        return Written(sorted([*self.paths, MARKER]), self.changed, listed, set_back)

    def _drop_unlisted(self, listed: frozenset[str]) -> None:
        """What a recycled staging folder still holds of the old site that
        the new one has not: its shared files and folders the new site
        does not list (as many as the change: the rest is the new site's)."""
        for path in self._shared - listed:
            # Gone with its folder; or a folder now, made there by a forked
            # worker (which unlinked the shared file: this process's list
            # still names it), holding the new site's files.
            with contextlib.suppress(FileNotFoundError, NotADirectoryError, IsADirectoryError):
                os.unlink(self.folder / path)
        for folder in sorted(self._old_folders - needed_folders(listed), key=len, reverse=True):
            _clear(self.folder / folder)


def _clear(path: Path) -> None:
    """A folder of a recycled staging folder removed, whatever it holds
    (only the old site's files, or nothing): never one of the new site's."""
    if not path.is_symlink() and path.is_dir():
        shutil.rmtree(path)


def _set_back(folder: Path, folders: frozenset[str]) -> int:
    """Each folder of the staged site given a modification time older than
    the racy window (`uptodate.backdated_ns`), once nothing more is written
    into it: any entry put into the site afterwards, however soon, changes
    it, so the next build sees from the folders' statuses alone that none
    was (`site_folder.vouch_for_entries`) and need not walk the 35,000 files
    of a 10,000-article site under its lock. A folder whose time cannot be
    set keeps its own, and the next build walks the site as before. The
    time given, which the stamp keeps: the folders vouch for their entries
    only while their times are exactly that one."""
    backdated = backdated_ns()
    for name in folders:
        with contextlib.suppress(OSError):
            os.utime(folder / name, ns=(backdated, backdated), follow_symlinks=False)
    return backdated


def flush_to_disk(folder: Path) -> None:
    """Write the data of every file on the file system that holds `folder`
    to disk, its folders' entries too (one call for all: an fsync per file
    and folder would cost as much as the build). Linux's syncfs(2) flushes
    that file system alone, not every disk of the machine as sync(2) does
    (what other programs are writing elsewhere is not waited for); sync(2)
    where syncfs cannot be called."""
    try:
        syncfs = ctypes.CDLL(None, use_errno=True).syncfs
        handle = os.open(folder, os.O_RDONLY)
    except (OSError, AttributeError):
        os.sync()
        return
    try:
        if syncfs(handle) != 0:
            os.sync()
    finally:
        os.close(handle)
