"""`newsdossier build|serve|add|new|accept|alias` (and `build.py`, which runs
the same code).

Every failure is one line on standard error: `error: path:line: message`
for bad input (exit 1); `interrupted` for Ctrl+C and `stopped by SIGTERM`
or `by SIGHUP` (exit 128 + the signal's number: 130, 143, 129), saying
whether the previous site (or the analyst's files) were left as they were;
and `internal error` for a bug (exit 2, the traceback kept in
.cache/last-error.txt). Whatever is printed goes through `printable`:
a file name or a value cannot write escape codes to the terminal.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
import traceback
from pathlib import Path

from ..build.executors import EXECUTORS
from ..build.options import BuildOptions
from ..build.pipeline import REPORT, BuildReport, build, ending_after_build
from ..build.signals import stop_on_signals
from ..models.errors import DossierError, printable
from ..models.kinds import EntityType
from . import stopped_line

COMMANDS = ("build", "serve", "add", "new", "accept", "alias")


def _build_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--root", type=Path, help="project folder holding seeds/, dossier/, templates/ (default: %(default)s)"
    )
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
        help="a camel-tools NER model folder (BERT token classification) for finding names the gazetteer "
        "lacks; by default camel-tools' installed model (camel_data -i ner-arabert) when there is one",
    )
    parser.add_argument(
        "-j",
        "--jobs",
        type=int,
        default=os.cpu_count() or 1,
        help="processes for analysing articles and making pages (default: one per core)",
    )
    parser.add_argument(
        "--executor",
        choices=EXECUTORS,
        default="local",
        help="where articles are analysed: local processes (--jobs), or the workers of a Dask cluster "
        "(with --scheduler; pip install 'newsdossier[cluster]') (default: %(default)s)",
    )
    parser.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="the Dask scheduler's address for --executor dask, e.g. tcp://10.0.0.5:8786",
    )
    parser.add_argument(
        "--no-cache",
        action="store_true",
        help="analyse and render everything again instead of reusing .cache/",
    )
    parser.add_argument("-q", "--quiet", action="store_true", help="print errors only; no progress bar")
    parser.add_argument("--timings", action="store_true", help="print the seconds each stage took")


def make_parser(prog: str, default_root: Path) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=prog,
        description=(
            "Build the annotated news-analysis site. Reads the article texts in seeds/ and the analyst's "
            "curation in dossier/ (site.yaml, summits.yaml, articles.yaml, entities.yaml), renders the "
            "templates in templates/, and writes the site to site/ in one swap: a failed build leaves the "
            "previous site as it was."
        ),
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    build_parser = commands.add_parser("build", help="build the site once (the default command)")
    serve = commands.add_parser(
        "serve",
        help="build, serve the site on --port, rebuild on every change to seeds/, dossier/ or templates/ and "
        "reload the pages open in the browser",
    )
    serve.add_argument("--port", type=int, default=8000, help="port for serve (default: 8000)")
    add = commands.add_parser(
        "add", help="copy a new article into seeds/ and append an entry for it to dossier/articles.yaml"
    )
    add.add_argument(
        "file", type=Path, help="the article's text file, or a web page saved from the browser (.html)"
    )
    for sub in (build_parser, serve, add):
        _build_options(sub)
        sub.set_defaults(root=default_root)
    _gazetteer_commands(commands, default_root)
    return parser


def _gazetteer_commands(commands, default_root: Path) -> None:
    new = commands.add_parser(
        "new", help="write a new dossier (settings, an example summit, an empty gazetteer) into FOLDER"
    )
    new.add_argument("folder", type=Path, help="a new or empty folder")
    new.add_argument(
        "--templates", type=Path, help="the templates to copy (default: those that come with newsdossier)"
    )
    accept = commands.add_parser(
        "accept", help="take candidate NUMBER of reports/candidates.yaml into dossier/entities.yaml"
    )
    accept.add_argument("number", type=int, help="the candidate's number (its id is candidate-NUMBER)")
    accept.add_argument(
        "--id",
        required=True,
        dest="entity_id",
        help="the new entity's id (lowercase a-z 0-9 joined by hyphens)",
    )
    accept.add_argument(
        "--type",
        dest="entity_type",
        choices=tuple(t.value for t in EntityType),
        help="its type, if not the guessed one",
    )
    accept.add_argument("--name-en", help="its English name")
    accept.add_argument("--wikidata", help="its Wikidata id (Q…)")
    alias = commands.add_parser(
        "alias", help="add SPELLING to the aliases of entity ENTITY in dossier/entities.yaml"
    )
    alias.add_argument("entity", help="the entity's id")
    alias.add_argument("spelling", help="the spelling to add")
    for sub in (accept, alias):
        sub.add_argument("--root", type=Path, help="project folder holding seeds/, dossier/, templates/")
    for sub in (new, accept, alias):
        sub.set_defaults(root=default_root)


def _options(args: argparse.Namespace, progress=None) -> BuildOptions:
    return BuildOptions(
        root=args.root.resolve(),
        out=args.out,
        morphology_db=args.morphology_db,
        ner_model=args.ner_model,
        jobs=max(1, args.jobs),
        executor=args.executor,
        scheduler=args.scheduler,
        cache=not args.no_cache,
        progress=progress,
    )


def progress_bar(items, total):
    """A progress bar on the terminal for long analyses (tqdm)."""
    from tqdm import tqdm

    return tqdm(items, total=total, unit="article", desc="analysing", leave=False, file=sys.stderr)


def _say(*lines: str, error: bool = False) -> None:
    """Lines on the terminal, untrusted text in them escaped (file names,
    spellings, values from the analyst's files: `printable`), line breaks
    included: a line given is one line shown."""
    for line in lines:
        print(printable(line), file=sys.stderr if error else sys.stdout)


def _print_report(args: argparse.Namespace, options: BuildOptions, report: BuildReport) -> None:
    for warning in report.warnings:
        _say(f"warning: {warning}", error=True)
    if not args.quiet and report.up_to_date:
        _say(f"{options.site} is up to date: no input changed since the last build")
    elif not args.quiet:
        _say(
            f"built {len(report.written)} files into {options.site} ({report.changed} changed): "
            + report.summary()
        )
        _say(f"{report.candidates} names not in the gazetteer: {options.root / REPORT}")
    if args.timings:
        _say("timings: " + ", ".join(f"{stage} {seconds:.2f} s" for stage, seconds in report.timings.items()))


def _run_new(args: argparse.Namespace) -> int:
    from .new import default_templates, new_dossier

    written = new_dossier(args.folder, args.templates or default_templates())
    _say(f"new dossier in {args.folder}: " + ", ".join(written))
    _say(f"next: put articles in with `newsdossier add FILE --root {args.folder}`, then build it")
    return 0


def _run_accept(args: argparse.Namespace) -> int:
    from .gazetteer import accept_candidate

    fields = {"type": args.entity_type, "name_en": args.name_en, "wikidata": args.wikidata}
    entry = accept_candidate(args.root.resolve(), args.number, args.entity_id, fields)
    _say("added to dossier/entities.yaml:", *entry.split("\n")[:-1])
    return 0


def _run_alias(args: argparse.Namespace) -> int:
    from .gazetteer import add_alias

    aliases = add_alias(args.root.resolve(), args.entity, args.spelling)
    _say(f"dossier/entities.yaml, entity `{args.entity}`: {aliases}")
    return 0


def _run_add(args: argparse.Namespace) -> int:
    from .add import add_article

    added = add_article(args.root.resolve(), args.file)
    _say(
        f"added seeds/{added.seed}; its entry in dossier/articles.yaml (check it):",
        *added.entry.split("\n")[:-1],
    )
    if added.unknown_names:
        _say("names not in the gazetteer: " + "، ".join(added.unknown_names))
    return 0


def _run_serve(args: argparse.Namespace) -> int:
    from .serve import Preview

    options = _options(args)
    Preview(options.root, options.site, lambda: build(options), port=args.port).serve_forever()
    return 0


def _run_build(args: argparse.Namespace) -> int:
    show_progress = not args.quiet and sys.stderr.isatty()
    options = _options(args, progress_bar if show_progress else None)
    _print_report(args, options, build(options))
    return 0


RUN = {
    "build": _run_build,
    "serve": _run_serve,
    "add": _run_add,
    "new": _run_new,
    "accept": _run_accept,
    "alias": _run_alias,
}


def _stopped(stop: KeyboardInterrupt, command: str) -> int:
    """A stop signal: one line saying what state things were left in."""
    number = getattr(stop, "number", signal.SIGINT)
    _say(stopped_line(number, getattr(stop, "finished", False), command), error=True)
    return 128 + number


def _internal_error(root: Path) -> int:
    """A bug, not bad input: say so in one line, keep the details."""
    details = root / ".cache" / "last-error.txt"
    try:
        details.parent.mkdir(parents=True, exist_ok=True)
        details.write_text(traceback.format_exc(), encoding="utf-8")
    except OSError:
        details = None
    kind = sys.exc_info()[0].__name__
    where = f"; details in {details}" if details else ""
    _say(
        f"internal error ({kind}): this is a bug in newsdossier, not in your files; the previous site is "
        f"unchanged{where}",
        error=True,
    )
    return 2


def main(
    argv: list[str] | None = None,
    prog: str = "newsdossier",
    default_root: Path | None = None,
    ending: bool = False,
) -> int:
    """The command; `ending`: the process ends when it returns, without
    Python's teardown (`cli.run`, then `exit_now`)."""
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or (argv[0] not in COMMANDS and argv[0] not in ("-h", "--help")):
        argv.insert(0, "build")  # `build.py --out x` and `newsdossier` alone build
    args = make_parser(prog, default_root or Path.cwd()).parse_args(argv)
    if ending and (args.command or "build") == "build":
        ending_after_build()  # the build's values are not freed before the process ends (`serve`'s are)
    try:
        with stop_on_signals():  # Ctrl+C, SIGTERM, SIGHUP: one line, the previous site whole
            return RUN[args.command or "build"](args)
    except DossierError as error:
        _say(f"error: {error}", error=True)
        return 1
    except KeyboardInterrupt as stop:  # `Stopped`, or Ctrl+C before the handlers were in place
        return _stopped(stop, args.command or "build")
    except Exception:
        return _internal_error(args.root.resolve())
