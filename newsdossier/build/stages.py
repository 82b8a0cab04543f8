"""The stages of a build, in order, from reading the inputs to the manifest.

Reads happen in the first stage (`read_sources`) and the site is written in
the last; in between, every stage is a function of what the earlier ones
made (but for one read: a seed's raw copy is read back when it is
written, and refused unless its bytes are those analysed). Two caches are
written plainly where they are: analysed articles as soon as they are
analysed (a memo: a build that fails later keeps that work), and the build
manifest after the new site is in place.
"""

from __future__ import annotations

import contextlib
import functools
import gc
from pathlib import Path
from typing import NamedTuple

from ..analysis.candidates import CANDIDATES_HEADER, RepeatMemo, candidates_yaml, near_misses, summarise
from ..analysis.holding import Holder, copied
from ..analysis.linking import LinkMemo, Versions, link_dossier, versions
from ..analysis.network import remember_layouts, remember_sums
from ..inputs.curation import load_curation
from ..inputs.project import read_sources
from ..language.duplicates import CopyMemo
from ..language.gazetteer import Gazetteer, load_gazetteer
from ..language.proposals import ProposalMemo, propose_summits
from ..language.steps import ArticleAnalysis, LanguageData, publishable
from ..models.article import Article
from ..models.collector import collector_paused
from ..models.curation import Curation
from ..models.dossier import Dossier
from ..models.errors import BuildWarning
from ..models.inputs import SourceFile, Sources
from ..site.export import remember_lines
from ..site.files import seed_on_disk
from ..site.outputs import SitePlan, plan_site
from . import pipeline, signals
from .cache import ArticleCache, HeldFile, MemoFile, fingerprint_sources
from .files import SealedFolder, check_report, write_report
from .locks import project_lock
from .manifest import BuildManifest
from .options import BuildOptions
from .pipeline import REPORT, BuildReport, Stopwatch
from .pool import Beside, give_back_memory
from .records import RecordCache
from .search import index_search
from .site_folder import folder_statuses, proven_clean
from .staging import StagedSite, Written
from .uptodate import SeedDigests, Stamp
from .workers import analyse_articles
from .writing import templates_compiled_meanwhile, write_outputs


def check_report_file(options: BuildOptions) -> None:
    """The review file the build replaces is one it wrote (or missing)."""
    check_report(options.root / REPORT, CANDIDATES_HEADER)


def run_stages(options: BuildOptions, clock: Stopwatch, stamp: Stamp) -> BuildReport:
    """The build after the quick up-to-date check (`build.pipeline`) found
    work to do, under the site's lock; `stamp` holds the files' statuses
    taken before reading them."""
    left: list = []
    try:
        return _stages(options, clock, stamp, left)
    finally:
        # The articles read back are left out of the collector's walks for
        # the build (`HeldFile.load`), not beyond it (`serve` builds again
        # in this process: cycles made before them must be freed then).
        gc.unfreeze()
        pipeline.leave_for_exit(left)


