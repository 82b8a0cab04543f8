"""Shared fixtures: the project root, small throw-away projects, the seed site."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import build as build_module

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).parent / "fixtures"


def make_project(destination: Path, fixture: str = "mini") -> Path:
    """A copy of a fixture project (seeds/ and dossier/) with the real templates."""
    shutil.copytree(FIXTURES / fixture, destination)
    shutil.copytree(ROOT / "templates", destination / "templates")
    return destination


def seed_project(destination: Path) -> Path:
    """A copy of the real project's inputs: seeds/, dossier/, templates/."""
    for folder in ("seeds", "dossier", "templates"):
        shutil.copytree(ROOT / folder, destination / folder)
    return destination


# Pagefind's filter and metadata index files differ from run to run (values
# come out of a Rust HashMap; upstream Pagefind issue #638). Everything else
# in the site, Pagefind's page fragments included, is byte-identical.
UNSTABLE_SEARCH_FILES = ("pagefind/filter/", "pagefind/pagefind.", "pagefind/pagefind-entry.json")


def tree_bytes(folder: Path, search_index: bool = True, marker: bool = True) -> dict[str, bytes]:
    """Every file under `folder` by relative path; without Pagefind's bundle
    when `search_index` is False, without the site's marker file (which
    lists the files) when `marker` is False."""
    files = {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}
    return {
        k: v
        for k, v in files.items()
        if (search_index or not k.startswith("pagefind/")) and (marker or k != ".newsdossier-site")
    }


def stable_tree_bytes(folder: Path) -> dict[str, bytes]:
    """`tree_bytes` less the search index files Pagefind does not write
    deterministically (and their names in the site's marker file)."""
    files = {k: v for k, v in tree_bytes(folder).items() if not k.startswith(UNSTABLE_SEARCH_FILES)}
    if ".newsdossier-site" in files:
        lines = files[".newsdossier-site"].split(b"\n")
        files[".newsdossier-site"] = b"\n".join(l for l in lines if not l.decode().startswith(UNSTABLE_SEARCH_FILES))
    return files


@pytest.fixture
def mini_project(tmp_path: Path) -> Path:
    return make_project(tmp_path / "project")


@pytest.fixture(scope="session")
def seed_site(tmp_path_factory) -> Path:
    """The seed dossier, built once for the whole test session."""
    out = tmp_path_factory.mktemp("seed") / "site"
    build_module.build(ROOT, out)
    return out
