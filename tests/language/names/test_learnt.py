"""The learnt decision of what to propose (`names.learnt`): the words around a
name, what the features read of a candidate, the fit (deterministic, and it
learns), and the build's operating point asking it."""

from __future__ import annotations

import pytest

from newsdossier.language.names import evidence, learnt
from newsdossier.language.names.evidence import LEARNT, TWO_KINDS, Seen, enough
from newsdossier.language.names.lexicon import Lexicon
from newsdossier.language.normalize import name_key
from newsdossier.models.kinds import Evidence

LEXICON = Lexicon(
    words={
        **dict.fromkeys(name_key("الحرب اليوم تاريخ"), (40, 1)),  # common words
        name_key("الشيباني")[0]: (1, 9),  # seen mostly in names
        name_key("الرسمية")[0]: (30, 0),  # a description after a name
    },
    places=frozenset({"قطر", "ابوظبي"}),
    given=frozenset({"زهير"}),
)


def key(word: str) -> str:
    return name_key(word)[0] if word else ""


# (sentence, the name in it, the word before it, the word after it)
NEIGHBOURS = [
    ("قال بنك أبوظبي الأول إن الأرباح زادت", "أبوظبي", "بنك", "الأول"),  # inside a longer name
    ("وصل زهير المغزاوي أمس", "زهير المغزاوي", "وصل", "أمس"),
    ("زهير المغزاوي وصل أمس", "زهير المغزاوي", "", "وصل"),  # the sentence's start
    ("وصل أمس زهير المغزاوي", "زهير المغزاوي", "أمس", ""),  # its end
    ("التقى والصين أمس", "الصين", "", "أمس"),  # a proclitic fused before it: no word
    ("قال، قطر، إن", "قطر", "", ""),  # punctuation on both sides
]


@pytest.mark.parametrize("text, name, before, after", NEIGHBOURS, ids=[n[0] for n in NEIGHBOURS])
def test_the_words_around_a_name_in_its_sentence(text, name, before, after):
    start = text.index(name)
    found = learnt.neighbours(text, start, start + len(name), (0, len(text)))
    assert found == (key(before), key(after))


# (word, what it is for the context features)
WORDS = [
    ("", "edge"),
    ("وزارة", "kind word"),
    ("لوزارة", "kind word"),  # a proclitic on the kind word
    ("الرئيس", "title"),
    ("في", "function word or number"),
    ("2024", "function word or number"),
    ("بن", "name particle"),
    ("الشيباني", "name word"),  # seen mostly in names
    ("زهير", "name word"),  # a given name
    ("قطر", "name word"),  # a known place
    ("الحرب", "definite common word"),
    ("تاريخ", "bare common word"),
    ("المغزاوي", "unseen word"),
]


@pytest.mark.parametrize("word, kind", WORDS, ids=[w[0] or "none" for w in WORDS])
def test_each_neighbour_word_is_read_as_one_kind(word, kind):
    assert learnt._word(key(word), LEXICON) == kind


def seen(name, found=Evidence.MODEL, chances=(0.95, 0.95), around=(("", ""),), kind="person", count=1):
    return Seen(name_key(name), found, chances, len(around), count, kind, around)


# (candidate, features it must have (name → value), features it must not have)
FEATURES = [
    (
        seen("زهير الشيباني", chances=(0.99, 0.8)),
        {"model: least word": 0.8, "models alone": 1.0, "lexicon: a given name first": 1.0, "words: 2": 1.0},
        {"model: every word sure", "pattern: institution", "lexicon: a known place"},
    ),
    (
        seen("وزارة الحرب", Evidence.INSTITUTION, (), kind="organisation"),
        {"pattern: institution": 1.0, "model: no probabilities": 1.0, "type: organisation": 1.0},
        {"models alone", "model: least word"},
    ),
    (  # a known place inside a longer name: a kind word before it, at both places a finder saw it
        seen("أبوظبي", around=((key("بنك"), key("الأول")), (key("بنك"), "")), kind="place"),
        {"lexicon: a known place": 1.0, "before: kind word": 1.0, "after: edge": 0.5},
        {"before: name word", "before: edge"},
    ),
    (
        seen("قطر الرسمية", kind="place"),
        {"lexicon: starts with a known place": 1.0, "lexicon: last word descriptive": 1.0},
        {"lexicon: a known place"},
    ),
    (
        seen("الحرب اليوم", chances=(0.99, 0.99)),
        {"lexicon: first word common": 1.0, "lexicon: last word common": 1.0, "model: every word sure": 1.0},
        {"lexicon: no word seen"},
    ),
    (
        seen("زهير", count=3),
        {"lexicon: a given name alone": 1.0, "words: 1": 1.0},
        {"found at two places or more"},
    ),
]


@pytest.mark.parametrize("candidate, present, absent", FEATURES, ids=[" ".join(f[0].words) for f in FEATURES])
def test_the_features_of_a_candidate(candidate, present, absent):
    found = learnt.features(candidate, LEXICON, two_kinds=False)
    for name, value in present.items():
        assert found.get(name, 0.0) == pytest.approx(value), name
    assert not absent & set(found)
    assert found["bias"] == 1.0 and all(value for value in found.values())


def test_the_context_is_the_share_of_the_places_a_finder_saw_it():
    around = (
        (key("بنك"), ""),
        (key("بنك"), key("المغزاوي")),
        ("", key("المغزاوي")),
        (key("في"), key("المغزاوي")),
    )
    found = learnt.features(seen("أبوظبي", around=around, kind="place"), LEXICON, two_kinds=True)
    assert found["before: kind word"] == 0.5 and found["before: function word or number"] == 0.25
    assert found["after: unseen word"] == 0.75 and found["after: edge"] == 0.25
    assert found["two kinds of evidence"] == 1.0
    # and with the name's type: a place after a kind word is inside a longer name, a body is not
    assert found["before: kind word, place"] == 0.5 and found["after: unseen word, place"] == 0.75
    assert not any(name.endswith(", organisation") for name in found)


