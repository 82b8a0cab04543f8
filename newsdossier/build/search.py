"""Arabic full-text search: a Pagefind index of the written site.

Pagefind reads the built HTML, so it runs inside the output stage, on the
staging folder before it is swapped in: a failed index leaves the previous
site in place like any other failure. Pagefind picks its Arabic stemmer
from <html lang="ar">; the templates mark what to index
(data-pagefind-body), what to skip (data-pagefind-ignore) and the filters
(summit, type).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from ..models.errors import DossierError

BUNDLE = "pagefind"
INDEXED = "{articles,entities,summits}/*.html"


def index_search(site: Path) -> list[str]:
    """Index `site` in place; return the paths of the index files."""
    command = [
        sys.executable, "-m", "pagefind", "--site", str(site), "--output-subdir", BUNDLE, "--keep-index-url", "--silent",
        # Only these page types are indexed (data-pagefind-body): reading the
        # others (the source pages above all) would only cost time.
        "--glob", INDEXED,
    ]
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=600)
    except (OSError, subprocess.TimeoutExpired) as error:
        raise DossierError(str(site), None, f"search index: pagefind could not run ({error})") from None
    if result.returncode != 0:
        detail = (result.stderr or result.stdout).strip().splitlines()
        raise DossierError(str(site), None, f"search index: pagefind failed: {detail[-1] if detail else result.returncode}")
    return sorted(p.relative_to(site).as_posix() for p in (site / BUNDLE).rglob("*") if p.is_file())
