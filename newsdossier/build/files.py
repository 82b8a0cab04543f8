"""Files beside the site: written whole or not at all (`replace_file`), a
memo's bytes sealed with their checksum (`sealed`, `unsealed`; a folder of
a lower layer's memos, `SealedFolder`), and the reports the build writes
for the analyst, never over a file of theirs.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import secrets
import struct
import zlib
from collections.abc import Iterable
from pathlib import Path

from ..models.errors import DossierError

# A sealed memo: this mark, the CRC-32 of the payload, the payload.
_SEAL = struct.Struct("<4sI")
_SEAL_MARK = b"NDS1"


def sealed(data: bytes) -> bytes:
    """`data` with its checksum before it, for `unsealed`: a memo whose
    bytes changed on disk (a bit flipped, a block of another file) is not
    read back as a memo that merely unpickles to other values."""
    return _SEAL.pack(_SEAL_MARK, zlib.crc32(data)) + data


def unsealed(raw: bytes) -> memoryview | None:
    """The payload `sealed` wrote, or None when the bytes are not what it
    wrote (another format, cut short, any byte changed)."""
    if len(raw) < _SEAL.size:
        return None
    mark, crc = _SEAL.unpack_from(raw)
    payload = memoryview(raw)[_SEAL.size :]
    return payload if mark == _SEAL_MARK and zlib.crc32(payload) == crc else None


# A frame of an append-only file (the manifest's base and delta, the seeds'
# delta): the payload's length, its SHA-256, the payload.
FRAME_LENGTH = 8
FRAME_DIGEST = 32
FRAME_OVERHEAD = FRAME_LENGTH + FRAME_DIGEST


def framed(payload: bytes) -> tuple[bytes, bytes, bytes]:
    """`payload` as a frame, in its three parts (to be written one after another)."""
    return (len(payload).to_bytes(FRAME_LENGTH, "little"), hashlib.sha256(payload).digest(), payload)


def unframed(data: bytes, at: int) -> tuple[bytes, int]:
    """The payload framed at `at` and where its frame ends; ValueError when
    it is cut short or its bytes are not those it was written with."""
    length = int.from_bytes(data[at : at + FRAME_LENGTH], "little")
    start = at + FRAME_OVERHEAD
    payload = data[start : start + length]
    if len(payload) != length or hashlib.sha256(payload).digest() != data[at + FRAME_LENGTH : start]:
        raise ValueError("an entry cut short or damaged")
    return payload, start + length


class SealedFolder:
    """Memos of a lower layer kept in `folder`, each sealed (`sealed`) and
    written whole (`replace_file`); the analysis layer's networks keep their
    layouts and sums here (`analysis.network.MemoStore`). A memo that cannot
    be read or written is absent: it only costs time."""

    def __init__(self, folder: Path):
        self.folder = folder

    def read(self, name: str) -> bytes | None:
        try:
            payload = unsealed((self.folder / name).read_bytes())
        except OSError:
            return None
        return bytes(payload) if payload is not None else None

    def write(self, name: str, data: bytes) -> None:
        with contextlib.suppress(OSError):
            replace_file(self.folder / name, sealed(data))


def replace_file(path: Path, data: bytes | Iterable[bytes]) -> None:
    """Write `path` whole or not at all: into a temporary file beside it,
    then renamed over it. `data` may come in pieces (a large file need not
    be held whole in memory). Raises OSError."""
    path.parent.mkdir(parents=True, exist_ok=True)
    # A new file of ours (never one of that name someone left there), removed
    # if the write fails or is stopped: nothing half-written stays beside
    # the analyst's files.
    # (Not mkstemp: its files are private, 0600; "x" creates with the
    # umask's permissions, as any file the tool writes.)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp")
    file = open(temporary, "xb")  # noqa: SIM115 (closed below): a name taken fails here, removing nothing
    try:
        with file:
            if isinstance(data, bytes):
                file.write(data)
            else:
                file.writelines(data)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def check_report(path: Path, first_line: str) -> None:
    """A report the build replaces must be missing or one it wrote (it
    starts with `first_line`): never the analyst's own file of that name."""
    if path.is_symlink():
        raise DossierError(
            str(path), None, "is a symbolic link: the build never writes through a link; remove it"
        )
    try:
        with path.open("rb") as file:
            head = file.read(len(first_line.encode("utf-8")))
    except FileNotFoundError:
        return
    except OSError as error:
        raise DossierError(str(path), None, f"cannot be read: {error.strerror}") from None
    if head != first_line.encode("utf-8"):
        raise DossierError(
            str(path), None, "was not written by newsdossier and the build would replace it: move it away"
        )


def write_report(path: Path, text: str) -> None:
    """A file for the analyst beside the site (not part of it), replaced whole."""
    try:
        replace_file(path, text.encode("utf-8"))
    except OSError as error:
        raise DossierError(str(path), None, f"cannot write the report: {error.strerror}") from None
