"""Read every input file, once, at the start of the build.

After this stage nothing reads the project: later stages are pure functions
of the `Sources` value, which makes them easy to test and the build's inputs
easy to list and checksum.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from ..models.errors import DossierError
from ..models.inputs import Skipped, SourceFile, Sources, Unread
from .readers import SEED_SUFFIXES

# Characters a file name may not have: its name becomes part of the site's
# URLs and of messages. (A name that is not UTF-8 reaches Python as lone
# surrogates, U+DC80 to U+DCFF.)
_BAD_NAME = re.compile(r"[\\\x00-\x1f\x7f\udc80-\udcff]")


def _shown(relative: str) -> str:
    """A path as it can be printed, whatever bytes its name has."""
    return os.fsencode(relative).decode("utf-8", "backslashreplace")


def _check_file(root: Path, path: Path, relative: str) -> None:
    bad = _BAD_NAME.search(relative)
    if bad:
        what = (
            "bytes that are not UTF-8"
            if "\udc80" <= bad.group() <= "\udcff"
            else f"the character U+{ord(bad.group()):04X}"
        )
        raise DossierError(_shown(relative), None, f"file name has {what}: rename the file")
    if path.is_symlink():
        target = path.resolve()
        if not target.is_relative_to(root):
            raise DossierError(
                relative,
                None,
                f"is a link to {_shown(str(target))}, outside the project: "
                "copy the file into the project instead",
            )


def _read_tree(
    root: Path, folder: str, wanted=lambda path: True, below: bool = True
) -> tuple[SourceFile, ...]:
    base = root / folder
    if not base.is_dir():
        raise DossierError(
            folder + "/", None, "missing folder: the project needs seeds/, dossier/ and templates/"
        )
    if not base.resolve().is_relative_to(root):
        raise DossierError(
            folder + "/", None, f"is a link to {_shown(str(base.resolve()))}, outside the project"
        )
    files = []
    # Sorted by path: the order every later collection starts from.
    for path in sorted(
        p
        for p in (base.rglob("*") if below else base.glob("*"))
        if p.is_file() and not p.name.startswith(".") and wanted(p)
    ):
        relative = path.relative_to(root).as_posix()
        _check_file(root, path, relative)
        try:
            files.append(SourceFile(relative, path.read_bytes()))
        except OSError as error:
            raise DossierError(relative, None, f"cannot be read: {error.strerror}") from None
    return tuple(files)


def _is_seed(path: Path) -> bool:
    return path.suffix.lower() in SEED_SUFFIXES


def _skipped_in_seeds(root: Path) -> tuple[Skipped, ...]:
    """What seeds/ holds besides articles: never silently left out (an article
    saved as .pdf, or filed in a subfolder, would otherwise vanish). Hidden
    files and editor backups (`name~`) are no one's articles."""
    skipped = []
    for path in sorted((root / "seeds").iterdir()):
        if path.name.startswith(".") or path.name.endswith("~"):
            continue
        relative = path.relative_to(root).as_posix()
        if path.is_dir():
            skipped.append(Skipped(relative + "/", Unread.FOLDER))
        elif not path.is_file():
            skipped.append(Skipped(relative, Unread.NOT_A_FILE))
        elif not _is_seed(path):
            skipped.append(Skipped(relative, Unread.KIND))
    return tuple(skipped)


def read_sources(root: Path) -> Sources:
    root = root.resolve()
    # Only the top level of seeds/: subfolders are the analyst's own (the
    # curation names each one, as it names files of another kind).
    # An empty seeds/ is a new dossier: it builds (the curation warns).
    seeds = _read_tree(root, "seeds", _is_seed, below=False)
    return Sources(
        root=str(root),
        seeds=seeds,
        dossier=_read_tree(root, "dossier"),
        templates=_read_tree(root, "templates"),
        skipped=_skipped_in_seeds(root),
    )
