"""Write the site: all of it, or none of it.

The whole site is written into a fresh folder beside the target, then
swapped in with two renames. A build that fails before the swap leaves the
previous site exactly as it was; the only moment without a site at the
target path is between the two renames.

A file whose bytes are the same as in the previous site is not rewritten:
the staging folder gets a hard link to the old file, which keeps its
modification time, so an upload tool that compares times or sizes sees only
what really changed.

The build only ever replaces a folder it made itself. Every site it writes
holds a marker file, `.newsdossier-site`, listing the site's files; an output
folder is accepted when it is missing, empty, or carries that marker and
holds nothing else than the files listed in it. Anything else (a project
folder given as --out by mistake, a symbolic link, a file someone put into
the site) is refused with the path, before any work is done: a build never
deletes or changes a file it did not create.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import fcntl
import os
import re
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from ..models.errors import DossierError

# The marker every site carries: its first line says what wrote the folder,
# the other lines are the site's files, one relative path each, sorted.
MARKER = ".newsdossier-site"
MARKER_HEADER = (
    "newsdossier site: the files below were written by newsdossier; it replaces this folder on every build"
)
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def check_paths(files: dict[str, bytes]) -> None:
    """Every output path stays inside the site and is a plain relative path."""
    for path in files:
        parts = path.split("/")  # not PurePosixPath: it would quietly fold "a//b" and "./a"
        if (
            any(p in ("", ".", "..") for p in parts)
            or "\\" in path
            or _CONTROL.search(path)
            or path == MARKER
        ):
            raise DossierError(path, None, "output path would leave the site folder")


def marker_text(paths: list[str]) -> bytes:
    return ("\n".join([MARKER_HEADER, *sorted(paths)]) + "\n").encode("utf-8")


def _listed_files(folder: Path) -> set[str] | None:
    """The files the marker of `folder` lists, or None when it has no marker
    of ours (absent, unreadable, or a link)."""
    marker = folder / MARKER
    try:
        if marker.is_symlink() or not marker.is_file():
            return None
        lines = marker.read_text(encoding="utf-8").split("\n")
    except (OSError, UnicodeDecodeError):
        return None
    if lines[0] != MARKER_HEADER:
        return None
    return {line for line in lines[1:] if line}


def _foreign_entry(folder: Path, listed: set[str]) -> str | None:
    """The first entry under `folder` (sorted walk) that the build did not
    write: a file not listed, a link, or a folder holding no listed file."""
    needed_folders = {PurePosixPath(p).parent.as_posix() for p in listed}
    needed_folders = {
        f for p in needed_folders for f in (p, *(q.as_posix() for q in PurePosixPath(p).parents))
    }
    stack = [""]
    while stack:
        relative = stack.pop()
        with os.scandir(folder / relative if relative else folder) as entries:
            for entry in sorted(entries, key=lambda e: e.name, reverse=True):
                path = f"{relative}/{entry.name}" if relative else entry.name
                if entry.is_symlink():
                    return path
                if entry.is_dir():
                    if path not in needed_folders:
                        return path + "/"
                    stack.append(path)
                elif path not in listed and path != MARKER:
                    return path
    return None


def check_target(target: Path) -> None:
    """Refuse an output folder the build may not replace (see the module
    docstring); the error names what is in the way."""
    target = Path(os.path.abspath(target))
    blocking = next((p for p in target.parents if p.exists() and not p.is_dir()), None)
    if blocking is not None:
        raise DossierError(
            str(target), None, f"cannot write the site here: {blocking} is a file, not a folder"
        )
    if target.is_symlink():
        raise DossierError(
            str(target),
            None,
            "is a symbolic link: the build never writes through a link; give the real folder with --out",
        )
    if not target.exists():
        return
    if not target.is_dir():
        raise DossierError(
            str(target), None, "is a file, not a folder: give a new or empty folder with --out"
        )
    listed = _listed_files(target)
    if listed is None:
        if any(target.iterdir()):
            raise DossierError(
                str(target),
                None,
                f"is a folder that newsdossier did not build (it has files and no {MARKER}): replacing it "
                "would delete them; give a new or empty folder with --out (a site built by a version before "
                "the marker: delete it once by hand)",
            )
        return
    foreign = _foreign_entry(target, listed)
    if foreign is not None:
        raise DossierError(
            f"{target}/{foreign}",  # not a Path: it would drop the "/" that marks a folder
            None,
            "was not written by newsdossier: the build replaces the whole site folder and would delete it; "
            "move it out of the site first",
        )


def check_placement(root: Path, target: Path) -> None:
    """The site may not hold the project, nor sit inside its inputs or the
    files the build keeps beside them (it would read or delete itself)."""
    root, target = Path(os.path.abspath(root)), Path(os.path.abspath(target))
    if target == root or target in root.parents:
        raise DossierError(
            str(target), None, f"would contain the project folder {root}: give a folder of its own with --out"
        )
    for folder in PROJECT_FOLDERS:
        inside = root / folder
        if target == inside or inside in target.parents:
            raise DossierError(
                str(target),
                None,
                f"is inside the project's {folder}/ folder: give a folder outside it with --out",
            )


# Folders of a project the site may not be written into: the inputs, and
# what the build keeps beside them.
PROJECT_FOLDERS = ("seeds", "dossier", "templates", "reports", ".cache")


@dataclass(frozen=True)
class Written:
    paths: list[str]  # every file of the new site
    changed: int  # files whose bytes differ from the previous site (new ones included)


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
    previous site's. `seconds_writing` is the time spent writing, so that a
    caller interleaving rendering and writing can charge each its own."""

    def __init__(self, target: Path):
        self.target = Path(
            os.path.abspath(target)
        )  # not resolve(): a link at the target is refused, never followed
        check_target(self.target)
        recover(self.target)
        try:
            self.target.parent.mkdir(parents=True, exist_ok=True)
            self.folder = Path(tempfile.mkdtemp(prefix=f".{self.target.name}.new-", dir=self.target.parent))
            # The marker first (listing nothing yet): a build killed from here
            # on leaves a staging folder the next build knows it may remove.
            (self.folder / MARKER).write_bytes(marker_text([]))
        except OSError as error:
            raise DossierError(
                str(self.target), None, f"cannot write the site here: {error.strerror}"
            ) from None
        self.paths: list[str] = []
        self.changed = 0
        self.seconds_writing = 0.0

    def __enter__(self) -> StagedSite:
        return self

    def __exit__(self, kind, error, _traceback) -> None:
        if self.folder is not None:  # not swapped in: failed or interrupted
            remove_site_folder(self.folder)
        if isinstance(error, OSError):
            raise DossierError(str(self.target), None, f"cannot write the site: {error.strerror}") from None

    def write(self, path: str, data: bytes) -> None:
        """Write one file of the new site and count it."""
        started = time.perf_counter()
        self.add(path, self.put(path, data))
        self.seconds_writing += time.perf_counter() - started

    def put(self, path: str, data: bytes) -> bool:
        """Write one file into the staging folder, a hard link to the
        previous site's when the bytes are the same; whether it changed.
        Safe in a worker process: the caller counts it with `add`."""
        check_paths({path: data})
        destination = self.folder / path
        destination.parent.mkdir(parents=True, exist_ok=True)
        if self._link_if_same(path, data):
            return False
        destination.write_bytes(data)
        return True

    def keep(self, path: str) -> bool:
        """Take the previous site's file at `path` as it is (a hard link, or
        a copy where links are not possible); False when there is none.
        Safe in a worker process, like `put`."""
        check_paths({path: b""})
        old, destination = self.target / path, self.folder / path
        if old.is_symlink() or not old.is_file():
            return False
        destination.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(old, destination)
        except OSError:
            try:
                shutil.copy2(old, destination)
            except OSError:
                return False
        return True

    def add(self, path: str, changed: bool) -> None:
        """Count a file written by `put` or `keep` as part of the new site."""
        self.paths.append(path)
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

    def adopt(self, paths: list[str]) -> None:
        """Files another tool wrote into the staging folder (the search
        index): kept as links to the previous site's where unchanged."""
        for path in paths:
            fresh = self.folder / path
            if _same_file(self.target / path, fresh.read_bytes()):
                try:
                    os.link(self.target / path, fresh.with_name(fresh.name + ".same"))
                    os.replace(fresh.with_name(fresh.name + ".same"), fresh)
                    self.paths.append(path)
                    continue
                except OSError:
                    pass
            self.changed += 1
            self.paths.append(path)

    def swap_in(self) -> Written:
        (self.folder / MARKER).write_bytes(marker_text(self.paths))
        os.chmod(self.folder, 0o755)  # mkdtemp makes it private; a site is for reading
        # Every file on disk before the swap: after a power cut the new site
        # must be whole, not a folder of empty files the rename made visible.
        flush_to_disk()
        swap_in(self.folder, self.target)
        _flush_folder(self.target.parent)  # and the rename itself
        self.folder = None
        return Written(sorted([*self.paths, MARKER]), self.changed)


