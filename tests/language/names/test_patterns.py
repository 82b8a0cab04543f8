"""The pattern finders: a name after a title or kind word, before «، title»."""

from __future__ import annotations

from dataclasses import replace

import pytest

from newsdossier.language.names.patterns import after_titles
from newsdossier.language.steps import ArticleAnalysis
from newsdossier.models.curation import ArticleMeta, Entity
from newsdossier.models.inputs import SourceFile
from newsdossier.models.kinds import EntityType

PEOPLE = (Entity("putin", EntityType.PERSON, "فلاديمير بوتين", "Putin", ("بوتين",), None, "", 1),)

PATTERNS = [
    ("التقى وزير الخارجية الروسي سيرغي لافروف أمس.", [("سيرغي لافروف", "person")]),
    ("وقال المتحدث باسم الكرملين ديمتري بيسكوف إن الزيارة ناجحة.", [("ديمتري بيسكوف", "person")]),
    ("وصل إلى مدينة هاربين مساء.", [("هاربين", "place")]),
    ("وقعت شركة روساتوم عقدًا.", [("روساتوم", "organisation")]),
    ("وحضر أليكسي ميلر، رئيس شركة غازبروم.", [("أليكسي ميلر", "person"), ("غازبروم", "organisation")]),
    ("وقال الأستاذ الذي يدرس في الجامعة.", []),
    ("وقال الرئيس بوتين إن العلاقات قوية.", []),  # a known name is not a candidate
    ("أبلغ الزعيم الصيني بالتفصيل عن الوضع.", []),
]


@pytest.mark.parametrize("text, expected", PATTERNS, ids=[t[:25] for t, _ in PATTERNS])
def test_names_after_titles(text, expected):
    meta = ArticleMeta("x", "x.txt", None, None, None, "", (), None, (), True, 1)
    article = ArticleAnalysis(PEOPLE).make()(SourceFile("seeds/x.txt", text.encode()), meta)
    assert [(c.surface, c.type) for c in after_titles(replace(article, candidates=()))] == expected
