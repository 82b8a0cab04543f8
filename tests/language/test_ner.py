"""The shipped named-entity model, and `make model`, which trains it."""

from __future__ import annotations

import json
import math
from functools import lru_cache

import pytest

from newsdossier.language import crfsuite_api
from newsdossier.language.ner import (
    MODEL,
    NameList,
    NameModel,
    _joined,
    _word,
    known_places,
    sentence_features,
    word_classes,
)
from newsdossier.language.ner_training import main as train_main
from newsdossier.language.ner_training import scores, sentences
from newsdossier.language.normalize import match_key
from newsdossier.language.parse import parse_article
from newsdossier.language.tokens import Sentences, tokenize
from newsdossier.models.curation import ArticleMeta
from newsdossier.models.inputs import SourceFile
from tests.helpers import ROOT


def test_the_shipped_model_labels_names_offline():
    labels, chances = NameModel().label_sentence(
        ["التقى", "وزير", "الخارجية", "الروسي", "سيرغي", "لافروف", "في", "موسكو"]
    )
    assert labels[4:6] == ["B-PERS", "I-PERS"] and labels[-1] == "B-LOC"
    assert chances[4] > 0.9 and chances[0] < 0.1
    meta = json.loads(MODEL.with_suffix(".json").read_text(encoding="utf-8"))
    assert (
        meta["trained_on"].startswith("ANERcorp")
        and meta["entity_scores"]["without the gazetteer"]["micro"]["f1"] > 60
    )
    assert MODEL.stat().st_size < 5_000_000


# (word, what the finders' word lists say it is: a feature of it and of its neighbours)
WORD_CLASSES = [
    ("بنك", ("k:organisation", "ti")),  # a kind of body starts a name (and is a title of one)
    ("وبنك", ("k:organisation",)),  # with a proclitic: a kind word still, no title as written
    ("لوزارة", ("k:organisation",)),
    ("مطار", ("k:place",)),
    ("بطولة", ("k:event",)),
    ("الرئيس", ("ti",)),  # a title comes before a person
    ("وزير", ("ti",)),
    ("بن", ("np",)),  # a name particle is inside a name
    ("أبو", ("np",)),
    ("الدوسري", ("nis",)),  # a definite adjective of relation ends or follows a name
    ("الأمريكية", ("nis",)),
    ("الكويت", ()),
    ("محمد", ()),
    ("بنكهة", ()),  # a word that only starts like a kind word
    ("الدولي", ("nis",)),
]


@pytest.mark.parametrize("word, classes", WORD_CLASSES, ids=[w for w, _ in WORD_CLASSES])
def test_the_word_lists_are_features_of_the_word_and_its_neighbours(word, classes):
    assert word_classes(match_key(word)) == classes
    features = sentence_features(["قال", word, "سعيد"])
    assert all(c in features[1] for c in classes)
    assert all(f"+1:{c}" in features[0] and f"-1:{c}" in features[2] for c in classes)


def test_known_names_are_a_feature():
    names = NameList.of([("فلان الفلاني", "person")])
    words = ["وقال", "فلان", "الفلاني", "إن"]
    assert names.tags([(w,) for w in ["وقال", "فلان", "الفلاني", "ان"]]) == [None, "B-PERS", "I-PERS", None]
    assert NameModel().predict_sentence(words, names)[1:3] == ["B-PERS", "I-PERS"]


# Sentences in ANERcorp's format (`token TAG` per line, `.` ends a sentence).
SENTENCES = [
    "زار O\nأحمد B-PERS\nسعيد I-PERS\nالقاهرة B-LOC\n. O",
    "وصل O\nخالد B-PERS\nإلى O\nعمان B-LOC\n. O",
    "أعلنت O\nوزارة B-ORG\nالصحة I-ORG\nالخطة O\n. O",
    "قال O\nمحمد B-PERS\nإن O\nالأمم B-ORG\nالمتحدة I-ORG\nتدعم O\n. O",
]
CORPUS = "\n".join(SENTENCES * 1600) + "\n"  # past the 25,008 test tokens


