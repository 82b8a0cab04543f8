"""The learnt decision of what to propose: how likely a candidate is a name.

The hand-set operating points of `evidence` count kinds of evidence; each
release's rules lifted the texts they were tuned on and new text much less.
This is the same question answered by a model learnt from corpora, not from
our examples: a logistic regression over what every proposed name already
has (`features`: the CRF's word probabilities, least and mean; which
patterns saw it; its length and type; how often it is written and found;
what the lexicon says of its words, as common words or words of names; a
known place or given name; whether the hand-set rule would take it; the
kinds of word before and after it, alone and with its type; how likely the
CRF thinks those two words are names).

`make model` trains it (`analysis/proposal_training.py`) on the candidates
the finders produce on ANERcorp's training part and on AQMAR, each labelled
by whether it is exactly a gold name, and writes `ner_model/proposing.json`
(feature → weight, with its sources). `fit` is Newton's method on the
L2-penalised log-likelihood in float64, from zero weights, a fixed number of
steps, features in sorted order: the same rows give the same bytes. The
threshold the build proposes at is chosen on the tuning groups of `make
eval-names` and lives with the operating points (`evidence.LEARNT`), not in
the weights.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from typing import Protocol

from ...models.kinds import Evidence
from .. import shipped
from ..spelling import ARTICLE, known_base
from ..tokens import Token, tokenize
from .lexicon import Lexicon, definite_nisba
from .words import FUNCTION_WORDS, INSTITUTIONS, NAME_PARTICLES, TITLES

WEIGHTS = shipped.PROPOSING
SURE = 0.9  # a word probability the models are sure of (`evidence.model_sure`, and a feature here)
L2 = 1.0  # the penalty on every weight but the bias (features are 0/1 or small reals)
# A name written more often counts as written this often: the corpora's articles of 20 sentences
# write a name up to about 10 times, a dossier of hundreds of articles far more (no extrapolation).
COUNT_CAP = 10
STEPS = 25  # Newton steps: converged well before (the change in weights falls below 1e-9)
PATTERNS = (
    Evidence.TITLE,
    Evidence.APPOSITION,
    Evidence.INSTITUTION,
    Evidence.FEATURE,
    Evidence.QUOTED,
    Evidence.LATIN,
)
MODELS = Evidence.MODEL | Evidence.RECOGNIZER  # the evidence that is a model's, not a pattern's


class Candidate(Protocol):
    """What the features read of a proposed name (`evidence.Seen`)."""

    words: tuple[str, ...]
    evidence: Evidence
    chances: tuple[float, ...]
    found: int
    count: int
    type: str
    neighbours: tuple[tuple[str, str], ...]
    around: tuple[tuple[float, ...], ...]


# How far back and on a neighbour word is looked for (longer words are cut: rare, and only a feature).
REACH = 40


def adjacent(text: str, start: int, end: int, sentence: tuple[int, int]) -> tuple[Token | None, Token | None]:
    """The words right before and after a name written at text[start:end],
    in its sentence (None where punctuation, a fused proclitic or the
    sentence's edge is there instead)."""
    before = tokenize(text, max(sentence[0], start - REACH), start)
    after = tokenize(text, end, min(sentence[1], end + REACH))
    left = before[-1] if before and text[before[-1].end : start].isspace() else None
    right = after[0] if after and text[end : after[0].start].isspace() else None
    return left, right


def neighbours(text: str, start: int, end: int, sentence: tuple[int, int]) -> tuple[str, str]:
    """The match keys of the words right before and after a name (`adjacent`; "" where none)."""
    left, right = adjacent(text, start, end, sentence)
    return (left.key if left else "", right.key if right else "")


def _ratio(counts: tuple[int, int]) -> float:
    """How much more a word is seen in names than outside them (log odds, smoothed)."""
    outside, inside = counts
    return math.log((inside + 1) / (outside + 1))


def features(seen: Candidate, lexicon: Lexicon, two_kinds: bool) -> dict[str, float]:
    """The candidate's features by name (absent = 0). `two_kinds`: whether
    the hand-set rule (`evidence.TWO_KINDS`) proposes it."""
    words, chances = seen.words, seen.chances
    found: dict[str, float] = {"bias": 1.0, "two kinds of evidence": float(two_kinds)}
    if chances:
        found["model: least word"] = min(chances)
        found["model: mean"] = sum(chances) / len(chances)
        found["model: every word sure"] = float(min(chances) >= SURE)
    else:
        found["model: no probabilities"] = 1.0
    for pattern in PATTERNS:
        if seen.evidence & pattern:
            found[f"pattern: {(pattern.name or '').lower()}"] = 1.0
    if seen.evidence & Evidence.RECOGNIZER:
        found["recognizer"] = 1.0
    if not seen.evidence & ~MODELS:
        found["models alone"] = 1.0
    found[f"words: {min(len(words), 4)}"] = 1.0
    found[f"type: {seen.type or 'none'}"] = 1.0
    found["found at two places or more"] = float(seen.found >= 2)
    found["written: log count"] = math.log(1 + min(seen.count, COUNT_CAP))
    found.update(_lexical(words, lexicon))
    found.update(_context(seen.neighbours, lexicon, seen.type or "none"))
    found.update(_around(seen.around, seen.type or "none"))
    return {name: value for name, value in found.items() if value}


def _lexical(words: tuple[str, ...], lexicon: Lexicon) -> dict[str, float]:
    """What the lexicon says of the name's words."""
    if not words or lexicon.empty:
        return {"lexicon: none": 1.0}
    counts = [lexicon.words.get(w) for w in words]
    ratios = [_ratio(c) if c else 0.0 for c in counts]
    first, last = words[0], words[-1]
    return {
        "lexicon: a known place": float(lexicon.place(words)),
        "lexicon: a country": float(lexicon.country(words)),
        "lexicon: starts with a known place": float(len(words) > 1 and lexicon.place(words[:1])),
        "lexicon: a given name first": float(lexicon.given_name(first)),
        "lexicon: a given name alone": float(len(words) == 1 and lexicon.given_name(first)),
        "lexicon: no word seen": float(all(c is None for c in counts)),
        "lexicon: some word unseen": float(any(c is None for c in counts)),
        "lexicon: a word seen mostly in names": float(any(c and c[1] > c[0] for c in counts)),
        "lexicon: first word common": float(lexicon.common(first)),
        "lexicon: last word common": float(len(words) > 1 and lexicon.common(last)),
        "lexicon: last word descriptive": float(lexicon.descriptive(last)),
        "lexicon: last word of a place's origin": float(len(words) > 1 and lexicon.origin_of_a_place(last)),
        "lexicon: least name ratio": min(ratios) / 5,
        "lexicon: greatest name ratio": max(ratios) / 5,
        "shape: a definite adjective last": float(definite_nisba(last)),
        "shape: a word of two letters or fewer": float(any(len(w) <= 2 for w in words)),
    }


def _word(key: str, lexicon: Lexicon) -> str:
    """What a neighbour word is, for the features: a kind of body, a title, a
    function word, a name particle, a word the corpora saw mostly in names
    (or a given name, a place), a common word, a word they never saw."""
    if not key:
        return "edge"
    if (known_base(key, INSTITUTIONS) or key) in INSTITUTIONS:
        return "kind word"
    if key in TITLES:
        return "title"
    if key in FUNCTION_WORDS or not key.isalpha():
        return "function word or number"
    if key in NAME_PARTICLES:
        return "name particle"
    counts = lexicon.words.get(key)
    if lexicon.given_name(key) or lexicon.place((key,)) or (counts and counts[1] > counts[0]):
        return "name word"
    if lexicon.common(key):
        return "definite common word" if key.startswith(ARTICLE) else "bare common word"
    return "unseen word" if counts is None else "other word"


def _context(around: tuple[tuple[str, str], ...], lexicon: Lexicon, kind: str) -> dict[str, float]:
    """The share of the places a finder saw the name where the word before
    (after) it is of each kind (`_word`), alone and with the name's type: a
    place after a body's kind word is inside that body's name («بنك |
    الكويت»), a person after a name word is cut short («يسري | نصر الله»),
    where a body after its kind word is whole."""
    if not around:
        return {}
    found: dict[str, float] = {}
    for left, right in around:
        for side, key in (("before", left), ("after", right)):
            word = _word(key, lexicon)
            for name in (f"{side}: {word}", f"{side}: {word}, {kind}"):
                found[name] = found.get(name, 0.0) + 1.0 / len(around)
        if definite_nisba(right):
            found["after: a definite adjective"] = found.get("after: a definite adjective", 0.0) + 1 / len(
                around
            )
    return found


# The model's chance of a word next to the name being a name, in bands: some chance (0.1, as a
# definite word after a person is taken for a family name: `model.FAMILY_NAME_CHANCE`) and an even one.
AROUND_BANDS = (0.1, 0.5)


def _around(around: tuple[tuple[float, ...], ...], kind: str) -> dict[str, float]:
    """The share of the places a finder saw the name where the model gives
    the word right before (after) it at least each chance of `AROUND_BANDS`
    of being a name, alone and with the name's type: learnt from the
    corpora, a person or body whose next word the model thinks may be a
    name is likely cut short («روبرت | ويلت»), a place in a list of places
    is whole."""
    found: dict[str, float] = {}
    for chances in around:
        for side, chance in zip(("before", "after"), chances):
            for band in AROUND_BANDS:
                if chance >= band:
                    for name in (f"model: word {side} at {band}", f"model: word {side} at {band}, {kind}"):
                        found[name] = found.get(name, 0.0) + 1.0 / len(around)
    return found


@dataclass(frozen=True)
class Proposer:
    """The learnt weights: a candidate's chance of being a name."""

    weights: dict[str, float]

    def chance(self, seen: Candidate, lexicon: Lexicon, two_kinds: bool) -> float:
        score = sum(
            self.weights.get(name, 0.0) * value for name, value in features(seen, lexicon, two_kinds).items()
        )
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, score))))


