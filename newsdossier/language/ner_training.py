"""Train the shipped named-entity model on ANERcorp and AQMAR: `make model`.

    python -m newsdossier.language.ner_training ../shared/data/anercorp/ANERCorp \
        --aqmar ../shared/data/aqmar

ANERcorp (Benajiba 2007; 150,313 tokens of Arabic news, one `token TAG` per
line, IOB over PERS, LOC, ORG, MISC, sentences ending with a `.` token) and
AQMAR (Mohit et al. 2012; 73,853 tokens of Arabic Wikipedia, CC BY-SA 3.0,
blank lines between sentences, PER for persons and MIS0–MIS3 for its
article-specific kinds) are read from where they lie and never copied into
the project: the model file is a derived work, and says so beside it. The
standard split of the literature holds: the last 25,008 tokens of ANERcorp
are the test set; the rest of ANERcorp and all of AQMAR train. AQMAR's
kinds are mapped to ANERcorp's (PER → PERS; MIS* → MISC, or O with
`--aqmar-misc O`), its noisy tags (I--ORG, IO, OO) read as what they mean.

The gazetteer feature is learnt from a simulated gazetteer: the training
sentences are cut into folds, and each sees the entity names of the other
folds, each dropped with a fixed probability, so the model learns to use a
list of names and not to trust it blindly. Everything is seeded: the same
corpus gives the same model, byte for byte.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

from . import ner, shipped
from .names import lexicon, patterns
from .ner import MODEL, TYPES, NameList, sentence_features
from .spelling import proclitic_readings

TEST_TOKENS = 25_008
SEED = 13
FOLDS = 5
DROP = 0.5  # share of the other folds' names each gazetteer leaves out
C1, C2 = 0.1, 0.05  # L1 and L2 regularisation of CRFsuite's L-BFGS
PUBLISHED = {"AraELECTRA-base": 83.95, "AraBERTv0.2-base": 83.70, "AraBERTv0.1": 83.1, "mBERT": 78.4}


def sentences(path: Path) -> tuple[list, list]:
    """(train, test) sentences of (words, tags): test is the last 25,008 tokens."""
    pairs = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line:
            word, _, tag = line.rpartition(" ")
            pairs.append((word, tag))

    def split(items):
        result, words, tags = [], [], []
        for word, tag in items:
            words.append(word)
            tags.append(tag)
            if word == ".":
                result.append((words, tags))
                words, tags = [], []
        return result + ([(words, tags)] if words else [])

    return split(pairs[:-TEST_TOKENS]), split(pairs[-TEST_TOKENS:])


def _aqmar_tag(tag: str, misc: str) -> str:
    """An AQMAR tag as ANERcorp's: PER → PERS, MIS0–MIS3 → MISC (or O), noise read."""
    tag = {"IO": "O", "OO": "O"}.get(tag, tag).replace("--", "-")
    prefix, _, kind = tag.partition("-")
    if prefix not in ("B", "I") or not kind:
        return "O"
    if kind.startswith("MIS"):
        return "O" if misc == "O" else f"{prefix}-MISC"
    return f"{prefix}-{'PERS' if kind == 'PER' else kind}"


def aqmar_sentences(folder: Path, misc: str = "MISC") -> list:
    """AQMAR's sentences of (words, tags), its tags as ANERcorp's."""
    result = []
    for path in sorted(folder.glob("*.txt")):
        words, tags = [], []
        for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
            if not line.strip():
                if words:
                    result.append((words, tags))
                words, tags = [], []
                continue
            word, _, tag = line.rpartition(" ")
            words.append(word)
            tags.append(_aqmar_tag(tag, misc))
    return result


def entities(tags: list[str]) -> set[tuple[int, int, str]]:
    """(start, end, type) spans, as conlleval reads IOB tags."""
    found, start, kind = set(), None, None
    for i, tag in enumerate([*tags, "O"]):
        prefix, _, tag_kind = tag.partition("-")
        begins = prefix == "B" or (prefix == "I" and tag_kind != kind)
        if kind is not None and (prefix == "O" or begins):
            found.add((start, i, kind))
            start, kind = None, None
        if begins:
            start, kind = i, tag_kind
    return found


def _names(batch) -> list[tuple[str, str]]:
    kinds: dict[str, Counter] = defaultdict(Counter)
    for words, tags in batch:
        # In order: a name tagged two ways as often takes the first (a set's order changes
        # with each process's string hashing, and with it the model's bytes).
        for start, end, kind in sorted(entities(tags)):
            kinds[" ".join(words[start:end])][kind] += 1
    return sorted((name, count.most_common(1)[0][0]) for name, count in kinds.items())


