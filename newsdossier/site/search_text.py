"""What the search index reads of an article: its text as plain words, with
the proclitics a reader may leave off marked, and the names it mentions.

Pagefind's Arabic stemmer takes off the article ال but not the conjunctions
and prepositions written as one word with the next (و، ف، ب، ك، ل): without
help, «بوتين» does not find «وبوتين» and «الصين» does not find «والصين».
Pagefind indexes a hyphenated word as the whole word and as each part, so
the index copy writes «و-بوتين»: both spellings find it. The hyphen goes
where the tagger found a name starting inside a word, and between a
proclitic and ال; nowhere else, so that «وزير» never answers «زير».
assets/search.js takes the mark out of the excerpts shown to readers.

The names of the entities an article mentions, with their aliases, are
indexed with it, so a spelling the text does not use (شي جينبينغ for
شي جين بينغ) still finds every article that names Xi.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from ..models.article import Article
from ..models.curation import Entity
from ..models.kinds import LineKind

# The joiner Pagefind splits on; assets/search.js removes it after a 1–2
# letter proclitic (PROCLITIC_MARK there).
MARK = "-"
ARABIC_LETTER = re.compile(r"[\u0621-\u064A]")
# A word that starts with one or two proclitics and then ال: والعقوبات،
# بالصين، وللتعاون is not matched (ل before ال drops the alef).
PROCLITIC_THEN_ARTICLE = re.compile(r"(?<![\u0621-\u064A\u0640])([وفبك]|وب|فب|وك|فك)(?=ال[\u0621-\u064A]{2})")


def search_blocks(article: Article) -> list[str]:
    """The article's blocks as plain text for the index, proclitics marked.
    The title line is left out: the page's <h1> is indexed as it is."""
    starts = {
        m.start for m in article.mentions if m.start > 0 and ARABIC_LETTER.match(article.text[m.start - 1])
    }
    blocks = []
    for block in article.parsed.blocks:
        if block.kind is LineKind.TITLE:
            continue
        text = article.text[block.start : block.end]
        cuts = sorted(s - block.start for s in starts if block.start < s < block.end)
        pieces = [text[a:b] for a, b in zip([0, *cuts], [*cuts, len(text)])]
        blocks.append(PROCLITIC_THEN_ARTICLE.sub(r"\1" + MARK, MARK.join(pieces)))
    return blocks


def mentioned_names(article: Article, entities: Mapping[str, Entity]) -> list[str]:
    """Every name and alias of the entities the article mentions, by entity id."""
    names: list[str] = []
    for entity_id in sorted({m.entity_id for m in article.mentions}):
        entity = entities[entity_id]
        names.extend(dict.fromkeys((*entity.names, *((entity.name_en,) if entity.name_en else ()))))
    return names
