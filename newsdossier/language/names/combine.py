"""How the finders' names are combined into an article's candidates.

* A pattern's name is checked against the model: cut after its last word
  the model thinks may be a name («دونالد ترامب يبلغ» → «دونالد ترامب»),
  dropped where the model is sure there is none («تمت», «روسية»).
* Overlapping names become one: the longer span when one holds the other
  («مهرجان القاهرة السينمائي الدولي», not «القاهرة»), a body named after
  the person the model found at its genitive («ملعب جاسم | بن حمد»: both
  whole), else the model's boundaries; a pattern's type (it has read a kind
  word); every finder that saw it.
* Words no name starts or ends with are trimmed from its edges (a function,
  time or number word, a currency, a word with tanween, prose such as
  «الزعيمان», a verb the model doubts). Proclitics before the first word
  are read off: before the article always («بالصين», «والهند»), before a
  word without it when that word is written alone in the article or is a
  common given name («لسوناطراك», «لخالد»); the form with them is no name.
* A place after a point of the compass or a feature word without the
  article is the region or feature's name («جنوب كردفان», «رأس العين»).
* What is left must be worth proposing: not a word that is never a name
  alone (a title, a kind of body, a currency, a month), a dual, or an
  adjective of origin or relation («الصيني», «السينمائي»); and, where
  only the model saw it, not a common word of the corpora (`lexicon`:
  «نسبيا», «الكبار», or a name made of such words only), nor a common
  noun with the article that is a name only in some contexts («الجزيرة»:
  the island, unless a kind word says the channel, «قناة الجزيرة», or the
  model is all but certain), nor a definite plural the corpora never saw
  in a name («الهيدروكربونات»).
"""

from __future__ import annotations

from dataclasses import replace

from ...models.article import Candidate
from ...models.kinds import CandidateSource, EntityType, Evidence
from ..normalize import match_key
from ..quotes import REPORTING_VERBS
from ..spelling import (
    ARTICLE,
    CONJUNCTIONS,
    FUSED_ARTICLE,
    HAMZA_ALEFS,
    MIN_BASE,
    known_base,
    proclitic_readings,
)
from ..tokens import Token, tokenize
from .lexicon import Lexicon
from .model import origin_family_name
from .shapes import NISBA, PRONOUN_PHRASE, TANWEEN, VERB, definite
from .words import (
    COMPASS,
    COMPOUND_ENDS,
    CURRENCIES,
    FUNCTION_WORDS,
    GEOGRAPHIC,
    GIVEN_NAMES,
    INSTITUTIONS,
    NAME_PARTICLES,
    NEVER_ALONE,
    NOT_NAMES,
    PERSON_TITLES,
    PLACE_TITLES,
    QUOTED_KINDS,
    RANKS,
    TIME_ADJECTIVES,
    TITLES,
)

# Below DROP, no word of a pattern's name is a name; a pattern's name ends
# at its last word of at least TRIM.
DROP = 0.03
TRIM = 0.1
# How sure the model must be of a word alone that the corpora know as a
# common noun (with the article) for the model's word to be taken.
CERTAIN = 0.95
# Words that make a region's or feature's name of the place after them.
REGION_WORDS = COMPASS | GEOGRAPHIC | {match_key(w) for w in ("رأس", "جزر", "وادي", "شبه")}
# Words that are never a name alone.
NEVER_A_NAME = NEVER_ALONE | NOT_NAMES | FUNCTION_WORDS | frozenset(TITLES) | RANKS | PERSON_TITLES
NEVER_A_NAME |= frozenset(INSTITUTIONS) | frozenset(QUOTED_KINDS) | NAME_PARTICLES


def checked(found: Candidate, text: str, sure: dict[int, float], keep: int = 0) -> Candidate | None:
    """A pattern's name as the model sees it: cut after its last word the
    model thinks may be a name, dropped if it thinks none is. The first
    `keep` words stay whatever the model thinks (an institution's kind word
    and first qualifier, «وزارة الصحة»: the model only cuts what follows)."""
    tokens = tokenize(text, found.start, found.end)
    chances = [sure.get(t.start, 1.0) for t in tokens]
    if not tokens or (not keep and max(chances) < DROP):
        return None
    sure_enough = [i for i, chance in enumerate(chances) if chance >= TRIM]
    last = max([min(keep, len(tokens)) - 1, *sure_enough, 0])
    end = tokens[last].end
    surface = text[found.start : end]
    return replace(found, end=end, surface=surface, key=match_key(surface))


