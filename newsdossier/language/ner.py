"""The named-entity model that ships with the package: a CRF trained on
ANERcorp (`ner_training`, `make model`), run offline on the CPU.

It labels each word of a sentence with ANERcorp's IOB tags (PERS, LOC, ORG,
MISC). Its features are what transfers from one news text to another: the
word's match key and its readings without proclitics (so وبوتين shares
weights with بوتين), its shape (Arabic, Latin, digits), prefixes and
suffixes, letter trigrams, the words around it, its place in the sentence,
whether the gazetteer knows it (the model was trained with a partial,
simulated gazetteer, so it uses one without trusting it blindly), and
whether a public list knows it as a place or a given name (`names.lexicon`:
world-cities-ar and arabic-names, the same lists in training and use), and
what the finders' word lists say it and its neighbours are (`word_classes`:
a kind of body, a title, a name particle: where a name starts and ends). A
word's readings include a bare preposition read off (بقطر → قطر) as a
feature of its own: the weights decide what it is worth.

The model file is `ner_model/anercorp.crfsuite`; its provenance and scores
are in `ner_model/anercorp.json` and the README. It is checked against the
package's record (`shipped`) before CRFsuite opens it: CRFsuite's C++ code
crashes the process on a damaged file.
"""

from __future__ import annotations

import re
import struct
from functools import lru_cache, partial
from itertools import compress, count, repeat
from operator import and_, eq, ge, itemgetter, not_, sub
from pathlib import Path
from typing import NamedTuple

from . import shipped
from .names import lexicon
from .names.lexicon import definite_nisba
from .names.words import INSTITUTIONS, NAME_PARTICLES, TITLES
from .normalize import match_key, name_key
from .spelling import ARABIC_LETTER, known_base, proclitic_readings

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


class _Word(NamedTuple):
    """One word as the model reads it: its match key, its readings without
    proclitics (the last is its stem), and its features as strings (CRFsuite
    attributes of weight 1; as UTF-8 bytes where `_model_word` made them), by
    itself and as a neighbour of another word."""

    key: str
    readings: tuple[str, ...]
    own: tuple[str | bytes, ...]
    before: tuple[str | bytes, ...]  # what it says of the word after it
    after: tuple[str | bytes, ...]  # what it says of the word before it
    two_before: str | bytes
    two_after: str | bytes


@lru_cache(maxsize=100_000)
def _word(word: str) -> _Word:
    """A word's features, computed once per word (words repeat: a news text
    uses a few thousand distinct words)."""
    key = match_key(word).lower()
    readings = tuple(dict.fromkeys(base for _, base in proclitic_readings(key)))
    stem, shaped = readings[-1], shape(word)
    # Its readings with a bare preposition read off too (بقطر → قطر): the
    # gazetteers' lookups and features of their own.
    readings = tuple(
        dict.fromkeys([*readings, *(b for _, b in proclitic_readings(key, bare_prepositions=True))])
    )
    given = any(lexicon.load().given_name(r) for r in readings)
    classes = word_classes(key)
    own = ["b", f"w:{key}", f"s:{shaped}", f"l:{min(len(key), 10)}", f"st:{stem}", *classes]
    if _DIGIT.search(key):
        own.append("d")
    if _LATIN.search(word):
        own.append("lat.t" if word[:1].isupper() else "lat")
    for size in (1, 2, 3):
        if len(key) > size:
            own += (f"p{size}:{key[:size]}", f"x{size}:{key[-size:]}")
    padded = f"<{stem}>"
    own += (f"c3:{padded[i : i + 3]}" for i in range(len(padded) - 2))
    own += (f"f:{reading}" for reading in readings)  # وبوتين shares weights with بوتين
    if given:
        own.append("gn")
    before = (
        f"-1:w:{key}",
        f"-1:s:{shaped}",
        f"-1:st:{stem}",
        *(("-1:gn",) if given else ()),
        *(f"-1:{c}" for c in classes),
    )
    after = (
        f"+1:w:{key}",
        f"+1:s:{shaped}",
        f"+1:st:{stem}",
        *(("+1:gn",) if given else ()),
        *(f"+1:{c}" for c in classes),
    )
    return _Word(key, readings, tuple(own), before, after, f"-2:w:{key}", f"+2:w:{key}")


