"""Real mail and calendar files for the capture tests, built with the standard
library's ``mailbox`` and ``email`` modules and with ``icalendar``."""

from __future__ import annotations

import mailbox
from datetime import date, datetime
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path
from typing import Any

ME = "me@home.example"


def message(
    sender: str,
    to: str | list[str],
    subject: str | None,
    when: datetime | str | None,
    msgid: str | None = None,
    **headers: str,
) -> EmailMessage:
    msg = EmailMessage()
    msg["From"] = sender
    msg["To"] = ", ".join(to) if isinstance(to, list) else to
    if subject is not None:
        msg["Subject"] = subject
    if isinstance(when, datetime):
        msg["Date"] = format_datetime(when)
    elif when is not None:
        msg["Date"] = when
    if msgid:
        msg["Message-ID"] = msgid
    for name, value in headers.items():
        msg[name.replace("_", "-")] = value
    msg.set_content("The body is never read.\n\nFrom here on, a line that looks like mbox.\n")
    return msg


def maildir(path: Path, messages: list[EmailMessage], folder: str = "INBOX") -> Path:
    path.mkdir(parents=True, exist_ok=True)
    box = mailbox.Maildir(path / folder, create=True)
    for msg in messages:
        box.add(msg)
    box.close()
    return path / folder


def mbox(path: Path, messages: list[EmailMessage]) -> Path:
    box = mailbox.mbox(path, create=True)
    for msg in messages:
        box.add(msg)
    box.flush()
    box.close()
    return path


def calendar(path: Path, events: list[dict[str, Any]]) -> Path:
    """An ``.ics`` file; each event a dict of properties (``attendees`` a list
    of ``(address, partstat)``; ``overrides`` changed occurrences)."""
    import icalendar

    cal = icalendar.Calendar()
    cal.add("prodid", "-//netlog tests//")
    cal.add("version", "2.0")
    for spec in events:
        cal.add_component(_event(spec))
        for override in spec.get("overrides", []):
            cal.add_component(_event({"uid": spec["uid"], **override}))
    path.write_bytes(cal.to_ical())
    return path


def _event(spec: dict[str, Any]) -> Any:
    import icalendar

    event = icalendar.Event()
    event.add("uid", spec["uid"])
    event.add("summary", spec.get("summary", "Meeting"))
    event.add("dtstart", spec["start"])
    if "end" in spec:
        event.add("dtend", spec["end"])
    event.add("dtstamp", datetime(2026, 1, 1, 0, 0))
    for key in ("rrule", "status", "recurrence-id", "exdate"):
        if key in spec:
            event.add(key, spec[key])
    if "organizer" in spec:
        event.add("organizer", f"mailto:{spec['organizer']}")
    for address, partstat in spec.get("attendees", []):
        attendee = icalendar.vCalAddress(f"mailto:{address}")
        attendee.params["PARTSTAT"] = partstat
        event.add("attendee", attendee, encode=0)
    return event


def day(text: str) -> date:
    return date.fromisoformat(text)
