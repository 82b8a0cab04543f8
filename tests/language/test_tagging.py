import pytest

from newsdossier.language.gazetteer import Gazetteer
from newsdossier.language.morphology import load_segmenter
from newsdossier.language.tagging import Tagger
from newsdossier.language.tokens import Sentences
from newsdossier.models.article import Block, ParsedArticle
from newsdossier.models.curation import ArticleMeta, Entity
from newsdossier.models.kinds import EntityType, LineKind


def entity(id_, name, *aliases, type_=EntityType.PLACE):
    return Entity(id_, type_, name, id_, aliases, None, "", 1)


ENTITIES = (
    entity("putin", "فلاديمير بوتين", "بوتين", type_=EntityType.PERSON),
    entity("xi", "شي جين بينغ", "شي جينبينغ", "شي جين بينج", "شي", type_=EntityType.PERSON),
    entity("china", "الصين", "جمهورية الصين الشعبية"),
    entity("south-china-sea", "بحر الصين الجنوبي"),
    entity("xinhua", "وكالة أنباء الصين الجديدة", "شينخوا", type_=EntityType.ORGANISATION),
    entity("us", "الولايات المتحدة", "أمريكا"),
    entity("olympics-2014", "دورة الألعاب الأولمبية الشتوية لعام 2014", type_=EntityType.EVENT),
    entity("olympics-2022", "دورة الألعاب الأولمبية الشتوية", type_=EntityType.EVENT),
)


@pytest.fixture(scope="module")
def tagger():
    return Tagger(Gazetteer(ENTITIES), load_segmenter(ENTITIES))


def tag(tagger, text):
    meta = ArticleMeta("x", "x.txt", None, None, None, "", (), None, (), True, 1)
    parsed = ParsedArticle(meta, text, (Block(LineKind.PARAGRAPH, 1, 0, len(text)),), ())
    return tagger.tag(parsed).mentions


CASES = [
    # text, [(entity, surface, name as spelled)]
    ("التقى بوتين", [("putin", "بوتين", "بوتين")]),
    ("وبوتين", [("putin", "بوتين", "بوتين")]),
    ("لبوتين", [("putin", "بوتين", "بوتين")]),
    ("وفلاديمير بوتين", [("putin", "فلاديمير بوتين", "فلاديمير بوتين")]),
    ("والصين", [("china", "الصين", "الصين")]),
    ("للصين", [("china", "للصين", "الصين")]),
    ("وللصين", [("china", "للصين", "الصين")]),
    ("بالصين", [("china", "الصين", "الصين")]),
    ("للولايات المتحدة", [("us", "للولايات المتحدة", "الولايات المتحدة")]),
    ("شي جين بينغ", [("xi", "شي جين بينغ", "شي جين بينغ")]),
    ("شي جينبينغ", [("xi", "شي جينبينغ", "شي جينبينغ")]),
    ("شي جين بينج", [("xi", "شي جين بينج", "شي جين بينج")]),
    ("قال شي", [("xi", "شي", "شي")]),
    ("وشي جين بينغ", [("xi", "شي جين بينغ", "شي جين بينغ")]),
    ("قمة شي-بوتين", [("xi", "شي", "شي"), ("putin", "بوتين", "بوتين")]),
    ("بحر الصين الجنوبي", [("south-china-sea", "بحر الصين الجنوبي", "بحر الصين الجنوبي")]),
    ("وكالة أنباء الصين الجديدة", [("xinhua", "وكالة أنباء الصين الجديدة", "وكالة أنباء الصين الجديدة")]),
    ("جمهورية الصين الشعبية", [("china", "جمهورية الصين الشعبية", "جمهورية الصين الشعبية")]),
    (
        "دورة الألعاب الأولمبية الشتوية لعام 2014",
        [
            (
                "olympics-2014",
                "دورة الألعاب الأولمبية الشتوية لعام 2014",
                "دورة الألعاب الأولمبية الشتوية لعام 2014",
            )
        ],
    ),
    (
        "دورة الألعاب الأولمبية الشتوية في بكين",
        [("olympics-2022", "دورة الألعاب الأولمبية الشتوية", "دورة الألعاب الأولمبية الشتوية")],
    ),
    ("الرئيس الصيني", []),
    ("الشركات الصينية", []),
    ("الصينيين", []),
    ("بُوتِين", [("putin", "بُوتِين", "بُوتِين")]),
    ("بوتـــين", [("putin", "بوتـــين", "بوتـــين")]),
    ("«الصين»", [("china", "الصين", "الصين")]),
    ("شي، جين بينغ", [("xi", "شي", "شي")]),  # a name never runs across punctuation
    ("أميركا وأمريكا", [("us", "أمريكا", "أمريكا")]),  # only listed spellings (أميركا is not)
]


@pytest.mark.parametrize("text, expected", CASES, ids=[c[0] for c in CASES])
def test_mentions(tagger, text, expected):
    mentions = tag(tagger, text)
    assert [(m.entity_id, m.surface, m.name_form) for m in mentions] == expected
    assert all(text[m.start : m.end] == m.surface for m in mentions)


def test_mentions_know_their_sentence(tagger):
    text = "قال بوتين كلامًا. ثم ردّ شي: «نعم». والصين هنا!"
    spans = [(m.entity_id, text[m.sentence_start : m.sentence_end]) for m in tag(tagger, text)]
    assert spans == [("putin", "قال بوتين كلامًا."), ("xi", "ثم ردّ شي: «نعم»."), ("china", "والصين هنا!")]


def test_sentence_spans_cover_the_block():
    text = "أولى. ثانية؟ ثالثة"
    assert [text[a:b] for a, b in Sentences(text, 0, len(text)).spans] == ["أولى.", "ثانية؟", "ثالثة"]