def word_classes(key: str) -> tuple[str, ...]:
    """What the finders' word lists (`names.words`) say a word (its match key) is, as features
    of the word and of its neighbours: where a name starts and ends. A kind
    of body, place or event («بنك», «وزارة», «مطار», «بطولة»; with a proclitic
    too, «وبنك») starts one and the place after it is inside it; a title
    («الرئيس», «وزير») comes before a person; a name particle («بن», «أبو»)
    is inside one; a definite word written as an adjective of relation
    («الدوسري», «الأمريكية») ends a person's name or describes the name before it."""
    found = []
    kind = known_base(key, INSTITUTIONS)
    if kind is not None:
        found.append(f"k:{INSTITUTIONS[kind].value}")
    if key in TITLES:
        found.append("ti")
    if key in NAME_PARTICLES:
        found.append("np")
    if definite_nisba(key):
        found.append("nis")
    return tuple(found)


# The features of a word's place and of the sentence's edges, as the bytes
# CRFsuite is handed (a string is encoded again on every call).
_POSITIONS = (b"pos:0", b"pos:1", b"pos:2", b"pos:3")
_START, _END = (b"-1:w:<S>",), (b"+1:w:</S>",)
_FIRST = itemgetter(0)


class NameList:
    """Known names (name → ANERcorp type) as IOB tags over a sentence:
    the gazetteer feature of the model."""

    def __init__(self, names: dict[tuple[str, ...], str]):
        self.names = names
        # The lengths of the names each first word starts, longest first: a
        # word is tried at those lengths only, not at every length up to the
        # longest name (6,000 places run to eight words, most to one or two).
        sizes: dict[str, set[int]] = {}
        for name in names:
            sizes.setdefault(name[0], set()).add(len(name))
        self.sizes = {first: sorted(found, reverse=True) for first, found in sizes.items()}
        self._firsts = frozenset(self.sizes)

    @classmethod
    def of(cls, pairs) -> NameList:
        """From (name, type) pairs; types are ANERcorp's or the gazetteer's."""
        kinds = {"person": "PERS", "place": "LOC", "organisation": "ORG", "event": "MISC"}
        return cls({name_key(name): kinds.get(kind, kind) for name, kind in pairs if name_key(name)})

    def tags(self, keys: list[tuple[str, ...]]) -> list[str | None]:
        """Each word's IOB tag of the longest known name over it (a word by
        any of its readings, the words after it as written), else None."""
        out: list[str | None] = [None] * len(keys)
        names, sizes, end = self.names, self.sizes, 0
        written = list(map(_FIRST, keys))  # the words after a name's first, as written (in C)
        # Only the words one of whose readings starts a name are tried (about one in eight),
        # found by one set test a word run in C, not a Python loop over every word.
        for i in compress(count(), map(not_, map(self._firsts.isdisjoint, keys))):
            if i < end:
                continue  # inside the name found before: a name is tagged from its first word on
            best = None
            for first in keys[i]:
                for size in sizes.get(first, ()):
                    if size > len(keys) - i or (best is not None and size <= best[0]):
                        continue
                    kind = names.get((first, *written[i + 1 : i + size]))
                    if kind:
                        best = (size, kind)
                        break
            if best is not None:
                out[i : i + best[0]] = ["B-" + best[1]] + ["I-" + best[1]] * (best[0] - 1)
                end = i + best[0]
        return out


@lru_cache(maxsize=1)
def known_places() -> NameList | None:
    """The public list of places (`names.lexicon`) as a name list, or None without one."""
    places = lexicon.load().places
    return NameList({tuple(p.split()): "LOC" for p in places}) if places else None


