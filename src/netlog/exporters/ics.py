"""Due items as an iCalendar file (RFC 5545), for calendars and task lists.

``netlog due`` answers "who now?"; a calendar answers it without opening a
terminal. Each due item becomes an all-day VEVENT on its due date (DTEND the next
day, marked TRANSPARENT so it does not block time), or, with ``todo=True``, a
VTODO due that day (STATUS:NEEDS-ACTION), for task apps.

An overdue item goes on the export day instead (the day ``due`` was computed
for: its due date plus the days it is late), since that is when it still needs
doing: on its old due date it would sit in the calendar's past, where nobody
looks. Its description keeps the date it was due on.

SUMMARY says what to do and with whom ("Check in with Ada Lovelace"), DESCRIPTION
is the scheduler's suggested action worded with dates ("last talked on
2026-10-01", never "6 weeks ago": a calendar shows the text for weeks after the
export, when a relative day would be wrong), CATEGORIES the reason.

UIDs are stable, so re-importing or re-subscribing updates events instead of
duplicating them: ``netlog-{reason}-{contact_id}-{key}@netlog``, where ``key`` is

* the follow-up id for promises (follow-up, thank-you, close-the-loop,
  intro-follow-up): one event per promise, whatever day it is exported;
* the ask id for ask-follow-up: one event per open ask;
* the year for birthdays: one event per birthday per year;
* the contact id again for check-in, nudge and give-back. These are rolling: a
  contact has at most one of each, and its date moves whenever you talk (or
  snooze), so one event per contact whose date moves is what a calendar should
  show, not a new event for every date it was ever due on. The key repeats the
  contact id only to keep every UID in the same four-part shape.

The calendar's name is written twice: as RFC 7986's NAME and as the older
X-WR-CALNAME, which is what Apple Calendar, Google Calendar and Outlook read.

DTSTAMP is ``now`` in UTC; ``now`` must be timezone-aware, since a naive time
cannot be placed in UTC without guessing. Text is escaped, lines are folded at 75
UTF-8 octets and end in CRLF. No items still make a valid, empty calendar.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta

from netlog.exporters import content_lines, escape_text
from netlog.scheduler import (
    ASK_FOLLOW_UP,
    BIRTHDAY,
    CHECK_IN,
    CLOSE_THE_LOOP,
    FADING,
    FOLLOW_UP,
    GIVE_BACK,
    INTRO_FOLLOW_UP,
    NUDGE,
    PROMISES,
    THANK_YOU,
    DueItem,
    describe,
)

PRODID = "-//netlog//netlog//EN"
SUMMARIES = {
    CHECK_IN: "Check in with {name}",
    FOLLOW_UP: "Follow up with {name}",
    THANK_YOU: "Thank {name}",
    CLOSE_THE_LOOP: "Tell {name} how it turned out",
    INTRO_FOLLOW_UP: "Ask {name} how the introduction went",
    ASK_FOLLOW_UP: "Follow up with {name} on your ask",
    NUDGE: "Nudge {name}",
    BIRTHDAY: "{name}'s birthday",
    GIVE_BACK: "Give back to {name}",
    FADING: "Reconnect with {name}",
}


def to_ics(
    items: Iterable[DueItem],
    now: datetime,
    todo: bool = False,
    calendar_name: str = "netlog",
) -> str:
    """``items`` as one VCALENDAR of all-day VEVENTs, or VTODOs when ``todo``."""
    if now.tzinfo is None or now.utcoffset() is None:
        raise ValueError("now must be timezone-aware (e.g. datetime.now(UTC))")
    stamp = now.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        f"NAME:{escape_text(calendar_name)}",
        f"X-WR-CALNAME:{escape_text(calendar_name)}",
    ]
    for item in items:
        lines.extend(_component(item, stamp, todo))
    lines.append("END:VCALENDAR")
    return content_lines(lines)


def summary(item: DueItem) -> str:
    """What to do, with the contact's full name: "Check in with Ada Lovelace"."""
    try:
        template = SUMMARIES[item.reason]
    except KeyError:
        raise ValueError(f"unknown reason {item.reason!r}") from None
    return template.format(name=item.contact)


def item_uid(item: DueItem) -> str:
    """The UID that stays the same for the same obligation in every export."""
    if item.reason in PROMISES:
        key = _required(item.followup_id, item, "followup_id")
    elif item.reason == ASK_FOLLOW_UP:
        key = _required(item.ask_id, item, "ask_id")
    elif item.reason == BIRTHDAY:
        key = item.due_on.year
    elif item.reason in (CHECK_IN, NUDGE, FADING):
        # One rolling "reach out" event per contact: a check-in that turns into a
        # nudge (or back), or a fading tie (never due beside a check-in), moves
        # the same calendar entry instead of adding one.
        return f"netlog-reach-out-{item.contact_id}@netlog"
    elif item.reason == GIVE_BACK:
        key = item.contact_id
    else:
        raise ValueError(f"unknown reason {item.reason!r}")
    return f"netlog-{item.reason}-{item.contact_id}-{key}@netlog"


def _required(value: int | None, item: DueItem, name: str) -> int:
    if value is None:
        raise ValueError(f"a {item.reason} item needs its {name} (contact {item.contact_id})")
    return value


def _date(day: date) -> str:
    return f"{day.year:04d}{day.month:02d}{day.day:02d}"  # strftime does not pad years < 1000


def placed_on(item: DueItem) -> date:
    """The day an item goes in the calendar: its due date, or for an overdue item
    the export day (its due date plus the days it is late)."""
    return item.due_on + timedelta(days=max(item.days_overdue, 0))


def description(item: DueItem) -> str:
    """The suggested action with dates instead of relative days, and for an overdue
    item a line saying since when (the date it was due on)."""
    lines = [describe(item, dated=True)]
    if item.days_overdue > 0:
        lines.append(f"Overdue: it was due on {item.due_on.isoformat()}")
    return "\n".join(line for line in lines if line)


def _component(item: DueItem, stamp: str, todo: bool) -> list[str]:
    kind = "VTODO" if todo else "VEVENT"
    lines = [
        f"BEGIN:{kind}",
        f"UID:{escape_text(item_uid(item))}",
        f"DTSTAMP:{stamp}",
    ]
    day = placed_on(item)
    if todo:
        lines.append(f"DUE;VALUE=DATE:{_date(day)}")
    else:
        lines.append(f"DTSTART;VALUE=DATE:{_date(day)}")
        lines.append(f"DTEND;VALUE=DATE:{_date(day + timedelta(days=1))}")
    lines.append(f"SUMMARY:{escape_text(summary(item))}")
    text = description(item)
    if text:
        lines.append(f"DESCRIPTION:{escape_text(text)}")
    lines.append(f"CATEGORIES:{escape_text(item.reason)}")
    lines.append("STATUS:NEEDS-ACTION" if todo else "TRANSP:TRANSPARENT")
    lines.append(f"END:{kind}")
    return lines