def merged(found: list[Candidate]) -> list[Candidate]:
    """Overlapping candidates as one: the span that holds the other (a
    proclitic on the first word aside), else the model's; the pattern's
    type; every finder that saw it."""
    result: list[Candidate] = []
    for item in sorted(found, key=lambda c: (c.start, -c.end)):
        if result and item.start < result[-1].end:
            previous = result[-1]  # starts first, so it holds `item` or crosses it
            holds = item.end <= previous.end
            bounds = (
                previous
                if holds
                else item
                if _same_first_word(previous, item)  # «و|جامعة الخليج للعلوم والتكنولوجيا»
                else _named_after(previous, item)
                or next((c for c in (previous, item) if c.source & CandidateSource.NER), item)
            )
            typed = next((c for c in (previous, item) if c.source & CandidateSource.PATTERN), bounds)
            result[-1] = replace(
                bounds,
                type=typed.type,
                source=previous.source | item.source,
                evidence=previous.evidence | item.evidence,
            )
        else:
            result.append(item)
    return result


def _same_first_word(previous: Candidate, item: Candidate) -> bool:
    """Whether `item` starts inside `previous`'s first word: one finder
    read a proclitic off it («وجامعة» is و + «جامعة»), so the longer
    `item` holds `previous` but for that proclitic, and wins as a span that
    holds the other does."""
    return " " not in previous.surface[: item.start - previous.start]


def _named_after(body: Candidate, person: Candidate) -> Candidate | None:
    """A body or place named after a person, whole: an institution's kind
    word and genitive («ملعب جاسم», «جائزة يوسف») crossed by the model's
    person that starts at the genitive («جاسم بن حمد», «يوسف شاهين») is
    «ملعب جاسم بن حمد», «جائزة يوسف شاهين»; None otherwise."""
    if (
        body.evidence & Evidence.INSTITUTION
        and person.source & CandidateSource.NER
        and person.type is EntityType.PERSON
        and body.start < person.start < body.end < person.end
    ):
        surface = body.surface + person.surface[body.end - person.start :]
        return replace(body, end=person.end, surface=surface, key=match_key(surface))
    return None


def edge_word(token: Token, text: str, sure: dict[int, float], last: bool = False) -> bool:
    """A word no name starts or ends with: a function, time or number word,
    a currency, prose, a word with tanween; and no name ends with a verb of
    saying, or a word shaped like a verb or like a preposition with a noun and
    its pronoun («لصالحه») that the model doubts is a name
    (سيرغي is one, and so are سيغما and other foreign names: only the last
    word is read so)."""
    key = token.key
    return (
        key in FUNCTION_WORDS
        or key in NOT_NAMES
        or key in NEVER_ALONE
        or bool(TANWEEN.search(text[token.start : token.end]))
        or (last and key in REPORTING_VERBS)
        or (
            last
            and bool(VERB.match(key) or PRONOUN_PHRASE.match(text[token.start : token.end]))
            and sure.get(token.start, 0.0) < 0.5
        )
    )


def trimmed(
    found: Candidate, text: str, sure: dict[int, float], words: frozenset[str], lexicon: Lexicon | None = None
) -> Candidate | None:
    """Without the words at its edges that are no part of a name, the
    proclitics before its first word read off, and the region word before a
    place added (see the module's docstring); `words` are the match keys of
    the article's words."""
    lexicon = lexicon or Lexicon()
    tokens = list(tokenize(text, found.start, found.end))
    while tokens and edge_word(tokens[0], text, sure) and not _club_of_a_place(tokens, lexicon):
        tokens.pop(0)
    kind = known_base(tokens[0].key, PLACE_TITLES) if len(tokens) > 1 else None
    if kind is not None and kind != tokens[0].key:
        tokens.pop(0)  # «لمدينة كييف» is كييف: the kind word with a preposition is no part of the name
    # A name in quotation marks ends at the quote: «نهار الأحد» is a film's title, not a time.
    while tokens and not found.evidence & Evidence.QUOTED and edge_word(tokens[-1], text, sure, last=True):
        tokens.pop()
    while (
        len(tokens) > 1
        and _description(tokens, found.type, lexicon)
        and not _body_adjective(found, tokens, text)
        and not (  # «محمد شياع السوداني»: a family name, no description
            found.type is EntityType.PERSON
            and origin_family_name([t.key for t in tokens[:-1]], tokens[-1].key, lexicon)
        )
    ):
        tokens.pop()
    if not tokens:
        return None
    start, end, first = tokens[0].start, tokens[-1].end, tokens[0].key
    skipped = _proclitics(tokens[0], text, words, lexicon)
    if skipped:
        start = tokens[0].origin(skipped)
    elif found.type is EntityType.PLACE:
        start = _region_start(text, tokens[0], start)
    surface = text[start:end]
    key = match_key(surface)
    if key.startswith(FUSED_ARTICLE) and not first.startswith(ARTICLE):
        # ل + ال written لل: the name is ال… (its written form keeps the ل, as mentions do).
        fused = next(
            (base for _, base in proclitic_readings(key.split(" ")[0])[1:] if base.startswith(ARTICLE)), None
        )
        key = key.replace(key.split(" ")[0], fused, 1) if fused else key
    return replace(found, start=start, end=end, surface=surface, key=key)


