"""Turn a raw article into clean content blocks and labelled boilerplate.

Copy-pasted news text mixes the article with site furniture. Every line is
classified, in this order (the first rule that applies wins):

1. the analyst's override for that line in dossier/articles.yaml;
2. footer: a known site phrase (شاركها، اترك تعليقاً، Exit mobile version…),
   a line of numbers only (share counters such as "310 310"), or
   punctuation only;
3. dateline: a publication stamp (نشرت في: …) or a short "place – outlet"
   line before the article starts;
4. credit: a short line of agency names separated by "/", or a short line
   in Latin script only (Sputnik);
5. bullet: a line starting with a bullet sign;
6. title: the first line, when it has no sentence-final punctuation;
7. standfirst: the unpunctuated line right after the title, kept as a
   paragraph;
8. a line with no sentence-final punctuation inside the text is a section
   heading when short (at most 8 words) and a related-article headline when
   longer or when shaped like one ("..", "…", "X: Y", "صور وفيديو");
9. anything else is a paragraph.

Nothing is dropped: non-content lines are returned as `RemovedLine`s.
"""

from __future__ import annotations

import re

from ..inputs.readers import read_seed
from ..models.article import Block, ParsedArticle, Problem, RemovedLine
from ..models.kinds import LineKind, LineRule
from ..models.curation import ArticleMeta
from ..models.errors import DossierError
from ..models.inputs import SourceFile
from .normalize import BIDI_CONTROLS, match_key

FOOTER_PHRASES = frozenset(
    match_key(p)
    for p in (
        "شاركها",
        "شارك",
        "اترك تعليقاً",
        "اترك تعليقا",
        "أضف تعليقاً",
        "Exit mobile version",
        "مناقشة",
        "مصدر الخبر",
        "للمزيد Facebook",
        "اقرأ أيضاً",
        "اقرأ أيضا",
        "تابعونا",
    )
)

HEADING_MAX_WORDS = 8
TITLE_MAX_WORDS = 30
CREDIT_MAX_WORDS = 6
DATELINE_MAX_WORDS = 5

_STRIP = "".join(BIDI_CONTROLS) + " \t\u00a0"
_BULLET = re.compile(r"^[•●▪◦·∙‣*-]\s+")
# Sentence-final punctuation, possibly followed by closing quotes/brackets.
# (A function, not a regular expression searched for at the end: on a long
# run of dots the search would take quadratic time.)
_SENTENCE_END = ".!?؟…:؛"
_CLOSERS = "\"'”»’)]"


def ends_sentence(line: str) -> bool:
    return line.rstrip(_CLOSERS)[-1:] in tuple(_SENTENCE_END)
_NUMBERS_ONLY = re.compile(r"^(?=.*[\d٠-٩])[\d\s٠-٩.,،]+$")
_PUNCTUATION_ONLY = re.compile(r"^[^\w]+$")
_LATIN_ONLY = re.compile(r"^[A-Za-z0-9 .,&'’-]+$")
_PUBLISHED = re.compile(r"^(نشرت?|تاريخ النشر|آخر تحديث|اخر تحديث)\b")
_PLACE_DASH_OUTLET = re.compile(r"^\S+(\s\S+)?\s+[–—-]\s+\S.*$")
# Shapes of a headline: "A.. B", "A… B", "Name: claim", "... صور وفيديو".
_HEADLINE_SHAPE = re.compile(r"\.\.|…|^\S+(\s\S+)?:\s|(صور|فيديو)$")


def word_count(line: str) -> int:
    return len(line.split())


