"""What one build lends the next (Lektor-style: decided by recorded checksums).

* The manifest: a fingerprint of every input file, the build options and
  this package's code, recorded after each successful build. When the next
  build's fingerprint is the same and the site is still there, nothing can
  have changed and the build stops at once ("up to date").
* Page keys: pages made from one article (its page and its source page) get
  a key of what they are rendered from: the code, the templates, the site
  settings, the article, its neighbours, its summit and the entities it
  shows. When a page's key is the
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
from pathlib import Path

from .annotate import code_version
from .errors import DossierError
from .morphology import full_database_identity
from .ner import model_identity
from .output import replace_file
from .models import Sources


def fingerprint_sources(sources: Sources, options: object) -> str:
    digest = hashlib.sha256(code_version().encode())
    digest.update(repr(options).encode())
    for source in (*sources.seeds, *sources.dossier, *sources.templates):
        digest.update(source.path.encode() + b"\0")
        digest.update(hashlib.sha256(source.data).digest())
    return digest.hexdigest()


def language_data(morphology_db: Path | None, ner_model: Path | None) -> str:
    """The language data a build would use, by identity: installing CALIMA or
    a NER model changes the fingerprint, so the next build is not skipped."""
    if morphology_db is not None and not morphology_db.is_file():
        raise DossierError(str(morphology_db), None, "no such morphology database (given with --morphology-db)")
    database = hashlib.sha256(morphology_db.read_bytes()).hexdigest() if morphology_db else "none"
    return f"{database}|{full_database_identity()}|{model_identity(ner_model)}"


def digest(*parts: object) -> str:
    """A key for a page: the hash of the repr of what it is made from (frozen
    dataclasses and tuples have stable reprs)."""
    return hashlib.sha256(repr(parts).encode()).hexdigest()


class BuildMemo:
    def __init__(self, folder: Path, out: Path, enabled: bool = True):
        self.out = out
        self.enabled = enabled
        name = hashlib.sha256(str(out.resolve()).encode()).hexdigest()[:16]
        self.path = folder / f"{name}.json"
        self.previous: dict = {}
        if enabled:
            try:
                self.previous = json.loads(self.path.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                self.previous = {}
        self.page_keys: dict[str, str] = {}

    def up_to_date(self, fingerprint: str) -> bool:
        return self.enabled and bool(self.previous) and self.previous.get("fingerprint") == fingerprint and (self.out / "index.html").is_file()

    def reuse(self, path: str, key: str) -> bytes | None:
        """The previous build's bytes for `path` if it was made from the same key."""
        self.page_keys[path] = key
        if not self.enabled or self.previous.get("pages", {}).get(path) != key:
            return None
        try:
            return (self.out / path).read_bytes()
        except OSError:
            return None

    def forget(self) -> None:
        """Before the site changes: a build that stops half way (killed, or
        failing after the swap) must not leave a manifest that vouches for
        the old site."""
        try:
            self.path.unlink()
        except OSError:
            pass

    def save(self, fingerprint: str) -> None:
        if not self.enabled:
            return  # a build without the cache leaves none behind
        try:
            manifest = {"fingerprint": fingerprint, "pages": dict(sorted(self.page_keys.items()))}
            replace_file(self.path, json.dumps(manifest).encode("utf-8"))
        except OSError:
            pass  # next build is simply a full one
