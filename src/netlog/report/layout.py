"""Where the graph's nodes go: you in the centre, strong ties near you.

A force-directed layout (networkx's Fruchterman-Reingold, ``spring_layout``)
over a star (you, joined to everyone, more tightly the stronger the tie) and
the introductions between people, started from rings by strength so that the
picture is stable from one run to the next (a fixed seed). networkx and numpy
are imported here only: ``report`` is the one command that needs them.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from netlog.report.model import Edge, Node

YOU = 0  # the centre; contact ids start at 1


def positions(nodes: Sequence[Node], edges: Sequence[Edge]) -> dict[int, tuple[float, float]]:
    """Node id (``YOU`` for you) -> (x, y), each in -1..1, you at (0, 0)."""
    import networkx as nx

    graph: nx.Graph[int] = nx.Graph()
    graph.add_node(YOU)
    start: dict[int, tuple[float, float]] = {YOU: (0.0, 0.0)}
    count = max(len(nodes), 1)
    for n, node in enumerate(nodes):
        weight = 0.2 + node.strength / 100
        graph.add_edge(YOU, node.id, weight=weight)
        radius = 0.25 + 0.75 * (1 - node.strength / 100)
        angle = 2 * math.pi * n * 0.618033988749895  # golden-angle spiral: no two alike
        start[node.id] = (radius * math.cos(angle), radius * math.sin(angle))
    for edge in edges:
        graph.add_edge(edge.a, edge.b, weight=1.0)
    if len(nodes) == 0:
        return {YOU: (0.0, 0.0)}
    placed = nx.spring_layout(
        graph,
        pos=start,
        fixed=[YOU],
        k=1.6 / math.sqrt(count + 1),
        iterations=40,
        seed=7,
        weight="weight",
    )
    span = max((max(abs(float(x)), abs(float(y))) for x, y in placed.values()), default=1.0) or 1.0
    return {int(n): (float(x) / span, float(y) / span) for n, (x, y) in placed.items()}
