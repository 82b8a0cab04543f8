"""Names found by a named-entity model, outside known mentions:

* the CRF that ships with the package (`ner.NameModel`), which also says how
  sure it is that each word is part of a name: the spans it is sure of are
  candidates, and the other finders use its word probabilities;
* camel-tools' `NERecognizer`, when a model is installed
  (``camel_data -i ner-arabert``) or given with ``--ner-model``.
"""

from __future__ import annotations

from operator import attrgetter
from typing import NamedTuple

from ...models.article import Article, Candidate
from ...models.kinds import CandidateSource, EntityType, Evidence
from ..spelling import ARTICLE, CONJUNCTIONS, known_base, proclitic_readings
from ..tokens import SpanSet, Token, joined_to_previous, sentence_tokens
from .lexicon import Lexicon
from .patterns import candidate
from .shapes import adjective, arabic, definite
from .words import COMPOUND_ENDS, FUNCTION_WORDS, GIVEN_NAMES, NAME_PARTICLES, PERSON_TITLES, RANKS, TITLES

# How sure the model must be (mean probability of its words being a name)
# to propose a name alone.
PROPOSE = 0.5
# The chance of a definite word right after a person's name of being its family name.
FAMILY_NAME_CHANCE = 0.1
NEVER_PART = FUNCTION_WORDS | PERSON_TITLES | RANKS | frozenset(TITLES)

_START, _END = attrgetter("start"), attrgetter("end")  # a token's offsets, read in C
NER_TYPES = {
    "PERS": EntityType.PERSON,
    "LOC": EntityType.PLACE,
    "ORG": EntityType.ORGANISATION,
    "MISC": EntityType.EVENT,
}


def runs(labels: list[str], joined: list[bool] | None = None) -> list[tuple[int, int, EntityType]]:
    """(first, last, type) of each entity in IOB labels; an I- that does not
    continue a run of its type starts one, and so does a word not joined to
    the one before by spaces alone (a name never runs across punctuation)."""
    found: list[tuple[int, int, EntityType]] = []
    run_start, run_type = None, None
    for index, label in enumerate([*labels, "O"]):
        tag, _, kind = label.partition("-")
        continues = tag == "I" and run_type is not None and NER_TYPES.get(kind) is run_type
        if continues and (joined is None or joined[index]):
            continue
        if run_start is not None:
            found.append((run_start, index - 1, run_type))
        run_start, run_type = (
            (index, NER_TYPES[kind]) if tag in ("B", "I") and kind in NER_TYPES else (None, None)
        )
    return found


class Run(NamedTuple):
    """A name among a sentence's tokens; `skip` characters of its first
    token are a conjunction the name does not include."""

    first: int
    last: int
    type: EntityType
    skip: int = 0


def name_runs(
    text: str,
    tokens: list[Token],
    labels: list[str],
    chances: list[float] | None = None,
    lexicon: Lexicon | None = None,
) -> list[Run]:
    """The runs of a sentence as names: a list split at its conjunction
    (`_split_at_conjunctions`), a person's run without the titles and
    descriptors before the name («الصربي ألكسندر فوتشيتش» → «ألكسندر
    فوتشيتش»), a person's name the model cut in two made whole, and the
    lexicon's evidence read (`_as_the_lexicon_reads`)."""
    if labels.count("O") == len(labels):
        return []  # no word labelled a name: no run to read
    lexicon = lexicon or Lexicon()
    joined = joined_to_previous(text, tokens)
    whole: list[tuple[int, int, EntityType]] = []
    for first, last, type_ in runs(labels, joined):
        previous = whole[-1] if whole else None
        if (
            previous
            and previous[2] is type_ is EntityType.PERSON
            and previous[1] + 1 == first
            and joined[first]
        ):
            whole[-1] = (previous[0], last, type_)  # two persons side by side are one: «أسعد | حسن الشيباني»
        else:
            whole.append((first, last, type_))
    found = []
    keys = [t.key for t in tokens]  # once per sentence, not once per run: a sentence may be a whole page
    for first, last, type_ in whole:
        while type_ is EntityType.PERSON and first < last and _before_a_name(tokens[first], text):
            first += 1
        if type_ is EntityType.PERSON:
            first, last = _with_particles(tokens, first, last, joined, chances)
            first, last = _with_given_names(text, tokens, (first, last), joined, chances, lexicon)
        if type_ is EntityType.PERSON and chances and last > first:
            last = _with_family_name(text, tokens, (first, last), chances, joined, lexicon)
        for run in _split_at_conjunctions(Run(first, last, type_), tokens):
            found += _as_the_lexicon_reads(run, keys, lexicon, chances)
    return found


