"""A summit and a date for uncurated articles: only what the dates decide."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from newsdossier.language.proposals import propose, propose_summits
from newsdossier.language.steps import ArticleAnalysis
from newsdossier.models.curation import ArticleMeta, Summit
from newsdossier.models.dates import PartialDate
from newsdossier.models.inputs import SourceFile

SUMMITS = (
    Summit("beijing-2022", "قمة", "Summit", dt.date(2022, 2, 4), dt.date(2022, 2, 4), "beijing", ""),
    Summit("moscow-2022", "قمة", "Summit", dt.date(2022, 2, 20), dt.date(2022, 2, 21), "moscow", ""),
    Summit("beijing-2024", "قمة", "Summit", dt.date(2024, 5, 16), dt.date(2024, 5, 17), "beijing", ""),
)
ANALYSE = ArticleAnalysis(()).make()


def article(text: str, published: PartialDate | None = None):
    meta = ArticleMeta("x", "x.txt", None, None, None, "", (), None, (), False, None)
    parsed = ANALYSE(SourceFile("seeds/x.txt", f"عنوان الخبر عن القمة الأخيرة\n{text}\n".encode()), meta)
    return replace(parsed, parsed=replace(parsed.parsed, published=published))


CASES = [
    # (text, page date, summit, date)
    ("وصل الرئيس في 5 فبراير 2022 إلى العاصمة.", None, "beijing-2022", PartialDate(2022, 2, 5)),
    ("وصل الرئيس في 17 أيار/مايو 2024 إلى العاصمة.", None, "beijing-2024", PartialDate(2024, 5, 17)),
    # A month near one summit only decides; near two, nothing.
    ("جرت المحادثات في مايو 2024 في العاصمة.", None, "beijing-2024", PartialDate(2024, 5)),
    ("جرت المحادثات في فبراير 2022 في العاصمة.", None, None, PartialDate(2022, 2)),
    # The page's own month, stored as a month.
    ("جرت المحادثات في العاصمة.", PartialDate(2024, 5), "beijing-2024", PartialDate(2024, 5)),
    ("جرت المحادثات في العاصمة.", PartialDate(2022, 2), None, PartialDate(2022, 2)),
    # A day beats a month: the page says February, the text the 20th.
    ("التقى الرئيسان في 20 فبراير 2022.", PartialDate(2022, 2), "moscow-2022", PartialDate(2022, 2)),
    ("جرت المحادثات عام 2023 في العاصمة.", None, None, None),
]


@pytest.mark.parametrize("text, published, summit, date", CASES, ids=[c[0][:30] for c in CASES])
def test_a_summit_only_when_the_known_precision_decides(text, published, summit, date):
    proposal = propose(article(text, published), SUMMITS)
    assert (proposal.summit, proposal.date) == (summit, date)


def test_a_month_near_two_summits_says_so_in_the_warning():
    _, warnings = propose_summits((article("جرت المحادثات في فبراير 2022 في العاصمة."),), SUMMITS)
    assert warnings[0].message == (
        "no summit found (unassigned: the date 2022-02 is a month near `beijing-2022` and `moscow-2022`: "
        "it decides nothing), date 2022-02 (a month only): add it to dossier/articles.yaml"
    )


def test_the_memo_gives_each_articles_proposal_by_key_for_the_same_summits(monkeypatch):
    from newsdossier.language import proposals

    articles = [article(text, published) for text, published, _, _ in CASES[:3]]
    whole = [propose(a, SUMMITS) for a in articles]
    made = []
    monkeypatch.setattr(proposals, "propose", lambda a, s: made.append(a) or propose(a, s))
    memo = proposals.ProposalMemo()
    # (keys, summits, how many made, ...): each case after the one before, in one memo.
    steps = [
        (["a", "b", "c"], SUMMITS, 3),  # a new memo: every one made
        (["a", "b", "c"], SUMMITS, 0),  # the same: none
        (["a", "b", "d"], SUMMITS, 1),  # one key changed (an edit): that one
        (["a", "b", "d"], SUMMITS[:2], 3),  # other summits: every one again
        (["a", "b", "d"], tuple(replace(s, title_ar="عنوان", summary_md="ملخص") for s in SUMMITS[:2]), 0),
        (["a", "b", "d"], (replace(SUMMITS[0], place="moscow"), SUMMITS[1]), 3),  # a place: again
    ]
    for keys, summits, count in steps:
        made.clear()
        memo.changed = False
        found = memo.proposals(articles, keys, summits)
        assert len(made) == count and memo.changed == bool(count)
        assert found == [propose(a, summits) for a in articles] and set(memo.by_key) == set(keys)
    assert whole == [propose(a, SUMMITS) for a in articles]
