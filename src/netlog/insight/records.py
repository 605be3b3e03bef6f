"""The plain records the insight models read: one contact's history, compact."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import NamedTuple


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


@dataclass(slots=True)
class TieHistory:
    """What strength and fading read about one contact. ``touches`` and
    ``favours`` oldest first (the repository sorts them)."""

    contact_id: int
    name: str
    created_on: date
    touches: Sequence[Touch] = ()
    favours: Sequence[Favour] = ()
    cadence_days: int = 30
    source: str = "add"  # how the contact came in (imports ease in, see scheduler)
    # When ``touches`` holds only the recent ones (the repository reads the
    # window strength and fading look at): the latest conversation before them
    # and the first interaction ever, which recency and tenure still need.
    answered_before: date | None = None
    first_on: date | None = None
    # Their rhythm as the unit of work stores it (``strength.typical_gap`` of the
    # latest conversations, however old); None: computed from ``touches``.
    typical_gap_days: int | None = None


class Promise(NamedTuple):
    """A stored obligation (a follow-up row) as history: when it was made, when
    it was (or is) due, and when it was closed (None while open)."""

    contact_id: int
    opened_on: date
    due_on: date
    closed_on: date | None


@dataclass(frozen=True, slots=True)
class DayActivity:
    """One day: conversations (answered) and unanswered attempts."""

    day: date
    conversations: int
    attempts: int
