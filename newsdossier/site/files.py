"""Files copied into the site as they are: each published article's seed
file (byte for byte, as in seeds/, see `published_text`) and the static
assets of templates/assets/."""

from __future__ import annotations

import hashlib
from pathlib import PurePosixPath

from ..models.inputs import SourceFile
from .urls import raw_source_url

ASSETS = "templates/assets/"


def _copy(path: str, data: bytes) -> tuple[str, object, object]:
    # Made from its bytes, named by their hash (the bytes themselves would
    # make the key as long as the file).
    return (path, hashlib.sha256(data).hexdigest(), lambda: data)


UTF8_BOM = b"\xef\xbb\xbf"


def published_text(data: bytes) -> bytes:
    """A seed as published: its bytes, with a UTF-8 byte-order mark in front
    when it is UTF-8 without one. Many servers send .txt files with no
    charset, and browsers then read Arabic UTF-8 as Latin-1; the mark is
    the one signal every browser takes over its guess. A file in another
    encoding (an old saved page) is left as it is."""
    if data.startswith(UTF8_BOM) or data.isascii():
        return data
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return data
    return UTF8_BOM + data


def copied_files(
    view, seeds: tuple[SourceFile, ...], templates: tuple[SourceFile, ...]
) -> list[tuple[str, object, object]]:
    """(path, made from, how to make it) of each file copied as it is."""
    data = {PurePosixPath(s.path).name: s.data for s in seeds}
    files = []
    for article_id in view.order["articles"]:
        source_file = view.articles[article_id].meta.source_file
        files.append(_copy(raw_source_url(source_file), published_text(data[source_file])))
    for template in templates:
        if template.path.startswith(ASSETS):
            files.append(
                _copy(PurePosixPath(template.path).relative_to("templates").as_posix(), template.data)
            )
    return files
