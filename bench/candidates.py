"""`make eval-names EVAL=FOLDER`: how well unknown names are proposed.

FOLDER holds labelled pages as for `make eval-lines` (NNN.txt with
NNN.labels.json, whose "names" list the names in the article's text as
written). Each page is analysed with the gazetteer given (`--gazetteer
FILE`: an entities.yaml; default none, as a new dossier starts), and its
candidates are compared with the names the gazetteer does not know:
recall (share of those names proposed, matched by match key, a proclitic
aside) and precision (share of candidates that are one of them; the lists
are not exhaustive, so this is a lower bound). Real pages are for
measuring only: point EVAL at your own folder.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from newsdossier.analysis.candidates import summarise
from newsdossier.inputs.curation import load_entities
from newsdossier.language.normalize import name_key
from newsdossier.language.spelling import proclitic_readings
from newsdossier.language.steps import ArticleAnalysis
from newsdossier.models.curation import ArticleMeta
from newsdossier.models.inputs import SourceFile, Sources


def key(name: str) -> tuple[str, ...]:
    return name_key(name)


def matches(found: set, gold: set) -> set:
    """The found keys that are a gold key, as written or with a proclitic on
    either side (للصين, الصين)."""

    def forms(k):
        return {k} | ({(base, *k[1:]) for _, base in proclitic_readings(k[0])} if k else set())

    gold_forms = {f for g in gold for f in forms(g)}
    return {k for k in found if forms(k) & gold_forms}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("folder", type=Path)
    parser.add_argument("--gazetteer", type=Path)
    parser.add_argument("--half", choices=("even", "odd"))
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args(argv)
    entities = ()
    if args.gazetteer:
        entities = load_entities(
            Sources("", (), (SourceFile("dossier/entities.yaml", args.gazetteer.read_bytes()),), ())
        )
    known = {key(n) for e in entities for n in e.names}
    analyse = ArticleAnalysis(entities).make()
    proposed_total = right = gold_total = found = 0
    for index, labels in enumerate(sorted(args.folder.glob("*.labels.json"))):
        if args.half and (index % 2 == 0) != (args.half == "even"):
            continue
        gold = {key(n) for n in json.loads(labels.read_text(encoding="utf-8"))["names"]} - {()}
        gold = {g for g in gold if not matches({g}, known)}
        text = labels.with_name(labels.name.replace(".labels.json", ".txt")).read_bytes()
        meta = ArticleMeta("x", "x.txt", None, None, None, "", (), None, (), True, None)
        article = analyse(SourceFile("seeds/x.txt", text), meta)
        # An entry proposes its name and its other spellings (they become its
        # aliases): it is right when one of them is a name of the labels.
        entries = {key(s.name): {key(w) for w in (s.name, *s.spellings)} for s in summarise((article,))}
        right_here = {name for name, forms in entries.items() if matches(forms, gold)}
        written = {k for forms in entries.values() for k in forms}
        found_here = {g for g in gold if matches({g}, written)}
        proposed_total, right, gold_total, found = (
            proposed_total + len(entries),
            right + len(right_here),
            gold_total + len(gold),
            found + len(found_here),
        )
        if args.verbose:
            print(
                labels.name,
                "missed:",
                [" ".join(k) for k in sorted(gold - found_here)],
                "wrong:",
                [" ".join(k) for k in sorted(set(entries) - right_here)],
            )
    print(
        f"names proposed {found}/{gold_total} ({100 * found / max(1, gold_total):.0f}%); "
        f"candidates that are names {right}/{proposed_total} ({100 * right / max(1, proposed_total):.0f}%)"
    )


if __name__ == "__main__":
    main()
