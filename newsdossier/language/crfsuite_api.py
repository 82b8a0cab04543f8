"""CRFsuite's own C API (`crfsuite.h`), reached with ctypes in the library
python-crfsuite's compiled module already holds (it exports CRFsuite's C
functions), for the tagging an analysis does on every sentence.

python-crfsuite hands CRFsuite a sentence as attribute strings: it copies
each into a C++ string, and CRFsuite looks each up in the model's
dictionary (`Tagger.set`: about 0.9 ms an article, 6,000 strings). Here a
word's attributes are looked up once, when the model first sees the word
(`Tagger.records`), and a sentence is handed as CRFsuite's own instance:
each word an item of (attribute id, value 1.0) records, those the model
knows, in the order given, which is what python-crfsuite's `Tagger.set`
builds from the strings before it calls the same `set`; `viterbi` and
`marginal_point` are the same C functions too, so the labels and chances
are the same to the bit (`ner.NameModel` checks it on a sentence before it
trusts this path, and tests check it on every seed sentence).

The functions are called without the GIL released (`PYFUNCTYPE`), as
python-crfsuite calls them, and a `Tagger` holds one sentence at a time:
one per thread, like the `NameModel` that holds it. Misused (two threads
tagging with one), it never reads or writes outside its buffers: a
sentence is set and decoded, and its chances read, under a lock, and a
chance asked at a position the sentence last tagged does not have is a
ValueError, as in python-crfsuite.
"""

from __future__ import annotations

import ctypes
import struct
import threading
import weakref
from array import array
from itertools import accumulate, chain, repeat
from operator import floordiv, mul
from pathlib import Path

# crfsuite.h's structures as a 64-bit build lays them out (`_library` refuses another).
RECORD = struct.Struct("<i4xd")  # crfsuite_attribute_t: an attribute id and its value
_INSTANCE = struct.Struct("<iiQQdi4x")  # crfsuite_instance_t: items, capacity, items*, labels*, weight, group
_BOTH_INTS = (1 << 32) + 1  # a number written as both ints of an item's first 64-bit word
_CALL = ctypes.PYFUNCTYPE(ctypes.c_int)  # arguments as given: pointers as c_void_p, never a bare int
# A word's features are looked up one by one (a call each, about 0.4 us) for the first
# words a model is asked about, then in every record of the model read at once (about
# 15 ms, 28,000 attributes): an added article's few hundred words never pay for that.
ASK_FIRST = 2_000


def _interface(*functions: str) -> type[ctypes.Structure]:
    """One of crfsuite.h's object interfaces: its internal pointer, its
    reference count, then its functions' pointers in the header's order."""
    fields = [("internal", ctypes.c_void_p), ("nref", ctypes.c_int)]
    return type(
        "Interface", (ctypes.Structure,), {"_fields_": fields + [(f, ctypes.c_void_p) for f in functions]}
    )


_MODEL = _interface("addref", "release", "get_tagger", "get_labels", "get_attrs", "dump")
_TAGGER = _interface(
    "addref", "release", "set", "length", "viterbi", "score", "lognorm", "marginal_point", "marginal_path"
)
_DICTIONARY = _interface("addref", "release", "get", "to_id", "to_string", "num", "free")


def _library() -> ctypes.CDLL | None:
    """python-crfsuite's compiled module as a C library, or None when it
    does not export CRFsuite's C API (or is not a 64-bit build)."""
    import pycrfsuite._pycrfsuite as compiled

    if ctypes.sizeof(ctypes.c_void_p) != 8:
        return None
    try:
        library = ctypes.CDLL(compiled.__file__)
        library.crfsuite_create_instance_from_file  # noqa: B018 (the symbol looked up: AttributeError if absent)
    except (OSError, AttributeError):
        return None
    return library


class _Object:
    """A CRFsuite object: its address (as C reads it) and its functions."""

    def __init__(self, address: int, interface: type[ctypes.Structure]):
        self.pointer = ctypes.c_void_p(address)
        self._table = interface.from_address(address)

    def function(self, name: str):
        return _CALL(getattr(self._table, name))

    def release(self) -> None:
        self.function("release")(self.pointer)


