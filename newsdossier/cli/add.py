"""`newsdossier add FILE`: bring a new article into the dossier.

Copies the file into seeds/ byte for byte, under the seeds' naming scheme
(NNN_ + the first 16 hex digits of its SHA-256, its own suffix), and
appends an entry for it to dossier/articles.yaml with the summit and date
proposed from its text and comments saying what to check. The dossier is
validated first, so a broken dossier is reported before anything is
written; the entry is written by the YAML emitter into the file as the
analyst wrote it (`inputs/yamledit.py`), and the new articles.yaml is
loaded and checked before it replaces the old one.

All of it happens under the project's lock, the seed's number too: `add`s
run at once take turns, and each gets the next number.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass, replace
from pathlib import Path

from ..analysis.candidates import summarise
from ..analysis.linking import UNKNOWN_OUTLET_NAME
from ..build import signals
from ..build.files import replace_file
from ..build.locks import project_lock
from ..inputs.curation import load_curation
from ..inputs.project import read_sources
from ..inputs.readers import SEED_SUFFIXES, read_seed, utf8_text
from ..inputs.yamledit import append_entry, encoded_like
from ..inputs.yamlfile import comment, dump_item
from ..language.gazetteer import load_gazetteer
from ..language.proposals import Proposal, propose
from ..language.steps import ArticleAnalysis
from ..models.curation import ArticleMeta
from ..models.errors import DossierError
from ..models.inputs import SourceFile, Sources

_NUMBERED = re.compile(r"^(\d+)_")
ARTICLES = "dossier/articles.yaml"


@dataclass(frozen=True)
class Added:
    seed: str  # file name in seeds/
    entry: str  # the YAML appended to dossier/articles.yaml
    unknown_names: tuple[str, ...]


def _read_new_file(file: Path) -> bytes:
    suffix = file.suffix.lower()
    if suffix not in SEED_SUFFIXES:
        kinds = ", ".join(SEED_SUFFIXES)
        raise DossierError(str(file), None, f"is not a kind of article file the dossier reads ({kinds})")
    try:
        data = file.read_bytes()
    except OSError as error:
        raise DossierError(str(file), None, f"cannot be read: {error.strerror}") from None
    try:
        seed = read_seed(SourceFile(f"seeds/{file.name}", data))  # too large a file is refused here
    except DossierError as error:  # about the file given, which is not in seeds/ yet
        raise DossierError(str(file), error.line, error.message) from None
    if not seed.raw_text.strip():
        raise DossierError(
            str(file), None, "holds no text to add (an empty file, or a page with no article in it)"
        )
    return data


def _new_names(sources: Sources, taken_ids: set[str], file: Path, data: bytes) -> tuple[str, str, int]:
    """(seed file name, article id, number) for the new article."""
    for seed in sources.seeds:
        if seed.data == data:
            raise DossierError(str(file), None, f"already in the dossier as {seed.path}")
    numbers = [int(m.group(1)) for s in sources.seeds if (m := _NUMBERED.match(s.name))]
    index = max(numbers, default=-1) + 1
    name = f"{index:03d}_{hashlib.sha256(data).hexdigest()[:16]}{file.suffix.lower()}"
    ids = (f"article-{index:03d}{suffix}" for suffix in ("", *(f"-{n}" for n in range(2, 1000))))
    return name, next(i for i in ids if i not in taken_ids), index


def _entry(meta: ArticleMeta, proposal: Proposal, has_title: bool, site_name: str | None) -> dict:
    entry = {
        "id": meta.id,
        "source_file": meta.source_file,
        "summit": proposal.summit,
        "date": _entry_date(proposal),
        "outlet": None,
        "outlet_name": site_name or UNKNOWN_OUTLET_NAME,
    }
    if not has_title:
        entry["title"] = "عنوان للمقال"
    return entry


def _notes(origin: str, proposal: Proposal, has_title: bool, site_name: str | None) -> tuple[str, ...]:
    """The comments above the entry: what to check."""
    return (
        f"Added by `newsdossier add` from {origin}: check every value.",
        f"summit: {'proposed: ' if proposal.summit else ''}{proposal.reason}",
        _date_note(proposal),
        "outlet: an entity id from entities.yaml, if the publisher is there; "
        "outlet_name: how the page names it"
        + (" (the name the saved page gives its site)" if site_name else ""),
        *([] if has_title else ["title: the text has no title line of its own; write one"]),
    )


def _entry_date(proposal: Proposal) -> dt.date | str | None:
    """The proposed date as articles.yaml takes it: a day as a YAML date, a
    month or a year as written (`2022-02`): never a day the page did not give."""
    if proposal.date is None:
        return None
    return proposal.date.exact or proposal.date.isoformat()


def _date_note(proposal: Proposal) -> str:
    if proposal.date is None:
        return "date: not found in the text"
    if proposal.date.exact is None:
        return f"date: from the text, which gives only the {proposal.date.precision.value}"
    return "date: from the text"


def add_article(root: Path, file: Path) -> Added:
    data = _read_new_file(file)
    with project_lock(root):  # one writer of seeds/ and dossier/ at a time: the number is ours
        sources = read_sources(root)
        curation, _ = load_curation(sources)  # a broken dossier is reported before anything is written
        load_gazetteer(curation)
        name, article_id, _ = _new_names(sources, {m.id for m in curation.articles}, file, data)
        meta = ArticleMeta(article_id, name, None, None, None, "", (), None, (), False, None)
        article = ArticleAnalysis(curation.entities).make()(SourceFile(f"seeds/{name}", data), meta)
        proposal = propose(article, curation.summits)
        has_title, site_name = bool(article.parsed.source_title), article.parsed.site_name
        entry = _entry(meta, proposal, has_title, site_name)
        notes = _notes(file.name, proposal, has_title, site_name)
        current = sources.dossier_file("articles.yaml")
        new_text = append_entry(utf8_text(current) if current else "", ARTICLES, entry, notes)
        new_bytes = encoded_like(new_text, current.data if current else None)
        _check_loads(sources, name, data, new_bytes)
        _write(root, name, data, new_bytes)
    shown = "".join(comment(n) + "\n" for n in notes) + dump_item(entry)
    return Added(name, shown, tuple(s.name for s in summarise((article,))))


def _check_loads(sources: Sources, name: str, data: bytes, articles_yaml: bytes) -> None:
    """The dossier as it would be after adding: it must load, with the new
    article curated by the new entry."""
    dossier = tuple(f for f in sources.dossier if f.path != ARTICLES) + (SourceFile(ARTICLES, articles_yaml),)
    after = replace(sources, seeds=(*sources.seeds, SourceFile(f"seeds/{name}", data)), dossier=dossier)
    try:
        curation, _ = load_curation(after)
    except DossierError as error:
        raise DossierError(
            ARTICLES,
            error.line,
            f"adding the entry would break this file ({error.message}); nothing was written",
        ) from None
    if not any(m.source_file == name and m.curated for m in curation.articles):
        raise DossierError(
            ARTICLES, None, "the new entry did not load as the article's entry; nothing was written"
        )


def _write(root: Path, name: str, data: bytes, articles_yaml: bytes) -> None:
    """The seed and its entry, both or neither (a stop signal waits for
    both)."""
    destination = root / "seeds" / name
    with signals.held():
        try:
            with destination.open("xb") as seed:  # never overwrite a seed
                seed.write(data)
        except OSError as error:
            raise DossierError(str(destination), None, f"cannot add the article: {error.strerror}") from None
        try:
            replace_file(root / ARTICLES, articles_yaml)  # whole or not at all
        except OSError as error:
            destination.unlink()  # the seed we just made: leave the dossier as it was
            raise DossierError(ARTICLES, None, f"cannot add the entry: {error.strerror}") from None
