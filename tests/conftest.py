"""Fixtures shared by the tests (helpers are in tests/helpers.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import ROOT, build_site, make_project, seed_project


@pytest.fixture
def mini_project(tmp_path: Path) -> Path:
    return make_project(tmp_path / "project")


@pytest.fixture(scope="session")
def seed_site(tmp_path_factory) -> Path:
    """The seed dossier, built once for the whole test session."""
    out = tmp_path_factory.mktemp("seed") / "site"
    build_site(ROOT, out)
    return out


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the real project's inputs."""
    return seed_project(tmp_path / "project")
