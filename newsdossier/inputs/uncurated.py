"""What becomes of a seed the analyst has not described in
dossier/articles.yaml: it is published all the same, flagged as uncurated
(no summit, no date, no publisher: nothing is invented), under an id made
from its file name, with a warning naming the file.

The policy apart from the schemas (`schemas`) and the cross-checks of the
curation (`curation`): what is done with a missing entry is a decision of
its own, not a rule of the file's format.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import PurePosixPath

from ..models.curation import ArticleMeta
from ..models.errors import BuildWarning


def uncurated_articles(
    file_names: Iterable[str], taken: set[str]
) -> tuple[list[ArticleMeta], tuple[BuildWarning, ...]]:
    """The metadata of each seed without an entry (in the order given), with
    ids none of `taken` (the curated ids and reserved ones) has, and a
    warning for each."""
    taken = set(taken)
    metas, warnings = [], []
    for name in file_names:
        article_id = uncurated_id(name, taken)
        taken.add(article_id)
        metas.append(ArticleMeta(article_id, name, None, None, None, "", (), None, (), False, None))
        warnings.append(
            BuildWarning(f"seeds/{name}", None, "no entry in dossier/articles.yaml: published as uncurated")
        )
    return metas, tuple(warnings)


def uncurated_id(file_name: str, taken: set[str]) -> str:
    """An id from the file's name (lowercase ASCII letters and digits
    joined by hyphens), numbered when taken: "a.txt" → "a", "a-2"."""
    base = re.sub(r"[^a-z0-9]+", "-", PurePosixPath(file_name).stem.lower()).strip("-") or "article"
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    return candidate
