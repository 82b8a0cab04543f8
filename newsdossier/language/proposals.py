"""A summit and a date for an article the analyst has not curated yet.

Dates are read from the text (the article and its removed lines, where
publication stamps live): 05/02/2022, 5 فبراير 2022, 17 أيار/مايو 2024,
فبراير/شباط 2022. A summit is proposed when a date falls within a week of it
(the closest wins), or — with no date at all — when the text names the place
of exactly one summit. Otherwise the article stays unassigned. Proposals are
shown as proposals on the article page and in the build report; they never
change dossier/.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from ..models.article import Article
from ..models.curation import Summit
from ..models.errors import BuildWarning
from .dates import dates_in

WINDOW_DAYS = 7  # a date this close to a summit proposes it


@dataclass(frozen=True)
class Proposal:
    summit: str | None
    date: dt.date | None
    reason: str  # in Arabic, shown on the page


def propose(article: Article, summits: tuple[Summit, ...]) -> Proposal:
    text = article.text + "\n" + "\n".join(line.text for line in article.parsed.removed)
    dates = sorted(set(dates_in(text)) | ({article.parsed.published} if article.parsed.published else set()))
    best = None
    for date in dates:
        for summit in summits:
            # In days, never by adding to a date: a summit at the end of the
            # calendar (9999-12-31) has no date a week after it.
            distance = max((summit.start - date).days, (date - summit.end).days, 0)
            if distance <= WINDOW_DAYS and (
                best is None or (distance, summit.start) < (best[0], best[1].start)
            ):
                best = (distance, summit, date)
    if best is not None:
        _, summit, date = best
        return Proposal(summit.id, date, f"تاريخ في النص ({date.isoformat()}) قريب من موعد القمة")
    named = {m.entity_id for m in article.mentions}
    by_place = [s for s in summits if s.place in named]
    if not dates and len(by_place) == 1:
        return Proposal(by_place[0].id, None, "النص يذكر مكان القمة الوحيدة فيه")
    return Proposal(None, max(dates) if dates else None, "لا تاريخ ولا مكان في النص يدلان على قمة")


def propose_summits(
    articles: tuple[Article, ...], summits: tuple[Summit, ...]
) -> tuple[tuple[Article, ...], tuple[BuildWarning, ...]]:
    """Uncurated articles with a proposed summit and date; a warning for each."""
    result, warnings = [], []
    for article in articles:
        if article.meta.curated:
            result.append(article)
            continue
        proposal = propose(article, summits)
        meta = replace(article.meta, summit=proposal.summit, date=proposal.date, proposal=proposal.reason)
        result.append(replace(article, parsed=replace(article.parsed, meta=meta)))
        summit = f"summit `{proposal.summit}` proposed" if proposal.summit else "no summit found (unassigned)"
        date = f", date {proposal.date.isoformat()}" if proposal.date else ""
        warnings.append(
            BuildWarning(
                f"seeds/{article.meta.source_file}", None, f"{summit}{date}: add it to dossier/articles.yaml"
            )
        )
    return tuple(result), tuple(warnings)
