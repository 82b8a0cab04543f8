import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsdossier.models.kinds import LineKind, LineRule
from newsdossier.models.curation import ArticleMeta
from newsdossier.models.inputs import SourceFile
from newsdossier.language.parse import classify, parse_article
from tests.helpers import ROOT


def meta(source_file="x.txt", line_kinds=()):
    return ArticleMeta("x", source_file, None, None, None, "", (), None, tuple(line_kinds), True, 1)


def parse_text(text: str, **kwargs):
    return parse_article(SourceFile("seeds/x.txt", text.encode("utf-8")), meta(**kwargs))


def parse_seed(name: str):
    path = ROOT / "seeds" / name
    return parse_article(SourceFile(f"seeds/{name}", path.read_bytes()), meta(name))


CLASSIFY = [
    # (line, previous kind, first line?, in preamble?, expected kind)
    ("شاركها.", LineKind.PARAGRAPH, False, False, LineKind.FOOTER),
    ("اترك تعليقاً", LineKind.PARAGRAPH, False, False, LineKind.FOOTER),
    ("Exit mobile version", LineKind.PARAGRAPH, False, False, LineKind.FOOTER),
    ("310 310", LineKind.PARAGRAPH, False, False, LineKind.FOOTER),
    (".", LineKind.PARAGRAPH, False, False, LineKind.FOOTER),
    ("للمزيد Facebook", LineKind.PARAGRAPH, False, False, LineKind.FOOTER),
    ("مصدر الخبر", LineKind.PARAGRAPH, False, False, LineKind.FOOTER),
    ("نشرت في: 05/02/2022 – 11:10", LineKind.TITLE, False, True, LineKind.DATELINE),
    ("بكين – مصدر الإخبارية", LineKind.PARAGRAPH, False, True, LineKind.DATELINE),
    ("فرانس24/أ ف ب/رويترز", LineKind.PARAGRAPH, False, False, LineKind.CREDIT),
    ("Sputnik", LineKind.PARAGRAPH, False, False, LineKind.CREDIT),
    ("• وفي قمة بكين، أكد الرئيسان العلاقات.", None, True, True, LineKind.BULLET),
    ("بوتين وشي جينبينغ يعلنان عن شراكة", None, True, True, LineKind.TITLE),
    ("وقال بوتين إن العلاقات قوية.", None, True, True, LineKind.PARAGRAPH),
    ("وتظل الحرب محورا رئيسيا", LineKind.PARAGRAPH, False, False, LineKind.HEADING),
    ("رد أمريكي", LineKind.PARAGRAPH, False, False, LineKind.HEADING),
    ("بوتين يوقع مرسوما لتشكيل الحكومة الروسية الجديدة يشمل استبدال وزير الدفاع", LineKind.PARAGRAPH, False, False, LineKind.RELATED),
    ("رسائل بوتين من بكين.. النظام العالمي", LineKind.PARAGRAPH, False, False, LineKind.RELATED),
    ("الكرملين: ستتم مناقشة أوكرانيا", LineKind.PARAGRAPH, False, False, LineKind.RELATED),
    ("لقاء القمة... صور وفيديو", LineKind.PARAGRAPH, False, False, LineKind.RELATED),
    ("“يجب على الولايات المتحدة أن تتخلى عن هذا السلوك”.", LineKind.PARAGRAPH, False, False, LineKind.PARAGRAPH),
]


@pytest.mark.parametrize("line, previous, first, preamble, expected", CLASSIFY, ids=[c[0][:30] for c in CLASSIFY])
def test_classify(line, previous, first, preamble, expected):
    assert classify(line, previous, first, preamble)[0] is expected


def test_standfirst_after_title_is_a_paragraph():
    parsed = parse_text("عنوان المقال\nوفي حين أن هناك الكثير من الخلافات بين بكين وموسكو إلا أنهما في نفس المعسكر الجيوسياسي الآن\nفقرة.\n")
    assert [b.kind for b in parsed.blocks] == [LineKind.TITLE, LineKind.PARAGRAPH, LineKind.PARAGRAPH]


def test_blocks_are_slices_of_the_clean_text():
    parsed = parse_text("عنوان\n\n• نقطة أولى.\n  • نقطة ثانية.\nفقرة.\nشاركها\n")
    assert [parsed.text[b.start : b.end] for b in parsed.blocks] == ["عنوان", "نقطة أولى.", "نقطة ثانية.", "فقرة."]
    assert parsed.text == "عنوان\n\nنقطة أولى.\n\nنقطة ثانية.\n\nفقرة."
    assert [(r.line, r.kind) for r in parsed.removed] == [(6, LineKind.FOOTER)]


@pytest.mark.parametrize("ending", ["\n", "\r\n", "\r"])
def test_line_numbers_count_any_line_ending(ending):
    parsed = parse_text(ending.join(["عنوان", "فقرة أولى.", "", "شاركها", "فقرة ثانية."]))
    assert [b.line for b in parsed.blocks] == [1, 2, 5]
    assert parsed.removed[0].line == 4


