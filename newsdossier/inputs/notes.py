"""The analyst's notes: Markdown files attached to summits, entities,
articles and summit comparisons.

    dossier/notes/summits/<summit-id>.md
    dossier/notes/entities/<entity-id>.md
    dossier/notes/articles/<article-id>.md
    dossier/notes/comparisons/<summit-id>--<summit-id>.md

Notes are CommonMark with footnotes ([^1]) and wiki links to entities:
``[[xi-jinping]]``, ``[[شي جين بينغ]]`` or ``[[xi-jinping|الرئيس الصيني]]``;
to an article, ``[[article:ID]]``, or a line of its source text,
``[[article:ID#21]]`` (checked here: the ids are known).
Wiki links are found by the same Markdown parser that renders the notes
(`markdown_parser`), so a link inside code is neither checked nor rendered,
however the code is fenced. Which entity a link names is decided by the
gazetteer (language layer), and how it is drawn by the site.
"""

from __future__ import annotations

import re
from pathlib import PurePosixPath

from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline
from mdit_py_plugins.footnote import footnote_plugin

from ..models.curation import Note, WikiLink
from ..models.errors import DossierError
from ..models.inputs import Sources
from ..models.kinds import NoteKind
from .readers import utf8_text, without_embeddings

WIKI_LINK = re.compile(r"\[\[([^\[\]|\n]+)(?:\|([^\[\]\n]+))?\]\]")
WIKI_LINK_TOKEN = "wiki_link"


def _wiki_link_rule(state: StateInline, silent: bool) -> bool:
    if not state.src.startswith("[[", state.pos):
        return False
    match = WIKI_LINK.match(state.src, state.pos)
    if match is None:
        return False
    if not silent:
        token = state.push(WIKI_LINK_TOKEN, "", 0)
        label = (match.group(2) or "").strip()
        token.meta = {"target": match.group(1).strip(), "label": label or None, "offset": state.pos}
    state.pos = match.end()
    return True


def markdown_parser() -> MarkdownIt:
    """CommonMark with footnotes and wiki links, raw HTML off: a note can
    never put markup or script into a page."""
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False}).use(
        footnote_plugin
    )
    md.inline.ruler.before("link", WIKI_LINK_TOKEN, _wiki_link_rule)
    return md


_PARSER = markdown_parser()


def wiki_links(markdown: str, first_line: int = 1) -> tuple[WikiLink, ...]:
    """Every wiki link in `markdown` outside code, with its line (counted
    from `first_line`, the line the Markdown starts at in its file)."""
    links = []
    for token in _PARSER.parse(markdown):
        if token.type != "inline" or not token.children or token.map is None:
            continue
        for child in token.children:
            if child.type == WIKI_LINK_TOKEN:
                line = first_line + token.map[0] + token.content[: child.meta["offset"]].count("\n")
                links.append(WikiLink(child.meta["target"], child.meta["label"], line))
    return tuple(links)


def load_notes(sources: Sources, ids: dict[NoteKind, frozenset[str]]) -> tuple[Note, ...]:
    """Read every note file and check what it is attached to; `ids` maps
    each kind to its known ids."""
    folders = {kind.folder: kind for kind in NoteKind}
    notes = []
    for source in sources.dossier:
        parts = PurePosixPath(source.path).parts
        if len(parts) < 2 or parts[1] != "notes":
            continue
        if len(parts) != 4 or parts[2] not in folders or not parts[3].endswith(".md"):
            raise DossierError(
                source.path,
                None,
                "notes go in dossier/notes/{summits,entities,articles,comparisons}/<id>.md",
            )
        kind, target = folders[parts[2]], parts[3][: -len(".md")]
        if target not in ids[kind]:
            what = {
                NoteKind.SUMMIT: "summits.yaml",
                NoteKind.ENTITY: "entities.yaml",
                NoteKind.ARTICLE: "articles.yaml",
            }
            detail = (
                f"not defined in dossier/{what[kind]}"
                if kind in what
                else "not a pair of summit ids written a--b"
            )
            raise DossierError(source.path, None, f"note for {kind.value} `{target}`, which is {detail}")
        text = without_embeddings(utf8_text(source))
        links = wiki_links(text)
        check_article_links(source.path, links, ids[NoteKind.ARTICLE])
        notes.append(Note(kind, target, source.path, text, links))
    return tuple(sorted(notes, key=lambda n: n.path))


def check_article_links(path: str, links: tuple[WikiLink, ...], article_ids: frozenset[str]) -> None:
    """Every [[article:ID]] and [[article:ID#LINE]] names an article of the
    dossier (and a line by its number from 1)."""
    for link in links:
        if link.article is None:
            continue
        article_id, line = link.article
        if article_id not in article_ids:
            raise DossierError(
                path, link.line, f"link [[{link.target}]]: no article `{article_id}` in dossier/articles.yaml"
            )
        if line == 0:
            raise DossierError(
                path, link.line, f"link [[{link.target}]]: after # comes a source line number (1, 2, …)"
            )
