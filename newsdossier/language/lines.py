"""Which lines of a pasted page are the article: the line classifier.

A page copied from a news site is the article among its site's furniture:
tickers of other headlines above it, section names, dates and bylines
between the headline and the text, share buttons, "read also" blocks and
lists of other stories after it, the headline printed twice. The classifier
decides in two steps, from evidence that transfers between sites rather
than from a list of one site's phrases:

1. **What a line is by itself** (`furniture`): a copy of an earlier line;
   a date, time or publication stamp; a byline or agency credit; a "read
   also" lead; page furniture in a closed vocabulary that every site shares
   (share, print, font size, cookie buttons, "most read"); a line with no
   Arabic letter; a ticker of headlines joined by runs of spaces; a menu of
   short items between separators; letters stretched with tatweel.
2. **Where a line is** (`classify_page`): the text is the run of sentence
   lines (ending in sentence punctuation, or long) with the most words,
   runs being cut by furniture that ends an article (share buttons, related
   lists). The headline is before the text: the first line printed twice,
   else the nearest short line before the text (a long unpunctuated line
   there is the standfirst). Lines before the headline are the page's top
   (tickers, section names); short lines between the headline and the text
   are bylines, captions and dates. Inside the text, a short unpunctuated
   line is a subheading and a headline-length one a pasted headline. After
   the text, the last line of the page is the text cut off, if it reads
   like a sentence; the rest is the page's bottom.

A page with no sentence at all (a one-line brief, a text cut off early) is
never left empty: its longest line is its text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from operator import itemgetter
from pathlib import Path

from ..models.kinds import LineKind, LineRule
from .dates import HIJRI_MONTH_WORDS, MONTH_WORDS, WEEKDAYS
from .normalize import WORD_MEMO, match_key
from .spelling import ARABIC_LETTER, ARABIC_LETTERS, BIDI_CONTROLS, TATWEEL, known_base, without_conjunction

STRIP = "".join(BIDI_CONTROLS) + " \t\u00a0"
TITLE_MAX_WORDS = 25
HEADLINE_MAX_WORDS = 16  # a longer unpunctuated line before the text is a standfirst
HEADING_MAX_WORDS = 8  # a longer unpunctuated line inside the text is a pasted headline
SENTENCE_MIN_WORDS = 4
LONG_LINE_WORDS = 21  # a line this long is text, punctuated or not
SHORT_FURNITURE_WORDS = 12  # dates, bylines, credits are at most this long

# Page furniture every Arabic news site shares: buttons, headers of lists,
# labels. Matched whole (after normalisation), never as part of a sentence.
SITE_PHRASES = (
    "شاركها",
    "شارك",
    "شارك الخبر",
    "مشاركة",
    "اترك تعليقاً",
    "اترك تعليقا",
    "أضف تعليقاً",
    "التعليقات",
    "تعليقات",
    "طباعة",
    "طباعه",
    "حجم الخط",
    "+A -A",
    "A+ A-",
    "+ الخط -",
    "تكبير الخط",
    "تصغير الخط",
    "TT",
    "Smaller Bigger",
    "موافق",
    "أوافق",
    "قبول",
    "رفض",
    "إغلاق",
    "Exit mobile version",
    "مناقشة",
    "مصدر الخبر",
    "المصدر",
    "للمزيد Facebook",
    "تابعونا",
    "تابعنا",
    "تابعنا على",
    "تابعونا على",
    "إعلان",
    "مساحة إعلانية",
    "Advertisement",
    "الرئيسية",
    "عاجل",
    "أخبار عاجلة",
    "خبر عاجل",
    "الأكثر قراءة",
    "الاكثر قراءة",
    "الأكثر مشاهدة",
    "الأكثر تداولا",
    "آخر الأخبار",
    "أخر الأخبار",
    "أهم الأخبار",
    "اخبار ذات صلة",
    "أخبار ذات صلة",
    "مقالات ذات صلة",
    "أخبار متعلقة",
    "مقالات مشابهة",
    "موضوعات متعلقة",
    "لا يفوتك",
    "اقرأ أيضاً",
    "اقرأ أيضا",
    "إقرأ أيضا",
    "اقرأ المزيد",
    "المزيد",
    "شاهد أيضا",
    "الرابط المختصر",
    "كلمات دلالية",
    "الكلمات الدالة",
    "وسوم",
    "Tags",
    "نسخ الرابط",
    "حفظ",
    "في كلمات قليلة",
    "You might also like",
    "Read more",
    "Share",
    "Print",
    "الخبر التالي",
    "الخبر السابق",
    "السابق",
    "التالي",
    "جميع الحقوق محفوظة",
    "جميع حقوق النشر محفوظة",
    "حقوق النشر محفوظة",
    "by",
)
# A line that starts with one of these, and a colon, is a label of the page.
FURNITURE_LEADS = (
    "كلمات دلالية",
    "الكلمات الدالة",
    "الكلمات المفتاحية",
    "وسوم",
    "Tags",
    "المصدر",
    "مصدر",
    "الرابط المختصر",
    "رابط مختصر",
)
# Words a sentence is made with and a list of tags or names is not.
FUNCTION_WORDS = (
    "في",
    "من",
    "على",
    "إلى",
    "الى",
    "عن",
    "مع",
    "أن",
    "ان",
    "إن",
    "التي",
    "الذي",
    "الذين",
    "هذا",
    "هذه",
    "ذلك",
    "تلك",
    "كان",
    "كانت",
    "قد",
    "لم",
    "لن",
    "ما",
    "لا",
    "كما",
    "بعد",
    "قبل",
    "حيث",
    "خلال",
    "بين",
    "عند",
    "أو",
    "ثم",
    "كل",
    "أنه",
    "انه",
    "إنه",
    "هو",
    "هي",
    "منذ",
    "حتى",
    "أي",
    "غير",
    "بعض",
    "لها",
    "له",
    "عليه",
    "إلا",
    "إذا",
    "اذا",
    "لكن",
    "وقد",
    "وكان",
    "وفي",
    "ومن",
)
# Furniture after which no more of this article comes on a page.
END_OF_ARTICLE = (
    "شاركها",
    "شارك",
    "شارك الخبر",
    "اترك تعليقاً",
    "اترك تعليقا",
    "أضف تعليقاً",
    "التعليقات",
    "الأكثر قراءة",
    "الاكثر قراءة",
    "الأكثر مشاهدة",
    "أهم الأخبار",
    "آخر الأخبار",
    "أخبار ذات صلة",
    "اخبار ذات صلة",
    "مقالات ذات صلة",
    "أخبار متعلقة",
    "مقالات مشابهة",
    "موضوعات متعلقة",
    "لا يفوتك",
    "كلمات دلالية",
    "الكلمات الدالة",
    "وسوم",
    "Tags",
    "الرابط المختصر",
    "You might also like",
    "Exit mobile version",
    "الخبر التالي",
)
# A line that starts with one of these leads to another article.
RELATED_LEADS = (
    "اقرأ أيضا",
    "اقرا ايضا",
    "إقرأ أيضا",
    "اقرأ المزيد",
    "شاهد أيضا",
    "وقد يهمك",
    "قد يهمك",
    "يهمك أيضا",
    "للمزيد",
    "ذات صلة",
)
BYLINE_LEADS = ("كتب", "كتبت", "بقلم", "إعداد", "تحرير", "ترجمة", "تقرير", "مراسل", "By", "by")
PUBLICATION_LEADS = (
    "نشرت",
    "نشر",
    "نشر في",
    "تاريخ النشر",
    "آخر تحديث",
    "اخر تحديث",
    "تم التحديث",
    "تحديث",
    "تم نشره",
)
AGENCIES = (
    "أ ف ب",
    "أ.ف.ب",
    "رويترز",
    "أ ب",
    "د ب أ",
    "واس",
    "وام",
    "قنا",
    "كونا",
    "بترا",
    "سانا",
    "شينخوا",
    "تاس",
    "سبوتنيك",
    "الأناضول",
)

_BULLET = re.compile(r"^[•●▪◦·∙‣*▫■□►▶✓✔-]\ufe0f?\s*")
_DATE = re.compile(
    r"\d{1,4}\s*[/.\-]\s*\d{1,2}\s*[/.\-]\s*\d{2,4}"  # 13-7-2025, 2025/07/13
    r"|\d{1,2}:\d{2}"  # 17:21
    r"|\bGMT\b|\bUTC\b|منذ\s+\S+|(?:^|\s)(?:ص|م|مساء|صباحا)$"
)
# Any month's word, found in a line's match key (every spelling folds to it).
_MONTHS = re.compile(
    "|".join(sorted({match_key(w) for w in (*MONTH_WORDS, *HIJRI_MONTH_WORDS)}, key=len, reverse=True))
)
_WEEKDAYS = re.compile(rf"(?:^|\s)(ال)?({'|'.join(WEEKDAYS)})(?:\s|،|,|$)")
_DIGIT = re.compile(r"[0-9٠-٩۰-۹]")
_ARABIC = ARABIC_LETTER
_LATIN = re.compile(r"[A-Za-z]")
_SPACE_RUN = re.compile(r"\S\s{3,}\S")
_MENU_SEPARATOR = re.compile(r"\s*(?:[|•·›]|>>)\s*|\s+[-–—»]\s+")  # » only spaced: it is also a closing quote
_STRETCHED = re.compile(f"[{ARABIC_LETTERS}]{TATWEEL}+[{ARABIC_LETTERS}]{TATWEEL}+")
_PLACE_DASH = re.compile(
    r"^\S+(?:\s\S+)?(?:\s*[–—\-]\s*|\sـ+\s)\S"
)  # a tatweel is a dash only between spaces
_HEADLINE_SHAPE = re.compile(r"\.\.|…|^\S+(?:\s\S+)?\s?:\s|(?:صور|فيديو|بالفيديو|بالصور)\)?$")
_CLOSERS = "\"'”»’)]"
_SENTENCE_END = tuple(".!?؟…:؛")


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    """jusText's Arabic stoplist (its most frequent words), as match keys:
    text has many of them, headlines and furniture few. The list's file is
    read where jusText keeps it, as its `get_stoplist` reads it, without
    importing jusText (lxml and urllib with it: 80 ms of an added article's
    build, for a list of words); tests/language/test_lines.py holds the two
    to the same words."""
    import importlib.util

    [folder] = importlib.util.find_spec("justext").submodule_search_locations
    data = (Path(folder) / "stoplists" / "Arabic.txt").read_bytes()
    return frozenset(match_key(word.decode("utf8").lower()) for word in data.splitlines())


@lru_cache(maxsize=1)
def _phrases() -> tuple[frozenset[str], frozenset[str], tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    keys = lambda words: frozenset(_key(w) for w in words)  # noqa: E731
    leads = lambda words: tuple(_key(w) for w in words)  # noqa: E731
    return (
        keys(SITE_PHRASES),
        keys(END_OF_ARTICLE),
        leads(RELATED_LEADS),
        leads(BYLINE_LEADS),
        leads(PUBLICATION_LEADS),
    )


@lru_cache(maxsize=1)
def _furniture_leads() -> frozenset[str]:
    return frozenset(_key(w) for w in FURNITURE_LEADS)


@lru_cache(maxsize=1)
def _function_words() -> frozenset[str]:
    return frozenset(match_key(w) for w in FUNCTION_WORDS)


def _key(text: str) -> str:
    """A line's match key, punctuation at the ends and repeated spaces dropped."""
    return " ".join(match_key(text).strip(" .،,:;؛-–—|/*•»«()[]!؟?").split())


