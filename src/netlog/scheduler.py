"""Who is due, why, how urgently, and what to do about it.

Pure functions over plain records and an explicit ``today``: no database, no
clock, no terminal. The repository only pre-filters rows by their stored dates;
every rule about *when* someone is due and *what to suggest* lives here.

Urgency (higher is more urgent; ``due`` sorts by it, then by due date, then name):

* check-in:  ``1 + days_late / cadence_days``. Due today scores 1; a whole cadence
  late scores 2. Lateness is relative to the rhythm you chose, so a weekly contact
  three weeks late outranks a yearly one three weeks late.
* follow-up: ``2 + days_late / 7``. An explicit promise starts above any check-in
  due the same day and gains a point for every week it slips.

Upcoming items (``--within``) have negative lateness and always sort below
everything already due.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

CHECK_IN = "check-in"
FOLLOW_UP = "follow-up"
DEFAULT_CADENCE_DAYS = 30
SUMMARY_QUOTE_CHARS = 70


# Not frozen: frozen dataclasses cost ~40% more to build, and `due` builds one
# per overdue contact (thousands in a large network).
@dataclass(slots=True)
class CheckinState:
    """What the scheduler needs to know about a contact to place its check-in."""

    contact_id: int
    name: str
    cadence_days: int
    next_checkin_on: date
    last_contact_on: date | None = None
    last_kind: str | None = None
    last_summary: str | None = None
    met: str | None = None


@dataclass(slots=True)
class OpenFollowUp:
    followup_id: int
    contact_id: int
    name: str
    due_on: date
    todo: str
    cadence_days: int = DEFAULT_CADENCE_DAYS
    last_contact_on: date | None = None
    last_kind: str | None = None
    last_summary: str | None = None


@dataclass(slots=True)
class DueItem:
    """One reason to reach out to one contact. ``action`` is worded on demand, so
    ranking thousands of overdue contacts costs no string building."""

    contact: str
    contact_id: int
    reason: str
    due_on: date
    days_overdue: int
    last_contact_on: date | None
    last_kind: str | None
    last_summary: str | None
    urgency: float
    followup_id: int | None = None
    source: CheckinState | OpenFollowUp | None = field(default=None, compare=False, repr=False)
    today: date | None = field(default=None, compare=False, repr=False)

    @property
    def action(self) -> str:
        """The suggested action, e.g. "Check in with Ada — last talked 45 days ago"."""
        if isinstance(self.source, OpenFollowUp):
            return followup_action(self.source.todo)
        if isinstance(self.source, CheckinState) and self.today is not None:
            return checkin_action(self.source, self.today)
        return ""


def next_checkin(
    last_contact_on: date | None,
    created_on: date,
    cadence_days: int,
    snoozed_until: date | None = None,
) -> date:
    """One cadence after the last contact (or after the contact was created),
    but never before a snooze."""
    base = last_contact_on or created_on
    due = base + timedelta(days=cadence_days)
    if snoozed_until is not None and snoozed_until > due:
        return snoozed_until
    return due


def checkin_urgency(days_overdue: int, cadence_days: int) -> float:
    return round(1 + days_overdue / max(cadence_days, 1), 3)


def followup_urgency(days_overdue: int) -> float:
    return round(2 + days_overdue / 7, 3)


def quote(summary: str | None, limit: int = SUMMARY_QUOTE_CHARS) -> str:
    """A one-line excerpt of a summary for an action or a table cell."""
    if not summary:
        return ""
    text = " ".join(summary.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _first_name(name: str) -> str:
    parts = name.split()
    return parts[0] if parts else name


def checkin_action(state: CheckinState, today: date) -> str:
    """A concrete suggestion quoting the last conversation as a talking point."""
    who = _first_name(state.name)
    if state.last_contact_on is None:
        return f"Check in with {who} — you have no conversation logged yet"
    days = (today - state.last_contact_on).days
    ago = "today" if days == 0 else "yesterday" if days == 1 else f"{days} days ago"
    if state.last_kind == "met":
        where = quote(state.last_summary or state.met)
        return f"Check in with {who} — you met {ago}" + (f" ({where})" if where else "")
    said = quote(state.last_summary)
    kind = f" ({state.last_kind})" if state.last_kind and state.last_kind != "other" else ""
    about = f": “{said}”" if said else ""
    return f"Check in with {who} — last talked {ago}{kind}{about}"


def followup_action(todo: str) -> str:
    return f"Follow up: {quote(todo, 120)}"


def due_items(
    checkins: Iterable[CheckinState],
    followups: Iterable[OpenFollowUp],
    today: date,
    horizon: date | None = None,
) -> list[DueItem]:
    """Everything due on or before ``horizon`` (default: today), most urgent first."""
    until = horizon or today
    items: list[DueItem] = []
    append = items.append
    for state in checkins:
        due_on = state.next_checkin_on
        if due_on > until:
            continue
        late = (today - due_on).days
        append(
            DueItem(
                state.name,
                state.contact_id,
                CHECK_IN,
                due_on,
                late,
                state.last_contact_on,
                state.last_kind,
                state.last_summary,
                checkin_urgency(late, state.cadence_days),
                None,
                state,
                today,
            )
        )
    for fu in followups:
        if fu.due_on > until:
            continue
        late = (today - fu.due_on).days
        append(
            DueItem(
                fu.name,
                fu.contact_id,
                FOLLOW_UP,
                fu.due_on,
                late,
                fu.last_contact_on,
                fu.last_kind,
                fu.last_summary,
                followup_urgency(late),
                fu.followup_id,
                fu,
                today,
            )
        )
    return sort_items(items)


def sort_items(items: Sequence[DueItem]) -> list[DueItem]:
    """Everything already due before anything upcoming; within each, most urgent
    first, ties broken by the earlier due date, then by name."""
    return sorted(items, key=_rank)


def _rank(i: DueItem) -> tuple[bool, float, date, str, str]:
    return (i.days_overdue < 0, -i.urgency, i.due_on, i.contact.casefold(), i.reason)
