"""The seed site, byte for byte, against the committed golden copy."""

import difflib

from tests.golden import EXPECTED
from tests.helpers import tree_bytes


def test_seed_site_matches_the_golden_copy(seed_site):
    # The search index included: its bytes are the same on every build. The
    # marker file, which lists the folder's own path-independent files, is
    # left out (tests/test_no_data_loss.py covers it).
    expected = tree_bytes(EXPECTED, marker=False)
    actual = tree_bytes(seed_site, marker=False)
    assert sorted(actual) == sorted(expected), "files added or removed: run `make golden` and review"
    for path in sorted(expected):
        if actual[path] != expected[path]:
            diff = difflib.unified_diff(
                expected[path].decode("utf-8", "replace").splitlines(),
                actual[path].decode("utf-8", "replace").splitlines(),
                f"expected/{path}",
                f"built/{path}",
                lineterm="",
                n=1,
            )
            raise AssertionError(
                "\n".join(list(diff)[:40]) + "\n(run `make golden` if the change is intended)"
            )
