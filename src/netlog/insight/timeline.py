"""How much was overdue on a past day, from the history alone.

The stored state says what is due now; what was due a week or a year ago is
reconstructed from the interactions and follow-ups with the scheduler's own
rule (``scheduler.next_checkin``): on a day, a contact is **overdue** when the
check-in their history up to that day implies falls on or before it, and a
promise is when it was made by then, due by then and not yet done. Snoozes and
items set aside are not history (netlog keeps only the current ones), so these
counts leave them out, today's included: the same count for every day, to
compare days with each other.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from netlog.insight.records import Promise, TieHistory
from netlog.insight.strength import END_OF_DAY
from netlog.scheduler import next_checkin


@dataclass(frozen=True, slots=True)
class Overdue:
    """What was overdue on one day: people past their check-in, promises past their day."""

    day: date
    checkins: int
    promises: int

    @property
    def total(self) -> int:
        return self.checkins + self.promises


@dataclass(slots=True)
class _Rhythm:
    created_on: date
    cadence_days: int
    ease_in_id: int | None
    answered: list[str]  # ISO days, oldest first (``records.Columns``)
    attempts: list[str]


def _rhythms(histories: Iterable[TieHistory]) -> list[_Rhythm]:
    return [
        _Rhythm(
            h.created_on,
            h.cadence_days,
            None if h.source == "add" else h.contact_id,
            h.columns.answered,
            h.columns.attempts,
        )
        for h in histories
    ]


def _checkin_overdue(r: _Rhythm, day: date, end: str) -> bool:
    """Whether the check-in ``r``'s history up to ``day`` implies falls on or
    before it (``end``: the bisection bound of ``day``, see ``strength``)."""
    if r.created_on > day:
        return False
    n = bisect_right(r.answered, end)
    last = r.answered[n - 1] if n else None
    lo = bisect_right(r.attempts, last + END_OF_DAY) if last is not None else 0
    hi = bisect_right(r.attempts, end)
    unanswered = max(hi - lo, 0)
    attempt = date.fromisoformat(r.attempts[hi - 1]) if unanswered else None
    due = next_checkin(
        date.fromisoformat(last) if last is not None else None,
        r.created_on,
        r.cadence_days,
        None,
        unanswered,
        attempt,
        ease_in_id=r.ease_in_id,
    )
    return due <= day


def overdue_series(
    histories: Iterable[TieHistory], promises: Sequence[Promise], days: Sequence[date]
) -> list[Overdue]:
    """``Overdue`` for each of ``days`` (see the module docstring)."""
    rhythms = _rhythms(histories)
    series = []
    for day in days:
        end = day.isoformat() + END_OF_DAY
        checkins = sum(1 for r in rhythms if _checkin_overdue(r, day, end))
        owed = sum(
            1
            for p in promises
            if p.opened_on <= day and p.due_on <= day and (p.closed_on is None or p.closed_on > day)
        )
        series.append(Overdue(day, checkins, owed))
    return series
