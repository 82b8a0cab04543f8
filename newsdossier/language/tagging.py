"""Find entity mentions in clean article text.

For each content block: split it into word tokens (with their offsets),
read the first word of a possible name through the morphology segmenter
(so وبوتين and للصين are found), match the following words exactly by
match key, and keep the longest name that fits (بحر الصين الجنوبي, not
الصين). Nisba adjectives (الصينية) have no reading whose base word is a
name, so they are never mentions.
"""

from __future__ import annotations

from functools import lru_cache
from itertools import compress, count
from operator import itemgetter

from ..models.article import Article, Mention, ParsedArticle
from .gazetteer import Gazetteer
from .languages import ARABIC
from .morphology import Segmentation, WordSegmenter
from .normalize import WORD_MEMO, name_key
from .spelling import ARABIC_LETTER
from .tokens import Token, only_spaces_between, sentences, tokenize

_KEY = itemgetter(2)  # a token's match key (`Token.key`), read in C


def latin_names(gazetteer: Gazetteer) -> dict[tuple[str, ...], str]:
    """Each entity's `name_en` and Latin-script aliases, by name key: what a
    text in another language calls it. A spelling two entities share names
    neither (the gazetteer checks only the Arabic-script forms as unique)."""
    owners: dict[tuple[str, ...], set[str]] = {}
    for entity in gazetteer.entities.values():
        for name in (entity.name_en, *entity.aliases):
            key = name_key(name)
            if key and not ARABIC_LETTER.search(name):
                owners.setdefault(key, set()).add(entity.id)
    return {key: ids.pop() for key, ids in owners.items() if len(ids) == 1}


class Tagger:
    def __init__(self, gazetteer: Gazetteer, segmenter: WordSegmenter):
        self.names = gazetteer
        self.segmenter = segmenter
        self.latin = latin_names(gazetteer)
        self.latin_longest = max((len(k) for k in self.latin), default=0)
        # A function of the word's key alone, asked of every word of every
        # article: kept per distinct word (bounded: a process may read
        # ten thousand articles).
        self._readings = lru_cache(maxsize=WORD_MEMO)(self._first_word_readings)

    def latin_match_at(self, text: str, tokens: list[Token], i: int) -> tuple[int, Segmentation, str] | None:
        """The longest Latin-script name starting at token i (no proclitics)."""
        best = None
        for j in range(i, min(i + self.latin_longest, len(tokens))):
            if j > i and not only_spaces_between(text, tokens[j - 1], tokens[j]):
                break
            entity_id = self.latin.get(tuple(t.key for t in tokens[i : j + 1]))
            if entity_id is not None:
                best = (j + 1 - i, Segmentation(0, tokens[i].key, False), entity_id)
        return best

    def _first_word_readings(self, key: str) -> tuple[Segmentation, ...]:
        # The word as written is always a reading; the analyzer adds the
        # readings with proclitics. Words the analyzer cannot read (digits,
        # Latin) are matched as written only.
        readings = {Segmentation(0, key, False)}
        if key.isalpha():
            readings.update(self.segmenter.segmentations(key))
        return tuple(r for r in readings if r.base_key in self.names.first_words)

    def match_at(self, text: str, tokens: list[Token], i: int) -> tuple[int, Segmentation, str] | None:
        """The longest name starting at token i: (word count, reading, entity id)."""
        best = None
        for reading in self._readings(tokens[i].key):
            words = [reading.base_key]
            for j in range(i, min(i + self.names.longest, len(tokens))):
                if j > i:
                    # Names never run across punctuation: only spaces between words.
                    if not only_spaces_between(text, tokens[j - 1], tokens[j]):
                        break
                    words.append(tokens[j].key)
                entity_id = self.names.entity_by_name.get(tuple(words))
                if entity_id is None:
                    continue
                candidate = (len(words), reading, entity_id)
                # Longest name first; on a tie the reading that keeps more of
                # the written word, then the base key: a stable choice.
                if best is None or (candidate[0], -reading.name_start, reading.base_key) > (
                    best[0],
                    -best[1].name_start,
                    best[1].base_key,
                ):
                    best = candidate
        return best

    def tag(self, parsed: ParsedArticle) -> Article:
        text = parsed.text
        mentions = []
        arabic = parsed.language == ARABIC
        match_at = self.match_at if arabic else self.latin_match_at
        readings = self._readings
        for block in parsed.blocks:
            in_block = sentences(text, block.start, block.end)
            tokens = tokenize(text, block.start, block.end)
            # Most Arabic words begin no name (no reading of theirs is a name's first word):
            # the others found in C (`compress`), not by a Python step over every word.
            firsts = compress(count(), map(readings, map(_KEY, tokens))) if arabic else range(len(tokens))
            after = 0  # the word after the last name found: a name's words start no other
            for i in firsts:
                if i < after or (found := match_at(text, tokens, i)) is None:
                    continue
                length, reading, entity_id = found
                first, last = tokens[i], tokens[i + length - 1]
                start, end = first.origin(reading.name_start), last.end
                surface = text[start:end]
                name_form = surface
                if reading.fused_article:
                    # للصين: show the name as الصين (the ل before it is the preposition).
                    name_form = "ال" + text[first.origin(reading.name_start + 2) : end]
                mentions.append(Mention(entity_id, start, end, surface, name_form, *in_block.around(start)))
                after = i + length
        return Article(parsed, tuple(sorted(mentions, key=lambda m: m.start)))
