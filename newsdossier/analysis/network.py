"""Who appears with whom: the co-mention network and its layout.

Two entities are linked when they are named in the same sentence; the link's
weight counts such sentences. networkx lays the graph out (Kamada–Kawai,
which starts from a circle and uses no random numbers), nodes are added in
id order and coordinates are rounded, so the same dossier always gives the
same drawing (the site draws it as SVG).

The layout is a function of the graph's nodes (in id order) and its edges
alone (distances are unweighted), so it is remembered by that graph: in
this process, and in a folder the build gives (`remember_layouts`, under
`.cache/`), so that a build whose networks did not change imports neither
networkx nor SciPy (about half a second) and lays nothing out. The key
holds the versions of networkx, SciPy and NumPy, which compute it.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from ..models.article import Article
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


def co_mention_network(articles: Iterable[Article]) -> Network:
    articles = tuple(articles)
    mentions = summed(reference_counts(a) for a in articles)  # the count every page shows
    weights = co_mention_pairs(articles)

    linked = {e for pair in weights for e in pair}
    kept = sorted(sorted(linked, key=lambda e: (-mentions[e], e))[:MAX_NODES])
    kept_set = set(kept)
    edge_weights = {(a, b): w for (a, b), w in sorted(weights.items()) if a in kept_set and b in kept_set}
    linked_kept = {e for pair in edge_weights for e in pair}
    nodes_in_order = tuple(n for n in kept if n in linked_kept)  # in id order, as networkx holds them
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


_layouts: dict[str, dict[str, tuple[float, float]]] = {}  # this process's, by key
_folder: Path | None = None  # where layouts are remembered between builds (None: not)


def remember_layouts(folder: Path | None) -> None:
    """Remember layouts in `folder` (the build's cache) from now on; None: in this process only."""
    global _folder
    _folder = folder


def _layout(nodes: tuple[str, ...], edges: tuple[tuple[str, str], ...]) -> dict[str, tuple[float, float]]:
    """Kamada–Kawai positions of the graph, computed once for each graph."""
    key = _layout_key(nodes, edges)
    if key in _layouts:
        return _layouts[key]
    path = _folder / key[:2] / f"{key}.json" if _folder is not None else None
    positions = _read_layout(path, nodes) if path is not None else None
    if positions is None:
        positions = _kamada_kawai(nodes, edges)
        if path is not None:
            with contextlib.suppress(OSError):  # a memo that cannot be written only costs time
                path.parent.mkdir(parents=True, exist_ok=True)
                temporary = path.with_name(f".{path.name}.{os.getpid()}")
                temporary.write_text(json.dumps({n: list(p) for n, p in positions.items()}))
                temporary.replace(path)  # never half-written
    _layouts[key] = positions
    return positions


def _layout_key(nodes: tuple[str, ...], edges: tuple[tuple[str, str], ...]) -> str:
    return hashlib.sha256(json.dumps([_versions(), nodes, sorted(edges)]).encode()).hexdigest()


@functools.cache
def _versions() -> tuple[str, ...]:
    """The versions of what computes a layout: looked up once per process
    (each lookup reads the installed packages' metadata), not per graph."""
    import importlib.metadata

    return tuple(importlib.metadata.version(p) for p in ("networkx", "scipy", "numpy"))


def _read_layout(path: Path, nodes: tuple[str, ...]) -> dict[str, tuple[float, float]] | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        positions = {n: (float(data[n][0]), float(data[n][1])) for n in nodes}
    except Exception:  # absent or damaged: laid out again
        return None
    return positions if len(data) == len(nodes) else None


def _kamada_kawai(nodes: tuple[str, ...], edges: tuple[tuple[str, str], ...]) -> dict:
    import networkx as nx  # here: only when a graph is laid out for the first time

    graph = nx.Graph()
    graph.add_nodes_from(nodes)  # in id order: the layout depends on insertion order
    graph.add_edges_from(edges)  # in id order, as before: a layout is the same from any build
    # Kamada–Kawai: it spreads a dense core better than a force layout, and
    # it starts from a circle, not from random positions, so it needs no
    # seed. Distances are unweighted on purpose: with weights, the heavy
    # core (China, Russia, Putin, Xi) collapses into one unreadable knot.
    positions = nx.kamada_kawai_layout(graph, weight=None)
    return {node: (float(x), float(y)) for node, (x, y) in positions.items()}
