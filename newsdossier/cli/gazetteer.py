"""`newsdossier accept` and `newsdossier alias`: the gazetteer grown from the
candidates file, without hand-editing YAML.

* `accept NUMBER --id ID` takes entry `candidate-NUMBER` of
  reports/candidates.yaml into dossier/entities.yaml, with its spellings as
  aliases (the type, English name, Wikidata id and description can be given
  or corrected later);
* `alias ENTITY SPELLING` adds a spelling to an entity's aliases: the one
  line the candidates file suggests for a near miss.

Both hold the project's lock (one command at a time writes the analyst's
files), and write dossier/entities.yaml whole (replaced, never
half-written), only after the dossier as it would be has been loaded and
checked. The file is edited in place (`inputs/yamledit.py`): the new entry
or spelling is added, every other byte stays as the analyst wrote it.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from ..build import signals
from ..build.files import replace_file
from ..build.locks import project_lock
from ..inputs.curation import load_curation
from ..inputs.project import read_sources
from ..inputs.readers import utf8_text
from ..inputs.yamledit import append_entry, append_to_list, encoded_like
from ..inputs.yamlfile import dump_item, load_yaml
from ..language.gazetteer import check_spelling, load_gazetteer
from ..models.errors import DossierError
from ..models.inputs import SourceFile

ENTITIES = "dossier/entities.yaml"
CANDIDATES = Path("reports") / "candidates.yaml"
REBUILD = "build the dossier again to write it afresh"


def _check_and_write(root: Path, text: str, original: bytes) -> None:
    data = encoded_like(text, original)
    sources = read_sources(root)
    dossier = tuple(f for f in sources.dossier if f.path != ENTITIES) + (SourceFile(ENTITIES, data),)
    try:
        curation, _ = load_curation(replace(sources, dossier=dossier))
        load_gazetteer(curation)
    except DossierError as error:
        raise DossierError(error.path, error.line, f"{error.message} (nothing was written)") from None
    try:
        with signals.held():
            replace_file(root / ENTITIES, data)
    except OSError as error:
        raise DossierError(ENTITIES, None, f"cannot be written: {error.strerror}") from None


def _current(root: Path) -> tuple[str, bytes]:
    """The gazetteer's text and bytes."""
    try:
        data = (root / ENTITIES).read_bytes()
    except OSError as error:
        raise DossierError(ENTITIES, None, f"cannot be read: {error.strerror}") from None
    return utf8_text(SourceFile(ENTITIES, data)), data


def _candidate(root: Path, number: int) -> dict:
    """Entry `candidate-NUMBER` of the review file, which the build writes
    (and the analyst may have edited, or damaged)."""
    try:
        data = (root / CANDIDATES).read_bytes()
    except OSError:
        raise DossierError(
            str(CANDIDATES), None, "cannot be read: build the dossier first (it writes the candidates)"
        ) from None
    entries = load_yaml(SourceFile(str(CANDIDATES), data))  # not UTF-8, not YAML: an error at its line
    if entries is None:
        entries = []
    if not isinstance(entries, list):
        raise DossierError(str(CANDIDATES), None, f"is not a list of candidates: {REBUILD}")
    entry = next((e for e in entries if isinstance(e, dict) and e.get("id") == f"candidate-{number}"), None)
    if entry is None:
        raise DossierError(str(CANDIDATES), None, f"has no entry `candidate-{number}`")
    return entry


def accept_candidate(root: Path, number: int, entity_id: str, fields: dict[str, str | None]) -> str:
    """Candidate `number` into the gazetteer as `entity_id`; the entry written."""
    with project_lock(root):
        entry = _candidate(root, number)
        entry = {
            **entry,
            "id": entity_id,
            "name_en": entry.get("name_en") if entry.get("name_en") != "TODO" else entity_id,
        }
        entry["description"] = (
            "لم يُكتب وصفه بعد." if entry.get("description") == "TODO" else entry.get("description")
        )
        entry.update({k: v for k, v in fields.items() if v is not None})
        entry = {key: _plain(value) for key, value in entry.items()}
        text, original = _current(root)
        _check_and_write(root, append_entry(text, ENTITIES, entry), original)
    return dump_item(entry)


def _plain(value):
    """A value of the review file as plain Python data (no line numbers)."""
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def add_alias(root: Path, entity_id: str, spelling: str) -> str:
    """`spelling` added to the aliases of `entity_id`; the entity's aliases now."""
    with project_lock(root):
        text, original = _current(root)
        appended = append_to_list(text, ENTITIES, entity_id, "aliases", spelling, "entity")
        check_spelling(spelling, entity_id, appended.line)  # «و», «ال», «في» can never be a name
        _check_and_write(root, appended.text, original)
    return "aliases: " + dump_item(appended.items, flow=True).strip()[1:-1]
