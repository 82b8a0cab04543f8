"""The per-article candidate finders: title and apposition patterns."""

from __future__ import annotations

import pytest

from newsdossier.language.candidates import pattern_candidates
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
def test_pattern_candidates(text, expected):
    meta = ArticleMeta("x", "x.txt", None, None, None, "", (), None, (), True, 1)
    article = ArticleAnalysis(PEOPLE).make()(SourceFile("seeds/x.txt", text.encode()), meta)
    assert [(c.surface, c.type) for c in pattern_candidates(article)] == expected


# ------------------------------------------------------------ all finders together

KNOWN = (
    Entity("taiwan", EntityType.PLACE, "تايوان", "Taiwan", (), None, "", 1),
    Entity("china", EntityType.PLACE, "الصين", "China", (), None, "", 2),
    Entity("xi", EntityType.PERSON, "شي جين بينغ", "Xi Jinping", ("شي جينبينغ",), None, "", 3),
)
ANALYSE_KNOWN = ArticleAnalysis(KNOWN).make()

NAMES = [
    # (sentence, candidates (surface, type), known mentions left)
    ("التقى وزير الخارجية الروسي سيرغي لافروف أمس.", [("سيرغي لافروف", "person")], []),
    (
        "وقال الرئيس الأمريكي دونالد ترامب يبلغ الصحفيين أن الزيارة مهمة.",
        [("دونالد ترامب", "person")],
        [],
    ),  # no verb after it
    (
        "زار الوفد الهند، باكستان، إيران قبل أن يعود.",
        [("الهند", "place"), ("باكستان", "place"), ("إيران", "place")],
        [],
    ),
    (
        "وأعلنت وزارة الصحة أن مجلس التعاون الخليجي سيجتمع.",
        [("وزارة الصحة", "organisation"), ("مجلس التعاون الخليجي", "organisation")],
        [],
    ),
    (
        "ووصل المبعوث إلى المحكمة الجنائية الدولية في لاهاي.",
        [("المحكمة الجنائية الدولية", "organisation"), ("لاهاي", "place")],
        [],
    ),
    ("عبرت سفينة مضيق تايوان أمس.", [("مضيق تايوان", "place")], []),  # not Taiwan
    ("وزارت تايوان وفدا أمس.", [], ["تايوان"]),
    ("وقال Xi Jinping إن العلاقات قوية.", [("Xi Jinping", "person")], []),
    ("واتفق الزعيمان على تعزيز التعاون الصيني الروسي.", [], []),  # prose: no names
]


@pytest.mark.parametrize("text, candidates, mentions", NAMES, ids=[t[:30] for t, _, _ in NAMES])
def test_names_the_gazetteer_lacks_are_found_whole(text, candidates, mentions):
    meta = ArticleMeta("a", "a.txt", None, None, None, "", (), None, (), True, 1)
    article = ANALYSE_KNOWN(SourceFile("seeds/a.txt", f"عنوان الخبر اليوم هنا\n{text}\n".encode()), meta)
    assert [(c.surface, c.type.value) for c in article.candidates] == candidates
    assert [m.surface for m in article.mentions] == mentions
