import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsdossier.language.parse import parse_article
from newsdossier.models.curation import ArticleMeta
from newsdossier.models.inputs import SourceFile
from newsdossier.models.kinds import LineKind, LineRule
from tests.helpers import ROOT


def meta(source_file="x.txt", line_kinds=()):
    return ArticleMeta("x", source_file, None, None, None, "", (), None, tuple(line_kinds), True, 1)


def parse_text(text: str, **kwargs):
    return parse_article(SourceFile("seeds/x.txt", text.encode("utf-8")), meta(**kwargs))


def parse_seed(name: str):
    path = ROOT / "seeds" / name
    return parse_article(SourceFile(f"seeds/{name}", path.read_bytes()), meta(name))


def test_standfirst_after_title_is_a_paragraph():
    parsed = parse_text(
        "عنوان المقال عن القمة\n"
        "وفي حين أن هناك الكثير من الخلافات بين بكين وموسكو إلا أنهما في نفس المعسكر الجيوسياسي الآن\n"
        "وقال الرئيس إن القمة ناجحة.\n"
    )
    assert [b.kind for b in parsed.blocks] == [LineKind.TITLE, LineKind.PARAGRAPH, LineKind.PARAGRAPH]


def test_blocks_are_slices_of_the_clean_text():
    parsed = parse_text(
        "عنوان عن القمة في بكين\n\n• نقطة أولى عن القمة.\n  • نقطة ثانية عن القمة.\n"
        "فقرة عن الزيارة الرسمية.\nشاركها\n"
    )
    blocks = [
        "عنوان عن القمة في بكين",
        "نقطة أولى عن القمة.",
        "نقطة ثانية عن القمة.",
        "فقرة عن الزيارة الرسمية.",
    ]
    assert [parsed.text[b.start : b.end] for b in parsed.blocks] == blocks
    assert parsed.text == "\n\n".join(blocks)
    assert [(r.line, r.kind) for r in parsed.removed] == [(6, LineKind.FOOTER)]


@pytest.mark.parametrize("ending", ["\n", "\r\n", "\r"])
def test_line_numbers_count_any_line_ending(ending):
    parsed = parse_text(
        ending.join(
            [
                "عنوان عن القمة في بكين",
                "فقرة أولى عن الزيارة الرسمية.",
                "",
                "مشاركة",
                "فقرة ثانية عن الزيارة الرسمية.",
            ]
        )
    )
    assert [b.line for b in parsed.blocks] == [1, 2, 5]
    assert parsed.removed[0].line == 4


def test_byte_order_mark_is_not_text():
    parsed = parse_article(
        SourceFile("seeds/x.txt", "\ufeffعنوان عن القمة في بكين\nفقرة عن الزيارة الرسمية.".encode()), meta()
    )
    assert parsed.text.startswith("عنوان")


def test_override_wins_over_the_heuristics():
    parsed = parse_text(
        "عنوان عن القمة\nفقرة عن الزيارة الرسمية.\nسطر قصير\n", line_kinds=[(3, LineKind.RELATED)]
    )
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
    [
        "بوتين",
        "قال",
        " ",
        ".",
        "..",
        "…",
        ":",
        "؟",
        "!",
        "،",
        "«",
        "»",
        '"',
        "-",
        "–",
        "|",
        "/",
        "•",
        "*",
        "+A",
        "-A",
        "13-7-2025",
        "17:21",
        "Sputnik",
        "آخر تحديث",
        "اقرأ أيضا",
        "شاركها",
        "\t",
        "\u00a0",
        "\u200f",
        "ً",
        "ـ",
        "1",
        "٢",
    ]
)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.lists(LINE_PIECES, max_size=40).map("".join), max_size=60))
def test_any_text_parses_into_blocks_of_its_lines(lines):
    parsed = parse_text("\n".join(lines))
    content = [parsed.text[b.start : b.end] for b in parsed.blocks]
    assert "\n\n".join(content) == parsed.text
    assert all(b.kind.is_content for b in parsed.blocks) and all(
        not r.kind.is_content for r in parsed.removed
    )
    numbers = sorted([b.line for b in parsed.blocks] + [r.line for r in parsed.removed])
    assert numbers == sorted(set(numbers))  # a line is one block or one removed line, never both
    assert len(numbers) == sum(1 for line in lines if line.strip(" \t\u00a0\u200f"))
