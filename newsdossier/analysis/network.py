"""Who appears with whom: the co-mention network and its layout.

Two entities are linked when they are named in the same sentence; the link's
weight counts such sentences. The graph is laid out by stress majorization
(SMACOF, with NumPy): the positions whose distances best match the number of
links between two names, each pair weighted by one over that number squared.
That is the energy Kamada and Kawai's layout minimises (networkx's
`kamada_kawai_layout`, which this replaced: its SciPy minimiser took 0.5–1.5 s
with its import, against milliseconds here), and the tests hold ours to it on
many graphs. It starts from fixed positions (classical scaling of the
distances, and a circle; the better result is kept) and uses no random
numbers; nodes are in id order and coordinates rounded, so the same dossier
always gives the same drawing (the site draws it as SVG).

The layout is a function of the graph's nodes (in id order) and its edges
alone (distances are unweighted: with weights, the heavy core of China,
Russia, Putin and Xi collapses into one unreadable knot), so it is
remembered by that graph: in this process, and in a store the build gives
(`remember_layouts`, a folder under `.cache/`), so that a build whose networks did
not change lays nothing out. The key holds NumPy's version and the
analysis layer's code, which compute it.

What a network sums over its articles (their counts, their pairs named in
one sentence) is remembered too, by network (a summit's, the dossier's) in
the build's store (`remember_sums`), with each member's key (the digest of
its row: what it was made from): when every remembered member is still
there with the same key, only the new ones are read and added, instead of
every member article on every build that adds one (3,000 articles read for
the three networks of a 1,000-article dossier, 30,000 at 10,000).

The store (`MemoStore`) is the build layer's: it keeps each memo's bytes
with their checksum and gives back only bytes it wrote, so a memo damaged
on disk that still parses (a count changed, a coordinate) is never drawn:
it is computed again.
"""

from __future__ import annotations

import collections
import contextlib
import functools
import hashlib
import importlib.util
import json
import math
import pickle
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import compress
from operator import attrgetter
from pathlib import Path
from typing import Protocol

from ..models.article import Article
from ..models.identity import code_version
from .comentions import co_mention_pairs
from .counting import reference_counts, summed

MAX_NODES = 26
WIDTH, HEIGHT, MARGIN = 900, 640, 70


@dataclass(frozen=True)
class Edge:
    first: str
    second: str
    weight: int


@dataclass(frozen=True)
class Network:
    nodes: tuple[tuple[str, int, float, float], ...]  # entity id, mentions, x, y (sorted by id)
    edges: tuple[Edge, ...]  # heaviest first


def co_mention_network(
    articles: Iterable[Article], keys: Sequence[str] | None = None, name: str | None = None
) -> Network:
    """The network of `articles`; with `keys` (each article's, in order)
    and a `name`, its sums are remembered and patched (see the module)."""
    mentions, weights = _sums(tuple(articles), keys, name)

    linked = {e for pair in weights for e in pair}
    kept = sorted(sorted(linked, key=lambda e: (-mentions[e], e))[:MAX_NODES])
    kept_set = set(kept)
    edge_weights = {(a, b): w for (a, b), w in sorted(weights.items()) if a in kept_set and b in kept_set}
    linked_kept = {e for pair in edge_weights for e in pair}
    nodes_in_order = tuple(n for n in kept if n in linked_kept)  # in id order: a layout depends on it
    if not nodes_in_order:
        return Network((), ())
    positions = _layout(nodes_in_order, tuple(edge_weights))
    xs = [p[0] for p in positions.values()]
    ys = [p[1] for p in positions.values()]

    def scale(value, low, high, size):
        # NumPy's rounding to one decimal (times ten, to the even integer,
        # over ten), which the drawings were made with when the positions
        # were NumPy numbers: Python's round(x, 1) differs on a few halves.
        return round((MARGIN + (value - low) / ((high - low) or 1) * (size - 2 * MARGIN)) * 10) / 10

    nodes = tuple(
        (
            node,
            mentions[node],
            scale(positions[node][0], min(xs), max(xs), WIDTH),
            scale(positions[node][1], min(ys), max(ys), HEIGHT),
        )
        for node in nodes_in_order
    )
    edges = tuple(
        sorted(
            (Edge(a, b, w) for (a, b), w in edge_weights.items()),
            key=lambda e: (-e.weight, e.first, e.second),
        )
    )
    return Network(nodes, edges)


def _summed(articles: Iterable[Article]) -> tuple[Counter, Counter]:
    articles = tuple(articles)
    # The count every page shows; the pairs named in one sentence.
    return summed(reference_counts(a) for a in articles), co_mention_pairs(articles)


