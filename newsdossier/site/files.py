"""Files copied into the site as they are: each published article's seed
file (byte for byte, as in seeds/, see `published_text`) and the static
assets of templates/assets/."""

from __future__ import annotations

import hashlib
from pathlib import PurePosixPath

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


def copied_files(
    view, seeds: tuple[SourceFile, ...], templates: tuple[SourceFile, ...]
) -> list[tuple[str, object, object]]:
    """(path, made from, how to make it) of each file copied as it is."""
    data = {PurePosixPath(s.path).name: s.data for s in seeds}
    files = []
    for article_id in view.order["articles"]:
        source_file = view.articles[article_id].meta.source_file
        seed = data[source_file]
        files.append(_copy(raw_source_url(source_file), seed, _mark(seed)))  # published_text(seed)
    for template in templates:
        if template.path.startswith(ASSETS):
            files.append(
                _copy(PurePosixPath(template.path).relative_to("templates").as_posix(), template.data)
            )
    return files
