"""Everything the user reads: Rich tables on a terminal, tab-separated plain text
in a pipe, JSON with ``--json``. The only module that imports rich, and only when
a terminal will show the result, so piped and JSON output start fast.

Stored text is untrusted: control characters (including terminal escape
sequences) are replaced before anything is printed.
"""

from __future__ import annotations

import json
import os
import re
import sys
from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any, TextIO

from netlog.dates import describe_cadence, lateness, relative_days
from netlog.records import Contact, ContactDetail, ContactSummary, SearchHit, json_default
from netlog.scheduler import DueItem, quote

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def safe(text: object) -> str:
    """Text with control characters, escapes and bidi overrides made harmless."""
    if text is None:
        return ""
    text = str(text)
    return text if text.isprintable() else _CONTROL.sub("\ufffd", text)


def one_line(text: object) -> str:
    """``safe`` and on one line: tabs and newlines become spaces (for TSV cells)."""
    if text is None:
        return ""
    text = str(text)
    if text.isprintable():  # the common case: nothing to replace (fast, in C)
        return text
    return " ".join(_CONTROL.sub("\ufffd", text.replace("\t", " ").replace("\n", " ")).split())


def use_table(stream: TextIO | None = None) -> bool:
    """Rich tables when writing to a terminal; ``NETLOG_OUTPUT=plain|table`` overrides."""
    forced = os.environ.get("NETLOG_OUTPUT", "").lower()
    if forced in ("plain", "table"):
        return forced == "table"
    stream = stream or sys.stdout
    return bool(getattr(stream, "isatty", lambda: False)())


def _console(stderr: bool = False) -> Any:
    from rich.console import Console

    return Console(highlight=False, stderr=stderr, soft_wrap=False)


def message(text: str) -> None:
    """A message for the person (not data): stderr, plain."""
    print(safe(text), file=sys.stderr)


def print_json_text(text: str) -> None:
    """JSON that is already text (built by the database): pretty on a terminal."""
    if sys.stdout.isatty():
        text = json.dumps(json.loads(text), ensure_ascii=False, indent=2)
    sys.stdout.write(text + "\n")


def print_json(data: Any) -> None:
    """Indented for a person at a terminal; compact (and several times faster to
    write) for a pipe, where a script or ``jq`` reads it."""
    if sys.stdout.isatty():
        text = json.dumps(data, ensure_ascii=False, indent=2, default=json_default)
    else:
        text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), default=json_default)
    sys.stdout.write(text + "\n")


def _tsv(header: Sequence[str], rows: Iterable[Sequence[str]]) -> None:
    """Tab-separated lines with a header. Cells are strings ("" for nothing); a row
    is cleaned cell by cell only when it holds a tab, newline or control character,
    which keeps listings of thousands of rows fast."""
    lines = ["\t".join(header)]
    append = lines.append
    for row in rows:
        if "".join(row).isprintable():
            append("\t".join(row))
        else:
            append("\t".join(one_line(cell) for cell in row))
    lines.append("")
    sys.stdout.write("\n".join(lines))


def _table(
    title: str | None,
    columns: Sequence[tuple[str, dict[str, Any]]],
    rows: Iterable[Sequence[object]],
) -> None:
    from rich.table import Table
    from rich.text import Text

    table = Table(title=title, title_justify="left", header_style="bold", expand=False)
    for name, options in columns:
        table.add_column(name, **options)
    for row in rows:
        table.add_row(*(cell if isinstance(cell, Text) else Text(one_line(cell)) for cell in row))
    _console().print(table)


def _d(value: date | None) -> str:
    return value.isoformat() if value else ""


# ----- due
def due_json(items: Sequence[DueItem]) -> list[dict[str, Any]]:
    """The documented ``due --json`` objects."""
    return [
        {
            "contact": i.contact,
            "contact_id": i.contact_id,
            "reason": i.reason,
            "due_on": i.due_on.isoformat(),
            "days_overdue": i.days_overdue,
            "last_contact_on": _d(i.last_contact_on) or None,
            "last_kind": i.last_kind,
            "last_summary": i.last_summary,
            "action": i.action,
            "urgency": i.urgency,
        }
        for i in items
    ]


def _last(i: DueItem, today: date) -> str:
    if i.last_contact_on is None:
        return "never"
    kind = f" ({i.last_kind})" if i.last_kind else ""
    return f"{relative_days(i.last_contact_on, today)}{kind}"


def due(items: Sequence[DueItem], today: date) -> None:
    if not use_table():
        _tsv(
            ("contact", "reason", "due_on", "status", "last_contact_on", "last_kind", "action"),
            (
                (
                    i.contact,
                    i.reason,
                    _d(i.due_on),
                    lateness(i.due_on, today),
                    _d(i.last_contact_on),
                    i.last_kind or "",
                    i.action,
                )
                for i in items
            ),
        )
        return
    from rich.text import Text

    def when(i: DueItem) -> Text:
        style = "red" if i.days_overdue > 0 else "yellow" if i.days_overdue == 0 else "dim"
        return Text(f"{i.due_on.isoformat()}\n{lateness(i.due_on, today)}", style=style)

    _table(
        f"Due {today.isoformat()} — most urgent first",
        [
            ("Contact", {"style": "bold", "no_wrap": True}),
            ("Why", {}),
            ("Due", {"no_wrap": True}),
            ("Last contact", {}),
            ("Suggested action", {"ratio": 1}),
        ],
        ((i.contact, i.reason, when(i), _last(i, today), i.action) for i in items),
    )