def test_training_is_reproducible_on_a_corpus_in_anercorp_format(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.write_text(CORPUS, encoding="utf-8")
    train, test = sentences(corpus)
    assert train and test
    assert train_main([str(corpus), "--out", str(tmp_path / "one.crfsuite")]) == 0
    assert train_main([str(corpus), "--out", str(tmp_path / "two.crfsuite")]) == 0
    assert (tmp_path / "one.crfsuite").read_bytes() == (tmp_path / "two.crfsuite").read_bytes()
    report = json.loads((tmp_path / "one.json").read_text(encoding="utf-8"))
    assert report["entity_scores"]["without the gazetteer"]["micro"]["f1"] > 50
    assert (
        NameModel(tmp_path / "one.crfsuite").predict_sentence(["زار", "أحمد", "سعيد", "القاهرة"])[1]
        == "B-PERS"
    )


def test_scores_are_conlleval_entity_scores():
    gold = [["B-PERS", "I-PERS", "O", "B-LOC"]]
    assert scores(gold, gold)["micro"]["f1"] == 100.0
    assert scores(gold, [["B-PERS", "O", "O", "B-LOC"]])["micro"] == {"p": 50.0, "r": 50.0, "f1": 50.0}


# ------------------------------------------------------------ decoding


def _reference(features: list[list[str]]) -> tuple[list[str], list[float]]:
    """Viterbi labels and each word's probability of being no name (the
    marginal of O), computed in Python from the model's own weights: what
    CRFsuite's compiled tagger must give."""
    info = _weights()
    labels = sorted(info.labels)
    # An attribute handed to CRFsuite as UTF-8 bytes is the same attribute as its string.
    features = [[a.decode() if isinstance(a, bytes) else a for a in f] for f in features]
    state = [[sum(info.state_features.get((a, y), 0.0) for a in f) for y in labels] for f in features]
    trans = [[info.transitions.get((a, b), 0.0) for b in labels] for a in labels]
    best, back = list(state[0]), []
    for emitted in state[1:]:
        step = [max(range(len(labels)), key=lambda p: best[p] + trans[p][y]) for y in range(len(labels))]
        best = [best[p] + trans[p][y] + emitted[y] for y, p in enumerate(step)]
        back.append(step)
    path = [max(range(len(labels)), key=lambda y: best[y])]
    for step in reversed(back):
        path.append(step[path[-1]])
    alpha, beta = [state[0]], [[0.0] * len(labels)]
    for emitted in state[1:]:
        alpha.append(
            [
                _logsum([alpha[-1][p] + trans[p][y] for p in range(len(labels))]) + emitted[y]
                for y in range(len(labels))
            ]
        )
    for emitted in reversed(state[1:]):
        beta.insert(
            0,
            [
                _logsum([trans[y][n] + emitted[n] + beta[0][n] for n in range(len(labels))])
                for y in range(len(labels))
            ],
        )
    total = _logsum(alpha[-1])
    o = labels.index("O")
    no_name = [math.exp(a[o] + b[o] - total) for a, b in zip(alpha, beta)]
    return [labels[y] for y in reversed(path)], no_name


def _logsum(values: list[float]) -> float:
    top = max(values)
    return top + math.log(sum(math.exp(v - top) for v in values))


@lru_cache(maxsize=1)
def _weights():
    import pycrfsuite

    tagger = pycrfsuite.Tagger()
    tagger.open(str(MODEL))
    return tagger.info()


def seed_sentences() -> list[list[str]]:
    """The words of every sentence of the seed articles, as the finders read them."""
    sentences = []
    for seed in sorted((ROOT / "seeds").glob("*.txt")):
        meta = ArticleMeta("x", seed.name, None, None, None, "", (), None, (), True, None)
        parsed = parse_article(SourceFile(f"seeds/{seed.name}", seed.read_bytes()), meta)
        for block in parsed.blocks:
            for start, end in Sentences(parsed.text, block.start, block.end).spans:
                words = [parsed.text[t.start : t.end] for t in tokenize(parsed.text, start, end)]
                sentences.append(words) if words else None
    return sentences


@pytest.mark.parametrize("compiled", [True, False], ids=["C API", "python-crfsuite"])
def test_the_compiled_tagger_decodes_as_the_model_says_on_the_seed_articles(compiled):
    model = NameModel(compiled=compiled)
    assert model.compiled == compiled
    sentences = seed_sentences()
    assert len(sentences) > 100
    for words in sentences:
        labels, no_name = _reference(sentence_features(words))
        tagger = model._tagger  # its Viterbi labels, before the doubted words are labelled as names
        assert tagger.tag(_joined(list(map(model._word, words)), None, tagger.form)) == labels, " ".join(
            words
        )
        chances = model.label_sentence(words)[1]
        assert all(abs((1 - p) - c) < 1e-5 for p, c in zip(no_name, chances)), " ".join(words)  # float sums


def test_the_c_api_labels_as_python_crfsuite_to_the_bit_on_the_seed_articles():
    compiled, strings = NameModel(), NameModel(compiled=False)
    assert compiled.compiled and not strings.compiled
    names = NameList.of([("فلان الفلاني", "person"), ("موسكو", "place"), ("الأمم المتحدة", "organisation")])
    for words in seed_sentences():
        for known in (None, names):
            assert compiled.label_sentence(words, known) == strings.label_sentence(words, known), " ".join(
                words
            )


# A C API read wrongly: its chances, its decoder (every word O: the doubted words'
# relabelling from the chances would hide it in the labels given), one chance.
_TAG = crfsuite_api.Tagger.tag
BROKEN = {
    "chances": ("marginals", lambda self, label, n: [0.5] * n),
    "decoder": ("tag", lambda self, words: ["O"] * len(_TAG(self, words))),
    "one chance": ("marginal", lambda self, label, i: 0.25),
}


@pytest.mark.parametrize("method, broken", BROKEN.values(), ids=BROKEN)
def test_a_c_api_that_decodes_otherwise_is_not_used(monkeypatch, method, broken):
    words = ["التقى", "وزير", "الخارجية", "الروسي", "سيرغي", "لافروف", "في", "موسكو"]
    expected = NameModel(compiled=False).label_sentence(words)
    monkeypatch.setattr(crfsuite_api.Tagger, method, broken)
    model = NameModel()
    assert not model.compiled and model.label_sentence(words) == expected


def test_a_python_crfsuite_without_the_c_api_is_used_as_it_is(monkeypatch):
    from newsdossier.language import crfsuite_api

    words = ["التقى", "وزير", "الخارجية", "الروسي", "سيرغي", "لافروف", "في", "موسكو"]
    expected = NameModel(compiled=False).label_sentence(words)
    monkeypatch.setattr(crfsuite_api, "_library", lambda: None)  # a build that does not export the C API
    model = NameModel()
    assert not model.compiled and model.label_sentence(words) == expected


def _one_by_one(words: list[str], names: NameList | None) -> list[list[str]]:
    """The features word by word, in the order training reads them: its own, its place,
    the words around it, then the name lists' tags (the gazetteer's, then the places')."""
    infos, result = [_word(w) for w in words], []
    readings = [info.readings for info in infos]
    known = names.tags(readings) if names else [None] * len(words)
    listed = known_places().tags(readings)
    for i, info in enumerate(infos):
        features = [*info.own, f"pos:{min(i, 3)}"]
        features += infos[i - 1].before if i else ["-1:w:<S>"]
        features += infos[i + 1].after if i + 1 < len(infos) else ["+1:w:</S>"]
        features += infos[i - 2].two_before if i > 1 else []
        features += infos[i + 2].two_after if i + 2 < len(infos) else []
        for tag, at in (
            (known[i], ""),
            (i and known[i - 1], "-1:"),
            (i + 1 < len(infos) and known[i + 1], "+1:"),
        ):
            features += ([f"gz:{tag}", f"gzt:{tag[2:]}"] if not at else [f"{at}gz:{tag}"]) if tag else []
        features += [f"pl:{listed[i][0]}"] if listed[i] else []
        features += ["-1:pl"] if i and listed[i - 1] else []
        features += ["+1:pl"] if i + 1 < len(infos) and listed[i + 1] else []
        result.append(features)
    return result


# (a sentence: short ones, and names and places at its ends and in its middle)
JOINED = [
    "موسكو",
    "زار موسكو",
    "فلان الفلاني زار",
    "قال فلان الفلاني في موسكو",
    "زار وزير الخارجية الروسي القاهرة ثم عاد إلى موسكو مع فلان الفلاني",
    "التقى وزير الخارجية الروسي سيرغي لافروف",
]


@pytest.mark.parametrize("sentence", JOINED)
def test_a_sentences_features_are_joined_as_training_reads_them_word_by_word(sentence):
    names = NameList.of([("فلان الفلاني", "person"), ("الخارجية الروسي", "organisation")])
    for known in (None, names):
        assert sentence_features(sentence.split(), known) == _one_by_one(sentence.split(), known)
    model = NameModel()
    records = _joined(list(map(model._word, sentence.split())), names, model._tagger.form)
    assert records == [model._tagger.form.group(tuple(f)) for f in _one_by_one(sentence.split(), names)]


# (names known, a sentence's words as readings, the tags: the longest name wins, a word by any reading)
NAME_TAGS = [
    ([("س ب ج", "person"), ("س ب", "place")], [("س",), ("ب",), ("ج",)], ["B-PERS", "I-PERS", "I-PERS"]),
    ([("س ب ج", "person"), ("س ب", "place")], [("س",), ("ب",), ("د",)], ["B-LOC", "I-LOC", None]),
    ([("س ب ج", "person")], [("س",), ("ب",)], [None, None]),  # a name longer than the rest of the sentence
    ([("ب", "place"), ("ب ج", "organisation")], [("وب", "ب"), ("ج",)], ["B-ORG", "I-ORG"]),
    (
        [("س", "place"), ("ب ج د", "event")],
        [("س",), ("ب",), ("ج",), ("د",)],
        ["B-LOC", "B-MISC", "I-MISC", "I-MISC"],
    ),
    (
        [("س ب", "person"), ("ب ج د", "event")],
        [("س",), ("ب",), ("ج",), ("د",)],
        ["B-PERS", "I-PERS", None, None],
    ),
    ([], [("س",)], [None]),
]


@pytest.mark.parametrize("names, readings, tags", NAME_TAGS)
def test_a_name_list_tags_the_longest_name_at_each_word(names, readings, tags):
    assert NameList.of(names).tags(readings) == tags
