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
"""

from __future__ import annotations

from dataclasses import dataclass

from ..site.outputs import OutputRecord, PreviousBuild, SitePlan, make_output, reused_record
from .pool import WorkerPool, can_fork
from .staging import StagedSite

# Below this many outputs to make, forking workers costs more than it saves.
PARALLEL_THRESHOLD = 400
RUN = 48  # outputs per run handed to a worker


@dataclass(frozen=True)
class StagedOutput:
    path: str
    record: OutputRecord
    made: bool  # made afresh (else the previous build's file was kept)
    changed: bool  # its bytes differ from the previous site's


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
    article changes among thousands kept."""
    global _job
    results: list[StagedOutput | None] = [None] * len(plan.outputs)
    todo = []
    for index, output in enumerate(plan.outputs):
        # `keep` takes the previous file only when it is still a plain file
        # there: no second look at it first.
        record = reused_record(plan, output, previous, check_file=False)
        if record is not None and staged.keep(output.path):
            results[index] = StagedOutput(output.path, record, False, False)
        else:
            todo.append(index)  # changed, new, or its old file went missing: made
    runs = [todo[start : start + RUN] for start in range(0, len(todo), RUN)]
    names: dict[str, str] = {}
    if processes > 1 and len(todo) >= PARALLEL_THRESHOLD and can_fork():
        _job = (plan, staged)  # inherited by the forked workers
        try:
            with WorkerPool(processes) as pool:
                made = [r for run in pool.imap(_make_run, runs) for r in _shared(run, names)]
        finally:
            _job = None
    else:
        made = [r for i in todo for r in _shared([_make(plan, staged, i)], names)]
    for index, result in zip(todo, made, strict=True):
        results[index] = result
    for result in results:
        staged.add(result.path, result.changed)
    return results
