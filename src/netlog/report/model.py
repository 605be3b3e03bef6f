"""The report's view model: everything the page shows, computed once."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from netlog.insight.records import DayActivity
from netlog.insight.strength import Strength
from netlog.insight.timeline import Overdue

HEATMAP_DAYS = 365  # one cell a day: today and the 364 days before
GRAPH_MAX_NODES = 300  # the most connected people the picture shows
GIVE_TAKE_ROWS = 25  # the people you exchanged the most favours with
GROUP_COLOURS = 8  # companies or tags with a colour of their own; the rest are "other"
DUE_SERIES_WEEKS = 52  # overdue counts, a point a week


@dataclass(frozen=True, slots=True)
class Person:
    """A contact as the report reads it."""

    id: int
    name: str
    company: str | None
    tag: str | None  # the first of their tags
    via_id: int | None  # who introduced you


@dataclass(frozen=True, slots=True)
class Node:
    id: int
    name: str
    strength: int
    group: str  # a company, a tag, or "other"
    degree: int  # introductions they are part of (either way)


@dataclass(frozen=True, slots=True)
class Edge:
    a: int
    b: int
    kind: str  # "introduced you" (a introduced you to b) | "you introduced" (a and b)


@dataclass(frozen=True, slots=True)
class GiveTake:
    id: int
    name: str
    gave: int
    got: int


@dataclass(frozen=True, slots=True)
class Report:
    today: date
    people: int
    heatmap: tuple[DayActivity, ...]  # HEATMAP_DAYS days, oldest first
    nodes: tuple[Node, ...]  # the most connected, strongest first
    edges: tuple[Edge, ...]  # between shown nodes
    left_out: int  # people not in the picture
    groups: tuple[str, ...]  # the coloured groups, largest first
    give_take: tuple[GiveTake, ...]
    overdue: tuple[Overdue, ...]  # oldest first

    @property
    def conversations(self) -> int:
        return sum(d.conversations for d in self.heatmap)

    @property
    def days_talked(self) -> int:
        """Days of the heatmap with at least one conversation."""
        return sum(1 for d in self.heatmap if d.conversations)


def heatmap_days(activity: Mapping[date, DayActivity], today: date) -> tuple[DayActivity, ...]:
    start = today - timedelta(days=HEATMAP_DAYS - 1)
    days = (start + timedelta(days=n) for n in range(HEATMAP_DAYS))
    return tuple(activity.get(d) or DayActivity(d, 0, 0) for d in days)


def series_days(today: date) -> list[date]:
    """A point a week for the past year, ending today."""
    return [today - timedelta(weeks=n) for n in range(DUE_SERIES_WEEKS, -1, -1)]


def build_report(
    *,
    today: date,
    people: Sequence[Person],
    strengths: Mapping[int, Strength],
    introductions: Sequence[tuple[int, int]],
    activity: Mapping[date, DayActivity],
    balances: Sequence[GiveTake],
    overdue: Sequence[Overdue],
    max_nodes: int = GRAPH_MAX_NODES,
) -> Report:
    """The page's figures from plain records. The graph keeps the ``max_nodes``
    most connected people (introductions either way, then strength) and says
    how many it left out."""
    edges = [Edge(p.via_id, p.id, "introduced you") for p in people if p.via_id is not None]
    edges += [Edge(a, b, "you introduced") for a, b in introductions]
    degree: Counter[int] = Counter()
    for e in edges:
        degree[e.a] += 1
        degree[e.b] += 1

    def score(pid: int) -> int:
        s = strengths.get(pid)
        return s.score if s is not None else 0

    ranked = sorted(people, key=lambda p: (-degree[p.id], -score(p.id), p.name.casefold(), p.id))
    shown = ranked[:max_nodes]
    label = {p.id: (p.company or p.tag or "").strip() for p in shown}
    sizes = Counter(v for v in label.values() if v)
    groups = tuple(
        g for g, _ in sorted(sizes.items(), key=lambda kv: (-kv[1], kv[0]))[:GROUP_COLOURS]
    )
    coloured = set(groups)
    nodes = tuple(
        Node(
            p.id,
            p.name,
            score(p.id),
            label[p.id] if label[p.id] in coloured else "other",
            degree[p.id],
        )
        for p in sorted(shown, key=lambda p: (-score(p.id), p.name.casefold(), p.id))
    )
    ids = {n.id for n in nodes}
    kept_edges = tuple(e for e in edges if e.a in ids and e.b in ids)
    give_take = tuple(
        sorted(
            (b for b in balances if b.gave or b.got),
            key=lambda b: (-(b.gave + b.got), b.name.casefold(), b.id),
        )[:GIVE_TAKE_ROWS]
    )
    return Report(
        today=today,
        people=len(people),
        heatmap=heatmap_days(activity, today),
        nodes=nodes,
        edges=kept_edges,
        left_out=len(people) - len(nodes),
        groups=groups,
        give_take=give_take,
        overdue=tuple(overdue),
    )
