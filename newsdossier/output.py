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

import os
import shutil
import tempfile
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
    blocking = next((p for p in (parent, *parent.parents) if p.exists() and not p.is_dir()), None)
    if blocking is not None:
        raise DossierError(str(target), None, f"cannot write the site here: {blocking} is a file, not a folder")
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
        previous = None
        if target.exists():
            previous = Path(tempfile.mkdtemp(prefix=f".{target.name}.old-", dir=parent)) / "site"
            os.rename(target, previous)
        try:
            os.rename(staging, target)
        except OSError:
            if previous is not None:
                os.rename(previous, target)  # put the old site back
            raise
    except OSError as error:
        shutil.rmtree(staging, ignore_errors=True)
        raise DossierError(str(target), None, f"cannot write the site: {error.strerror}") from None
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    if previous is not None:
        shutil.rmtree(previous.parent, ignore_errors=True)
    return Written(sorted([*files, *added]), changed)


def write_report(path: Path, text: str) -> None:
    """A file for the analyst beside the site (not part of it), replaced whole."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        temporary.write_text(text, encoding="utf-8")
        os.replace(temporary, path)
    except OSError as error:
        raise DossierError(str(path), None, f"cannot write the report: {error.strerror}") from None