def classify_boilerplate(line: str, before_content: bool) -> tuple[LineKind, LineRule] | None:
    """Rules 2–4: the line's kind if it is site furniture, else None."""
    key = match_key(line).strip(" .،,:")
    if key in FOOTER_PHRASES:
        return LineKind.FOOTER, LineRule.SITE_PHRASE
    if _NUMBERS_ONLY.match(line):
        return LineKind.FOOTER, LineRule.NUMBERS_ONLY
    if _PUNCTUATION_ONLY.match(line):
        return LineKind.FOOTER, LineRule.PUNCTUATION_ONLY
    if _PUBLISHED.match(line):
        return LineKind.DATELINE, LineRule.PUBLICATION_STAMP
    if before_content and word_count(line) <= DATELINE_MAX_WORDS and _PLACE_DASH_OUTLET.match(line) and not ends_sentence(line):
        return LineKind.DATELINE, LineRule.PLACE_OUTLET
    if word_count(line) <= CREDIT_MAX_WORDS and not ends_sentence(line):
        if "/" in line:
            return LineKind.CREDIT, LineRule.AGENCY_LIST
        if _LATIN_ONLY.match(line):
            return LineKind.CREDIT, LineRule.LATIN_NAME
    return None


def classify(line: str, previous_kind: LineKind | None, is_first: bool, in_preamble: bool) -> tuple[LineKind, LineRule]:
    """The kind of one non-empty, stripped line, with the rule that decided it.

    `in_preamble`: no body text yet, only a title and standfirst, if any.
    """
    boilerplate = classify_boilerplate(line, before_content=in_preamble)
    if boilerplate:
        return boilerplate
    if _BULLET.match(line):
        return LineKind.BULLET, LineRule.BULLET_SIGN
    punctuated = ends_sentence(line)
    if punctuated:
        return LineKind.PARAGRAPH, LineRule.SENTENCE
    if is_first and word_count(line) <= TITLE_MAX_WORDS:
        return LineKind.TITLE, LineRule.FIRST_LINE
    if previous_kind is LineKind.TITLE:
        return LineKind.PARAGRAPH, LineRule.STANDFIRST
    if _HEADLINE_SHAPE.search(line):
        return LineKind.RELATED, LineRule.HEADLINE_SHAPE
    if word_count(line) > HEADING_MAX_WORDS:
        return LineKind.RELATED, LineRule.LONG_UNPUNCTUATED
    return LineKind.HEADING, LineRule.SHORT_UNPUNCTUATED


def parse_article(source: SourceFile, meta: ArticleMeta) -> ParsedArticle:
    seed = read_seed(source)
    raw_text, problems, lines = seed.raw_text, list(seed.problems), seed.lines
    overrides = dict(meta.line_kinds)
    for number in sorted(overrides):
        if not 1 <= number <= len(lines) or not lines[number - 1].strip(_STRIP):
            raise DossierError(
                "dossier/articles.yaml",
                meta.defined_at,
                f"article `{meta.id}` overrides line {number} of {source.path}, which is not a non-empty line of that file",
            )

    parts: list[str] = []
    blocks: list[Block] = []
    removed: list[RemovedLine] = []
    offset = 0
    previous_kind: LineKind | None = None
    in_preamble = True
    for number, raw_line in enumerate(lines, start=1):
        line = raw_line.strip(_STRIP)
        if not line:
            continue
        if number in overrides:
            kind, rule = overrides[number], LineRule.OVERRIDE
            if kind is LineKind.TITLE and blocks:
                raise DossierError(
                    "dossier/articles.yaml",
                    meta.defined_at,
                    f"article `{meta.id}` makes line {number} of {source.path} its title, but line {blocks[0].line} "
                    "is text before it: only the first line of text can be the title (give `title:` instead)",
                )
        else:
            kind, rule = classify(line, previous_kind, previous_kind is None and not removed, in_preamble)
        if not kind.is_content:
            removed.append(RemovedLine(number, kind, line, rule))
            continue
        content = _BULLET.sub("", line) if kind is LineKind.BULLET else line
        if parts:
            offset += 2  # the blank line that joins blocks
        blocks.append(Block(kind, number, offset, offset + len(content)))
        parts.append(content)
        offset += len(content)
        previous_kind = kind
        in_preamble = in_preamble and (kind is LineKind.TITLE or rule is LineRule.STANDFIRST)

    if not blocks:
        # Nothing to publish; the other articles still are (see steps.publishable).
        what = f"only boilerplate ({len(removed)} lines)" if removed else "no text"
        problems.append(Problem(None, f"article has {what}: left out of the site", "لا نص للمقال."))
    return ParsedArticle(meta, raw_text, "\n\n".join(parts), tuple(blocks), tuple(removed), tuple(problems))