def test_byte_order_mark_is_not_text():
    parsed = parse_article(SourceFile("seeds/x.txt", "\ufeffعنوان\nفقرة.".encode()), meta())
    assert parsed.text.startswith("عنوان")


def test_override_wins_over_the_heuristics():
    parsed = parse_text("عنوان\nفقرة.\nسطر قصير\n", line_kinds=[(3, LineKind.RELATED)])
    assert parsed.removed[0].kind is LineKind.RELATED and parsed.removed[0].rule is LineRule.OVERRIDE


def test_seed_004_has_its_five_section_headings():
    parsed = parse_seed("004_f0ad7be50af453a6.txt")
    headings = [parsed.text[b.start : b.end] for b in parsed.blocks if b.kind is LineKind.HEADING]
    assert headings == [
        "وما زالوا لا يحبون أمريكا",
        "وتظل الحرب محورا رئيسيا",
        "ويدعم كل منهما الآخر فيما يتعلق بأوكرانيا وتايوان",
        "سيرجي شويجو لا يزال في صالحه",
        "محادثات المال",
    ]
    assert parsed.source_title == "التلغراف البريطانية: خمسة أشياء تعلمناها من قمة شي-بوتين"
    assert [(r.line, r.kind) for r in parsed.removed] == [(5, LineKind.DATELINE)]


def test_seed_001_bullet_summary_and_boilerplate():
    parsed = parse_seed("001_12e085e4f21e55fb.txt")
    bullets = [b for b in parsed.blocks if b.kind is LineKind.BULLET]
    assert [b.line for b in bullets] == [1, 2, 3]
    assert parsed.source_title is None
    assert [(r.line, r.kind) for r in parsed.removed] == [
        (11, LineKind.RELATED),
        (21, LineKind.RELATED),
        (57, LineKind.FOOTER),
        (58, LineKind.FOOTER),
        (60, LineKind.FOOTER),
    ]


def test_seed_000_related_headlines_are_out_of_the_text():
    parsed = parse_seed("000_d23b1a3323a7a15f.txt")
    assert [(r.line, r.kind) for r in parsed.removed] == [
        (4, LineKind.CREDIT),
        (7, LineKind.RELATED),
        (13, LineKind.RELATED),
        (17, LineKind.RELATED),
        (19, LineKind.RELATED),
        (26, LineKind.FOOTER),
    ]
    assert "يتدحرج من كييف" not in parsed.text and "Sputnik" not in parsed.text


def test_seed_002_dateline_credit_and_footers():
    parsed = parse_seed("002_75c0f02aeffcf6cd.txt")
    assert [(r.line, r.kind) for r in parsed.removed] == [
        (2, LineKind.DATELINE),
        (19, LineKind.CREDIT),
        (20, LineKind.FOOTER),
        (21, LineKind.FOOTER),
    ]
    assert [b.line for b in parsed.blocks if b.kind is LineKind.HEADING] == [10, 15]


def test_seed_003_counter_footer():
    parsed = parse_seed("003_1fc78112d3480c43.txt")
    assert [(r.line, r.kind) for r in parsed.removed] == [(20, LineKind.FOOTER), (21, LineKind.FOOTER)]
    assert parsed.source_title is None


# ------------------------------------------------------------- fuzzing

LINE_PIECES = st.sampled_from(
    ["بوتين", "قال", " ", ".", "..", "…", ":", "؟", "!", "،", "«", "»", '"', "-", "–", "|", "/", "•", "*", "+A", "-A",
     "13-7-2025", "17:21", "Sputnik", "آخر تحديث", "اقرأ أيضا", "شاركها", "\t", "\u00a0", "\u200f", "ً", "ـ", "1", "٢"]
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(LINE_PIECES, min_size=1, max_size=300), st.booleans(), st.booleans())
def test_any_line_is_classified_in_bounded_time(pieces, is_first, in_preamble):
    line = "".join(pieces).strip() or "x"
    started = time.perf_counter()
    kind, rule = classify(line, None, is_first, in_preamble)
    assert isinstance(kind, LineKind) and isinstance(rule, LineRule)
    assert time.perf_counter() - started < 0.5


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.lists(LINE_PIECES, max_size=40).map("".join), max_size=60))
def test_any_text_parses_into_blocks_of_its_lines(lines):
    parsed = parse_text("\n".join(lines))
    content = [parsed.text[b.start : b.end] for b in parsed.blocks]
    assert "\n\n".join(content) == parsed.text
    assert all(b.kind.is_content for b in parsed.blocks) and all(not r.kind.is_content for r in parsed.removed)
    numbers = sorted([b.line for b in parsed.blocks] + [r.line for r in parsed.removed])
    assert numbers == sorted(set(numbers))  # a line is one block or one removed line, never both
    assert len(numbers) == sum(1 for line in lines if line.strip(" \t\u00a0\u200f"))