def ends_sentence(text: str) -> bool:
    # A function, not a regular expression searched for at the end: on a
    # long run of dots the search would take quadratic time.
    return text.rstrip(_CLOSERS)[-1:] in _SENTENCE_END


@dataclass(frozen=True)
class Line:
    """One non-empty line of a page, with what the classifier looks at."""

    number: int
    text: str
    key: str
    words: int
    stopword_share: float
    arabic: bool
    sentence: bool  # ends in sentence punctuation
    function_words: int  # في، من، أن …: sentences have them, lists of names and tags not

    @property
    def is_sentence(self) -> bool:
        """A line of running text: a sentence of some length, or long."""
        ending = self.text.rstrip(_CLOSERS)[-1:]
        ends = (
            self.sentence and ending != ":"
        ) or ending in "،,"  # a comma: the sentence goes on on the next line
        ends = ends or self.bullet  # a bulleted point is text, punctuated or not
        return self.arabic and ((ends and self.words >= SENTENCE_MIN_WORDS) or self.words >= LONG_LINE_WORDS)

    @property
    def bullet(self) -> bool:
        return bool(_BULLET.match(self.text))


def _word_counts(word: str) -> tuple[bool, bool]:
    """Whether a word is a stopword, and whether it is a function word,
    with proclitics fused to it too (وفي، بذلك)."""
    key = match_key(word).strip("،,.:;؛!؟?\"'«»()")
    function = _function_words()
    return known_base(key, stopwords()) is not None, without_conjunction(key, function) in function


