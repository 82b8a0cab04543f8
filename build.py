#!/usr/bin/env python3
"""Build the news-analysis site from seeds/ and dossier/ into site/.

The pipeline, one stage per module of the `newsdossier` package; each stage
hands the next a frozen model. All files are read by the first stage and
written by the last: a failure anywhere leaves the previous site untouched.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
import traceback
from dataclasses import dataclass
from pathlib import Path

from newsdossier.adding import add_article
from newsdossier.annotate import Annotator, ArticleCache, annotate_articles, publishable
from newsdossier.curation import load_curation
from newsdossier.errors import BuildWarning, DossierError
from newsdossier.candidates import CANDIDATES_HEADER, candidates_yaml, summarise
from newsdossier.export import export_data
from newsdossier.incremental import BuildMemo, fingerprint_sources, language_data
from newsdossier.linking import link_dossier
from newsdossier.ner import INSTALL_HINT, installed_model
from newsdossier.output import check_placement, check_report, site_lock, write_report, write_site
from newsdossier.proposals import propose_summits
from newsdossier.render import merge_outputs, raw_sources, render_site
from newsdossier.search import index_search
from newsdossier.serve import Preview
from newsdossier.sources import read_sources

ROOT = Path(__file__).resolve().parent
REPORT = Path("reports") / "candidates.yaml"  # the review file of unknown names, beside the site


@dataclass(frozen=True)
class BuildReport:
    written: list[str]
    changed: int  # files whose bytes changed since the previous build
    warnings: tuple[BuildWarning, ...]
    analysed: int  # articles analysed afresh (the others came from the cache)
    articles: int
    timings: dict[str, float]  # seconds per stage
    candidates: int = 0  # names not in the gazetteer, listed in reports/candidates.yaml
    up_to_date: bool = False  # nothing changed since the last build: nothing was done


class Stopwatch:
    """Seconds per pipeline stage, for the build report and the benchmark."""

    def __init__(self):
        self.laps: dict[str, float] = {}
        self._last = time.perf_counter()

    def lap(self, stage: str, result):
        now = time.perf_counter()
        self.laps[stage] = round(now - self._last, 3)
        self._last = now
        return result


def build(
    root: Path = ROOT,
    out: Path | None = None,
    morphology_db: Path | None = None,
    search: bool = True,
    processes: int = 1,
    cache: bool = True,
    progress=None,
    ner_model: Path | None = None,
) -> BuildReport:
    out = out or root / "site"
    check_placement(root, out)
    check_report(root / REPORT, CANDIDATES_HEADER)  # refused before any work, never after the site changed
    with site_lock(out):  # one build at a time writes this site; refuses a folder it did not build
        return _build(root, out, morphology_db, search, processes, cache, progress, ner_model)


def _build(root, out, morphology_db, search, processes, cache, progress, ner_model) -> BuildReport:
    clock = Stopwatch()
    sources = clock.lap("read", read_sources(root))  # every input file is read here
    memo = BuildMemo(root / ".cache" / "builds", out, enabled=cache)  # what the last build left
    ner_model = ner_model or installed_model()
    fingerprint = fingerprint_sources(sources, (search, language_data(morphology_db, ner_model)))
    if memo.up_to_date(fingerprint):  # no input changed: nothing to do
        return BuildReport([], 0, (), 0, len(sources.seeds), clock.laps, up_to_date=True)
    curation, warnings = clock.lap("curation", load_curation(sources))  # dossier/*.yaml, validated
    seeds = {Path(s.path).name: s for s in sources.seeds}
    articles, analysed = clock.lap(  # per article: parse → normalise → tag → quotes (cached, parallel)
        "annotate",
        annotate_articles(
            [(seeds[m.source_file], m) for m in curation.articles],
            Annotator(curation.entities, morphology_db, ner_model),
            ArticleCache(root / ".cache" / "articles" if cache else None),
            processes,
            progress,
        ),
    )
    articles, problems = publishable(articles)  # bad bytes noted; articles with no text left out
    articles, proposed = propose_summits(articles, curation.summits)  # uncurated: summit and date from the text
    dossier = clock.lap("link", link_dossier(curation, articles))  # summits ↔ articles ↔ entities
    files = clock.lap(  # pages, data, raw sources
        "render",
        merge_outputs(render_site(dossier, sources.templates, memo), export_data(dossier), raw_sources(dossier, sources.seeds)),
    )
    candidates = summarise(articles)  # names the gazetteer does not know, for the analyst
    memo.forget()  # from here on the site changes: no manifest may vouch for the old one
    written = clock.lap("write", write_site(files, out, index_search if search else None))  # + search, then swap
    write_report(root / REPORT, candidates_yaml(candidates, ner_status(ner_model)))
    clock.lap("report", memo.save(fingerprint))
    return BuildReport(
        written.paths, written.changed, warnings + problems + proposed, analysed, len(articles), clock.laps, len(candidates)
    )


def ner_status(model: Path | None) -> str:
    return f"camel-tools NERecognizer with the model in {model}" if model else INSTALL_HINT


def progress_bar(items, total):
    """A progress bar on the terminal for long analyses (tqdm ships with camel-tools)."""
    from tqdm import tqdm

    return tqdm(items, total=total, unit="article", desc="analysing", leave=False, file=sys.stderr)


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
        choices=("build", "serve", "add"),
        default="build",
        help="build (the default): build once; serve: build, serve the site on --port, rebuild on every change to "
        "seeds/, dossier/ or templates/ and reload the pages open in the browser; add FILE: copy a new article into "
        "seeds/ and append an entry for it to dossier/articles.yaml, with its summit and date proposed from the text",
    )
    parser.add_argument("file", nargs="?", type=Path, help="with add: the article's text file")
    parser.add_argument("--port", type=int, default=8000, help="port for serve (default: 8000)")
    parser.add_argument("--root", type=Path, default=ROOT, help="project folder holding seeds/, dossier/, templates/ (default: this folder)")
    parser.add_argument("--out", type=Path, help="where to write the site (default: ROOT/site)")
    parser.add_argument(
        "--morphology-db",
        type=Path,
        help="an extra camel-tools (ALMOR) morphology database to segment words with, e.g. CALIMA MSA's "
        "morphology.db; by default camel-tools' installed default database is used when there is one",
    )
    parser.add_argument(
        "--ner-model",
        type=Path,
        help="a camel-tools NER model folder (BERT token classification) for finding names the gazetteer lacks; "
        "by default camel-tools' installed model (camel_data -i ner-arabert) when there is one",
    )
    parser.add_argument(
        "-j", "--jobs", type=int, default=os.cpu_count() or 1, help="processes for analysing articles (default: one per core)"
    )
    parser.add_argument("--no-cache", action="store_true", help="analyse every article again instead of reusing .cache/")
    parser.add_argument("-q", "--quiet", action="store_true", help="print errors only; no progress bar")
    parser.add_argument("--timings", action="store_true", help="print the seconds each stage took")
    args = parser.parse_args(argv)
    if args.command == "add":
        if args.file is None:
            parser.error("add needs the article's file: build.py add FILE")
        try:
            added = add_article(args.root.resolve(), args.file)
        except DossierError as error:
            print(f"error: {error}", file=sys.stderr)
            return 1
        print(f"added seeds/{added.seed}; its entry in dossier/articles.yaml (check it):{added.entry}")
        if added.unknown_names:
            print("names not in the gazetteer: " + "، ".join(added.unknown_names))
        return 0
    if args.command == "serve":
        out = args.out or args.root.resolve() / "site"
        options = dict(processes=max(1, args.jobs), cache=not args.no_cache, ner_model=args.ner_model)
        Preview(
            args.root.resolve(), out, lambda: build(args.root.resolve(), out, args.morphology_db, **options), port=args.port
        ).serve_forever()
        return 0
    try:
        show_progress = not args.quiet and sys.stderr.isatty()
        report = build(
            args.root.resolve(),
            args.out,
            args.morphology_db,
            processes=max(1, args.jobs),
            cache=not args.no_cache,
            progress=progress_bar if show_progress else None,
            ner_model=args.ner_model,
        )
    except DossierError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("interrupted: the previous site is unchanged", file=sys.stderr)
        return 130
    except Exception:  # a bug, not bad input: say so, keep the details
        details = args.root.resolve() / ".cache" / "last-error.txt"
        try:
            details.parent.mkdir(parents=True, exist_ok=True)
            details.write_text(traceback.format_exc(), encoding="utf-8")
        except OSError:
            details = None
        kind = sys.exc_info()[0].__name__
        where = f"; details in {details}" if details else ""
        print(f"internal error ({kind}): this is a bug in newsdossier, not in your files; the previous site is unchanged{where}", file=sys.stderr)
        return 2
    for warning in report.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    if not args.quiet and report.up_to_date:
        print(f"{args.out or args.root / 'site'} is up to date: no input changed since the last build")
    elif not args.quiet:
        out = args.out or args.root / "site"
        print(
            f"built {len(report.written)} files into {out} ({report.changed} changed): {report.articles} articles, "
            f"{report.analysed} analysed, {report.articles - report.analysed} from the cache"
        )
        print(f"{report.candidates} names not in the gazetteer: {args.root / 'reports' / 'candidates.yaml'}")
    if args.timings:
        print("timings: " + ", ".join(f"{stage} {seconds:.2f} s" for stage, seconds in report.timings.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