def _as_the_lexicon_reads(
    run: Run, keys: list[str], lexicon: Lexicon, chances: list[float] | None = None
) -> list[Run]:
    """A run as the lexicon's evidence reads it: a person's or body's run
    that starts with a known place followed by a bare word is two names
    («ليبيا | مارتن لونغدن», «ليفربول | إيان راش»), and one other than a
    person's ends before و and a known place («الاتحاد الأوروبي |
    والولايات المتحدة»); a person's name has no common word at its edges
    («محمد صلاح | تاريخ», «رأى»: the corpora saw them a hundred times
    outside names) but a family name with the article that the model gives
    an even chance («أشرف القدرة», `_family_name`); a place's name ends
    before an adjective of origin of another place («ميناء الحديدة | اليمني»)."""
    if lexicon.empty:
        return [run]
    first, last = run.first, run.last
    place = _coordinated_place(keys, first, last, lexicon) if run.type is not EntityType.PERSON else None
    if place is not None:  # «الاتحاد الأوروبي | والولايات المتحدة»: two names
        head, tail = Run(first, place - 1, run.type, run.skip), Run(place, last, EntityType.PLACE, 1)
        return [
            *_as_the_lexicon_reads(head, keys, lexicon, chances),
            *_as_the_lexicon_reads(tail, keys, lexicon, chances),
        ]
    if run.type in (EntityType.PERSON, EntityType.ORGANISATION) and last > first:
        size = _place_at(keys, first, last, lexicon)
        if size and not definite(keys[first + size]) and not keys[first + size].startswith("ل"):
            head = Run(first, first + size - 1, EntityType.PLACE, run.skip)
            return [head, *_as_the_lexicon_reads(Run(first + size, last, run.type), keys, lexicon, chances)]
    if run.type is EntityType.PERSON:
        while first <= last and _common(keys[first], lexicon):
            first += 1
        while (
            last >= first
            and _common(keys[last], lexicon)
            and not _after_particle(keys, first, last)
            and not _family_name(keys, first, last, chances)
            and not origin_family_name(keys[first:last], keys[last], lexicon)
        ):
            last -= 1
    elif run.type is EntityType.PLACE and last > first and not lexicon.place(tuple(keys[first : last + 1])):
        while last > first and lexicon.origin_of_a_place(keys[last]):
            last -= 1
    if first > last:
        return []
    return [Run(first, last, run.type, run.skip if first == run.first else 0)]


def _coordinated_place(keys: list[str], first: int, last: int, lexicon: Lexicon) -> int | None:
    """The first later word of a run, other than a person's, that is و
    before a known place with the article («الاتحاد الأوروبي والصين»,
    «والولايات المتحدة»), when the run is no known place whole («البوسنة
    والهرسك»); None if there is none."""
    if lexicon.place(tuple(keys[first : last + 1])):
        return None
    for i in range(first + 1, last + 1):
        base = keys[i][1:]
        if keys[i][:1] not in CONJUNCTIONS or not base.startswith(ARTICLE):
            continue
        if lexicon.place((base,)) or (i < last and lexicon.place_start((base, keys[i + 1]))):
            return i
    return None


def _family_name(keys: list[str], first: int, last: int, chances: list[float] | None) -> bool:
    """Whether a person's last word is a family name with the article the
    model gives at least an even chance, common word or not («أشرف القدرة»,
    «عبد القوي»). On ANERcorp (both splits) a definite common word ending
    the model's person was in the name 9 times of 10 at 0.5 or more, and
    none of 4 times below 0.4."""
    return (
        last > first and chances is not None and keys[last].startswith(ARTICLE) and chances[last] >= PROPOSE
    )


def _after_particle(keys: list[str], first: int, last: int) -> bool:
    """Whether word `last` follows a particle of a compound name («أبو | قصرة»)."""
    return last > first and keys[last - 1] in NAME_PARTICLES


def _place_at(keys: list[str], first: int, last: int, lexicon: Lexicon) -> int:
    """How many words from `first` are a country's name (the longest,
    shorter than the run), its first word read with or without proclitics;
    a given name is no country here («سيف بن زايد»)."""
    if lexicon.given_name(keys[first]):
        return 0
    for size in range(min(3, last - first), 0, -1):
        rest = tuple(keys[first + 1 : first + size])
        heads = {base for _, base in proclitic_readings(keys[first], bare_prepositions=True)}
        if any(lexicon.country((head, *rest)) for head in heads):
            return size
    return 0


def _common(key: str, lexicon: Lexicon) -> bool:
    """A common word that is no particle of a name nor a given name."""
    return lexicon.common(key) and key not in NAME_PARTICLES and not lexicon.given_name(key)


