"""The word lists the name finders read, as match keys: titles and kinds of
places and bodies that introduce a name, words that are never part of one,
and the words of prose the model can take for names.

Data only: what a word looks like (definite, a verb, an adjective of
origin) is `shapes`; how the lists are used is in the finders.
"""

from __future__ import annotations

from ...models.kinds import EntityType
from ..dates import MONTH_WORDS, WEEKDAYS
from ..normalize import match_key


def keys(*words: str) -> frozenset[str]:
    return frozenset(match_key(w) for w in words)


PERSON_TITLES = keys(
    "الرئيس", "رئيس", "رئيسة", "وزير", "وزيرة", "الوزير", "نائب", "الأمين", "المدير", "مدير", "المتحدث",
    "المتحدثة", "متحدث", "السفير", "سفير", "الجنرال", "الأميرال", "المستشار", "مستشار", "السيد", "السيدة",
    "الخبير", "الخبيرة", "خبير", "الأستاذ", "الباحث", "الملك", "الأمير", "زعيم", "الزعيم", "قائد", "محافظ",
    "المبعوث", "نظيره", "نظيرته", "المحلل", "الكاتب", "الصحفي", "الدكتور",
)  # fmt: skip
PLACE_TITLES = keys("مدينة", "منطقة", "إقليم", "جزيرة", "بلدة", "عاصمة", "ولاية", "مقاطعة", "قاعدة")
ORGANISATION_TITLES = keys(
    "وكالة", "شركة", "جامعة", "صحيفة", "منظمة", "حزب", "بنك", "مجموعة", "قناة", "مؤسسة", "مركز"
)  # fmt: skip
TITLES = {
    **dict.fromkeys(PERSON_TITLES, EntityType.PERSON),
    **dict.fromkeys(PLACE_TITLES, EntityType.PLACE),
    **dict.fromkeys(ORGANISATION_TITLES, EntityType.ORGANISATION),
}

# Words that are never part of a name: prepositions, particles, pronouns,
# time words, and verbs of saying (the name ends where the clause goes on).
FUNCTION_WORDS = keys(
    "في", "من", "على", "إلى", "عن", "مع", "أن", "إن", "أنه", "إنه", "الذي", "التي", "الذين", "قد", "لم",
    "لن", "لا", "ما", "كان", "كانت", "يوم", "عام", "بعد", "قبل", "خلال", "بين", "حول", "منذ", "أي", "هذا",
    "هذه", "ذلك", "تلك", "كل", "بعض", "غير", "أو", "ثم", "حتى", "عند", "لدى", "كما", "أيضا", "أيضًا", "وقال",
    "قال", "قالت", "إنها", "لكن", "بل", "هو", "هي", "هم", "نحو", "وفق", "عبر", "ضد", "دون", "سابق", "جديد",
    "الجديد", "نفسه", "أمس", "اليوم", *("ال" + day for day in WEEKDAYS), "شهر", "دفاعه", "بلاده", "بشأن",
    "لشؤون", "باسم", "العام", "الأسبق", "السابق",
    "ليس", "ليست", "ليسا", "ليستا", "ليسوا", "أكثر", "أقل", "أول", "آخر", "أهم", "أبرز", "أفضل",
)  # fmt: skip
# Time nouns with the article: a genitive tail of a body's name is never
# one («الاتحاد الدولي | للمرة الأولى», «| للعام الثاني»).
TIME_WORDS = keys(
    "المرة", "العام", "السنة", "الفترة", "المدة", "الموسم", "الشهر", "الأسبوع", "اليوم", "الوقت", "الساعة",
    "الأيام", "الأعوام", "السنوات", "الأشهر", "الدورة", "الجولة",
)  # fmt: skip
# Adjectives of time: they describe a name («كأس العالم | الماضية»), never end one.
TIME_ADJECTIVES = keys(
    "الماضي", "الماضية", "المقبل", "المقبلة", "القادم", "القادمة", "الحالي", "الحالية", "السابق", "السابقة",
)  # fmt: skip
# Words that continue a title without being a name: "وكالة أنباء …".
TITLE_CONTINUATIONS = keys("أنباء", "شؤون", "لشؤون", "باسم", "دفاع", "خارجية", "أركان", "عام")
RELATIVE_PRONOUNS = keys("الذي", "التي", "الذين", "اللذين", "اللتين", "اللواتي")

