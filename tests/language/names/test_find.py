"""An article's candidates: every finder together, combined."""

from __future__ import annotations

import pytest

from newsdossier.language.steps import ArticleAnalysis
from newsdossier.models.curation import ArticleMeta, Entity
from newsdossier.models.inputs import SourceFile
from newsdossier.models.kinds import EntityType

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
