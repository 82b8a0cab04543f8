"""CRFsuite's C API through ctypes (`language/crfsuite_api.py`); that it
labels as python-crfsuite does is tested with the model (`test_ner.py`)."""

from __future__ import annotations

import contextlib
import sys

import pycrfsuite
import pytest

from newsdossier.language import crfsuite_api
from newsdossier.language.crfsuite_api import RECORD
from newsdossier.language.ner import MODEL


@pytest.fixture(scope="module")
def tagger() -> crfsuite_api.Tagger:
    opened = crfsuite_api.open_tagger(MODEL)
    assert opened is not None  # python-crfsuite's module exports CRFsuite's C API
    return opened


@pytest.fixture(scope="module")
def read_whole() -> crfsuite_api.Tagger:
    """A tagger that has read every record of the model (past its first `ASK_FIRST` words)."""
    opened = crfsuite_api.open_tagger(MODEL)
    for _ in range(crfsuite_api.ASK_FIRST + 1):
        opened.records(("b",))
    assert opened._known is not None
    return opened


def _ids(records: bytes) -> list[int]:
    return [RECORD.unpack_from(records, at)[0] for at in range(0, len(records), RECORD.size)]


def test_the_labels_are_the_models(tagger):
    python = pycrfsuite.Tagger()
    python.open(str(MODEL))
    assert tagger.labels == tuple(python.labels())


# (features, which of them the model knows: handed in their order, each with value 1.0)
FEATURES = [
    (("b", "pos:0"), [True, True]),
    (("no such attribute",), [False]),
    (("pos:1", "no such attribute", "b", "pos:1"), [True, False, True, True]),
    ((), []),
]


@pytest.mark.parametrize("features, known", FEATURES, ids=[" ".join(f) or "none" for f, _ in FEATURES])
def test_a_words_features_are_the_records_of_those_the_model_knows(tagger, read_whole, features, known):
    records = tagger.records(features)
    assert read_whole.records(features) == records  # looked up one by one, or in the model read whole
    kept = [f for f, k in zip(features, known) if k]
    assert len(records) == RECORD.size * len(kept)
    assert _ids(records) == [_ids(tagger.records((f,)))[0] for f in kept]
    assert all(RECORD.unpack_from(records, at)[1] == 1.0 for at in range(0, len(records), RECORD.size))
    assert len(set(_ids(tagger.records(("b", "pos:0", "pos:1"))))) == 3  # each its own id


def test_the_model_read_whole_gives_each_attribute_the_id_crfsuite_looks_up(monkeypatch):
    monkeypatch.setattr(crfsuite_api, "ASK_FIRST", 1 << 30)  # every feature looked up one by one
    tagger = crfsuite_api.open_tagger(MODEL)
    records = tagger.every_record()
    assert len(records) > 10_000
    assert all(tagger.records((name,)) == record for name, record in records.items())
    assert tagger._known is None


def test_a_sentence_is_tagged_as_python_crfsuite_tags_it(tagger):
    python = pycrfsuite.Tagger()
    python.open(str(MODEL))
    sentences = [
        [["b", "w:سيرغي", "pos:0"], ["b", "w:لافروف", "pos:1", "-1:w:سيرغي"], ["b", "w:في", "pos:2"]],
        [["b", "w:موسكو", "pos:0", "no such attribute"]],
        [[], ["b"]],  # a word with no feature the model knows
    ]
    for words in sentences:
        labels = tagger.tag([tagger.records(tuple(w)) for w in words])
        assert labels == python.tag(words)
        for label in tagger.labels:
            expected = [python.marginal(label, i) for i in range(len(words))]
            assert tagger.marginals(label, len(words)) == expected
            assert [tagger.marginal(label, i) for i in range(len(words))] == expected


def test_an_empty_sentence_has_no_labels_and_no_chances(tagger):
    tagger.tag([tagger.records(("b",))] * 3)
    assert tagger.tag([]) == []  # (CRFsuite's decoder would read a first word)
    with pytest.raises(ValueError):
        tagger.marginal("O", 0)


# Positions outside the sentence last tagged (two words): a ValueError, as in
# python-crfsuite, never a read outside CRFsuite's arrays.
@pytest.mark.parametrize(
    "ask",
    [lambda t: t.marginal("O", 2), lambda t: t.marginal("O", -1), lambda t: t.marginals("O", 3)],
    ids=["past the end", "negative", "too many"],
)
def test_a_chance_outside_the_sentence_is_refused(tagger, ask):
    tagger.tag([tagger.records(("b",))] * 2)
    with pytest.raises(ValueError):
        ask(tagger)
    assert len(tagger.marginals("O", 2)) == 2


def test_one_tagger_misused_by_two_threads_decodes_each_sentence_whole(tagger):
    """Each thread has its own in the build; shared, a sentence is still set
    and decoded together (each thread gets its own sentence's labels), and a
    chance asked of another thread's shorter sentence is refused: no crash."""
    import threading

    named = [["b", "w:سيرغي", "pos:0"], ["b", "w:لافروف", "pos:1", "-1:w:سيرغي"], ["b", "w:في", "pos:2"]]
    sentences = [
        [tagger.records(tuple(w)) for w in named],
        [tagger.records(("b", "w:موسكو", "pos:0"))] * 500,
    ]
    expected = [tagger.tag(words) for words in sentences]
    assert expected[0] != expected[1][:3]  # (the two sentences decode differently)
    failures = []

    def tag(words, labels):
        for _ in range(500):
            if tagger.tag(words) != labels:
                failures.append(f"labels of {len(words)} words")
            with contextlib.suppress(ValueError):  # the other thread tagged a shorter sentence meanwhile
                if not all(0.0 <= chance <= 1.0 for chance in tagger.marginals("O", len(words))):
                    failures.append(f"chances of {len(words)} words")  # read outside the sentence

    threads = [threading.Thread(target=tag, args=pair) for pair in zip(sentences, expected)]
    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # the threads take turns between any two calls
    try:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        sys.setswitchinterval(interval)
    assert failures == []
