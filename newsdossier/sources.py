"""Read every input file, once, at the start of the build.

After this stage nothing reads the disk: later stages are pure functions of
the `Sources` value, which makes them easy to test and the build's inputs
easy to list (and, later, to checksum).
"""

from __future__ import annotations

from pathlib import Path

from .errors import DossierError
from .models import SourceFile, Sources

SEED_SUFFIX = ".txt"


def undecodable(source: SourceFile) -> tuple[int, str] | None:
    """Where a file stops being UTF-8: (line, description), or None if it is."""
    try:
        source.data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = source.data[: error.start].count(b"\n") + 1
        return line, f"not UTF-8 text (byte 0x{source.data[error.start]:02x} at offset {error.start})"
    return None


def utf8_text(source: SourceFile) -> str:
    """A dossier or seed file's text; a file that is not UTF-8 is an error at its line."""
    problem = undecodable(source)
    if problem is not None:
        raise DossierError(source.path, *problem)
    return source.data.decode("utf-8").removeprefix("\ufeff")


def _read_tree(root: Path, folder: str, pattern: str) -> tuple[SourceFile, ...]:
    base = root / folder
    if not base.is_dir():
        raise DossierError(folder + "/", None, "missing folder: the project needs seeds/, dossier/ and templates/")
    files = []
    # Sorted by path: the order every later collection starts from.
    for path in sorted(p for p in base.rglob(pattern) if p.is_file() and not p.name.startswith(".")):
        relative = path.relative_to(root).as_posix()
        try:
            files.append(SourceFile(relative, path.read_bytes()))
        except OSError as error:
            raise DossierError(relative, None, f"cannot be read: {error.strerror}") from None
    return tuple(files)


def read_sources(root: Path) -> Sources:
    seeds = tuple(f for f in _read_tree(root, "seeds", "*" + SEED_SUFFIX) if f.path.count("/") == 1)
    if not seeds:
        raise DossierError("seeds/", None, f"no articles: put the article texts in seeds/ as *{SEED_SUFFIX} files")
    return Sources(
        root=str(root),
        seeds=seeds,
        dossier=_read_tree(root, "dossier", "*"),
        templates=_read_tree(root, "templates", "*"),
    )
