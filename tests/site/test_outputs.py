"""An output's key, as the reuse check and the manifest compare it; the reuse check."""

from __future__ import annotations

import gc
from pathlib import Path
from types import SimpleNamespace

import pytest

from newsdossier.build.manifest import BuildManifest
from newsdossier.models.collector import while_paused
from newsdossier.models.identity import digest
from newsdossier.site.lookups import Tables
from newsdossier.site.outputs import (
    Output,
    SitePlan,
    make_output,
    plan_site,
    reused_record,
    reused_records,
)


@pytest.mark.parametrize(
    "made_from",
    [(), ("entity.html", ("china", 2, 3)), ("articles/a.html", None), "ملف", (1, 2.5, b"x"), [("a", "b")]],
)
@pytest.mark.parametrize("identity", ["abc", "", "code'with\"quotes"])
def test_an_outputs_key_is_the_digest_of_the_identity_and_what_it_is_made_from(identity, made_from):
    # The identity's part is hashed once for the plan (SitePlan.key), and the
    # key must stay the digest the manifest of an earlier build recorded.
    plan = SitePlan(None, (), identity)
    output = Output("x.html", made_from, lambda: b"", "test")
    assert plan.key(output) == digest(identity, made_from)
    assert plan.key(output) == plan.key(output)  # the hasher held is not changed by use


KEYED = [(), ("entity.html", ("china", 2, 3)), ("articles/a.html", None), "ملف", (1, 2.5, b"x"), [("a", "b")]]


@pytest.mark.parametrize("identity", ["abc", "", "code'with\"quotes", "\ud800"])
def test_every_outputs_key_at_once_is_each_ones_key(identity):
    # `SitePlan.keys` (the reuse check's, by `map`s) makes what `key` makes, in order.
    outputs = tuple(Output(f"{n}.html", made_from, lambda: b"", "test") for n, made_from in enumerate(KEYED))
    plan = SitePlan(None, outputs, identity)
    assert plan.keys() == [digest(identity, made_from) for made_from in KEYED]
    assert SitePlan(None, (), identity).keys() == []


# The reuse check of every output at once (`reused_records`): each recorded
# read compared once, then each record by one set test and its key. A first
# build of `BASE_PAGES` over `BASE_ROWS` is recorded in a real manifest; the
# second build changes one thing, and exactly the outputs it touches are made.
BASE_ROWS = {"a": 1, "b": 2, "c": "ج", "count": 1, "p1": ("i1", "i2"), "unread": 0}
BASE_PAGES = {
    "x.html": ("a",),
    "y.html": ("a", "b"),
    "z.html": ("c",),
    "list.html": ("count", "p1"),  # a listing's first page: its count and its items
    "none.html": (),  # reads nothing
}


def _plan(rows: dict, pages: dict, identity: str = "code", made_from: dict | None = None) -> SitePlan:
    tables = Tables()
    table = tables.table("t", rows)

    def maker(reads):
        return lambda: repr([table.get(read) for read in reads]).encode()

    outputs = tuple(
        Output(path, (made_from or {}).get(path, path), maker(reads), "test")
        for path, reads in sorted(pages.items())
    )
    return SitePlan(SimpleNamespace(tables=tables), outputs, identity)


def _manifest(tmp_path: Path) -> BuildManifest:
    return BuildManifest(tmp_path / "builds", tmp_path / "site", "site")


def _recorded(tmp_path: Path) -> BuildManifest:
    plan = _plan(BASE_ROWS, BASE_PAGES)
    records = {output.path: make_output(plan, output).record for output in plan.outputs}
    _manifest(tmp_path).save("inputs", records, plan.view.tables.digest)
    return _manifest(tmp_path)


def _changed(rows=None, pages=None, **plan) -> SitePlan:
    return _plan({**BASE_ROWS, **(rows or {})}, {**BASE_PAGES, **(pages or {})}, **plan)


@pytest.mark.parametrize(
    ("second", "made"),
    [
        pytest.param(_changed(), set(), id="nothing changed"),
        pytest.param(_changed(rows={"a": 10}), {"x.html", "y.html"}, id="a row changed"),
        pytest.param(_changed(rows={"b": 2.0}), {"y.html"}, id="a row of another type"),
        pytest.param(
            _plan({k: v for k, v in BASE_ROWS.items() if k != "c"}, BASE_PAGES), {"z.html"}, id="a row gone"
        ),
        pytest.param(_changed(rows={"unread": 1, "new": 5}), set(), id="rows no output read"),
        pytest.param(
            _plan(BASE_ROWS, {k: v for k, v in BASE_PAGES.items() if k != "y.html"}),
            set(),
            id="an output gone",
        ),
        pytest.param(_changed(pages={"new.html": ("a",)}), {"new.html"}, id="an output new"),
        pytest.param(
            _changed(rows={"count": 2, "p2": ("i3",)}, pages={"list/2.html": ("count", "p2")}),
            {"list.html", "list/2.html"},
            id="a listing's page more",
        ),
        pytest.param(_changed(rows={"p1": ("i1", "i2", "i3")}), {"list.html"}, id="a page's items grown"),
        pytest.param(_changed(identity="other templates"), set(BASE_PAGES), id="a template changed"),
        pytest.param(_changed(made_from={"z.html": ("z", 2)}), {"z.html"}, id="declared data changed"),
    ],
)
def test_the_outputs_made_again_are_those_whose_reads_or_key_changed(tmp_path, second, made):
    previous = _recorded(tmp_path)
    found = reused_records(second, previous)
    assert {o.path for o, record in zip(second.outputs, found, strict=True) if record is None} == made
    # The same verdicts as the check of one output at a time, and the same records.
    assert found == [reused_record(second, o, previous, check_file=False) for o in second.outputs]
    for output, record in zip(second.outputs, found, strict=True):
        if record is not None:  # a kept record is the manifest's own (its reads the very tuple)
            assert record.reads is previous.records()[output.path][1]


def test_a_read_the_manifest_has_no_digest_for_is_never_taken_as_unchanged(tmp_path):
    # A record naming a read with no digest beside it (a damaged or stale
    # file that still reads back) is made, not kept.
    previous = _recorded(tmp_path)
    del previous._digests["t:b"]
    found = reused_records(_changed(), previous)
    assert {o.path for o, r in zip(_changed().outputs, found, strict=True) if r is None} == {"y.html"}


def test_without_a_previous_build_every_output_is_made(tmp_path):
    assert reused_records(_changed(), None) == [None] * len(BASE_PAGES)
    # A manifest that cannot be read (here: its head damaged) is no previous build.
    _recorded(tmp_path)
    head = _manifest(tmp_path).head_path
    data = head.read_bytes()
    head.write_bytes(data[:-1] + bytes([data[-1] ^ 1]))
    assert reused_records(_changed(), _manifest(tmp_path)) == [None] * 5


def test_planning_and_the_reuse_check_run_with_the_collector_paused_and_leave_it_as_it_was(tmp_path):
    seen = []

    @while_paused
    def observed(fail: bool):
        seen.append(gc.isenabled())
        if fail:
            raise ValueError("a failure")
        return "done"

    assert observed(False) == "done" and seen == [False] and gc.isenabled()
    with pytest.raises(ValueError):
        observed(True)
    assert gc.isenabled()  # on again after a failure
    gc.disable()
    try:
        observed(False)
        assert not gc.isenabled()  # a collector the caller paused stays paused
    finally:
        gc.enable()
    assert plan_site.__wrapped__ and reused_records.__wrapped__  # both paused
