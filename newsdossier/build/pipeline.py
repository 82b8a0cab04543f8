"""The build: its lock, the up-to-date check, then its stages (`build.stages`).

When no input, option or code changed since the last build of this site
folder (`build.uptodate`: the files' status against the last build's stamp),
the build stops here, having imported only this module and the light ones it
needs: start-up is most of a no-change build. Otherwise `build.stages` runs
the stages in order, importing what they need.
"""

from __future__ import annotations

import contextlib
import gc
import time
from dataclasses import dataclass, field
from pathlib import Path

from ..models.errors import BuildWarning
from . import signals
from .locks import site_lock
from .options import BuildOptions
from .site_folder import check_placement, check_target
from .uptodate import Stamp

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
        """The end of `stage` (its seconds kept), where a stop that came
        while Python could not raise it is raised (`signals.checkpoint`)."""
        signals.checkpoint()
        now = time.perf_counter()
        self.laps[stage] = round(now - self._last, 3)
        self._last = now
        return result

    def more(self, stage: str, result=None):
        """The time since the last lap added to an earlier stage's: one
        waited for at last, after others ran beside it (a stage's end too:
        `signals.checkpoint`)."""
        signals.checkpoint()
        now = time.perf_counter()
        self.laps[stage] = round(self.laps.get(stage, 0.0) + now - self._last, 3)
        self._last = now
        return result

    def split(self, first: str, second: str, second_seconds: float) -> None:
        """A lap in which two stages were interleaved, `second` taking `second_seconds`."""
        self.lap(first)
        self.laps[first] = round(self.laps[first] - second_seconds, 3)
        self.laps[second] = round(second_seconds, 3)


# The build's own values (the dossier, the plan, the view's tables: millions
# of objects at 10,000 articles) when the process ends right after the build
# (`leave_for_exit`): freed with the process, not one object at a time.
_left: list | None = None


def ending_after_build() -> None:
    """Called by a command that ends the process once its build is done
    (`cli.exit_now`, no teardown): the build's values are not freed before
    (0.1-0.5 s after an added article's build at 10,000 articles). `serve`
    does not call it: its builds free theirs."""
    global _left
    _left = []


def leave_for_exit(values: list) -> None:
    """The build's values kept to the process's end when it ends after the
    build (`ending_after_build`); freed here otherwise."""
    if _left is not None:
        _left[:] = [values[:]]  # (the last build's only: a caller that does build again frees the one before)
    values.clear()


def build(options: BuildOptions) -> BuildReport:
    """Build the site while holding its lock; refused before any work when
    the output folder or the report is not the build's to replace. A stop
    signal that comes once the new site is being swapped in is held until
    the build is complete (`signals`), then raised."""
    check_placement(options.root, options.site)
    with _fewer_collections():  # from the quick check's statuses on (10,000 of them at 10,000 seeds)
        # The quick check reads the stamp without the lock: a build that is
        # changing this site removed the stamp first (`run_stages`), so a stamp
        # found is that of the site in place, and nothing is written here.
        clock = Stopwatch()
        stamp = _stamp(options)
        # A site folder the build may not replace is refused, up to date or not
        # (without walking its files when its folders are as the stamp saw them;
        # nor under the lock, when their times are those the build set back).
        check_target(options.site, *((stamp.clean_site(), stamp.site_set_back_ns()) if options.cache else ()))
        quick = _up_to_date(options, clock, stamp)
        if quick is not None:
            return quick
        return _with_work(options, clock, stamp)


def _with_work(options: BuildOptions, clock: Stopwatch, stamp: Stamp) -> BuildReport:
    from .stages import check_report_file, run_stages  # the stages' imports: only when there is work
    from .swap import wait_for_removals

    clock.lap("check")  # the quick check and those imports
    check_report_file(options)  # before the lock: a refused build leaves no lock file either
    with site_lock(options.site):  # one build at a time writes this site
        try:
            try:
                report = run_stages(options, clock, stamp)
            finally:
                wait_for_removals()  # the last build's trash, removed in the background since the lock
            clock.lap("tidy")  # what of that removal the stages did not cover
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
    build's time at that size. The stages' imports are covered too: their
    500 modules' functions, classes and dicts are such objects (importing
    them took 7% less CPU, 252 ms against 272, medians of seven). Memory
    freed by reference counting is not affected."""
    thresholds = gc.get_threshold()
    gc.set_threshold(100_000, 50, 100)
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)


def _stamp(options: BuildOptions) -> Stamp:
    return Stamp.for_build(
        options.cache_folder / "builds",
        options.site_key,
        options.root,
        options.fingerprint_part(),
        options.morphology_db,
        options.ner_model,
    )


def _up_to_date(options: BuildOptions, clock: Stopwatch, stamp: Stamp) -> BuildReport | None:
    """The report of a build with nothing to do, when the files' statuses
    say nothing changed (see `build.uptodate`); None otherwise."""
    seeds = stamp.current(options.site) if options.cache else None
    if seeds is None:
        return None
    clock.lap("check")
    return BuildReport([], 0, (), 0, seeds, clock.laps, up_to_date=True)
