#!/usr/bin/env python3
"""Build the news-analysis site from seeds/ and dossier/ into site/.

The pipeline, one stage per module of the `newsdossier` package; each stage
hands the next a frozen model. All files are read by the first stage and
written by the last: a failure anywhere leaves the previous site untouched.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path

from newsdossier.curation import load_curation
from newsdossier.errors import BuildWarning, DossierError
from newsdossier.export import export_data
from newsdossier.linking import link_dossier
from newsdossier.morphology import load_segmenter
from newsdossier.output import write_site
from newsdossier.parse import parse_article
from newsdossier.quotes import find_all_quotes
from newsdossier.render import merge_outputs, render_site
from newsdossier.search import index_search
from newsdossier.serve import Preview
from newsdossier.sources import read_sources
from newsdossier.tagging import Tagger, tag_articles

ROOT = Path(__file__).resolve().parent


@dataclass(frozen=True)
class BuildReport:
    written: list[str]
    warnings: tuple[BuildWarning, ...]
    morphology: tuple[str, ...]


def build(root: Path = ROOT, out: Path | None = None, morphology_db: Path | None = None, search: bool = True) -> BuildReport:
    sources = read_sources(root)  # every file read happens here
    curation, warnings = load_curation(sources)  # dossier/*.yaml, validated
    seeds = {Path(s.path).name: s for s in sources.seeds}
    parsed = tuple(parse_article(seeds[m.source_file], m) for m in curation.articles)  # clean text + boilerplate
    segmenter = load_segmenter(curation.entities, morphology_db)  # camel-tools morphology
    articles = tag_articles(parsed, Tagger(curation.entities, segmenter))  # normalise, find mentions
    articles = find_all_quotes(articles, {e.id: e.type for e in curation.entities})  # who said what
    dossier = link_dossier(curation, articles)  # summits ↔ articles ↔ entities
    files = merge_outputs(render_site(dossier, sources.templates), export_data(dossier))  # pages + data
    written = write_site(files, out or root / "site", index_search if search else None)  # + search index, then swap
    return BuildReport(written, warnings, segmenter.sources)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="build.py",
        description=(
            "Build the annotated news-analysis site. Reads the article texts in seeds/ and the "
            "analyst's curation in dossier/ (site.yaml, summits.yaml, articles.yaml, entities.yaml), "
            "renders the templates in templates/, and writes the site to site/ in one swap: "
            "a failed build leaves the previous site as it was."
        ),
    )
    parser.add_argument(
        "command",
        nargs="?",
        choices=("build", "serve"),
        default="build",
        help="build (the default): build once; serve: build, serve the site on --port, rebuild on every change to "
        "seeds/, dossier/ or templates/ and reload the pages open in the browser",
    )
    parser.add_argument("--port", type=int, default=8000, help="port for serve (default: 8000)")
    parser.add_argument("--root", type=Path, default=ROOT, help="project folder holding seeds/, dossier/, templates/ (default: this folder)")
    parser.add_argument("--out", type=Path, help="where to write the site (default: ROOT/site)")
    parser.add_argument(
        "--morphology-db",
        type=Path,
        help="an extra camel-tools (ALMOR) morphology database to segment words with, e.g. CALIMA MSA's "
        "morphology.db; by default camel-tools' installed default database is used when there is one",
    )
    parser.add_argument("-q", "--quiet", action="store_true", help="print errors only")
    args = parser.parse_args(argv)
    if args.command == "serve":
        out = args.out or args.root.resolve() / "site"
        Preview(args.root.resolve(), out, lambda: build(args.root.resolve(), out, args.morphology_db), port=args.port).serve_forever()
        return 0
    try:
        report = build(args.root.resolve(), args.out, args.morphology_db)
    except DossierError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    for warning in report.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    if not args.quiet:
        out = args.out or args.root / "site"
        print(f"built {len(report.written)} files into {out} (morphology: {', '.join(report.morphology)})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
