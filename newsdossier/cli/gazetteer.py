"""`newsdossier accept` and `newsdossier alias`: the gazetteer grown from the
candidates file, without hand-editing YAML.

* `accept NUMBER --id ID` takes entry `candidate-NUMBER` of
  reports/candidates.yaml into dossier/entities.yaml, with its spellings as
  aliases (the type, English name, Wikidata id and description can be given
  or corrected later);
* `alias ENTITY SPELLING` adds a spelling to an entity's aliases: the one
  line the candidates file suggests for a near miss.

Both write dossier/entities.yaml whole (replaced, never half-written), only
after the dossier as it would be has been loaded and checked; `alias`
changes the entity's `aliases:` line and nothing else of the file.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import yaml

from ..build.output import replace_file
from ..inputs.curation import load_curation
from ..inputs.project import read_sources
from ..inputs.readers import utf8_text
from ..inputs.yamlfile import YamlList, append_list_item, dump_list_item, load_yaml
from ..language.gazetteer import check_spelling, load_gazetteer
from ..models.errors import DossierError
from ..models.inputs import SourceFile

ENTITIES = "dossier/entities.yaml"
CANDIDATES = Path("reports") / "candidates.yaml"


def _check_and_write(root: Path, text: str) -> None:
    sources = read_sources(root)
    dossier = tuple(f for f in sources.dossier if f.path != ENTITIES) + (
        SourceFile(ENTITIES, text.encode("utf-8")),
    )
    try:
        curation, _ = load_curation(replace(sources, dossier=dossier))
        load_gazetteer(curation)
    except DossierError as error:
        raise DossierError(error.path, error.line, f"{error.message} (nothing was written)") from None
    try:
        replace_file(root / ENTITIES, text.encode("utf-8"))
    except OSError as error:
        raise DossierError(ENTITIES, None, f"cannot be written: {error.strerror}") from None


def _current(root: Path) -> str:
    try:
        return utf8_text(SourceFile(ENTITIES, (root / ENTITIES).read_bytes()))
    except OSError as error:
        raise DossierError(ENTITIES, None, f"cannot be read: {error.strerror}") from None


def accept_candidate(root: Path, number: int, entity_id: str, fields: dict[str, str | None]) -> str:
    """Candidate `number` into the gazetteer as `entity_id`; the entry written."""
    try:
        entries = yaml.safe_load((root / CANDIDATES).read_text(encoding="utf-8")) or []
    except (OSError, yaml.YAMLError):
        raise DossierError(
            str(CANDIDATES), None, "cannot be read: build the dossier first (it writes the candidates)"
        ) from None
    entry = next((e for e in entries if isinstance(e, dict) and e.get("id") == f"candidate-{number}"), None)
    if entry is None:
        raise DossierError(str(CANDIDATES), None, f"has no entry `candidate-{number}`")
    entry = {
        **entry,
        "id": entity_id,
        "name_en": entry.get("name_en") if entry.get("name_en") != "TODO" else entity_id,
    }
    entry["description"] = (
        "لم يُكتب وصفه بعد." if entry.get("description") == "TODO" else entry.get("description")
    )
    entry.update({k: v for k, v in fields.items() if v is not None})
    added = dump_list_item(entry)
    _check_and_write(root, append_list_item(_current(root), added, ENTITIES))
    return added


def add_alias(root: Path, entity_id: str, spelling: str) -> str:
    """`spelling` added to the aliases of `entity_id`; the new aliases line."""
    text = _current(root)
    entries = load_yaml(SourceFile(ENTITIES, text.encode("utf-8")))
    entry = next((e for e in entries or [] if isinstance(e, dict) and e.get("id") == entity_id), None)
    if entry is None:
        raise DossierError(ENTITIES, None, f"has no entity `{entity_id}`")
    aliases = entry.get("aliases")
    if not isinstance(aliases, YamlList) or "aliases" not in entry.key_lines:
        raise DossierError(ENTITIES, entry.line, f"entity `{entity_id}` has no `aliases:` list to add to")
    line_number = entry.key_lines["aliases"]
    check_spelling(spelling, entity_id, line_number)  # «و», «ال», «في» can never be a name
    lines = text.split("\n")
    old = lines[line_number - 1]
    if aliases and aliases.item_lines and max(aliases.item_lines) != line_number:
        raise DossierError(
            ENTITIES,
            line_number,
            f"the aliases of `{entity_id}` are a block list: add `- {spelling}` under it by hand",
        )
    indent = old[: len(old) - len(old.lstrip())]
    flow = yaml.safe_dump(
        {"aliases": [*aliases, spelling]}, allow_unicode=True, default_flow_style=True, width=10**6
    ).strip()
    lines[line_number - 1] = indent + flow[1:-1]  # `aliases: [..]` without the mapping's braces
    _check_and_write(root, "\n".join(lines))
    return lines[line_number - 1].strip()
