"""A known place inside a longer unknown name is taken back: the longer name
is a candidate, and the place is not mentioned there."""

from __future__ import annotations

import pytest

from newsdossier.language.gazetteer import Gazetteer
from newsdossier.language.morphology import load_segmenter
from newsdossier.language.names.takeback import take_back
from newsdossier.language.parse import parse_article
from newsdossier.language.tagging import Tagger
from newsdossier.models.curation import ArticleMeta, Entity
from newsdossier.models.inputs import SourceFile
from newsdossier.models.kinds import EntityType

KNOWN = (
    Entity("taiwan", EntityType.PLACE, "تايوان", "Taiwan", (), None, "", 1),
    Entity("china", EntityType.PLACE, "الصين", "China", (), None, "", 2),
    Entity("putin", EntityType.PERSON, "بوتين", "Putin", (), None, "", 3),
)
TAGGER = Tagger(Gazetteer(KNOWN), load_segmenter(KNOWN))
TYPES = {e.id: e.type for e in KNOWN}

CASES = [
    # (sentence, candidates after the step, mentions left)
    ("عبرت سفينة مضيق تايوان أمس.", ["مضيق تايوان"], []),
    ("وعبرت سفينة ومضيق تايوان أمس.", ["مضيق تايوان"], []),
    ("وأذاعت إذاعة الصين الدولية الخبر.", ["إذاعة الصين الدولية"], []),
    ("وزارت تايوان وفدا أمس.", [], ["تايوان"]),
    ("وقال مكتب بوتين إن الزيارة مهمة.", [], ["بوتين"]),
    ("وأعلنت وزارة الصحة الخطة.", [], []),  # no place inside: the other finders' business
    ("وقالت حركة بوتين الجديدة.", [], ["بوتين"]),  # a person inside: no institution
]


@pytest.mark.parametrize("text, candidates, mentions", CASES, ids=[c[0][:20] for c in CASES])
def test_a_known_place_inside_a_longer_name_is_taken_back(text, candidates, mentions):
    meta = ArticleMeta("a", "a.txt", None, None, None, "", (), None, (), True, 1)
    parsed = parse_article(SourceFile("seeds/a.txt", f"عنوان الخبر اليوم هنا\n{text}\n".encode()), meta)
    article = take_back(TAGGER.tag(parsed), TYPES)
    assert [c.surface for c in article.candidates] == candidates
    assert [m.surface for m in article.mentions] == mentions
