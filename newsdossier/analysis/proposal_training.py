"""Learn what to propose from corpora (`make model`, after the CRF and the lexicon).

    python -m newsdossier.analysis.proposal_training ../shared/data/anercorp/ANERCorp \
        --aqmar ../shared/data/aqmar

The rows are the review file's own candidates: ANERcorp's training part and
AQMAR are cut into articles of `ARTICLE_SENTENCES` sentences, each analysed
as the build analyses an article and summarised with no operating point
(`candidates.summarise(point=None)`, every candidate); a candidate is right
when its name is exactly a gold name of its article (a proclitic on either
side aside), else wrong. Their features are `names.learnt.features`, the
weights `names.learnt.fit`, written to `ner_model/proposing.json` and recorded
in `shipped.json`.

What keeps the rows honest (features as they are on text the models never
saw): ANERcorp's training part is read in two halves, each by a CRF learnt
from the other half only (the shipped CRF learnt from both, so its
probabilities there would be those of text it has memorised); AQMAR, which
the shipped CRF never saw, is read by it. The lexicon counts every word of
both corpora, so each article's own words are taken out of the counts its
features read (leave one article out; a word left under `KEPT_SEEN` is
unseen). The finders' own rules still read the whole lexicon: the rows see
slightly better boundaries than new text gets (said in the README).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from ..language import ner_training, shipped
from ..language.names import learnt
from ..language.names.evidence import two_kinds
from ..language.names.lexicon import KEPT_SEEN, Lexicon, load
from ..language.normalize import match_key, name_key
from ..language.spelling import proclitic_readings
from ..language.steps import ArticleAnalysis
from ..models.curation import ArticleMeta
from ..models.inputs import SourceFile
from .candidates import seen, summarise

ARTICLE_SENTENCES = 20  # about a news article's length


@dataclass(frozen=True)
class Row:
    """One candidate of the corpora: its features and whether it is a gold name."""

    features: dict[str, float]
    right: bool
    corpus: str


def articles(sentences: list, size: int = ARTICLE_SENTENCES) -> Iterator[list]:
    """The sentences in runs of `size`, in order: one article each."""
    for start in range(0, len(sentences), size):
        yield sentences[start : start + size]


def gold_names(article: list) -> set[tuple[str, ...]]:
    """The match keys of every gold name of an article's (words, tags) sentences."""
    names = set()
    for words, tags in article:
        for start, end, _ in ner_training.entities(tags):
            names.add(name_key(" ".join(words[start:end])))
    return names - {()}


def _forms(key: tuple[str, ...]) -> set[tuple[str, ...]]:
    """A key as written and with a proclitic read off its first word."""
    return {key} | {(base, *key[1:]) for _, base in proclitic_readings(key[0])} if key else set()


def is_gold(key: tuple[str, ...], gold: set[tuple[str, ...]]) -> bool:
    """Whether a candidate's key is a gold name, a proclitic on either side aside."""
    gold_forms = {form for name in gold for form in _forms(name)}
    return bool(_forms(key) & gold_forms)


def without_article(lexicon: Lexicon, article: list) -> Lexicon:
    """The lexicon as if it had been made without this article's words."""
    own: Counter = Counter()
    for words, tags in article:
        for word, tag in zip(words, tags):
            own[match_key(word).lower(), tag != "O"] += 1
    words = dict(lexicon.words)
    for key in {k for k, _ in own}:
        if key in words:
            outside, inside = words[key]
            # (never below none: a corpus the lexicon was not made from has words of its own)
            outside, inside = max(0, outside - own[key, False]), max(0, inside - own[key, True])
            if outside + inside < KEPT_SEEN:
                del words[key]
            else:
                words[key] = (outside, inside)
    return replace(lexicon, words=words)


def rows(sentences: list, analyse: Callable, corpus: str, lexicon: Lexicon) -> list[Row]:
    """Every candidate of the sentences' articles, with its features and label."""
    meta = ArticleMeta("x", "x.txt", None, None, None, "", (), None, (), True, None)
    found = []
    for article in articles(sentences):
        text = "\n".join(" ".join(words) for words, _ in article) + "\n"
        analysed = analyse(SourceFile("seeds/x.txt", text.encode("utf-8")), meta)
        gold, own = gold_names(article), without_article(lexicon, article)
        for summary in summarise((analysed,), point=None):
            candidate = seen(summary)
            features = learnt.features(candidate, own, two_kinds(candidate, own))
            found.append(Row(features, is_gold(candidate.words, gold), corpus))
    return found


def corpus_rows(anercorp: Path, aqmar: Path | None, folder: Path) -> list[Row]:
    """The rows of ANERcorp's training part (each half read by a CRF of the
    other half, made in `folder`) and of AQMAR (read by the shipped CRF)."""
    train, _ = ner_training.sentences(anercorp)
    half = len(train) // 2
    halves = (train[:half], train[half:])
    models = [folder / f"half{i}.crfsuite" for i in (1, 2)]
    for part, path in zip(halves, models):
        ner_training.fit(part, path)
    lexicon, found = load(), []
    for part, other in zip(halves, reversed(models)):
        found += rows(part, ArticleAnalysis(()).make(other), "ANERcorp", lexicon)
    if aqmar is not None:
        found += rows(ner_training.aqmar_sentences(aqmar), ArticleAnalysis(()).make(), "AQMAR", lexicon)
    return found


def weights(found: list[Row], sources: str) -> dict:
    """The weights file's content: the weights, with what they were learnt from."""
    counts = Counter((row.corpus, row.right) for row in found)
    return {
        "sources": sources,
        "rows": {
            corpus: {
                "candidates": counts[corpus, True] + counts[corpus, False],
                "gold names": counts[corpus, True],
            }
            for corpus in sorted({c for c, _ in counts})
        },
        "l2": learnt.L2,
        "weights": learnt.fit([row.features for row in found], [row.right for row in found]),
    }


SOURCES = (
    "candidates of the finders on ANERcorp's training part (Benajiba 2007; the CAMeL Lab's split, "
    "CC BY-SA 4.0) and AQMAR 1.0 (Mohit et al. 2012, CC BY-SA 3.0), labelled by their gold names; "
    "a derived work: share under CC BY-SA. See LICENSE.md."
)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="make model", description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path, help="the ANERCorp file (e.g. ../shared/data/anercorp/ANERCorp)")
    parser.add_argument("--aqmar", type=Path, help="the AQMAR folder (e.g. ../shared/data/aqmar)")
    parser.add_argument("--out", type=Path, default=shipped.FOLDER / learnt.WEIGHTS)
    args = parser.parse_args(argv)
    if not args.corpus.is_file():
        print(f"error: {args.corpus}: no such file (ANERcorp: one `token TAG` per line)", file=sys.stderr)
        return 1
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as folder:
        found = corpus_rows(args.corpus, args.aqmar, Path(folder))
    made = weights(found, SOURCES)
    args.out.write_text(
        json.dumps(made, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8"
    )
    if args.out.resolve() == (shipped.FOLDER / learnt.WEIGHTS).resolve():
        shipped.record(learnt.WEIGHTS, made_by="make model")
        learnt.load.cache_clear()
    right = sum(row.right for row in found)
    print(
        f"wrote {args.out}: {len(found):,} candidates of the corpora, {right:,} of them gold names, "
        f"in {time.perf_counter() - started:.0f} s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
