"""The kinds things come in: every closed set of values is an enum here."""

from __future__ import annotations

from enum import Enum, Flag, auto


class EntityType(str, Enum):
    # In display order: indexes and legends list the types in this order.
    PERSON = "person"
    PLACE = "place"
    ORGANISATION = "organisation"
    EVENT = "event"
    DOCUMENT = "document"  # a statement, treaty or report, which can be quoted as a speaker


class DatePrecision(str, Enum):
    """How much of a date is known (models/dates.py `PartialDate`)."""

    YEAR = "year"
    MONTH = "month"
    DAY = "day"


class LineKind(str, Enum):
    """What one line of a source article is.

    The first four are article content; the rest are kept out of the clean
    text and out of entity counts, but shown on the source page.
    """

    TITLE = "title"
    HEADING = "heading"
    PARAGRAPH = "paragraph"
    BULLET = "bullet"
    RELATED = "related"  # another article: a pasted headline, a ticker, a "read also"
    FOOTER = "footer"  # site furniture: buttons, labels, counters, menus
    CREDIT = "credit"  # byline, agency or outlet credit
    DATELINE = "dateline"  # a date, a time, a publication stamp, a place–outlet line
    DUPLICATE = "duplicate"  # a copy of an earlier line (a headline printed twice)

    @property
    def is_content(self) -> bool:
        return self in (LineKind.TITLE, LineKind.HEADING, LineKind.PARAGRAPH, LineKind.BULLET)


class LineRule(str, Enum):
    """Why the classifier gave a line its kind (language/lines.py)."""

    OVERRIDE = "analyst override"
    # What a line is by itself.
    REPEATED = "copy of an earlier line"
    SITE_PHRASE = "site furniture"
    READ_ALSO = "leads to another article"
    PUNCTUATION_ONLY = "punctuation only"
    NUMBERS_ONLY = "no letters"
    PUBLICATION_STAMP = "date or time"
    PLACE_OUTLET = "place – outlet"
    BYLINE = "byline"
    AGENCY_LIST = "agency credit"
    LATIN_NAME = "name in Latin script"
    NO_ARABIC = "no Arabic"
    TICKER = "ticker of headlines"
    MENU = "menu"
    STRETCHED = "stretched letters"
    # Where a line is.
    HEADLINE = "headline"
    BEFORE_HEADLINE = "before the headline"
    BETWEEN_HEADLINE_AND_TEXT = "between headline and text"
    STANDFIRST = "standfirst"
    BULLET_SIGN = "bullet sign"
    SENTENCE = "sentence"
    HEADLINE_SHAPE = "headline shape"
    LONG_UNPUNCTUATED = "long unpunctuated line"
    SHORT_UNPUNCTUATED = "short unpunctuated line"
    OTHER_ARTICLE = "text of another article"
    AFTER_TEXT = "after the text"
    CUT_OFF = "text cut off"
    ONLY_TEXT = "the only text"
    OTHER_LANGUAGE = "text in another language, as read"


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


class Evidence(Flag):
    """What, more precisely than `CandidateSource`, made a finder propose a
    name: which model or pattern saw it (`language.names.evidence` weighs them)."""

    MODEL = auto()  # the shipped CRF
    RECOGNIZER = auto()  # camel-tools' recognizer
    TITLE = auto()  # after a title or a kind of place or body («الوزير سيرغي لافروف»)
    APPOSITION = auto()  # before «، title» («أليكسي ميلر، رئيس»)
    INSTITUTION = auto()  # a kind of body and its qualifiers («وزارة الصحة»)
    FEATURE = auto()  # a known place after a feature word («مضيق تايوان»)
    QUOTED = auto()  # in quotation marks after a kind word («حزب "العدالة"»)
    LATIN = auto()  # written in Latin script


class NoteKind(str, Enum):
    """What a note is attached to; its folder is dossier/notes/<folder>/."""

    SUMMIT = "summit"
    ENTITY = "entity"
    ARTICLE = "article"
    COMPARISON = "comparison"

    @property
    def folder(self) -> str:
        return {
            "summit": "summits",
            "entity": "entities",
            "article": "articles",
            "comparison": "comparisons",
        }[self.value]