def sentence_features(words: list[str], names: NameList | None = None) -> list[list[str]]:
    """The CRF's features for each word of a sentence, as CRFsuite attribute
    names: each word's own and neighbour features are made once per word
    (`_word`), and a sentence only joins them."""
    return _joined([_word(word) for word in words], names)


def _joined(infos: list[_Word], names: NameList | None) -> list[list[str | bytes]]:
    """The sentence's features from its words' (`_Word`): each word's own,
    its place, its neighbours', and the name lists' tags over the sentence,
    in that order (CRFsuite sums a word's weights in the order given)."""
    readings = [info.readings for info in infos]
    known = names.tags(readings) if names else None
    places = known_places()
    listed = places.tags(readings) if places else None
    if known is not None and not any(known):
        known = None  # no name over the sentence: no word has a gazetteer feature
    if listed is not None and not any(listed):
        listed = None
    last = len(infos) - 1
    result = []
    for i, info in enumerate(infos):
        features = [
            *info.own,
            _POSITIONS[min(i, 3)],
            *(infos[i - 1].before if i else _START),
            *(infos[i + 1].after if i < last else _END),
        ]
        if i > 1:
            features.append(infos[i - 2].two_before)
        if i < last - 1:
            features.append(infos[i + 2].two_after)
        if known is not None:
            if known[i]:
                features += _gazetteer_features(known[i])[0]
            if i and known[i - 1]:
                features += _gazetteer_features(known[i - 1])[1]
            if i < last and known[i + 1]:
                features += _gazetteer_features(known[i + 1])[2]
        if listed is not None:
            if listed[i]:
                features += _listed_features(listed[i])[0]
            if i and listed[i - 1]:
                features += _LISTED_BEFORE
            if i < last and listed[i + 1]:
                features += _LISTED_AFTER
        result.append(features)
    return result


@lru_cache(maxsize=64)  # a tag per type: a few dozen
def _gazetteer_features(tag: str) -> tuple[tuple[bytes, ...], tuple[bytes, ...], tuple[bytes, ...]]:
    """The gazetteer's IOB tag as features of its word, of the word after and of the word before."""
    return (
        (f"gz:{tag}".encode(), f"gzt:{tag[2:]}".encode()),
        (f"-1:gz:{tag}".encode(),),
        (f"+1:gz:{tag}".encode(),),
    )


@lru_cache(maxsize=64)
def _listed_features(tag: str) -> tuple[tuple[bytes, ...]]:
    """The list of places' IOB tag as a feature of its word."""
    return ((f"pl:{tag[0]}".encode(),),)


_LISTED_BEFORE, _LISTED_AFTER = (b"-1:pl",), (b"+1:pl",)


def model_attributes(model: bytes) -> frozenset[str]:
    """The attributes a CRFsuite model file has weights for: the keys of its
    attribute dictionary (a CQDB database whose offset is the tenth field of
    the file's header; its backward array gives each key's record: an id, the
    key's size with its NUL, the key). CRFsuite drops any other attribute of
    a word before it scores it (`Tagger::set`), so leaving them out before
    is the same decoding with fewer strings handed to it. Read here rather
    than through `Tagger.info()`, which dumps the whole model as text (0.26 s)."""
    base = struct.unpack_from("<I", model, 36)[0]
    magic, _, _, _, count, backward = struct.unpack_from("<4sIIIII", model, base)
    if magic != b"CQDB":
        raise ValueError("not a CRFsuite model: no attribute dictionary where its header says")
    offsets = struct.unpack_from(f"<{count}I", model, base + backward)
    view = memoryview(model)
    return frozenset(
        str(view[base + at + 8 : base + at + 7 + struct.unpack_from("<I", model, base + at + 4)[0]], "utf-8")
        for at in offsets
        if at
    )


# A process told of at least this many articles reads the model's attributes
# (`model_attributes`, 35-45 ms) to hand CRFsuite only those: 0.5-0.6 ms
# saved an article (a third of `Tagger.set`), so it pays from about 80.
FILTER_FROM = 80


