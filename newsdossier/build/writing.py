"""Make every output of the site into the staging folder, on every core.

The plan (every output, the view's tables) is made once in the main
process, which also takes the previous build's file for every output
nothing of which changed (a hard link). When many outputs remain to be
made, worker processes are forked from it, so each has the whole plan
without copying it, make a share of them and write them straight into the
staging folder; a few (an added article's) are made in this process, where
the templates may already be compiled. Only small results travel back:
each output's path, its record (key and reads, for the next build) and
whether its bytes changed.

Outputs are handed out in runs of neighbouring paths, many more runs than
workers, so a worker that drew heavy pages (a summit's network, an entity
named in every article) does not hold the others up.

The kept files are linked into the staging folder by a few threads while
this process makes the others (linking is waiting on the file system: the
4,000 links of a 1,000-article site, 40,000 at 10,000, need not wait for
the pages, nor the pages for them); not while workers are forked, which
must not inherit threads half way through.
"""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from itertools import compress, repeat
from operator import attrgetter, is_not, not_
from pathlib import Path
from typing import NamedTuple

from ..models.inputs import SourceFile
from ..site.outputs import (
    OutputRecord,
    PreviousBuild,
    SitePlan,
    compiled_templates_kept,
    load_every_template,
    make_output,
    reused_records,
    template_environment,
)
from .pool import WorkerPool, can_fork
from .staging import StagedSite

# Below this many outputs to make, forking workers costs more than it saves.
PARALLEL_THRESHOLD = 400
RUN = 48  # outputs per run handed to a worker
LINKERS = 4  # threads linking kept files while the others are made
LINK_RUN = 256  # kept files per task of those threads


class StagedOutput(NamedTuple):
    """One output as staged. A named tuple, not a frozen dataclass: one is
    made for every kept output too (35,000 at 10,000 articles), at half the
    cost (1.5 µs against 2.8)."""

    path: str
    record: OutputRecord
    made: bool  # made afresh (else the previous build's file was kept)
    changed: bool  # its bytes differ from the previous site's


# A kept output as staged, of its fields' tuple: 35,000 at 10,000 articles,
# made in C (`tuple.__new__`; the NamedTuple's `__new__` took twice as long
# as `_make`, and `_make` is a Python call).
_kept = functools.partial(tuple.__new__, StagedOutput)

_job: tuple[SitePlan, StagedSite] | None = None  # set before forking


def _make(plan: SitePlan, staged: StagedSite, index: int) -> StagedOutput:
    output = plan.outputs[index]
    made = make_output(plan, output, None)
    return StagedOutput(output.path, made.record, True, staged.put(output.path, made.data))


def _make_run(indices: list[int]) -> list[StagedOutput]:
    plan, staged = _job
    return [_make(plan, staged, i) for i in indices]


def _shared(made: list[StagedOutput], names: dict[str, str]) -> list[StagedOutput]:
    """`made` with each read one string for the whole build: unpickled from
    a worker, or recorded page by page, every record's reads were strings of
    their own (40,000 records name 570,000 reads of 39,000 rows at 10,000
    articles, 35 MB)."""
    share = names.setdefault
    return [
        StagedOutput(
            r.path,
            OutputRecord(r.record.key, tuple([share(n, n) for n in r.record.reads])),
            r.made,
            r.changed,
        )
        for r in made
    ]


