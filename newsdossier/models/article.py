"""One article through the per-article steps: its lines classified
(`ParsedArticle`), then its mentions, quotations and candidate names
(`Article`). Every span is an offset pair into the article's clean text."""

from __future__ import annotations

import sys
from dataclasses import dataclass, field, fields

from .curation import ArticleMeta
from .dates import PartialDate
from .kinds import Attribution, CandidateSource, EntityType, Evidence, LineKind, LineRule

# ---------------------------------------------------------------- parsing


@dataclass(frozen=True, slots=True)
class Block:
    """A piece of clean article content: `text[start:end]` of its article."""

    kind: LineKind
    line: int  # line number in the source file
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class RemovedLine:
    """A source line kept out of the clean text, and why."""

    line: int
    kind: LineKind
    text: str
    rule: LineRule


@dataclass(frozen=True, slots=True)
class Problem:
    """Something wrong with a seed file that the build could work around."""

    line: int | None
    message: str  # for the build report
    message_ar: str  # for the article page


@dataclass(frozen=True, slots=True)
class ParsedArticle:
    meta: ArticleMeta
    # (The decoded source is not kept: the source page reads the seed again,
    # so that ten thousand articles do not hold their text twice in memory.)
    text: str  # clean text: content blocks joined by blank lines
    blocks: tuple[Block, ...]
    removed: tuple[RemovedLine, ...]
    problems: tuple[Problem, ...] = ()
    published: PartialDate | None = None  # the date a saved web page gives itself, at its precision
    site_name: str | None = None  # the name a saved web page gives its site
    # The language of its text (BCP 47: "ar", "en", "fa" …; "und" when it
    # cannot be told). Only Arabic text goes through the Arabic line rules and
    # into the Arabic counts; the others are published with their language.
    language: str = "ar"
    # Its words' digest and MinHash signature, for the copy check
    # (language/duplicates.py): made with the analysis, cached with it.
    text_print: bytes = field(default=b"", repr=False)

    @property
    def has_text(self) -> bool:
        """Whether it has any content (an article without is not published).
        (A property, not `blocks` read, so that an article held without its
        body, `analysis.holding.LazyParsed`, answers without reading it.)"""
        return bool(self.blocks)

    @property
    def headline(self) -> str:
        """The text's headline, else its first words ("" for no text)."""
        return self.source_title or _first_words(self.text)

    @property
    def source_title(self) -> str | None:
        first = self.blocks[0] if self.blocks else None
        return self.text[first.start : first.end] if first and first.kind is LineKind.TITLE else None


# ---------------------------------------------------------------- analysis


@dataclass(frozen=True, slots=True)
class Mention:
    """One occurrence of an entity: `article.text[start:end] == surface`.

    The span leaves out proclitics written before the name (و، ف، ب، ك، ل)
    except where ل fuses with the name's ال (للصين): there the span is the
    whole written form. `name_form` is the name as the article spells it,
    with the ال restored in the fused case.
    """

    entity_id: str
    start: int
    end: int
    surface: str
    name_form: str
    sentence_start: int
    sentence_end: int
    # A descriptive reference («الرئيس الصيني» for Xi in his tenure), not
    # his name: shown distinctly and counted apart from name mentions.
    descriptive: bool = False

    def __setstate__(self, state) -> None:
        # Unpickled (from the cache, from a worker): the spellings repeat in
        # every article, so each is kept once in memory.
        for name, value in zip(fields(self), state):
            object.__setattr__(self, name.name, sys.intern(value) if isinstance(value, str) else value)


@dataclass(frozen=True, slots=True)
class Candidate:
    """A name in the text that is not in the gazetteer (yet)."""

    start: int
    end: int
    surface: str
    key: str  # match key, to count spellings together
    type: EntityType  # guessed
    source: CandidateSource
    sentence_start: int
    sentence_end: int
    evidence: Evidence = Evidence(0)  # which finders and patterns saw it (none for a repeat)
    chances: tuple[float, ...] = ()  # the model's probability of each word being a name (if it ran)
    # The model's probability that the word right before, and right after, is a name: (before,
    # after), 0 where no word joins it (punctuation, the sentence's edge) or the model did not read
    # it; empty where the model did not run. A name whose next word is likely a name is likely cut
    # short (`language.names.learnt`).
    around: tuple[float, ...] = ()


@dataclass(frozen=True, slots=True)
class Quote:
    """A quotation: `article.text[start:end] == text` (inside the marks)."""

    start: int
    end: int
    text: str
    speaker: str | None  # entity id
    attribution: Attribution
    verb: str | None  # the reporting verb as written
    line: int  # source line of its paragraph


@dataclass(frozen=True, slots=True)
class Term:
    """A content word an article repeats (see language/terms.py)."""

    key: str  # the same for the word with and without ال and proclitics
    written: str  # as the article most often writes it
    count: int


@dataclass(frozen=True, slots=True)
class Article:
    parsed: ParsedArticle
    mentions: tuple[Mention, ...]  # sorted by start
    quotes: tuple[Quote, ...] = ()  # sorted by start
    phrases: tuple[str, ...] = ()  # short quoted terms («حقبة جديدة»), in text order
    candidates: tuple[Candidate, ...] = ()  # sorted by start
    terms: tuple[Term, ...] = ()  # the content words it repeats, most frequent first

    @property
    def meta(self) -> ArticleMeta:
        return self.parsed.meta

    @property
    def id(self) -> str:
        return self.parsed.meta.id

    @property
    def text(self) -> str:
        return self.parsed.text

    @property
    def title(self) -> str:
        """The analyst's title, else the text's headline, else its first words."""
        return self.meta.title or self.parsed.headline or self.meta.source_file


def _first_words(text: str, count: int = 12) -> str:
    words = text.split()
    return " ".join(words[:count]) + ("…" if len(words) > count else "")