def _club_of_a_place(tokens: list[Token], lexicon: Lexicon) -> bool:
    """Whether a name starts with a currency word before a known place, a
    club named «Real» of its city («ريال مدريد», «ريال بيتيس»): a sum is
    written with a number and a currency's adjective («80 مليار ريال
    سعودي»), never a city's name."""
    return (
        len(tokens) > 1
        and tokens[0].key in CURRENCIES
        and lexicon.place((tokens[1].key,))
        and not lexicon.origin_of_a_place(ARTICLE + tokens[1].key)
    )


def _proclitics(first: Token, text: str, words: frozenset[str], lexicon: Lexicon) -> int:
    """How many characters of proclitics to read off a name's first word:
    those before the article (except لل, whose ل stands in for the alef,
    and in a known place written whole: «كاليفورنيا»),
    those before an alef with hamza (a word starts there: وأستراليا,
    لإيران) or before a kind of body («لمنظمة»), or those before a word
    the article writes alone, that is a
    given name or a known place («بدارفور», «لفاروق»), or that the corpora
    saw in names more than outside while never seeing the whole word."""
    readings = proclitic_readings(first.key, bare_prepositions=True, min_base=2)[1:]
    kind = known_base(first.key, INSTITUTIONS)
    if kind is not None and kind != first.key:  # «لمنظمة اليونسكو», «بوزارة الصحة»: a kind word starts there
        return len(first.key) - len(kind)
    conjunction = _conjunction_before_a_name(first.key, readings, lexicon)
    if conjunction:
        return conjunction
    unknown = not lexicon.empty and not lexicon.known(first.key)
    named = [s for s, base in readings if len(base) >= MIN_BASE and _named(base, lexicon)]
    if unknown and named:  # «لليبيا» is ل + ليبيا, not ل + اليبيا; «بكاليفورنيا» is ب + كاليفورنيا
        return min(named)
    definite_readings = [(skipped, base) for skipped, base in readings if base.startswith(ARTICLE)]
    if definite_readings:  # a proclitic before the article: the only reading («للمجلس» is no ل + لمجلس)
        skipped, base = definite_readings[-1]
        whole = lexicon.place((first.key,))  # «كاليفورنيا» is no ك + اليفورنيا
        return skipped if len(base) > 4 and not whole else 0
    for skipped, base in readings:
        if text[first.origin(skipped)] in HAMZA_ALEFS and len(base) >= MIN_BASE:
            return skipped
        if base in words or (
            len(base) >= 4 and (base in GIVEN_NAMES or (unknown and lexicon.given_name(base)))
        ):
            return skipped
        if unknown and len(base) >= MIN_BASE and (lexicon.place((base,)) or _name_word(base, lexicon)):
            return skipped
    return 0


def _conjunction_before_a_name(key: str, readings: list[tuple[int, str]], lexicon: Lexicon) -> int:
    """How many letters of the conjunction و to read off a word whose rest
    is a known place or a given name while the whole is neither («وروسيا»,
    «ومصر»; not «وهران», «واشنطن», «وليد»), even when the corpora saw the
    whole word (they see «وروسيا» as و + روسيا). Not ف: it starts foreign
    names more often than it joins a place («فرانس برس» is no ف + رانس)."""
    if lexicon.place((key,)) or lexicon.given_name(key):
        return 0
    for skipped, base in readings:
        if (
            key[:skipped] == CONJUNCTIONS[0]
            and len(base) >= MIN_BASE
            and (lexicon.place((base,)) or lexicon.given_name(base))
        ):
            return skipped
    return 0


def _description(tokens: list[Token], type_: EntityType, lexicon: Lexicon) -> bool:
    """Whether the last word describes the name rather than ends it: an
    adjective the corpora never saw in a name («وكالة أنباء الكويت |
    الرسمية»), or after a place's name an adjective of origin of another
    place («ميناء الحديدة | اليمني»; «غويانا الفرنسية» is a known place)."""
    key = tokens[-1].key
    if lexicon.descriptive(key):
        return True
    return (
        type_ is EntityType.PLACE
        and lexicon.origin_of_a_place(key)
        and not lexicon.place(tuple(t.key for t in tokens))
        and not lexicon.origin_of_a_place(tokens[-2].key)  # «الجمهورية العربية السورية»
    )


