"""Everything the user reads: Rich tables on a terminal, tab-separated plain text
in a pipe, JSON with ``--json``. Rich is imported only when a terminal will
show the result (``netlog.render.terminal``), so piped and JSON output start
fast; ``output`` is the I/O edge and ``json`` the documented ``--json``
objects.

Stored text is untrusted: everything printed goes through ``netlog.sanitise``
(control characters, escape sequences and bidi overrides replaced in text,
escaped in JSON), and rich never parses stored text as markup (cells and titles
are ``Text``).
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from netlog.dates import describe_cadence, lateness, relative_days
from netlog.records import AskRecord, Channel, Contact, ContactDetail, ContactSummary, SearchHit
from netlog.render.json import (
    capture_json,
    change_json,
    company_json,
    due_json,
    fading_json,
    history_json,
    import_json,
    search_json,
    strength_json,
    week_json,
)
from netlog.render.output import (
    message,
    print_json,
    print_json_text,
    print_line,
    progress,
    use_table,
    write_output,
)
from netlog.sanitise import one_line, safe
from netlog.scheduler import DueItem, quote

if TYPE_CHECKING:
    from netlog.insight.fading import FadingTie
    from netlog.insight.records import DayActivity
    from netlog.insight.strength import Strength
    from netlog.insight.week import WeekReview
    from netlog.review import Card

__all__ = [
    "capture_json",
    "change_json",
    "company_json",
    "due_json",
    "fading_json",
    "history_json",
    "import_json",
    "message",
    "print_json",
    "print_json_text",
    "print_line",
    "progress",
    "search_json",
    "strength_json",
    "use_table",
    "week_json",
    "write_output",
]


def _console(stderr: bool = False) -> Any:
    from netlog.render.terminal import console

    return console(stderr)


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

    # A title can hold what the user typed (``at COMPANY``): Text, never markup.
    shown = Text(one_line(title)) if title is not None else None
    table = Table(title=shown, title_justify="left", header_style="bold", expand=False)
    for name, options in columns:
        table.add_column(name, **options)
    for row in rows:
        table.add_row(*(cell if isinstance(cell, Text) else Text(one_line(cell)) for cell in row))
    _console().print(table)


def _d(value: date | None) -> str:
    return value.isoformat() if value else ""


# ----- due


def _last(i: DueItem, today: date) -> str:
    if i.last_contact_on is None:
        return "never"
    return _when_kind(i.last_contact_on, i.last_kind, today)


def _when_kind(day: date, kind: str | None, today: date) -> str:
    """``5 weeks ago (coffee)``: when something happened, and what kind it was."""
    return relative_days(day, today) + (f" ({kind})" if kind else "")


def _reasons(group: Sequence[DueItem]) -> str:
    """``thank-you ×2, check-in``: a contact's reasons, most urgent first."""
    counts: dict[str, int] = {}
    for item in group:
        counts[item.reason] = counts.get(item.reason, 0) + 1
    return ", ".join(f"{r} ×{n}" if n > 1 else r for r, n in counts.items())


def due(groups: Sequence[Sequence[DueItem]], today: date) -> None:
    """One row per contact (its reasons, most urgent first, listed in the row)."""
    if not use_table():
        _tsv(
            (
                "contact",
                "reasons",
                "due_on",
                "status",
                "last_contact_on",
                "last_kind",
                "actions",
                "ids",
            ),
            (
                (
                    g[0].contact,
                    _reasons(g),
                    _d(g[0].due_on),
                    lateness(g[0].due_on, today),
                    _d(g[0].last_contact_on),
                    g[0].last_kind or "",
                    " | ".join(i.action for i in g),
                    " ".join(i.handle for i in g),
                )
                for g in groups
            ),
        )
        return
    console = _console()
    if console.width < WIDE_DUE_COLUMNS:
        _due_stacked(console, groups, today)
        return
    from rich.table import Table
    from rich.text import Text

    table = Table(
        title=f"Due {today.isoformat()} — most urgent first",
        title_justify="left",
        header_style="bold",
    )
    table.add_column("Contact", style="bold", no_wrap=True)
    table.add_column("ID", style="dim", no_wrap=True)
    table.add_column("Why", no_wrap=True)
    table.add_column("When", no_wrap=True)
    table.add_column("Last contact")
    table.add_column("Suggested action", ratio=1)
    for group in groups:
        # One block per contact: its name and last contact once, a line per reason.
        for n, item in enumerate(group):
            table.add_row(
                Text(one_line(item.contact)) if n == 0 else "",
                item.handle,
                item.reason,
                Text(lateness(item.due_on, today), style=_late_style(item)),
                Text(one_line(_last(item, today))) if n == 0 else "",
                Text(one_line(item.action)),
                end_section=n == len(group) - 1,
            )
    console.print(table)