def _with_particles(
    tokens: list[Token], first: int, last: int, joined: list[bool], chances: list[float] | None
) -> tuple[int, int]:
    """A person's name never ends with a particle of a compound name nor
    starts after one: «بن | علي يلدريم» runs on to the word after بن, «سمية
    بنت | الحسن» back to the word before بنت when it may be a name (not
    «وهو ابن …»)."""
    while last + 1 < len(tokens) and tokens[last].key in NAME_PARTICLES and joined[last + 1]:
        last += 1
    while (
        first >= 2
        and tokens[first - 1].key in NAME_PARTICLES
        and joined[first]
        and joined[first - 1]
        and known_base(tokens[first - 2].key, NEVER_PART) is None
        and tokens[first - 2].key.isalpha()
        and (chances is None or chances[first - 2] >= FAMILY_NAME_CHANCE)
    ):
        first -= 2
    return first, last


def _with_given_names(
    text: str,
    tokens: list[Token],
    span: tuple[int, int],
    joined: list[bool],
    chances: list[float] | None,
    lexicon: Lexicon,
) -> tuple[int, int]:
    """A person's name that starts with a particle of a compound name or is
    a compound («أبو العينين», «بن حمد العطية», «نصر الله») runs back over a
    given name right before it («تامر | أبو العينين», «حسن | نصر الله»): a
    compound alone is a kunya or a family name, the given name is the
    person's. A name ending with a given name runs on over a given name
    right after it, the father's or grandfather's («فاطمة علي | حسن»)."""
    first, last = span
    keys = [t.key for t in tokens[first : last + 1]]
    compound = keys[0] in NAME_PARTICLES or (len(keys) > 1 and keys[1] in COMPOUND_ENDS)
    if compound and first > 0 and joined[first] and _given_name(text, tokens, first - 1, chances, lexicon):
        first -= 1
    nxt = last + 1
    if (
        nxt < len(tokens)
        and joined[nxt]
        and lexicon.given_name(keys[-1])
        and _given_name(text, tokens, nxt, chances, lexicon)
    ):
        last = nxt
    return first, last


def _given_name(
    text: str, tokens: list[Token], index: int, chances: list[float] | None, lexicon: Lexicon
) -> bool:
    """Whether word `index` is a given name there: the lexicon's, never a
    word that is never part of a name, not «على» (its match key is «علي»),
    and, when the corpora mostly saw it outside names, one the model gives
    some chance of being a name. (A word the corpora never saw is no given
    name: on ANERcorp's training part that took 18 verbs and titles with a
    conjunction for one name, «وتوعد | نصر الله».)"""
    key, written = tokens[index].key, text[tokens[index].start : tokens[index].end]
    if key in NEVER_PART or written.endswith("ى") or not lexicon.given_name(key):
        return False
    return not lexicon.common(key) or (chances is not None and chances[index] >= FAMILY_NAME_CHANCE)


def _with_family_name(
    text: str,
    tokens: list[Token],
    span: tuple[int, int],
    chances: list[float],
    joined: list[bool],
    lexicon: Lexicon,
) -> int:
    """A person's name of two words or more runs on into a family name with
    the article that the model gives some chance of being a name («عبد
    الفتاح البرهان»), unless that word is an adjective, a title or a word
    that is never part of a name; and when it starts with a given name,
    into an adjective of a place's origin whatever the model thinks
    (`origin_family_name`: «محمد شياع السوداني»)."""
    first, last = span
    nxt = last + 1
    if nxt < len(tokens) and joined[nxt]:
        written = text[tokens[nxt].start : tokens[nxt].end]
        key = tokens[nxt].key
        if definite(written) and origin_family_name([t.key for t in tokens[first:nxt]], key, lexicon):
            return nxt
        if (
            chances[nxt] >= FAMILY_NAME_CHANCE
            and definite(written)
            and not adjective(key, written)
            and key not in NEVER_PART
        ):
            return nxt
    return last


def origin_family_name(name: list[str], key: str, lexicon: Lexicon) -> bool:
    """Whether `key`, an adjective of a place's origin right after a person's
    name of two words or more that starts with a given name, is its family
    name («محمد شياع السوداني», «محمد سعيد الكندي»): a description comes
    before a name in Arabic news («الرئيس العراقي …»). On ANERcorp such an
    adjective right after a person's gold name of two words or more is in
    the name 9 times of 10 (2 of 2 after a given name)."""
    return (
        len(name) >= 2
        and lexicon.given_name(name[0])
        and lexicon.origin_of_a_place(key)
        and key not in NEVER_PART
    )


