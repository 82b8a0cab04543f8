"""The curation's record memo between builds (`build/records.py`): written
when more than a few records changed, read back only by the same code."""

from __future__ import annotations

import gc

from newsdossier.build import records
from newsdossier.build.records import RecordCache
from newsdossier.inputs.curation import RecordMemo, load_curation
from newsdossier.inputs.project import read_sources
from newsdossier.models.curation import ArticleMeta
from newsdossier.models.dates import PartialDate
from tests.helpers import seed_project


def test_the_memo_is_written_when_more_than_a_few_records_changed(tmp_path, monkeypatch):
    sources = read_sources(seed_project(tmp_path / "project"))
    cache = RecordCache(tmp_path / "records.pickle")
    first = cache.load()
    assert first is not None and first.known == {}
    load_curation(sources, first)
    cache.save(first)  # every record read afresh: written
    second = cache.load()
    assert second.known.keys() == first.used.keys()
    load_curation(sources, second)
    assert not second.worth_saving(0)
    monkeypatch.setattr(records, "SLACK", 2)
    few = RecordMemo(dict(list(second.known.items())[2:]))
    load_curation(sources, few)  # two records read afresh: not worth writing
    cache.save(few)
    assert cache.load().known.keys() == second.known.keys()


def test_a_memo_of_other_code_or_none_at_all(tmp_path, monkeypatch):
    cache = RecordCache(tmp_path / "records.pickle")
    memo = cache.load()
    load_curation(read_sources(seed_project(tmp_path / "project")), memo)
    cache.save(memo)
    monkeypatch.setattr(records, "_reader", lambda: "other code")
    assert cache.load().known == {}  # read by other code: every record read again
    assert RecordCache(None).load() is None  # no cache: files read whole
    (tmp_path / "records.pickle").write_bytes(b"damaged")
    assert cache.load().known == {}


def test_the_memo_is_read_with_the_collector_paused_and_left_as_it_was(tmp_path, monkeypatch):
    cache = RecordCache(tmp_path / "records.pickle")
    memo = cache.load()
    load_curation(read_sources(seed_project(tmp_path / "project")), memo)
    cache.save(memo)
    seen = []
    real = records.pickle.loads
    monkeypatch.setattr(records.pickle, "loads", lambda data: seen.append(gc.isenabled()) or real(data))
    assert cache.load().known.keys() == memo.used.keys()
    assert seen == [False] and gc.isenabled()  # paused while read, then on again
    (tmp_path / "records.pickle").write_bytes(b"damaged")
    assert cache.load().known == {} and gc.isenabled()  # on again after a failure too
    gc.disable()
    try:
        cache.load()
        assert not gc.isenabled()  # a collector the caller paused stays paused
    finally:
        gc.enable()


def test_a_memo_whose_bytes_changed_is_not_trusted_even_when_it_still_unpickles(tmp_path):
    """A byte changed inside a record's text still unpickles, to a memo of
    other records: its checksum (`files.sealed`) says it is not the memo
    written, and every record is read again."""
    cache = RecordCache(tmp_path / "records.pickle")
    memo = cache.load()
    load_curation(read_sources(seed_project(tmp_path / "project")), memo)
    cache.save(memo)
    assert cache.load().known.keys() == memo.used.keys()
    data = (tmp_path / "records.pickle").read_bytes()
    at = data.index(b"source_file")  # inside a record's text: the pickle's structure is untouched
    (tmp_path / "records.pickle").write_bytes(data[:at] + b"S" + data[at + 1 :])
    assert cache.load().known == {}


def test_the_records_are_read_back_equal_remade_by_their_slots(tmp_path, monkeypatch):
    """Each `ArticleMeta` (and its date) is pickled as the article cache
    pickles it (`cache.memo_bytes`) and remade by setting its slots:
    `dataclasses`' own `__setstate__` was most of the memo's read."""
    cache = RecordCache(tmp_path / "records.pickle")
    memo = cache.load()
    load_curation(read_sources(seed_project(tmp_path / "project")), memo)
    cache.save(memo)
    remade = []
    for cls in (ArticleMeta, PartialDate):
        real = cls.__setstate__
        monkeypatch.setattr(
            cls, "__setstate__", lambda self, state, real=real: remade.append(self) or real(self, state)
        )
    back = cache.load().known
    assert back == memo.used and any(
        isinstance(record, ArticleMeta) and record.date for record in back.values()
    )
    assert remade == []
