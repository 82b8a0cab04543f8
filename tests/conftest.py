"""Fixtures shared by the tests (helpers are in tests/helpers.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import build_site, make_project, seed_project


@pytest.fixture
def mini_project(tmp_path: Path) -> Path:
    return make_project(tmp_path / "project")


@pytest.fixture(scope="session")
def seed_site(tmp_path_factory) -> Path:
    """The seed dossier, built once for the whole test session, from a copy
    of its inputs: a test never writes into the project's own folder (its
    .cache/ and lock file are the developer's)."""
    base = tmp_path_factory.mktemp("seed")
    out = base / "site"
    build_site(seed_project(base / "project"), out)
    return out


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the real project's inputs."""
    return seed_project(tmp_path / "project")
