"""An article's candidates: every finder together, combined."""

from __future__ import annotations

import pytest

from newsdossier.language.names import shapes
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
    # A body's name keeps its genitive tail whatever the model thinks (it doubts «للانتخابات»).
    (
        "وأعلنت الهيئة العليا المستقلة للانتخابات النتائج الأولية.",
        [("الهيئة العليا المستقلة للانتخابات", "organisation")],
        [],
    ),
    ("وقالت وزارة التربية والتعليم إن الدراسة تعلق.", [("وزارة التربية والتعليم", "organisation")], []),
    (
        "وطلب الاتحاد العربي السوري لكرة القدم إقامة المباراة.",
        [("الاتحاد العربي السوري لكرة القدم", "organisation")],
        [],
    ),
    ("ووقع الاتحاد الأوروبي والصين اتفاقا.", [("الاتحاد الأوروبي", "organisation")], ["الصين"]),
    (
        "ووقع الاتحاد الأوروبي والولايات المتحدة اتفاقا.",
        [("الاتحاد الأوروبي", "organisation"), ("الولايات المتحدة", "place")],
        [],
    ),  # the model's one run is two names
    # An adjective after an institution's definite genitive is of its name, whatever the corpora say.
    ("وأعلن صندوق الاستثمار الأردني الخطة أمس.", [("صندوق الاستثمار الأردني", "organisation")], []),
    ("ورفعت هيئة الطيران المدني درجة التأهب.", [("هيئة الطيران المدني", "organisation")], []),
    ("وقال مسؤول في حزب الله اللبناني إن الوضع صعب.", [("حزب الله", "organisation")], []),
    ("وأعلن الجيش السوداني السيطرة على المدينة.", [], []),  # a country's army, no name
    ("وانتشرت فرق شرطة عمان السلطانية على الطريق.", [("شرطة عمان السلطانية", "organisation")], []),
    ("وحسم الهلال ديربي الرياض لصالحه.", [("ديربي الرياض", "event")], []),
    # A body named after a person, whole.
    ("وجرت المباراة على ملعب جاسم بن حمد أمس.", [("ملعب جاسم بن حمد", "place")], []),
    # An adjective after a genitive coordinated by و is of the body's name too.
    (
        "وأصدرت وزارة التعليم العالي والبحث العلمي قرارا جديدا.",
        [("وزارة التعليم العالي والبحث العلمي", "organisation")],
        [],
    ),
    (
        "وزار الوفد وزارة الزراعة والثروة الحيوانية أمس.",
        [("وزارة الزراعة والثروة الحيوانية", "organisation")],
        [],
    ),
    # An exchange and an association are bodies named by their kind word; the place inside is no name.
    ("وأغلقت بورصة الكويت على ارتفاع طفيف.", [("بورصة الكويت", "organisation")], []),
    ("وقالت جمعية الصحفيين البحرينية إن التقرير دقيق.", [("جمعية الصحفيين البحرينية", "organisation")], []),
    # A place and a second bare name after a bare kind word are one name, with the tail after them.
    ("وذكرت وكالة تونس إفريقيا للأنباء أن الموسم جيد.", [("وكالة تونس إفريقيا للأنباء", "organisation")], []),
    ("وأعلنت شركة قطر تكنولوجي أرباحها.", [("شركة قطر تكنولوجي", "organisation")], []),
    # The organ of a body named elsewhere is no name.
    ("وقالت الجامعة إن مجلس الجامعة أقر أمس خطتها.", [], []),
    ("وانعقد مجلس الجامعة العربية أمس.", [("مجلس الجامعة العربية", "organisation")], []),
    # «بطولة» before a given name is "starring": the cast, not a tournament.
    ("ويعرض فيلم «الطريق» بطولة أحمد حلمي في الصالات.", [("الطريق", "event"), ("أحمد حلمي", "person")], []),
    ("وتقام بطولة أفريقيا للأمم في المغرب.", [("بطولة أفريقيا للأمم", "event"), ("المغرب", "place")], []),
    # A body named after a person by its kind word and a rank: whole, and the person is no name there.
    (
        "وتخرج الطلاب في جامعة الأمير سلطان بن عبدالعزيز أمس.",
        [("جامعة الأمير سلطان بن عبدالعزيز", "organisation")],
        [],
    ),
    ("وقال الجيش العقيد أحمد حسن إن الوضع هادئ.", [("أحمد حسن", "person")], []),  # «الجيش»: no construct
    # A quoted name ends at the quote, a time word included: a film's title.
    ("ويعرض فيلم «مساء الجمعة» في الصالات.", [("مساء الجمعة", "event")], []),
    # An adjective of a place's origin after a person's name that starts with a given name: its family name.
    ("وقال رئيس الوزراء محمد شياع السوداني إن الاتفاق مهم.", [("محمد شياع السوداني", "person")], []),
    ("والتقى الوزير أحمد سعيد الكندي نظيره أمس.", [("أحمد سعيد الكندي", "person")], []),
    # After a title a given name is no whole name: its family name goes with it.
    ("وقال وزير النقل خالد الدوسري إن المشروع تأخر.", [("خالد الدوسري", "person")], []),
]