# Words of news prose the model can take for names: the two leaders, sides, countries.
NOT_NAMES = keys(
    "الزعيمان", "الزعيمين", "الرئيسان", "الرئيسين", "الجانبان", "الجانبين", "البلدان", "البلدين", "الطرفان",
    "الطرفين", "الوزيران", "الوزيرين", "الدولتان", "الدولتين", "الزعماء", "القادة", "الجانب", "البلد",
    "الدولة", "العاصمة", "المدينة",
)  # fmt: skip

# Words before a place that make a longer name of it: «مضيق تايوان» is not Taiwan.
FEATURES = keys(
    "مضيق", "خليج", "بحر", "نهر", "جبل", "بحيرة", "صحراء", "ميناء", "مطار", "جامعة", "بنك", "مصرف", "صحيفة",
    "قناة", "جزيرة",
)  # fmt: skip
# The features above that make a place (the others make a body).
GEOGRAPHIC = keys("مضيق", "خليج", "بحر", "نهر", "جبل", "بحيرة", "صحراء", "جزيرة")

# Institutions named by a kind word and the words that qualify it, all part
# of the name: «وزارة الصحة», «مجلس التعاون الخليجي», «الحزب الشيوعي الصيني».
# fmt: off
INSTITUTIONS = {
    **dict.fromkeys(
        keys(
            "وزارة", "مجلس", "المجلس", "هيئة", "الهيئة", "حزب", "الحزب", "الاتحاد", "اتحاد", "منظمة", "محكمة",
            "المحكمة", "البنك", "بنك", "مصرف", "صندوق", "وكالة", "إذاعة", "تلفزيون", "جريدة", "صحيفة", "قناة",
            "الجيش", "حركة", "جبهة", "لجنة", "اللجنة", "مؤسسة", "مجموعة", "شركة", "جهاز", "سلطة", "ديوان",
            "الديوان", "جامعة", "معهد", "كلية", "مستشفى", "نادي", "تحالف", "ائتلاف", "شرطة", "مجمع",
            "بورصة", "جمعية",
        ),
        EntityType.ORGANISATION,
    ),
    **dict.fromkeys(
        keys(
            "جمهورية", "مملكة", "المملكة", "محافظة", "مطار", "قصر", "مخيم", "حي", "ميدان", "شارع", "بلدية",
            "ميناء", "ملعب", "استاد", "متحف", "سد",
        ),
        EntityType.PLACE,
    ),
    **dict.fromkeys(
        keys(
            "مهرجان", "بطولة", "كأس", "دوري", "الدوري", "جائزة", "مؤتمر", "منتدى", "معرض", "قمة", "مسابقة",
            "ديربي",
        ),
        EntityType.EVENT,
    ),
}
# fmt: on

# Particles of compound names: the word after one is no family name alone
# («آل نهيان», «بن زايد», «أبو قصرة», «عبد الفتاح»).
NAME_PARTICLES = keys("بن", "بنت", "ابن", "آل", "أبو", "أبي", "أم", "عبد", "ذو", "ولد")
# Words that end compound names and are none alone («عطية | الله», «نور | الدين»).
COMPOUND_ENDS = keys("الله", "الدين", "الرحمن", "الرحيم")
# Ordinals that end a ruler's name («عبدالله الثاني»): no family name.
ORDINALS = keys(
    "الأول", "الثاني", "الثالث", "الرابع", "الخامس", "السادس", "السابع", "الثامن", "الأكبر", "الأصغر"
)