class MemoStore(Protocol):
    """Where this module's memos are kept between builds, by name."""

    def read(self, name: str) -> bytes | None:
        """The bytes last written under `name`, whole and unchanged; None otherwise."""

    def write(self, name: str, data: bytes) -> None:
        """Keep `data` under `name`, whole or not at all (a memo that cannot be written only costs time)."""


@dataclass(frozen=True)
class _Sums:
    """A network's sums as remembered: its members' keys, by id."""

    computed_by: tuple[str, ...]
    members: dict[str, str]
    mentions: Counter
    pairs: Counter


_article_id = attrgetter("parsed.meta.id")  # `Article.id`
_sums_store: MemoStore | None = None  # where networks' sums are remembered between builds (None: not)


def remember_sums(store: MemoStore | None) -> None:
    """Remember networks' sums in `store` (the build's cache) from now on; None: not."""
    global _sums_store
    _sums_store = store


def _sums(
    articles: tuple[Article, ...], keys: Sequence[str] | None, name: str | None
) -> tuple[Counter, Counter]:
    """The network's sums: the remembered ones plus the articles added
    since, when no remembered member changed or left; else all read."""
    if keys is None or name is None or _sums_store is None:
        return _summed(articles)
    ids = tuple(map(_article_id, articles))  # (in C: the `id` property of each was 30,000 calls an add)
    members = dict(zip(ids, keys, strict=True))
    memo = f"{hashlib.sha256(name.encode()).hexdigest()[:32]}.pickle"
    known = _read_sums(_sums_store.read(memo))
    if known is not None and known.members.items() <= members.items():
        if len(known.members) == len(members):
            return known.mentions, known.pairs
        mentions, pairs = _summed(compress(articles, [i not in known.members for i in ids]))
        mentions.update(known.mentions)
        pairs.update(known.pairs)
    else:
        mentions, pairs = _summed(articles)
    _sums_store.write(memo, pickle.dumps(_Sums(_computed_by(), members, mentions, pairs)))
    return mentions, pairs


def _read_sums(data: bytes | None) -> _Sums | None:
    if data is None:  # absent or damaged (the store checked its bytes): every member read
        return None
    try:
        known = pickle.loads(data)
    except Exception:  # of another version: every member read
        return None
    return known if isinstance(known, _Sums) and known.computed_by == _computed_by() else None


_layouts: dict[str, dict[str, tuple[float, float]]] = {}  # this process's, by key
_layout_store: MemoStore | None = None  # where layouts are remembered between builds (None: not)


def remember_layouts(store: MemoStore | None) -> None:
    """Remember layouts in `store` (the build's cache) from now on; None: in this process only."""
    global _layout_store
    _layout_store = store


def _layout(nodes: tuple[str, ...], edges: tuple[tuple[str, str], ...]) -> dict[str, tuple[float, float]]:
    """The graph's positions (stress majorization), computed once for each graph."""
    key = _layout_key(nodes, edges)
    if key in _layouts:
        return _layouts[key]
    memo = f"{key[:2]}/{key}.json"
    positions = _read_layout(_layout_store.read(memo), nodes) if _layout_store is not None else None
    if positions is None:
        positions = _stress_layout(nodes, edges)
        if _layout_store is not None:
            _layout_store.write(memo, json.dumps({n: list(p) for n, p in positions.items()}).encode())
    _layouts[key] = positions
    return positions


def _layout_key(nodes: tuple[str, ...], edges: tuple[tuple[str, str], ...]) -> str:
    return hashlib.sha256(json.dumps([_computed_by(), nodes, sorted(edges)]).encode()).hexdigest()


@functools.cache
def _computed_by() -> tuple[str, ...]:
    """What computes a layout: NumPy's version (read once per process, not
    per graph) and the analysis layer's code, this module's among it
    (`code_version`, as every cache key names the code)."""
    return (_numpy_version(), code_version("analysis"))


def _numpy_version() -> str:
    """NumPy's own version file (its version and git revision), found
    without importing NumPy (50 ms: only a graph laid out anew needs it) or
    `importlib.metadata` (20-30 ms to import and search the installed
    distributions: every build that draws a network looks a layout up)."""
    spec = importlib.util.find_spec("numpy")
    folders = (spec.submodule_search_locations or ()) if spec is not None else ()
    for folder in folders:
        with contextlib.suppress(OSError):
            return hashlib.sha256(Path(folder, "version.py").read_bytes()).hexdigest()
    from importlib import metadata  # (a NumPy installed without that file)

    return metadata.version("numpy")