def write_outputs(
    plan: SitePlan, previous: PreviousBuild | None, staged: StagedSite, processes: int
) -> list[StagedOutput]:
    """Every output of `plan` written into `staged` and counted there, in
    path order. Which outputs can be taken from the previous site is
    known here first (digests of their reads: cheap), so that workers are
    forked only when many outputs are to be made, not for the few an added
    article changes among thousands kept. The kept outputs (35,000 of an
    added article's 35,080 at 10,000 articles) are sorted out, checked and
    staged by `map`s in C, no Python call for each (`_Kept`)."""
    found = reused_records(plan, previous)
    present = list(map(is_not, found, repeat(None)))
    todo = list(compress(range(len(found)), map(not_, present)))  # changed or new: made
    kept = _Kept(
        list(compress(range(len(found)), present)),
        list(map(_path, compress(plan.outputs, present))),
        list(compress(found, present)),
    )
    names: dict[str, str] = {}  # every read, once (`_shared`)
    if len(todo) >= PARALLEL_THRESHOLD:
        # Made in the order that reads each article's body the fewest times
        # (the bytes are the same in any order); a few outputs read few
        # bodies, and the order would cost more than it saves.
        todo = plan.making_order(todo)
    # The files the staging folder already holds (a recycled old site's,
    # still the site's own): nothing to link. `keep` takes the previous file
    # of each other one only when it is still a plain file there.
    there = staged.held(kept.paths)
    to_link = list(compress(kept.paths, map(not_, there)))
    if processes > 1 and len(todo) >= PARALLEL_THRESHOLD and can_fork():
        made = _make_in_workers(plan, staged, todo, processes, names)  # then the links: no thread at a fork
        linked = list(map(staged.keep, to_link))
    else:
        linkers = ThreadPoolExecutor(LINKERS, thread_name_prefix="link")
        try:
            # In runs: a task per file would cost the main thread more than the link.
            runs = [to_link[start : start + LINK_RUN] for start in range(0, len(to_link), LINK_RUN)]
            links = linkers.map(lambda run: [staged.keep(path) for path in run], runs)
            made = [r for i in todo for r in _shared([_make(plan, staged, i)], names)]
            linked = [ok for run in links for ok in run]
        finally:  # on a failure or a stop, the links not begun are not made
            linkers.shutdown(cancel_futures=True)
    results, missing = _counted(kept, there, linked, len(found))
    # A kept file's old copy that went missing (or is no longer a plain file): made.
    made += _shared([_make(plan, staged, i) for i in missing], names)
    for index, result in zip(todo + missing, made, strict=True):
        results[index] = result
    staged.add_all(list(map(_path, results)), sum(map(_changed, results)))
    return results


class _Kept(NamedTuple):
    """The outputs taken from the previous site, in path order."""

    indices: list[int]  # in the plan's outputs
    paths: list[str]
    records: list[OutputRecord]


_path, _changed = attrgetter("path"), attrgetter("changed")


def _make_in_workers(
    plan: SitePlan, staged: StagedSite, todo: list[int], processes: int, names: dict[str, str]
) -> list[StagedOutput]:
    global _job
    runs = [todo[start : start + RUN] for start in range(0, len(todo), RUN)]
    plan.load_templates()  # compiled once, here: each worker inherits them
    _job = (plan, staged)  # inherited by the forked workers
    try:
        with WorkerPool(processes) as pool:
            return [r for run in pool.imap(_make_run, runs) for r in _shared(run, names)]
    finally:
        _job = None


def _counted(kept: _Kept, there: list[bool], linked: list[bool], count: int) -> tuple[list, list[int]]:
    """Every output's place in path order (`count` of them), each kept one
    whose previous file is there (`there`, else `linked`: the links made,
    in order) staged as kept; and the indices of the kept ones whose file
    was not there (to be made)."""
    ok = there
    if linked:  # (none when the staging folder held every kept file)
        gaps = iter(linked)
        ok = [True if held else next(gaps) for held in there]
    results: list[StagedOutput | None] = [None] * count
    staged = map(_kept, zip(kept.paths, kept.records, repeat(False), repeat(False)))
    for index, output in zip(compress(kept.indices, ok), compress(staged, ok)):
        results[index] = output
    return results, list(compress(kept.indices, map(not_, ok)))


@contextlib.contextmanager
def templates_compiled_meanwhile(
    templates: tuple[SourceFile, ...], template_cache: Path | None, processes: int
) -> Iterator[None]:
    """While the block runs (the analysis), the site's templates compiled
    into `template_cache` by a forked process, when none compiled by this
    code is kept there (the first build, a new version, `.cache/` deleted).
    Compiling them is 0.16 s of CPU at any size, which this process paid
    just before forking the render workers, the other cores idle; done
    meanwhile, it mostly falls on a core idle then too (the first article
    is analysed here alone, before the analysis' workers are forked), and
    the render reads the compiled code (4 ms). The compiled code is Jinja's
    bytecode cache, checked as ever: a template that fails to compile, or
    one not there, is compiled when a page needs it. Leaving the block
    waits for the process (done long before); an error or a stop kills it."""
    if template_cache is None or processes < 2 or not can_fork() or compiled_templates_kept(template_cache):
        yield
        return
    with WorkerPool(1, _compile_templates, (templates, template_cache)):
        yield


def _compile_templates(templates: tuple[SourceFile, ...], template_cache: Path) -> None:
    """In the forked process: every template compiled into the cache. A
    memo: anything that goes wrong only leaves the compiling to the render,
    which reports it (a template's bad bytes, its syntax) as it always did."""
    with contextlib.suppress(Exception):
        load_every_template(template_environment(templates, template_cache))