# Below this width the six-column table leaves the suggested action a dozen
# characters (one person wraps to 18 lines at 80 columns): ``due`` stacks instead.
WIDE_DUE_COLUMNS = 100
# The suggested action is the point of ``due``: it always gets at least this many
# characters, even when that means giving up its indent.
MIN_ACTION_COLUMNS = 40
# An item line: the margin, the handle padded to the widest in the listing, a gap,
# then the reason; the action below starts in the reason's column (6 with
# two-character handles such as ``c3``, 8 when one is ``f104``).
ITEM_MARGIN = 2
HANDLE_GAP = 2
# Other indented lines (a review card's talking points): two-character handles' column.
ACTION_INDENT = ITEM_MARGIN + 2 + HANDLE_GAP


def _late_style(item: DueItem) -> str:
    late = item.days_overdue
    return "red" if late > 0 else "yellow" if late == 0 else "dim"


def _due_stacked(console: Any, groups: Sequence[Sequence[DueItem]], today: date) -> None:
    """``due`` on a narrow terminal: per contact a header line (name, last
    contact), per item a line with its handle, reason and when, and the suggested
    action on its own indented lines, wrapped to the whole width rather than
    squeezed into the last column of a table. Handles are padded to the widest
    in the listing, so every reason and action starts in the same column."""
    from rich.text import Text

    width = console.width
    handle_width = max((len(i.handle) for g in groups for i in g), default=0)
    _wrapped(console, Text(f"Due {today.isoformat()} — most urgent first", style="bold"), width)
    for group in groups:
        first = group[0]
        header = Text()
        header.append(one_line(first.contact), style="bold")
        header.append(f" · last contact {one_line(_last(first, today))}", style="dim")
        console.print()
        _wrapped(console, header, width)
        _stacked_items(console, group, today, handle_width)


def _indented_width(width: int, column: int = ACTION_INDENT) -> tuple[int, int]:
    """``(indent, width)`` of the indented lines of the stacked layout (a
    suggested action): indented to ``column`` while that leaves them
    ``MIN_ACTION_COLUMNS``; under 40 columns still wrapped at 40 (the terminal
    folds them)."""
    indent = max(0, min(column, width - MIN_ACTION_COLUMNS))
    return indent, max(width - indent, MIN_ACTION_COLUMNS)


def _stacked_items(
    console: Any, group: Sequence[DueItem], today: date, handle_width: int | None = None
) -> None:
    """One contact's items as the stacked layout shows them: a line with the
    handle, reason and when, then the suggested action, indented and wrapped.
    Handles are padded to ``handle_width`` (the widest in the listing; by
    default in ``group``), so every reason and action starts in one column."""
    from rich.text import Text

    width = console.width
    if handle_width is None:
        handle_width = max((len(i.handle) for i in group), default=0)
    indent, action_width = _indented_width(width, ITEM_MARGIN + handle_width + HANDLE_GAP)
    for item in group:
        line = Text(" " * ITEM_MARGIN)
        line.append(item.handle, style="dim")
        pad = " " * (handle_width - len(item.handle) + HANDLE_GAP)
        line.append(f"{pad}{item.reason} · ")
        line.append(lateness(item.due_on, today), style=_late_style(item))
        _wrapped(console, line, width)
        _wrapped(console, Text(one_line(item.action)), action_width, indent)


def _wrapped(console: Any, text: Any, width: int, indent: int = 0) -> None:
    """``text`` wrapped to ``width`` columns, each line after ``indent`` spaces.
    Wrapped here rather than by Rich's renderables: no trailing spaces, and a word
    longer than the line (a URL) is folded onto the next, never cut off."""
    from rich.text import Text

    for line in text.wrap(console, width, overflow="fold"):
        line.rstrip()
        console.print(Text(" " * indent) + line, crop=False)


# ----- review
def review_card(card: Card, today: date) -> None:
    """One person's card in ``netlog review``: the contact's header as ``due``
    stacks it (with their #ID and company), their items as ``due`` shows them,
    then what to talk about, open asks and the latest give and take, each line
    indented and wrapped like a suggested action."""
    from rich.text import Text

    console = _console()
    width = console.width
    contact = card.contact
    header = Text()
    header.append(one_line(contact.name), style="bold")
    about = [f" (#{contact.id})"]
    if contact.company:
        about.append(f" · {one_line(contact.company)}")
    about.append(f" · last contact {one_line(_last(card.items[0], today))}")
    header.append("".join(about), style="dim")
    console.print()
    _wrapped(console, header, width)
    _stacked_items(console, card.items, today)
    indent, line_width = _indented_width(width)
    for title, lines in _card_sections(card, today):
        _wrapped(console, Text(f"  {title}", style="bold"), width)
        for line in lines:
            _wrapped(console, Text(one_line(line)), line_width, indent)