# A function of the word alone, asked of every word of every page (a
# process may read ten thousand): kept per distinct word, bounded in number
# and in length (a page's run of 10,000 characters without a space is not kept).
_word_counts_kept = lru_cache(maxsize=WORD_MEMO)(_word_counts)
MEMO_LENGTH = 64
_STOPWORD, _FUNCTION_WORD = itemgetter(0), itemgetter(1)  # of `_word_counts`


def describe(number: int, text: str) -> Line:
    words = text.split()
    if max(map(len, words), default=0) <= MEMO_LENGTH:  # most lines: every word kept, asked in C
        counts = list(map(_word_counts_kept, words))
    else:
        counts = [(_word_counts_kept if len(w) <= MEMO_LENGTH else _word_counts)(w) for w in words]
    common = sum(map(_STOPWORD, counts))
    functional = sum(map(_FUNCTION_WORD, counts))
    share = common / max(1, len(words))
    return Line(
        number,
        text,
        _key(text),
        len(words),
        share,
        bool(_ARABIC.search(text)),
        ends_sentence(text),
        functional,
    )


def furniture(line: Line, first_seen: dict[str, int]) -> tuple[LineKind, LineRule] | None:
    """Step 1: the line's kind if it is furniture whatever its place, else None."""
    phrases, _, related, bylines, published = _phrases()
    text, key = line.text, line.key
    if key and first_seen.get(key, line.number) < line.number and line.words >= 2:
        return LineKind.DUPLICATE, LineRule.REPEATED
    if key in phrases or not key:
        return LineKind.FOOTER, LineRule.SITE_PHRASE if key else LineRule.PUNCTUATION_ONLY
    if line.words <= 20 and ":" in text and _key(text.split(":", 1)[0]) in _furniture_leads():
        return LineKind.FOOTER, LineRule.SITE_PHRASE
    if line.words <= 20 and key.startswith(related):
        return LineKind.RELATED, LineRule.READ_ALSO
    return _by_shape(line, bylines, published)