@pytest.mark.parametrize("text, candidates, mentions", NAMES, ids=[t[:30] for t, _, _ in NAMES])
def test_names_the_gazetteer_lacks_are_found_whole(text, candidates, mentions):
    meta = ArticleMeta("a", "a.txt", None, None, None, "", (), None, (), True, 1)
    article = ANALYSE_KNOWN(SourceFile("seeds/a.txt", f"عنوان الخبر اليوم هنا\n{text}\n".encode()), meta)
    assert [(c.surface, c.type.value) for c in article.candidates] == candidates
    assert [m.surface for m in article.mentions] == mentions


# (sentence, a candidate in it, whether the model gives the word right before it, and right after
# it, some chance of being a name): `Candidate.around`, which the learnt decision reads.
AROUND = [
    ("وحضر المخرج يسري نصر الله والممثل أحمد حلمي في القاهرة.", "أحمد حلمي", (False, False)),
    # places in a list without commas: each next to a word the model is sure is a name
    ("وزار الوفد الهند باكستان إيران قبل أن يعود.", "الهند", (False, True)),
    ("وزار الوفد الهند باكستان إيران قبل أن يعود.", "باكستان", (True, True)),
    ("وزار الوفد الهند باكستان إيران قبل أن يعود.", "إيران", (True, False)),
    ("وصل إلى القاهرة.", "القاهرة", (False, False)),  # the sentence's end: no word after it
]


@pytest.mark.parametrize("text, name, likely", AROUND, ids=[a[1] for a in AROUND])
def test_a_candidate_has_the_models_chance_of_the_words_around_it(text, name, likely):
    meta = ArticleMeta("a", "a.txt", None, None, None, "", (), None, (), True, 1)
    article = ANALYSE_KNOWN(SourceFile("seeds/a.txt", f"عنوان الخبر اليوم هنا\n{text}\n".encode()), meta)
    found = next(c for c in article.candidates if c.surface == name)
    assert len(found.around) == 2 and all(0.0 <= chance <= 1.0 for chance in found.around)
    assert tuple(chance >= 0.5 for chance in found.around) == likely


NOT_ARABIC = [
    # Written for the project (as tests/fixtures/names D10 and H22), full of names in Arabic script.
    "نشست وزیران خارجه ایران و امریکا در نیویورک\n"
    "قرار است وزیران خارجه دو کشور هفته آینده در کنار نشست سالانه سازمان ملل با یکدیگر گفتگو کنند.",
    "Der Ölkonzern Saudi Aramco hat einen geringeren Gewinn ausgewiesen.\nDer Überschuss lag bei 32,6 Mrd.",
]


@pytest.mark.parametrize("text", NOT_ARABIC, ids=["persian", "german"])
def test_a_text_that_is_not_arabic_gets_no_candidates(text):
    meta = ArticleMeta("a", "a.txt", None, None, None, "", (), None, (), True, 1)
    assert ANALYSE_KNOWN(SourceFile("seeds/a.txt", f"{text}\n".encode()), meta).candidates == ()


@pytest.mark.parametrize(
    "text, arabic",
    [
        ("قال الرئيس إن الوضع صعب", True),
        ("قال ژیان إن الوضع صعب جدا اليوم في المدينة", True),  # one Persian letter in a name
        ("وزیران خارجه امریکا و ایران در حاشیه مجمع", False),
        ("The minister said so", False),
        ("قال Xi Jinping إن العلاقات قوية", True),
        ("قَالَ الرَّئِيسُ", True),  # marks are no letters
        ("في 2024 ٢٠٢٤", True),
        ("٢٠٢٤ - 2024 .", False),  # no letter
        ("", False),
        ("Xij ني", False),  # more Latin letters than Arabic
        ("Xi ني", True),  # as many
        ("ـ", True),  # tatweel is a letter of the range
    ],
)
def test_what_is_arabic(text, arabic):
    assert shapes.arabic(text) is arabic
    # The quick answer (every letter Arabic) is the counts' answer.
    assert shapes._arabic_by_counts(text) is arabic
