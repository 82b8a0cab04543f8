"""Files copied into the site as they are: each published article's seed
file (byte for byte, as in seeds/, see `published_text`) and the static
assets of templates/assets/."""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Callable
from pathlib import Path, PurePosixPath
from typing import NamedTuple

from ..models.errors import DossierError
from ..models.inputs import SourceFile
from .urls import raw_source_url

ASSETS = "templates/assets/"


def _copy(path: str, data: bytes, prefix: bytes = b"") -> tuple[str, object, object]:
    # Made from its bytes, named by their hash (the bytes themselves would
    # make the key as long as the file). `prefix + data` is put together
    # only when the file is written: the plan holds the seed's own bytes, not
    # a second copy of every seed (34 MB at 10,000 articles).
    digest = hashlib.sha256(prefix)
    digest.update(data)
    return (path, digest.hexdigest(), (lambda: prefix + data) if prefix else (lambda: data))


UTF8_BOM = b"\xef\xbb\xbf"


def published_text(data: bytes) -> bytes:
    """A seed as published: its bytes, with a UTF-8 byte-order mark in front
    when it is UTF-8 without one. Many servers send .txt files with no
    charset, and browsers then read Arabic UTF-8 as Latin-1; the mark is
    the one signal every browser takes over its guess. A file in another
    encoding (an old saved page) is left as it is."""
    return _mark(data) + data


def _mark(data: bytes) -> bytes:
    """The byte-order mark `published_text` puts in front of a seed, or nothing."""
    if data.startswith(UTF8_BOM) or data.isascii():
        return b""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return b""
    return UTF8_BOM


class SeedCopy(NamedTuple):
    """A seed as the site copies it (`published_text`), known by the digest
    of those bytes; `read` gives them. The build does not hold every seed's
    bytes to the end (34 MB at 10,000 articles): `seed_on_disk` reads a
    seed back when its copy is written."""

    path: str  # relative to the project root
    digest: str  # sha256 of its published bytes
    read: Callable[[], bytes]  # its published bytes
    name: str  # the seed's file name (`SourceFile.name`)


def seed_in_memory(seed: SourceFile) -> SeedCopy:
    """The copy of a seed whose bytes are held."""
    path, digest, make = _copy(seed.path, seed.data, _mark(seed.data))
    return SeedCopy(path, digest, make, seed.name)


def seed_on_disk(seed: SourceFile, root: Path, digest: str | None = None) -> SeedCopy:
    """The copy of a seed read back from `root` when it is written, and
    refused if its bytes are no longer those the build analysed (an analyst
    saving over it meanwhile): a raw copy is always the text the pages
    were made from. `digest`: its copy's, when the last build recorded it
    for these bytes (`build.uptodate.SeedDigests`: the seed is not read)."""
    digest = digest or _copy(seed.path, seed.data, _mark(seed.data))[1]
    return SeedCopy(seed.path, digest, functools.partial(_read_back, root, seed.path, digest), seed.name)


def _read_back(root: Path, path: str, digest: str) -> bytes:
    try:
        data = (root / path).read_bytes()
    except OSError as error:
        raise DossierError(path, None, f"could not be read again: {error.strerror}; build again") from None
    published = published_text(data)
    if hashlib.sha256(published).hexdigest() != digest:
        raise DossierError(
            path, None, "changed while the site was being built: nothing was changed; build again"
        )
    return published


class Copied(NamedTuple):
    """The files copied as they are, each as (path, made from, how to make
    it): the articles' raw copies, one for each article in the articles'
    order (the data export pairs each with its article: `export.export_files`),
    and the assets."""

    raw: list[tuple[str, str, Callable[[], bytes]]]
    assets: list[tuple[str, object, Callable[[], bytes]]]


def copied_files(view, seeds: tuple[SourceFile | SeedCopy, ...], templates: tuple[SourceFile, ...]) -> Copied:
    """Every file copied as it is."""
    copies = [seed if isinstance(seed, SeedCopy) else seed_in_memory(seed) for seed in seeds]
    by_name = {copy.name: copy for copy in copies}
    raw = []
    for source_file in view.columns.source_files:  # in the articles' order
        copy = by_name[source_file]
        raw.append((raw_source_url(source_file), copy.digest, copy.read))  # published_text(seed)
    assets = [
        _copy(PurePosixPath(template.path).relative_to("templates").as_posix(), template.data)
        for template in templates
        if template.path.startswith(ASSETS)
    ]
    return Copied(raw, assets)
