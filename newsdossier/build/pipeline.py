"""The build, as the ordered list of its stages.

Reads happen in the first stage (`read_sources`) and the site is written in
the last; in between, every stage is a function of what the earlier ones
made. Two caches are written plainly where they are: analysed articles as
soon as they are analysed (a memo: a build that fails later keeps that
work), and the build manifest after the new site is in place.
"""

from __future__ import annotations

import contextlib
import gc
import time
from dataclasses import dataclass, field
from pathlib import Path

from ..analysis.candidates import CANDIDATES_HEADER, candidates_yaml, near_misses, summarise
from ..analysis.linking import link_dossier
from ..inputs.curation import load_curation
from ..inputs.project import read_sources
from ..language.gazetteer import load_gazetteer
from ..language.proposals import propose_summits
from ..language.steps import ArticleAnalysis, publishable, without_candidates
from ..models.errors import BuildWarning
from ..site.render import SitePlan, plan_site, read_digests
from . import signals
from .cache import ArticleCache, BuildManifest, fingerprint_sources
from .files import check_report, write_report
from .locks import project_lock, site_lock
from .options import BuildOptions
from .rendering import render_site
from .search import index_search
from .site_folder import check_placement
from .staging import StagedSite, Written
from .workers import analyse_articles

REPORT = Path("reports") / "candidates.yaml"  # the review file of unknown names, beside the site


@dataclass(frozen=True)
class BuildReport:
    written: list[str]
    changed: int  # files whose bytes changed since the previous build
    warnings: tuple[BuildWarning, ...]
    analysed: int  # seeds analysed afresh (the others came from the cache)
    articles: int  # articles published
    timings: dict[str, float] = field(default_factory=dict)  # seconds per stage
    candidates: int = 0  # names not in the gazetteer, listed in reports/candidates.yaml
    up_to_date: bool = False  # nothing changed since the last build: nothing was done
    made: tuple[str, ...] = ()  # outputs made afresh (the others were reused from the previous build)
    # Seeds read; of them, left out: with no article text, copies of another.
    # articles = seeds - without_text - copies; analysed counts seeds.
    seeds: int = 0
    without_text: int = 0
    copies: int = 0

    def summary(self) -> str:
        """The counts of the build's summary line, such as
        `5 articles from 7 seeds (1 with no text, 1 a copy: left out); 2 analysed, 5 from the cache`."""
        left_out = [
            f"{self.without_text} with no text" if self.without_text else "",
            f"{self.copies} {'a copy' if self.copies == 1 else 'copies'}" if self.copies else "",
        ]
        reasons = ", ".join(r for r in left_out if r)
        return (
            f"{self.articles} articles from {self.seeds} seeds"
            + (f" ({reasons}: left out)" if reasons else "")
            + f"; {self.analysed} analysed, {self.seeds - self.analysed} from the cache"
        )


class Stopwatch:
    """Seconds per stage, for --timings and the benchmark."""

    def __init__(self):
        self.laps: dict[str, float] = {}
        self._last = time.perf_counter()

    def lap(self, stage: str, result=None):
        now = time.perf_counter()
        self.laps[stage] = round(now - self._last, 3)
        self._last = now
        return result


def build(options: BuildOptions) -> BuildReport:
    """Build the site while holding its lock; refused before any work when
    the output folder or the report is not the build's to replace. A stop
    signal that comes once the new site is being swapped in is held until
    the build is complete (`signals`), then raised."""
    check_placement(options.root, options.site)
    check_report(options.root / REPORT, CANDIDATES_HEADER)
    with site_lock(options.site), _fewer_collections():  # one build at a time writes this site
        try:
            report = _stages(options)
        finally:
            held = signals.release()
        if held is not None:
            raise signals.Stopped(held, finished=True)
        return report


@contextlib.contextmanager
def _fewer_collections():
    """Python's cyclic garbage collector, run less often for the build. A
    build makes millions of small objects that live to its end (with a
    100,000-entity gazetteer: the names, their keys, the entities, the
    pages' rows) and almost no cycles; at the default thresholds the
    collector walks them over and over, which was about a third of the
    build's time at that size. Memory freed by reference counting is not
    affected."""
    thresholds = gc.get_threshold()
    gc.set_threshold(100_000, 50, 100)
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)


