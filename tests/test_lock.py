"""The install is reproducible: requirements.lock pins every package the
project needs, at a version pyproject.toml allows, installer.lock pins the
pip that installs it, and the environment the tests run in is the one the
locks describe."""

from __future__ import annotations

import importlib.metadata
import re
import tomllib

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

from tests.helpers import ROOT

PIN = re.compile(r"^([A-Za-z0-9_.\-]+)==(\S+)", re.MULTILINE)
LOCKS = ("requirements.lock", "installer.lock")


def locked(*files: str) -> dict[str, str]:
    text = "\n".join((ROOT / name).read_text(encoding="utf-8") for name in files or LOCKS)
    return {canonicalize_name(name): version for name, version in PIN.findall(text)}


def declared() -> list[Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    extras = [r for group in project.get("optional-dependencies", {}).values() for r in group]
    return [Requirement(r) for r in [*project["dependencies"], *extras]]


@pytest.mark.parametrize("requirement", declared(), ids=str)
def test_every_requirement_is_locked_at_an_allowed_version(requirement):
    pins = locked()
    name = canonicalize_name(requirement.name)
    assert name in pins, f"{requirement.name} is not in requirements.lock: run `make lock`"
    assert requirement.specifier.contains(pins[name], prereleases=True), (
        f"requirements.lock has {requirement.name}=={pins[name]}, outside {requirement.specifier}: "
        "run `make lock`"
    )
    # An extra (such as pagefind[bin] once) adds packages of its own: the
    # lock holds what the extra asks for, at a version it allows.
    for extra in requirement.extras:
        wanted = importlib.metadata.distribution(requirement.name).requires or []
        for asked in (Requirement(r) for r in wanted):
            if (
                asked.marker
                and asked.marker.evaluate({"extra": extra})
                and not asked.marker.evaluate({"extra": ""})
            ):
                pin = pins.get(canonicalize_name(asked.name))
                assert pin and asked.specifier.contains(pin, prereleases=True), f"{asked} (for {requirement})"


@pytest.mark.parametrize("lock", LOCKS)
def test_every_locked_package_carries_a_hash(lock):
    entries = re.split(r"\n(?=[A-Za-z0-9_.\-]+==)", (ROOT / lock).read_text(encoding="utf-8"))
    bare = [e.split(" ", 1)[0] for e in entries if PIN.match(e) and "--hash=sha256:" not in e]
    assert bare == []


def test_the_installer_is_locked_at_a_pip_that_keeps_locked_extras():
    """pip before 23.3 resolves `lxml[html_clean]` (asked for by justext) to
    the index's newest lxml instead of the locked one and refuses the lock:
    CI on a fresh machine failed that way. The Makefile installs
    installer.lock first, and it pins a pip past that."""
    pins = locked("installer.lock")
    assert Version(pins["pip"]) >= Version("23.3")
    # The project is installed without build isolation: with what installer.lock gives.
    build_system = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["build-system"]
    for requirement in map(Requirement, build_system["requires"]):
        name = canonicalize_name(requirement.name)
        assert name in pins and requirement.specifier.contains(pins[name]), f"{requirement}: run `make lock`"
    main = locked("requirements.lock")
    assert {n: v for n, v in pins.items() if n in main} == {n: main[n] for n in pins if n in main}


def test_the_environment_is_the_locked_one():
    """What the tests run with is what a fresh machine installs."""
    pins = locked()
    drift = []
    for distribution in importlib.metadata.distributions():
        name = canonicalize_name(distribution.metadata["Name"])
        if name in pins and distribution.version != pins[name]:
            drift.append(f"{name} {distribution.version} (locked {pins[name]})")
    assert drift == [], "run `make test` again to install the lock"
