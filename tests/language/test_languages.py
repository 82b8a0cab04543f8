"""Which language an article is in: script statistics, then function words."""

from __future__ import annotations

import pytest

from newsdossier.language.languages import (
    _PERSIAN_LETTERS,
    _PERSIAN_OR_URDU,
    _URDU_LETTERS,
    detect_language,
    direction,
)

TEXTS = [
    ("وصل الرئيس الروسي إلى بكين في زيارة رسمية تستمر يومين.", None, "ar"),
    (
        "Russian President Vladimir Putin arrived in Beijing on Friday for talks with the Chinese leader.",
        None,
        "en",
    ),
    (
        "Le président russe est arrivé à Pékin pour des entretiens avec le dirigeant et les ministres.",
        None,
        "fr",
    ),
    (
        "Rusya Devlet Başkanı Putin, Çin lideri ile görüşmek için bir ziyaret olarak Pekin'e geldi ve bu",
        None,
        "tr",
    ),
    ("پوتین برای دیدار با رهبر چین به پکن رفت و گفتگوهای مهمی درباره همکاری انجام شد.", None, "fa"),
    ("Putin Xi Beijing Moscow", "en", "en"),  # names only: the page's declared language
    ("Putin Xi Beijing Moscow", None, "und"),
    ("Putin Xi", "ar", "und"),  # a Latin text is not Arabic whatever the page says
    ("١٢٣ ٤٥٦", None, "ar"),  # no letters: the dossier's language
    # Arabic with English names and a Latin credit line is Arabic.
    ("قال Xi Jinping إن العلاقات مع Russia قوية جدا في هذه المرحلة من التاريخ.\nAFP", None, "ar"),
    ("وزیر اعظم نے کہا کہ پاکستان اور چین کے تعلقات بہت مضبوط ہیں۔", None, "ur"),
    ("زار الرئيس بكين في زيارة رسمية واحدة مع وزير الخارجية گ", None, "ar"),  # one Persian letter in Arabic
]


@pytest.mark.parametrize("text, declared, language", TEXTS, ids=[t[:20] for t, _, _ in TEXTS])
def test_the_language_of_a_text(text, declared, language):
    assert detect_language(text, declared) == language


@pytest.mark.parametrize("language, way", [("ar", "rtl"), ("fa", "rtl"), ("en", "ltr"), ("und", "ltr")])
def test_direction(language, way):
    assert direction(language) == way


def test_the_joint_search_finds_a_persian_or_urdu_letter_and_no_other():
    # Without one, both counts are 0 and the text's letters are not counted again.
    for code in range(0x0600, 0x0700):
        char = chr(code)
        either = bool(_PERSIAN_LETTERS.search(char) or _URDU_LETTERS.search(char))
        assert bool(_PERSIAN_OR_URDU.search(char)) is either, hex(code)