def gazetteer_names(folder: Path) -> dict[str, list[list[str]]]:
    """Places (countries and cities of world-cities-ar) and persons (the
    first and family names of arabic-names) as word lists, by ANERcorp type."""
    import csv

    places: set[str] = set()
    with (folder / "world-cities-ar" / "world-cities.csv").open(encoding="utf-8-sig") as rows:
        for row in csv.DictReader(rows):
            for name in (row["CountryNameAr"], row["CityNameAr"]):
                words = name.split()
                if words and words[0] in ("ولاية", "محافظة", "مقاطعة") and len(words) > 1:
                    words = words[1:]
                if words:
                    places.add(" ".join(words))
    names = folder / "arabic-names"
    firsts = [
        w
        for f in ("male-first--names-in-arabic.txt", "female-first-names-in-arabic.txt")
        for w in (names / f).read_text(encoding="utf-8").split()
    ]
    lasts = (names / "last-names-in-arabic.txt").read_text(encoding="utf-8").split()
    persons = {f"{a} {b}" for a in firsts for b in lasts} | set(firsts)
    return {"LOC": [p.split() for p in sorted(places)], "PERS": [p.split() for p in sorted(persons)]}


def substituted(train, names: dict[str, list[list[str]]], seed: int = SEED) -> list:
    """A copy of each training sentence that names a place or a person, each
    such name replaced by one drawn from `names` (a proclitic written on the
    first word kept): the contexts of news, with the places and persons of
    gazetteers. Entity substitution, a data augmentation for NER."""
    rng, result = random.Random(seed), []
    for words, tags in train:
        spans = sorted(e for e in entities(tags) if e[2] in names)
        if not spans:
            continue
        new_words, new_tags, cursor = [], [], 0
        for start, end, kind in spans:
            new_words += words[cursor:start]
            new_tags += tags[cursor:start]
            first_key = words[start]
            clitic = next(
                (first_key[:n] for n, base in proclitic_readings(first_key)[1:] if not base.startswith("ال")),
                "",
            )
            replacement = rng.choice(names[kind])
            new_words += [clitic + replacement[0], *replacement[1:]]
            new_tags += [f"B-{kind}"] + [f"I-{kind}"] * (len(replacement) - 1)
            cursor = end
        result.append((new_words + words[cursor:], new_tags + tags[cursor:]))
    return result


def simulated_name_lists(train) -> list[NameList]:
    bounds = [round(k * len(train) / FOLDS) for k in range(FOLDS + 1)]
    per_fold = [set(_names(train[bounds[k] : bounds[k + 1]])) for k in range(FOLDS)]
    lists = []
    for k in range(FOLDS):
        others = sorted(set().union(*(per_fold[j] for j in range(FOLDS) if j != k)))
        rng = random.Random(SEED * 1000 + k)
        lists += [NameList.of([n for n in others if rng.random() >= DROP])] * (bounds[k + 1] - bounds[k])
    return lists


def scores(gold: list[list[str]], predicted: list[list[str]]) -> dict:
    """Entity-level precision, recall and F1 per type, micro and macro (in %)."""
    tp, fp, fn = Counter(), Counter(), Counter()
    for g, p in zip(gold, predicted):
        g_set, p_set = entities(g), entities(p)
        for span in g_set & p_set:
            tp[span[2]] += 1
        for span in p_set - g_set:
            fp[span[2]] += 1
        for span in g_set - p_set:
            fn[span[2]] += 1

    def prf(t, f_p, f_n):
        p = t / (t + f_p) if t + f_p else 0.0
        r = t / (t + f_n) if t + f_n else 0.0
        return {
            "p": round(100 * p, 2),
            "r": round(100 * r, 2),
            "f1": round(100 * (2 * p * r / (p + r) if p + r else 0.0), 2),
        }

    result = {kind: prf(tp[kind], fp[kind], fn[kind]) for kind in TYPES}
    result["micro"] = prf(sum(tp.values()), sum(fp.values()), sum(fn.values()))
    result["macro"] = {k: round(sum(result[t][k] for t in TYPES) / len(TYPES), 2) for k in ("p", "r", "f1")}
    return result


