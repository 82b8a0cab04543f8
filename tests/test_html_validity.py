"""Every page of the seed site through the Nu HTML Checker (vnu.jar)."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest

from tests.helpers import ROOT

VNU = ROOT / "tests" / "tools" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def test_every_page_is_valid_html(seed_site):
    java = shutil.which("java")
    if java is None or not VNU.is_file():
        pytest.fail(
            "the Nu HTML Checker needs Java and tests/tools/node_modules (`make test` installs them: "
            "tests/tools/system-packages.sh)"
        )
    pages = sorted(seed_site.rglob("*.html"))
    assert len(pages) > 90
    result = subprocess.run(
        [java, "-jar", str(VNU), "--errors-only", "--format", "json", "--exit-zero-always", *map(str, pages)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    messages = json.loads(result.stderr or result.stdout)["messages"]
    errors = [
        f"{m.get('url', '').rsplit('/site/', 1)[-1]}:{m.get('lastLine')}: {m['message']}" for m in messages
    ]
    assert errors == [], "\n".join(errors)