def _stages(options: BuildOptions, clock: Stopwatch, stamp: Stamp, left: list) -> BuildReport:
    sources, digests = clock.lap("read", _read(options, stamp))  # every input file is read here
    language = options.language_data()
    # The previous build's records (35,000 at 10,000 articles, with their
    # 570,000 reads) live to the build's end: left out of the collections
    # that follow (the first young one walked them: 25-35 ms of an add), as
    # are every object made before them (unfrozen by `run_stages`).
    with collector_paused(freeze=True):
        builds = options.cache_folder / "builds"
        manifest = BuildManifest(builds, options.site, options.site_key, options.cache)
    fingerprint = fingerprint_sources(sources, (options.fingerprint_part(), language.identity()))
    if manifest.up_to_date(fingerprint):  # no input changed (a file touched): nothing to do
        # The next check knows it from the statuses; the site's own, only as
        # the walk under the lock found them (a file put in since is seen).
        # (The folders' set-back time carried on: they vouch only while their times are that one.)
        stamp.save(len(sources.seeds), proven_clean(options.site), stamp.site_set_back_ns())
        return BuildReport([], 0, (), 0, len(sources.seeds), clock.laps, up_to_date=True)
    curation, warnings = clock.lap("curation", _curation(options, sources))  # dossier/*.yaml, its schema
    gazetteer = clock.lap("gazetteer", load_gazetteer(curation))  # names and the notes' wiki links checked
    analysis = _analyse(options, sources, curation, language, clock)  # per article: cached, in parallel
    # From here on the seeds are known by the digests of their copies, and
    # read back when those are written: their bytes are not held to the end.
    seeds = tuple(seed_on_disk(s, options.root, digests.published(s)) for s in sources.seeds)
    digests.save(sources.seeds, {copy.name: copy.digest for copy in seeds})  # a memo, where it is made
    seed_count, templates = len(sources.seeds), sources.templates
    del sources
    give_back_memory()  # what the analysis (and the seeds read) freed
    articles, analysis = analysis.articles, analysis._replace(articles=())  # the report needs its counts only
    # The names not known (only the report reads them): summed up beside proposing, linking and planning.
    with _candidates_beside(options, articles, analysis.keys, analysis.analysed) as summed:
        clock.lap("candidates")  # (the fork; or the whole summary, made here)
        article_keys = dict(zip((a.id for a in articles), analysis.keys))  # each row's digest (site/view.py)
        # Before linking: a proposed summit puts an uncurated article on that summit's pages.
        articles, proposed = clock.lap("propose", _propose(options, articles, analysis.keys, curation))
        dossier, row_versions = clock.lap("link", _link(options, curation, articles, article_keys))
        remember_layouts(SealedFolder(options.cache_folder / "layouts") if options.cache else None)  # a memo
        remember_sums(SealedFolder(options.cache_folder / "networks") if options.cache else None)  # as well
        del articles  # the dossier holds them, without what linking alone reads
        give_back_memory()  # what the copy check, the candidates and linking freed
        planned = _plan(options, dossier, templates, seeds, gazetteer, article_keys, row_versions)
        plan = clock.lap("plan", planned)
        candidates = clock.more("candidates", summed())  # what is left of the summary, waited for
    stamp.forget()  # from here on the site changes: no stamp or manifest may vouch for the old one
    manifest.forget()
    _forget_earlier_builds(options)
    written, records, made = _make_and_write(plan, manifest, options, clock)
    near = near_misses(candidates, curation.entities)
    write_report(options.root / REPORT, candidates_yaml(candidates, language.ner_status(), near))
    manifest.save(fingerprint, records, plan.view.tables.digest, plan.view.tables.refreshed)
    if options.cache:
        # The site just swapped in, by the files it was written with (its marker not read back).
        stamp.save(seed_count, folder_statuses(options.site, written.listed), written.set_back_ns)
    clock.lap("report")
    left += (curation, gazetteer, dossier, plan, candidates, records)  # freed by `pipeline.leave_for_exit`
    everything = warnings + analysis.problems + proposed
    return BuildReport(
        written.paths,
        written.changed,
        everything,
        analysis.analysed,
        len(dossier.articles),
        clock.laps,
        len(candidates) - len(near),
        made=tuple(made),
        seeds=analysis.seeds,
        without_text=analysis.without_text,
        copies=analysis.copies,
    )


def _forget_earlier_builds(options: BuildOptions) -> None:
    """The previous build's manifest and stamp as earlier versions named
    them (`BuildOptions.earlier_site_keys`): no build reads them again, and
    at 10,000 articles they are 12 MB. Only the build's own files, in the
    build's own folder (`.cache/builds/<key>.*`)."""
    builds = options.cache_folder / "builds"
    for key in options.earlier_site_keys:
        for path in (*BuildManifest.files(builds, key), Stamp.file(builds, key)):
            with contextlib.suppress(OSError):  # a file left only costs room
                path.unlink()


def _read(options: BuildOptions, stamp: Stamp) -> tuple[Sources, SeedDigests]:
    """Every input file, but a seed whose status is the one the last build
    read it with: it is known by its digest (`uptodate.SeedDigests`)."""
    digests = SeedDigests(options.cache_folder / "seeds.pickle" if options.cache else None, stamp)
    with project_lock(options.root, exclusive=False):  # not while `add` is half way through writing
        return read_sources(options.root, digests.known), digests


