"""Find entity mentions in clean article text.

For each content block: split it into word tokens (with their offsets),
read the first word of a possible name through the morphology segmenter
(so وبوتين and للصين are found), match the following words exactly by
match key, and keep the longest name that fits (بحر الصين الجنوبي, not
الصين). Nisba adjectives (الصينية) have no reading whose base word is a
name, so they are never mentions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .models import Article, Entity, Mention, ParsedArticle
from .morphology import Segmentation, WordSegmenter
from .normalize import key_with_offsets, name_key

# A word: letters and digits of any script, with the marks and joiners that
# sit inside Arabic words (diacritics, tatweel, ZWNJ/ZWJ). Punctuation,
# hyphens and slashes separate words.
WORD = re.compile(r"(?:[^\W_]|[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06ED\u0640\u200c\u200d])+")

# A sentence ends at . ! ? ؟ or … (and any closing quotes or brackets after
# it) followed by white space.
_SENTENCE_END = re.compile(r"(?<=[.!?؟…])[\"'”»’)\]]*\s+")


@dataclass(frozen=True)
class Token:
    start: int
    end: int
    key: str
    origins: tuple[int, ...]  # for each key character, its offset in the text


class NameIndex:
    """Every name of every entity, by the match keys of its words."""

    def __init__(self, entities: tuple[Entity, ...]):
        self.entity_by_name: dict[tuple[str, ...], str] = {}
        for entity in entities:
            for name in entity.names:
                key = name_key(name)
                if key:
                    self.entity_by_name[key] = entity.id
        self.longest = max((len(k) for k in self.entity_by_name), default=0)
        self.first_words = frozenset(k[0] for k in self.entity_by_name)


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    tokens = []
    for match in WORD.finditer(text, start, len(text) if end is None else end):
        key, origins = key_with_offsets(match.group())
        if key:
            tokens.append(Token(match.start(), match.end(), key, tuple(match.start() + o for o in origins)))
    return tokens


def sentence_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    spans, cursor = [], start
    for match in _SENTENCE_END.finditer(text, start, end):
        spans.append((cursor, match.start()))
        cursor = match.end()
    if cursor < end:
        spans.append((cursor, end))
    return spans


class Tagger:
    def __init__(self, entities: tuple[Entity, ...], segmenter: WordSegmenter):
        self.names = NameIndex(entities)
        self.segmenter = segmenter

    def first_word_readings(self, token: Token) -> tuple[Segmentation, ...]:
        # The word as written is always a reading; the analyzer adds the
        # readings with proclitics. Words the analyzer cannot read (digits,
        # Latin) are matched as written only.
        readings = {Segmentation(0, token.key, False)}
        if token.key.isalpha():
            readings.update(self.segmenter.segmentations(token.key))
        return tuple(r for r in readings if r.base_key in self.names.first_words)

    def match_at(self, text: str, tokens: list[Token], i: int) -> tuple[int, Segmentation, str] | None:
        """The longest name starting at token i: (word count, reading, entity id)."""
        best = None
        for reading in self.first_word_readings(tokens[i]):
            words = [reading.base_key]
            for j in range(i, min(i + self.names.longest, len(tokens))):
                if j > i:
                    # Names never run across punctuation: only spaces between words.
                    if text[tokens[j - 1].end : tokens[j].start].strip():
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
        for block in parsed.blocks:
            sentences = sentence_spans(text, block.start, block.end)
            tokens = tokenize(text, block.start, block.end)
            i = 0
            while i < len(tokens):
                found = self.match_at(text, tokens, i)
                if found is None:
                    i += 1
                    continue
                length, reading, entity_id = found
                first, last = tokens[i], tokens[i + length - 1]
                start, end = first.origins[reading.name_start], last.end
                surface = text[start:end]
                name_form = surface
                if reading.fused_article:
                    # للصين: show the name as الصين (the ل before it is the preposition).
                    name_form = "ال" + text[first.origins[reading.name_start + 2] : end]
                sentence = next(s for s in sentences if s[0] <= start < s[1])
                mentions.append(Mention(entity_id, start, end, surface, name_form, *sentence))
                i += length
        return Article(parsed, tuple(sorted(mentions, key=lambda m: m.start)))
