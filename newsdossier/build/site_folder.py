"""The site folder: what the build may replace, and the marker that says so.

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
import functools
import os
import re
import shutil
import stat
import time
from collections.abc import Iterable
from pathlib import Path

from ..models.errors import DossierError
from .uptodate import entries_as_set_back, settled

# The marker every site carries: its first line says what wrote the folder,
# the other lines are the site's files, one relative path each, sorted.
MARKER = ".newsdossier-site"
MARKER_HEADER = (
    "newsdossier site: the files below were written by newsdossier; it replaces this folder on every build"
)
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_CONTROL_BUT_LINE_BREAKS = re.compile(r"[\x00-\x09\x0b-\x1f\x7f]")  # (`check_all`: "\n" counted apart)
# Folders of a project the site may not be written into: the inputs, and
# what the build keeps beside them.
PROJECT_FOLDERS = ("seeds", "dossier", "templates", "reports", ".cache")


def check_paths(files: dict[str, bytes]) -> None:
    """Every output path stays inside the site and is a plain relative path."""
    for path in files:
        check_path(path)


def check_path(path: str) -> None:
    """One output path stays inside the site and is a plain relative path
    (called for every file of the site an incremental build keeps)."""
    parts = path.split("/")  # not PurePosixPath: it would quietly fold "a//b" and "./a"
    if (
        "" in parts
        or "." in parts
        or ".." in parts
        or "\\" in path
        or _CONTROL.search(path)
        or path == MARKER
    ):
        raise DossierError(path, None, "output path would leave the site folder")


def check_all(paths: list[str]) -> None:
    """`check_path` of every path: the same rule asked of one string of
    them all, by C's searches (35,000 paths an added article's build keeps
    at 10,000 articles, a Python call each before). Each path is put between
    slashes, one a line: a segment "", "." or ".." is then "//", "/./" or
    "/../", which cannot span two paths when none holds a line break
    (counted). Anything found sends every path through `check_path` in
    order: the first refused is named as it names it."""
    if not paths:
        return
    joined = "/" + "/\n/".join(paths) + "/"
    if (
        joined.count("\n") != len(paths) - 1
        or "//" in joined
        or "/./" in joined
        or "/../" in joined
        or "\\" in joined
        or _CONTROL_BUT_LINE_BREAKS.search(joined)
        or MARKER in paths
    ):
        for path in paths:
            check_path(path)


def marker_text(paths: list[str]) -> bytes:
    return ("\n".join([MARKER_HEADER, *sorted(paths)]) + "\n").encode("utf-8")


def listed_files(folder: Path) -> frozenset[str] | None:
    """The files the marker of `folder` lists, or None when it has no marker
    of ours (absent, unreadable, or a link). A marker read once in this
    process is not read again while its status is the same and settled
    (`settled`: a rewrite in the same clock tick could keep it): a build
    checks its site several times, and the marker of a 10,000-article site
    is 35,000 lines."""
    marker = folder / MARKER
    try:
        status = os.lstat(marker)
    except OSError:
        return None
    if not stat.S_ISREG(status.st_mode):  # a link or a folder: not ours
        return None
    key = (status.st_size, status.st_mtime_ns, status.st_ctime_ns, status.st_ino)
    remembered = _listed.get(marker)
    if remembered is not None and remembered[0] == key:
        return remembered[1]
    try:
        lines = marker.read_text(encoding="utf-8").split("\n")
    except (OSError, UnicodeDecodeError):
        return None
    if lines[0] != MARKER_HEADER:
        return None
    listed = frozenset(line for line in lines[1:] if line)
    if settled(key, time.time_ns()):
        _listed[marker] = (key, listed)
    return listed


def has_marker(folder: Path) -> bool:
    """Whether `folder` carries a marker of ours, from its first line alone
    (the listing of a 10,000-article site is 1.2 MB)."""
    marker = folder / MARKER
    head = (MARKER_HEADER + "\n").encode("utf-8")
    try:
        if not stat.S_ISREG(os.lstat(marker).st_mode):
            return False
        with open(marker, "rb") as file:
            return file.read(len(head)) == head
    except OSError:
        return False


# The markers read in this process (`listed_files`): by path, their status and files.
_listed: dict[Path, tuple[tuple[int, int, int, int], frozenset[str]]] = {}


def needed_folders(listed: Iterable[str]) -> frozenset[str]:
    """Every folder the listed files are in, their parents too ("." the site)."""
    return _folders_of(frozenset(listed))  # (a frozenset is not copied: the memo's key as it is)


@functools.lru_cache(maxsize=4)
def _folders_of(listed: frozenset[str]) -> frozenset[str]:
    """By strings, not paths: the marker lists every file of the site (35,000
    at 10,000 articles) and a build asks this of it several times (once per
    listing: remembered); the listed paths are the build's own, plain
    relative paths (`check_paths`)."""
    folders = {"."} if listed else set()
    for path in listed:
        folder = path.rpartition("/")[0]
        while folder and folder not in folders:  # once one is in, so are its parents
            folders.add(folder)
            folder = folder.rpartition("/")[0]
    return frozenset(folders)


def folder_statuses(target: Path, listed: Iterable[str] | None = None) -> dict[str, list[int]] | None:
    """The status (modification and change times, inode, size) of the site
    folder, of every folder its marker's files are in, and of the marker;
    None without a marker.
    An entry added, removed or renamed anywhere in the site changes one of
    them: while they stay the same, a site found clean stays clean, and
    `check_target` need not walk its files again (tens of thousands at
    10,000 articles: most of an up-to-date build's time)."""
    listed = listed_files(target) if listed is None else listed
    if listed is None:
        return None
    statuses = {}
    # The marker too: rewritten in place, it lists other files without any
    # folder changing.
    for name in (MARKER, *sorted(needed_folders(listed))):
        status = _status(target / name)
        if status is None:
            return None
        statuses[name] = status
    return statuses


def _status(path: Path) -> list[int] | None:
    """A folder's or the marker's status, as `folder_statuses` keeps it."""
    try:
        status = os.lstat(path)
    except (OSError, ValueError):  # (ValueError: a name with a NUL, from a damaged stamp)
        return None
    return [status.st_mtime_ns, status.st_ctime_ns, status.st_ino, status.st_size]


def _still(target: Path, known: dict[str, list[int]] | None) -> bool:
    """Whether the site has the folder statuses `known` (`folder_statuses`
    of it when it was found clean), taken without reading its marker: the
    same statuses of the marker (the same file, not rewritten) and of every
    folder it gave (no entry added, removed or renamed in any of them), so
    the marker would give these folders and these statuses again."""
    return bool(known) and MARKER in known and all(_status(target / name) == s for name, s in known.items())


# Site folders a walk found holding only the build's files, by path: the
# folder statuses taken before that walk (a build checks its site three
# times: before the quick check, under the lock, and before staging).
_clean: dict[Path, dict[str, list[int]]] = {}


def proven_clean(target: Path) -> dict[str, list[int]] | None:
    """The site's folder statuses when a walk in this process found it
    clean and nothing changed since; None otherwise (never statuses taken
    at some later moment, which could include a file put in meanwhile)."""
    target = Path(os.path.abspath(target))
    statuses = _clean.get(target)
    return statuses if statuses is not None and folder_statuses(target) == statuses else None


def vouch_for_entries(statuses: dict[str, list[int]], set_back_ns: int | None) -> bool:
    """Whether a site's folder statuses vouch for its entries
    (`uptodate.entries_as_set_back`: every folder's modification time the
    one the build set in `StagedSite.swap_in`, `set_back_ns`)."""
    return set_back_ns is not None and all(
        entries_as_set_back(status[0], set_back_ns) for name, status in statuses.items() if name != MARKER
    )


def foreign_entry(folder: Path, listed: Iterable[str]) -> str | None:
    """The first entry under `folder` (sorted walk) that the build did not
    write: a file not listed, a link, or a folder holding no listed file."""
    folders = needed_folders(listed)
    stack = [""]
    while stack:
        relative = stack.pop()
        with os.scandir(folder / relative if relative else folder) as entries:
            for entry in sorted(entries, key=lambda e: e.name, reverse=True):
                path = f"{relative}/{entry.name}" if relative else entry.name
                if entry.is_symlink():
                    return path
                if entry.is_dir():
                    if path not in folders:
                        return path + "/"
                    stack.append(path)
                elif path not in listed and path != MARKER:
                    return path
    return None


def check_target(
    target: Path, clean: dict[str, list[int]] | None = None, set_back_ns: int | None = None
) -> None:
    """Refuse an output folder the build may not replace (see the module
    docstring); the error names what is in the way. `clean`: the folder
    statuses of this site when it last held only the build's files (the
    up-to-date stamp keeps them, with the time the build set the folders
    back to, `set_back_ns`): the same statuses now
    need no walk. Those of a build that will replace the site (`locks.site_lock`,
    `staging`) rest on a walk made in the same process, or on these statuses
    when every folder's modification time in them is still the one the
    build set before swapping the site in (`vouch_for_entries`), which any
    entry put in since would have changed."""
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
    # As found clean: the marker (35,000 lines at 10,000 articles) need not
    # be read to know which folders to compare, nor the site walked.
    if _still(target, clean):
        if vouch_for_entries(clean, set_back_ns):
            _clean[target] = clean  # as a walk would: the checks under the lock need none
        return
    if _still(target, _clean.get(target)):
        return
    listed = listed_files(target)
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
    statuses = folder_statuses(target, listed)  # taken before the walk: a change during it shows next time
    foreign = foreign_entry(target, listed)
    if foreign is None:
        if statuses is not None:
            _clean[target] = statuses
        return
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


def remove_if_ours(folder: Path) -> None:
    """Remove a folder the build made: one with its marker, or an empty one."""
    if folder.is_symlink() or not folder.is_dir():
        return
    if listed_files(folder) is not None:
        remove_site_folder(folder)
    else:
        with contextlib.suppress(OSError):
            folder.rmdir()  # only if empty: anything else is not ours to delete


def remove_site_folder(folder: Path, threads: int = 1) -> None:
    """Remove a site or staging folder of ours, its marker last: a build
    killed half way leaves a folder the next one still knows as its own.
    With `threads`, its folders are removed side by side (unlinking in
    different folders does not wait on one lock, so the waits overlap)."""
    folders, files = [], []
    with contextlib.suppress(OSError), os.scandir(folder) as entries:
        for entry in entries:
            if entry.name != MARKER:
                (folders if entry.is_dir(follow_symlinks=False) else files).append(entry.path)
    remove = functools.partial(shutil.rmtree, ignore_errors=True)
    if threads > 1 and len(folders) > 1:
        from concurrent.futures import ThreadPoolExecutor  # here: a no-change build imports this module

        with ThreadPoolExecutor(min(threads, len(folders))) as removers:
            list(removers.map(remove, folders))
    else:
        for path in folders:
            remove(path)
    for path in files:
        with contextlib.suppress(OSError):
            os.unlink(path)
    with contextlib.suppress(OSError):
        (folder / MARKER).unlink()
        folder.rmdir()
