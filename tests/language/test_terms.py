"""The content words of an article: what it repeats beyond names, function
words, dates and grading adjectives, with and without ال and proclitics."""

from __future__ import annotations

import pytest

from newsdossier.language.gazetteer import Gazetteer
from newsdossier.language.morphology import load_segmenter
from newsdossier.language.normalize import match_key
from newsdossier.language.tagging import Tagger
from newsdossier.language.terms import content_terms, term_key
from newsdossier.models.article import Block, ParsedArticle
from newsdossier.models.curation import ArticleMeta, Entity
from newsdossier.models.kinds import EntityType, LineKind

ENTITIES = (Entity("putin", EntityType.PERSON, "فلاديمير بوتين", "putin", ("بوتين",), None, "", 1),)


@pytest.fixture(scope="module")
def tagger():
    return Tagger(Gazetteer(ENTITIES), load_segmenter(ENTITIES))


def terms_of(tagger, text: str) -> tuple[dict[str, int], set[str]]:
    """The terms as written, with their counts, and their keys."""
    meta = ArticleMeta("x", "x.txt", None, None, None, "", (), None, (), True, 1)
    article = tagger.tag(ParsedArticle(meta, text, (Block(LineKind.PARAGRAPH, 1, 0, len(text)),), ()))
    terms = content_terms(article)
    return {term.written: term.count for term in terms}, {term.key for term in terms}


CASES = [
    # text, terms expected among the article's, words that must not be terms
    ("فرضت العقوبات أمس، وقالت إن عقوبات جديدة ستأتي.", {"العقوبات": 2}, ()),
    ("تحدث عن التعاون الاقتصادي وعن التعاون العسكري.", {"التعاون": 2}, ()),
    # A name is counted as a name, never as a term.
    ("التقى بوتين بالوفد، ثم عاد بوتين إلى الكرملين.", {}, ("بوتين",)),
    # Dateline weekdays and months: dates, not what the article stresses.
    ("يوم الخميس 16 مايو زار الوفد بكين، وفي الخميس التالي عاد في مايو.", {}, ("الخميس", "مايو")),
    ("في آذار وقعت الاتفاقية، وفي آذار التالي جددت الاتفاقية.", {"الاتفاقية": 2}, ("آذار",)),
    # Grading adjectives grade what the article is about.
    ("حقق نجاحا كبيرا ونجاحا كبيرا آخر في صفقة كبيرة وصفقة كبيرة.", {"صفقة": 2}, ("كبيرا", "كبيرة")),
    # Prepositions with a pronoun are function words.
    (
        "فيه خير وفيه شر، وفيها خير وفيها شر، وعليه أن يعود وعليه أن يبقى، وعليك وعليك، ولديك ولديك.",
        {},
        ("فيه", "فيها", "عليه", "عليك", "لديك"),
    ),
    # A word written once says little.
    ("تحدث عن الطاقة.", {}, ("الطاقة",)),
]


@pytest.mark.parametrize(("text", "expected", "never"), CASES, ids=[c[0][:24] for c in CASES])
def test_content_terms(tagger, text, expected, never):
    written, keys = terms_of(tagger, text)
    assert {w: n for w, n in written.items() if w in expected} == expected
    assert not [w for w in never if w in written or term_key(match_key(w)) in keys]
