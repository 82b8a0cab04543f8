"""The names the gazetteer does not know yet, gathered across the dossier.

The language layer finds candidates per article. Here they are counted over
all articles (a name introduced with its title, «الوزير سيرغي لافروف», is
often repeated bare, «وقال لافروف», and every place it is written counts),
typed by majority, ranked, and written as reports/candidates.yaml: entries
in the gazetteer's own format, with comments giving counts and example
sentences, for the analyst to review and paste.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass

from ..models.article import Article, Candidate
from ..models.kinds import CandidateSource, EntityType
from ..inputs.yamlfile import comment, dump_list_item
from ..language.tokens import Sentences, SpanSet, only_spaces_between, tokenize

# The first line of the review file: the build replaces only a file that starts with it.
CANDIDATES_HEADER = "# Names found in the articles that are not in dossier/entities.yaml."


@dataclass(frozen=True)
class CandidateSummary:
    key: str
    name: str  # the most frequent spelling
    spellings: tuple[str, ...]
    type: EntityType
    count: int
    sources: tuple[str, ...]  # the finders that saw it
    examples: tuple[tuple[str, int, str], ...]  # (source file, line, sentence)


def _occurrences_in(article: Article, by_first_word: dict[str, list[int]], models: dict):
    """(candidate model, occurrence) for each place a candidate's words are
    written in `article`, outside its mentions, the longest match first.
    One pass over the words: candidates are looked up by their first word."""
    text = article.text
    known = SpanSet((m.start, m.end) for m in article.mentions)
    finders: dict[tuple[int, int], CandidateSource] = defaultdict(lambda: CandidateSource(0))
    for candidate in article.candidates:
        finders[(candidate.start, candidate.end)] |= candidate.source
    for block in article.parsed.blocks:
        tokens = tokenize(text, block.start, block.end)
        sentences = Sentences(text, block.start, block.end)
        i = 0
        while i < len(tokens):
            size = next((n for n in by_first_word.get(tokens[i].key, ()) if _written_at(text, tokens, i, n, models)), 0)
            if not size:
                i += 1
                continue
            start, end = tokens[i].start, tokens[i + size - 1].end
            if not known.overlaps(start, end):
                model = models[tuple(t.key for t in tokens[i : i + size])]
                source = finders.get((start, end)) or CandidateSource.REPEATED
                yield model, Candidate(start, end, text[start:end], model.key, model.type, source, *sentences.around(start))
            i += size


def _written_at(text: str, tokens: list, i: int, size: int, models: dict) -> bool:
    """Whether the `size` words from token i are a candidate, written with
    only spaces between them."""
    run = tokens[i : i + size]
    return (
        len(run) == size
        and tuple(t.key for t in run) in models
        and all(only_spaces_between(text, a, b) for a, b in zip(run, run[1:]))
    )


def occurrences(articles: tuple[Article, ...], found: dict[str, Candidate]) -> dict[str, list[tuple[Article, Candidate]]]:
    """Every place each candidate name is written, not only where a finder saw it."""
    models: dict[tuple[str, ...], Candidate] = {}
    for candidate in found.values():
        models.setdefault(tuple(t.key for t in tokenize(candidate.surface)), candidate)
    # First word → the lengths of the candidates starting with it, longest first.
    by_first_word: dict[str, list[int]] = defaultdict(list)
    for words in models:
        if words and len(words) not in by_first_word[words[0]]:
            by_first_word[words[0]].append(len(words))
    for lengths in by_first_word.values():
        lengths.sort(reverse=True)
    groups: dict[str, list[tuple[Article, Candidate]]] = defaultdict(list)
    for article in articles:
        for model, occurrence in _occurrences_in(article, by_first_word, models):
            groups[model.key].append((article, occurrence))
    return groups


def _most_common(counter: Counter):
    return sorted(counter.items(), key=lambda kv: (-kv[1], str(kv[0])))[0][0]


def summarise(articles: tuple[Article, ...], examples: int = 3) -> tuple[CandidateSummary, ...]:
    found: dict[str, Candidate] = {}
    types: dict[str, Counter] = defaultdict(Counter)
    finders: dict[str, CandidateSource] = defaultdict(lambda: CandidateSource(0))
    for article in articles:
        for candidate in article.candidates:
            found.setdefault(candidate.key, candidate)
            types[candidate.key][candidate.type.value] += 1
            finders[candidate.key] |= candidate.source
    groups = occurrences(articles, found)
    # Where a finder saw a name the repeat search cannot (an NER span across
    # a hyphen), keep the finder's own span.
    seen = {(key, a.id, c.start, c.end) for key, items in groups.items() for a, c in items}
    for article in articles:
        for candidate in article.candidates:
            place = (candidate.key, article.id, candidate.start, candidate.end)
            if place not in seen:
                seen.add(place)
                groups[candidate.key].append((article, candidate))
    summaries = []
    for key, items in groups.items():
        shown = []
        for article, candidate in items[:examples]:
            block = next(b for b in article.parsed.blocks if b.start <= candidate.start < b.end)
            sentence = article.text[candidate.sentence_start : candidate.sentence_end]
            shown.append((f"seeds/{article.meta.source_file}", block.line, sentence))
        spellings = Counter(c.surface for _, c in items)
        summaries.append(
            CandidateSummary(
                key=key,
                name=_most_common(spellings),
                spellings=tuple(sorted(spellings)),
                type=EntityType(_most_common(types[key])),
                count=len(items),
                sources=finders[key].names,
                examples=tuple(shown),
            )
        )
    return tuple(sorted(summaries, key=lambda s: (-s.count, s.key)))


def candidates_yaml(summaries: tuple[CandidateSummary, ...], ner_status: str) -> str:
    """The review file: entries in the gazetteer's format, written by the
    YAML emitter (never by pasting strings), with comments."""
    lines = [
        CANDIDATES_HEADER,
        "# Review each entry: give it an ASCII id, check the type, fill name_en,",
        "# wikidata and description, then paste it into dossier/entities.yaml",
        "# (or add the spelling as an alias of an entity that is already there).",
        comment(f"Named-entity recognition: {ner_status}"),
        f"# {len(summaries)} candidates, most frequent first.",
        "",
    ]
    if not summaries:
        lines.append("[]")
    for number, summary in enumerate(summaries, start=1):
        entry = {
            "id": f"candidate-{number}",
            "type": summary.type.value,
            "name_ar": summary.name,
            "name_en": "TODO",
            "aliases": [s for s in summary.spellings if s != summary.name],
            "wikidata": None,
            "description": "TODO",
        }
        lines += [
            f"# seen {summary.count} times; found by: {', '.join(summary.sources)}",
            *(comment(f"{path}:{line}: {sentence}", indent=2) for path, line, sentence in summary.examples),
            dump_list_item(entry).rstrip("\n"),
            "",
        ]
    return "\n".join(lines)
