"""Identities for the caches: of the code, and of values.

A cache entry or a page may be reused only when everything it was made from
is the same; these are the two things every key includes.
"""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1]


@cache
def code_version(*layers: str) -> str:
    """A hash of the package's source, or of the source of the given layers
    (subpackages, e.g. "language", "models"): a key that depends on the code
    changes with any change to that code."""
    digest = hashlib.sha256()
    folders = [PACKAGE / layer for layer in layers] if layers else [PACKAGE]
    for path in sorted(p for folder in folders for p in folder.rglob("*.py")):
        digest.update(path.relative_to(PACKAGE).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def digest(*parts: object) -> str:
    """The hash of the repr of `parts`: frozen dataclasses, enums, tuples and
    sorted mappings have stable reprs, so equal values give equal digests."""
    return hashlib.sha256(repr(parts).encode("utf-8")).hexdigest()
