"""Names found by a named-entity model, outside known mentions:

* the CRF that ships with the package (`ner.NameModel`), which also says how
  sure it is that each word is part of a name: the spans it is sure of are
  candidates, and the other finders use its word probabilities;
* camel-tools' `NERecognizer`, when a model is installed
  (``camel_data -i ner-arabert``) or given with ``--ner-model``.
"""

from __future__ import annotations

from ...models.article import Article, Candidate
from ...models.kinds import CandidateSource, EntityType
from ..tokens import Sentences, SpanSet, Token, only_spaces_between, tokenize
from .patterns import candidate
from .shapes import definite

# How sure the model must be (mean probability of its words being a name)
# to propose a name alone.
PROPOSE = 0.3

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


def name_runs(text: str, tokens: list[Token], labels: list[str]) -> list[tuple[int, int, EntityType]]:
    """The runs of a sentence, a person's run without the descriptors before
    the name («الصربي ألكسندر فوتشيتش» → «ألكسندر فوتشيتش»)."""
    joined = [False] + [only_spaces_between(text, a, b) for a, b in zip(tokens, tokens[1:])]
    found = []
    for first, last, type_ in runs(labels, joined):
        while (
            type_ is EntityType.PERSON
            and first < last
            and definite(text[tokens[first].start : tokens[first].end])
        ):
            first += 1
        found.append((first, last, type_))
    return found


def _known(article: Article) -> SpanSet:
    return SpanSet(
        [*((m.start, m.end) for m in article.mentions), *((c.start, c.end) for c in article.candidates)]
    )


def model_candidates(article: Article, model, names, sure: dict[int, float]) -> list[Candidate]:
    """The model's names, and in `sure` its probability of a name for each
    word (by offset)."""
    text, found, known = article.text, [], _known(article)
    for block in article.parsed.blocks:
        for s_start, s_end in Sentences(text, block.start, block.end).spans:
            tokens = tokenize(text, s_start, s_end)
            labels, probabilities = model.label_sentence([text[t.start : t.end] for t in tokens], names)
            sure.update({t.start: p for t, p in zip(tokens, probabilities)})
            for first, last, type_ in name_runs(text, tokens, labels):
                start, end = tokens[first].start, tokens[last].end
                confidence = sum(probabilities[first : last + 1]) / (last + 1 - first)
                if confidence >= PROPOSE and not known.overlaps(start, end):
                    found.append(candidate(text, start, end, type_, CandidateSource.NER, (s_start, s_end)))
    return found


def recognizer_candidates(article: Article, recognizer) -> list[Candidate]:
    """Spans camel-tools' recognizer labels as names, outside known mentions."""
    text, found, known = article.text, [], _known(article)
    for block in article.parsed.blocks:
        for s_start, s_end in Sentences(text, block.start, block.end).spans:
            tokens = tokenize(text, s_start, s_end)
            if not tokens:
                continue
            labels = recognizer.predict_sentence([text[t.start : t.end] for t in tokens])
            for first, last, type_ in name_runs(text, tokens, labels):
                start, end = tokens[first].start, tokens[last].end
                if not known.overlaps(start, end):
                    found.append(candidate(text, start, end, type_, CandidateSource.NER, (s_start, s_end)))
    return found
