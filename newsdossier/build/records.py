"""The curation's records as the last build read them (`RecordMemo`), kept
in one file of the build's cache, so that a build reads and validates only
the records of dossier/articles.yaml and entities.yaml whose text changed.
It is written again only when more than a few records changed (`SLACK`).

The file names the code that read the records (the inputs and models
layers): records read by other code are read again. A memo that cannot be
read or written only costs time.
"""

from __future__ import annotations

import contextlib
import pickle
from pathlib import Path
from typing import Any, NamedTuple

from ..inputs.curation import RecordMemo
from ..models.collector import collector_paused
from ..models.curation import ArticleMeta
from ..models.identity import code_version
from .cache import as_columns, from_columns, memo_bytes
from .files import replace_file, sealed, unsealed

# Records read afresh (or left unused) that the memo is not written again
# for: the next builds read them alone again, a fraction of a millisecond each.
SLACK = 32


def _reader() -> str:
    # The build layer too: the records are pickled as the article cache
    # pickles them (`cache.memo_bytes`), remade by its code.
    return code_version("inputs", "models", "build")


def _unpickled(data: bytes):
    """`pickle.loads` with the garbage collector paused (`models.collector`):
    the memo is 10,000 records at 10,000 articles (0.13 s of CPU to read
    it; 0.07 s paused; 0.03 s with its `ArticleMeta`s remade by setting
    their slots, `cache.memo_bytes`, not by `dataclasses`' `__setstate__`;
    0.015 s as columns, `_Records`)."""
    with collector_paused():
        reader, records, splits = pickle.loads(data)
        return reader, records.known() if isinstance(records, _Records) else None, splits


class _Records(NamedTuple):
    """The memo's records as pickled: their keys (file, first line, text)
    as three columns, in the memo's order (a file's records are looked up
    in it in the file's order); the articles' `ArticleMeta`s as one column
    per field (`cache.as_columns`: each remade by setting its slots, one
    loop for all of them, equal dates one object; before, one call per
    meta and per date, half the time the memo took to read) and None in
    their places in `others`, which holds the other records as they are."""

    files: tuple[str, ...]
    lines: tuple[int, ...]
    texts: tuple[str, ...]
    metas: dict[str, tuple]
    others: tuple[Any, ...]

    @classmethod
    def of(cls, used: dict[tuple[str, int, str], Any]) -> _Records:
        keys, values = tuple(zip(*used)) or ((), (), ()), tuple(used.values())
        metas = [value for value in values if value.__class__ is ArticleMeta]
        others = tuple(None if value.__class__ is ArticleMeta else value for value in values)
        return cls(*keys, as_columns(ArticleMeta, metas), others)

    def known(self) -> dict[tuple[str, int, str], Any]:
        """The records by key; ValueError when the columns do not agree
        (`zip` would stop at the shortest)."""
        metas = from_columns(ArticleMeta, self.metas)
        if self.others.count(None) != len(metas) or len(self.others) != len(self.files):
            raise ValueError("a record memo's columns of other lengths")
        if not len(self.files) == len(self.lines) == len(self.texts):
            raise ValueError("a record memo's keys of other lengths")
        made = iter(metas)
        values = [next(made) if value is None else value for value in self.others]
        return dict(zip(zip(self.files, self.lines, self.texts), values))


class RecordCache:
    """The `RecordMemo` of the last build in one file (None: no cache, and
    no memo: every file is read whole)."""

    def __init__(self, path: Path | None):
        self.path = path

    def load(self) -> RecordMemo | None:
        if self.path is None:
            return None
        with contextlib.suppress(Exception):  # absent, damaged or of other code: read every record
            payload = unsealed(self.path.read_bytes())
            reader, known, splits = _unpickled(payload) if payload is not None else (None, None, None)
            if reader == _reader() and isinstance(known, dict) and isinstance(splits, dict):
                return RecordMemo(known, splits)
        return RecordMemo()

    def save(self, memo: RecordMemo | None) -> None:
        if self.path is None or memo is None or not memo.worth_saving(SLACK):
            return
        with contextlib.suppress(OSError):
            replace_file(self.path, sealed(memo_bytes((_reader(), _Records.of(memo.used), memo.split))))