def _curation(options: BuildOptions, sources: Sources) -> tuple[Curation, tuple[BuildWarning, ...]]:
    """The curation, read through the records the last build read (only
    changed ones are read again); the memo is written where it is made (as
    the articles') and not held past this function (20 MB at 10,000)."""
    cache = RecordCache(options.cache_folder / "records.pickle" if options.cache else None)
    memo = cache.load()
    read = load_curation(sources, memo)
    cache.save(memo)
    return read


class _Analysis(NamedTuple):
    """The analysed articles a site is made of, and what the build says of
    the others."""

    articles: tuple[Article, ...]  # the publishable ones, compact (analysis/holding.py)
    keys: tuple[str, ...]  # their cache keys
    analysed: int  # analysed now (the others came from the cache)
    seeds: int
    problems: tuple[BuildWarning, ...]  # bad bytes, no text, copies
    without_text: int  # seeds with no article text
    copies: int  # seeds that are copies of another article


def _analyse(
    options: BuildOptions, sources: Sources, curation: Curation, language: LanguageData, clock: Stopwatch
) -> _Analysis:
    """parse → tag → quote → candidates, per article; cached, in parallel;
    then the articles with no text and the copies left out."""
    seeds = {s.name: s for s in sources.seeds}
    jobs = [(seeds[meta.source_file], meta) for meta in curation.articles]
    # The articles as the last build held them, in one file (an article in
    # it is not read from its own cache file), brought up to this build's
    # where it is made (as the articles' cache).
    # Their bodies are read only when a page asks (a body found damaged then: from its own cache file).
    cache = ArticleCache(_article_cache(options))
    held_file = HeldFile(options.cache_folder / "held.pickle" if options.cache else None, cache.get)
    held = held_file.load(long_lived=True)  # (unfrozen by `run_stages`)
    # On a core otherwise idle, the pages' templates compiled for the render when none are kept.
    with templates_compiled_meanwhile(sources.templates, _template_cache(options), options.jobs):
        articles, analysed, keys = analyse_articles(
            jobs,
            ArticleAnalysis(curation.entities, language),
            cache,
            options.open_executor,
            options.progress,
            Holder().article,  # each article as it is read, compact (analysis/holding.py)
            held,
        )
    held_file.save(held, keys)
    del held
    clock.lap("analyse")
    # Bad bytes noted; articles with no text, and copies, left out. Only
    # its fields leave this function: the selection holds every article as
    # analysed, candidates and all.
    selection = _publishable(options, articles, keys)
    key_of = {article.id: key for article, key in zip(articles, keys)}
    return _Analysis(
        selection.articles,
        tuple(key_of[article.id] for article in selection.articles),
        analysed,
        len(articles),
        selection.warnings,
        selection.without_text,
        selection.copies,
    )


def _publishable(options: BuildOptions, articles: tuple[Article, ...], keys: tuple[str, ...]):
    """`publishable`, its copy check patched from the last build's index
    (`CopyMemo`: an added article looked up in it, not every article's bands
    counted again); the memo written where it is made (as the articles')."""
    cache = MemoFile(options.cache_folder / "copies.pickle" if options.cache else None, CopyMemo)
    memo = cache.load()
    selection = publishable(articles, (memo, keys))
    cache.save(memo)
    return selection


def _plan(
    options: BuildOptions,
    dossier: Dossier,
    templates: tuple[SourceFile, ...],
    seeds: tuple[SourceFile, ...],
    gazetteer: Gazetteer,
    article_keys: dict[str, str],
    versions: Versions,
) -> SitePlan:
    """Every output, no two at one path (`plan_site`). The plan lives to the
    build's end: its objects are left out of the collections that follow
    (the first young one walked them all: 0.12 s of an add at 10,000)."""
    with collector_paused(freeze=True):
        return plan_site(
            dossier, templates, seeds, gazetteer, _template_cache(options), article_keys, versions
        )


