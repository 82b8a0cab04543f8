"""A seed's lines into clean content blocks and labelled boilerplate.

The seed is read by the reader for its file type (`inputs.readers`); its
lines are classified by `lines.classify_page`, after the analyst's
overrides (`line_kinds` in dossier/articles.yaml), which always win. The
content lines become `Block`s of the clean text, joined by blank lines;
every other line is kept as a `RemovedLine` with its kind and the rule that
decided it, and shown on the source page: nothing is dropped silently.
"""

from __future__ import annotations

import re

from ..inputs.readers import SeedText, read_seed
from ..models.article import Block, ParsedArticle, Problem, RemovedLine
from ..models.curation import ArticleMeta
from ..models.dates import PartialDate
from ..models.errors import DossierError
from ..models.inputs import SourceFile
from ..models.kinds import LineKind, LineRule
from .dates import page_date
from .duplicates import text_print
from .languages import ARABIC, detect_language
from .lines import STRIP, classify_page, strip_bullet

# Words cut with a dot between tatweels to dodge filters («قطـ.ـعها»): whole again.
_OBFUSCATED = re.compile(r"\u0640+\.\u0640+")


def _check_overrides(meta: ArticleMeta, source: SourceFile, lines: list[str]) -> dict[int, LineKind]:
    overrides = dict(meta.line_kinds)
    for number in sorted(overrides):
        if not 1 <= number <= len(lines) or not lines[number - 1].strip(STRIP):
            raise DossierError(
                "dossier/articles.yaml",
                meta.defined_at,
                f"article `{meta.id}` overrides line {number} of {source.path}, which is not a non-empty "
                "line of that file",
            )
    titles = sorted(n for n, kind in overrides.items() if kind is LineKind.TITLE)
    if len(titles) > 1:
        raise DossierError(
            "dossier/articles.yaml",
            meta.defined_at,
            f"article `{meta.id}` makes lines {titles[0]} and {titles[1]} its title: only one can be",
        )
    return overrides


def _kinds(
    numbered: list[tuple[int, str]], overrides: dict[int, LineKind]
) -> dict[int, tuple[LineKind, LineRule]]:
    kinds = classify_page(numbered)
    if any(
        kind is LineKind.TITLE for kind in overrides.values()
    ):  # the analyst's title replaces the found one
        kinds = {
            n: (LineKind.FOOTER, LineRule.BEFORE_HEADLINE) if kind is LineKind.TITLE else (kind, rule)
            for n, (kind, rule) in kinds.items()
        }
    kinds.update({number: (kind, LineRule.OVERRIDE) for number, kind in overrides.items()})
    return kinds


def _other_language_kinds(
    numbered: list[tuple[int, str]], overrides: dict[int, LineKind]
) -> dict[int, tuple[LineKind, LineRule]]:
    """The lines of a text in another language, as the reader (or the page's
    extractor) gave them: the Arabic line rules would take every line for
    furniture. The first line is the title when it reads as one (short, no
    full stop); a line printed twice is a duplicate; the rest is text."""
    kinds, seen = {}, set()
    for index, (number, line) in enumerate(numbered):
        if line in seen:
            kinds[number] = (LineKind.DUPLICATE, LineRule.REPEATED)
        elif index == 0 and len(line.split()) <= 20 and not line.endswith((".", "!", "?", "…")):
            kinds[number] = (LineKind.TITLE, LineRule.OTHER_LANGUAGE)
        else:
            kinds[number] = (LineKind.PARAGRAPH, LineRule.OTHER_LANGUAGE)
        seen.add(line)
    if any(kind is LineKind.TITLE for kind in overrides.values()):
        kinds = {n: (LineKind.PARAGRAPH, r) if k is LineKind.TITLE else (k, r) for n, (k, r) in kinds.items()}
    kinds.update({number: (kind, LineRule.OVERRIDE) for number, kind in overrides.items()})
    return kinds


def _published(seed: SeedText, removed: list[RemovedLine]) -> tuple[PartialDate | None, list[Problem]]:
    """A saved page's own date, reconciled from its markup, its address and
    its visible date line (the page's date elements, then its dateline
    lines), at the precision they give."""
    if seed.dates is None:
        return None, []
    datelines = [r.text for r in removed if r.kind is LineKind.DATELINE]
    found = page_date(seed.dates, datelines)
    if found.date is None or not found.conflict:
        return found.date, []
    message = (
        f"the page's dates disagree: took {found.date.isoformat()} from the {found.source}, but the "
        f"{found.conflict}; check the date in dossier/articles.yaml"
    )
    return found.date, [Problem(None, message, "تواريخ الصفحة متعارضة؛ راجع تاريخ المقال.")]


def parse_article(source: SourceFile, meta: ArticleMeta) -> ParsedArticle:
    seed = read_seed(source)
    lines, problems = seed.lines, list(seed.problems)
    overrides = _check_overrides(meta, source, lines)
    numbered = [(n, line.strip(STRIP)) for n, line in enumerate(lines, start=1) if line.strip(STRIP)]
    language = detect_language(seed.raw_text, seed.declared_language)
    classify = _kinds if language == ARABIC else _other_language_kinds
    kinds = classify(numbered, overrides)
    # The title first: it heads the clean text wherever it stood on the page.
    ordered = sorted(numbered, key=lambda item: (kinds[item[0]][0] is not LineKind.TITLE, item[0]))
    parts, blocks, removed, offset = [], [], [], 0
    for number, line in ordered:
        kind, rule = kinds[number]
        if not kind.is_content:
            removed.append(RemovedLine(number, kind, line, rule))
            continue
        content = _OBFUSCATED.sub("", strip_bullet(line) if kind is LineKind.BULLET else line)
        offset += 2 if parts else 0  # the blank line that joins blocks
        blocks.append(Block(kind, number, offset, offset + len(content)))
        parts.append(content)
        offset += len(content)
    if not blocks:
        # Nothing to publish; the other articles still are (see steps.publishable).
        what = f"only boilerplate ({len(removed)} lines)" if removed else "no text"
        problems.append(Problem(None, f"article has {what}: left out of the site", "لا نص للمقال."))
    removed.sort(key=lambda r: r.line)
    published, disagreement = _published(seed, removed)
    text = "\n\n".join(parts)
    return ParsedArticle(
        meta,
        text,
        tuple(blocks),
        tuple(removed),
        tuple(problems + disagreement),
        published,
        seed.site_name,
        language,
        text_print(text) if blocks else b"",
    )
