"""The language data that ships with the package, checked before it is used.

Three files are data the code reads (or native code opens): the named-entity
model (`ner_model/anercorp.crfsuite`, opened by CRFsuite's C++ code: a
truncated file crashes the process with no message), camel-tools' empty
catalogue for offline import (`camel_stub/catalogue.json`, read by
camel-tools), and camel-tools' character folds (`fold_table.py`, imported).
`shipped.json` beside them records the size and SHA-256 of each, written
by the command that makes the file (`make model` writes the model and its
report, `make folds` the fold table; the catalogue is static).

Before anything reads one of them, `verified` compares it with that record:

* a file that differs (truncated, garbage, replaced by hand) stops the build
  with one error naming the file and the command that restores it;
* a missing model is allowed: the build goes on without that finder, and
  the review file's first lines say so ("no shipped model (run `make
  model`)"); a missing fold table is allowed too (camel-tools folds every
  character itself, slower); a missing catalogue is an error (camel-tools
  would try to download one).

`identity` is the files' digests: part of the analysis identity and so of
the build's up-to-date check, so a new model re-analyses every article.
"""

from __future__ import annotations

import hashlib
import json
import sys
from dataclasses import dataclass
from pathlib import Path

from ..models.errors import DossierError

FOLDER = Path(__file__).parent
MANIFEST = "shipped.json"

MODEL = "ner_model/anercorp.crfsuite"
MODEL_REPORT = "ner_model/anercorp.json"
CATALOGUE = "camel_stub/catalogue.json"
FOLDS = "fold_table.py"
LEXICON = "ner_model/lexicon.json"  # word counts, places and given names (`names.lexicon`)
PROPOSING = "ner_model/proposing.json"  # the learnt decision of what to propose (`names.learnt`)
# The files the code reads, and whether it can do without them.
USED = {MODEL: True, CATALOGUE: False, FOLDS: True, LEXICON: True, PROPOSING: True}


@dataclass(frozen=True)
class Record:
    """What `shipped.json` says of one file."""

    size: int
    sha256: str
    made_by: str | None  # the command that makes it, or None for a static file


# (path, size, mtime) -> sha256: each file is read once per process.
_DIGESTS: dict[tuple[str, int, int], str] = {}


def _digest(path: Path) -> tuple[int, str]:
    stat = path.stat()
    key = (str(path), stat.st_size, stat.st_mtime_ns)
    if key not in _DIGESTS:
        _DIGESTS[key] = hashlib.sha256(path.read_bytes()).hexdigest()
    return stat.st_size, _DIGESTS[key]


def _shown(path: Path) -> str:
    """The file as the user finds it: from the project when the package lives in it."""
    try:
        return path.relative_to(Path.cwd()).as_posix()
    except ValueError:
        return str(path)


def manifest() -> dict[str, Record]:
    path = FOLDER / MANIFEST
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return {name: Record(int(r["size"]), str(r["sha256"]), r.get("made_by")) for name, r in data.items()}
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as error:
        message = f"the record of the shipped language data cannot be read ({error}): {_RESTORE}"
        raise DossierError(_shown(path), None, message) from None


_RESTORE = "restore the package's files (`git checkout -- newsdossier/language`, or reinstall newsdossier)"


def _remedy(name: str, record: Record) -> str:
    restore = f"restore it with `git checkout -- newsdossier/language/{name}` (or reinstall newsdossier)"
    return f"{restore}, or make it again with `{record.made_by}`" if record.made_by else restore


def verified(name: str) -> Path | None:
    """The path of shipped file `name`, checked against its record: None
    when it is missing and the code can do without it; a `DossierError`
    naming the file and its remedy when it differs (or is missing and
    needed)."""
    record = manifest()[name]
    path = FOLDER / name
    if not path.is_file():
        if USED.get(name, False):
            return None
        raise DossierError(_shown(path), None, f"missing from the package: {_remedy(name, record)}")
    size, sha256 = _digest(path)
    if (size, sha256) != (record.size, record.sha256):
        raise DossierError(
            _shown(path),
            None,
            f"damaged or replaced: it has {size:,} bytes (SHA-256 {sha256[:12]}…) where the shipped file has "
            f"{record.size:,} bytes (SHA-256 {record.sha256[:12]}…); {_remedy(name, record)}",
        )
    return path


def identity() -> str:
    """The shipped data the analysis reads, by content (each file verified)."""
    records = manifest()
    return "|".join(f"{name}:{records[name].sha256 if verified(name) else 'absent'}" for name in sorted(USED))


def record(*names: str, made_by: str | None = None) -> None:
    """Write the size and SHA-256 of the named files, as they are now, into
    `shipped.json` (the commands that make them call this)."""
    path = FOLDER / MANIFEST
    data = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
    for name in names:
        size, sha256 = _digest(FOLDER / name)
        data[name] = {"size": size, "sha256": sha256, "made_by": made_by}
    path.write_text(json.dumps(dict(sorted(data.items())), indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":  # python -m newsdossier.language.shipped FILE…: record static files
    record(*sys.argv[1:])
    print(f"recorded {', '.join(sys.argv[1:])} in {FOLDER / MANIFEST}")