def flush_to_disk() -> None:
    """Write every file's data to disk (one call for all: an fsync per file
    would cost as much as the build)."""
    os.sync()


def _flush_folder(folder: Path) -> None:
    with contextlib.suppress(OSError):
        handle = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(handle)
        finally:
            os.close(handle)


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
            if (folder / "site").is_dir() and _listed_files(folder / "site") is not None:
                os.rename(folder / "site", target)
                break
    for folder in moved_aside:
        _remove_if_ours(folder / "site")
        _remove_if_ours(folder)
    for folder in sorted(parent.glob(f".{target.name}.new-*")):
        _remove_if_ours(folder)


def _remove_if_ours(folder: Path) -> None:
    """Remove a folder the build made: one with its marker, or an empty one."""
    if folder.is_symlink() or not folder.is_dir():
        return
    if _listed_files(folder) is not None:
        remove_site_folder(folder)
    else:
        with contextlib.suppress(OSError):
            folder.rmdir()  # only if empty: anything else is not ours to delete


def remove_site_folder(folder: Path) -> None:
    """Remove a site or staging folder of ours, its marker last: a build
    killed half way leaves a folder the next one still knows as its own."""
    with contextlib.suppress(OSError), os.scandir(folder) as entries:
        for entry in list(entries):
            if entry.name == MARKER:
                continue
            if entry.is_dir(follow_symlinks=False):
                shutil.rmtree(entry.path, ignore_errors=True)
            else:
                with contextlib.suppress(OSError):
                    os.unlink(entry.path)
    with contextlib.suppress(OSError):
        (folder / MARKER).unlink()
        folder.rmdir()


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


def replace_file(path: Path, data: bytes) -> None:
    """Write `path` whole or not at all: into a temporary file beside it,
    then renamed over it. Raises OSError."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    temporary.write_bytes(data)
    os.replace(temporary, path)


def check_report(path: Path, first_line: str) -> None:
    """A report the build replaces must be missing or one it wrote (it
    starts with `first_line`): never the analyst's own file of that name."""
    if path.is_symlink():
        raise DossierError(
            str(path), None, "is a symbolic link: the build never writes through a link; remove it"
        )
    try:
        with path.open("rb") as file:
            head = file.read(len(first_line.encode("utf-8")))
    except FileNotFoundError:
        return
    except OSError as error:
        raise DossierError(str(path), None, f"cannot be read: {error.strerror}") from None
    if head != first_line.encode("utf-8"):
        raise DossierError(
            str(path), None, "was not written by newsdossier and the build would replace it: move it away"
        )


def write_report(path: Path, text: str) -> None:
    """A file for the analyst beside the site (not part of it), replaced whole."""
    try:
        replace_file(path, text.encode("utf-8"))
    except OSError as error:
        raise DossierError(str(path), None, f"cannot write the report: {error.strerror}") from None