@lru_cache(maxsize=1)
def load() -> Proposer | None:
    """The shipped weights (verified), or None when `make model` has not made them."""
    path = shipped.verified(WEIGHTS)
    if path is None:
        return None
    return Proposer(json.loads(path.read_text(encoding="utf-8"))["weights"])


def fit(rows: list[dict[str, float]], labels: list[bool]) -> dict[str, float]:
    """Logistic regression weights for `rows` (features by name) and their
    labels: Newton's method, L2 on all but the bias, deterministic."""
    import numpy as np

    names = sorted({name for row in rows for name in row})
    index = {name: i for i, name in enumerate(names)}
    x = np.zeros((len(rows), len(names)))
    for r, row in enumerate(rows):
        for name, value in row.items():
            x[r, index[name]] = value
    y = np.asarray(labels, dtype=float)
    penalty = np.full(len(names), L2)
    if "bias" in index:
        penalty[index["bias"]] = 0.0
    w = np.zeros(len(names))
    for _ in range(STEPS):
        p = 1.0 / (1.0 + np.exp(-np.clip(x @ w, -30, 30)))
        gradient = x.T @ (p - y) + penalty * w
        hessian = (x * (p * (1 - p))[:, None]).T @ x + np.diag(penalty + 1e-9)
        step = np.linalg.solve(hessian, gradient)
        w -= step
        if float(np.abs(step).max()) < 1e-9:
            break
    return {name: round(float(weight), 6) for name, weight in zip(names, w)}
