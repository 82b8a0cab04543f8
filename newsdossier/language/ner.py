"""The named-entity model that ships with the package: a CRF trained on
ANERcorp (`ner_training`, `make model`), run offline on the CPU.

It labels each word of a sentence with ANERcorp's IOB tags (PERS, LOC, ORG,
MISC). Its features are what transfers from one news text to another: the
word's match key and its readings without proclitics (so وبوتين shares
weights with بوتين), its shape (Arabic, Latin, digits), prefixes and
suffixes, letter trigrams, the words around it, its place in the sentence,
and whether the gazetteer knows it (the model was trained with a partial,
simulated gazetteer, so it uses one without trusting it blindly).

The model file is `ner_model/anercorp.crfsuite`; its provenance and scores
are in `ner_model/anercorp.json` and the README. It is checked against the
package's record (`shipped`) before CRFsuite opens it: CRFsuite's C++ code
crashes the process on a damaged file.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from . import shipped
from .normalize import match_key, name_key
from .spelling import ARABIC_LETTER, proclitic_readings

MODEL = shipped.FOLDER / shipped.MODEL
TYPES = ("PERS", "LOC", "ORG", "MISC")
# A word labelled O that the model still gives this chance of being part of
# a name is labelled as one: recall matters more than the CRF's first choice
# for candidates the analyst reviews.
DOUBT = 0.3

_LATIN = re.compile(r"[A-Za-z]")
_DIGIT = re.compile(r"\d")


def shape(word: str) -> str:
    """Collapsed character classes: A Arabic, X/x Latin upper/lower, d digit, p other."""
    out = []
    for char in word:
        kind = (
            "A"
            if ARABIC_LETTER.match(char)
            else ("X" if char.isupper() else "x")
            if _LATIN.match(char)
            else "d"
            if char.isdigit()
            else "p"
        )
        if not out or out[-1] != kind:
            out.append(kind)
    return "".join(out) or "EMPTY"


@lru_cache(maxsize=100_000)
def _word(word: str) -> tuple[str, str, tuple[str, ...]]:
    """(match key, shape, readings without proclitics) of one word."""
    key = match_key(word).lower()
    readings = tuple(dict.fromkeys(base for _, base in proclitic_readings(key)))
    return key, shape(word), readings


class NameList:
    """Known names (name → ANERcorp type) as IOB tags over a sentence:
    the gazetteer feature of the model."""

    def __init__(self, names: dict[tuple[str, ...], str]):
        self.names = names
        self.longest = max((len(k) for k in names), default=0)
        self.first = frozenset(k[0] for k in names)

    @classmethod
    def of(cls, pairs) -> NameList:
        """From (name, type) pairs; types are ANERcorp's or the gazetteer's."""
        kinds = {"person": "PERS", "place": "LOC", "organisation": "ORG", "event": "MISC"}
        return cls({name_key(name): kinds.get(kind, kind) for name, kind in pairs if name_key(name)})

    def tags(self, keys: list[tuple[str, ...]]) -> list[str | None]:
        out: list[str | None] = [None] * len(keys)
        i = 0
        while i < len(keys):
            best = None
            for first in keys[i]:
                if first not in self.first:
                    continue
                for size in range(min(self.longest, len(keys) - i), 0, -1):
                    kind = self.names.get((first, *(k[0] for k in keys[i + 1 : i + size])))
                    if kind and (best is None or size > best[0]):
                        best = (size, kind)
                        break
            if best is None:
                i += 1
                continue
            out[i : i + best[0]] = ["B-" + best[1]] + ["I-" + best[1]] * (best[0] - 1)
            i += best[0]
        return out


@lru_cache(maxsize=100_000)
def _own(word: str) -> dict[str, object]:
    """The features of a word by itself (cached: words repeat; callers copy)."""
    key, shaped, readings = _word(word)
    features: dict[str, object] = {"bias": 1.0, "w": key, "shape": shaped, "len": str(min(len(key), 10))}
    if _DIGIT.search(key):
        features["digit"] = True
    if _LATIN.search(word):
        features["latin"] = True
        features["latin.title"] = word[:1].isupper()
    for size in (1, 2, 3):
        if len(key) > size:
            features[f"pre{size}"], features[f"suf{size}"] = key[:size], key[-size:]
    stem = readings[-1]
    features["stem"] = stem
    padded = f"<{stem}>"
    for i in range(len(padded) - 2):
        features["c3=" + padded[i : i + 3]] = 1.0
    for reading in readings:  # one namespace for every reading: وبوتين shares weights with بوتين
        features["form=" + reading] = 1.0
    return features


def sentence_features(words: list[str], names: NameList | None = None) -> list[dict[str, object]]:
    """The CRF's features for each word of a sentence."""
    infos = [_word(word) for word in words]
    known = names.tags([readings for _, _, readings in infos]) if names else [None] * len(words)
    result = []
    for i, (word, (_key, _shaped, _readings)) in enumerate(zip(words, infos)):
        features = dict(_own(word))
        features["pos"] = str(min(i, 3))
        for d in (-2, -1, 1, 2):
            j = i + d
            if 0 <= j < len(words):
                features[f"{d}:w"] = infos[j][0]
                if abs(d) == 1:
                    features[f"{d}:shape"], features[f"{d}:form"] = infos[j][1], infos[j][2][-1]
                    if known[j]:
                        features[f"{d}:gz"] = known[j]
            elif abs(d) == 1:
                features[f"{d}:w"] = "<S>" if d < 0 else "</S>"
        if known[i]:
            features["gz"], features["gz.type"] = known[i], known[i][2:]
        result.append(features)
    return result


class NameModel:
    """The trained CRF, loaded once per process."""

    def __init__(self, path: Path | None = None):
        """The shipped model (verified first), or the CRFsuite file at `path`."""
        import pycrfsuite

        path = path or shipped.verified(shipped.MODEL)
        if path is None:
            raise FileNotFoundError(f"{MODEL}: no shipped model (run `make model`)")
        self._tagger = pycrfsuite.Tagger()
        self._tagger.open(str(path))
        self._labels = frozenset(self._tagger.labels())

    def _marginal(self, label: str, position: int) -> float:
        """The probability of `label` at `position` (0 for a label the model has not learnt)."""
        return self._tagger.marginal(label, position) if label in self._labels else 0.0

    def predict_sentence(self, words: list[str], names: NameList | None = None) -> list[str]:
        return self.label_sentence(words, names)[0]

    def label_sentence(
        self, words: list[str], names: NameList | None = None
    ) -> tuple[list[str], list[float]]:
        """Each word's label, and the model's probability that it is part of a name."""
        if not words:
            return [], []
        self._tagger.set(sentence_features(words, names))
        labels = list(self._tagger.tag())
        chances = [1.0 - self._marginal("O", i) for i in range(len(words))]
        for i, chance in enumerate(chances):  # a word the model doubts, labelled as its likeliest name
            if labels[i] == "O" and chance >= DOUBT:
                kind = max(
                    TYPES,
                    key=lambda t: self._marginal(f"B-{t}", i) + self._marginal(f"I-{t}", i),
                )
                labels[i] = ("I-" if i and labels[i - 1].endswith(kind) else "B-") + kind
        return labels, chances


def shipped_model() -> Path | None:
    """The shipped model's path, verified; None when it is not there."""
    return shipped.verified(shipped.MODEL)
