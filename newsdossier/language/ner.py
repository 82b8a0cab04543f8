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
from collections.abc import Callable
from functools import lru_cache, partial
from itertools import chain, compress, count, repeat
from operator import and_, attrgetter, eq, ge, itemgetter, not_, sub
from pathlib import Path
from typing import NamedTuple

from . import crfsuite_api, shipped
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


# A group of a word's features: attribute names, or CRFsuite's records of those a model knows.
Group = tuple[str, ...] | bytes


class _Word(NamedTuple):
    """One word as the model reads it: its match key, its readings without
    proclitics (the last is its stem), and its features in groups, by itself
    and as a neighbour of another word. A group is a tuple of CRFsuite
    attribute names (`_word`) or the records of those the model knows
    (`_model_word`): a `Form`'s groups."""

    key: str
    readings: tuple[str, ...]
    own: Group
    before: Group  # what it says of the word after it
    after: Group  # what it says of the word before it
    two_before: Group
    two_after: Group


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
    return _Word(key, readings, tuple(own), before, after, (f"-2:w:{key}",), (f"+2:w:{key}",))


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


class Form(NamedTuple):
    """How features are handed, in groups: as attribute names (training,
    python-crfsuite) or as CRFsuite's records (`crfsuite_api`); the constant
    groups (a word's place, the sentence's edges, the name lists' tags) made
    once in that form."""

    group: Callable[[tuple[str, ...]], Group]
    none: Group  # no feature
    join: Callable[[list[Group]], list[str] | bytes]  # a word's groups as the tagger takes them
    positions: tuple[Group, ...]
    start: Group  # the word before the first
    end: Group  # the word after the last
    listed_before: Group
    listed_after: Group
    # A gazetteer tag's groups: of its word, of the word after it, of the word before it.
    gazetteer: Callable[[str], tuple[Group, Group, Group]]
    listed: Callable[[str], Group]  # the list of places' tag as a group of its word


def form(group: Callable[[tuple[str, ...]], Group], join: Callable[[list[Group]], list[str] | bytes]) -> Form:
    """The form whose groups `group` makes from attribute names and `join` joins for a word."""

    @lru_cache(maxsize=64)  # a tag per type: a few dozen
    def gazetteer(tag: str) -> tuple[Group, Group, Group]:
        return group((f"gz:{tag}", f"gzt:{tag[2:]}")), group((f"-1:gz:{tag}",)), group((f"+1:gz:{tag}",))

    @lru_cache(maxsize=64)
    def listed(tag: str) -> Group:
        return group((f"pl:{tag[0]}",))

    positions = tuple(group((f"pos:{i}",)) for i in range(4))
    edges = (group(("-1:w:<S>",)), group(("+1:w:</S>",)), group(("-1:pl",)), group(("+1:pl",)))
    return Form(group, group(()), join, positions, *edges, gazetteer, listed)


NAMES = form(tuple, lambda groups: list(chain.from_iterable(groups)))  # the attribute names themselves

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
    return _joined([_word(word) for word in words], names, NAMES)


_OWN, _BEFORE, _AFTER = attrgetter("own"), attrgetter("before"), attrgetter("after")
_TWO_BEFORE, _TWO_AFTER = attrgetter("two_before"), attrgetter("two_after")


def _joined(infos: list[_Word], names: NameList | None, form: Form) -> list:
    """The sentence's features from its words' (`_Word`), in `form` (each word's joined):
    each word's own, its place, its neighbours', and the name lists' tags over
    the sentence, in that order (CRFsuite sums a word's weights in the order given).
    Made as columns, one a kind of feature, joined word by word in C (`map`, `zip`)."""
    size, none = len(infos), form.none
    columns = [
        list(map(_OWN, infos)),
        [*form.positions[:size], *repeat(form.positions[-1], size - len(form.positions))],
        [form.start, *map(_BEFORE, infos[:-1])],
        [*map(_AFTER, infos[1:]), form.end],
        [none, none, *map(_TWO_BEFORE, infos[:-2])][:size],
        [*map(_TWO_AFTER, infos[2:]), none, none][:size],
    ]
    named = _named(infos, names, form)
    if named is not None:
        columns.append(named)
    return list(map(form.join, zip(*columns)))


def _named(infos: list[_Word], names: NameList | None, form: Form) -> list[Group] | None:
    """The name lists' tags over the sentence as each word's features (its
    own tag, the tags of the words before and after it), or None where no
    word is in a name: only the words next to a tagged one are visited."""
    readings = [info.readings for info in infos]
    known = names.tags(readings) if names else None
    places = known_places()
    listed = places.tags(readings) if places else None
    if known is not None and not any(known):
        known = None  # no name over the sentence: no word has a gazetteer feature
    if listed is not None and not any(listed):
        listed = None
    if known is None and listed is None:
        return None
    last = len(infos) - 1
    column = [form.none] * len(infos)
    tagged = {t for tags in (known, listed) if tags is not None for t in compress(count(), tags)}
    for i in sorted({near for t in tagged for near in (t - 1, t, t + 1) if 0 <= near <= last}):
        groups = []
        if known is not None:
            if known[i]:
                groups.append(form.gazetteer(known[i])[0])
            if i and known[i - 1]:
                groups.append(form.gazetteer(known[i - 1])[1])
            if i < last and known[i + 1]:
                groups.append(form.gazetteer(known[i + 1])[2])
        if listed is not None:
            if listed[i]:
                groups.append(form.listed(listed[i]))
            if i and listed[i - 1]:
                groups.append(form.listed_before)
            if i < last and listed[i + 1]:
                groups.append(form.listed_after)
        column[i] = form.join(groups)
    return column


