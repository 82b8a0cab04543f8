"""How the finders' names are combined into an article's candidates.

* A pattern's name is checked against the model: cut after its last word
  the model thinks may be a name («دونالد ترامب يبلغ» → «دونالد ترامب»),
  dropped where the model is sure there is none («تمت», «روسية»).
* Overlapping names become one: the model's boundaries, a pattern's type,
  every finder that saw it.
* Words no name starts or ends with are trimmed from its edges (a function
  or time word, prose such as «الزعيمان», a verb the model doubts), and so
  is a proclitic fused with the article of its first word («بالصين»,
  «والهند»).
* What is left must be worth proposing: not a function word, a dual or an
  adjective of origin («الصيني») taken for a place or a body.
"""

from __future__ import annotations

from dataclasses import replace

from ...models.article import Candidate
from ...models.kinds import CandidateSource, EntityType
from ..normalize import match_key
from ..spelling import ARTICLE, FUSED_ARTICLE, proclitic_readings
from ..tokens import Token, tokenize
from .shapes import NISBA, VERB, definite
from .words import FUNCTION_WORDS, NOT_NAMES

# Below DROP, no word of a pattern's name is a name; a pattern's name ends
# at its last word of at least TRIM.
DROP = 0.03
TRIM = 0.1


def checked(found: Candidate, text: str, sure: dict[int, float], keep: int = 0) -> Candidate | None:
    """A pattern's name as the model sees it: cut after its last word the
    model thinks may be a name, dropped if it thinks none is. The first
    `keep` words stay whatever the model thinks (an institution's kind word
    and first qualifier, «وزارة الصحة»: the model only cuts what follows)."""
    tokens = tokenize(text, found.start, found.end)
    chances = [sure.get(t.start, 1.0) for t in tokens]
    if not tokens or (not keep and max(chances) < DROP):
        return None
    sure_enough = [i for i, chance in enumerate(chances) if chance >= TRIM]
    last = max([min(keep, len(tokens)) - 1, *sure_enough, 0])
    end = tokens[last].end
    surface = text[found.start : end]
    return replace(found, end=end, surface=surface, key=match_key(surface))


def merged(found: list[Candidate]) -> list[Candidate]:
    """Overlapping candidates as one: the model's boundaries, the pattern's
    type, every finder that saw it."""
    result: list[Candidate] = []
    for item in sorted(found, key=lambda c: (c.start, -c.end)):
        if result and item.start < result[-1].end:
            previous = result[-1]
            model = next((c for c in (previous, item) if c.source & CandidateSource.NER), previous)
            typed = next((c for c in (previous, item) if c.source & CandidateSource.PATTERN), model)
            result[-1] = replace(model, type=typed.type, source=previous.source | item.source)
        else:
            result.append(item)
    return result


def edge_word(token: Token, sure: dict[int, float]) -> bool:
    """A word no name starts or ends with: a function or time word, or a
    word shaped like a verb that the model doubts is a name (سيرغي is one)."""
    return (
        token.key in FUNCTION_WORDS
        or token.key in NOT_NAMES
        or (bool(VERB.match(token.key)) and sure.get(token.start, 0.0) < 0.5)
    )


def trimmed(found: Candidate, text: str, sure: dict[int, float]) -> Candidate | None:
    """Without the words at its edges that are no part of a name, and
    without a conjunction or preposition fused with the article of its
    first word («بالصين», «والهند»)."""
    tokens = list(tokenize(text, found.start, found.end))
    while tokens and edge_word(tokens[0], sure):
        tokens.pop(0)
    while tokens and edge_word(tokens[-1], sure):
        tokens.pop()
    if not tokens:
        return None
    start, end, first = tokens[0].start, tokens[-1].end, tokens[0].key
    definite_reading = next(
        ((skipped, base) for skipped, base in proclitic_readings(first)[1:] if base.startswith(ARTICLE)), None
    )
    if definite_reading and not first.startswith(FUSED_ARTICLE) and len(definite_reading[1]) > 4:
        start = tokens[0].origin(definite_reading[0])
    surface = text[start:end]
    key = match_key(surface)
    if definite_reading and key.split()[0].startswith(FUSED_ARTICLE):  # ل + ال written لل: the name is ال…
        key = ARTICLE + key[len(FUSED_ARTICLE) :]
    return replace(found, start=start, end=end, surface=surface, key=key)


def worth_proposing(found: Candidate, text: str) -> bool:
    """Not a word of prose: a function word, a dual («الزعيمان»), or an
    adjective of origin («الصيني», «الروسية») taken for a place or body."""
    words = found.key.split()
    if (
        not words
        or len(found.key.replace(" ", "")) < 2
        or found.key in NOT_NAMES
        or found.key in FUNCTION_WORDS
    ):
        return False
    written = text[found.start : found.end]
    adjective = len(words) == 1 and definite(written) and NISBA.search(words[0])
    return not (adjective and found.type is not EntityType.PERSON)
