"""The names the gazetteer does not know yet, gathered across the dossier.

The language layer finds candidates per article. Here they are grouped
(`language.names.forms`: a form with a proclitic read off, a person's
family name and other parts of the longest form are one name), counted
wherever the dossier writes them (`language.names.repeats`: a name
introduced with its title, «الوزير سيرغي لافروف», is often repeated
bare, «وقال لافروف», in the same article or another), typed by majority,
ranked, and written as reports/candidates.yaml: entries in the gazetteer's
own format, with comments giving counts and example sentences, for the
analyst to review and paste.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from ..inputs.yamlfile import comment, dump_list_item
from ..language.names.evidence import CHOSEN, OperatingPoint, Seen, enough
from ..language.names.forms import base_spelling, family_names, name_groups
from ..language.names.learnt import neighbours
from ..language.names.lexicon import load
from ..language.names.repeats import Spellings, written
from ..language.normalize import name_key
from ..models.article import Article, Candidate
from ..models.identity import code_version, digest
from ..models.kinds import CandidateSource, EntityType, Evidence

# The first line of the review file: the build replaces only a file that starts with it.
CANDIDATES_HEADER = "# Names found in the articles that are not in dossier/entities.yaml."


@dataclass(frozen=True)
class CandidateSummary:
    key: str
    name: str  # the most frequent spelling of the longest form
    spellings: tuple[str, ...]
    type: EntityType
    count: int
    sources: tuple[str, ...]  # the finders that saw it
    examples: tuple[tuple[str, int, str], ...]  # (source file, line, sentence), each sentence once
    evidence: Evidence = Evidence(0)  # every finder and pattern that saw it, anywhere
    chances: tuple[float, ...] = ()  # the model's word probabilities where a finder saw it best
    found: int = 0  # the places a finder saw it (the rest of `count` are repeats)
    neighbours: tuple[tuple[str, str], ...] = ()  # the words before and after it at those places
    # The model's chances of those words being names, where it read the sentence (`Candidate.around`).
    around: tuple[tuple[float, ...], ...] = ()


def _surer(chances: tuple[float, ...], than: tuple[float, ...]) -> bool:
    """Whether the model was surer of a name's words here than there: its
    least likely word first, then the mean."""
    return not than or (min(chances), sum(chances) / len(chances)) > (min(than), sum(than) / len(than))


def _most_common(counter: Counter):
    return sorted(counter.items(), key=lambda kv: (-kv[1], str(kv[0])))[0][0]


class _Groups:
    """The articles' candidates by name: each key in its group (`name_groups`),
    with the group's majority type (of the finders, not of repeats)."""

    def __init__(self, articles: tuple[Article, ...]):
        self.items: dict[str, list[tuple[Article, Candidate]]] = defaultdict(list)
        types: dict[str, Counter] = defaultdict(Counter)
        for article in articles:
            for found in article.candidates:
                self.items[found.key].append((article, found))
                if found.source is not CandidateSource.REPEATED:
                    types[found.key][found.type] += 1
        persons = [k for k, count in types.items() if _most_common(count) is EntityType.PERSON]
        self.group = name_groups(self.items, persons)
        self.types: dict[str, Counter] = defaultdict(Counter)
        for key, counts in types.items():
            self.types[self.group[key]].update(counts)
        self.finders: dict[str, CandidateSource] = defaultdict(lambda: CandidateSource(0))
        self.evidence: dict[str, Evidence] = defaultdict(lambda: Evidence(0))
        self.chances: dict[str, tuple[float, ...]] = {}
        for key, items in self.items.items():
            group = self.group[key]
            for _, found in items:
                self.finders[group] |= found.source
                self.evidence[group] |= found.evidence
                if found.chances and _surer(found.chances, self.chances.get(group, ())):
                    self.chances[group] = found.chances

    def type_of(self, group: str, fallback: EntityType) -> EntityType:
        return _most_common(self.types[group]) if self.types[group] else fallback

    def spellings(self) -> dict[str, tuple[str, EntityType]]:
        """Every written form of a proposed name, and the family name of each
        person that is the only one with it: the name (key, type) of each."""
        forms: dict[str, tuple[str, EntityType]] = {}
        for key, items in sorted(self.items.items()):
            group = self.group[key]
            for _, found in items:
                forms.setdefault(found.surface, (group, self.type_of(group, found.type)))
        persons = {
            g for g, counts in self.types.items() if counts and _most_common(counts) is EntityType.PERSON
        }
        for family, person in sorted(family_names(persons).items()):
            forms.setdefault(family, (person, EntityType.PERSON))
        return forms


def _own(article: Article) -> list[Candidate]:
    """The candidates a finder saw in the article (not its repeats)."""
    return [c for c in article.candidates if c.source is not CandidateSource.REPEATED]


class _Neighbours(dict):
    """The neighbours of candidates by their id (while they are alive)."""

    @staticmethod
    def of(article: Article):
        return lambda c: neighbours(article.text, c.start, c.end, (c.sentence_start, c.sentence_end))

    def at(self, article: Article, candidate: Candidate) -> tuple[str, str]:
        pair = self.get(id(candidate))
        return self.of(article)(candidate) if pair is None else pair