# (the word before, the word after, the name's type, the feature the pair gives)
TYPED_CONTEXT = [
    ("بنك", "", "place", "before: kind word, place"),  # «بنك | الكويت»
    ("بنك", "", "organisation", "before: kind word, organisation"),
    ("زهير", "", "person", "before: name word, person"),  # a given name before: cut short
    ("", "الشيباني", "person", "after: name word, person"),
    ("الرئيس", "", "person", "before: title, person"),
]


@pytest.mark.parametrize("before, after, kind, feature", TYPED_CONTEXT, ids=[c[3] for c in TYPED_CONTEXT])
def test_the_context_is_read_with_the_names_type(before, after, kind, feature):
    candidate = seen("قطر", around=((key(before), key(after)),), kind=kind)
    assert learnt.features(candidate, LEXICON, two_kinds=False)[feature] == 1.0


ROWS = [
    ({"bias": 1.0, "a": 1.0}, True),
    ({"bias": 1.0, "a": 1.0}, True),
    ({"bias": 1.0, "a": 1.0}, False),
    ({"bias": 1.0, "b": 1.0}, False),
    ({"bias": 1.0, "b": 1.0}, False),
    ({"bias": 1.0, "b": 1.0, "c": 0.5}, True),
]


def test_the_fit_learns_which_features_go_with_names_and_is_the_same_every_time():
    weights = learnt.fit([r for r, _ in ROWS], [y for _, y in ROWS])
    assert weights == learnt.fit([r for r, _ in ROWS], [y for _, y in ROWS])
    assert set(weights) == {"bias", "a", "b", "c"}
    assert weights["a"] > 0 > weights["b"] and weights["c"] > 0
    proposer = learnt.Proposer(weights)
    assert 0.0 < proposer.chance(seen("زهير"), LEXICON, False) < 1.0


def test_the_penalty_keeps_a_feature_that_always_goes_with_names_finite():
    weights = learnt.fit([{"bias": 1.0, "a": 1.0}] * 5 + [{"bias": 1.0}] * 5, [True] * 5 + [False] * 5)
    assert 0 < weights["a"] < 10


# (candidate, the bias of the learnt weights, proposed at the learnt point)
LEARNT_CASES = [
    (seen("زهير المغزاوي"), 2.0, True),  # chance 0.88: at least 0.65
    (seen("زهير المغزاوي"), 0.5, False),  # 0.62
    (seen("وزارة الحرب", Evidence.INSTITUTION, ()), -2.0, True),  # a body named by its kind word: 0.12 enough
    (seen("وزارة الحرب", Evidence.INSTITUTION, ()), -3.5, False),  # 0.03
    (seen("زهير", chances=(0.99,)), 5.0, False),  # a given name alone only a model saw: never
    # camel-tools' recognizer (no row of the corpora had it): two kinds of evidence are enough too
    (seen("زهير المغزاوي", Evidence.RECOGNIZER, ()), -5.0, True),
    (seen("الحرب اليوم", Evidence.RECOGNIZER, ()), -5.0, False),
]


@pytest.mark.parametrize("candidate, bias, proposed", LEARNT_CASES, ids=[f"{c[1]}" for c in LEARNT_CASES])
def test_the_learnt_point_asks_the_learnt_chance(monkeypatch, candidate, bias, proposed):
    monkeypatch.setattr(learnt, "load", lambda: learnt.Proposer({"bias": bias}))
    assert enough(candidate, LEXICON, LEARNT) is proposed


def test_without_learnt_weights_the_learnt_point_is_two_kinds(monkeypatch):
    monkeypatch.setattr(learnt, "load", lambda: None)
    for candidate, *_ in [*LEARNT_CASES, *FEATURES]:
        assert enough(candidate, LEXICON, LEARNT) == enough(candidate, LEXICON, TWO_KINDS)


def test_the_build_asks_the_learnt_decision_and_the_weights_ship():
    assert evidence.CHOSEN is LEARNT
    proposer = learnt.load()
    assert proposer is not None and "bias" in proposer.weights


# (the model's chances of the word before and after the name at each place a finder saw it, the
# name's type, the features they give, name → value)
AROUND = [
    (((0.0, 0.98),), "person", {"model: word after at 0.1": 1.0, "model: word after at 0.5, person": 1.0}),
    (((0.0, 0.2),), "person", {"model: word after at 0.1, person": 1.0}),  # «فاطمة حسن | علي»
    (
        ((0.6, 0.0), (0.0, 0.0)),
        "place",
        {"model: word before at 0.1": 0.5, "model: word before at 0.5, place": 0.5},
    ),
    (((0.05, 0.09),), "organisation", {}),  # below every band: nothing
]


@pytest.mark.parametrize("around, kind, expected", AROUND, ids=[str(a[0]) for a in AROUND])
def test_the_models_chance_of_the_words_around_a_name(around, kind, expected):
    candidate = Seen(name_key("قطر"), Evidence.MODEL, (0.9,), len(around), 1, kind, (), around)
    found = {
        k: v for k, v in learnt.features(candidate, LEXICON, two_kinds=False).items() if "model: word" in k
    }
    for name, value in expected.items():
        assert found[name] == pytest.approx(value), name
    if not expected:
        assert not found
    assert not any("after" in name for name in found) or any(a[1] >= 0.1 for a in around)
