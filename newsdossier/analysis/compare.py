"""Two summits' coverage side by side: who appears in one only, and how the
shared names' share of all mentions moved."""

from __future__ import annotations

from ..models.dossier import Comparison, ShareChange, SummitLinks


def compare(first: SummitLinks, second: SummitLinks, outlet_names: dict[str, str]) -> Comparison:
    """What changed from one summit's coverage (`first`, the earlier) to another's."""
    counts_first = {c.entity_id: c.count for c in first.entity_counts}
    counts_second = {c.entity_id: c.count for c in second.entity_counts}
    total_first, total_second = sum(counts_first.values()) or 1, sum(counts_second.values()) or 1
    shared = [
        ShareChange(
            entity_id,
            counts_first[entity_id],
            counts_second[entity_id],
            round(100 * counts_first[entity_id] / total_first, 1),
            round(100 * counts_second[entity_id] / total_second, 1),
        )
        for entity_id in sorted(counts_first.keys() & counts_second.keys())
    ]
    return Comparison(
        first=first.summit_id,
        second=second.summit_id,
        only_first=tuple(c for c in first.entity_counts if c.entity_id not in counts_second),
        only_second=tuple(c for c in second.entity_counts if c.entity_id not in counts_first),
        shared=tuple(sorted(shared, key=lambda s: (-s.change, s.entity_id))),
        outlets_first=tuple(sorted({outlet_names[a] for a in first.article_ids})),
        outlets_second=tuple(sorted({outlet_names[a] for a in second.article_ids})),
    )


def compare_all(
    summit_links: tuple[SummitLinks, ...], outlet_names: dict[str, str]
) -> tuple[Comparison, ...]:
    """Every pair of summits, the earlier first: a third summit brings two
    new comparisons without any change here."""
    return tuple(
        compare(summit_links[i], summit_links[j], outlet_names)
        for i in range(len(summit_links))
        for j in range(i + 1, len(summit_links))
    )
