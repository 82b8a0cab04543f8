"""The analyst's notes: Markdown files attached to summits, entities,
articles and summit comparisons.

    dossier/notes/summits/<summit-id>.md
    dossier/notes/entities/<entity-id>.md
    dossier/notes/articles/<article-id>.md
    dossier/notes/comparisons/<summit-id>--<summit-id>.md

Notes are CommonMark with footnotes ([^1]) and wiki links to entities:
``[[xi-jinping]]``, ``[[شي جين بينغ]]`` (any name or alias, matched like the
tagger matches names) or ``[[xi-jinping|الرئيس الصيني]]`` with a label. Raw
HTML is not rendered. A link to an entity that does not exist is a build
error naming the file and line, found when the notes are loaded, before
anything is rendered.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import PurePosixPath

from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline
from mdit_py_plugins.footnote import footnote_plugin

from .errors import DossierError
from .models import Entity, Sources
from .normalize import name_key
from .sources import utf8_text
from .urls import entity_url

NOTE_KINDS = {"summits": "summit", "entities": "entity", "articles": "article", "comparisons": "comparison"}
WIKI_LINK = re.compile(r"\[\[([^\[\]|\n]+)(?:\|([^\[\]\n]+))?\]\]")
_FENCE = re.compile(r"^\s*(```|~~~)")


@dataclass(frozen=True)
class Note:
    kind: str  # summit, entity, article or comparison
    target: str  # the id it is attached to ("a--b" for a comparison)
    path: str
    markdown: str


class EntityResolver:
    """Finds the entity a wiki link names: by id, or by any of its names."""

    def __init__(self, entities: tuple[Entity, ...]):
        self.ids = {e.id for e in entities}
        self.by_name = {name_key(n): e.id for e in entities for n in e.names}
        self.names = {e.id: e.name_ar for e in entities}

    def resolve(self, target: str) -> str | None:
        target = target.strip()
        if target in self.ids:
            return target
        return self.by_name.get(name_key(target))


def check_wiki_links(path: str, text: str, resolver: EntityResolver, first_line: int = 1) -> None:
    """Every [[link]] in `text` names an entity; else an error at its line."""
    in_fence = False
    for offset, line in enumerate(text.split("\n")):
        if _FENCE.match(line):
            in_fence = not in_fence
            continue
        if in_fence:
            continue
        for match in WIKI_LINK.finditer(line):
            if resolver.resolve(match.group(1)) is None:
                raise DossierError(
                    path,
                    first_line + offset,
                    f"link [[{match.group(0)[2:-2]}]] names no entity: `{match.group(1).strip()}` is not an id, "
                    "name or alias in dossier/entities.yaml",
                )


def load_notes(
    sources: Sources, resolver: EntityResolver, ids: dict[str, frozenset[str]]
) -> tuple[Note, ...]:
    """Read and check every note file; `ids` maps each kind to its known ids."""
    notes = []
    for source in sources.dossier:
        parts = PurePosixPath(source.path).parts
        if len(parts) < 2 or parts[1] != "notes":
            continue
        if len(parts) != 4 or parts[2] not in NOTE_KINDS or not parts[3].endswith(".md"):
            raise DossierError(
                source.path,
                None,
                "notes go in dossier/notes/{summits,entities,articles,comparisons}/<id>.md",
            )
        kind, target = NOTE_KINDS[parts[2]], parts[3][: -len(".md")]
        known = ids[kind]
        if target not in known:
            what = {"summit": "summits.yaml", "entity": "entities.yaml", "article": "articles.yaml"}.get(kind)
            detail = f"not defined in dossier/{what}" if what else "not a pair of summit ids written a--b"
            raise DossierError(source.path, None, f"note for {kind} `{target}`, which is {detail}")
        text = utf8_text(source)
        check_wiki_links(source.path, text, resolver)
        notes.append(Note(kind, target, source.path, text))
    return tuple(sorted(notes, key=lambda n: n.path))


# ------------------------------------------------------------------ rendering


def _wiki_link_rule(resolver: EntityResolver):
    def rule(state: StateInline, silent: bool) -> bool:
        if not state.src.startswith("[[", state.pos):
            return False
        match = WIKI_LINK.match(state.src, state.pos)
        if match is None:
            return False
        entity_id = resolver.resolve(match.group(1))
        if entity_id is None:  # checked at load time; never reached for loaded notes
            return False
        if not silent:
            token = state.push("link_open", "a", 1)
            token.attrs = {"href": state.env.get("root", "") + entity_url(entity_id), "class": "entity-link"}
            text = state.push("text", "", 0)
            # The label: the one given, else the name as written in the link
            # (an id is shown as the entity's Arabic name).
            written = match.group(1).strip()
            text.content = (match.group(2) or (resolver.names[entity_id] if written == entity_id else written)).strip()
            state.push("link_close", "a", -1)
        state.pos = match.end()
        return True

    return rule


def markdown_renderer(resolver: EntityResolver) -> MarkdownIt:
    # CommonMark with raw HTML off: a note can never put markup or script
    # into a page. Footnotes from mdit-py-plugins.
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False}).use(footnote_plugin)
    md.inline.ruler.before("link", "wiki_link", _wiki_link_rule(resolver))
    return md
