"""How well search answers: precision and recall of the real engine on a
labelled set of queries over the seed site.

    make eval-search              # or: python -m bench.search [QUERIES.yaml]

builds the seed dossier into a temporary folder, runs every query of
`bench/search_queries.yaml` through assets/search-core.js under Node (the
file the search page runs, on the index the build wrote: what is measured
is what readers get), and prints, for the tuning half and the held-out half
and for each category: precision and recall over (query, right page) pairs
(micro) and averaged over queries (macro), the queries whose first result
is a right page, and the queries of a word no text contains that return
anything at all (the target is none).

The labels were written by reading the texts (the seeds, the gazetteer's
descriptions and the summits' summaries), never by running the engine: for
each query, every page it should find. A page is an article, or the first
page of an entity or summit; `url` paths are relative to the site root.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
NODE_SCRIPT = Path(__file__).with_name("search_node.js")
QUERIES = Path(__file__).with_name("search_queries.yaml")
HALVES = ("dev", "held-out")


# ------------------------------------------------------------ the engine under Node


def node(request: dict, timeout: float = 300) -> object:
    """One request to bench/search_node.js (see there), its JSON answer."""
    node_binary = shutil.which("node")
    if node_binary is None:
        raise RuntimeError("Node.js is missing: `make test` installs it (tests/tools/system-packages.sh)")
    result = subprocess.run(
        [node_binary, str(NODE_SCRIPT)],
        input=json.dumps(request, ensure_ascii=False),
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=timeout,
        check=False,
    )
    if result.returncode != 0:
        raise RuntimeError(f"search_node.js failed: {result.stderr.strip()[-2000:]}")
    return json.loads(result.stdout)


def search(site: Path, queries: list[str], excerpts: int = 0) -> list[dict]:
    """Each query answered by the site's own assets/search-core.js."""
    core = site / "assets" / "search-core.js"
    return node({"core": str(core), "site": str(site), "queries": queries, "excerpts": excerpts})


def spelling(core: Path, rules: dict, words: list[str], terms=(), gaps=(), postings=(), digits=None) -> dict:
    """The script's tokenizer, readings, term files and phrase gaps on
    `words`, and the numbers of posting lists' texts (`digits`: index.json's
    "digits" and "negative")."""
    request = {"core": str(core), "rules": rules, "words": words, "terms": list(terms), "gaps": list(gaps)}
    request.update(postings=list(postings), **(digits or {"digits": "", "negative": ""}))
    return node(request)


# ------------------------------------------------------------ the labelled set


@dataclass(frozen=True)
class Query:
    text: str
    category: str
    half: str
    right: frozenset[str]  # the pages it should find (empty: none)
    first: frozenset[str]  # pages any of which may come first (empty: any right page)
    note: str = ""


def load_queries(path: Path = QUERIES) -> list[Query]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    queries = []
    for category, entries in data["categories"].items():
        for entry in entries:
            queries.append(
                Query(
                    text=entry["q"],
                    category=category,
                    half=entry["half"],
                    right=frozenset(_pages(data, entry.get("right", []))),
                    first=frozenset(_pages(data, entry.get("first", []))),
                    note=entry.get("note", ""),
                )
            )
    return queries


def _pages(data: dict, items: list[str]) -> list[str]:
    """Page names as the file writes them: an article's short name (its key
    under `articles:`), `entity:ID`, `summit:ID`, or `@GROUP` for a named
    group of pages."""
    pages = []
    for item in items:
        if item.startswith("@"):
            pages += _pages(data, data["groups"][item[1:]])
        elif item.startswith("entity:"):
            pages.append(f"entities/{item.split(':', 1)[1]}.html")
        elif item.startswith("summit:"):
            pages.append(f"summits/{item.split(':', 1)[1]}.html")
        else:
            pages.append(f"articles/{data['articles'][item]}.html")
    return pages


# ------------------------------------------------------------ scores


