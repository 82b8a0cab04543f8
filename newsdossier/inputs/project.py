"""Read every input file, once, at the start of the build.

After this stage nothing reads the project: later stages are pure functions
of the `Sources` value, which makes them easy to test and the build's inputs
easy to list and checksum.
"""

from __future__ import annotations

from pathlib import Path

from ..models.errors import DossierError
from ..models.inputs import SourceFile, Sources
from .readers import SEED_SUFFIXES


def _read_tree(root: Path, folder: str, wanted=lambda path: True) -> tuple[SourceFile, ...]:
    base = root / folder
    if not base.is_dir():
        raise DossierError(folder + "/", None, "missing folder: the project needs seeds/, dossier/ and templates/")
    files = []
    # Sorted by path: the order every later collection starts from.
    for path in sorted(p for p in base.rglob("*") if p.is_file() and not p.name.startswith(".") and wanted(p)):
        relative = path.relative_to(root).as_posix()
        try:
            files.append(SourceFile(relative, path.read_bytes()))
        except OSError as error:
            raise DossierError(relative, None, f"cannot be read: {error.strerror}") from None
    return tuple(files)


def _is_seed(path: Path) -> bool:
    # Only the top level of seeds/: subfolders are the analyst's own.
    return path.parent.name == "seeds" and path.suffix.lower() in SEED_SUFFIXES


def read_sources(root: Path) -> Sources:
    seeds = _read_tree(root, "seeds", _is_seed)
    if not seeds:
        kinds = ", ".join(f"*{suffix}" for suffix in SEED_SUFFIXES)
        raise DossierError("seeds/", None, f"no articles: put the article texts in seeds/ as {kinds} files")
    return Sources(
        root=str(root),
        seeds=seeds,
        dossier=_read_tree(root, "dossier"),
        templates=_read_tree(root, "templates"),
    )