def _by_shape(
    line: Line, bylines: tuple[str, ...], published: tuple[str, ...]
) -> tuple[LineKind, LineRule] | None:
    text, key, short = line.text, line.key, line.words <= SHORT_FURNITURE_WORDS
    if (short and (key.startswith(published) or _is_date_line(line))) or (
        line.words <= 30 and _CALENDARS.search(text) and _is_date_line(line)
    ):
        return LineKind.DATELINE, LineRule.PUBLICATION_STAMP
    if not _ARABIC.search(text) and not _LATIN.search(text):
        return LineKind.FOOTER, LineRule.NUMBERS_ONLY
    if line.words <= 8 and key.startswith(bylines) and not line.sentence:
        return LineKind.CREDIT, LineRule.BYLINE
    if (
        line.words <= 4
        and not line.sentence
        and _PLACE_DASH.match(text)
        or line.words <= 6
        and (text[-1:] in "-–—/" or text.endswith(" ـ"))
    ):
        return LineKind.DATELINE, LineRule.PLACE_OUTLET
    if (
        short
        and not line.sentence
        and ("/" in text or "©" in text or _is_agency_credit(key) or _credited(text))
    ):
        return LineKind.CREDIT, LineRule.AGENCY_LIST
    if any(word in key for word in _COOKIE_WORDS):
        return LineKind.FOOTER, LineRule.SITE_PHRASE
    if not line.arabic:
        return (
            (LineKind.CREDIT, LineRule.LATIN_NAME)
            if line.words <= 6
            else (LineKind.FOOTER, LineRule.NO_ARABIC)
        )
    if len(_SPACE_RUN.findall(text)) >= 2:
        return LineKind.RELATED, LineRule.TICKER
    if not line.sentence and _is_menu(text):
        return LineKind.FOOTER, LineRule.MENU
    if line.words <= 8 and _STRETCHED.search(text):
        return LineKind.FOOTER, LineRule.STRETCHED
    return None


