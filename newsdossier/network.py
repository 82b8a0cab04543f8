"""Who appears with whom: co-mention networks drawn as SVG at build time.

Two entities are linked when they are named in the same sentence; the link's
weight counts such sentences. networkx lays the graph out (Kamada–Kawai,
which starts from a circle and uses no random numbers), nodes are added in
id order and coordinates are rounded, so the same dossier always gives the
same drawing. Each node is a link to its entity
page; the page needs no JavaScript.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from dataclasses import dataclass
from itertools import combinations

import networkx as nx
from markupsafe import Markup, escape

from .models import Article, Entity
from .urls import entity_url

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

    @property
    def is_empty(self) -> bool:
        return not self.edges


def co_mention_network(articles: tuple[Article, ...]) -> Network:
    mentions: Counter = Counter()
    weights: Counter = Counter()
    for article in articles:
        sentences: dict[tuple[int, int], set[str]] = defaultdict(set)
        for mention in article.mentions:
            mentions[mention.entity_id] += 1
            sentences[(mention.sentence_start, mention.sentence_end)].add(mention.entity_id)
        for entity_ids in sentences.values():
            for pair in combinations(sorted(entity_ids), 2):
                weights[pair] += 1

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
        sorted((Edge(a, b, d["weight"]) for a, b, d in graph.edges(data=True)), key=lambda e: (-e.weight, e.first, e.second))
    )
    return Network(nodes, edges)


def radius(mentions: int) -> float:
    return round(5 + 2.2 * math.sqrt(mentions), 1)


def network_svg(network: Network, entities: dict[str, Entity], root: str, label: str) -> Markup:
    """The network as inline SVG: nodes are links to entity pages."""
    where = {node: (x, y) for node, _, x, y in network.nodes}
    parts = [
        f'<svg class="network" viewBox="0 0 {WIDTH} {HEIGHT}" role="group" aria-label="{escape(label)}" '
        'xmlns="http://www.w3.org/2000/svg">'
    ]
    heaviest = max((e.weight for e in network.edges), default=1)
    for edge in reversed(network.edges):  # heaviest drawn last, on top
        (x1, y1), (x2, y2) = where[edge.first], where[edge.second]
        width = round(0.8 + 4 * edge.weight / heaviest, 1)
        parts.append(
            f'<line x1="{x1}" y1="{y1}" x2="{x2}" y2="{y2}" stroke-width="{width}">'
            f"<title>{escape(entities[edge.first].name_ar)} – {escape(entities[edge.second].name_ar)}: {edge.weight}</title></line>"
        )
    for node, count, x, y in network.nodes:
        entity = entities[node]
        r = radius(count)
        parts.append(
            f'<a href="{escape(root + entity_url(node))}" class="node node-{entity.type.value}">'
            f"<title>{escape(entity.name_ar)} ({count})</title>"
            f'<circle cx="{x}" cy="{y}" r="{r}"/>'
            f'<text x="{x}" y="{round(y + r + 15, 1)}" text-anchor="middle">{escape(entity.name_ar)}</text></a>'
        )
    parts.append("</svg>")
    return Markup("\n".join(parts))
