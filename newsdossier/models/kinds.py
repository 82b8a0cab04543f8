"""The kinds things come in: every closed set of values is an enum here."""

from __future__ import annotations

from enum import Enum, Flag, auto


class EntityType(str, Enum):
    # In display order: indexes and legends list the types in this order.
    PERSON = "person"
    PLACE = "place"
    ORGANISATION = "organisation"
    EVENT = "event"


class LineKind(str, Enum):
    """What one line of a source article is.

    The first four are article content; the rest are kept out of the clean
    text and out of entity counts, but shown on the article page.
    """

    TITLE = "title"
    HEADING = "heading"
    PARAGRAPH = "paragraph"
    BULLET = "bullet"
    RELATED = "related"  # headline of another article pasted into the text
    FOOTER = "footer"  # site furniture: share buttons, comment prompts, counters
    CREDIT = "credit"  # agency / outlet credit line
    DATELINE = "dateline"  # publication stamp or place–outlet dateline

    @property
    def is_content(self) -> bool:
        return self in (LineKind.TITLE, LineKind.HEADING, LineKind.PARAGRAPH, LineKind.BULLET)


class LineRule(str, Enum):
    """Why the parser gave a line its kind (shown on the source page)."""

    OVERRIDE = "analyst override"
    SITE_PHRASE = "site phrase"
    NUMBERS_ONLY = "numbers only"
    PUNCTUATION_ONLY = "punctuation only"
    PUBLICATION_STAMP = "publication stamp"
    PLACE_OUTLET = "place – outlet"
    AGENCY_LIST = "agency list"
    LATIN_NAME = "outlet name in Latin script"
    BULLET_SIGN = "bullet sign"
    SENTENCE = "sentence"
    FIRST_LINE = "first line"
    STANDFIRST = "standfirst"
    HEADLINE_SHAPE = "headline shape"
    LONG_UNPUNCTUATED = "long unpunctuated line"
    SHORT_UNPUNCTUATED = "short unpunctuated line"


class Attribution(str, Enum):
    """How a quotation's speaker was found."""

    EXPLICIT = "explicit"  # named between the reporting verb and the quotation
    INFERRED = "inferred"  # from the context: an earlier speaker or person
    NONE = "none"  # no speaker found


class CandidateSource(Flag):
    """Which finders saw a candidate name at one place in the text."""

    PATTERN = auto()  # a title or apposition pattern
    NER = auto()  # the named-entity recognizer
    REPEATED = auto()  # no finder: the same words as a name found elsewhere

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(sorted(member.name.lower() for member in CandidateSource if member in self))


class NoteKind(str, Enum):
    """What a note is attached to; its folder is dossier/notes/<folder>/."""

    SUMMIT = "summit"
    ENTITY = "entity"
    ARTICLE = "article"
    COMPARISON = "comparison"

    @property
    def folder(self) -> str:
        return {"summit": "summits", "entity": "entities", "article": "articles", "comparison": "comparisons"}[self.value]