def _is_date_line(line: Line) -> bool:
    """A date, a time, or a weekday: dates in a short line without a sentence."""
    text = line.text
    digits = len(_DIGIT.findall(text))
    dated = bool(_DATE.search(text)) or (
        digits >= 2 and bool(_MONTHS.search(match_key(text)) or _WEEKDAYS.search(text))
    )
    return dated and (line.words <= 8 or (not line.sentence and line.function_words <= 1))


_CALENDARS = re.compile(r"ميلادي|هجري|الموافق|هـ\b")


def _is_agency_credit(key: str) -> bool:
    return key.strip("()/ ") in _agency_keys()


@lru_cache(maxsize=1)
def _agency_keys() -> frozenset[str]:
    """The agencies' names as line keys, made once (not once per line asked)."""
    return frozenset(_key(agency) for agency in AGENCIES)


_COOKIE_WORDS = tuple(match_key(w) for w in ("ملفات تعريف الارتباط", "الكوكيز", "cookies", "سياسة الخصوصية"))
_CREDIT_END = re.compile(r"\(([^()]{1,20})\)\s*$")


def _credited(text: str) -> bool:
    """A caption that ends in its credit: «… (أ ف ب)», «… (أرشيفية)»."""
    match = _CREDIT_END.search(text)
    return bool(match) and (_is_agency_credit(_key(match.group(1))) or _key(match.group(1)) in _CAPTION_WORDS)


_CAPTION_WORDS = frozenset(
    match_key(w)
    for w in ("أرشيفية", "ارشيفية", "أرشيف", "صورة أرشيفية", "صورة", "الصورة", "تعبيرية", "صورة تعبيرية")
)


def _is_menu(text: str) -> bool:
    """Three or more short items between separators (| • » or a spaced dash)."""
    items = [item for item in _MENU_SEPARATOR.split(text) if item.strip()]
    return len(items) >= 3 and all(len(item.split()) <= 4 for item in items)


# ------------------------------------------------------------ the page


Kinds = dict[int, tuple[LineKind, LineRule]]


def classify_page(numbered: list[tuple[int, str]]) -> Kinds:
    """Step 2: the kind of every non-empty (number, stripped text) line."""
    _, end_phrases, *_ = _phrases()
    lines, kinds, first_seen, copies, ends = [], {}, {}, set(), []
    for number, text in numbered:
        line = describe(number, text)
        first_seen.setdefault(line.key, number)
        found = furniture(line, first_seen)
        if found is None:
            lines.append(line)
            continue
        kinds[number] = found
        copies.update([line.key] if found[1] is LineRule.REPEATED else [])
        ends.extend([number] if line.key in end_phrases else [])
    body = _body(lines, ends)
    if not body:
        return {**kinds, **_without_sentences(lines)}
    first, last = body[0].number, body[-1].number
    in_body = {line.number for line in body}
    title = _title(
        [line for line in lines if line.number < first], copies, [line for line in body if line.is_sentence]
    )
    weak = title is None or next(line for line in lines if line.number == title).words <= 3
    if weak and (_asks(body) or _dated_below(body, kinds)):  # the headline is a sentence itself
        title, body = body[0].number, body[1:]
        first = body[0].number
    last_line = numbered[-1][0]
    for line in lines:
        kinds[line.number] = _placed(line, first, last, title, last_line, line.number in in_body)
    _cut_off_end(numbered, kinds, last)
    return kinds


