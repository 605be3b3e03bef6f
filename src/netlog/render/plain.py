"""Plain text of the views: what a pipe, a script or ``NETLOG_OUTPUT=plain`` reads.

Listings are tab-separated lines under a header naming the columns (the names
are part of the interface: scripts cut by them); ``show`` and ``week`` are
lines of text. Each renderer returns the text, for ``output.write_text``:
nothing here writes. Every cell and line of stored text is sanitised on the
way (``one_line``: one line, no control or bidi characters); netlog's own
words are safe as they are.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

from netlog.render.views import TIMELINE, Cells, ContactView, Listing, SettingRow, WeekView
from netlog.sanitise import one_line

DUE = ("contact", "reasons", "due_on", "status", "last_contact_on", "last_kind", "actions", "ids")
CONTACTS = ("id", "name", "company", "title", "tags", "last_contact_on", "next_checkin_on")
HISTORY = ("id", "date", "when", "type", "detail", "text")


def tsv(header: Sequence[str], rows: Iterable[Cells]) -> str:
    """Tab-separated lines with a header (see ``tsv_lines``), as one text."""
    return "".join(tsv_lines(header, rows))


def tsv_lines(header: Sequence[str], rows: Iterable[Cells]) -> Iterator[str]:
    """Tab-separated lines, each with its newline, under a header. Cells are
    strings ("" for nothing); a row is cleaned cell by cell only when it holds a
    tab, newline or control character, which keeps listings of thousands of rows
    fast."""
    yield "\t".join(header) + "\n"
    for row in rows:
        if "".join(row).isprintable():
            yield "\t".join(row) + "\n"
        else:
            yield "\t".join(one_line(cell) for cell in row) + "\n"


def due(view: Listing) -> Iterator[str]:
    """Line by line: ten thousand rows in a neglected network, and the text
    whole (three megabytes, and as much again encoded) would raise ``due``'s
    peak memory past its budget."""
    return tsv_lines(DUE, view.rows)


def contacts(view: Listing, strength: bool) -> str:
    return tsv((*CONTACTS, "strength") if strength else CONTACTS, view.rows)


def search(view: Listing) -> str:
    return tsv(("id", "name", "field", "text"), view.rows)


def suggestions(view: Listing) -> str:
    return tsv(("a", "b", "score", "reason"), view.rows)


def asks(view: Listing) -> str:
    return tsv(
        ("id", "contact", "request", "company", "asked_on", "age", "status", "outcome"), view.rows
    )


def company(view: Listing) -> str:
    return tsv(("id", "name", "title", "company", "introduced_by", "last_contact"), view.rows)


def ledger(view: Listing) -> str:
    return tsv(("contact", "gave", "got", "balance"), view.rows)


def duplicates(view: Listing) -> str:
    return tsv(("a_id", "a_name", "b_id", "b_name", "reason"), view.rows)


def history(view: Listing, one_contact: bool) -> str:
    return tsv(HISTORY if one_contact else (*HISTORY, "contact"), view.rows)


def changes(view: Listing) -> str:
    return tsv(("id", "at", "command", "effects", "status"), view.rows)


def settings(rows: Sequence[SettingRow]) -> str:
    return tsv(("key", "value", "about"), ((k, v or "", about) for k, v, about in rows))


def fading(view: Listing) -> str:
    return tsv(("id", "name", "strength", "reasons", "why", "last_contact_on", "action"), view.rows)


def _hanging(prefix: str, text: object) -> list[str]:
    """``prefix`` and text of several lines (a note, a summary written in an
    editor): each line sanitised, the later ones indented under the first."""
    first, *rest = str(text).split("\n")
    indent = " " * len(prefix)
    return [(prefix + one_line(first)).rstrip()] + [(indent + one_line(x)).rstrip() for x in rest]


def detail(view: ContactView) -> str:
    """``show``: the name, ``Key: value`` lines, then each section's rows."""
    lines = [f"{one_line(view.name)} (#{view.id})"]
    for key, value in view.fields:
        lines += _hanging(f"{key}: ", value)
    for title, rows in view.sections:
        lines.append(f"{title}:")
        for row in rows:
            cells = [one_line(cell) for cell in row[:-1]]
            if title == TIMELINE:
                cells[1] = f"{cells[1]:<8}"
            lines += _hanging("  " + "".join(f"{cell}  " for cell in cells), row[-1])
    return "\n".join(lines) + "\n"


def week(view: WeekView) -> str:
    """A line per section (its title and summary), its details under it."""
    lines = [view.title]
    for name, body in view.sections:
        lines.append(f"{name}: {one_line(body[0])}")
        lines += [one_line(line) for line in body[1:]]
    return "\n".join(lines) + "\n"
