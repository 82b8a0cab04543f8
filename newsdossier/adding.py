"""`build.py add FILE`: bring a new article into the dossier.

Copies the file into seeds/ byte for byte, under the seeds' naming scheme
(NNN_ + the first 16 hex digits of its SHA-256), and appends an entry for
it to dossier/articles.yaml with the summit and date proposed from its text
and comments saying what to check. The dossier is validated first, so a
broken dossier is reported before anything is written.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from .annotate import Annotator
from .candidates import summarise
from .curation import load_curation
from .errors import DossierError
from .linking import UNKNOWN_OUTLET_NAME
from .models import ArticleMeta, SourceFile
from .proposals import propose
from .sources import read_sources, utf8_text

_NUMBERED = re.compile(r"^(\d+)_")


@dataclass(frozen=True)
class Added:
    seed: str  # file name in seeds/
    entry: str  # the YAML appended to dossier/articles.yaml
    unknown_names: tuple[str, ...]


def add_article(root: Path, file: Path) -> Added:
    try:
        data = file.read_bytes()
    except OSError as error:
        raise DossierError(str(file), None, f"cannot be read: {error.strerror}") from None
    utf8_text(SourceFile(str(file), data))  # must be UTF-8 text
    sources = read_sources(root)
    curation, _ = load_curation(sources)
    digest = hashlib.sha256(data).hexdigest()
    for seed in sources.seeds:
        if seed.data == data:
            raise DossierError(str(file), None, f"already in the dossier as {seed.path}")
    numbers = [int(m.group(1)) for s in sources.seeds if (m := _NUMBERED.match(Path(s.path).name))]
    index = max(numbers, default=-1) + 1
    name = f"{index:03d}_{digest[:16]}.txt"
    taken = {m.id for m in curation.articles}
    article_id = next(f"article-{index:03d}{suffix}" for suffix in ("", *(f"-{n}" for n in range(2, 99))) if f"article-{index:03d}{suffix}" not in taken)

    meta = ArticleMeta(article_id, name, None, None, None, "", (), None, (), False, None)
    article = Annotator(curation.entities, None).make()(SourceFile(f"seeds/{name}", data), meta)
    proposal = propose(article, curation.summits)
    title = article.parsed.source_title
    entry = "\n".join(
        [
            "",
            f"# Added by `build.py add` from {file.name}: check every value.",
            f"- id: {article_id}",
            f"  source_file: {name}",
            f"  summit: {proposal.summit or 'null'}    # {'proposed: ' if proposal.summit else ''}{proposal.reason}",
            f"  date: {proposal.date.isoformat() if proposal.date else 'null'}    # {'from the text' if proposal.date else 'not found in the text'}",
            "  outlet: null    # an entity id from entities.yaml, if the publisher is there",
            f"  outlet_name: {UNKNOWN_OUTLET_NAME}    # how the page names the publisher",
            *([] if title else ["  title: عنوان للمقال    # the text has no title line of its own"]),
            "",
        ]
    )
    destination = root / "seeds" / name
    try:
        with destination.open("xb") as seed:  # never overwrite a seed
            seed.write(data)
        with (root / "dossier" / "articles.yaml").open("a", encoding="utf-8") as metadata:
            metadata.write(entry)
    except OSError as error:
        raise DossierError(str(destination), None, f"cannot add the article: {error.strerror}") from None
    unknown = tuple(s.name for s in summarise((article,)))
    return Added(name, entry, unknown)