def _card_sections(card: Card, today: date) -> list[tuple[str, list[str]]]:
    sections: list[tuple[str, list[str]]] = []
    points = []
    said = card.conversation
    if said is not None:
        quoted = f": “{quote(said.summary)}”" if said.summary else ""
        if said.kind == "met":
            points.append(f"met {relative_days(said.occurred_on, today)}{quoted}")
        else:
            points.append(f"talked {_when_kind(said.occurred_on, said.kind, today)}{quoted}")
    if card.note is not None:
        noted = relative_days(card.note.noted_on, today)
        points.append(f"noted {noted}: “{quote(card.note.text)}”")
    if points:
        sections.append(("Talking points", points))
    if card.open_asks:
        asks = [
            f"#{a.id} {quote(a.request)}{_at(a)} · asked {relative_days(a.asked_on, today)}"
            for a in card.open_asks
        ]
        sections.append(("Open asks", asks))
    if card.favours:
        lines = [
            f"{e.direction} {quote(e.what)} · {relative_days(e.occurred_on, today)}"
            for e in card.favours
        ]
        more = card.gave + card.got - len(card.favours)
        if more > 0:
            lines.append(f"… and {more} more (netlog show)")
        sections.append((_give_and_take(card.gave, card.got), lines))
    return sections


def review_summary(reviewed: int, waiting: int, done: Sequence[tuple[str, int]]) -> str:
    """``Reviewed 4 of 9 people: 2 logged, 1 snoozed, 1 skipped; 5 left (netlog
    review to continue).``"""
    text = f"Reviewed {reviewed} of {waiting} {'person' if waiting == 1 else 'people'}"
    if done:
        text += ": " + ", ".join(f"{n} {what}" for what, n in done)
    left = waiting - reviewed
    return text + (f"; {left} left (netlog review to continue)." if left > 0 else "; none left.")


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


# Above this many rows a Rich table takes seconds to lay out; print plain text.
MAX_TABLE_ROWS = 500


def contacts(
    items: Sequence[ContactSummary], today: date, strengths: dict[int, int] | None = None
) -> None:
    """The listing; with ``strengths`` (``list --sort strength``) a strength column."""
    if not use_table() or len(items) > MAX_TABLE_ROWS:
        header = ("id", "name", "company", "title", "tags", "last_contact_on", "next_checkin_on")
        extra = ("strength",) if strengths is not None else ()
        _tsv(
            header + extra,
            (
                (
                    str(c.id),
                    c.name,
                    c.company or "",
                    c.title or "",
                    ",".join(c.tags),
                    _d(c.last_contact_on),
                    _d(c.next_checkin_on),
                    *((str(strengths.get(c.id, 0)),) if strengths is not None else ()),
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
            *((("Strength", {"justify": "right"}),) if strengths is not None else ()),
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
                *((strengths.get(c.id, 0),) if strengths is not None else ()),
            )
            for c in items
        ),
    )


def _birthday(birthday: str | None, today: date) -> str | None:
    if not birthday:
        return None
    from netlog.scheduler import next_birthday

    upcoming = next_birthday(birthday, today)
    shown = birthday[2:] if birthday.startswith("--") else birthday
    return f"{shown} (next {upcoming.isoformat()})" if upcoming else shown


def _channels(channels: Sequence[Channel]) -> str:
    """``ada@work.example (work, preferred), ada@home.example``; the mark only
    where there is a choice."""
    shown = []
    for channel in channels:
        marks = [m for m in (channel.label, "preferred" if len(channels) > 1 and channel.preferred
                             else None) if m]  # fmt: skip
        shown.append(channel.value + (f" ({', '.join(marks)})" if marks else ""))
    return ", ".join(shown)


