"""The names the gazetteer does not know yet, gathered across the dossier.

The language layer finds candidates per article. Here they are counted over
all articles (a name introduced with its title, «الوزير سيرغي لافروف», is
often repeated bare, «وقال لافروف», and every place it is written counts),
typed by majority, ranked, and written as reports/candidates.yaml: entries
in the gazetteer's own format, with comments giving counts and example
sentences, for the analyst to review and paste.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass

from ..models.article import Article, Candidate
from ..models.kinds import CandidateSource, EntityType
from ..inputs.yamlfile import comment, dump_list_item
from ..language.candidates import FUNCTION_WORDS
from ..language.normalize import name_key, proclitic_readings
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
    # A person introduced whole («سيرغي لافروف») is named by the family name
    # afterwards («وقال لافروف»): it counts, and becomes an alias.
    for words, candidate in list(models.items()):
        if candidate.type is EntityType.PERSON and len(words) >= 2 and len(words[-1]) >= 4 and words[-1] not in FUNCTION_WORDS:
            models.setdefault(words[-1:], candidate)
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


def _with_proclitics(found: dict[str, Candidate]) -> dict[str, str]:
    """Candidate keys that are another candidate with a proclitic before it
    (وبكين، لبوتين، للكرملين), each with the key it reads as."""
    merged = {}
    for key in found:
        first, _, rest = key.partition(" ")
        for _, base in proclitic_readings(first)[1:]:
            other = f"{base} {rest}".strip()
            if other in found and other != key:
                merged[key] = other
                break
    return merged


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
    for key, base in _with_proclitics(found).items():  # لبوتين is بوتين after a preposition
        groups[base].extend(groups.pop(key, []))
        types[base].update(types.pop(key))
        finders[base] |= finders.pop(key)
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


@dataclass(frozen=True)
class NearMiss:
    """A candidate that is probably a spelling of a name the gazetteer has."""

    entity_id: str
    entity_name: str
    why: str


def near_misses(summaries: tuple[CandidateSummary, ...], entities) -> dict[str, NearMiss]:
    """Candidates (by key) close to a known name: a word of it («جينبينغ» of
    «شي جينبينغ»), a near spelling («الاتحاد السوفياتي» for «السوفيتي»), or
    its English name in Latin script («Xi Jinping»)."""
    from rapidfuzz import fuzz, process

    names = {" ".join(name_key(n)): e for e in entities for n in e.names}
    words = {w: e for key, e in names.items() if " " in key for w in key.split() if len(w) >= 4}
    english = {e.name_en.casefold(): e for e in entities}
    found = {}
    for summary in summaries:
        if summary.key in words:
            entity, why = words[summary.key], "a word of its name"
        elif _LATIN.search(summary.name) and (best := process.extractOne(summary.name.casefold(), list(english), scorer=fuzz.ratio, score_cutoff=88)):
            entity, why = english[best[0]], "its English name"
        elif len(summary.key) >= 6 and (best := process.extractOne(summary.key, list(names), scorer=fuzz.ratio, score_cutoff=88)):
            entity, why = names[best[0]], f"spelled close to «{best[0]}»"
        else:
            continue
        found[summary.key] = NearMiss(entity.id, entity.name_ar, why)
    return found


_LATIN = re.compile(r"[A-Za-z]")


def candidates_yaml(summaries: tuple[CandidateSummary, ...], ner_status: str, near: dict[str, NearMiss] | None = None) -> str:
    """The review file: entries in the gazetteer's format, written by the
    YAML emitter (never by pasting strings), with comments."""
    near = near or {}
    new = [s for s in summaries if s.key not in near]
    lines = [
        CANDIDATES_HEADER,
        "# Take an entry in with `newsdossier accept NUMBER --id an-id` (NUMBER as in candidate-NUMBER),",
        "# or paste it into dossier/entities.yaml with an id, name_en, wikidata and description.",
        comment(f"Named-entity recognition: {ner_status}"),
        *_near_lines(summaries, near),
        f"# {len(new)} candidates, most frequent first.",
        "",
    ]
    if not new:
        lines.append("[]")
    for number, summary in enumerate(new, start=1):
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


def _near_lines(summaries: tuple[CandidateSummary, ...], near: dict[str, NearMiss]) -> list[str]:
    """The near misses, each with the one command that adds it as an alias."""
    found = [s for s in summaries if s.key in near]
    if not found:
        return []
    lines = [f"# {len(found)} probably spellings of names already in the gazetteer; add each as an alias with the line shown:"]
    for summary in found:
        miss = near[summary.key]
        lines.append(comment(f"«{summary.name}» (seen {summary.count} times) is probably `{miss.entity_id}` ({miss.entity_name}): {miss.why}", indent=2))
        lines.append(comment(f"newsdossier alias {miss.entity_id} {summary.name}", indent=4))
    return lines
