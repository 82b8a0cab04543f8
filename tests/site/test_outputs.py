"""An output's key, as the reuse check and the manifest compare it."""

from __future__ import annotations

import pytest

from newsdossier.models.identity import digest
from newsdossier.site.outputs import Output, SitePlan


@pytest.mark.parametrize(
    "made_from",
    [(), ("entity.html", ("china", 2, 3)), ("articles/a.html", None), "ملف", (1, 2.5, b"x"), [("a", "b")]],
)
@pytest.mark.parametrize("identity", ["abc", "", "code'with\"quotes"])
def test_an_outputs_key_is_the_digest_of_the_identity_and_what_it_is_made_from(identity, made_from):
    # The identity's part is hashed once for the plan (SitePlan.key), and the
    # key must stay the digest the manifest of an earlier build recorded.
    plan = SitePlan(None, (), identity)
    output = Output("x.html", made_from, lambda: b"", "test")
    assert plan.key(output) == digest(identity, made_from)
    assert plan.key(output) == plan.key(output)  # the hasher held is not changed by use