def _propose(options: BuildOptions, articles: tuple[Article, ...], keys: tuple[str, ...], curation: Curation):
    """`propose_summits`, each uncurated article's proposal read from the
    last build's memo by its key when the summits are the same (only an
    added or changed one searched for dates), and copied without reading
    its body (`holding.copied`)."""
    cache = MemoFile(options.cache_folder / "proposals.pickle" if options.cache else None, ProposalMemo)
    memo = cache.load()
    proposed = propose_summits(articles, curation.summits, (memo, keys), copied)
    cache.save(memo)  # a memo, written where it is made (as the articles')
    return proposed


# Articles analysed afresh from which the candidates' summary is made in a
# forked process (`_candidates_beside`): 0.16-0.2 ms of CPU an article searched
# (a full build: 0.16 s at 1,000, 1.65 s at 10,000), against 10-30 ms for the
# fork and the pages it copies.
SUMMARY_BESIDE = 200


def _candidates_beside(
    options: BuildOptions, articles: tuple[Article, ...], keys: tuple[str, ...], analysed: int
):
    """`_candidates`, made in a forked process while this one proposes,
    links and plans (`pool.Beside`: the block calls what it is given for
    them) when there are cores for it and many articles were analysed
    afresh (each searched for the names: a full build); its memo written
    there. It reads only the analysed articles, and nothing after it but
    the report reads what it makes, so either way the same summary."""
    fork = options.jobs > 1 and analysed >= SUMMARY_BESIDE
    return Beside(functools.partial(_candidates, options, articles, keys), fork)


def _candidates(options: BuildOptions, articles: tuple[Article, ...], keys: tuple[str, ...]):
    """The names the gazetteer does not know, each article searched for
    them only when the last build's memo has not got it (`RepeatMemo`)."""
    cache = MemoFile(options.cache_folder / "repeats.pickle" if options.cache else None, RepeatMemo)
    memo = cache.load(long_lived=True)  # (unfrozen by `run_stages`)
    candidates = summarise(articles, memo=(memo, keys))
    cache.save(memo)  # a memo, written where it is made (as the articles')
    return candidates


def _link(
    options: BuildOptions, curation: Curation, articles: tuple[Article, ...], keys: dict[str, str]
) -> tuple[Dossier, Versions]:
    """The linked dossier: the last build's sums patched by the articles
    that changed (an article counted before and since changed or gone is
    read back from the analysis cache to be taken away), or counted
    afresh; the memo written where it is made (as the articles'). With it,
    the versions of its entities', summits' and speakers' rows (`linking.Versions`)."""
    cache = MemoFile(options.cache_folder / "linked.pickle" if options.cache else None, LinkMemo)
    memo = cache.load(long_lived=True)  # (unfrozen by `run_stages`)
    dossier = link_dossier(curation, articles, memo, keys, ArticleCache(_article_cache(options)).get)
    cache.save(memo)
    return dossier, versions(memo, curation)


def _article_cache(options: BuildOptions) -> Path | None:
    return options.cache_folder / "articles" if options.cache else None


def _template_cache(options: BuildOptions) -> Path | None:
    """Where the pages' compiled templates are kept between builds."""
    return options.cache_folder / "templates" if options.cache else None


def _make_and_write(
    plan: SitePlan, manifest: BuildManifest, options: BuildOptions, clock: Stopwatch
) -> tuple[Written, dict, list[str]]:
    """Make every output and write it into the staging folder as it is made
    (no mapping of all the site's bytes is held), index it for search,
    then swap the new site in."""
    remember_lines(
        options.cache_folder / "export" if options.cache else None
    )  # the data index's lines: a memo
    with StagedSite(options.site) as staged:
        rendered = clock.lap(
            "render", write_outputs(plan, manifest if options.cache else None, staged, options.jobs)
        )
        records = {r.path: r.record for r in rendered}
        if options.search:  # on the complete staging folder: the index always matches the pages
            previous = manifest if options.cache else None
            segments = clock.lap("search", index_search(staged, plan.view, previous, options.jobs))
            # A segment is recorded as an output is, by its folder (no page's
            # path ends in "/"): its key and reads, their digests beside.
            records.update(segments)
        signals.hold()  # the swap, the report and the manifest belong together: no stop in between
        # The old site goes into a trash folder beside the site, which the
        # next build removes while it works (`build.swap`).
        written = clock.lap("swap", staged.swap_in(background=True))
    return written, records, [r.path for r in rendered if r.made]
