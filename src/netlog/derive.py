"""Derived state: what a contact's history and the rules imply, in one function.

Every contact row carries values that could be computed from the history (its
latest conversation, unanswered attempts since, latest personal note, the next
check-in, and the typical gap between conversations), so that `due` reads one
index and never the history. They are
owned here: writers only mark a contact touched, and the unit of work
(``Repository.transaction``) calls ``derive`` for every touched contact before it
commits. ``netlog check`` compares the stored values with ``derive`` too.

Pure: plain values in, a ``Derived`` out; no database, no clock.
"""

# No ``from __future__ import annotations``: typing.NamedTuple compiles every
# string annotation of its fields, which made defining these records cost twice
# as much on every start.

from datetime import date
from typing import NamedTuple

from netlog import policy
from netlog.records import Derived
from netlog.scheduler import latest, next_checkin


# A NamedTuple: immutable, and cheap to define on every start (see records).
class History(NamedTuple):
    """What the rules read about one contact."""

    contact_id: int
    cadence_days: int
    created_on: date
    # How it came in: "add", or the import format (it eases in, see next_checkin).
    source: str
    snoozed_until: date | None
    # The latest answered interaction (by day, then id): (day, kind, summary).
    last: tuple[date, str, str | None] | None
    # Unanswered attempts after it: how many, and the latest day.
    attempts: int
    last_attempt_on: date | None
    # The latest personal note: (text, day).
    note: tuple[str, date] | None
    # The days of the latest answered interactions, oldest first (the rhythm).
    recent_days: tuple[date, ...] = ()


def derive(history: History) -> Derived:
    """The stored values ``history`` implies."""
    last_on, last_kind, last_summary = history.last if history.last else (None, None, None)
    note_text, note_on = history.note if history.note else (None, None)
    gap = policy.typical_gap(history.recent_days)
    return Derived(
        last_contact_on=last_on,
        last_kind=last_kind,
        last_summary=last_summary,
        unanswered=history.attempts,
        last_attempt_on=history.last_attempt_on,
        last_note=note_text,
        last_note_on=note_on,
        next_checkin_on=next_checkin(
            last_on,
            history.created_on,
            history.cadence_days,
            history.snoozed_until,
            history.attempts,
            history.last_attempt_on,
            ease_in_id=None if history.source == "add" else history.contact_id,
        ),
        typical_gap_days=gap,
        quiet_on=policy.quiet_from(last_on, gap)
        if last_on is not None and gap is not None
        else None,
    )


def ends_snooze(before: Derived, after: Derived) -> bool:
    """Reaching out later than ever before restarts the rhythm: a snooze set
    before that conversation (or attempt) no longer applies."""
    was = latest(before.last_contact_on, before.last_attempt_on)
    now = latest(after.last_contact_on, after.last_attempt_on)
    return now is not None and (was is None or now > was)
