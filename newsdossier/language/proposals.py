"""A summit and a date for an article the analyst has not curated yet.

Dates are read from the text (the article and its removed lines, where
publication stamps live): 05/02/2022, 5 فبراير 2022, 17 أيار/مايو 2024,
فبراير/شباط 2022, and the date a saved page gives itself. A summit is
proposed when a day falls within a week of it (the closest wins), when a
month or year is within a week of one summit only (a month near two summits
decides nothing, and the warning says so), or — with no date at all — when
the text names the place of exactly one summit. The proposed date is the
page's own date when it has one, at its precision. Otherwise the article stays unassigned. Proposals are
shown as proposals on the article page and in the build report; they never
change dossier/.

A proposal is a function of the article's analysis (its text, removed
lines, page date and names: what its cache key is made from) and of the
summits, so a build keeps them by key (`ProposalMemo`): an added article is
the one text searched for dates, not every uncurated article's (reading
dates in 1,000 texts was 0.3-0.5 s of every build that added one, and each
article's body was read back from the cache for it).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace

from ..models.article import Article
from ..models.curation import Summit
from ..models.dates import PartialDate
from ..models.errors import BuildWarning
from .dates import dates_in

WINDOW_DAYS = 7  # a date this close to a summit proposes it


@dataclass(frozen=True)
class Proposal:
    summit: str | None
    date: PartialDate | None
    reason: str  # in Arabic, shown on the page
    note: str | None = None  # in English, for the build warning: why no summit was decided


def _decided(date: PartialDate, summits: tuple[Summit, ...]) -> tuple[tuple | None, list[Summit]]:
    """(rank, days, start, summit) when `date` alone puts the article at one summit,
    and the summits it could be near when it cannot decide between them.

    A day decides for the closest summit within WINDOW_DAYS. A month or a year
    decides only when exactly one summit is within reach of any of its days:
    «فبراير 2022» with summits on 4 and 20 February decides nothing."""
    reach = [(date.days_from(s.start, s.end), s) for s in summits]
    reach = [(days, s) for days, s in reach if days[0] <= WINDOW_DAYS]
    if not reach:
        return None, []
    if date.exact is None and len(reach) > 1:
        return None, [s for _, s in reach]
    (nearest, _), summit = min(reach, key=lambda item: (item[0][0], item[1].start))
    # A day before a month or a year, then the closest, then the earliest summit.
    return (0 if date.exact else 1, nearest, summit.start, summit), []


def propose(article: Article, summits: tuple[Summit, ...]) -> Proposal:
    text = article.text + "\n" + "\n".join(line.text for line in article.parsed.removed)
    published = article.parsed.published
    dates = sorted(set(dates_in(text)) | ({published} if published else set()), key=PartialDate.sort_key)
    best, undecided = None, []
    for date in dates:
        decided, could_be = _decided(date, summits)
        undecided += [(date, could_be)] if could_be else []
        if decided and (best is None or decided[:3] < best[0][:3]):
            best = (decided, date)
    if best is not None:
        (*_, summit), date = best
        return Proposal(
            summit.id, published or date, f"تاريخ في النص ({date.isoformat()}) قريب من موعد القمة"
        )
    named = {m.entity_id for m in article.mentions}
    by_place = [s for s in summits if s.place in named]
    if not dates and len(by_place) == 1:
        return Proposal(by_place[0].id, None, "النص يذكر مكان القمة الوحيدة فيه")
    date = published or (dates[-1] if dates else None)
    if undecided:
        when, could_be = undecided[0]
        ids = " and ".join(f"`{s.id}`" for s in could_be)
        return Proposal(
            None,
            date,
            f"التاريخ ({when.isoformat()}) لا يحدد يومًا، وهو قريب من أكثر من قمة",
            f"the date {when.isoformat()} is a {when.precision.value} near {ids}: it decides nothing",
        )
    return Proposal(None, date, "لا تاريخ ولا مكان في النص يدلان على قمة")


@dataclass
class ProposalMemo:
    """The last build's proposals by article cache key, for the summits they
    were made against (other summits: every one made again). Kept between
    builds by the build layer (`build.cache.MemoFile`)."""

    summits: tuple = ()  # what a proposal reads of the summits (`_decisive`)
    by_key: dict[str, Proposal] = field(default_factory=dict)
    changed: bool = False

    def proposals(
        self, articles: list[Article], keys: list[str], summits: tuple[Summit, ...]
    ) -> list[Proposal]:
        """`propose` for each article (its key beside it), from the memo
        where it has it; the memo then holds these articles' only."""
        decisive = _decisive(summits)
        known = self.by_key if self.summits == decisive else {}
        found = []
        for article, key in zip(articles, keys, strict=True):
            proposal = known.get(key)
            found.append(propose(article, summits) if proposal is None else proposal)
        by_key = dict(zip(keys, found))
        if by_key != self.by_key or self.summits != decisive:
            self.summits, self.by_key, self.changed = decisive, by_key, True
        return found


def _decisive(summits: tuple[Summit, ...]) -> tuple:
    """What a proposal reads of the summits (`propose`, `_decided`): their
    ids, days and places, in order; a changed title or summary proposes
    nothing new."""
    return tuple((s.id, s.start, s.end, s.place) for s in summits)


def propose_summits(
    articles: tuple[Article, ...],
    summits: tuple[Summit, ...],
    memo: tuple[ProposalMemo, tuple[str, ...]] | None = None,
    copy: Callable = replace,
) -> tuple[tuple[Article, ...], tuple[BuildWarning, ...]]:
    """Uncurated articles with a proposed summit and date; a warning for
    each. `memo`: the last build's proposals and each article's cache key,
    in order. `copy`: how an article and its parse are copied with their
    new entry (`dataclasses.replace`; the build's keeps a held article
    without its body)."""
    uncurated = [i for i, article in enumerate(articles) if not article.meta.curated]
    these = [articles[i] for i in uncurated]
    if memo is None:
        found = [propose(article, summits) for article in these]
    else:
        found = memo[0].proposals(these, [memo[1][i] for i in uncurated], summits)
    result, warnings = list(articles), []
    for i, article, proposal in zip(uncurated, these, found, strict=True):
        meta = replace(article.meta, summit=proposal.summit, date=proposal.date, proposal=proposal.reason)
        result[i] = copy(article, parsed=copy(article.parsed, meta=meta))
        summit = (
            f"summit `{proposal.summit}` proposed"
            if proposal.summit
            else f"no summit found (unassigned: {proposal.note})"
            if proposal.note
            else "no summit found (unassigned)"
        )
        date = (
            f", date {proposal.date.isoformat()}"
            + ("" if proposal.date.exact else f" (a {proposal.date.precision.value} only)")
            if proposal.date
            else ""
        )
        warnings.append(
            BuildWarning(
                f"seeds/{article.meta.source_file}", None, f"{summit}{date}: add it to dossier/articles.yaml"
            )
        )
    return tuple(result), tuple(warnings)
