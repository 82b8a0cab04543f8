"""The pattern finders: a name after a title or kind word, before «، title»."""

from __future__ import annotations

from dataclasses import replace

import pytest

from newsdossier.language.names.patterns import _WordsBefore, after_titles, institutions, quoted_names
from newsdossier.language.steps import ArticleAnalysis
from newsdossier.language.tokens import tokenize
from newsdossier.models.article import Block
from newsdossier.models.curation import ArticleMeta, Entity
from newsdossier.models.inputs import SourceFile
from newsdossier.models.kinds import EntityType, LineKind

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
    ("وقّع المدير العام لمجمع سوناطراك عقدا.", []),  # a body's kind word: the title's complement, no person
]


@pytest.mark.parametrize("text, expected", PATTERNS, ids=[t[:25] for t, _ in PATTERNS])
def test_names_after_titles(text, expected):
    meta = ArticleMeta("x", "x.txt", None, None, None, "", (), None, (), True, 1)
    article = ArticleAnalysis(PEOPLE).make()(SourceFile("seeds/x.txt", text.encode()), meta)
    assert [(c.surface, c.type) for c in after_titles(replace(article, candidates=()))] == expected


def analysed(text: str):
    meta = ArticleMeta("x", "x.txt", None, None, None, "", (), None, (), True, 1)
    article = ArticleAnalysis(PEOPLE).make()(
        SourceFile("seeds/x.txt", f"عنوان الخبر هنا\n{text}\n".encode()), meta
    )
    return replace(article, candidates=())


QUOTED = [
    ("أعلن حزب “العدالة والتنمية” مرشحه.", [("العدالة والتنمية", "organisation")]),
    ('وذكرت قناة "المسيرة" الخبر.', [("المسيرة", "organisation")]),
    ("عرض فيلم «صوت هند رجب» أمس.", [("صوت هند رجب", "event")]),
    ("وفق لمؤسسة “سيغما كونساي” للاستطلاع.", [("سيغما كونساي", "organisation")]),
    ("وقال “إن الوضع صعب” أمس.", []),  # no kind word before it: a quotation
    ("أعلن حزب “في البداية” أمس.", []),  # a function word first: no name
]


@pytest.mark.parametrize("text, expected", QUOTED, ids=[t[:25] for t, _ in QUOTED])
def test_quoted_names_after_a_kind_word(text, expected):
    assert [(c.surface, c.type.value) for c in quoted_names(analysed(text))] == expected


INSTITUTIONS = [
    ("أعلنت وزارة الصحة الخطة.", ["وزارة الصحة الخطة"]),  # the pattern's span: the model cuts it
    ("في خطاب أذاعه التلفزيون الرسمي.", []),  # أذاعه is a verb, not إذاعة
    ("وقالت لوزارة الخارجية المصرية إن", ["وزارة الخارجية المصرية"]),  # the preposition read off
    ("أعلنت الهيئة العليا المستقلة للانتخابات النتائج.", ["الهيئة العليا المستقلة للانتخابات النتائج"]),
    ("وتستضيف مسابقة رياضية عالمية.", []),  # an adjective is no genitive
    ("ومحكمة للمسؤولين عن العدوان.", []),
    # A kind word with the article is never the first term of a construct (ANERcorp: 0 of 103).
    ("وأفاد الناطق باسم الهيئة محمد التليلي المنصري أن", []),
    ("وذكرت وكالة سانا الرسمية أن", ["وكالة سانا الرسمية"]),
    ("تستخدمها بلدية دبي لرصد التغيرات.", ["بلدية دبي"]),  # a known place, not an adjective in ـي
    ("وتستضيف بطولة رياضية عالمية.", []),
]

