"""`make eval-dates [EVAL=FOLDER]`: how often a saved page's date is right.

Without EVAL, the labelled shapes of bench/dated_pages.py (dev and held-out
halves). With EVAL, a folder of real saved pages, NAME.html, each with
NAME.date holding its publication date as the page gives it (YYYY-MM-DD,
YYYY-MM, or `none`): real pages are for measuring only and are not part of
the repository. A date is right when it is the label at the label's
precision (2022-02 for a month-only page is right; 2022-02-06 is wrong).
trafilatura's own date (what the build used before) is measured beside it.
"""

from __future__ import annotations

import sys
from collections import defaultdict
from pathlib import Path

from newsdossier.language.parse import parse_article
from newsdossier.models.curation import ArticleMeta
from newsdossier.models.inputs import SourceFile

META = ArticleMeta("x", "x.html", None, None, None, "", (), None, (), True, 1)


def labelled(folder: Path | None):
    """(name, half, html bytes, label or None)."""
    if folder is None:
        from bench.dated_pages import PAGES

        for page in PAGES:
            yield page.name, page.half, page.html().encode("utf-8"), page.label
        return
    for html in sorted(folder.glob("*.html")):
        label = html.with_suffix(".date").read_text(encoding="utf-8").strip()
        yield html.stem, "real", html.read_bytes(), None if label == "none" else label


def ours(data: bytes) -> str | None:
    published = parse_article(SourceFile("seeds/x.html", data), META).published
    return published.isoformat() if published else None


def trafilatura_date(data: bytes) -> str | None:
    import trafilatura

    document = trafilatura.bare_extraction(data, with_metadata=True)
    return document.date if document is not None else None


def main(argv: list[str]) -> int:
    folder = Path(argv[0]) if argv else None
    right: dict[tuple[str, str], int] = defaultdict(int)
    total: dict[str, int] = defaultdict(int)
    for name, half, data, label in labelled(folder):
        total[half] += 1
        found = {"ours": ours(data), "trafilatura": trafilatura_date(data)}
        for method, date in found.items():
            right[half, method] += date == label
        if found["ours"] != label:
            print(f"  {half}: {name}: expected {label}, read {found['ours']}")
    for half in total:
        print(
            f"{half}: {right[half, 'ours']}/{total[half]} right"
            f" (trafilatura's date: {right[half, 'trafilatura']}/{total[half]})"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
