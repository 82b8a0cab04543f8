"""The lexicon's evidence, read by the finders: common words of the corpora,
known places and countries, given names; each rule table-tested on a small
lexicon made here (the shipped one is data, `make model`)."""

from __future__ import annotations

import pytest

from newsdossier.language.names.combine import trimmed, worth_proposing
from newsdossier.language.names.lexicon import Lexicon, definite_nisba, load, word_counts
from newsdossier.language.names.model import name_runs
from newsdossier.language.normalize import match_key
from newsdossier.language.tokens import tokenize
from newsdossier.models.article import Candidate
from newsdossier.models.kinds import CandidateSource, EntityType

NER, PATTERN = CandidateSource.NER, CandidateSource.PATTERN


def keys(*words: str) -> frozenset[str]:
    return frozenset(match_key(w) for w in words)


# Counts as (outside names, inside names): common words seen often outside
# names; «الجزيرة» mostly a name (the channel), «جزيرة» a common noun.
LEXICON = Lexicon(
    words={
        **dict.fromkeys(keys("تاريخ", "رأى", "أكثر", "نسبيا", "الكبار", "جزيرة", "قاعدة", "الحالي"), (60, 1)),
        **dict.fromkeys(keys("الرسمية", "الإرهابية", "اليمني"), (27, 0)),
        match_key("الجزيرة"): (9, 54),
        match_key("لبنان"): (0, 40),
        match_key("دارفور"): (1, 30),
        match_key("قصره"): (20, 0),
    },
    places=keys("اليمن", "ليبيا", "لبنان", "الحديدة", "كاليفورنيا", "غويانا الفرنسية", "فرنسا", "داروين"),
    given=keys("فاروق", "بنان", "سيف"),
    countries=keys("اليمن", "ليبيا", "لبنان", "فرنسا"),
)


def tokens_and_labels(sentence: str) -> tuple[str, list, list[str]]:
    """A sentence written «word/LABEL …» (no label: O)."""
    words, labels = [], []
    for item in sentence.split():
        word, _, label = item.partition("/")
        words.append(word)
        labels.append(label or "O")
    text = " ".join(words)
    return text, tokenize(text, 0, len(text)), labels


RUNS = [
    # (sentence with the model's labels, the names as the lexicon reads them)
    ("دخل محمد/B-PERS صلاح/I-PERS تاريخ/I-PERS النادي", ["محمد صلاح"]),  # a common word ends no person
    ("بسفير بريطانيا لدى ليبيا/B-PERS مارتن/I-PERS لونغدن/I-PERS أمس", ["ليبيا", "مارتن لونغدن"]),
    ("مهاجم داروين/B-PERS نونيز/I-PERS أمس", ["داروين نونيز"]),  # a city, no country: one name
    ("وصل سيف/B-PERS بن/I-PERS زايد/I-PERS أمس", ["سيف بن زايد"]),  # a given name is no country
    ("قال مرهف/B-PERS أبو/I-PERS قصره/I-PERS أمس", ["مرهف أبو قصره"]),  # after a particle: a family name
    ("في ميناء/B-LOC الحديدة/I-LOC اليمني/I-LOC أمس", ["ميناء الحديدة"]),  # another place's adjective
    ("في غويانا/B-LOC الفرنسية/I-LOC أمس", ["غويانا الفرنسية"]),  # a known place whole
    ("ثم رأى/B-PERS أن", []),
]


@pytest.mark.parametrize("sentence, names", RUNS)
def test_runs_as_the_lexicon_reads_them(sentence, names):
    text, tokens, labels = tokens_and_labels(sentence)
    runs = name_runs(text, tokens, labels, [0.9] * len(tokens), LEXICON)
    assert [text[tokens[r.first].origin(r.skip) : tokens[r.last].end] for r in runs] == names


# A person's last word that is a common word with the article is its
# family name when the model gives it an even chance («أشرف القدرة»), not
# below it, and a common word without the article never («محمد صلاح | تاريخ»).
FAMILY_NAMES = [
    ("قال أشرف/B-PERS القدرة/I-PERS إن", 0.52, ["أشرف القدرة"]),
    ("قال أشرف/B-PERS القدرة/I-PERS إن", 0.3, ["أشرف"]),
    ("دخل محمد/B-PERS صلاح/I-PERS تاريخ/I-PERS النادي", 0.9, ["محمد صلاح"]),
]


@pytest.mark.parametrize("sentence, chance, names", FAMILY_NAMES)
def test_a_family_name_may_be_a_common_word(sentence, chance, names):
    text, tokens, labels = tokens_and_labels(sentence)
    chances = [0.9 if label.endswith("B-PERS") else chance for label in labels]
    lexicon = Lexicon(words={**LEXICON.words, match_key("القدرة"): (60, 1)})
    runs = name_runs(text, tokens, labels, chances, lexicon)
    assert [text[tokens[r.first].origin(r.skip) : tokens[r.last].end] for r in runs] == names


def test_without_a_lexicon_the_runs_are_the_models():
    text, tokens, labels = tokens_and_labels("دخل محمد/B-PERS صلاح/I-PERS تاريخ/I-PERS النادي")
    runs = name_runs(text, tokens, labels, [0.9] * len(tokens), Lexicon())
    assert [text[tokens[r.first].start : tokens[r.last].end] for r in runs] == ["محمد صلاح تاريخ"]