def _read_layout(memo: bytes | None, nodes: tuple[str, ...]) -> dict[str, tuple[float, float]] | None:
    if memo is None:  # absent or damaged (the store checked its bytes): laid out again
        return None
    try:
        data = json.loads(memo)
        positions = {n: (float(data[n][0]), float(data[n][1])) for n in nodes}
    except Exception:  # not a layout of these nodes: laid out again
        return None
    return positions if len(data) == len(nodes) else None


def _hops(nodes: tuple[str, ...], edges: tuple[tuple[str, str], ...]) -> list[list[int]]:
    """The number of links between every two nodes (breadth first; the
    graphs have at most MAX_NODES nodes). Nodes in different parts of a
    graph are put one link beyond the longest distance within a part, so
    the parts are drawn apart, not on top of each other."""
    index = {node: i for i, node in enumerate(nodes)}
    near: list[list[int]] = [[] for _ in nodes]
    for a, b in edges:
        near[index[a]].append(index[b])
        near[index[b]].append(index[a])
    rows = []
    for start in range(len(nodes)):
        seen = {start: 0}
        queue = collections.deque([start])
        while queue:
            i = queue.popleft()
            for j in near[i]:
                if j not in seen:
                    seen[j] = seen[i] + 1
                    queue.append(j)
        rows.append([seen.get(j, -1) for j in range(len(nodes))])
    beyond = 1 + max((h for row in rows for h in row), default=0)
    return [[beyond if h < 0 else h for h in row] for row in rows]


def _stress_layout(nodes: tuple[str, ...], edges: tuple[tuple[str, str], ...]) -> dict:
    import numpy as np  # here: only when a graph is laid out for the first time

    n = len(nodes)
    goal = np.array(_hops(nodes, edges), dtype=float)
    weight = np.zeros_like(goal)
    off = ~np.eye(n, dtype=bool)
    weight[off] = goal[off] ** -2.0
    laplacian = np.diag(weight.sum(axis=1)) - weight
    guttman = np.linalg.pinv(laplacian)  # the majorization step solves with it, once per graph
    angle = 2 * np.pi * np.arange(n) / n
    starts = (_classical_scaling(np, goal), np.column_stack([np.cos(angle), np.sin(angle)]))
    best, least = None, math.inf
    for start in starts:
        positions, energy = _majorize(np, start, goal, weight, guttman)
        if energy < least - 1e-12:  # the first start wins ties: the same choice on every machine
            best, least = positions, energy
    best = _upright(np, best)
    return {node: (float(x), float(y)) for node, (x, y) in zip(nodes, best, strict=True)}


def _classical_scaling(np, goal):
    """Torgerson's classical scaling: the plane that best keeps the squared
    distances, the usual start for stress majorization."""
    n = len(goal)
    centring = np.eye(n) - 1 / n
    values, vectors = np.linalg.eigh(-0.5 * centring @ (goal**2) @ centring)
    top = np.argsort(values)[::-1][:2]
    return vectors[:, top] * np.sqrt(np.maximum(values[top], 0))


def _majorize(np, positions, goal, weight, guttman, rounds: int = 1000, tolerance: float = 1e-7):
    """SMACOF: each round's Guttman transform lowers the stress; stop when a
    round lowers it by less than `tolerance` of itself. The distances a
    round's stress is measured with are the next round's (each computed
    once, not twice: the same values)."""
    n = len(goal)
    diagonal = np.diag_indices(n)
    pulled = -weight * goal  # the same in every round

    def apart(x):
        return np.sqrt(((x[:, None, :] - x[None, :, :]) ** 2).sum(axis=-1))

    def stress(gap):
        return float((weight * (gap - goal) ** 2).sum() / 2)

    gap = apart(positions)
    positions = positions * (weight * goal * gap).sum() / ((weight * gap * gap).sum() or 1)  # to scale
    gap = apart(positions)
    energy = stress(gap)
    with np.errstate(divide="ignore", invalid="ignore"):  # entered once, not once a round
        for _ in range(rounds):
            pull = np.where(gap > 0, pulled / gap, 0.0)
            pull[diagonal] = 0
            pull[diagonal] = -pull.sum(axis=1)
            positions = guttman @ (pull @ positions)
            gap = apart(positions)
            now = stress(gap)
            if energy - now < tolerance * energy:
                return positions, now
            energy = now
    return positions, energy


def _upright(np, positions):
    """Centred, the widest spread along x (the drawing is wider than high),
    and each axis turned so that the first node off it is on its positive
    side: the stress does not change, the drawing is the same every time."""
    positions = positions - positions.mean(axis=0)
    _, vectors = np.linalg.eigh(positions.T @ positions)
    positions = positions @ vectors[:, ::-1]
    for axis in range(2):
        column = positions[:, axis]
        first = next((v for v in column if abs(v) > 1e-9), 0.0)
        if first < 0:
            positions[:, axis] = -column
    return positions
