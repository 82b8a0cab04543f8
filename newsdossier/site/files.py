"""Files copied into the site as they are: each published article's seed
file (byte for byte, as in seeds/) and the static assets of templates/assets/."""

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


def copied_files(view, seeds: tuple[SourceFile, ...], templates: tuple[SourceFile, ...]) -> list[tuple[str, object, object]]:
    """(path, made from, how to make it) of each file copied as it is."""
    data = {PurePosixPath(s.path).name: s.data for s in seeds}
    files = []
    for article_id in view.order["articles"]:
        source_file = view.articles[article_id].meta.source_file
        files.append(_copy(raw_source_url(source_file), data[source_file]))
    for template in templates:
        if template.path.startswith(ASSETS):
            files.append(_copy(PurePosixPath(template.path).relative_to("templates").as_posix(), template.data))
    return files
