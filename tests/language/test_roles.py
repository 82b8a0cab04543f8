"""Descriptive references: a title within its holder's tenure."""

from __future__ import annotations

import datetime as dt

import pytest

from newsdossier.language.gazetteer import Gazetteer
from newsdossier.language.steps import ArticleAnalysis
from newsdossier.models.curation import ArticleMeta, Entity, Role
from newsdossier.models.dates import PartialDate
from newsdossier.models.errors import DossierError
from newsdossier.models.inputs import SourceFile
from newsdossier.models.kinds import EntityType

ENTITIES = (
    Entity(
        "xi",
        EntityType.PERSON,
        "شي جين بينغ",
        "Xi",
        ("شي",),
        None,
        "",
        1,
        roles=(Role("الرئيس الصيني", dt.date(2013, 3, 14), None),),
    ),
    Entity(
        "hu",
        EntityType.PERSON,
        "هو جين تاو",
        "Hu",
        (),
        None,
        "",
        2,
        roles=(Role("الرئيس الصيني", dt.date(2003, 3, 15), dt.date(2013, 3, 14) - dt.timedelta(days=1)),),
    ),
    Entity(
        "putin",
        EntityType.PERSON,
        "فلاديمير بوتين",
        "Putin",
        ("بوتين",),
        None,
        "",
        3,
        roles=(Role("الرئيس الروسي", None, None),),
    ),
    Entity(
        "lavrov",
        EntityType.PERSON,
        "سيرغي لافروف",
        "Lavrov",
        ("لافروف",),
        None,
        "",
        4,
        roles=(Role("وزير الخارجية الروسي", None, None),),
    ),
    Entity(
        "wang",
        EntityType.PERSON,
        "وانغ يي",
        "Wang Yi",
        (),
        None,
        "",
        5,
        roles=(Role("وزير الخارجية الصيني", None, None),),
    ),
)
ANALYSE = ArticleAnalysis(ENTITIES).make()


def described(text: str, day: dt.date | None = dt.date(2024, 5, 16)) -> list[tuple[str, str]]:
    when = PartialDate.of(day) if day else None
    meta = ArticleMeta("a", "a.txt", None, when, None, "منبر", (), None, (), True, 1)
    article = ANALYSE(SourceFile("seeds/a.txt", f"عنوان الخبر عن القمة\n{text}\n".encode()), meta)
    return [(m.surface, m.entity_id) for m in article.mentions if m.descriptive]


CASES = [
    ("وصل الرئيس الصيني إلى موسكو اليوم.", dt.date(2024, 5, 16), [("الرئيس الصيني", "xi")]),
    ("وصل الرئيس الصيني إلى موسكو اليوم.", dt.date(2010, 5, 16), [("الرئيس الصيني", "hu")]),  # another tenure
    ("وصل الرئيس الصيني إلى موسكو اليوم.", None, [("الرئيس الصيني", "xi")]),  # undated: the role still held
    ("وقال للرئيس الصيني إن الزيارة مهمة.", dt.date(2024, 5, 16), [("للرئيس الصيني", "xi")]),
    ("واستقبل الزعيم الصيني ضيفه.", dt.date(2024, 5, 16), [("الزعيم الصيني", "xi")]),  # a synonymous head
    ("وصل الرئيس الصيني شي جين بينغ إلى موسكو.", dt.date(2024, 5, 16), []),  # the name follows: one reference
    ("التقى بوتين نظيره الصيني في الكرملين.", dt.date(2024, 5, 16), [("نظيره الصيني", "xi")]),
    (
        "التقى لافروف نظيره الصيني في موسكو.",
        dt.date(2024, 5, 16),
        [("نظيره الصيني", "wang")],
    ),  # a minister's counterpart
    ("والتقى نظيره الصيني في موسكو.", dt.date(2024, 5, 16), []),  # no one named before it
    ("وأعلنت الحكومة الصينية خطة جديدة.", dt.date(2024, 5, 16), []),  # no role ends with that head
]


def test_a_month_or_a_year_must_lie_within_the_role():
    xi = Role("الرئيس الصيني", dt.date(2013, 3, 14), None)
    assert xi.held_on(PartialDate(2013, 4)) and xi.held_on(PartialDate(2014))
    assert not xi.held_on(PartialDate(2013, 3)) and not xi.held_on(PartialDate(2013))
    assert xi.held_on(PartialDate(2013, 3, 14)) and not xi.held_on(PartialDate(2013, 3, 13))


@pytest.mark.parametrize("text, day, expected", CASES, ids=[f"{t[:25]} {d}" for t, d, _ in CASES])
def test_titles_refer_to_their_holder_in_tenure(text, day, expected):
    assert described(text, day) == expected


def test_descriptions_count_apart_and_speak(mini_project):
    meta = ArticleMeta("a", "a.txt", None, PartialDate(2024, 5, 16), None, "منبر", (), None, (), True, 1)
    article = ANALYSE(
        SourceFile(
            "seeds/a.txt", "عنوان الخبر عن القمة\nوقال الرئيس الصيني: «العلاقات في أفضل حالاتها».\n".encode()
        ),
        meta,
    )
    assert [(q.speaker, q.attribution.value) for q in article.quotes] == [("xi", "explicit")]


@pytest.mark.parametrize(
    "roles, message",
    [
        (
            (Role("الرئيس", None, None),),
            "role `الرئيس` of entity `x` must be a title and an adjective, as in «الرئيس الصيني»",
        ),
        (
            (Role("الرئيس الصيني", dt.date(2020, 1, 1), None),),
            "role `الرئيس الصيني` of entity `x` overlaps the same role of entity `xi` (line 1); give each "
            "its dates (from, to)",
        ),
    ],
)
def test_roles_are_checked(roles, message):
    other = Entity(
        "x", EntityType.PERSON, "فلان الفلاني", "X", (), None, "", 9, roles=roles, role_lines=(10,)
    )
    with pytest.raises(DossierError) as error:
        Gazetteer((*ENTITIES, other))
    assert str(error.value) == f"dossier/entities.yaml:10: {message}"
