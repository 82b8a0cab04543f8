"""What one build lends the next: memos in .cache/, never inputs.

* `ArticleCache`: each analysed article, by a key of everything its
  analysis depends on (see `language.steps`). Written as soon as an
  article is analysed, so a build that fails later keeps that work.
* `BuildManifest`: written after each successful build, beside its site:
  a fingerprint of every input file, the options that change the output
  and the code (when the next build's fingerprint is the same and the site
  is still there, nothing can have changed: the build stops at once), and
  for every output its key and what it read, with the digests of those
  reads (`site.outputs` reuses an output none of whose inputs changed),
  and the key of every search segment (`build.search` keeps a segment whose
  pages did not change).

Deleting .cache/ (or `--no-cache`) makes a full build with identical
output. A cache file that cannot be read, or holds something else than
expected, counts as absent: a memo can make a build slower, never fail it.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import pickle
from pathlib import Path

from ..models.article import Article
from ..models.curation import ArticleMeta
from ..models.identity import code_version
from ..models.inputs import SourceFile, Sources
from ..site.outputs import OutputRecord
from .files import replace_file

MANIFEST_VERSION = 4  # 4: reads named once, by number in each record


def article_key(source: SourceFile, meta: ArticleMeta, analysis_identity: str) -> str:
    digest = hashlib.sha256(analysis_identity.encode())
    digest.update(hashlib.sha256(source.data).digest())
    digest.update(repr(meta).encode())
    return digest.hexdigest()


class ArticleCache:
    """Analysed articles by key, as pickles under `folder` (None: no cache)."""

    def __init__(self, folder: Path | None):
        self.folder = folder

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.pickle"

    def get(self, key: str) -> Article | None:
        if self.folder is None:
            return None
        try:
            with self._path(key).open("rb") as file:
                article = pickle.load(file)
        except Exception:  # absent, damaged or written by another version: analyse again
            return None
        return article if isinstance(article, Article) else None

    def put(self, key: str, article: Article) -> None:
        if self.folder is None:
            return
        with contextlib.suppress(OSError):  # a cache that cannot be written only costs time
            replace_file(
                self._path(key), pickle.dumps(article, protocol=pickle.HIGHEST_PROTOCOL)
            )  # never half-written


def fingerprint_sources(sources: Sources, options: object) -> str:
    """Every input file, the options that change the output, and the code."""
    digest = hashlib.sha256(code_version().encode())
    digest.update(repr(options).encode())
    for source in (*sources.seeds, *sources.dossier, *sources.templates):
        digest.update(source.path.encode() + b"\0")
        digest.update(hashlib.sha256(source.data).digest())
    digest.update(repr(sources.skipped).encode())  # a new one is warned of: build
    return digest.hexdigest()


class BuildManifest:
    """The previous build of one site folder, as recorded after it."""

    def __init__(self, folder: Path, site: Path, enabled: bool = True):
        self.site = site
        self.enabled = enabled
        self.path = folder / f"{hashlib.sha256(str(site.resolve()).encode()).hexdigest()[:16]}.json"
        self._fingerprint: str | None = None
        self._records: dict[str, OutputRecord] = {}
        self._digests: dict[str, str] = {}
        self._search: dict[str, str] = {}
        if enabled:
            self._load()

    def _load(self) -> None:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            if data.get("version") != MANIFEST_VERSION:
                return
            # Each read named once, with its digest; a record names its reads
            # by number (one string per read for the whole build, as the
            # build's own records hold them).
            names = [str(read) for read, _ in data["reads"]]
            digests = {name: str(value) for name, (_, value) in zip(names, data["reads"], strict=True)}
            records = {
                path: OutputRecord(str(key), tuple(map(names.__getitem__, reads)))
                for path, (key, reads) in data["outputs"].items()
            }
            if any(min(reads, default=0) < 0 for _, reads in data["outputs"].values()):
                return  # a number from the end of the list: not one the build wrote
            fingerprint = str(data["fingerprint"])
            search = {str(folder): str(key) for folder, key in data["search"].items()}
        except Exception:  # absent, damaged or of another version: no memo
            return
        self._fingerprint, self._records, self._digests, self._search = fingerprint, records, digests, search

    def up_to_date(self, fingerprint: str) -> bool:
        return self.enabled and self._fingerprint == fingerprint and (self.site / "index.html").is_file()

    # The previous build, as `site.outputs.PreviousBuild`.
    def record(self, path: str) -> OutputRecord | None:
        return self._records.get(path)

    def digest(self, read: str) -> str | None:
        return self._digests.get(read)

    def exists(self, path: str) -> bool:
        return (self.site / path).is_file()

    def search_keys(self) -> dict[str, str]:
        """The key of each search segment in the previous site (see build.search)."""
        return dict(self._search)

    def forget(self) -> None:
        """Before the site changes: a build that stops half way (killed, or
        failing after the swap) must not leave a manifest that vouches for
        the old site."""
        with contextlib.suppress(OSError):
            self.path.unlink()

    def save(
        self,
        fingerprint: str,
        records: dict[str, OutputRecord],
        digests: dict[str, str],
        search: dict[str, str],
    ) -> None:
        if not self.enabled:
            return  # a build without the cache leaves none behind
        names = sorted(digests)
        number = {name: n for n, name in enumerate(names)}
        manifest = {
            "version": MANIFEST_VERSION,
            "fingerprint": fingerprint,
            # 40,000 outputs at 10,000 articles name 570,000 reads of 39,000
            # rows: by number, the manifest is half the size and written and
            # read four times faster than with every name spelled out.
            "reads": [[name, digests[name]] for name in names],
            "outputs": {
                path: [r.key, [number[read] for read in r.reads]] for path, r in sorted(records.items())
            },
            "search": dict(sorted(search.items())),
        }
        data = json.dumps(manifest, ensure_ascii=False, separators=(",", ":"))
        with contextlib.suppress(OSError):  # the next build is simply a full one
            replace_file(self.path, data.encode("utf-8"))