@dataclass
class RepeatMemo:
    """Where each article writes the proposed names, as `written` found it
    for one set of spellings: kept from one build to the next (`build.cache`),
    so that an added article is searched for the names, not every article
    again, while the names the dossier proposes stay the same. Another set
    of spellings (a new name proposed, one accepted) finds them all again."""

    spellings: str = ""  # the digest of the spellings (and code) it holds the finds of
    found: dict[str, tuple[Candidate, ...]] = field(default_factory=dict)  # by article key
    changed: bool = False  # to be kept again
    # The words either side of each of an article's own candidates (`_own`),
    # by article key: whatever the spellings (38 µs each, 2,000 of them at
    # 10,000 synthetic articles, were most of the summary).
    near: dict[str, tuple[tuple[str, str], ...]] = field(default_factory=dict)

    def neighbours(self, articles: tuple[Article, ...], keys: tuple[str, ...]) -> _Neighbours:
        """Each own candidate's neighbours (`learnt.neighbours`), found only
        for the articles this memo has not got; the memo keeps only the
        dossier's articles."""
        todo = [i for i, key in enumerate(keys) if key not in self.near]
        self.near.update((keys[i], tuple(map(_Neighbours.of(articles[i]), _own(articles[i])))) for i in todo)
        if todo or len(self.near) > len(keys):
            self.near, self.changed = {key: self.near[key] for key in keys}, True
        return _Neighbours(  # (an article without candidates, most of them, has no neighbours to give)
            {
                id(c): pair
                for a, key in zip(articles, keys)
                if a.candidates
                for c, pair in zip(_own(a), self.near[key])
            }
        )

    def repeats(
        self, articles: tuple[Article, ...], keys: tuple[str, ...], forms: dict[str, tuple[str, EntityType]]
    ) -> list[tuple[Article, Candidate]]:
        """`written(articles, Spellings(forms))`, each article searched only
        when this memo has not got it for these spellings."""
        spellings = digest(code_version("analysis", "language", "models"), sorted(forms.items()))
        if spellings != self.spellings:
            self.spellings, self.found, self.changed = spellings, {}, True
        todo = [i for i, key in enumerate(keys) if key not in self.found]
        if todo:
            new: dict[int, list[Candidate]] = defaultdict(list)
            for article, repeat in written(tuple(articles[i] for i in todo), Spellings(forms)):
                new[id(article)].append(repeat)
            self.found.update((keys[i], tuple(new[id(articles[i])])) for i in todo)
        if todo or len(self.found) > len(keys):  # only the dossier's articles kept
            self.found, self.changed = {key: self.found[key] for key in keys}, True
        return [(article, repeat) for article, key in zip(articles, keys) for repeat in self.found[key]]


def summarise(
    articles: tuple[Article, ...],
    examples: int = 3,
    point: OperatingPoint | None = CHOSEN,
    memo: tuple[RepeatMemo, tuple[str, ...]] | None = None,
) -> tuple[CandidateSummary, ...]:
    """The candidates of every article, grouped by name and counted wherever
    the dossier writes them; those without the evidence `point` asks for
    (`names.evidence`) left out (None: none left out, for the bench).
    `memo`: where the articles write the names, as an earlier build found
    them, with each article's cache key (the same summaries, found faster)."""
    groups = _Groups(articles)
    by_group: dict[str, list[tuple[Article, Candidate]]] = defaultdict(list)
    for key, items in groups.items.items():
        by_group[groups.group[key]].extend(items)
    forms = groups.spellings()
    repeats = memo[0].repeats(articles, memo[1], forms) if memo else written(articles, Spellings(forms))
    near = memo[0].neighbours(articles, memo[1]) if memo else _Neighbours()
    for article, repeat in repeats:
        by_group[repeat.key].append((article, repeat))
    summaries = []
    for key, items in by_group.items():
        first_word, words = key.split(" ")[0], len(key.split())
        # Each spelling read once, however often the dossier writes it (a
        # name repeated in 2,000 articles: 2,000 calls of each, before).
        spellings = Counter()
        for surface, count in Counter(c.surface for _, c in items).items():
            spellings[base_spelling(surface, first_word)] += count
        whole = Counter({s: n for s, n in spellings.items() if len(name_key(s)) == words})
        summaries.append(
            CandidateSummary(
                key=key,
                name=_most_common(whole or spellings),
                spellings=tuple(sorted(spellings)),
                type=groups.type_of(key, items[0][1].type),
                count=len(items),
                sources=groups.finders[key].names,
                examples=_examples(items, examples),
                evidence=groups.evidence[key],
                chances=groups.chances.get(key, ()),
                found=sum(1 for _, c in items if c.source is not CandidateSource.REPEATED),
                neighbours=tuple(near.at(a, c) for a, c in items if c.source is not CandidateSource.REPEATED),
                around=tuple(
                    c.around for _, c in items if c.around and c.source is not CandidateSource.REPEATED
                ),
            )
        )
    if point is not None:
        lexicon = load()
        summaries = [s for s in summaries if enough(seen(s), lexicon, point)]
    return tuple(sorted(summaries, key=lambda s: (-s.count, s.key)))


def seen(summary: CandidateSummary) -> Seen:
    """What `names.evidence` weighs of a summary."""
    return Seen(
        tuple(name_key(summary.name)),
        summary.evidence,
        summary.chances,
        summary.found,
        summary.count,
        summary.type.value,
        summary.neighbours,
        summary.around,
    )


def _examples(items: list[tuple[Article, Candidate]], limit: int) -> tuple[tuple[str, int, str], ...]:
    """Up to `limit` sentences the name is written in, in order, each once."""
    shown: dict[tuple[str, int, str], None] = {}
    for article, found in sorted(items, key=lambda i: (i[0].meta.source_file, i[1].start)):
        block = next(b for b in article.parsed.blocks if b.start <= found.start < b.end)
        sentence = article.text[found.sentence_start : found.sentence_end]
        shown.setdefault((f"seeds/{article.meta.source_file}", block.line, sentence), None)
        if len(shown) == limit:
            break
    return tuple(shown)


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