# ----- contacts
def contact_line(contact: Contact, today: date) -> str:
    """``Ada Lovelace (#1) · Analytical · next check-in 2026-12-16 (in 21 days)``."""
    parts = [f"{contact.name} (#{contact.id})"]
    if contact.company:
        parts.append(contact.company)
    if contact.next_checkin_on:
        parts.append(
            f"next check-in {contact.next_checkin_on.isoformat()} "
            f"({relative_days(contact.next_checkin_on, today)})"
        )
    return safe(" · ".join(parts))


def print_line(text: str) -> None:
    sys.stdout.write(safe(text) + "\n")


# Above this many rows a Rich table takes seconds to lay out; print plain text.
MAX_TABLE_ROWS = 500


def contacts(items: Sequence[ContactSummary], today: date) -> None:
    if not use_table() or len(items) > MAX_TABLE_ROWS:
        _tsv(
            ("id", "name", "company", "title", "tags", "last_contact_on", "next_checkin_on"),
            (
                (
                    str(c.id),
                    c.name,
                    c.company or "",
                    c.title or "",
                    ",".join(c.tags),
                    _d(c.last_contact_on),
                    _d(c.next_checkin_on),
                )
                for c in items
            ),
        )
        return
    _table(
        f"{len(items)} contact{'s' if len(items) != 1 else ''}",
        [
            ("#", {"justify": "right", "style": "dim"}),
            ("Name", {"style": "bold"}),
            ("Company", {}),
            ("Title", {}),
            ("Tags", {}),
            ("Last contact", {"no_wrap": True}),
            ("Next check-in", {"no_wrap": True}),
        ],
        (
            (
                c.id,
                c.name,
                c.company,
                c.title,
                ", ".join(c.tags),
                relative_days(c.last_contact_on, today) if c.last_contact_on else "never",
                _d(c.next_checkin_on),
            )
            for c in items
        ),
    )


def _fields(detail: ContactDetail, today: date) -> list[tuple[str, str]]:
    c = detail.contact
    rows = [
        ("Company", c.company),
        ("Title", c.title),
        ("Email", c.email),
        ("Phone", c.phone),
        ("URL", c.url),
        ("Tags", ", ".join(c.tags)),
        ("Met", c.met),
        ("Introduced by", f"{c.via_name} (#{c.via_id})" if c.via_id else None),
        ("Introduced you to", ", ".join(f"{n} (#{i})" for i, n in detail.introduced)),
        ("Cadence", describe_cadence(c.cadence_days)),
        (
            "Last contact",
            f"{c.last_contact_on.isoformat()} ({relative_days(c.last_contact_on, today)})"
            if c.last_contact_on
            else "never",
        ),
        (
            "Next check-in",
            f"{_d(c.next_checkin_on)} ({relative_days(c.next_checkin_on, today)})"
            if c.next_checkin_on
            else None,
        ),
        ("Snoozed until", _d(c.snoozed_until) or None),
        ("Note", c.note),
    ]
    return [(k, v) for k, v in rows if v]


def detail(detail: ContactDetail, today: date) -> None:
    c = detail.contact
    fields = _fields(detail, today)
    if not use_table():
        out = sys.stdout
        out.write(f"{one_line(c.name)} (#{c.id})\n")
        for key, value in fields:
            out.write(f"{key}: {one_line(value)}\n")
        out.write("Open follow-ups:\n" if detail.open_followups else "")
        for f in detail.open_followups:
            out.write(f"  {f.due_on.isoformat()}  {one_line(f.todo)}\n")
        out.write("Timeline:\n" if detail.interactions else "")
        for i in detail.interactions:
            out.write(f"  {i.occurred_on.isoformat()}  {i.kind:<8} {one_line(i.summary)}\n")
        return
    from rich.table import Table
    from rich.text import Text

    console = _console()
    console.print(Text(f"{safe(c.name)}", style="bold") + Text(f"  #{c.id}", style="dim"))
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="dim", no_wrap=True)
    grid.add_column()
    for key, value in fields:
        grid.add_row(key, Text(safe(value)))
    console.print(grid)
    if detail.open_followups:
        console.print(Text("\nOpen follow-ups", style="bold"))
        for f in detail.open_followups:
            console.print(
                Text(f"  {f.due_on.isoformat()} ({lateness(f.due_on, today)})  ")
                + Text(safe(f.todo))
            )
    if detail.interactions:
        console.print(Text("\nTimeline", style="bold"))
        timeline = Table.grid(padding=(0, 2))
        timeline.add_column(no_wrap=True, style="dim")
        timeline.add_column(no_wrap=True)
        timeline.add_column()
        for i in detail.interactions:
            timeline.add_row(i.occurred_on.isoformat(), i.kind, Text(safe(i.summary)))
        console.print(timeline)


def search_json(hits: Sequence[SearchHit]) -> list[dict[str, Any]]:
    return [
        {"contact": h.contact.name, "contact_id": h.contact.id, "field": h.field, "text": h.text}
        for h in hits
    ]


def search(hits: Sequence[SearchHit]) -> None:
    rows = [(str(h.contact.id), h.contact.name, h.field, quote(h.text, 90)) for h in hits]
    if not use_table():
        _tsv(("id", "name", "field", "text"), rows)
        return
    _table(
        f"{len(hits)} match{'es' if len(hits) != 1 else ''}",
        [
            ("#", {"justify": "right", "style": "dim"}),
            ("Name", {"style": "bold"}),
            ("Found in", {}),
            ("Text", {"ratio": 1}),
        ],
        rows,
    )
