"""`make eval-names [EVAL=FOLDER]`: how well unknown names are proposed.

FOLDER holds labelled texts, in either of two forms:

* `.json` lists of {"id", "shape", "lines", "names", "also", "language"}
  (as tests/fixtures/names/, whose README gives the labelling rules and
  says how the texts were written):
  `names` is every name of the text, `[written form, type]`, exhaustively;
  `also` lists the forms that are acceptable as a candidate's name without
  being required (a descriptive institution such as «الجيش السوداني», a
  second spelling); a text that is not Arabic has none of either;
* NNN.txt with NNN.labels.json, whose "names" list names of the text (not
  exhaustively: precision is then a lower bound).

Each text is analysed as an article of its own, with the gazetteer given
(`--gazetteer FILE`: an entities.yaml; default none, as a new dossier
starts), and the review file's entries are compared with the labels:

* precision: the share of entries whose *name* (the form the review file
  proposes, not one of its aliases) is a name or an acceptable form of the
  text, matched by match key with a proclitic aside;
* recall: the share of the text's names the gazetteer does not know that
  are proposed, as an entry's name or one of its spellings;
* repeated examples: entries that show one sentence twice;
* fused proclitics: right entries whose name keeps a proclitic the label
  does not have («لفاروق بوعسكر»): counted right above, and listed apart
  since the review file should propose the name without it.

Each .json file is reported apart (tests/fixtures/names has dev.json and
tuning2.json to tuning8.json, the texts the rules were tuned on), then the
total. A file
whose name starts with `heldout` (a held-out set, never tuned on) is left
out unless `--heldout` is given: it is measured once per release, never
read to tune. `--verbose` lists every wrong entry and every missed name;
`--by-evidence GROUP` gives the precision of each kind of evidence (`kinds`)
over all of that group's candidates, to choose on dev which evidence is
enough (never on the held-out half: its errors stay unread); `--point NAME`
measures another operating point of `names.evidence` (none: every candidate).

`--sweep` gives each tuning group's precision and names proposed over a
grid of the learnt point's two thresholds (`names.evidence.LEARNT`: a body
named by its kind word, any other name), marking the pairs that keep every
group at least as precise as two kinds of evidence and within 3 points of
its names proposed. The build's pair (README, "The release before: boundaries
in the model", kept in "This release: the model's chance of the words around
a name") is the most precise over all groups among those that keep each
group's names proposed within two points of the release before.
`--test-split FILE` gives the candidates' precision on ANERcorp's test split
at each operating point (exactly a gold name; never trained or tuned on).

`--anercorp FILE` checks the boundary rules against ANERcorp's gold names
(train and test splits; `rules`): where the institution pattern, cut as the
build cuts it, ends against the gold name that starts at its kind word, and
how often the rules' words are inside that name; and the name shapes the
rules read (`shapes`: a second bare genitive, a family name after a title
or of a place's origin, «ريال» before a city, «بطولة» as "starring", و
before a name).
"""

from __future__ import annotations

import argparse
import bisect
import json
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from newsdossier.analysis import proposal_training
from newsdossier.analysis.candidates import seen, summarise
from newsdossier.inputs.curation import load_entities
from newsdossier.language import ner_training
from newsdossier.language.names import learnt
from newsdossier.language.names.combine import TRIM, checked
from newsdossier.language.names.evidence import (
    CHOSEN,
    KIND_WORD,
    POINTS,
    TWO_KINDS,
    OperatingPoint,
    Seen,
    enough,
    two_kinds,
)
from newsdossier.language.names.find import kept_words
from newsdossier.language.names.lexicon import Lexicon, load
from newsdossier.language.names.model import PROPOSE, origin_family_name, runs
from newsdossier.language.names.patterns import (
    STARRING,
    candidate,
    chained,
    family_name,
    institution_end,
    tail,
)
from newsdossier.language.names.shapes import definite
from newsdossier.language.names.words import CURRENCIES, FUNCTION_WORDS, INSTITUTIONS, TITLES
from newsdossier.language.ner import NameModel
from newsdossier.language.normalize import name_key
from newsdossier.language.spelling import (
    ARTICLE,
    CONJUNCTIONS,
    known_base,
    proclitic_readings,
    without_conjunction,
)
from newsdossier.language.steps import ArticleAnalysis
from newsdossier.language.tokens import only_spaces_between, tokenize
from newsdossier.models.curation import ArticleMeta
from newsdossier.models.inputs import SourceFile, Sources
from newsdossier.models.kinds import CandidateSource, EntityType, Evidence

