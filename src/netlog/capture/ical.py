"""Calendar occurrences as plain facts: recurring events expanded by
``recurring-ical-events`` (RRULE, RDATE, EXDATE and changed or cancelled
occurrences), each with its local day, attendees and status."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo
from typing import Any

from netlog import policy


class CalendarUnreadable(ValueError):
    """Not iCalendar data that can be read."""


@dataclass(slots=True)
class Attendee:
    address: str
    name: str
    declined: bool


@dataclass(slots=True)
class Occurrence:
    key: str  # ics:<UID>/<RECURRENCE-ID or start>
    day: date  # the local day it took place on
    ended: bool  # over by ``now``
    cancelled: bool
    summary: str | None
    people: list[Attendee]  # attendees and the organiser


def _address(value: Any) -> str:
    text = str(value).strip()
    if text.lower().startswith("mailto:"):
        text = text[7:]
    return text.strip()


def _people(event: Any) -> list[Attendee]:
    found: dict[str, Attendee] = {}
    attendees = event.get("ATTENDEE")
    if attendees is None:
        attendees = []
    elif not isinstance(attendees, list):
        attendees = [attendees]
    for item in attendees:
        address = _address(item)
        if not policy.is_email(address):
            continue
        params = getattr(item, "params", {})
        declined = str(params.get("PARTSTAT", "")).upper() == "DECLINED"
        found.setdefault(
            policy.email_key(address), Attendee(address, str(params.get("CN", "")), declined)
        )
    organizer = event.get("ORGANIZER")
    if organizer is not None:
        address = _address(organizer)
        if policy.is_email(address):
            params = getattr(organizer, "params", {})
            found.setdefault(
                policy.email_key(address), Attendee(address, str(params.get("CN", "")), False)
            )
    return list(found.values())


def _moment(value: Any, tz: tzinfo) -> tuple[date, datetime]:
    """(local day, aware instant) of a DTSTART/DTEND value: a date is an all-day
    day (its instant: local midnight), a floating time is local wall time."""
    if isinstance(value, datetime):
        if value.tzinfo is None:
            aware = value.replace(tzinfo=tz)
            return value.date(), aware
        local = value.astimezone(tz)
        return local.date(), local
    day = value if isinstance(value, date) else date.fromisoformat(str(value))
    return day, datetime.combine(day, time(), tz)


def _stamp(value: Any) -> str:
    if isinstance(value, datetime):
        if value.tzinfo is not None:
            from datetime import UTC

            return value.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
        return value.strftime("%Y%m%dT%H%M%S")
    if isinstance(value, date):
        return value.strftime("%Y%m%d")
    return str(value)


def occurrences(data: bytes, start: date, now: datetime, tz: tzinfo) -> list[Occurrence]:
    """Every occurrence of every event of a calendar file that begins from
    ``start`` up to ``now``'s day (later ones are not expanded)."""
    import icalendar
    import recurring_ical_events

    try:
        calendars = icalendar.Calendar.from_ical(data, multiple=True)
    except Exception as exc:  # icalendar raises ValueError, KeyError, IndexError...
        raise CalendarUnreadable(str(exc)) from None
    end = now.astimezone(tz).date() + timedelta(days=1)
    found: list[Occurrence] = []
    for calendar in calendars:
        try:
            events = recurring_ical_events.of(calendar, components=["VEVENT"]).between(start, end)
        except Exception as exc:  # a broken RRULE or date
            raise CalendarUnreadable(str(exc)) from None
        for event in events:
            found.append(_occurrence(event, now, tz))
    return found


def _occurrence(event: Any, now: datetime, tz: tzinfo) -> Occurrence:
    dtstart = event.get("DTSTART")
    begin = dtstart.dt if dtstart is not None else None
    if begin is None:
        raise CalendarUnreadable("an event without DTSTART")
    day, _ = _moment(begin, tz)
    dtend = event.get("DTEND")
    if dtend is not None:
        _, finish = _moment(dtend.dt, tz)
    elif isinstance(begin, datetime):
        duration = event.get("DURATION")
        _, finish = _moment(begin + (duration.dt if duration is not None else timedelta()), tz)
    else:
        _, finish = _moment(begin + timedelta(days=1), tz)
    uid = str(event.get("UID") or "")
    summary = str(event.get("SUMMARY") or "").strip() or None
    recurrence = event.get("RECURRENCE-ID")
    which = _stamp(recurrence.dt if recurrence is not None else begin)
    if not uid:
        basis = f"{summary or ''}\x1f{_stamp(begin)}"
        uid = "hash-" + hashlib.sha256(basis.encode()).hexdigest()[:24]
    return Occurrence(
        key=f"ics:{uid}/{which}",
        day=day,
        ended=finish <= now,
        cancelled=str(event.get("STATUS") or "").upper() == "CANCELLED",
        summary=" ".join(summary.split()) if summary else None,
        people=_people(event),
    )