@dataclass
class Tally:
    queries: int = 0
    found: int = 0  # results returned
    right_found: int = 0  # of them right
    right: int = 0  # right pages labelled
    precision_sum: float = 0.0
    precision_n: int = 0
    recall_sum: float = 0.0
    recall_n: int = 0
    first_right: int = 0
    first_n: int = 0
    absent: int = 0  # queries labelled with no right page
    absent_answered: int = 0  # of them, answered with any result

    def add(self, query: Query, results: list[str]) -> None:
        got = set(results)
        self.queries += 1
        self.found += len(got)
        self.right_found += len(got & query.right)
        self.right += len(query.right)
        if got:
            self.precision_sum += len(got & query.right) / len(got)
            self.precision_n += 1
        if query.right:
            self.recall_sum += len(got & query.right) / len(query.right)
            self.recall_n += 1
            self.first_n += 1
            self.first_right += bool(results) and results[0] in (query.first or query.right)
        else:
            self.absent += 1
            self.absent_answered += bool(got)

    def row(self, name: str) -> str:
        def ratio(a: float, b: float) -> str:
            return f"{a / b:.3f}" if b else "—"

        micro = f"{ratio(self.right_found, self.found)} | {ratio(self.right_found, self.right)}"
        macro = f"{ratio(self.precision_sum, self.precision_n)} | {ratio(self.recall_sum, self.recall_n)}"
        return (
            f"| {name} | {self.queries} | {micro} | {macro} "
            f"| {self.first_right}/{self.first_n} | {self.absent_answered}/{self.absent} |"
        )


HEADER = (
    "| | queries | precision | recall | precision (mean) | recall (mean) | first result right "
    "| absent with results |\n|---|---:|---:|---:|---:|---:|---:|---:|"
)


def evaluate(site: Path, queries: list[Query]) -> tuple[dict, list[str]]:
    """Tallies by half and by (half, category), and the misses, one line each."""
    answers = search(site, [q.text for q in queries])
    tallies: dict = defaultdict(Tally)
    misses = []
    for query, answer in zip(queries, answers):
        results = [hit["url"] for hit in answer["hits"]]
        for key in (query.half, (query.half, query.category), "all"):
            tallies[key].add(query, results)
        wrong = [r for r in results if r not in query.right]
        missing = sorted(query.right - set(results))
        first_wrong = results and query.right and results[0] not in (query.first or query.right)
        if wrong or missing or first_wrong:
            misses.append(
                f"{query.half} {query.category} «{query.text}»: {answer['status']}"
                + (f"; wrong {wrong}" if wrong else "")
                + (f"; missing {missing}" if missing else "")
                + (f"; first {results[0]}" if first_wrong else "")
            )
    return tallies, misses


def unbuilt_labels(site: Path, queries: list[Query]) -> list[str]:
    """Labelled pages the built site does not have: a label the site can
    never satisfy (a page since dropped, a typing slip) would count as a
    search miss, so it stops the run instead."""
    labelled = {page for query in queries for page in query.right | query.first}
    return sorted(page for page in labelled if not (site / page).is_file())


def report(tallies: dict, queries: list[Query]) -> str:
    lines = [HEADER]
    for half in HALVES:
        lines.append(tallies[half].row(f"**{half}**"))
    lines.append(tallies["all"].row("**both**"))
    lines.append("")
    lines.append(HEADER)
    categories = list(dict.fromkeys(q.category for q in queries))
    for half in HALVES:
        for category in categories:
            if (half, category) in tallies:
                lines.append(tallies[(half, category)].row(f"{half}: {category}"))
    return "\n".join(lines)


def build_seed_site(folder: Path) -> Path:
    from newsdossier.build.options import BuildOptions
    from newsdossier.build.pipeline import build

    project = folder / "project"
    for name in ("seeds", "dossier", "templates"):
        shutil.copytree(ROOT / name, project / name)
    build(BuildOptions(root=project, out=folder / "site", cache=False))
    return folder / "site"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("queries", nargs="?", type=Path, default=QUERIES)
    parser.add_argument("--site", type=Path, help="a built seed site (default: build one now)")
    parser.add_argument(
        "--misses",
        action="store_true",
        help="list the held-out half's misses too (tune on the dev half only)",
    )
    args = parser.parse_args(argv)
    queries = load_queries(args.queries)
    with tempfile.TemporaryDirectory(prefix="eval-search-") as temporary:
        site = args.site or build_seed_site(Path(temporary))
        unbuilt = unbuilt_labels(site, queries)
        if unbuilt:
            print(f"{args.queries}: labels name pages the site does not have: {', '.join(unbuilt)}")
            return 1
        tallies, misses = evaluate(site, queries)
    counts = {h: sum(q.half == h for q in queries) for h in HALVES}
    halves = f"{counts['dev']} dev, {counts['held-out']} held out"
    print(f"{len(queries)} labelled queries ({halves}), {args.queries.name}")
    print(report(tallies, queries))
    shown = [m for m in misses if args.misses or m.startswith("dev ")]
    print(f"\n{len(misses)} queries with a wrong, missing or misplaced page; {len(shown)} listed:")
    for line in shown:
        print("  " + line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
