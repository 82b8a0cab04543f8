"""Outputs made by workers come back as small results, held to the end of
the build: each read one string for the whole build."""

from __future__ import annotations

import pickle

from newsdossier.build.writing import StagedOutput, _shared
from newsdossier.site.outputs import OutputRecord


def test_reads_back_from_workers_are_one_string_each_and_the_same_values():
    made = [
        StagedOutput(f"p{n}.html", OutputRecord(f"k{n}", ("article:a", f"entity:e{n % 2}")), True, n == 1)
        for n in range(4)
    ]
    runs = [pickle.loads(pickle.dumps(made[:2])), pickle.loads(pickle.dumps(made[2:]))]  # as from two workers
    names: dict[str, str] = {}
    shared = [r for run in runs for r in _shared(run, names)]
    assert shared == made
    assert len({id(read) for r in shared for read in r.record.reads}) == 3
