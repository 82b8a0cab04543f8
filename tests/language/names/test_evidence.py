"""Whether a proposed name has evidence enough for the review file, at each
operating point; and that the finders record the evidence the rules read."""

from __future__ import annotations

import pytest

from newsdossier.language.names.evidence import EVERY_WORD, TWO_KINDS, UNSEEN, Seen, enough
from newsdossier.language.names.lexicon import Lexicon
from newsdossier.language.normalize import name_key
from newsdossier.language.steps import ArticleAnalysis
from newsdossier.models.curation import ArticleMeta
from newsdossier.models.inputs import SourceFile
from newsdossier.models.kinds import Evidence

LEXICON = Lexicon(
    words={
        **dict.fromkeys(name_key("الحرب اليوم حسن"), (40, 2)),  # seen often, rarely in names
        name_key("الشيباني")[0]: (1, 9),  # seen mostly in names
    },
    places=frozenset({"قطر", "البحر الاحمر", "عمان"}),
    given=frozenset({"ابراهيم", "عمان"}),
)
M, T, R = Evidence.MODEL, Evidence.TITLE, Evidence.RECOGNIZER
BODY, QUOTED, LATIN = Evidence.INSTITUTION, Evidence.QUOTED, Evidence.LATIN
SURE, UNSURE = (0.97, 0.95), (0.97, 0.6)

# (name, evidence, the model's word probabilities, places a finder saw it,
#  enough at every-word, at every-word-or-unseen, at two-kinds)
CASES = [
    # the model sure of every word: alone at the first two points; and a second kind at the third
    ("زهير المغزاوي", M, SURE, 1, True, True, True),  # unseen words: a second kind
    ("الحرب اليوم", M, SURE, 1, True, True, False),  # common words: the model alone
    ("حسن الشيباني", M, SURE, 1, True, True, True),  # a word seen mostly in names
    # the model sure of the mean, not of every word
    ("زهير المغزاوي", M, UNSURE, 1, False, True, False),  # unseen: enough at every-word-or-unseen only
    ("الحرب اليوم", M, UNSURE, 1, False, False, False),
    ("الحرب اليوم", M, UNSURE, 2, True, True, False),  # seen twice: a second kind, but the model unsure
    ("زهير المغزاوي", M, UNSURE, 2, True, True, True),  # seen twice and unseen words
    ("البحر الأحمر", M, (0.6, 0.6), 1, True, True, False),  # a known place; two-kinds asks for more
    ("البحر الأحمر", M, (0.95, 0.92), 1, True, True, True),
    # a given name alone that only a model saw is part of a longer name, however sure
    ("ابراهيم", M, (0.99,), 3, False, False, False),
    ("عمان", M, (0.99,), 1, True, True, True),  # unless it is a known place
    ("ابراهيم", T, (0.05,), 1, True, True, True),  # a title saw it: a pattern and a given name
    # patterns: a kind word or a script is enough; a title alone needs a second kind at two-kinds
    ("وزارة الصحة", BODY, (0.0, 0.0), 1, True, True, True),
    ("العدالة والتنمية", QUOTED, (0.1, 0.1), 1, True, True, True),
    ("Xi Jinping", LATIN, (), 1, True, True, True),
    ("الحرب اليوم", T, (0.05, 0.05), 1, True, True, False),
    ("الحرب اليوم", T, (0.05, 0.05), 2, True, True, True),  # seen twice
    ("الحرب اليوم", T | M, SURE, 1, True, True, True),  # the model agrees, sure
    ("الحرب اليوم", T | M, UNSURE, 1, True, True, False),
    # camel-tools' recognizer gives no probabilities: it counts as a sure model
    ("الحرب اليوم", R, (), 1, True, True, False),
    ("زهير المغزاوي", R, (), 1, True, True, True),
    ("", M, SURE, 1, False, False, False),
]


@pytest.mark.parametrize(
    "name, evidence, chances, found, every_word, unseen, two_kinds",
    CASES,
    ids=[f"{c[0] or 'empty'}-{c[1].name}-{c[2]}-{c[3]}" for c in CASES],
)
def test_evidence_enough_at_each_operating_point(
    name, evidence, chances, found, every_word, unseen, two_kinds
):
    seen = Seen(name_key(name), evidence, chances, found)
    assert [enough(seen, LEXICON, point) for point in (EVERY_WORD, UNSEEN, TWO_KINDS)] == [
        every_word,
        unseen,
        two_kinds,
    ]


def test_without_a_lexicon_only_the_model_patterns_and_repetition_count():
    empty = Lexicon()
    assert not enough(Seen(name_key("زهير المغزاوي"), M, UNSURE, 1), empty, UNSEEN)
    assert enough(Seen(name_key("زهير المغزاوي"), M, SURE, 1), empty, EVERY_WORD)
    assert not enough(Seen(name_key("زهير المغزاوي"), M, SURE, 1), empty, TWO_KINDS)


FOUND = [
    # (sentence, name, the evidence it records)
    ("التقى وزير الخارجية الروسي سيرغي لافروف أمس.", "سيرغي لافروف", Evidence.TITLE),
    ("وقال أليكسي ميلر، رئيس الشركة، إن الإنتاج زاد.", "أليكسي ميلر", Evidence.APPOSITION),
    ("وأعلنت وزارة الصحة أن الوضع مستقر.", "وزارة الصحة", Evidence.INSTITUTION),
    ("وقال Xi Jinping إن العلاقات قوية.", "Xi Jinping", Evidence.LATIN),
    ("وفاز حزب “العدالة والتنمية” في الانتخابات.", "العدالة والتنمية", Evidence.QUOTED),
]


@pytest.mark.parametrize("text, name, evidence", FOUND, ids=[f[1] for f in FOUND])
def test_each_candidate_records_its_evidence_and_the_models_word_probabilities(text, name, evidence):
    meta = ArticleMeta("a", "a.txt", None, None, None, "", (), None, (), True, 1)
    article = ArticleAnalysis(()).make()(
        SourceFile("seeds/a.txt", f"عنوان الخبر اليوم هنا\n{text}\n".encode()), meta
    )
    found = next(c for c in article.candidates if c.surface == name)
    assert evidence in found.evidence
    assert len(found.chances) == len(name_key(name))  # the model read the sentence: every word
    assert all(0.0 <= c <= 1.0 for c in found.chances)
