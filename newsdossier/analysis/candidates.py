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

from ..inputs.yamlfile import comment, dump_list_item
from ..language.normalize import name_key
from ..language.spelling import proclitic_readings
from ..language.tokens import Sentences, SpanSet
from ..models.article import Article, Candidate
from ..models.kinds import CandidateSource, EntityType

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


_WORD = re.compile(r"\w")
PROCLITICS = "وفبلك"


def _at_word_edges(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] is whole words: nothing of a word touches it,
    except one proclitic letter before it («ولافروف»)."""
    if end < len(text) and _WORD.match(text[end]):
        return False
    if start == 0 or not _WORD.match(text[start - 1]):
        return True
    return text[start - 1] in PROCLITICS and (start == 1 or not _WORD.match(text[start - 2]))


def written_elsewhere(
    articles: tuple[Article, ...], groups: dict[str, list]
) -> list[tuple[Article, Candidate]]:
    """Every place an article writes a candidate's spelling (or a proposed
    person's family name) as another article proposed it, where no finder
    saw it: a name the model found in one report counts in all of them.
    One pass over the texts with an Aho–Corasick automaton of the spellings;
    the language layer has already counted each article's own repeats, in
    any spelling."""
    import ahocorasick  # only when there are candidates

    spellings: dict[str, tuple[str, Candidate]] = {}
    for key, items in sorted(groups.items()):
        for _, candidate in items:
            spellings.setdefault(candidate.surface, (key, candidate))
            words = candidate.surface.split()
            if candidate.type is EntityType.PERSON and len(words) >= 2 and len(words[-1]) >= 4:
                spellings.setdefault(words[-1], (key, candidate))
    if not spellings:
        return []
    automaton = ahocorasick.Automaton()
    for surface, found in spellings.items():
        automaton.add_word(surface, (len(surface), found))
    automaton.make_automaton()
    extra = []
    for article in articles:
        taken = SpanSet(
            [*((m.start, m.end) for m in article.mentions), *((c.start, c.end) for c in article.candidates)]
        )
        text, sentences = article.text, None
        for last, (size, (key, model)) in automaton.iter_long(text):
            start, end = last + 1 - size, last + 1
            if _at_word_edges(text, start, end) and not taken.overlaps(start, end):
                sentences = sentences or _sentences(article)
                extra.append(
                    (
                        article,
                        Candidate(
                            start,
                            end,
                            text[start:end],
                            key,
                            model.type,
                            CandidateSource.REPEATED,
                            *sentences(start),
                        ),
                    )
                )
    return extra


def _sentences(article: Article):
    """The sentence around an offset of the article (its block's sentences, found once)."""
    blocks = {b.start: Sentences(article.text, b.start, b.end) for b in article.parsed.blocks}
    starts = sorted(blocks)

    def around(offset: int) -> tuple[int, int]:
        import bisect

        return blocks[starts[max(0, bisect.bisect_right(starts, offset) - 1)]].around(offset)

    return around


def _most_common(counter: Counter):
    return sorted(counter.items(), key=lambda kv: (-kv[1], str(kv[0])))[0][0]


def _family_names(groups: dict[str, list], types: dict[str, Counter]) -> dict[str, str]:
    """Single-word candidates that are the last word of exactly one
    multi-word person candidate, each with that person's key."""
    persons: dict[str, list[str]] = defaultdict(list)
    for key in groups:
        words = key.split()
        if len(words) >= 2 and types[key] and _most_common(types[key]) == EntityType.PERSON.value:
            persons[words[-1]].append(key)
    return {key: persons[key][0] for key in groups if " " not in key and len(persons.get(key, ())) == 1}


def _with_proclitics(found: dict) -> dict[str, str]:
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
    """The candidates of every article (each place an article writes a name
    it proposes, see language.candidates.repeats) counted together by key."""
    groups: dict[str, list[tuple[Article, Candidate]]] = defaultdict(list)
    types: dict[str, Counter] = defaultdict(Counter)
    finders: dict[str, CandidateSource] = defaultdict(lambda: CandidateSource(0))
    for article in articles:
        for candidate in article.candidates:
            groups[candidate.key].append((article, candidate))
            if candidate.source is not CandidateSource.REPEATED:
                types[candidate.key][candidate.type.value] += 1
            finders[candidate.key] |= candidate.source
    for article, candidate in written_elsewhere(articles, groups):
        groups[candidate.key].append((article, candidate))
    # لبوتين is بوتين after a preposition; لافروف alone is the family name
    # of the one person proposed as «سيرغي لافروف».
    for key, base in {**_with_proclitics(groups), **_family_names(groups, types)}.items():
        groups[base].extend(groups.pop(key, []))
        types[base].update(types.pop(key, Counter()))
        finders[base] |= finders.pop(key, CandidateSource(0))
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
                type=EntityType(_most_common(types[key])) if types[key] else items[0][1].type,
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
        elif _LATIN.search(summary.name) and (
            best := process.extractOne(
                summary.name.casefold(), list(english), scorer=fuzz.ratio, score_cutoff=88
            )
        ):
            entity, why = english[best[0]], "its English name"
        elif len(summary.key) >= 6 and (
            best := process.extractOne(summary.key, list(names), scorer=fuzz.ratio, score_cutoff=88)
        ):
            entity, why = names[best[0]], f"spelled close to «{best[0]}»"
        else:
            continue
        found[summary.key] = NearMiss(entity.id, entity.name_ar, why)
    return found


_LATIN = re.compile(r"[A-Za-z]")


def candidates_yaml(
    summaries: tuple[CandidateSummary, ...], ner_status: str, near: dict[str, NearMiss] | None = None
) -> str:
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
    lines = [
        f"# {len(found)} probably spellings of names already in the gazetteer; add each as an alias with the "
        "line shown:"
    ]
    for summary in found:
        miss = near[summary.key]
        lines.append(
            comment(
                f"«{summary.name}» (seen {summary.count} times) is probably `{miss.entity_id}` "
                f"({miss.entity_name}): {miss.why}",
                indent=2,
            )
        )
        lines.append(comment(f"newsdossier alias {miss.entity_id} {summary.name}", indent=4))
    return lines
