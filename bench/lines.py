"""`make eval-lines EVAL=FOLDER`: how well the line classifier does on
labelled pages.

FOLDER holds pages as NNN.txt (a page's text as a reader copies it) and
NNN.labels.json ({"<line>": "title" | "content" | "boilerplate", "names":
[...]}), or .json lists of {"id", "lines", "labels"} (as tests/fixtures/pages). Real
pages are for measuring only and are not part of the repository: point
EVAL at your own folder. Prints, over all pages: titles right, content
lines kept, boilerplate lines removed, pages left with no text, and the
mistakes page by page with --verbose.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from newsdossier.language.parse import parse_article
from newsdossier.models.curation import ArticleMeta
from newsdossier.models.inputs import SourceFile


def pages(folder: Path):
    """(name, text, {line: label}) for every labelled page in `folder`."""
    for fixtures in sorted(f for f in folder.glob("*.json") if not f.name.endswith(".labels.json")):
        for item in json.loads(fixtures.read_text(encoding="utf-8")):
            yield (
                item["id"],
                "\n".join(item["lines"]),
                dict(enumerate(item["labels"], start=1)),
            )
    for labels in sorted(folder.glob("*.labels.json")):
        data = json.loads(labels.read_text(encoding="utf-8"))
        text = labels.with_name(labels.name.replace(".labels.json", ".txt")).read_text(encoding="utf-8")
        yield labels.name.split(".")[0], text, {int(k): v for k, v in data.items() if k.isdigit()}


def predicted(text: str) -> dict[int, str]:
    meta = ArticleMeta("x", "x.txt", None, None, None, "", (), None, (), True, None)
    parsed = parse_article(SourceFile("seeds/x.txt", text.encode("utf-8")), meta)
    labels = {r.line: "boilerplate" for r in parsed.removed}
    labels.update({b.line: "title" if b.kind.value == "title" else "content" for b in parsed.blocks})
    return labels


def main(argv: list[str]) -> None:
    if not argv or argv[0].startswith("-"):
        raise SystemExit("usage: python -m bench.lines FOLDER [--verbose] [--half even|odd]")
    folder, verbose = Path(argv[0]), "--verbose" in argv
    # --half even|odd: measure on half the pages (tune on one, report the other).
    half = argv[argv.index("--half") + 1] if "--half" in argv else None
    score = dict(pages=0, titles=0, content=0, content_kept=0, boilerplate=0, boilerplate_removed=0, empty=0)
    for index, (name, text, gold) in enumerate(pages(folder)):
        if half and (index % 2 == 0) != (half == "even"):
            continue
        guess = predicted(text)
        score["pages"] += 1
        gold_title = next((n for n, label in gold.items() if label == "title"), None)
        score["titles"] += (
            gold_title is not None
            and guess.get(gold_title) == "title"
            and list(guess.values()).count("title") == 1
        )
        score["empty"] += not any(label != "boilerplate" for label in guess.values())
        mistakes = []
        for number, label in sorted((n, label) for n, label in gold.items() if label):
            kept = guess.get(number, "boilerplate") != "boilerplate"
            if label == "boilerplate":
                score["boilerplate"] += 1
                score["boilerplate_removed"] += not kept
            else:
                score["content"] += 1
                score["content_kept"] += kept
            if guess.get(number, "boilerplate") != label:
                mistakes.append(
                    f"  {name}:{number} {label} → {guess.get(number)}: {text.split(chr(10))[number - 1][:70]}"
                )
        if verbose and mistakes:
            print("\n".join(mistakes))
    n = score["pages"]
    print(
        f"{n} pages: titles right {score['titles']}/{n}; content kept "
        f"{score['content_kept']}/{score['content']} "
        f"({100 * score['content_kept'] / max(1, score['content']):.1f}%); boilerplate removed "
        f"{score['boilerplate_removed']}/{score['boilerplate']} "
        f"({100 * score['boilerplate_removed'] / max(1, score['boilerplate']):.1f}%); pages with no text "
        f"{score['empty']}"
    )


if __name__ == "__main__":
    main(sys.argv[1:])