def _before_a_name(token: Token, text: str) -> bool:
    """A title, rank or adjective: a word before a person's name, not of it
    («الصربي», «السلطان»; «الحسين بن عبدالله» keeps its first word)."""
    return (
        adjective(token.key, text[token.start : token.end])
        or token.key in RANKS
        or token.key in PERSON_TITLES
    )


def _split_at_conjunctions(run: Run, tokens: list[Token]) -> list[Run]:
    """A run cut before each later word that starts with the conjunction و
    and is no part of a name: a list («شيفرون وإكسون موبيل», «مالي وزامبيا»,
    «توفيق حكار وباتريك بوياني»). A given name that starts with و stays
    (وليد); a name other than a person's keeps و before the article («حزب
    العدالة والتنمية», «البوسنة والهرسك»). (The titles and adjectives
    before a person's name are gone by then: «الصيني وانغ يي» is «وانغ يي».)"""
    parts, start = [], run.first
    for i in range(run.first + 1, run.last + 1):
        key = tokens[i].key
        if not key.startswith(CONJUNCTIONS[0]) or len(key) < 4 or key in GIVEN_NAMES:
            continue
        if run.type is EntityType.PERSON or not key[1:].startswith(ARTICLE):
            parts.append(Run(start, i - 1, run.type, 1 if start > run.first else 0))
            start = i
    parts.append(Run(start, run.last, run.type, 1 if start > run.first else 0))
    return parts


def _known(article: Article) -> SpanSet:
    return SpanSet(
        [*((m.start, m.end) for m in article.mentions), *((c.start, c.end) for c in article.candidates)]
    )


def model_candidates(
    article: Article, model, names, sure: dict[int, float], lexicon: Lexicon | None = None
) -> list[Candidate]:
    """The model's names, and in `sure` its probability of a name for each
    word (by offset). A sentence that is not Arabic is not read, nor one
    whose every word is explained (`_explained`): the model has nothing to
    find there, and its words are taken as no name."""
    text, found, known = article.text, [], _known(article)
    mentions = SpanSet((m.start, m.end) for m in article.mentions)
    for block in article.parsed.blocks:
        for s_start, s_end, tokens in sentence_tokens(text, block.start, block.end):
            if not arabic(text[s_start:s_end]):
                continue  # no Arabic names in a sentence that is not Arabic
            if lexicon is not None and _explained(tokens, mentions, lexicon):
                sure.update(dict.fromkeys(map(_START, tokens), 0.0))
                continue
            # The words as written and their chances by offset, made in C (`map`): every word of an article.
            words = list(map(text.__getitem__, map(slice, map(_START, tokens), map(_END, tokens))))
            labels, probabilities = model.label_sentence(words, names)
            sure.update(zip(map(_START, tokens), probabilities))
            for first, last, type_, skip in name_runs(text, tokens, labels, probabilities, lexicon):
                start, end = tokens[first].origin(skip), tokens[last].end
                confidence = sum(probabilities[first : last + 1]) / (last + 1 - first)
                if confidence >= PROPOSE and not known.overlaps(start, end):
                    sentence = (s_start, s_end)
                    found.append(
                        candidate(text, start, end, type_, CandidateSource.NER, sentence, Evidence.MODEL)
                    )
    return found


def _explained(tokens: list[Token], mentions: SpanSet, lexicon: Lexicon) -> bool:
    """Whether every word of a sentence is explained without the model: a
    known name (a mention), a function word, a number, or a common word of
    the corpora. Such a sentence holds no unknown name."""
    if lexicon.empty:
        return False
    return all(
        mentions.overlaps(t.start, t.end)
        or t.key in FUNCTION_WORDS
        or not t.key.isalpha()
        or lexicon.common(t.key)
        for t in tokens
    )


def recognizer_candidates(article: Article, recognizer) -> list[Candidate]:
    """Spans camel-tools' recognizer labels as names, outside known mentions."""
    text, found, known = article.text, [], _known(article)
    for block in article.parsed.blocks:
        for s_start, s_end, tokens in sentence_tokens(text, block.start, block.end):
            if not tokens or not arabic(text[s_start:s_end]):
                continue
            labels = recognizer.predict_sentence([text[t.start : t.end] for t in tokens])
            for first, last, type_, skip in name_runs(text, tokens, labels):
                start, end = tokens[first].origin(skip), tokens[last].end
                if not known.overlaps(start, end):
                    sentence, evidence = (s_start, s_end), Evidence.RECOGNIZER
                    found.append(candidate(text, start, end, type_, CandidateSource.NER, sentence, evidence))
    return found