DEFAULT = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "names"
# A pattern's candidate in an ANERcorp sentence: source, sentence span (unused), evidence.
_PATTERN = (CandidateSource.PATTERN, (0, 0), Evidence.INSTITUTION)


@dataclass(frozen=True)
class Labelled:
    """One labelled text."""

    name: str
    text: str
    names: frozenset[tuple[str, ...]]  # required
    also: frozenset[tuple[str, ...]]  # acceptable


def key(name: str) -> tuple[str, ...]:
    return name_key(name)


def forms(k: tuple[str, ...]) -> set[tuple[str, ...]]:
    """A key as written and with a proclitic read off its first word (للصين, الصين)."""
    return {k} | ({(base, *k[1:]) for _, base in proclitic_readings(k[0])} if k else set())


def matches(found: set, gold: set) -> set:
    """The found keys that are a gold key, a proclitic on either side aside."""
    gold_forms = {f for g in gold for f in forms(g)}
    return {k for k in found if forms(k) & gold_forms}


def labelled(folder: Path, heldout: bool = False) -> Iterator[tuple[str, Labelled]]:
    """(group, text) for every labelled text: the group is the .json file's
    stem, or the folder's name for NNN.labels.json pairs. heldout*.json files
    only when `heldout` is asked for (the held-out set stays unread while tuning)."""
    for path in sorted(folder.glob("*.json")):
        if path.name.endswith(".labels.json") or (path.stem.startswith("heldout") and not heldout):
            continue
        for item in json.loads(path.read_text(encoding="utf-8")):
            names = {key(n if isinstance(n, str) else n[0]) for n in item["names"]} - {()}
            also = {key(n) for n in item.get("also", ())} - {()}
            text = "\n".join(item["lines"]) + "\n"
            yield path.stem, Labelled(item["id"], text, frozenset(names), frozenset(also))
    for path in sorted(folder.glob("*.labels.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        text = path.with_name(path.name.replace(".labels.json", ".txt")).read_text(encoding="utf-8")
        names = frozenset({key(n) for n in data["names"]} - {()})
        yield folder.name, Labelled(path.name.split(".")[0], text, names, frozenset())


@dataclass
class Score:
    texts: int = 0
    entries: int = 0
    right: int = 0
    gold: int = 0
    found: int = 0
    repeated_examples: int = 0
    fused: int = 0
    wrong: list[str] = field(default_factory=list)
    missed: list[str] = field(default_factory=list)
    kinds: Counter = field(default_factory=Counter)  # (kind of evidence, right) → entries

    def line(self, label: str) -> str:
        precision = 100 * self.right / max(1, self.entries)
        recall = 100 * self.found / max(1, self.gold)
        return (
            f"{label}: {self.texts} texts; candidates that are names {self.right}/{self.entries} "
            f"({precision:.0f}%); names proposed {self.found}/{self.gold} ({recall:.0f}%); "
            f"entries with a repeated example {self.repeated_examples}; with a fused proclitic {self.fused}"
        )


def score(item: Labelled, analyse, known: set, result: Score, point: OperatingPoint | None = CHOSEN) -> None:
    meta = ArticleMeta("x", "x.txt", None, None, None, "", (), None, (), True, None)
    article = analyse(SourceFile("seeds/x.txt", item.text.encode("utf-8")), meta)
    gold = {g for g in item.names if not matches({g}, known)}
    summaries = summarise((article,), point=point)
    named = {key(s.name) for s in summaries}
    right = matches(named, item.names | item.also)
    spellings = {key(w) for s in summaries for w in (s.name, *s.spellings)}
    found = {g for g in gold if matches({g}, spellings)}
    result.texts += 1
    result.entries += len(summaries)
    result.right += sum(1 for s in summaries if key(s.name) in right)
    result.gold += len(gold)
    result.found += len(found)
    result.repeated_examples += sum(1 for s in summaries if len({e[2] for e in s.examples}) < len(s.examples))
    fused = [s for s in summaries if key(s.name) in right and key(s.name) not in item.names | item.also]
    result.fused += len(fused)
    result.wrong += [f"{item.name}: {s.name} (a proclitic kept)" for s in fused]
    result.wrong += [f"{item.name}: {s.name} ({s.type.value})" for s in summaries if key(s.name) not in right]
    result.missed += [f"{item.name}: {' '.join(g)}" for g in sorted(gold - found)]
    lexicon = load()
    for s in summaries:
        for kind in kinds(s, lexicon):
            result.kinds[kind, key(s.name) in right] += 1


BANDS = (0.5, 0.6, 0.7, 0.8, 0.9)


def band(chances: tuple[float, ...], weakest: bool = False) -> str:
    if not chances:
        return "none"
    chance = min(chances) if weakest else sum(chances) / len(chances)
    low = max((b for b in BANDS if chance >= b), default=0.0)
    return f"<{BANDS[0]}" if low == 0.0 else f">={low}"


def kinds(summary, lexicon: Lexicon) -> list[str]:
    """The kinds of evidence an entry has: its finders and patterns, the
    model's probability band (overall, and where the model alone saw it),
    how often it is written and found, its length, type and what the
    lexicon knows of its words."""
    finders = "+".join(sorted(m.name.lower() for m in type(summary.evidence) if m in summary.evidence))
    words = key(summary.name)
    alone = summary.evidence.name == "MODEL"
    found = [
        f"finders {finders or 'none'}",
        f"chance {band(summary.chances)}",
        f"weakest word's chance {band(summary.chances, weakest=True)}",
        f"seen {'once' if summary.count == 1 else 'twice or more'}",
        f"found by a finder {'once' if summary.found <= 1 else 'twice or more'}",
        f"words {min(len(words), 3)}{'+' if len(words) >= 3 else ''}",
        f"type {summary.type.value}",
    ]
    if alone:
        found += [
            f"model alone, chance {band(summary.chances)}",
            f"model alone, weakest word's chance {band(summary.chances, weakest=True)}",
            f"model alone, seen {'once' if summary.count == 1 else 'twice or more'}",
            f"model alone, {min(len(words), 3)} word(s), {summary.type.value}",
        ]
    if words and lexicon.given_name(words[0]):
        found.append("first word a given name")
    if lexicon.place(words):
        found.append("a known place")
    if words and all(k not in lexicon.words for k in words):
        found.append("no word seen in the corpora")
    if any(lexicon.words.get(k, (1, 0))[1] > lexicon.words.get(k, (1, 0))[0] for k in words):
        found.append("a word seen mostly in names")
    found += [f"enough at {name}" for name, point in POINTS.items() if enough(seen(summary), lexicon, point)]
    return found


def by_evidence(result: Score) -> list[str]:
    """Precision per kind of evidence, sorted by kind."""
    lines = []
    for kind in sorted({k for k, _ in result.kinds}):
        right, wrong = result.kinds[kind, True], result.kinds[kind, False]
        lines.append(f"  {kind:<45} {right:>4}/{right + wrong:<4} {100 * right / (right + wrong):>4.0f}%")
    return lines


def _aligned(sentences):
    """ANERcorp (words, tags) sentences as (text, tokens, each token's tag)."""
    for words, tags in sentences:
        starts, offset = [], 0
        for word in words:
            starts.append(offset)
            offset += len(word) + 1
        text = " ".join(words)
        tokens = tokenize(text, 0, len(text))
        yield text, tokens, [tags[bisect.bisect_right(starts, t.start) - 1] for t in tokens]


def _gold_end(tags: list[str], i: int) -> int:
    """The last token of the gold name that starts at token i."""
    while i + 1 < len(tags) and tags[i + 1].startswith("I-"):
        i += 1
    return i


def rules(anercorp: Path) -> list[str]:
    """The boundary rules checked on ANERcorp (see the module's docstring):
    per split, the institution names that start a gold name ending exactly,
    short or long; the words the rules keep («لل» genitive, و coordinated)
    inside or outside that name; a bare word after a kind word with the
    article inside the same name; a person's last word that is a definite
    common word, inside by the model's chance."""
    model, lexicon = NameModel(), load()
    lines = []
    for split, sentences in zip(("train", "test"), ner_training.sentences(anercorp)):
        ends, kept, construct, family = Counter(), Counter(), Counter(), Counter()
        for text, tokens, tags in _aligned(sentences):
            if not tokens:
                continue
            labels, chances = model.label_sentence([text[t.start : t.end] for t in tokens])
            sure = {t.start: p for t, p in zip(tokens, chances)}
            for i, token in enumerate(tokens):
                kind = known_base(token.key, INSTITUTIONS) or token.key
                if kind not in INSTITUTIONS:
                    continue
                after = tokens[i + 1] if i + 1 < len(tokens) else None
                bare = after is not None and after.key.isalpha() and after.key not in FUNCTION_WORDS
                if bare and kind.startswith(ARTICLE) and not definite(text[after.start : after.end]):
                    construct[tags[i] != "O" and tags[i + 1].startswith("I-")] += 1
                last = institution_end(text, tokens, i)
                if last is None or not tags[i].startswith("B-"):
                    continue
                found = candidate(text, token.start, tokens[last].end, INSTITUTIONS[kind], *_PATTERN)
                name = checked(found, text, sure, keep=kept_words(found, text, sure))
                end = max(k for k, t in enumerate(tokens) if t.end <= name.end)
                gold = _gold_end(tags, i)
                ends["exact" if end == gold else "short" if end < gold else "long"] += 1
                for k in range(i + 2, end + 1):
                    if tail(text, tokens, k, i, lexicon):
                        kept[k <= gold] += 1
            for first, last, type_ in runs(labels):
                key = tokens[last].key
                if (
                    type_ is EntityType.PERSON
                    and last > first
                    and key.startswith(ARTICLE)
                    and lexicon.common(key)
                ):
                    family[chances[last] >= PROPOSE, tags[last].endswith("PERS")] += 1
        lines += [
            f"{split}: institution names that start a gold name: exact {ends['exact']}, "
            f"short {ends['short']}, long {ends['long']}",
            f"  tail words kept («لل», «ل» genitive, و coordinated): inside the gold name {kept[True]}, "
            f"beyond it {kept[False]}",
            f"  a bare word after a kind word with the article, in the same gold name: "
            f"{construct[True]} of {construct[True] + construct[False]}",
            f"  a person's last word, definite and common, in the gold name: at {PROPOSE} or more "
            f"{family[True, True]} of {family[True, True] + family[True, False]}, below "
            f"{family[False, True]} of {family[False, True] + family[False, False]}",
        ]
    return lines


def _name_shapes(text, tokens, tags, lexicon: Lexicon, model, counts: Counter) -> None:
    """One ANERcorp sentence's counts for `shapes` (see there)."""
    chances = None
    for i, token in enumerate(tokens):
        key, after = token.key, tokens[i + 1] if i + 1 < len(tokens) else None
        kind = known_base(key, INSTITUTIONS) or key
        if kind in INSTITUTIONS and i + 2 < len(tokens) and chained(text, tokens, i + 2, i):
            chances = chances or dict(zip((t.start for t in tokens), model.label_sentence(
                [text[t.start : t.end] for t in tokens])[1]))  # fmt: skip
            kept = chances[tokens[i + 2].start] >= TRIM
            counts["chained", kept, tags[i + 1] != "O" and tags[i + 2].startswith("I-")] += 1
        title = i > 0 and without_conjunction(tokens[i - 1].key, TITLES) in TITLES
        if title and after and lexicon.given_name(key) and tags[i].endswith("PERS") and after.key.isalpha():
            counts["family after a title", family_name(after.key, lexicon), tags[i + 1] == "I-PERS"] += 1
        joined = i > 0 and only_spaces_between(text, tokens[i - 1], token)
        if (
            joined
            and i >= 2
            and tags[i - 2] == "B-PERS"
            and tags[i - 1] == "I-PERS"
            and lexicon.origin_of_a_place(key)
        ):
            name = [t.key for t in tokens[i - 2 : i]]
            counts["origin after a name", origin_family_name(name, key, lexicon), tags[i] == "I-PERS"] += 1
        if key in CURRENCIES and after and lexicon.place((after.key,)):
            counts["currency before a place", tags[i] != "O", tags[i + 1].startswith("I-")] += 1
        if key.startswith(STARRING) and after and lexicon.given_name(after.key):
            counts["starring", tags[i] == "O", tags[i + 1] == "B-PERS"] += 1
        if key.startswith(CONJUNCTIONS[0]) and not lexicon.place((key,)) and not lexicon.given_name(key):
            base = key[1:]
            if len(base) >= 3 and (lexicon.place((base,)) or lexicon.given_name(base)):
                counts["و before a name", True, tags[i] != "O"] += 1


def shapes(anercorp: Path) -> list[str]:
    """This release's name shapes on ANERcorp's gold names (both splits):
    (rule, whether the rule takes the word, whether the word is in the gold
    name) → words. `chained`: the second bare genitive after a place (taken
    = the model keeps it); `family after a title`: a given name's next word
    (taken = `patterns.family_name`); `origin after a name`: an adjective of
    a place's origin after a gold two-word person (taken = starts with a
    given name); `currency before a place` (a name, one name): «ريال مدريد»;
    `starring`: «بطولة» before a given name (O, then a person);
    `و before a name`: the word tagged a name or not (its segmentation is
    و + the name either way)."""
    model, lexicon, lines = NameModel(), load(), []
    for split, sentences in zip(("train", "test"), ner_training.sentences(anercorp)):
        counts: Counter = Counter()
        for text, tokens, tags in _aligned(sentences):
            _name_shapes(text, tokens, tags, lexicon, model, counts)
        lines.append(f"{split}: name shapes (rule, taken, in the gold name): words")
        lines += [f"  {rule}, {taken}, {inside}: {n}" for (rule, taken, inside), n in sorted(counts.items())]
    return lines


def test_split(anercorp: Path) -> list[str]:
    """The review file's precision on ANERcorp's test split (never trained or
    tuned on: the CRF, the lexicon and the learnt decision learnt from the
    other part): the split cut into articles as `make model` cuts the
    training part, every candidate summarised, right when exactly a gold
    name; then the share and number right at each operating point."""
    lexicon, analyse = load(), ArticleAnalysis(()).make()
    meta = ArticleMeta("x", "x.txt", None, None, None, "", (), None, (), True, None)
    found: list[tuple[Seen, bool]] = []
    for article in proposal_training.articles(ner_training.sentences(anercorp)[1]):
        text = "\n".join(" ".join(words) for words, _ in article) + "\n"
        gold = proposal_training.gold_names(article)
        for summary in summarise(
            (analyse(SourceFile("seeds/x.txt", text.encode("utf-8")), meta),), point=None
        ):
            found.append((seen(summary), proposal_training.is_gold(seen(summary).words, gold)))
    lines = [f"ANERcorp test split: {len(found)} candidates, {sum(r for _, r in found)} exactly a gold name"]
    for name, point in POINTS.items():
        kept = [right for candidate, right in found if enough(candidate, lexicon, point)]
        lines.append(
            f"  {name}: {sum(kept)}/{len(kept)} ({100 * sum(kept) / max(1, len(kept)):.1f}%) gold names"
        )
    return lines


KIND_SWEEP = (0.0, 0.02, 0.05, 0.1, 0.15, 0.2)
OTHER_SWEEP = (0.4, 0.5, 0.55, 0.6, 0.65, 0.7, 0.8)


def _sweep_table(items: list[Labelled], analyse, known: set, proposer, lexicon) -> list:
    """Per text: its gold names, and per candidate (its learnt chance,
    whether it is a kind-word body, whether `TWO_KINDS` takes it, whether it
    is right, the gold names it finds)."""
    meta = ArticleMeta("x", "x.txt", None, None, None, "", (), None, (), True, None)
    table = []
    for item in items:
        article = analyse(SourceFile("seeds/x.txt", item.text.encode("utf-8")), meta)
        gold = {g for g in item.names if not matches({g}, known)}
        entries = []
        for summary in summarise((article,), point=None):
            candidate = seen(summary)
            chance = proposer.chance(candidate, lexicon, two_kinds(candidate, lexicon))
            spellings = {key(w) for w in (summary.name, *summary.spellings)}
            right = bool(matches({key(summary.name)}, item.names | item.also))
            found = frozenset(g for g in gold if matches({g}, spellings))
            entries.append(
                (
                    chance,
                    bool(candidate.evidence & KIND_WORD),
                    enough(candidate, lexicon, TWO_KINDS),
                    right,
                    found,
                )
            )
        table.append((gold, entries))
    return table


def _measure(table: list, keep) -> tuple[int, int, int, int]:
    """(right, entries, names proposed, names) of the entries `keep` takes."""
    right = entries = found = gold = 0
    for names, rows in table:
        kept = [row for row in rows if keep(row)]
        right += sum(row[3] for row in kept)
        entries += len(kept)
        found += len(set().union(*(row[4] for row in kept)))
        gold += len(names)
    return right, entries, found, gold


def sweep(groups: dict[str, list[Labelled]], analyse, known: set) -> list[str]:
    """The learnt point's two thresholds (a body named by its kind word, any
    other name) over a grid, per group and over all groups' candidates, the
    pairs that keep each group's precision at least `TWO_KINDS`' and its
    names proposed within 3 points of it marked (*): the build's pair is the
    most precise of those over all groups."""
    proposer, lexicon = learnt.load(), load()
    if proposer is None:
        return ["no learnt weights (run `make model`)"]
    tables = {
        group: _sweep_table(items, analyse, known, proposer, lexicon) for group, items in groups.items()
    }
    base = {group: _measure(table, lambda row: row[2]) for group, table in tables.items()}
    lines, results = [], []
    for kind in KIND_SWEEP:
        for other in OTHER_SWEEP:
            measured = {
                g: _measure(t, lambda row, k=kind, o=other: row[0] >= (k if row[1] else o))
                for g, t in tables.items()
            }
            close = all(
                m[2] / m[3] >= base[g][2] / base[g][3] - 0.03
                and m[0] / max(1, m[1]) >= base[g][0] / base[g][1]
                for g, m in measured.items()
            )
            right, entries = sum(m[0] for m in measured.values()), sum(m[1] for m in measured.values())
            each = "  ".join(
                f"{g} {100 * m[0] / max(1, m[1]):.1f}/{100 * m[2] / m[3]:.0f}" for g, m in measured.items()
            )
            results.append(
                (
                    close,
                    right / max(1, entries),
                    f"{kind}/{other}: {100 * right / max(1, entries):.1f}%  {each}",
                )
            )
    lines.append(
        "two-kinds: "
        + "  ".join(f"{g} {100 * m[0] / max(1, m[1]):.1f}/{100 * m[2] / m[3]:.0f}" for g, m in base.items())
    )
    lines.append(
        "learnt thresholds (kind word / other): precision over all; each group's precision / names proposed"
    )
    lines += [
        ("* " if close else "  ") + text for close, _, text in sorted(results, key=lambda r: (-r[0], -r[1]))
    ]
    return lines


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="make eval-names", description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path, nargs="?", default=DEFAULT)
    parser.add_argument("--gazetteer", type=Path, help="an entities.yaml (default: an empty gazetteer)")
    parser.add_argument(
        "--verbose",
        nargs="?",
        const="",
        metavar="GROUP",
        help="list wrong entries and missed names (of GROUP only, e.g. dev: the held-out half stays unread)",
    )
    parser.add_argument(
        "--by-evidence",
        metavar="GROUP",
        help="precision per kind of evidence over GROUP's entries (dev: the held-out half stays unread)",
    )
    parser.add_argument(
        "--point",
        choices=[*POINTS, "none"],
        default=next(name for name, point in POINTS.items() if point == CHOSEN),
        help="the operating point (names.evidence; none: every candidate); default: the build's",
    )
    parser.add_argument(
        "--heldout",
        action="store_true",
        help="also measure the held-out files (heldout*.json): once per release",
    )
    parser.add_argument(
        "--anercorp",
        type=Path,
        metavar="FILE",
        help="check the boundary rules against ANERcorp's gold names (e.g. ../shared/data/anercorp/ANERCorp)",
    )
    parser.add_argument(
        "--test-split",
        type=Path,
        metavar="FILE",
        help="the candidates' precision on ANERcorp's test split at each operating point (FILE: ANERCorp)",
    )
    parser.add_argument(
        "--sweep",
        action="store_true",
        help="precision and names proposed per group at each threshold of the learnt chance",
    )
    args = parser.parse_args(argv)
    if args.test_split:
        print(*test_split(args.test_split), sep="\n")
        return
    if args.anercorp:
        print(*rules(args.anercorp), *shapes(args.anercorp), sep="\n")
        return
    point = None if args.by_evidence or args.point == "none" else POINTS[args.point]
    entities = ()
    if args.gazetteer:
        entities = load_entities(
            Sources("", (), (SourceFile("dossier/entities.yaml", args.gazetteer.read_bytes()),), ())
        )
    known = {key(n) for e in entities for n in e.names}
    analyse = ArticleAnalysis(entities).make()
    if args.sweep:
        texts: dict[str, list[Labelled]] = {}
        for group, item in labelled(args.folder, args.heldout):
            texts.setdefault(group, []).append(item)
        print(*sweep(texts, analyse, known), sep="\n")
        return
    groups: dict[str, Score] = {}
    for group, item in labelled(args.folder, args.heldout):
        score(item, analyse, known, groups.setdefault(group, Score()), point)
    total = Score()
    for group, result in groups.items():
        print(result.line(group))
        if args.verbose is not None and args.verbose in ("", group):
            print("  wrong:", *result.wrong, sep="\n    ")
            print("  missed:", *result.missed, sep="\n    ")
        if args.by_evidence == group:
            print(*by_evidence(result), sep="\n")
        for name in ("texts", "entries", "right", "gold", "found", "repeated_examples", "fused"):
            setattr(total, name, getattr(total, name) + getattr(result, name))
    if len(groups) > 1:
        print(total.line("all"))


if __name__ == "__main__":
    main()
