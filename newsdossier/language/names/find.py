"""An article's candidates: the finders run, and their names combined.

The longer names that hold a known place are already candidates (the
`takeback` step runs first); every finder here leaves them, and the known
mentions, as they are.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace

from ...models.article import Article, Candidate
from ...models.kinds import EntityType, Evidence
from ..normalize import match_key
from ..tokens import tokenize
from .combine import TRIM, checked, merged, trimmed, worth_proposing
from .learnt import adjacent
from .lexicon import Lexicon, load
from .model import model_candidates, recognizer_candidates
from .patterns import after_titles, chained, institutions, latin_names, quoted_names, tail
from .shapes import ELATIVE, NISBA, arabic, definite
from .words import INSTITUTION_ADJECTIVES


@dataclass
class Finders:
    """What the candidate finders use, loaded once per process."""

    common: Callable[[str], bool]  # a full morphology database's common words
    model: object | None = None  # ner.NameModel
    names: object | None = None  # ner.NameList of the gazetteer, the model's gazetteer feature
    recognizer: object | None = None  # camel-tools' NERecognizer
    lexicon: Lexicon = field(default_factory=load)  # word counts, places, given names


def find_names(article: Article, finders: Finders, types: dict[str, EntityType]) -> Article:
    """The article with its candidates: the model's, camel-tools', the
    patterns', combined (`combine`)."""
    text, sure = article.text, {}
    if not arabic(text):
        return article  # a Persian, Urdu or Latin-script text gets no Arabic-name candidates
    # The model reads every sentence: its word probabilities check the patterns' names.
    found = (
        model_candidates(article, finders.model, finders.names, sure, finders.lexicon)
        if finders.model is not None
        else []
    )
    if finders.recognizer is not None:
        found += recognizer_candidates(article, finders.recognizer)
    titled = after_titles(article, finders.common)
    found += [
        c for c in (checked(c, text, sure, keep=_given_name_kept(c, finders.lexicon)) for c in titled) if c
    ]
    # An institution's kind word, first qualifier and the adjectives after it
    # are a name whatever the model thinks; the model cuts what follows.
    found += [
        checked(n.candidate, text, sure, keep=kept_words(n.candidate, text, sure))
        for n in institutions(article, types)
        if not n.inside  # with a known place inside: the take-back step's (or, for an event, the place's)
    ]
    found += quoted_names(article)
    found += latin_names(article)
    words = frozenset(t.key for b in article.parsed.blocks for t in tokenize(text, b.start, b.end))
    lexicon = finders.lexicon
    combined = [
        t
        for c in merged(found)
        if (t := trimmed(c, text, sure, words, lexicon)) and worth_proposing(t, text, sure, lexicon)
    ]
    candidates = sorted([*article.candidates, *combined], key=lambda c: (c.start, c.end))
    if finders.model is not None:
        candidates = [_with_chances(c, text, sure) for c in candidates]
    return replace(article, candidates=tuple(candidates))


def _given_name_kept(found: Candidate, lexicon: Lexicon) -> int:
    """How many words of a name after a title stay whatever the model
    thinks: a person's two when it starts with a given name, which is no
    whole name after a title («وزير السياحة سفيان | تقية»; the title finder
    has vetted the second word: `patterns.family_name`); all the words of a
    body named after a person («مركز الملك عبدالله المالي»); else none."""
    words = found.key.split()
    if found.evidence & Evidence.INSTITUTION:  # a body named after a person, read by its kind word: whole
        return len(words)
    return 2 if found.type is EntityType.PERSON and len(words) > 1 and lexicon.given_name(words[0]) else 0


def _with_chances(found: Candidate, text: str, sure: dict[int, float]) -> Candidate:
    """The candidate with the model's probability of each of its words being
    a name (evidence `evidence.enough` weighs), where the model read them,
    and of the words right before and after it (`Candidate.around`)."""
    chances = [sure.get(_word_start(text, t.start)) for t in tokenize(text, found.start, found.end)]
    around = tuple(
        sure.get(_word_start(text, t.start), 0.0) if t else 0.0
        for t in adjacent(text, found.start, found.end, (found.sentence_start, found.sentence_end))
    )
    return replace(found, chances=tuple(c for c in chances if c is not None), around=around)


def _word_start(text: str, start: int) -> int:
    """Where the written word holding offset `start` begins: the model read
    «وروسيا» whole, the name is «روسيا»."""
    while start > 0 and text[start - 1].isalpha():
        start -= 1
    return start


def kept_words(found: Candidate, text: str, sure: dict[int, float]) -> int:
    """The words of an institution's name kept whatever the model thinks: its
    kind word, its first qualifier (definite, or a noun the model does not
    rule out: «مهرجان فينيسيا», but «قمة عكست») and the adjectives of
    origin, elatives and adjectives of bodies right after it («مجلس التعاون
    الخليجي»: 3; «جهاز المخابرات العامة»). Other participles («المنضب») are
    the model's to keep or cut."""
    tokens = tokenize(text, found.start, found.end)
    written = [text[t.start : t.end] for t in tokens]
    if len(tokens) < 2 or not (definite(written[1]) or sure.get(tokens[1].start, 1.0) >= TRIM):
        return 1
    kept = (
        3 if len(tokens) > 2 and chained(text, tokens, 2, 0) and sure.get(tokens[2].start, 1.0) >= TRIM else 2
    )
    while kept < len(tokens) and _qualifying(tokens[kept].key, written[kept]):
        kept += 1
    while kept < len(tokens) and (words := tail(text, tokens, kept, 0)):
        kept += words  # «للانتخابات», «لكرة القدم», «والتعليم», and the adjectives after it
        while kept < len(tokens) and _qualifying(tokens[kept].key, written[kept]):
            kept += 1
    return kept


def _qualifying(key: str, written: str) -> bool:
    """An adjective that qualifies a body's name: definite, of origin, an
    elative, or one of `INSTITUTION_ADJECTIVES`."""
    return definite(written) and bool(
        NISBA.search(key) or ELATIVE.match(key) or key in INSTITUTION_ADJECTIVES
    )


def _with_adjectives(kept: Candidate, whole: Candidate, text: str) -> Candidate:
    """An institution's name as the model cut it, and the adjectives of
    origin or elatives right after that cut which the pattern had found
    («مهرجان فينيسيا | السينمائي الدولي»)."""
    end = kept.end
    for token in tokenize(text, kept.end, whole.end):
        if not _qualifying(token.key, text[token.start : token.end]):
            break
        end = token.end
    surface = text[kept.start : end]
    return replace(kept, end=end, surface=surface, key=match_key(surface)) if end != kept.end else kept
