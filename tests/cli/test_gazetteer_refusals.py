"""`newsdossier alias` refuses a spelling that can never be a name, at the
line of the entity's aliases, and writes nothing."""

from __future__ import annotations

import pytest

from tests.helpers import run_cli

REFUSED = [("و", "a single letter"), ("ال", "a proclitic or the article"), ("في", "a function word")]


@pytest.mark.parametrize("spelling, reason", REFUSED)
def test_alias_refuses_what_can_never_be_a_name(project, capsys, spelling, reason):
    before = (project / "dossier" / "entities.yaml").read_bytes()
    assert run_cli(["alias", "vladimir-putin", spelling, "--root", str(project)]) == 1
    error = capsys.readouterr().err
    assert error.startswith("error: dossier/entities.yaml:") and f"can never be a name ({reason}" in error
    assert (project / "dossier" / "entities.yaml").read_bytes() == before