def found(text: str, surface: str, type_=EntityType.PERSON, source=NER) -> Candidate:
    start = text.index(surface)
    return Candidate(start, start + len(surface), surface, match_key(surface), type_, source, 0, len(text))


TRIMMED = [
    # (text, the finder's span, type, the name)
    ("احتلالها لبنان أمس", "لبنان", EntityType.PLACE, "لبنان"),  # a known place: no ل read off
    ("وصل بدارفور أمس", "بدارفور", EntityType.PLACE, "دارفور"),  # the corpora's name under a preposition
    ("قال لفاروق بوعسكر", "لفاروق بوعسكر", EntityType.PERSON, "فاروق بوعسكر"),  # a given name
    ("رؤية لليبيا أمس", "لليبيا", EntityType.PLACE, "ليبيا"),  # ل + ليبيا, not ل + اليبيا
    ("في بكاليفورنيا أمس", "بكاليفورنيا", EntityType.PLACE, "كاليفورنيا"),
    ("قال وليام أمس", "وليام", EntityType.PERSON, "وليام"),  # an unknown word keeps its و (William)
    ("الإدارة لمدينة كييف أمس", "لمدينة كييف", EntityType.PLACE, "كييف"),
    ("ذكرت وكالة أنباء الكويت الرسمية أمس", "وكالة أنباء الكويت الرسمية", EntityType.ORGANISATION,
     "وكالة أنباء الكويت"),
    ("قصفت ميناء الحديدة اليمني أمس", "ميناء الحديدة اليمني", EntityType.PLACE, "ميناء الحديدة"),
]  # fmt: skip


@pytest.mark.parametrize("text, span, type_, name", TRIMMED)
def test_proclitics_and_descriptions_as_the_lexicon_reads_them(text, span, type_, name):
    words = frozenset(t.key for t in tokenize(text, 0, len(text)))
    result = trimmed(found(text, span, type_), text, {}, words, LEXICON)
    assert result is not None and result.surface == name


WORTH = [
    # (text, the candidate, its finders, the model's chance, proposed)
    ("ارتفع نسبيا أمس", "نسبيا", NER, 0.6, False),  # a common word
    ("شارك الكبار أمس", "الكبار", NER, 0.6, False),
    ("زار الجزيرة أمس", "الجزيرة", NER, 0.8, False),  # the island: a common noun with the article
    ("قالت قناة الجزيرة أمس", "الجزيرة", NER | PATTERN, 0.8, True),  # a kind word says the channel
    ("ذكرت الجزيرة أمس", "الجزيرة", NER, 0.99, True),  # the model all but certain
    ("انخفضت الهيدروكربونات أمس", "الهيدروكربونات", NER, 0.7, False),  # a definite plural never named
    ("قال أوكرانيون أمس", "أوكرانيون", NER, 0.9, False),  # people of a place
    ("قال عطية الله", "الله", NER, 0.9, False),  # a part of names only
    ("هدف 36 أمس", "36", NER, 0.9, False),
    ("زار اليمن أمس", "اليمن", NER, 0.9, True),
]


@pytest.mark.parametrize("text, name, source, chance, proposed", WORTH)
def test_what_only_the_model_saw_must_not_be_prose(text, name, source, chance, proposed):
    candidate = found(text, name, EntityType.PLACE, source)
    sure = {t.start: chance for t in tokenize(text, 0, len(text))}
    assert worth_proposing(candidate, text, sure, LEXICON) is proposed


def test_word_counts_keep_words_seen_twice_by_match_key():
    sentences = [(["تاريخ", "مصر", "تاريخ"], ["O", "B-LOC", "O"]), (["مصر", "3"], ["B-LOC", "O"])]
    assert word_counts(sentences) == {"تاريخ": (2, 0), "مصر": (0, 2)}


def test_the_shipped_lexicon_knows_common_words_places_and_given_names():
    lexicon = load()
    if lexicon.empty:
        pytest.skip("no shipped lexicon (make model)")
    assert lexicon.common(match_key("تاريخ")) and lexicon.common(match_key("وتاريخ"))
    assert not lexicon.common(match_key("الجزيرة"))  # mostly the channel in the corpora
    assert lexicon.place((match_key("تعز"),)) and lexicon.country((match_key("ليبيا"),))
    assert lexicon.given_name(match_key("فاروق"))


@pytest.mark.parametrize(
    "words, start",
    [
        (("غويانا", "الفرنسية"), True),  # a place whole
        (("غويانا",), False),  # one word of a longer place is no place start of two words
        (("اليمن",), True),
        (("الجمهورية", "اليمنية"), False),
    ],
)
def test_a_place_start_is_a_place_or_its_first_two_words(words, start):
    lexicon = Lexicon(places=keys("اليمن", "غويانا الفرنسية", "الولايات المتحدة الأمريكية"))
    assert lexicon.place_start(tuple(match_key(w) for w in words)) is start
    assert lexicon.place_start(tuple(match_key(w) for w in ("الولايات", "المتحدة")))


@pytest.mark.parametrize(
    "key, nisba",
    [
        ("اليمني", True),
        ("الرسميه", True),  # the match key folds ة into ه
        ("الدوسري", True),
        ("الامريكيتين", True),
        ("يمني", False),  # not definite
        ("الكويت", False),
        ("اليمن", False),
    ],
)
def test_a_definite_adjective_of_relation(key, nisba):
    assert definite_nisba(key) is nisba
