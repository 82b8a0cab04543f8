"""Make every output of the site into the staging folder, on every core.

The plan (every output, the view's tables) is made once in the main
process; worker processes are forked from it, so each has the whole plan
without copying it, make a share of the outputs (or take the previous
build's file when nothing it depends on changed) and write them straight
into the staging folder. Only small results travel back: each output's
path, its record (key and reads, for the next build) and whether its
bytes changed.

Outputs are handed out in runs of neighbouring paths, many more runs than
workers, so a worker that drew heavy pages (a summit's network, an entity
named in every article) does not hold the others up.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..site.outputs import OutputRecord, PreviousBuild, SitePlan, make_output
from .pool import WorkerPool, can_fork
from .staging import StagedSite

# Below this many outputs, forking workers costs more than it saves.
PARALLEL_THRESHOLD = 400
RUN = 48  # outputs per run handed to a worker


@dataclass(frozen=True)
class StagedOutput:
    path: str
    record: OutputRecord
    made: bool  # made afresh (else the previous build's file was kept)
    changed: bool  # its bytes differ from the previous site's


_job: tuple[SitePlan, PreviousBuild | None, StagedSite] | None = None  # set before forking


def _render(plan: SitePlan, previous: PreviousBuild | None, staged: StagedSite, index: int) -> StagedOutput:
    output = plan.outputs[index]
    made = make_output(plan, output, previous)
    if made.reused:
        if staged.keep(output.path):
            return StagedOutput(output.path, made.record, False, False)
        made = make_output(plan, output, None)  # the old file went missing: make it
    return StagedOutput(output.path, made.record, True, staged.put(output.path, made.data))


def _render_run(indices: range) -> list[StagedOutput]:
    plan, previous, staged = _job
    return [_render(plan, previous, staged, i) for i in indices]


def write_outputs(
    plan: SitePlan, previous: PreviousBuild | None, staged: StagedSite, processes: int
) -> list[StagedOutput]:
    """Every output of `plan` written into `staged` and counted there, in
    path order."""
    global _job
    count = len(plan.outputs)
    runs = [range(start, min(start + RUN, count)) for start in range(0, count, RUN)]
    if processes > 1 and count >= PARALLEL_THRESHOLD and can_fork():
        _job = (plan, previous, staged)  # inherited by the forked workers
        try:
            with WorkerPool(processes) as pool:
                results = [r for run in pool.imap(_render_run, runs) for r in run]
        finally:
            _job = None
    else:
        results = [_render(plan, previous, staged, i) for i in range(count)]
    for result in results:
        staged.add(result.path, result.changed)
    return results
