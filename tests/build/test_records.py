"""The curation's record memo between builds (`build/records.py`): written
when more than a few records changed, read back only by the same code."""

from __future__ import annotations

import dataclasses
import gc

import pytest

from newsdossier.build import records
from newsdossier.build.cache import memo_bytes
from newsdossier.build.files import sealed
from newsdossier.build.records import RecordCache
from newsdossier.inputs.curation import RecordMemo, load_curation
from newsdossier.inputs.project import read_sources
from newsdossier.models.curation import ArticleMeta, Entity
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


def _saved_memo(tmp_path) -> tuple[RecordCache, RecordMemo]:
    cache = RecordCache(tmp_path / "records.pickle")
    memo = cache.load()
    load_curation(read_sources(seed_project(tmp_path / "project")), memo)
    cache.save(memo)
    return cache, memo


def test_the_records_are_pickled_as_columns_and_read_back_in_their_order_equal_dates_one_object(tmp_path):
    """The metas as one column per field (`records._Records`), the other
    records as they are, in the memo's order (a file's records are looked
    up in it in the file's order): read back equal, each equal date (or
    summit, outlet) one object."""
    cache, memo = _saved_memo(tmp_path)
    meta = next(r for r in memo.used.values() if isinstance(r, ArticleMeta))
    entity = next(r for r in memo.used.values() if not isinstance(r, ArticleMeta))
    used = dict(memo.used)
    for n in range(3):  # metas and entities interleaved, the metas' equal dates each their own object
        used["dossier/articles.yaml", 1000 + n, f"text {n}"] = dataclasses.replace(
            meta, id=f"extra-{n}", date=PartialDate(2024, 5, 1)
        )
        used["dossier/entities.yaml", 2000 + n, f"text {n}"] = entity
    memo.used = used
    memo.known = {}  # (every record new: worth writing)
    cache.save(memo)
    back = cache.load().known
    assert list(back.items()) == list(used.items())
    assert [type(record) for record in back.values()] == [type(record) for record in used.values()]
    extra = [back["dossier/articles.yaml", 1000 + n, f"text {n}"] for n in range(3)]
    assert extra[0].date is extra[1].date is extra[2].date == PartialDate(2024, 5, 1)


# How the pickled columns of the memo may fail to agree: never read as records.
UNEVEN = {
    "a meta's column shorter": lambda r: r._replace(metas={**r.metas, "id": r.metas["id"][:-1]}),
    "a meta's column missing": lambda r: r._replace(metas={k: v for k, v in r.metas.items() if k != "title"}),
    "a meta fewer than their places": lambda r: r._replace(
        others=tuple(None if isinstance(v, Entity) else v for v in r.others)
    ),
    "the texts shorter": lambda r: r._replace(texts=r.texts[:-1]),
    "the lines shorter": lambda r: r._replace(lines=r.lines[1:]),
    "a place fewer": lambda r: r._replace(others=r.others[:-1]),
}


@pytest.mark.parametrize("uneven", UNEVEN, ids=list(UNEVEN))
def test_a_memo_whose_columns_do_not_agree_is_not_read(tmp_path, uneven):
    cache, memo = _saved_memo(tmp_path)
    assert cache.load().known == memo.used
    columns = UNEVEN[uneven](records._Records.of(memo.used))
    payload = memo_bytes((records._reader(), columns, memo.split))
    (tmp_path / "records.pickle").write_bytes(sealed(payload))
    assert cache.load().known == {}
