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

from ..inputs.curation import RecordMemo
from ..models.collector import collector_paused
from ..models.identity import code_version
from .cache import memo_bytes
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
    their slots, `cache.memo_bytes`, not by `dataclasses`' `__setstate__`)."""
    with collector_paused():
        return pickle.loads(data)


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
            replace_file(self.path, sealed(memo_bytes((_reader(), memo.used, memo.split))))
