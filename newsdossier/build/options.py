"""Everything a build can be asked to do differently, in one value."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..language.camel import installed_ner_model

if TYPE_CHECKING:
    from ..language.steps import LanguageData
    from .executors import Executor


@dataclass(frozen=True)
class BuildOptions:
    root: Path  # the project: seeds/, dossier/, templates/
    out: Path | None = None  # the site folder; None: ROOT/site
    morphology_db: Path | None = None  # an extra ALMOR database
    ner_model: Path | None = None  # a NER model folder; None: camel-tools' installed one, if any
    search: bool = True  # write the search index (search/)
    jobs: int = 1  # processes for analysing articles and making pages
    executor: str = "local"  # where articles are analysed: "local" (forked processes) or "dask"
    scheduler: str | None = None  # the Dask scheduler's address, with executor "dask"
    cache: bool = True  # reuse .cache/ (analysed articles, unchanged pages)
    progress: Callable[[Iterable, int], Iterable] | None = None  # wraps the analysis for a progress bar

    @property
    def site(self) -> Path:
        return self.out if self.out is not None else self.root / "site"

    @property
    def cache_folder(self) -> Path:
        return self.root / ".cache"

    @property
    def site_key(self) -> str:
        """The name the previous build of this site folder is kept under in
        `.cache/builds/` (its manifest, its stamp). A site inside the project
        is named by its path in the project, so a project moved or copied
        whole (`cp -a`, a new checkout path) finds its previous build and
        re-renders nothing; a site elsewhere, by its absolute path. Either
        way the manifest only says what to reuse: each output is still
        checked against its key and the site folder against its marker."""
        site, root = self.site.resolve(), self.root.resolve()
        name = site.relative_to(root).as_posix() if site.is_relative_to(root) else str(site)
        return _name_key(name)

    @property
    def earlier_site_keys(self) -> tuple[str, ...]:
        """The names earlier versions kept this site's previous build under
        (its absolute path), when not `site_key`: nothing reads them again,
        and a build removes them (`stages._forget_earlier_builds`)."""
        earlier = _name_key(str(self.site.resolve()))
        return () if earlier == self.site_key else (earlier,)

    def open_executor(self) -> Executor:
        """Where this build analyses articles (a Dask client connects here)."""
        from .executors import open_executor  # not for an up-to-date build

        return open_executor(self.executor, self.scheduler, self.jobs)

    def language_data(self) -> LanguageData:
        from ..language.steps import LanguageData  # the language tools: not for an up-to-date build

        return LanguageData(self.morphology_db, self.ner_model or installed_ner_model())

    def fingerprint_part(self) -> tuple:
        """What of the options changes the output (not jobs, executor, cache or progress)."""
        return (self.search,)


def _name_key(name: str) -> str:
    return hashlib.sha256(name.encode()).hexdigest()[:16]
