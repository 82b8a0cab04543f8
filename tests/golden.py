"""The golden copy of the seed site (Pelican-style output tests).

    python -m tests.golden      # or: make golden

rebuilds the seed dossier into tests/golden/expected/. Run it after an
intended change to the output and review the diff before committing it;
tests/test_golden.py fails on any unreviewed difference.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.helpers import ROOT, build_site

EXPECTED = Path(__file__).parent / "golden" / "expected"


def regenerate() -> None:
    if EXPECTED.exists():
        shutil.rmtree(EXPECTED)
    build_site(ROOT, EXPECTED)
    print(f"wrote {sum(1 for p in EXPECTED.rglob('*') if p.is_file())} files to {EXPECTED}")


if __name__ == "__main__":
    regenerate()
