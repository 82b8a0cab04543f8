"""Arabic full-text search: Pagefind indexes of the written site, one per
bundle (see `site.search_bundles`), each made again only when its pages
changed.

Pagefind reads the built HTML, so it runs inside the output stage, on the
staging folder before it is swapped in: a failed index leaves the previous
site in place like any other failure. Each bundle is indexed by its own
Pagefind run over a folder of links to its pages (Pagefind indexes a
folder, and takes each page's address from its path there), several at
once. A bundle whose key (Pagefind's version and options, and every page's
path and bytes) is the one recorded by the previous build is taken from
the previous site as it is. Pagefind picks its Arabic stemmer from
<html lang="ar">; the templates mark what to index (data-pagefind-body),
what to skip (data-pagefind-ignore) and the filters (summit, type).
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from ..models.errors import DossierError
from ..site.search_bundles import NAMES_BUNDLE, Bundle
from .staging import StagedSite

OPTIONS = ("--keep-index-url", "--silent")
# Pagefind's interfaces, written into every bundle: the search page loads
# them from the names bundle only, so the article bundles go without.
INTERFACE_FILES = frozenset(
    f"pagefind-{name}"
    for name in (
        "ui.js",
        "ui.css",
        "component-ui.js",
        "component-ui.css",
        "modular-ui.js",
        "modular-ui.css",
        "highlight.js",
    )
)


def bundle_key(bundle: Bundle, site: Path) -> str:
    digest = hashlib.sha256(f"{importlib.metadata.version('pagefind')} {OPTIONS}".encode())
    for page in sorted(bundle.pages):
        digest.update(page.encode() + b"\0")
        digest.update(hashlib.sha256((site / page).read_bytes()).digest())
    return digest.hexdigest()


def index_search(
    staged: StagedSite, bundles: tuple[Bundle, ...], previous: dict[str, str], processes: int
) -> dict[str, str]:
    """Index every bundle into the staging folder (or keep the previous
    build's where its key is unchanged), count the files in `staged`, and
    return each bundle's key for the next build."""
    keys = {b.folder: bundle_key(b, staged.folder) for b in bundles}
    fresh = []
    for bundle in bundles:
        if previous.get(bundle.folder) != keys[bundle.folder] or not _keep(staged, bundle.folder):
            fresh.append(bundle)
    running: list[tuple[Bundle, subprocess.Popen, Path]] = []
    try:
        for bundle in fresh:
            while len(running) >= max(1, processes):
                _finish(staged, *running.pop(0))
            running.append(_start(staged.folder, bundle))
        while running:
            _finish(staged, *running.pop(0))
    finally:
        for _, process, pages in running:  # after a failure: stop the others
            process.kill()
            process.wait()
            shutil.rmtree(pages, ignore_errors=True)
    return keys


def _keep(staged: StagedSite, folder: str) -> bool:
    """The previous site's copy of a bundle, linked into the staging folder."""
    old = staged.target / folder
    if old.is_symlink() or not old.is_dir():
        return False
    files = [p for p in old.rglob("*") if not p.is_dir()]
    if not files or any(p.is_symlink() or not p.is_file() for p in files):
        return False
    paths = sorted(p.relative_to(staged.target).as_posix() for p in files)
    if not all(staged.keep(path) for path in paths):  # a file vanished meanwhile: index it afresh
        shutil.rmtree(staged.folder / folder, ignore_errors=True)
        return False
    for path in paths:
        staged.add(path, False)
    return True


def _start(site: Path, bundle: Bundle) -> tuple[Bundle, subprocess.Popen, Path]:
    # A folder of hard links to the bundle's pages, so that Pagefind sees only
    # them, at their addresses. Inside the staging folder: a build killed
    # now leaves nothing behind that the next one does not remove with it.
    pages = Path(tempfile.mkdtemp(prefix=".search-", dir=site))
    for page in bundle.pages:
        (pages / page).parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(site / page, pages / page)
        except OSError:
            shutil.copyfile(site / page, pages / page)
    command = [
        sys.executable,
        "-m",
        "pagefind",
        "--site",
        str(pages),
        "--output-path",
        str(site / bundle.folder),
        *OPTIONS,
    ]
    try:
        process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    except OSError as error:
        shutil.rmtree(pages, ignore_errors=True)
        raise DossierError(str(site), None, f"search index: pagefind could not run ({error})") from None
    return bundle, process, pages


def _finish(staged: StagedSite, bundle: Bundle, process: subprocess.Popen, pages: Path) -> None:
    try:
        out, err = process.communicate(timeout=1800)
    except subprocess.TimeoutExpired:
        process.kill()
        raise DossierError(
            str(staged.folder), None, f"search index: pagefind took too long on {bundle.folder}"
        ) from None
    finally:
        shutil.rmtree(pages, ignore_errors=True)
    if process.returncode != 0 or not (staged.folder / bundle.folder / "pagefind.js").is_file():
        detail = (err or out).strip().splitlines()
        raise DossierError(
            str(staged.folder),
            None,
            f"search index: pagefind failed on {bundle.folder}: "
            f"{detail[-1] if detail else process.returncode}",
        )
    if bundle.folder != f"{NAMES_BUNDLE}/":
        for name in INTERFACE_FILES:
            (staged.folder / bundle.folder / name).unlink(missing_ok=True)
    staged.adopt(
        sorted(
            p.relative_to(staged.folder).as_posix()
            for p in (staged.folder / bundle.folder).rglob("*")
            if p.is_file()
        )
    )