def write_lexicon(anercorp_train, data: Path) -> None:
    """The shipped lexicon (`names.lexicon`) from ANERcorp's training part,
    AQMAR and the gazetteers under `data` (../shared/data), recorded in
    `shipped.json`; the features of the model then read it."""
    path = shipped.FOLDER / shipped.LEXICON
    built = lexicon.build(anercorp_train + aqmar_sentences(data / "aqmar"), data / "gazetteers")
    path.write_text(json.dumps(built, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    shipped.record(shipped.LEXICON, made_by="make model")
    lexicon.load.cache_clear()
    ner.known_places.cache_clear()
    ner._word.cache_clear()
    patterns._institution_spans.cache_clear()  # reads the lexicon's places and given names


def fit(train_set: list, out: Path):
    """A CRF learnt from (words, tags) sentences, written to `out` (the
    shipped settings; seeded: the same sentences give the same file)."""
    import sklearn_crfsuite

    lists = simulated_name_lists(train_set)
    features = [sentence_features(words, names) for (words, _), names in zip(train_set, lists)]
    crf = sklearn_crfsuite.CRF(
        algorithm="lbfgs",
        c1=C1,
        c2=C2,
        max_iterations=150,
        all_possible_transitions=False,
        model_filename=str(out),
    )
    out.parent.mkdir(parents=True, exist_ok=True)
    crf.fit(features, [tags for _, tags in train_set])
    return crf


def train(
    corpus: Path,
    out: Path,
    aqmar: Path | None = None,
    misc: str = "MISC",
    gazetteers: Path | None = None,
    lexicon_data: Path | None = None,
) -> dict:
    started = time.perf_counter()
    anercorp_train, test_set = sentences(corpus)
    if lexicon_data is not None and out.resolve() == MODEL.resolve():
        write_lexicon(anercorp_train, lexicon_data)
    extra = aqmar_sentences(aqmar, misc) if aqmar else []
    augmented = substituted(anercorp_train + extra, gazetteer_names(gazetteers)) if gazetteers else []
    train_set = anercorp_train + extra + augmented
    crf = fit(train_set, out)
    seconds = time.perf_counter() - started
    test = {
        "without the gazetteer": scores(
            [t for _, t in test_set], crf.predict([sentence_features(w) for w, _ in test_set])
        ),
        "with the training names as gazetteer": scores(
            [t for _, t in test_set],
            crf.predict([sentence_features(w, NameList.of(_names(train_set))) for w, _ in test_set]),
        ),
    }
    return {
        "model": out.name,
        "trained_on": f"ANERcorp (Benajiba 2007), {corpus.name} sha256 "
        f"{hashlib.sha256(corpus.read_bytes()).hexdigest()[:16]}; all but the last {TEST_TOKENS:,} tokens "
        f"({sum(len(w) for w, _ in anercorp_train):,} tokens, {len(anercorp_train):,} sentences)"
        + (
            f"; AQMAR 1.0 (Mohit et al. 2012), {len(list(aqmar.glob('*.txt')))} files, "
            f"{sum(len(w) for w, _ in extra):,} tokens, MIS* read as {misc}"
            if aqmar
            else ""
        ),
        "derived_work": "weights learnt from ANERcorp, a research corpus"
        + (", and AQMAR, CC BY-SA 3.0: the weights are shared under CC BY-SA" if aqmar else "")
        + "; say so wherever the model ships (ner_model/LICENSE.md)",
        "settings": {
            "algorithm": "CRFsuite L-BFGS",
            "c1": C1,
            "c2": C2,
            "max_iterations": 150,
            "folds": FOLDS,
            "drop": DROP,
            "seed": SEED,
        },
        "test_split": f"the last {TEST_TOKENS:,} tokens of ANERcorp (CAMeL Lab split)",
        "entity_scores": test,
        "published_macro_f1_same_split": PUBLISHED,
        "training_seconds": round(seconds, 1),
        "size_bytes": out.stat().st_size,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="make model", description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path, help="the ANERCorp file (e.g. ../shared/data/anercorp/ANERCorp)")
    parser.add_argument(
        "--out", type=Path, default=MODEL, help=f"where to write the model (default: {MODEL})"
    )
    parser.add_argument(
        "--aqmar", type=Path, help="the AQMAR folder (e.g. ../shared/data/aqmar), to train on too"
    )
    parser.add_argument(
        "--aqmar-misc", choices=("MISC", "O"), default="MISC", help="how AQMAR's MIS* kinds are read"
    )
    parser.add_argument(
        "--gazetteers", type=Path, help="../shared/data/gazetteers: its places and names substituted in"
    )
    parser.add_argument(
        "--lexicon",
        type=Path,
        help="../shared/data: write the shipped lexicon (word counts, places, given names) from its aqmar/ "
        "and gazetteers/ and ANERcorp's training part, before training (the model's features read it)",
    )
    args = parser.parse_args(argv)
    if not args.corpus.is_file():
        print(f"error: {args.corpus}: no such file (ANERcorp: one `token TAG` per line)", file=sys.stderr)
        return 1
    if args.aqmar is not None and not any(args.aqmar.glob("*.txt")):
        print(f"error: {args.aqmar}: no AQMAR files (*.txt, one `token TAG` per line)", file=sys.stderr)
        return 1
    report = train(args.corpus, args.out, args.aqmar, args.aqmar_misc, args.gazetteers, args.lexicon)
    args.out.with_suffix(".json").write_text(
        json.dumps(report, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )
    if args.out.resolve() == MODEL.resolve():  # the shipped model: its record is made with it
        shipped.record(shipped.MODEL, shipped.MODEL_REPORT, made_by="make model")
    micro = report["entity_scores"]["without the gazetteer"]
    print(
        f"wrote {args.out} ({report['size_bytes'] / 1e6:.1f} MB) in {report['training_seconds']} s: "
        f"test entity F1 micro {micro['micro']['f1']}, macro {micro['macro']['f1']}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