# Closed classes of words that are never a name alone, whatever the model
# thinks: currencies and measures, months (Gregorian, Levantine, Maghrebi)
# and number words.
CURRENCIES = keys(
    "دولار", "دولارا", "دولارات", "يورو", "ريال", "ريالات", "جنيه", "جنيهات", "درهم", "دراهم", "دينار",
    "دنانير", "ليرة", "روبل", "يوان", "ين", "فرنك", "روبية", "شيكل", "برميل", "طن", "كيلومتر", "ميل",
)  # fmt: skip
# and their accusative, written with the alef of tanween after a number («40 ريالا», «مليون برميلا»)
CURRENCIES |= keys(
    *(
        word + "ا"
        for word in ("ريال", "دينار", "درهم", "جنيه", "روبل", "فرنك", "شيكل", "برميل", "طن", "كيلومتر")
    )
)
MONTHS = keys(*MONTH_WORDS)  # language/dates.py spells them
NUMBER_WORDS = keys(
    "واحد", "اثنان", "اثنين", "ثلاث", "ثلاثة", "أربع", "أربعة", "خمس", "خمسة", "ست", "ستة", "سبع", "سبعة",
    "ثماني", "ثمانية", "تسع", "تسعة", "عشر", "عشرة", "عشرون", "عشرين", "مئة", "مائة", "ألف", "آلاف", "ألفان",
    "مليون", "ملايين", "مليونان", "مليار", "مليارات", "مليارا", "نصف", "ربع", "ثلث",
)  # fmt: skip
NEVER_ALONE = CURRENCIES | MONTHS | NUMBER_WORDS

# Titles and ranks before a person's name: never its first word.
RANKS = keys(
    "السلطان", "الشيخ", "شيخ", "أمير", "ولي", "العماد", "الفريق", "اللواء", "العقيد", "المشير",
    "العميد", "الرائد", "النقيب", "الحاج", "الإمام", "المرشد", "البابا", "الملكة", "الأميرة", "سمو", "جلالة",
    "فخامة", "معالي", "النائب", "المهندس", "الفنان", "الفنانة", "الممثل", "الممثلة", "المخرج", "المخرجة",
    "اللاعب", "المدرب", "المهاجم", "المدافع", "الحارس", "النجم", "المرشح", "الأمين",
)  # fmt: skip

# Kind words that name a body or a work when a quoted name follows them
# («حزب “العدالة والتنمية”», «قناة "المسيرة"», «فيلم "صوت هند رجب"»).
# fmt: off
QUOTED_KINDS = {
    **dict.fromkeys(
        keys(
            "حزب", "حركة", "جماعة", "تنظيم", "قوات", "ميليشيا", "قناة", "صحيفة", "جريدة", "مجلة",
            "وكالة", "شركة", "مجموعة", "مؤسسة", "منظمة", "جمعية", "تحالف", "ائتلاف", "تيار", "جبهة",
            "موقع", "منصة", "فرقة", "نادي", "فريق", "بنك", "مصرف", "كتلة", "قائمة", "هيئة", "مجلس",
            "شبكة", "حكومة", "حلف",
        ),
        EntityType.ORGANISATION,
    ),
    **dict.fromkeys(
        keys(
            "فيلم", "مسلسل", "برنامج", "كتاب", "رواية", "عملية", "مبادرة", "مشروع", "تطبيق", "هاتف",
            "مهرجان", "مؤتمر", "منتدى", "معرض", "مسابقة", "بطولة", "جائزة", "صاروخ", "مسبار", "طائرة",
            "طراز", "اسم",
        ),
        EntityType.EVENT,
    ),
    **dict.fromkeys(
        keys(
            "مدينة", "بلدة", "قرية", "منطقة", "حي", "مخيم", "سد", "قاعدة", "ميناء", "مطار", "ملعب",
        ),
        EntityType.PLACE,
    ),
}
# fmt: on

# Words for a point of the compass that, without the article and before a
# place, make a region's name («جنوب كردفان», «شمال دارفور»).
COMPASS = keys("شمال", "جنوب", "شرق", "غرب", "وسط", "شمالي", "جنوبي", "شرقي", "غربي")