def _body(lines: list[Line], ends: list[int]) -> list[Line]:
    """The article's text: of the runs of lines that furniture ending an
    article (share buttons, related lists) separates, the one whose
    sentences have the most words, from its first sentence to its last."""
    runs: list[list[Line]] = [[]]
    for line in lines:
        if ends and ends[0] < line.number:
            while ends and ends[0] < line.number:
                ends.pop(0)
            runs.append([])
        runs[-1].append(line)
    best = max(runs, key=lambda run: sum(line.words for line in run if line.is_sentence))
    sentences = [line for line in best if line.is_sentence]
    if not sentences:
        return []
    return [line for line in best if sentences[0].number <= line.number <= sentences[-1].number]


def _asks(body: list[Line]) -> bool:
    """The text starts with a short question or exclamation, and goes on."""
    head = body[0]
    return (
        len(body) > 1
        and head.words <= HEADLINE_MAX_WORDS
        and head.text.rstrip(_CLOSERS)[-1:] in "؟?!"
        and body[1].is_sentence
    )


def _dated_below(body: list[Line], kinds: Kinds) -> bool:
    """The text's first line is short and a date or byline follows it before
    the text goes on: a headline ending in a full stop («… الصينية .»)."""
    head = body[0]
    if len(body) < 2 or head.words > HEADLINE_MAX_WORDS:
        return False
    between = [kind for number, (kind, _) in kinds.items() if head.number < number < body[1].number]
    return any(kind in (LineKind.DATELINE, LineKind.CREDIT) for kind in between)


def _title(before: list[Line], copies: set[str], text: list[Line]) -> int | None:
    """The headline among the lines before the text: the first printed
    twice, else the nearest short line (a long one there is a standfirst),
    or the headline-length line just above it if that one shares more words
    with the text (the nearer one is then a subtitle)."""
    candidates = [line for line in before if 2 <= line.words <= TITLE_MAX_WORDS and not line.bullet]
    printed_twice = [line for line in candidates if line.key in copies and line.words >= 4]
    if printed_twice:
        return printed_twice[0].number
    # Nearest first; a headline has four words or more (a name alone, two
    # or three words, is a byline or a caption).
    headline_sized = [line for line in candidates if 4 <= line.words <= HEADLINE_MAX_WORDS]
    nearest = headline_sized[-1] if headline_sized else None
    if (
        nearest
        and len(headline_sized) > 1
        and _lede_like(nearest)
        and nearest.number - headline_sized[-2].number <= 3
    ):
        nearest = headline_sized[-2]  # a lede under the headline, without its full stop
    if nearest is None:  # only short lines: the topmost (a byline or caption follows the headline)
        short = [line for line in candidates if line.words <= 3]
        return short[0].number if short else (candidates[-1].number if candidates else None)
    above = [
        line
        for line in candidates
        if nearest.number - 3 <= line.number < nearest.number and 4 <= line.words <= HEADLINE_MAX_WORDS
    ]
    words = _content_words(text[:3])
    if above and len(_content_words(above[-1:]) & words) > max(1, len(_content_words([nearest]) & words)):
        return above[-1].number
    return nearest.number


def _lede_like(line: Line) -> bool:
    """Longer than most headlines and made like a sentence."""
    return line.words >= 12 and line.function_words >= 2


def _content_words(lines: list[Line]) -> set[str]:
    """The words of `lines` that carry meaning, without proclitics and ال."""
    found = {
        (_content_stem_kept if len(word) <= MEMO_LENGTH else _content_stem)(word)
        for line in lines
        for word in line.key.split()
    }
    found.discard(None)
    return found


_STEM_PREFIXES = re.compile(r"^(و|ف)?(ب|ل|ك)?(ال|لل)?")


def _content_stem(word: str) -> str | None:
    """A word's stem as `_content_words` counts it, or None for a function word or a short stem."""
    stem = _STEM_PREFIXES.sub("", word) if len(word) > 4 else word
    return stem.rstrip("ه") if len(stem) >= 3 and word not in _function_words() else None


