import pytest

from newsdossier.language.gazetteer import Gazetteer
from newsdossier.language.morphology import load_segmenter
from newsdossier.language.quotes import find_quotes, quoted_spans
from newsdossier.language.tagging import Tagger
from newsdossier.models.article import Block, ParsedArticle
from newsdossier.models.curation import ArticleMeta, Entity
from newsdossier.models.kinds import EntityType, LineKind


def entity(id_, name, type_, *aliases):
    return Entity(id_, type_, name, id_, aliases, None, "", 1)


ENTITIES = (
    entity("putin", "فلاديمير بوتين", EntityType.PERSON, "بوتين"),
    entity("xi", "شي جين بينغ", EntityType.PERSON, "شي"),
    entity("wang", "وانغ بينغ", EntityType.PERSON),
    entity("xinhua", "شينخوا", EntityType.ORGANISATION),
    entity("kremlin", "الكرملين", EntityType.ORGANISATION),
    entity("russia", "روسيا", EntityType.PLACE),
    entity("statement", "البيان المشترك الروسي الصيني", EntityType.DOCUMENT, "البيان المشترك"),
)
TYPES = {e.id: e.type for e in ENTITIES}


@pytest.fixture(scope="module")
def tagger():
    return Tagger(Gazetteer(ENTITIES), load_segmenter(ENTITIES))


def quotes_of(tagger, *paragraphs):
    text = "\n\n".join(paragraphs)
    blocks, offset = [], 0
    for number, paragraph in enumerate(paragraphs, start=1):
        blocks.append(Block(LineKind.PARAGRAPH, number, offset, offset + len(paragraph)))
        offset += len(paragraph) + 2
    meta = ArticleMeta("x", "x.txt", None, None, None, "", (), None, (), True, 1)
    article = tagger.tag(ParsedArticle(meta, text, tuple(blocks), ()))
    return [(q.text, q.speaker, q.attribution) for q in find_quotes(article, TYPES).quotes]


