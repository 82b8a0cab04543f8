"""What a page is made from, recorded while it is made (as Lektor does).

Pages reach the dossier only through `Table`s: mappings that record every
key a page reads. A page is a deterministic function of what it was
declared to be made from and of what it read, so when all of those are the
same in the next build (compared by digest), its previous bytes are its
bytes: `render` reuses them. Nothing is listed by hand, so a template that
starts showing new data makes the page depend on that data by itself.

A read is named ``table:key``; ``table:*`` is a read of the whole table (a
page that iterates over it).
"""

from __future__ import annotations

import contextlib
import hashlib
from collections.abc import Callable, Iterator, Mapping

from ..models.identity import digest

ALL = "*"


class Recorder:
    def __init__(self):
        self.reads: set[str] = set()


_recorders: list[Recorder] = []  # the innermost is the page being made


@contextlib.contextmanager
def recording() -> Iterator[Recorder]:
    recorder = Recorder()
    _recorders.append(recorder)
    try:
        yield recorder
    finally:
        _recorders.pop()


def record(read: str) -> None:
    if _recorders:
        _recorders[-1].reads.add(read)


class Table(Mapping):
    """A dossier-wide table pages read from: every read is recorded."""

    def __init__(self, name: str, rows: Mapping[str, object], fingerprint: Callable[[object], str] = digest):
        self.name = name
        self._rows = dict(rows)
        self._fingerprint = fingerprint
        self._digests: dict[str, str] = {}

    def __getitem__(self, key: str):
        record(f"{self.name}:{key}")
        return self._rows[key]

    def __contains__(self, key: object) -> bool:
        record(f"{self.name}:{key}")
        return key in self._rows

    def get(self, key: str, default=None):
        record(f"{self.name}:{key}")
        return self._rows.get(key, default)

    def __iter__(self):
        record(f"{self.name}:{ALL}")
        return iter(self._rows)

    def __len__(self) -> int:
        record(f"{self.name}:{ALL}")
        return len(self._rows)

    def digest(self, key: str) -> str:
        """The digest of one row ("absent" for a missing one) or of the whole table."""
        if key not in self._digests:
            if key == ALL:
                whole = hashlib.sha256()
                for row in self._rows:
                    whole.update(f"{row}={self.digest(row)};".encode())
                self._digests[key] = whole.hexdigest()
            else:
                self._digests[key] = self._fingerprint(self._rows[key]) if key in self._rows else "absent"
        return self._digests[key]


class Tables:
    """The tables of one build by name, to compute the digest of a read.
    Tables are made through `table`, so none can be left out: a read of a
    table the next build cannot digest would keep its page from ever being
    reused, silently."""

    def __init__(self):
        self._tables: dict[str, Table] = {}

    def table(self, name: str, rows: Mapping[str, object]) -> Table:
        if name in self._tables:
            raise ValueError(f"two tables named {name!r}: a read would be ambiguous")
        self._tables[name] = made = Table(name, rows)
        return made

    def digest(self, read: str) -> str | None:
        name, _, key = read.partition(":")
        table = self._tables.get(name)
        return table.digest(key) if table is not None else None