# Common given names (a general list, not drawn from any evaluated text): a
# proclitic before one is a proclitic (لخالد, ومحمود), not the first letter
# of an unknown name.
GIVEN_NAMES = keys(
    "محمد", "أحمد", "محمود", "مصطفى", "علي", "حسن", "حسين", "عمر", "عثمان", "خالد", "سعيد", "سعد", "فهد",
    "فيصل", "عبدالله", "عبدالرحمن", "عبدالعزيز", "إبراهيم", "إسماعيل", "يوسف", "يونس", "موسى",
    "عيسى", "سليمان", "داود", "زكريا", "طارق", "طلال", "طاهر", "ماجد", "ماهر", "مازن", "مراد", "منير",
    "نبيل", "نادر", "ناصر", "نزار", "هشام", "هاني", "هادي", "وليد", "وائل", "وسام", "ياسر", "ياسين", "زياد",
    "زهير", "سامي", "سامح", "سمير", "شريف", "صالح", "صلاح", "عادل", "عماد", "عصام", "فؤاد", "فادي",
    "قاسم", "كريم", "كمال", "لؤي", "مالك", "مهدي", "حمزة", "حميد", "حازم", "جمال", "جواد",
    "بسام", "باسم", "بشار", "بشير", "أسامة", "أنس", "أيمن", "أشرف", "أكرم", "أمين", "أنور", "إياد",
    "ثامر", "راشد", "رامي", "رياض", "رضا", "زيد", "سالم", "سلطان", "شادي", "صابر", "ضياء", "عباس",
    "عمرو", "غسان", "فراس", "فرج", "منصور", "مختار", "مجدي", "مروان", "معاذ",
    "هيثم", "يزيد", "فاطمة", "عائشة", "مريم", "زينب", "خديجة", "سارة", "ليلى", "هند", "نور", "رانيا",
    "منى", "سلمى", "هدى", "أمل", "دينا", "ريم",
)  # fmt: skip

# Function words proper (prepositions, particles, pronouns, conjunctions,
# relatives, demonstratives): a closed class, and never a name alone. (The
# finders' FUNCTION_WORDS also hold time words and verbs that end a name;
# some of those are names of papers and channels, «اليوم», «الجديد».)
STOPWORDS = keys(
    "في", "من", "على", "إلى", "الى", "عن", "مع", "أن", "إن", "ان", "أنه", "إنه", "أنها", "إنها", "قد",
    "لم", "لن", "لا", "ما", "ماذا", "متى", "أين", "كيف", "لماذا", "هل", "هو", "هي", "هم", "هن", "هما",
    "أنا", "نحن", "أنت", "أنتم", "هذا", "هذه", "ذلك", "تلك", "هؤلاء", "أولئك", "هنا", "هناك", "الذي",
    "التي", "الذين", "اللذين", "اللتين", "اللواتي", "اللاتي", "أو", "أم", "ثم", "بل", "لكن", "حتى",
    "إذا", "إذ", "لو", "كما", "كل", "بعض", "غير", "عند", "لدى", "بين", "نحو", "منذ", "حول", "خلال",
    "بعد", "قبل", "فوق", "تحت", "أمام", "خلف", "دون", "ضد", "عبر", "لدي", "إلا", "كي", "لأن", "أي",
    "أيضا", "فقط", "جدا", "قط", "بلا", "سوى", "ذات", "ذو",
)  # fmt: skip

# Adjectives that qualify the names of bodies and are not of the nisba or
# elative shape: the model cuts them as often as not, so an institution's
# name keeps them («جهاز المخابرات العامة», «الهيئة العليا المستقلة»).
INSTITUTION_ADJECTIVES = keys(
    "العام", "العامة", "المستقل", "المستقلة", "المؤقت", "المؤقتة", "المتحد", "المتحدة", "المشترك", "المشتركة",
    "المسلح", "المسلحة", "الموحد", "الموحدة", "الدائم", "الدائمة", "الخاص", "الخاصة", "الحر", "الحرة",
    "الكبير", "الكبيرة", "الجديد", "الجديدة", "المركزي", "المشرفة",
)  # fmt: skip