CASES = [
    # paragraphs, expected (quoted text, speaker, attribution)
    (["وقال بوتين: «العلاقات في أفضل حالاتها»."], [("العلاقات في أفضل حالاتها", "putin", "explicit")]),
    (["وقالت روسيا إن “الحوار هو الطريق الوحيد”."], [("الحوار هو الطريق الوحيد", "russia", "explicit")]),
    (['وأضاف شي: "نحن شركاء في كل شيء".'], [("نحن شركاء في كل شيء", "xi", "explicit")]),
    # A person is preferred to the organisation that relays the words.
    (
        ["ونقلت شينخوا عن بوتين قوله: «نحن منفتحون على الحوار»."],
        [("نحن منفتحون على الحوار", "putin", "explicit")],
    ),
    (
        ["وقال الكرملين في بيان إن “الصين وروسيا تعارضان التوسع”."],
        [("الصين وروسيا تعارضان التوسع", "kremlin", "explicit")],
    ),
    # No named subject: the speaker of the quotation before…
    (
        ["وقال وانغ بينغ: «أولاً، الثقة السياسية تتعمق»", "وتابع الخبير: «ثانيا، التعاون يتسع أكثر»"],
        [
            ("أولاً، الثقة السياسية تتعمق", "wang", "explicit"),
            ("ثانيا، التعاون يتسع أكثر", "wang", "inferred"),
        ],
    ),
    # … or the last person named in the paragraph before.
    (
        ["وكشف الخبير وانغ بينغ النتائج.", "وقال: «هذا تعميق للثقة المتبادلة»."],
        [("هذا تعميق للثقة المتبادلة", "wang", "inferred")],
    ),
    # A document the gazetteer lacks as subject, no verb, or a short term:
    # unattributed or not a quotation.
    (
        ["وقال بوتين كلامًا.", "كما أوضح التقرير أن “الجانب الروسي يقيّم الموقف إيجابيًا”."],
        [("الجانب الروسي يقيّم الموقف إيجابيًا", None, "none")],
    ),
    (
        ["“يجب على الولايات المتحدة أن تتخلى عن هذا السلوك”."],
        [("يجب على الولايات المتحدة أن تتخلى عن هذا السلوك", None, "none")],
    ),
    (["أعلنا شراكة “بلا حدود” بين البلدين."], []),
    # A reporting verb written with its shadda is still found.
    (["وصرّح بوتين: «العلاقات في أفضل حالاتها»."], [("العلاقات في أفضل حالاتها", "putin", "explicit")]),
    # A stray mark (inches) does not hide the quotation after it.
    (
        ['طوله 5" فقط. وقال بوتين: «نحن منفتحون على الحوار».'],
        [("نحن منفتحون على الحوار", "putin", "explicit")],
    ),
    # A document of the gazetteer as the subject is the speaker, before the
    # people it names; a reporting verb such as لفت or أشار counts.
    (
        ["وقال البيان المشترك الصادر عن بوتين وشي إن “الصداقة بين البلدين بلا حدود”."],
        [("الصداقة بين البلدين بلا حدود", "statement", "explicit")],
    ),
    (
        ["ولفت البيان المشترك إلى أن البلدين “يعارضان أي توسيع للحلف مستقبلا”."],
        [("يعارضان أي توسيع للحلف مستقبلا", "statement", "explicit")],
    ),
    # A quotation inside a quotation, with the same marks, is part of it.
    (
        ["وأكدت روسيا مجددا “التزامها بمبدأ “صين واحدة”، وتعترف بأن تايوان جزء من الصين”."],
        [("التزامها بمبدأ “صين واحدة”، وتعترف بأن تايوان جزء من الصين", "russia", "explicit")],
    ),
    (
        ["وقال بوتين: «نؤيد مبدأ «صين واحدة» بلا تحفظ»."],
        [("نؤيد مبدأ «صين واحدة» بلا تحفظ", "putin", "explicit")],
    ),
    # A closing mark after a space still closes.
    (
        ["كما أكد بوتين أن “الجانب الروسي يقيم الموقف إيجابيا “."],
        [("الجانب الروسي يقيم الموقف إيجابيا", "putin", "explicit")],
    ),
    # The same words quoted twice in one article are one quotation.
    (
        ["وقال بوتين إن “البلدين يعارضان توسيع الحلف”.", "وأكد بوتين أن “البلدين يعارضان توسيع الحلف”."],
        [("البلدين يعارضان توسيع الحلف", "putin", "explicit")],
    ),
    # Names inside the quotation are not its speaker.
    (
        ["وقال وانغ بينغ: «اللقاء بين شي وبوتين كان مهمًا جدًا»."],
        [("اللقاء بين شي وبوتين كان مهمًا جدًا", "wang", "explicit")],
    ),
]


@pytest.mark.parametrize("paragraphs, expected", CASES, ids=[c[0][-1][:30] for c in CASES])
def test_quotes(tagger, paragraphs, expected):
    assert quotes_of(tagger, *paragraphs) == expected


def test_quoted_spans_pair_each_kind_of_mark():
    text = '«أ ب» “ج د” "ه و" ”ز ح”'
    assert [text[s.start : s.end] for s in quoted_spans(text, 0, len(text))] == ["أ ب", "ج د", "ه و", "ز ح"]


def test_short_quoted_terms_are_kept_as_phrases(tagger):
    text = "دعا الرئيسان إلى “حقبة جديدة” وإلى ما يتوقعه العالم من ”القوى المسؤولة”، وأعلنا شراكة “بلا حدود”."
    meta = ArticleMeta("x", "x.txt", None, None, None, "", (), None, (), True, 1)
    article = tagger.tag(ParsedArticle(meta, text, (Block(LineKind.PARAGRAPH, 1, 0, len(text)),), ()))
    found = find_quotes(article, TYPES)
    assert found.quotes == ()
    assert found.phrases == ("حقبة جديدة", "القوى المسؤولة", "بلا حدود")