class NameModel:
    """The trained CRF, loaded once per process."""

    def __init__(self, path: Path | None = None, articles: int = 1):
        """The shipped model (verified first), or the CRFsuite file at `path`;
        `articles`: how many the process is about to read (`FILTER_FROM`)."""
        import pycrfsuite

        path = path or shipped.verified(shipped.MODEL)
        if path is None:
            raise FileNotFoundError(f"{MODEL}: no shipped model (run `make model`)")
        self._tagger = pycrfsuite.Tagger()
        self._tagger.open(str(path))
        self._labels = frozenset(self._tagger.labels())
        # The name labels a doubted word may take, in the order they are tried
        # (the first likeliest wins), each with whether the model has it (one it
        # has not learnt has chance 0): made once, not per doubted word.
        self._named = tuple(
            (label, label in self._labels) for kind in TYPES for label in (f"B-{kind}", f"I-{kind}")
        )
        known = model_attributes(path.read_bytes()) if articles >= FILTER_FROM else None
        # Each word's features as handed to this model (only those it knows,
        # when `known`), once per distinct word: bounded like `_word`'s memo.
        self._word = lru_cache(maxsize=1 << 16)(partial(_model_word, known=known))

    def predict_sentence(self, words: list[str], names: NameList | None = None) -> list[str]:
        return self.label_sentence(words, names)[0]

    def label_sentence(
        self, words: list[str], names: NameList | None = None
    ) -> tuple[list[str], list[float]]:
        """Each word's label, and the model's probability that it is part of a name."""
        if not words:
            return [], []
        tagger = self._tagger
        tagger.set(_joined(list(map(self._word, words)), names))
        labels = list(tagger.tag())
        marginal = tagger.marginal
        if "O" in self._labels:  # every word's chance is read by the finders (`names.model`)
            chances = list(map(sub, repeat(1.0), map(marginal, repeat("O"), range(len(words)))))
        else:
            chances = [1.0] * len(words)
        # A word the model doubts (labelled O, a chance of a name from DOUBT), labelled as its
        # likeliest name; found in C, before any label is changed (a change below never makes
        # a word O or not O).
        doubted = map(and_, map(eq, labels, repeat("O")), map(ge, chances, repeat(DOUBT)))
        for i in list(compress(count(), doubted)):
            scores = [marginal(x, i) if known else 0.0 for x, known in self._named]
            label = self._named[scores.index(max(scores))][0]  # the first likeliest, as `max` chooses
            continues = i and labels[i - 1].endswith(label[1:])
            labels[i] = ("I" if continues and label[0] == "I" else "B") + label[1:]
            if i + 1 < len(labels) and labels[i + 1] == "B" + label[1:]:
                labels[i + 1] = "I" + label[1:]  # it starts the name after it: «رجب | طيب أردوغان»
        return labels, chances


def _model_word(word: str, known: frozenset[str] | None) -> _Word:
    """`_word`'s features of a word as handed to CRFsuite: only those in
    `known` (all when None), and as UTF-8 bytes, which python-crfsuite
    copies as they are (a string it encodes again each time: a fifth of
    `Tagger.set`). Made afresh, not through `_word`'s memo: the model's memo
    is the one that holds them in an analysis."""
    info = _word.__wrapped__(word)

    def kept(features: tuple[str, ...]) -> tuple[bytes, ...]:
        return tuple(map(str.encode, features if known is None else filter(known.__contains__, features)))

    return _Word(  # made whole: `_replace` (a Python method that pops its keywords) cost as much as `kept`
        info.key,
        info.readings,
        kept(info.own),
        kept(info.before),
        kept(info.after),
        info.two_before.encode(),
        info.two_after.encode(),
    )


def shipped_model() -> Path | None:
    """The shipped model's path, verified; None when it is not there."""
    return shipped.verified(shipped.MODEL)