# A function of the word alone, asked of the lines around every page's
# headline: kept per distinct word, bounded as `_word_counts_kept` is.
_content_stem_kept = lru_cache(maxsize=WORD_MEMO)(_content_stem)


def _placed(
    line: Line, first: int, last: int, title: int | None, last_line: int, in_body: bool
) -> tuple[LineKind, LineRule]:
    number = line.number
    if number == title:
        return LineKind.TITLE, LineRule.HEADLINE
    if number < first and (title is None or number < title):
        shaped = line.words >= 4 and not line.sentence
        return (LineKind.RELATED if shaped else LineKind.FOOTER), LineRule.BEFORE_HEADLINE
    if number < first:  # between the headline and the text
        if line.words >= 6 and line.stopword_share > 0:
            return LineKind.PARAGRAPH, LineRule.STANDFIRST
        return LineKind.FOOTER, LineRule.BETWEEN_HEADLINE_AND_TEXT
    if number > last:
        return _after_text(line, last_line)
    return _in_text(line) if in_body else (LineKind.RELATED, LineRule.OTHER_ARTICLE)


def _in_text(line: Line) -> tuple[LineKind, LineRule]:
    if _BULLET.match(line.text):
        return LineKind.BULLET, LineRule.BULLET_SIGN
    if line.sentence or line.words >= LONG_LINE_WORDS:
        return LineKind.PARAGRAPH, LineRule.SENTENCE
    if _HEADLINE_SHAPE.search(line.text) and line.words >= 4:
        return LineKind.RELATED, LineRule.HEADLINE_SHAPE
    if line.words > HEADING_MAX_WORDS and line.function_words < 2:  # a headline: few function words
        return LineKind.RELATED, LineRule.LONG_UNPUNCTUATED
    if line.words > HEADING_MAX_WORDS:
        return LineKind.PARAGRAPH, LineRule.SENTENCE
    return LineKind.HEADING, LineRule.SHORT_UNPUNCTUATED


def _after_text(line: Line, last_line: int) -> tuple[LineKind, LineRule]:
    """After the text: the bottom of the page (but see `_cut_off_end`)."""
    return (LineKind.RELATED if line.words >= 4 else LineKind.FOOTER), LineRule.AFTER_TEXT


def _cut_off_end(numbered: list[tuple[int, str]], kinds: Kinds, last: int) -> None:
    """A text cut off mid-sentence ends in a line that is not a sentence: it
    is content when it is the page's last line, straight after the text, and
    reads like a sentence (it has a function word: a list of tags has none)."""
    after = [number for number, _ in numbered if number > last]
    if not after or kinds[after[-1]][1] is not LineRule.AFTER_TEXT:
        return
    line = describe(after[-1], dict(numbered)[after[-1]])
    # Straight after the text, a function word will do; after lines of
    # other articles, it must go on with a conjunction, as a story does.
    goes_on = line.key[:1] == "و" and len(line.key.split()[0]) > 3
    if (len(after) == 1 and (line.words <= 3 or line.function_words)) or (goes_on and line.function_words):
        kinds[after[-1]] = (LineKind.PARAGRAPH, LineRule.CUT_OFF)


def _without_sentences(lines: list[Line]) -> Kinds:
    """A page with no sentence (a one-line brief, a text cut off early): its
    longest line starts its text, a shorter line before it is its headline,
    and what comes before that is the page's top."""
    if not lines:
        return {}
    text = max(lines, key=lambda line: (line.words, -line.number))
    before = [line for line in lines if line.number < text.number and 2 <= line.words <= HEADLINE_MAX_WORDS]
    title = before[-1].number if before else None
    kinds = {}
    for line in lines:
        if line.number == title:
            kinds[line.number] = (LineKind.TITLE, LineRule.HEADLINE)
        elif line.number < (title or text.number):
            kinds[line.number] = (LineKind.FOOTER, LineRule.BEFORE_HEADLINE)
        else:
            kinds[line.number] = (LineKind.PARAGRAPH, LineRule.ONLY_TEXT)
    return kinds


def strip_bullet(text: str) -> str:
    return _BULLET.sub("", text)