def _body_adjective(found: Candidate, tokens: list[Token], text: str) -> bool:
    """Whether an institution's last word qualifies its kind word after a
    definite genitive, and so is part of its name whatever the corpora say
    of it («صندوق الاستثمار الأردني», «هيئة الطيران المدني», «وزارة الطاقة
    السورية»); after a bare name it describes the body («شركة سوكار |
    الأذربيجانية»), and so it does after a compound name ending in الله
    («حزب الله | اللبناني») or when it is of time («كأس العالم | الماضية»);
    right after the kind word it is the body of a country, no name
    («الجيش | السوداني»). A genitive coordinated by و is a definite genitive
    too: the adjective qualifies it («وزارة التعليم العالي والبحث العلمي»,
    «وزارة الصيد والاقتصاد البحري»)."""
    before = tokens[-2]
    written = text[before.start : before.end]
    return (
        bool(found.evidence & Evidence.INSTITUTION)
        and len(tokens) > 2
        and (definite(written) or (written[:1] in CONJUNCTIONS and definite(written[1:])))
        and before.key not in COMPOUND_ENDS  # «حزب الله | اللبناني»: a compound name is whole
        and tokens[-1].key not in TIME_ADJECTIVES  # «كأس العالم | الماضية»
    )


def _named(base: str, lexicon: Lexicon) -> bool:
    """A known place, a given name, or a word the corpora saw mostly in names."""
    return lexicon.place((base,)) or lexicon.given_name(base) or _name_word(base, lexicon)


def _name_word(base: str, lexicon: Lexicon) -> bool:
    """A base the corpora saw mostly in names."""
    outside, inside = lexicon.words.get(base, (0, 0))
    return inside > outside


def _region_start(text: str, first: Token, start: int) -> int:
    """Where a place's name starts: at the compass point or feature word
    right before it, when there is one («جنوب كردفان»)."""
    before = tokenize(text, max(0, start - 12), start)
    if before and before[-1].key in REGION_WORDS and not text[before[-1].end : start].strip():
        return before[-1].start
    return start


def worth_proposing(
    found: Candidate, text: str, sure: dict[int, float] | None = None, lexicon: Lexicon | None = None
) -> bool:
    """Not a word of prose: a word that is never a name alone, a dual
    («الزعيمان»), or an adjective of origin or relation («الصيني»,
    «السينمائي»), nor only such words; and what only the model saw must
    not be common words of the corpora (`_common_words`)."""
    words = found.key.split()
    if not words or len(found.key.replace(" ", "")) < 2 or not any(c.isalpha() for c in found.key):
        return False
    if all(known_base(w, NEVER_A_NAME) for w in words):  # «لحزب», «مليونان»
        return False
    written = text[found.start : found.end]
    if len(words) == 1 and definite(written) and NISBA.search(words[0]):
        return False
    if len(words) == 1 and (words[0] in COMPOUND_ENDS or _people(words[0], lexicon)):
        return False
    if lexicon is None or lexicon.empty or found.source & CandidateSource.PATTERN:
        return True
    return not _common_words(found, words, text, sure or {}, lexicon)


def _people(word: str, lexicon: Lexicon | None) -> bool:
    """A plural of an adjective of origin: people, not a name («أوكرانيون»)."""
    return len(word) >= 6 and word.endswith(("يون", "يين")) and not (lexicon and lexicon.place((word,)))


def _common_words(
    found: Candidate, words: list[str], text: str, sure: dict[int, float], lexicon: Lexicon
) -> bool:
    """Words of prose as the corpora know them, where only the model saw a
    name: common words only («نسبيا», «الكبار», «أمام»); one definite word
    whose bare form is a common noun («الجزيرة», the island), unless the
    model is all but certain; a definite plural in ـات the corpora never saw
    in a name («الهيدروكربونات»)."""
    if lexicon.place(tuple(words)):
        return False
    if all(lexicon.common(w) for w in words):
        return True
    if len(words) > 1 or not words[0].startswith(ARTICLE):
        return False
    word, bare = words[0], words[0][len(ARTICLE) :]
    # The offsets inside the name looked up, not every offset of the article
    # scanned: this runs for each candidate.
    inside = (sure[offset] for offset in range(found.start, found.end) if offset in sure)
    chance = min(inside, default=0.0)
    if lexicon.common(bare) and chance < CERTAIN:
        return True
    outside, inside = lexicon.counts(word)
    return bare.endswith("ات") and inside <= outside and chance < CERTAIN
