"""The word lists the name finders read, as match keys: titles and kinds of
places and bodies that introduce a name, words that are never part of one,
and the words of prose the model can take for names.

Data only: what a word looks like (definite, a verb, an adjective of
origin) is `shapes`; how the lists are used is in the finders.
"""

from __future__ import annotations

from ...models.kinds import EntityType
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
    "الجديد", "نفسه", "أمس", "اليوم", "الخميس", "الجمعة", "السبت", "الأحد", "الاثنين", "الثلاثاء",
    "الأربعاء", "شهر", "دفاعه", "بلاده", "بشأن", "لشؤون", "باسم", "العام", "الأسبق", "السابق",
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
INSTITUTIONS = {
    **dict.fromkeys(
        keys(
            "وزارة",
            "مجلس",
            "هيئة",
            "حزب",
            "الحزب",
            "الاتحاد",
            "منظمة",
            "محكمة",
            "المحكمة",
            "البنك",
            "صندوق",
            "وكالة",
            "إذاعة",
            "تلفزيون",
            "جريدة",
            "صحيفة",
            "الجيش",
            "حركة",
            "جبهة",
            "لجنة",
            "اللجنة",
            "مؤسسة",
            "مجموعة",
        ),  # fmt: skip
        EntityType.ORGANISATION,
    ),
    **dict.fromkeys(
        keys("جمهورية", "مملكة", "المملكة", "محافظة", "مطار", "قصر", "مخيم", "حي", "ميدان", "شارع"),
        EntityType.PLACE,
    ),
}

# Particles of compound names: the word after one is no family name alone
# («آل نهيان», «بن زايد», «أبو قصرة», «عبد الفتاح»).
NAME_PARTICLES = keys("بن", "بنت", "ابن", "آل", "أبو", "أبي", "أم", "عبد", "ذو", "ولد")
# Ordinals that end a ruler's name («عبدالله الثاني»): no family name.
ORDINALS = keys(
    "الأول", "الثاني", "الثالث", "الرابع", "الخامس", "السادس", "السابع", "الثامن", "الأكبر", "الأصغر"
)