# A body's name goes on after its kind word and first qualifier into a
# genitive with لل and a word coordinated by و, like to like; it ends before
# a time, and before و and a known place, a rank, the same word again or a
# noun after an adjective of origin or a participle (another name starts).
TAILS = [
    ("وأكد البنك الإفريقي للتنمية دعمه.", ["البنك الإفريقي للتنمية"]),
    ("وقالت وزارة التربية والتعليم إن", ["وزارة التربية والتعليم"]),
    ("مع الهيئة العامة للطرق والنقل البري لربط المدينة.", ["الهيئة العامة للطرق والنقل البري"]),
    ("ويدعو المجلس الاقتصادي والاجتماعي إلى الحوار.", ["المجلس الاقتصادي والاجتماعي"]),
    ("ومنها اتحاد الإذاعة والتلفزيون السوداني والقصر الجمهوري.", ["اتحاد الإذاعة والتلفزيون السوداني"]),
    ("وطلب الاتحاد العربي السوري لكرة القدم إقامة المباراة.", ["الاتحاد العربي السوري لكرة القدم"]),
    ("ويسعى الاتحاد الإفريقي لإحياء المحادثات المتعثرة.", ["الاتحاد الإفريقي"]),  # a purpose clause
    ("وقال الاتحاد الدولي للمرة الأولى إن", ["الاتحاد الدولي"]),
    ("واعتصم أهالي بلدية أوباري للمطالبة بالماء.", ["بلدية أوباري"]),  # a place's name has no such tail
    ("ووقع الاتحاد الأوروبي والصين اتفاقا.", ["الاتحاد الأوروبي"]),
    ("ووقع الاتحاد الأوروبي والولايات المتحدة اتفاقا.", ["الاتحاد الأوروبي"]),
    ("واجتمع مجلس الوزراء والوزراء الجدد أمس.", ["مجلس الوزراء"]),
    ("واستقبل رئيس جمهورية جيبوتي والوفد المرافق له.", ["جمهورية جيبوتي"]),
    ("وأعلنت سلطة الائتلاف المؤقتة والإدارة المحلية الخطة.", ["سلطة الائتلاف المؤقتة"]),
    ("والتقى رئيس اللجنة الوطنية والعقيد سعيد أمس.", ["اللجنة الوطنية"]),
]


@pytest.mark.parametrize("text, expected", INSTITUTIONS, ids=[t[:25] for t, _ in INSTITUTIONS])
def test_institutions(text, expected):
    assert [n.candidate.surface for n in institutions(analysed(text), {})] == expected


@pytest.mark.parametrize("text, expected", TAILS, ids=[t[:30] for t, _ in TAILS])
def test_institutions_with_their_genitive_and_coordinated_tails(text, expected):
    assert [n.candidate.surface for n in institutions(analysed(text), {})] == expected


# The last word before an offset, from the block's tokens (`_WordsBefore`),
# against the 20 characters before it split alone: a word the window cuts at
# either end, a name written after a proclitic (the offset inside a word),
# the window reaching back past its block, a word longer than the window.
WORDS_BEFORE_TEXTS = [
    "مضيق تايوان ثم بحر الصين الجنوبي ولتايوان وبكين.",
    "خليج\nتايوان في سطر آخر، ومضيق تايوان.",
    "كلمةطويلةجدامنأكثرمنعشرينحرفا تايوان ومضيقتايوان",
    "x مضيق ـــ تايوان، «مضيق» تايوان 12 مضيق٣ تايوان",
]


@pytest.mark.parametrize("text", WORDS_BEFORE_TEXTS, ids=range(len(WORDS_BEFORE_TEXTS)))
def test_word_before_is_the_windows(text):
    blocks = []
    for line_start in [0, *(i + 1 for i, c in enumerate(text) if c == "\n")]:
        line_end = text.find("\n", line_start)
        line_end = len(text) if line_end < 0 else line_end
        blocks.append(Block(LineKind.PARAGRAPH, len(blocks) + 1, line_start, line_end))
    words = _WordsBefore(text, tuple(blocks))
    for block in blocks:
        for offset in range(block.start, block.end + 1):
            window = tokenize(text, max(0, offset - 20), offset)
            assert words.last(offset) == (window[-1] if window else None), offset
