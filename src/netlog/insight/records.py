"""The plain records the insight models read: one contact's history, compact."""

# No ``from __future__ import annotations``: typing.NamedTuple compiles every
# string annotation of its fields, which made defining these records cost twice
# as much on every start.

from collections.abc import Iterable, Sequence
from datetime import date
from itertools import accumulate, chain, repeat
from typing import NamedTuple

from netlog.policy import DEFAULT_DEPTH, KIND_DEPTH

# Depth weights in whole thousandths: a window's total is a difference of two
# running totals, exact whatever the order the rows were added up in.
DEPTH_POINTS = {kind: round(weight * 1000) for kind, weight in KIND_DEPTH.items()}
DEFAULT_DEPTH_POINTS = round(DEFAULT_DEPTH * 1000)


class Touch(NamedTuple):
    """One interaction: the day, its kind, and whether it was a conversation
    (answered) or an attempt that got no reply."""

    on: date
    kind: str
    answered: bool


class Favour(NamedTuple):
    """One ledger entry: the day and ``gave`` or ``got``."""

    on: date
    direction: str


class Columns(NamedTuple):
    """One contact's history as sorted columns of ISO days ("2026-11-25"; they
    sort as the days do), so that what happened in a window is two bisections
    rather than a walk over every interaction: 20,000 people with 300,000
    conversations between them are read in a fraction of a second this way.

    ``depth[base + n]`` is the total depth weight (thousandths) of the first
    ``n`` conversations: the running totals can be shared by many contacts
    (``running_depth``), each starting at its ``base``, so that a network's
    are added up in one pass rather than one per person."""

    answered: list[str]  # the days of conversations, oldest first
    kinds: list[str]  # the kind of each conversation
    attempts: list[str]  # the days of attempts that got no reply, oldest first
    gave: list[str]  # the days of favours you did
    got: list[str]  # the days of favours you received
    depth: Sequence[int]  # running totals of depth points (see above)
    base: int = 0


def running_depth(kinds: Iterable[Sequence[str]]) -> list[int]:
    """The running totals of the depth points of every conversation in
    ``kinds`` (one contact's after another), starting at 0."""
    points = map(DEPTH_POINTS.get, chain.from_iterable(kinds), repeat(DEFAULT_DEPTH_POINTS))
    return list(accumulate(points, initial=0))


def columns(
    answered: list[str],
    kinds: list[str],
    attempts: list[str],
    gave: list[str],
    got: list[str],
) -> Columns:
    """One contact's ``Columns`` from lists sorted by day (``kinds`` aligned with ``answered``)."""
    return Columns(answered, kinds, attempts, gave, got, running_depth([kinds]))


class TieHistory:
    """What strength and fading read about one contact. ``touches`` and
    ``favours`` oldest first (the repository sorts them).

    A plain slotted class: a dataclass costs most of a millisecond to define,
    and ``show`` loads this module on every run."""

    __slots__ = (
        "answered_before",
        "cadence_days",
        "cols",
        "contact_id",
        "created_on",
        "favours",
        "first_on",
        "name",
        "source",
        "touches",
        "typical_gap_days",
    )

    def __init__(
        self,
        contact_id: int,
        name: str,
        created_on: date,
        touches: Sequence[Touch] = (),
        favours: Sequence[Favour] = (),
        cadence_days: int = 30,
        source: str = "add",
        answered_before: date | None = None,
        first_on: date | None = None,
        typical_gap_days: int | None = None,
        cols: Columns | None = None,
    ) -> None:
        self.contact_id = contact_id
        self.name = name
        self.created_on = created_on
        self.touches = touches
        self.favours = favours
        self.cadence_days = cadence_days
        self.source = source  # how the contact came in (imports ease in, see scheduler)
        # When ``touches`` holds only the recent ones (the repository reads the
        # window strength and fading look at): the latest conversation before
        # them and the first interaction ever, which recency and tenure still need.
        self.answered_before = answered_before
        self.first_on = first_on
        # Their rhythm as the unit of work stores it (``policy.typical_gap`` of
        # the latest conversations, however old); None: computed from ``touches``.
        self.typical_gap_days = typical_gap_days
        # The same history as sorted columns: the repository reads them that
        # way; built from ``touches`` and ``favours`` on first use otherwise.
        self.cols = cols

    def __repr__(self) -> str:
        return f"TieHistory({self.contact_id!r}, {self.name!r}, {self.created_on!r})"

    @property
    def columns(self) -> Columns:
        if self.cols is None:
            ordered = sorted(self.touches, key=lambda t: t.on)
            said = [t for t in ordered if t.answered]
            self.cols = columns(
                [t.on.isoformat() for t in said],
                [t.kind for t in said],
                [t.on.isoformat() for t in ordered if not t.answered],
                sorted(f.on.isoformat() for f in self.favours if f.direction == "gave"),
                sorted(f.on.isoformat() for f in self.favours if f.direction != "gave"),
            )
        return self.cols


class Promise(NamedTuple):
    """A stored obligation (a follow-up row) as history: when it was made, when
    it was (or is) due, and when it was closed (None while open)."""

    contact_id: int
    opened_on: date
    due_on: date
    closed_on: date | None


class DayActivity(NamedTuple):
    """One day: conversations (answered) and unanswered attempts."""

    day: date
    conversations: int
    attempts: int