# A sentence labelled when a model is opened, both ways: the C API is used
# only where it gives python-crfsuite's labels and chances to the bit.
PROBE = ("التقى", "وزير", "الخارجية", "الروسي", "سيرغي", "لافروف", "في", "موسكو", "بحضور", "بنك", "قطر")
PROBE_NAMES = (("سيرغي لافروف", "person"), ("بنك قطر", "organisation"))  # the gazetteer's features too


class _Strings:
    """The model through python-crfsuite: the features as attribute names,
    which it copies and CRFsuite looks up for each sentence. Where
    `crfsuite_api` cannot be used; what training hands it."""

    form = NAMES

    def __init__(self, path: Path):
        import pycrfsuite

        self._tagger = pycrfsuite.Tagger()
        self._tagger.open(str(path))
        self.labels = tuple(self._tagger.labels())
        self.marginal = self._tagger.marginal

    def tag(self, words: list[list[str]]) -> list[str]:
        self._tagger.set(words)
        return list(self._tagger.tag())

    def no_name(self, length: int) -> list[float]:
        """Each word's probability of no name (label O) in the sentence last tagged."""
        return list(map(self.marginal, repeat("O"), range(length)))


class _Records:
    """The model through CRFsuite's C API (`crfsuite_api`): each word's
    features looked up once, as records, when the model first sees the word."""

    def __init__(self, tagger: crfsuite_api.Tagger):
        self.form = form(tagger.records, b"".join)
        self.labels = tagger.labels
        self.tag = tagger.tag
        self.marginal = tagger.marginal
        self.no_name = partial(tagger.marginals, "O")


class NameModel:
    """The trained CRF, loaded once per process."""

    def __init__(self, path: Path | None = None, compiled: bool = True):
        """The shipped model (verified first), or the CRFsuite file at `path`;
        through CRFsuite's C API where it can (`compiled`: the tests compare)."""
        path = path or shipped.verified(shipped.MODEL)
        if path is None:
            raise FileNotFoundError(f"{MODEL}: no shipped model (run `make model`)")
        self._use(_Strings(path))
        opened = crfsuite_api.open_tagger(path) if compiled else None
        if opened is not None:
            strings = self._probe()
            self._use(_Records(opened))
            if self._probe() != strings:
                self._use(_Strings(path))  # this library's C API is not as `crfsuite_api` reads it

    def _probe(self) -> tuple:
        """`PROBE` decoded: the tagger's own labels and every label's chance at
        every word (the labels alone can hide a broken decoder: a doubted word
        is relabelled from the chances), and the sentence's labels as given."""
        words, names = list(PROBE), NameList.of(PROBE_NAMES)
        tagger = self._tagger
        decoded = tagger.tag(_joined(list(map(self._word, words)), names, tagger.form))
        chances = [tagger.marginal(label, i) for label in tagger.labels for i in range(len(words))]
        return decoded, chances, self.label_sentence(words, names)

    def _use(self, tagger: _Strings | _Records) -> None:
        self._tagger = tagger
        self._labels = frozenset(tagger.labels)
        # The name labels a doubted word may take, in the order they are tried
        # (the first likeliest wins), each with whether the model has it (one it
        # has not learnt has chance 0): made once, not per doubted word.
        self._named = tuple(
            (label, label in self._labels) for kind in TYPES for label in (f"B-{kind}", f"I-{kind}")
        )
        # Each word's features in the tagger's form, once per distinct word: bounded like `_word`'s memo.
        self._word = lru_cache(maxsize=1 << 16)(partial(_model_word, form=tagger.form))

    @property
    def compiled(self) -> bool:
        """Whether this model tags through CRFsuite's C API."""
        return isinstance(self._tagger, _Records)

    def predict_sentence(self, words: list[str], names: NameList | None = None) -> list[str]:
        return self.label_sentence(words, names)[0]

    def label_sentence(
        self, words: list[str], names: NameList | None = None
    ) -> tuple[list[str], list[float]]:
        """Each word's label, and the model's probability that it is part of a name."""
        if not words:
            return [], []
        tagger = self._tagger
        labels = tagger.tag(_joined(list(map(self._word, words)), names, tagger.form))
        marginal = tagger.marginal
        if "O" in self._labels:  # every word's chance is read by the finders (`names.model`)
            chances = list(map(sub, repeat(1.0), tagger.no_name(len(words))))
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


def _model_word(word: str, form: Form) -> _Word:
    """`_word`'s features of a word in the groups a model's tagger takes
    (`form`). Made afresh, not through `_word`'s memo: the model's memo
    is the one that holds them in an analysis."""
    info = _word.__wrapped__(word)
    group = form.group
    return _Word(  # made whole: `_replace` (a Python method that pops its keywords) cost as much
        info.key,
        info.readings,
        group(info.own),
        group(info.before),
        group(info.after),
        group(info.two_before),
        group(info.two_after),
    )


def shipped_model() -> Path | None:
    """The shipped model's path, verified; None when it is not there."""
    return shipped.verified(shipped.MODEL)
