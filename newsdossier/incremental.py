"""What one build lends the next (Lektor-style: decided by recorded checksums).

* The manifest: a fingerprint of every input file, the build options and
  this package's code, recorded after each successful build. When the next
  build's fingerprint is the same and the site is still there, nothing can
  have changed and the build stops at once ("up to date").
* Page keys: pages made from one article (its page and its source page) get
  a key of exactly what they are rendered from. When a page's key is the
  same as in the previous build, its bytes are taken from the previous site
  instead of being rendered again. Pages that gather many articles (entity,
  summit, index and analysis pages) are always rendered; the output stage
  still leaves their files alone when their bytes come out the same.

Both live in .cache/ and are only an optimisation: without them (or with
`--no-cache`) every build is a full build, with identical output.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from .annotate import code_version
from .models import Sources


def fingerprint_sources(sources: Sources, options: object) -> str:
    digest = hashlib.sha256(code_version().encode())
    digest.update(repr(options).encode())
    for source in (*sources.seeds, *sources.dossier, *sources.templates):
        digest.update(source.path.encode() + b"\0")
        digest.update(hashlib.sha256(source.data).digest())
    return digest.hexdigest()


def digest(*parts: object) -> str:
    """A key for a page: the hash of the repr of what it is made from (frozen
    dataclasses and tuples have stable reprs)."""
    return hashlib.sha256(repr(parts).encode()).hexdigest()


class BuildMemo:
    def __init__(self, folder: Path | None, out: Path):
        self.out = out
        name = hashlib.sha256(str(out.resolve()).encode()).hexdigest()[:16]
        self.path = folder / f"{name}.json" if folder is not None else None
        self.previous: dict = {}
        if self.path is not None:
            try:
                self.previous = json.loads(self.path.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                self.previous = {}
        self.page_keys: dict[str, str] = {}

    def up_to_date(self, fingerprint: str) -> bool:
        return bool(self.previous) and self.previous.get("fingerprint") == fingerprint and (self.out / "index.html").is_file()

    def reuse(self, path: str, key: str) -> bytes | None:
        """The previous build's bytes for `path` if it was made from the same key."""
        self.page_keys[path] = key
        if self.previous.get("pages", {}).get(path) != key:
            return None
        try:
            return (self.out / path).read_bytes()
        except OSError:
            return None

    def save(self, fingerprint: str) -> None:
        if self.path is None:
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            temporary = self.path.with_suffix(f".{os.getpid()}.tmp")
            temporary.write_text(
                json.dumps({"fingerprint": fingerprint, "pages": dict(sorted(self.page_keys.items()))}), encoding="utf-8"
            )
            os.replace(temporary, self.path)
        except OSError:
            pass  # next build is simply a full one


class NoMemo(BuildMemo):
    """No cache: nothing is up to date, nothing is reused."""

    def __init__(self, out: Path):
        super().__init__(None, out)

    def up_to_date(self, fingerprint: str) -> bool:
        return False

    def reuse(self, path: str, key: str) -> bytes | None:
        return None
