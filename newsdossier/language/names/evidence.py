"""Whether a proposed name has evidence enough to be put before the analyst.

Every candidate records what saw it (`models.kinds.Evidence`: the model,
camel-tools' recognizer, which pattern) and how sure the model was of each
of its words (`Candidate.chances`); across the dossier a name also has the
number of places a finder saw it. The review file trusts the analyst's
time: a name is proposed only with evidence that, measured, is right often
enough (README, "candidates that are names"), at the cost of some names.

The kinds of evidence:

* **the model sure**: the shipped CRF gives every word of the name a
  probability of at least 0.9 (camel-tools' recognizer, which gives none,
  counts as sure). On ANERcorp's test split (never trained or tuned on)
  the model's names held 90% right at a mean of 0.9 and 45–78% below it,
  and its names of three words or more 83% when every word is that sure
  and at most 53% when one is not;
* **a pattern**: a title or a kind of place or body before it, «، title»
  after it, an institution's kind word, quotation marks after a kind word,
  Latin script, a feature word before a known place;
* **the lexicon** (`lexicon`): a known place; at `TWO_KINDS` also a name
  whose first word is a given name, whose words the corpora never saw, or
  one of whose words they saw mostly in names (`UNSEEN` takes words never
  seen as enough for a model's name);
* **seen twice**: a finder proposed it at two places or more.

`enough` decides with one `OperatingPoint`. `TWO_KINDS` counts the kinds
above (two, or one pattern that read a kind word or a script): the build's
point for four releases. `LEARNT`, the build's now (`CHOSEN`), asks the
learnt decision (`learnt`: a logistic regression over these kinds of
evidence, the model's probabilities, the lexicon and the words around the
name, learnt from ANERcorp and AQMAR) for a chance of at least 0.65, or
0.1 for a body named by its kind word (a name camel-tools' recognizer
found, which no row of the corpora had, also with two kinds of evidence);
without the shipped weights it is `TWO_KINDS`. The others are what the bench compares it with (`--point`).
Whatever the point, a given name alone that only a model saw is a fragment
of a longer name («ابراهيم»), not a name to propose.
"""

from __future__ import annotations

from dataclasses import dataclass

from ...models.kinds import Evidence
from . import learnt
from .learnt import MODELS, SURE  # defined once, where the learnt decision's features read them too
from .lexicon import Lexicon

# Patterns that have read a kind word or a script: a name by construction.
KIND_WORD = Evidence.INSTITUTION | Evidence.QUOTED | Evidence.LATIN | Evidence.FEATURE


@dataclass(frozen=True)
class OperatingPoint:
    """How much evidence a name needs."""

    name: str
    unseen: bool  # a model's name whose words the corpora never saw needs no other evidence
    two_kinds: bool  # every name needs two kinds of evidence (or one pattern that read a kind word)
    # The learnt chance a name needs (`learnt`), with a pattern that read a kind word and without
    # one; without the shipped weights, two kinds of evidence.
    learnt: tuple[float, float] | None = None


EVERY_WORD = OperatingPoint("every-word", unseen=False, two_kinds=False)
UNSEEN = OperatingPoint("every-word-or-unseen", unseen=True, two_kinds=False)
TWO_KINDS = OperatingPoint("two-kinds", unseen=False, two_kinds=True)
# Chosen on the tuning groups of `make eval-names` (`python -m bench.candidates --sweep`): the
# most precise pair over all the groups' candidates that keeps each group at least as precise as
# `TWO_KINDS` and its names proposed within two points of the last release's build. A body named
# by its kind word needs less: the corpora tag fewer bodies than the review file wants, so the
# model learnt to doubt them.
LEARNT = OperatingPoint("learnt", unseen=False, two_kinds=True, learnt=(0.1, 0.65))
POINTS = {p.name: p for p in (EVERY_WORD, UNSEEN, TWO_KINDS, LEARNT)}
CHOSEN = LEARNT


@dataclass(frozen=True)
class Seen:
    """What a proposed name has for it, across the dossier."""

    words: tuple[str, ...]  # the match keys of its words
    evidence: Evidence  # every finder and pattern that saw it
    chances: tuple[
        float, ...
    ]  # the model's word probabilities where it was surest (none: it did not read them)
    found: int  # the places a finder saw it
    count: int = 0  # the places the dossier writes it (found, and repeated)
    type: str = ""  # its type's value (person, place, organisation, event)
    neighbours: tuple[tuple[str, str], ...] = ()  # the words before and after it where a finder saw it
    around: tuple[tuple[float, ...], ...] = ()  # the model's chances of those words being names


def enough(seen: Seen, lexicon: Lexicon, point: OperatingPoint = CHOSEN) -> bool:
    """Whether `seen` has the evidence `point` asks for (see the module's docstring)."""
    if not seen.words:
        return False
    patterns = seen.evidence & ~MODELS
    if not patterns and len(seen.words) == 1 and lexicon.given_name(seen.words[0]):
        return lexicon.place(seen.words)  # «ابراهيم» alone is part of a name; a place is a place
    proposer = learnt.load() if point.learnt is not None else None
    if proposer is not None and point.learnt is not None:
        needed = point.learnt[0] if seen.evidence & KIND_WORD else point.learnt[1]
        taken = two_kinds(seen, lexicon)
        # camel-tools' recognizer saw none of the corpora's rows (its model is not shipped): what it
        # found keeps the hand-set rule's say as well.
        return proposer.chance(seen, lexicon, taken) >= needed or (
            taken and bool(seen.evidence & Evidence.RECOGNIZER)
        )
    if point.two_kinds:
        return two_kinds(seen, lexicon)
    sure = model_sure(seen)
    if patterns or sure or lexicon.place(seen.words) or seen.found >= 2:
        return True
    return point.unseen and _unseen(seen.words, lexicon)


def two_kinds(seen: Seen, lexicon: Lexicon) -> bool:
    """Two kinds of evidence, or one pattern that read a kind word or a script."""
    patterns = seen.evidence & ~MODELS
    if patterns & KIND_WORD:
        return True
    kinds = (model_sure(seen), bool(patterns), _named(seen.words, lexicon, widely=True), seen.found >= 2)
    return sum(kinds) >= 2


def model_sure(seen: Seen) -> bool:
    """Whether the models are sure of the name: camel-tools' recognizer
    (which gives no probabilities) saw it, or the shipped model gave each
    of its words a probability of at least `SURE`."""
    if seen.evidence & Evidence.RECOGNIZER:
        return True
    return bool(seen.evidence & Evidence.MODEL) and bool(seen.chances) and min(seen.chances) >= SURE


def _unseen(words: tuple[str, ...], lexicon: Lexicon) -> bool:
    """Words the corpora never saw (a foreign name, a new body), not none."""
    return not lexicon.empty and all(w not in lexicon.words for w in words)


def _named(words: tuple[str, ...], lexicon: Lexicon, widely: bool) -> bool:
    """What the lexicon says for a name: a known place; and, `widely`, a
    given name first, words the corpora never saw, or a word they saw
    mostly in names."""
    if lexicon.place(words):
        return True
    if not widely or lexicon.empty:
        return False
    counts = [lexicon.words.get(w) for w in words]
    return (
        lexicon.given_name(words[0])
        or _unseen(words, lexicon)
        or any(c is not None and c[1] > c[0] for c in counts)
    )
