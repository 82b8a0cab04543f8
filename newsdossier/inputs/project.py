"""Read every input file, once, at the start of the build.

After this stage nothing reads the project: later stages are pure functions
of the `Sources` value, which makes them easy to test and the build's inputs
easy to list and checksum.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from operator import attrgetter
from pathlib import Path

from ..models.errors import DossierError
from ..models.inputs import Skipped, SourceFile, Sources, Unread, is_hidden
from .readers import SEED_SUFFIXES

# Characters a file name may not have: its name becomes part of the site's
# URLs and of messages. (A name that is not UTF-8 reaches Python as lone
# surrogates, U+DC80 to U+DCFF.)
_BAD_NAME = re.compile(r"[\\\x00-\x1f\x7f\udc80-\udcff]")

Known = Callable[[str], "bytes | None"]  # a seed's file name → its digest, if it need not be read


def _shown(relative: str) -> str:
    """A path as it can be printed, whatever bytes its name has."""
    return os.fsencode(relative).decode("utf-8", "backslashreplace")


def _check_file(root: Path, path: Path | str, relative: str, link: bool | None = None) -> None:
    """A file's name can be shown and published, and a link stays in the
    project (`link`: whether it is one, when a listing already said)."""
    bad = _BAD_NAME.search(relative)
    if bad:
        what = (
            "bytes that are not UTF-8"
            if "\udc80" <= bad.group() <= "\udcff"
            else f"the character U+{ord(bad.group()):04X}"
        )
        raise DossierError(_shown(relative), None, f"file name has {what}: rename the file")
    if os.path.islink(path) if link is None else link:
        target = Path(path).resolve()
        if not target.is_relative_to(root):
            raise DossierError(
                relative,
                None,
                f"is a link to {_shown(str(target))}, outside the project: "
                "copy the file into the project instead",
            )


def _folder(root: Path, folder: str) -> Path:
    base = root / folder
    if not base.is_dir():
        raise DossierError(
            folder + "/", None, "missing folder: the project needs seeds/, dossier/ and templates/"
        )
    if not base.resolve().is_relative_to(root):
        raise DossierError(
            folder + "/", None, f"is a link to {_shown(str(base.resolve()))}, outside the project"
        )
    return base


def _read(path: Path | str, relative: str) -> SourceFile:
    try:
        with open(path, "rb") as file:
            return SourceFile(relative, file.read())
    except OSError as error:
        raise DossierError(relative, None, f"cannot be read: {error.strerror}") from None


def _read_tree(root: Path, folder: str) -> tuple[SourceFile, ...]:
    base = _folder(root, folder)
    files = []
    # Sorted by path: the order every later collection starts from.
    for path in sorted(p for p in base.rglob("*") if p.is_file() and not is_hidden(p.name)):
        relative = path.relative_to(root).as_posix()
        _check_file(root, path, relative)
        files.append(_read(path, relative))
    return tuple(files)


def _is_seed(name: str) -> bool:
    """A seed's name (not a hidden one's: those are no one's) ends with a
    seed's suffix, in any case (`str.endswith`, not `splitext`: 6 ms for
    10,000 seeds)."""
    return name.lower().endswith(SEED_SUFFIXES)


def _read_seeds(root: Path, known: Known) -> tuple[tuple[SourceFile, ...], tuple[Skipped, ...]]:
    """The top level of seeds/, in one listing by name (10,000 seeds: a
    path object and a status call each cost more than reading them): every
    seed read, and what else it holds, which is never silently left out (an
    article saved as .pdf, or filed in a subfolder, would otherwise
    vanish). Hidden files and editor backups (`name~`) are no one's
    articles. A seed `known` gives a digest for (its status unchanged since
    the last build read it) is not read: it is known by that digest."""
    base = _folder(root, "seeds")
    with os.scandir(base) as listing:
        entries = sorted(listing, key=attrgetter("name"))
    seeds, skipped = [], []
    origin = str(root)
    for entry in entries:
        name = entry.name
        if is_hidden(name):
            continue
        relative = "seeds/" + name
        if entry.is_file() and _is_seed(name):  # a link followed, as for any file
            _check_file(root, entry.path, relative, entry.is_symlink())  # (no path object each)
            digest = known(name)
            seeds.append(
                _read(entry.path, relative)
                if digest is None
                else SourceFile(relative, digest=digest, origin=origin)
            )
        elif entry.name.endswith("~"):
            continue
        elif entry.is_dir():
            skipped.append(Skipped(relative + "/", Unread.FOLDER))
        elif not entry.is_file():
            skipped.append(Skipped(relative, Unread.NOT_A_FILE))
        else:
            skipped.append(Skipped(relative, Unread.KIND))
    return tuple(seeds), tuple(skipped)


def _nothing_known(name: str) -> None:
    return None


def read_sources(root: Path, known: Known = _nothing_known) -> Sources:
    """Every input file; `known`: a seed's digest by its file name when
    its bytes need not be read again (`build.uptodate.SeedDigests`)."""
    root = root.resolve()
    # Only the top level of seeds/: subfolders are the analyst's own (the
    # curation names each one, as it names files of another kind).
    # An empty seeds/ is a new dossier: it builds (the curation warns).
    seeds, skipped = _read_seeds(root, known)
    return Sources(
        root=str(root),
        seeds=seeds,
        dossier=_read_tree(root, "dossier"),
        templates=_read_tree(root, "templates"),
        skipped=skipped,
    )