def _stages(options: BuildOptions) -> BuildReport:
    clock = Stopwatch()
    with project_lock(options.root, exclusive=False):  # not while `add` is half way through writing
        sources = clock.lap("read", read_sources(options.root))  # every input file is read here
    language = options.language_data()
    manifest = BuildManifest(options.cache_folder / "builds", options.site, enabled=options.cache)
    fingerprint = fingerprint_sources(sources, (options.fingerprint_part(), language.identity()))
    if manifest.up_to_date(fingerprint):  # no input changed: nothing to do
        return BuildReport([], 0, (), 0, len(sources.seeds), clock.laps, up_to_date=True)
    curation, warnings = clock.lap("curation", load_curation(sources))  # dossier/*.yaml against its schema
    gazetteer = clock.lap("gazetteer", load_gazetteer(curation))  # names and the notes' wiki links checked
    seeds = {Path(s.path).name: s for s in sources.seeds}
    jobs = [(seeds[meta.source_file], meta) for meta in curation.articles]
    articles, analysed = clock.lap(  # parse → tag → quote → candidates, per article; cached, in parallel
        "analyse",
        analyse_articles(
            jobs,
            ArticleAnalysis(curation.entities, language),
            ArticleCache(_article_cache(options)),
            options.open_executor,
            options.progress,
        ),
    )
    seed_count = len(articles)
    selection = publishable(articles)  # bad bytes noted; articles with no text, and copies, left out
    articles, problems = selection.articles, selection.warnings
    candidates = clock.lap("candidates", summarise(articles))  # names the gazetteer does not know
    articles = without_candidates(articles)  # no page shows them: not held through the rest of the build
    # Before linking: a proposed summit puts an uncurated article on that summit's pages.
    articles, proposed = clock.lap("propose", propose_summits(articles, curation.summits))
    dossier = clock.lap("link", link_dossier(curation, articles))  # summits ↔ articles ↔ entities
    plan = clock.lap(
        "plan", plan_site(dossier, sources.templates, sources.seeds, gazetteer)
    )  # every output, no two at one path
    manifest.forget()  # from here on the site changes: no manifest may vouch for the old one
    written, records, made, search = _make_and_write(plan, manifest, options, clock)
    near = near_misses(candidates, curation.entities)
    write_report(options.root / REPORT, candidates_yaml(candidates, language.ner_status(), near))
    manifest.save(fingerprint, records, read_digests(plan, records), search)
    clock.lap("report")
    everything = warnings + problems + proposed
    return BuildReport(
        written.paths,
        written.changed,
        everything,
        analysed,
        len(articles),
        clock.laps,
        len(candidates) - len(near),
        made=tuple(made),
        seeds=seed_count,
        without_text=selection.without_text,
        copies=selection.copies,
    )


def _article_cache(options: BuildOptions) -> Path | None:
    return options.cache_folder / "articles" if options.cache else None


def _make_and_write(
    plan: SitePlan, manifest: BuildManifest, options: BuildOptions, clock: Stopwatch
) -> tuple[Written, dict, list[str], dict]:
    """Make every output and write it into the staging folder as it is made
    (no mapping of all the site's bytes is held), index it for search,
    then swap the new site in."""
    with StagedSite(options.site) as staged:
        rendered = clock.lap(
            "render", render_site(plan, manifest if options.cache else None, staged, options.jobs)
        )
        search = {}
        if options.search:  # on the complete staging folder: the index always matches the pages
            previous = manifest.search_keys() if options.cache else {}
            search = clock.lap("search", index_search(staged, plan.view, previous, options.jobs))
        signals.hold()  # the swap, the report and the manifest belong together: no stop in between
        written = clock.lap("swap", staged.swap_in())
    return written, {r.path: r.record for r in rendered}, [r.path for r in rendered if r.made], search