class Tagger:
    """A CRFsuite model opened through the C API, for tagging."""

    def __init__(self, library: ctypes.CDLL, path: Path):
        found = ctypes.c_void_p()
        if library.crfsuite_create_instance_from_file(str(path).encode(), ctypes.byref(found)) or not found:
            raise OSError(f"{path}: CRFsuite could not open the model")
        model = _Object(found.value, _MODEL)
        objects = [model]
        for name, interface in (
            ("get_tagger", _TAGGER),
            ("get_attrs", _DICTIONARY),
            ("get_labels", _DICTIONARY),
        ):
            found = ctypes.c_void_p()
            if model.function(name)(model.pointer, ctypes.byref(found)) or not found:
                raise OSError(f"{path}: CRFsuite's model has no {name[4:]}")
            objects.append(_Object(found.value, interface))
        self._tagger, attributes, labels = objects[1:]
        # Released as python-crfsuite's Tagger releases them when it closes (the model last).
        weakref.finalize(self, _release, objects[::-1])
        self._to_id = attributes.function("to_id")
        self._to_string = attributes.function("to_string")
        self._count = attributes.function("num")
        self._attributes = attributes.pointer
        self._asked, self._known = 0, None  # `records`' asks, the model's records once read whole
        self.labels = _names(labels)
        self._ids = {label: i for i, label in enumerate(self.labels)}
        self._set = self._tagger.function("set")
        self._viterbi = self._tagger.function("viterbi")
        self._marginal = self._tagger.function("marginal_point")
        self._decoding = threading.Lock()  # a sentence set and decoded together (see the docstring)
        self._length = 0  # words in the sentence last tagged: the positions a chance may be asked at
        self._chance = ctypes.c_double()
        self._chance_out = ctypes.byref(self._chance)
        self._score_out = ctypes.byref(ctypes.c_double())

    def records(self, features: tuple[str, ...]) -> bytes:
        """The features the model knows as CRFsuite's records, in order (it
        drops any other before it scores a word, as `Tagger.set` does)."""
        if self._known is None:
            self._asked += 1
            if self._asked <= ASK_FIRST:
                to_id, attributes = self._to_id, self._attributes
                ids = [to_id(attributes, feature.encode()) for feature in features]
                return b"".join([RECORD.pack(i, 1.0) for i in ids if i >= 0])
            self._known = self.every_record()
        return b"".join(filter(None, map(self._known.get, features)))  # None: not in the model

    def every_record(self) -> dict[str, bytes]:
        """Each attribute of the model, by name, as its record: read from the
        model's dictionary by id, with the calls made in C. The strings point
        into the model (its dictionary's `free` does nothing to them)."""
        size = self._count(self._attributes)
        names = (ctypes.c_char_p * size)()
        places = map(ctypes.byref, repeat(names), range(0, size * ctypes.sizeof(ctypes.c_char_p), 8))
        list(map(self._to_string, repeat(self._attributes, size), range(size), places))
        return dict(zip(map(bytes.decode, names), map(RECORD.pack, range(size), repeat(1.0))))

    def tag(self, words: list[bytes]) -> list[str]:
        """Each word's label; `words`: each word's records (`records`), joined."""
        if not words:  # (CRFsuite's decoder reads a first word)
            self._length = 0
            return []
        lengths = list(map(len, words))  # in bytes
        records = ctypes.create_string_buffer(b"".join(words))
        # Each item: its number of records (as number and capacity), then their address.
        counts = map(mul, map(floordiv, lengths, repeat(RECORD.size)), repeat(_BOTH_INTS))
        starts = accumulate(lengths[:-1], initial=ctypes.addressof(records))
        items = array("q", chain.from_iterable(zip(counts, starts)))
        instance = _INSTANCE.pack(len(words), len(words), items.buffer_info()[0], 0, 1.0, 0)
        path = (ctypes.c_int * len(words))()
        with self._decoding:
            self._set(self._tagger.pointer, instance)
            self._viterbi(self._tagger.pointer, path, self._score_out)
            self._length = len(words)
        return list(map(self.labels.__getitem__, path))

    def marginal(self, label: str, position: int) -> float:
        """The model's probability of `label` at `position` of the sentence last tagged."""
        with self._decoding:  # (the sentence not replaced meanwhile)
            if not 0 <= position < self._length:
                raise ValueError(
                    f"position {position} is not in the sentence last tagged ({self._length} words)"
                )
            self._marginal(self._tagger.pointer, self._ids[label], position, self._chance_out)
            return self._chance.value

    def marginals(self, label: str, length: int) -> list[float]:
        """The model's probability of `label` at each of the first `length` positions
        of the sentence last tagged: each written where the call is told (the calls made in C)."""
        chances = (ctypes.c_double * length)()
        places = map(ctypes.byref, repeat(chances), range(0, length * ctypes.sizeof(ctypes.c_double), 8))
        with self._decoding:  # (the sentence not replaced meanwhile)
            if length > self._length:
                raise ValueError(f"{length} positions: the sentence last tagged has {self._length} words")
            list(
                map(
                    self._marginal,
                    repeat(self._tagger.pointer, length),
                    repeat(self._ids[label]),
                    range(length),
                    places,
                )
            )
        return list(chances)


def _names(labels: _Object) -> tuple[str, ...]:
    """A label dictionary's strings, by id."""
    to_string, free, text = labels.function("to_string"), labels.function("free"), ctypes.c_char_p()
    names = []
    for i in range(labels.function("num")(labels.pointer)):
        to_string(labels.pointer, i, ctypes.byref(text))
        names.append(text.value.decode())
        free(labels.pointer, text)
    return tuple(names)


def _release(objects: list[_Object]) -> None:
    for found in objects:
        found.release()


def open_tagger(path: Path) -> Tagger | None:
    """The model at `path` through CRFsuite's C API, or None where the API is not there."""
    library = _library()
    return Tagger(library, path) if library is not None else None
