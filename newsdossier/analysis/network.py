"""Who appears with whom: the co-mention network and its layout.

Two entities are linked when they are named in the same sentence; the link's
weight counts such sentences. networkx lays the graph out (Kamada–Kawai,
which starts from a circle and uses no random numbers), nodes are added in
id order and coordinates are rounded, so the same dossier always gives the
same drawing (the site draws it as SVG).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import networkx as nx

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
    graph = nx.Graph()
    graph.add_nodes_from(kept)  # in id order: the layout depends on insertion order
    kept_set = set(kept)
    for (a, b), weight in sorted(weights.items()):
        if a in kept_set and b in kept_set:
            graph.add_edge(a, b, weight=weight)
    graph.remove_nodes_from([n for n in kept if graph.degree(n) == 0])
    if graph.number_of_nodes() == 0:
        return Network((), ())

    # Kamada–Kawai: it spreads a dense core better than a force layout, and
    # it starts from a circle, not from random positions, so it needs no
    # seed. Distances are unweighted on purpose: with weights, the heavy
    # core (China, Russia, Putin, Xi) collapses into one unreadable knot.
    positions = nx.kamada_kawai_layout(graph, weight=None)
    xs = [p[0] for p in positions.values()]
    ys = [p[1] for p in positions.values()]

    def scale(value, low, high, size):
        return round(MARGIN + (value - low) / ((high - low) or 1) * (size - 2 * MARGIN), 1)

    nodes = tuple(
        (
            node,
            mentions[node],
            scale(positions[node][0], min(xs), max(xs), WIDTH),
            scale(positions[node][1], min(ys), max(ys), HEIGHT),
        )
        for node in sorted(graph.nodes)
    )
    edges = tuple(
        sorted(
            (Edge(a, b, d["weight"]) for a, b, d in graph.edges(data=True)),
            key=lambda e: (-e.weight, e.first, e.second),
        )
    )
    return Network(nodes, edges)