def _fields(detail: ContactDetail, today: date) -> list[tuple[str, str]]:
    c = detail.contact
    rows = [
        ("Company", c.company),
        ("Title", c.title),
        ("Email", _channels(c.emails)),
        ("Phone", _channels(c.phones)),
        ("URL", _channels(c.urls)),
        ("Tags", ", ".join(c.tags)),
        ("Met", c.met),
        ("Birthday", _birthday(c.birthday, today)),
        ("Offers", c.offers),
        ("Seeks", c.seeks),
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


def _sections(detail: ContactDetail, today: date) -> list[tuple[str, list[list[str]]]]:
    """The lists under a contact's fields, as rows of cells (shared by both views)."""
    sections: list[tuple[str, list[list[str]]]] = []
    if detail.open_followups:
        rows = [
            [f.due_on.isoformat(), f.reason, lateness(f.due_on, today), f.todo]
            for f in detail.open_followups
        ]
        sections.append(("Open follow-ups", rows))
    if detail.ledger:
        gave = sum(e.direction == "gave" for e in detail.ledger)
        got = len(detail.ledger) - gave
        rows = [[e.occurred_on.isoformat(), e.direction, e.what] for e in detail.ledger]
        sections.append((_give_and_take(gave, got), rows))
    if detail.asks:
        rows = []
        for a in detail.asks:
            at = _at(a)
            closed = f" — {a.status} {_d(a.closed_on)}" if a.status != "open" else ""
            outcome = f": {a.outcome}" if a.outcome else ""
            rows.append(
                [a.asked_on.isoformat(), f"#{a.id} {a.status}", a.request + at + closed + outcome]
            )
        sections.append(("Asks", rows))
    if detail.notes:
        sections.append(("In their life", [[n.noted_on.isoformat(), n.text] for n in detail.notes]))
    if detail.introductions:
        rows = []
        for i in detail.introductions:
            other = i.b_name if i.a_id == detail.contact.id else i.a_name
            why = f": {i.why}" if i.why else ""
            rows.append([i.occurred_on.isoformat(), f"introduced to {other}{why}"])
        sections.append(("Introductions you made", rows))
    if detail.interactions:
        rows = [
            [
                i.occurred_on.isoformat(),
                i.kind,
                (i.summary or "")
                + (" (no reply)" if i.no_reply else "")
                + (" (captured)" if i.captured else ""),
            ]
            for i in detail.interactions
        ]
        sections.append(("Timeline", rows))
    return sections


def _hanging(prefix: str, text: object) -> list[str]:
    """``prefix`` and text of several lines (a note, a summary written in an
    editor) for plain output: each line sanitised, the later ones indented under
    the first."""
    first, *rest = str(text).split("\n")
    indent = " " * len(prefix)
    return [(prefix + one_line(first)).rstrip()] + [(indent + one_line(x)).rstrip() for x in rest]


def _give_and_take(gave: int, got: int) -> str:
    return f"Give and take (gave {gave}, got {got})"


def _at(ask: AskRecord) -> str:
    return f" (at {ask.company})" if ask.company else ""


def detail(detail: ContactDetail, today: date, strength: Strength | None = None) -> None:
    c = detail.contact
    fields = _fields(detail, today)
    if strength is not None:
        at = next((n for n, (k, _) in enumerate(fields) if k == "Cadence"), len(fields))
        fields.insert(at, ("Strength", strength_text(strength)))
    sections = _sections(detail, today)
    if not use_table():
        lines = [f"{one_line(c.name)} (#{c.id})"]
        for key, value in fields:
            lines += _hanging(f"{key}: ", value)
        for title, rows in sections:
            lines.append(f"{title}:")
            for row in rows:
                cells = [one_line(cell) for cell in row[:-1]]
                if title == "Timeline":
                    cells[1] = f"{cells[1]:<8}"
                lines += _hanging("  " + "".join(f"{cell}  " for cell in cells), row[-1])
        sys.stdout.write("\n".join(lines) + "\n")
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
    for title, rows in sections:
        console.print(Text(f"\n{title}", style="bold"))
        table = Table.grid(padding=(0, 2))
        width = max(len(r) for r in rows)
        for n in range(width):
            table.add_column(no_wrap=n < width - 1, style="dim" if n == 0 else None)
        for row in rows:
            table.add_row(*(Text(safe(cell)) for cell in row))
        console.print(table)


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


# ----- habits
def suggestions(found: Sequence[Any]) -> None:
    rows = [(s.a_name, s.b_name, str(s.score), s.reason) for s in found]
    if not use_table():
        _tsv(("a", "b", "score", "reason"), rows)
        return
    _table(
        "Introductions worth making — best first",
        [
            ("Introduce", {"style": "bold"}),
            ("to", {"style": "bold"}),
            ("Score", {"justify": "right"}),
            ("Why", {"ratio": 1}),
        ],
        rows,
    )


def asks(found: Sequence[Any], today: date) -> None:
    rows = [
        (
            str(a.id),
            a.contact_name,
            a.request,
            a.company or "",
            a.asked_on.isoformat(),
            relative_days(a.asked_on, today),
            a.status if a.status == "open" else f"{a.status} {_d(a.closed_on)}",
            a.outcome or "",
        )
        for a in found
    ]
    if not use_table():
        _tsv(("id", "contact", "request", "company", "asked_on", "age", "status", "outcome"), rows)
        return
    _table(
        f"{len(found)} ask{'s' if len(found) != 1 else ''}",
        [
            ("#", {"justify": "right", "style": "dim"}),
            ("Asked", {"style": "bold"}),
            ("Request", {"ratio": 1}),
            ("At", {}),
            ("On", {"no_wrap": True}),
            ("", {"no_wrap": True}),
            ("Status", {}),
            ("Outcome", {}),
        ],
        rows,
    )


def company(view: Any, today: date) -> None:
    rows = [
        (
            str(c.id),
            c.name,
            c.title or "",
            c.company or "",
            f"{c.via_name} (#{c.via_id})" if c.via_id else "",
            relative_days(c.last_contact_on, today) if c.last_contact_on else "never",
        )
        for c in view.people
    ]
    if not use_table():
        _tsv(("id", "name", "title", "company", "introduced_by", "last_contact"), rows)
    else:
        _table(
            f"Who you know at {view.company}",
            [
                ("#", {"justify": "right", "style": "dim"}),
                ("Name", {"style": "bold"}),
                ("Title", {}),
                ("Company", {}),
                ("Introduced by", {}),
                ("Last contact", {}),
            ],
            rows,
        )
    for a in view.asks:
        message(
            f"Open ask #{a.id} to {a.contact_name} ({a.asked_on.isoformat()}): {a.request}"
            + (f" at {a.company}" if a.company else "")
        )


def ledger(rows: Sequence[Any]) -> None:
    cells = [(r.contact, str(r.gave), str(r.got), f"{r.balance:+d}") for r in rows]
    if not use_table():
        _tsv(("contact", "gave", "got", "balance"), cells)
        return
    _table(
        "Give and take — most in your debt first",
        [
            ("Contact", {"style": "bold"}),
            ("Gave", {"justify": "right"}),
            ("Got", {"justify": "right"}),
            ("Balance", {"justify": "right"}),
        ],
        cells,
    )


# ----- import and export


def item_results(results: Sequence[Any], verb: str) -> None:
    """``Done: f12 · Ada Lovelace · follow-up · send her my Rust project``."""
    for r in results:
        i = r.item
        print_line(f"{verb}: {i.handle} · {safe(i.contact)} · {i.reason} · {r.what}")


def done_report(result: Any, today: date) -> None:
    """What ``done`` completed (stdout, one line each) and what it left open."""
    name = result.contact.name
    if not result.completed:
        message(f"{name} has nothing due to mark done.")
    for f in result.completed:
        print_line(f"Done: {safe(name)} · {f.reason} · {f.due_on.isoformat()} · {one_line(f.todo)}")
    if result.upcoming:
        message(f"Still open, not due yet (netlog done '#{result.contact.id}' --all closes them):")
        for f in result.upcoming:
            message(f"  {f.due_on.isoformat()} ({relative_days(f.due_on, today)}) {f.reason}: "
                    f"{f.todo}")  # fmt: skip


def _position(ref: str) -> int:
    """``line 12`` -> 12: rows and skipped rows listed in file order."""
    digits = "".join(ch if ch.isdigit() else " " for ch in ref).split()
    return int(digits[0]) if digits else 0


def import_row(row: Any, dry_run: bool) -> str:
    """One row's fate: ``line 7  Ada Lovelace: matches #12 (by email), updated``."""
    if row.outcome == "new":
        what = "new" if dry_run else f"new #{row.contact_id}"
    else:
        what = f"matches #{row.contact_id} (by {row.by}), {row.outcome}"
    if row.like is not None:
        what += (
            f"; merged with {row.like}"
            if row.merged
            else f"; looks like {row.like} (same {row.by}), kept apart"
        )
    return f"{row.ref}  {row.name}: {what}"


# A file read entirely as Windows-1252 would list every line: the first ones and a count.
MAX_NOTES_SHOWN = 20


def import_report(report: Any) -> None:
    """The summary per file on stdout (with ``--dry-run``, every row's fate too);
    skipped rows, likely duplicates, ignored columns (once per file) and notes
    such as lines that were not UTF-8 on stderr, like every message."""
    lead = "Would import" if report.dry_run else "Imported"
    for f in report.files:
        dupes = len(f.duplicates)
        print_line(
            f"{lead} {f.file} ({f.format}): {f.new} new, {f.updated} updated, "
            f"{f.unchanged} unchanged, {len(f.skipped)} skipped"
            + (f", {dupes} likely duplicate{'s' if dupes != 1 else ''}" if dupes else "")
        )
        if report.dry_run:  # every row, in file order: what the import would do with it
            lines = [(r.ref, import_row(r, True)) for r in f.rows]
            lines += [(s.ref, f"{s.ref}: skipped ({s.reason})") for s in f.skipped]
            for _, line in sorted(lines, key=lambda pair: _position(pair[0])):
                print_line(f"  {line}")
    if not report.dry_run:  # a dry run lists them with the rows
        for s in report.skipped:
            message(f"Skipped {s.file} {s.ref}: {s.reason}")
    for f in report.files:
        if f.ignored:
            message(f"{f.file}: ignored columns: {', '.join(f.ignored)}")
        for note in f.notes[:MAX_NOTES_SHOWN]:
            message(f"{f.file} {note}")
        if len(f.notes) > MAX_NOTES_SHOWN:
            message(f"{f.file}: {len(f.notes) - MAX_NOTES_SHOWN} more notes (see --json)")
    duplicates = report.duplicates
    if duplicates and not report.dry_run:
        merged = all(row.merged for _, row in duplicates)
        message(
            "Rows that look like another row of this import "
            + ("(merged as asked):" if merged else "(kept as separate contacts; see "
               "netlog dupes, then netlog merge KEEP OTHER, or import with --merge-duplicates):")
        )  # fmt: skip
        for file, row in duplicates:
            message(f"  {file} {import_row(row, False)}")
    if report.dry_run:
        message("Dry run: nothing was changed.")


def restore_report(summary: Any, source: str, dry_run: bool) -> None:
    n = summary.contacts
    people = f"{n} contact{'s' if n != 1 else ''}"
    verb = "Would restore" if dry_run else "Restored"
    print_line(f"{verb} {people} and their history from {source}")
    if dry_run:
        message("Dry run: nothing was changed.")


def duplicates(pairs: Sequence[Any]) -> None:
    rows = [(f"#{p.a_id}", p.a_name, f"#{p.b_id}", p.b_name, p.reason) for p in pairs]
    if not use_table():
        _tsv(("a_id", "a_name", "b_id", "b_name", "reason"), rows)
        return
    _table(
        "Likely duplicates — merge with: netlog merge KEEP OTHER",
        [
            ("", {"style": "dim"}),
            ("Contact", {"style": "bold"}),
            ("", {"style": "dim"}),
            ("Contact", {"style": "bold"}),
            ("Why", {"ratio": 1}),
        ],
        rows,
    )


def check_report(report: Any) -> None:
    if not report.problems:
        print_line("No problems found.")
        return
    for problem in report.problems:
        fixed = " (repaired)" if report.repaired and problem.repairable else ""
        print_line(f"{problem.kind}: {problem.detail}{fixed}")
    remaining = report.remaining
    if not remaining:
        print_line(f"Repaired {report.repaired} problem{'s' if report.repaired != 1 else ''}.")
    elif any(p.repairable for p in remaining):
        message("Run 'netlog check --repair' to fix what can be derived again.")
    else:
        message(
            "These cannot be derived again: restore your latest backup "
            "(netlog backup writes one), or export what is readable with "
            "'netlog export --format json'."
        )


# ----- history, corrections and the change journal


def history_line(entry: Any, today: date) -> str:
    """``i12 conversation with Ada Lovelace, 2026-11-30 (yesterday): call · coffee``"""
    from netlog.dates import relative_days

    detail = f": {entry.detail}" if entry.detail else ""
    text = f" · {entry.text}" if entry.text else ""
    return (
        f"{entry.ref} {entry.kind} with {entry.contact}, {entry.day.isoformat()} "
        f"({relative_days(entry.day, today)}){detail}{text}"
    )


def history(entries: Sequence[Any], contact: str | None, today: date) -> None:
    from netlog.dates import relative_days

    cells = [
        (
            e.ref,
            e.day.isoformat(),
            relative_days(e.day, today),
            e.kind,
            e.detail,
            e.text,
            *(() if contact else (e.contact,)),
        )
        for e in entries
    ]
    if not use_table():
        header = ("id", "date", "when", "type", "detail", "text")
        _tsv(header if contact else (*header, "contact"), cells)
        return
    columns: list[tuple[str, dict[str, Any]]] = [
        ("ID", {"style": "bold", "no_wrap": True}),
        ("Date", {"no_wrap": True}),
        ("When", {"style": "dim"}),
        ("Type", {}),
        ("Detail", {}),
        ("Text", {"ratio": 1}),
    ]
    if not contact:
        columns.append(("Contact", {}))
    title = f"History of {contact}" if contact else "Latest entries"
    _table(title + " — amend ID … / drop ID", columns, cells)


def _local_time(instant: str) -> str:
    """A stored UTC instant as local ``YYYY-MM-DD HH:MM``."""
    from datetime import datetime

    try:
        moment = datetime.fromisoformat(instant.replace("Z", "+00:00"))
    except ValueError:
        return instant
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


def changes(entries: Sequence[tuple[Any, Sequence[str]]]) -> None:
    cells = []
    for change, effects in entries:
        if change.reverts is not None:
            status = f"undid #{change.reverts}"
        elif change.undone_by is not None:
            status = "undone"
        else:
            status = ""
        cells.append(
            (str(change.id), _local_time(change.at), change.command, "; ".join(effects), status)
        )
    if not use_table():
        _tsv(("id", "at", "command", "effects", "status"), cells)
        return
    _table(
        "Latest changes — netlog undo reverts the newest not undone",
        [
            ("#", {"justify": "right"}),
            ("At", {"no_wrap": True}),
            ("Command", {}),
            ("Effects", {"ratio": 1}),
            ("Status", {"style": "dim"}),
        ],
        cells,
    )


def undone(done: Any) -> None:
    who = f" for {', '.join(done.contacts[:3])}" if done.contacts else ""
    more = f" and {len(done.contacts) - 3} more" if len(done.contacts) > 3 else ""
    message(
        f"Undid {done.change.command} ({_local_time(done.change.at)}): it had "
        f"{'; '.join(done.effects)}{who}{more}."
    )
    if done.older is not None:
        message(
            f"Run netlog undo again to undo {done.older.command} ({_local_time(done.older.at)})."
        )


# ----- capture and settings


_DIRECTION_WORDS = {"sent": "you wrote", "received": "they wrote", "meeting": "met"}


def capture_report(result: Any, today: date) -> None:
    """What was (or would be) logged per contact on stdout; the counts, what was
    skipped and why, and the people you write to who are not contacts on stderr."""
    from netlog.capture.service import display_name, iter_logged

    for cid, name, items in iter_logged(result):
        print_line(f"{name} (#{cid})")
        for i in items:
            words = _DIRECTION_WORDS[i.direction]
            count = f" ×{i.messages}" if i.messages > 1 else ""
            summary = f": {i.summary}" if i.summary else ""
            added = "" if i.new else " (added to the entry captured that day)"
            print_line(f"  {i.occurred_on.isoformat()}  {i.kind}, {words}{count}{summary}{added}")
    for cid, name in result.added:
        message(f"Added {name} (#{cid}).")
    for address, why in result.not_added:
        message(f"Did not add {address}: {why} (add the address with netlog edit NAME --email).")
    lead = "Would log" if result.dry_run else "Logged"
    read = []
    if result.messages:
        read.append(f"{result.messages} message{'s' if result.messages != 1 else ''}")
    if result.events:
        read.append(f"{result.events} event{'s' if result.events != 1 else ''}")
    unchanged = (
        f"; {result.unchanged_files} unchanged file{'s' if result.unchanged_files != 1 else ''}"
        " not read again"
        if result.unchanged_files
        else ""
    )
    if read:
        message(
            f"{lead} {result.new} new interaction{'s' if result.new != 1 else ''} from "
            f"{' and '.join(read)}{unchanged}."
        )
    else:
        message(f"Nothing new{unchanged.replace(';', ':', 1)}.")
    if result.skipped:
        parts = ", ".join(f"{reason} {n}" for reason, n in result.skipped.most_common())
        message(f"Skipped: {parts}.")
    if result.unknown and not result.added:
        message("You write to these people most, and they are not contacts:")
        for s in result.unknown:
            message(
                f"  {display_name(s)} <{s.address}>: {s.messages} email"
                f"{'s' if s.messages != 1 else ''}, last {relative_days(s.last_on, today)}"
            )
        message("Add them: netlog capture PATH... --add-unknown")
    if result.dry_run:
        message("Dry run: nothing was changed.")


def settings_list(rows: Sequence[tuple[str, str | None, str]]) -> None:
    """Every setting, its value (or "not set") and what it is for."""
    if not use_table():
        _tsv(("key", "value", "about"), ((k, v or "", about) for k, v, about in rows))
        return
    _table(
        None,
        [("Setting", {}), ("Value", {}), ("About", {"style": "dim"})],
        [(k, v if v is not None else "(not set)", about) for k, v, about in rows],
    )


# ===== insight: strength, fading ties, the week in review =====================
# Renderers of the typed view models of ``netlog.insight`` (computed there once):
# JSON, plain text and the terminal. Stored text goes through the sanitiser as
# everywhere above.
SPARK = "▁▂▃▄▅▆▇█"
BAR = "█"
BAR_WIDTH = 30


def strength_text(s: Strength) -> str:
    """``62/100 (recency 0.84 · frequency 0.50 · ...)``: as ``show`` prints it."""
    parts = " · ".join(f"{name} {value:.2f}" for name, value in s.parts().items())
    return f"{s.score}/100 ({parts})"


def _fading_why(t: FadingTie) -> str:
    why = []
    if "quiet" in t.reasons and t.silence_days is not None and t.typical_gap_days:
        why.append(f"quiet {t.silence_days}d, usually {t.typical_gap_days}d")
    if "weaker" in t.reasons:
        why.append(f"strength {t.strength_before}→{t.strength.score}")
    return "; ".join(why)


def fading(ties: Sequence[FadingTie], today: date) -> None:
    rows = [
        (
            str(t.contact_id),
            t.name,
            str(t.strength.score),
            ",".join(t.reasons),
            _fading_why(t),
            _d(t.last_contact_on),
            t.action,
        )
        for t in ties
    ]
    if not use_table() or len(rows) > MAX_TABLE_ROWS:
        _tsv(("id", "name", "strength", "reasons", "why", "last_contact_on", "action"), rows)
        return
    _table(
        f"Fading ties {today.isoformat()} — strongest first",
        [
            ("#", {"justify": "right", "style": "dim"}),
            ("Name", {"style": "bold", "no_wrap": True}),
            ("Strength", {"justify": "right"}),
            ("Why", {"no_wrap": True}),
            ("Suggested action", {"ratio": 1}),
        ],
        ((r[0], r[1], r[2], r[4], r[6]) for r in rows),
    )


def sparkline(values: Sequence[int]) -> str:
    """``▁▃█▁``: one character per value, scaled to the largest."""
    top = max(values, default=0)
    if top <= 0:
        return SPARK[0] * len(values)
    return "".join(SPARK[min(len(SPARK) - 1, round(v / top * (len(SPARK) - 1)))] for v in values)


def _bars(days: Sequence[DayActivity]) -> list[str]:
    top = max((d.conversations + d.attempts for d in days), default=0) or 1
    lines = []
    for d in days:
        n = d.conversations + d.attempts
        bar = BAR * (round(n / top * BAR_WIDTH) if n else 0)
        tried = f" (+{d.attempts} unanswered)" if d.attempts else ""
        lines.append(f"{d.day.strftime('%a %m-%d')}  {bar or '·'} {d.conversations}{tried}")
    return lines


def _count(n: int, word: str) -> str:
    return f"{n} {word}{'s' if n != 1 else ''}"


def week_sections(w: WeekReview, today: date) -> list[tuple[str, list[str]]]:
    """The review as titled sections of lines, for the terminal and plain text."""
    sections: list[tuple[str, list[str]]] = []
    answered = w.answered
    reached = [f"{len(w.reached)} reached, {len(answered)} answered"]
    for p in w.reached:
        how = ", ".join(p.kinds) if p.kinds else "no answer yet"
        tried = f", {p.attempts} unanswered" if p.attempts else ""
        reached.append(f"  {p.name}: {_count(p.conversations, 'conversation')} ({how}){tried}")
    sections.append(("People", reached))
    kinds = ", ".join(f"{k} {n}" for k, n in w.by_kind) or "none"
    sections.append(
        (
            "Conversations",
            [
                f"{sum(n for _, n in w.by_kind)} ({kinds}); "
                + _count(w.attempts, "unanswered attempt")
            ],
        )
    )
    favours = [f"gave {w.gave}, got {w.got}"]
    favours += [f"  {f.day.isoformat()}  {f.direction} {f.what} ({f.name})" for f in w.favours]
    sections.append(("Give and take", favours))
    asks = [f"{len(w.asks_opened)} opened, {len(w.asks_closed)} earlier ones closed"]
    for a in (*w.asks_opened, *w.asks_closed):
        outcome = f": {a.outcome}" if a.outcome else ""
        closed = f" {a.closed_on.isoformat()}" if a.closed_on else ""
        asks.append(f"  #{a.id} {a.name}: {a.request} — {a.status}{closed}{outcome}")
    sections.append(("Asks", asks))
    intros = [f"{len(w.introductions)} made"]
    intros += [
        f"  {i.day.isoformat()}  {i.a_name} ↔ {i.b_name}"
        + (f" ({i.why})" if i.why else "")
        + f": {i.how}"
        for i in w.introductions
    ]
    sections.append(("Introductions", intros))
    now, before = w.overdue_now, w.overdue_before
    change = now.total - before.total
    trend = (
        "the same as" if change == 0 else f"{abs(change)} {'more' if change > 0 else 'fewer'} than"
    )
    sections.append(
        (
            "Overdue",
            [
                f"{now.total} now ({now.checkins} check-ins, {now.promises} promises), "
                f"{trend} a week ago ({before.total} on {before.day.isoformat()})"
            ],
        )
    )
    fading_lines = [
        f"{len(w.fading)} fading" + (" — netlog fading lists them all" if len(w.fading) > 5 else "")
    ]
    fading_lines += [f"  {t.name} ({t.strength.score}): {t.action}" for t in w.fading[:5]]
    sections.append(("Fading ties", fading_lines))
    counts = [d.conversations + d.attempts for d in w.activity]
    sections.append(("Activity", [sparkline(counts), *_bars(w.activity)]))
    return sections


def week(w: WeekReview, today: date) -> None:
    title = f"Week in review {w.since.isoformat()} – {w.until.isoformat()}"
    sections = week_sections(w, today)
    if not use_table():
        lines = [title]
        for name, body in sections:
            lines.append(f"{name}: {one_line(body[0])}")
            lines += [one_line(line) for line in body[1:]]
        sys.stdout.write("\n".join(lines) + "\n")
        return
    from rich.text import Text

    console = _console()
    console.print(Text(title, style="bold"))
    for name, body in sections:
        head = Text(f"\n{name}", style="bold")
        head.append(f"  {one_line(body[0])}", style="")
        console.print(head)
        for line in body[1:]:
            console.print(Text(one_line(line)), crop=False)
