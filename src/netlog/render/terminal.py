"""Rich on a terminal: tables, the stacked layout of ``due``, the review card.

The one module of netlog that imports rich, and it is imported only when a
terminal shows the result (the facade, ``netlog.render``, imports it inside
the function), so piped and JSON output never load rich. ``rich.table`` loads
only for the layouts that draw one: ``due`` on a narrow terminal and the
review card are lines of wrapped ``Text``.

Layout only: the words are the views' (``netlog.render.views``). Stored text
is sanitised on the way in (``one_line``, ``safe``) and only ever shown as
``Text``, never parsed as markup.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

from rich.console import Console
from rich.text import Text

from netlog.render.output import colourless
from netlog.sanitise import one_line, safe

if TYPE_CHECKING:
    from netlog.render.views import (
        CardView,
        ContactView,
        DueLine,
        DueView,
        Listing,
        SettingRow,
        WeekView,
    )

Columns = Sequence[tuple[str, dict[str, Any]]]  # a heading and its ``add_column`` options

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


def console(stderr: bool = False) -> Console:
    """A Rich console. With ``NO_COLOR`` set it writes no escape codes at all:
    Rich itself drops only colours and keeps bold and dim."""
    return Console(
        highlight=False,
        stderr=stderr,
        soft_wrap=False,
        color_system=None if colourless() else "auto",
    )


@contextlib.contextmanager
def progress_bar(total: int, label: str) -> Iterator[Callable[[], None]]:
    """A transient bar on stderr; yields the function that advances it."""
    from rich.progress import Progress

    with Progress(console=console(stderr=True), transient=True) as shown:
        task = shown.add_task(label, total=total)
        yield lambda: shown.advance(task)


def table(title: str | None, columns: Columns, rows: Iterable[Sequence[object]]) -> None:
    """A listing as a table: every cell ``Text`` of one sanitised line."""
    from rich.table import Table

    # A title can hold what the user typed (``at COMPANY``): Text, never markup.
    shown = Text(one_line(title)) if title is not None else None
    grid = Table(title=shown, title_justify="left", header_style="bold", expand=False)
    for name, options in columns:
        grid.add_column(name, **options)
    for row in rows:
        grid.add_row(*(cell if isinstance(cell, Text) else Text(one_line(cell)) for cell in row))
    console().print(grid)


# ----- due and the review card
def _late_style(line: DueLine) -> str:
    late = line.days_overdue
    return "red" if late > 0 else "yellow" if late == 0 else "dim"


def due(view: DueView) -> None:
    """A block per contact, a line per reason; stacked below ``WIDE_DUE_COLUMNS``."""
    shown = console()
    if shown.width < WIDE_DUE_COLUMNS:
        _due_stacked(shown, view)
        return
    from rich.table import Table

    grid = Table(title=view.title, title_justify="left", header_style="bold")
    grid.add_column("Contact", style="bold", no_wrap=True)
    grid.add_column("ID", style="dim", no_wrap=True)
    grid.add_column("Why", no_wrap=True)
    grid.add_column("When", no_wrap=True)
    grid.add_column("Last contact")
    grid.add_column("Suggested action", ratio=1)
    for person in view.people:
        # One block per contact: its name and last contact once, a line per reason.
        last = len(person.items) - 1
        for n, line in enumerate(person.items):
            grid.add_row(
                Text(one_line(person.name)) if n == 0 else "",
                Text(line.handle),
                Text(line.reason),
                Text(line.when, style=_late_style(line)),
                Text(one_line(person.last)) if n == 0 else "",
                Text(one_line(line.action)),
                end_section=n == last,
            )
    shown.print(grid)


def _last_contact(last: str) -> str:
    return f" · last contact {one_line(last)}"


def _due_stacked(shown: Console, view: DueView) -> None:
    """``due`` on a narrow terminal: per contact a header line (name, last
    contact), per item a line with its handle, reason and when, and the suggested
    action on its own indented lines, wrapped to the whole width rather than
    squeezed into the last column of a table. Handles are padded to the widest
    in the listing, so every reason and action starts in the same column."""
    width = shown.width
    handle_width = max((len(i.handle) for p in view.people for i in p.items), default=0)
    _wrapped(shown, Text(view.title, style="bold"), width)
    for person in view.people:
        header = Text()
        header.append(one_line(person.name), style="bold")
        header.append(_last_contact(person.last), style="dim")
        shown.print()
        _wrapped(shown, header, width)
        _stacked_items(shown, person.items, handle_width)


def _indented_width(width: int, column: int = ACTION_INDENT) -> tuple[int, int]:
    """``(indent, width)`` of the indented lines of the stacked layout (a
    suggested action): indented to ``column`` while that leaves them
    ``MIN_ACTION_COLUMNS``; under 40 columns still wrapped at 40 (the terminal
    folds them)."""
    indent = max(0, min(column, width - MIN_ACTION_COLUMNS))
    return indent, max(width - indent, MIN_ACTION_COLUMNS)


def _stacked_items(
    shown: Console, items: Sequence[DueLine], handle_width: int | None = None
) -> None:
    """One contact's items as the stacked layout shows them: a line with the
    handle, reason and when, then the suggested action, indented and wrapped.
    Handles are padded to ``handle_width`` (the widest in the listing; by
    default in ``items``), so every reason and action starts in one column."""
    width = shown.width
    if handle_width is None:
        handle_width = max((len(i.handle) for i in items), default=0)
    indent, action_width = _indented_width(width, ITEM_MARGIN + handle_width + HANDLE_GAP)
    for item in items:
        line = Text(" " * ITEM_MARGIN)
        line.append(item.handle, style="dim")
        pad = " " * (handle_width - len(item.handle) + HANDLE_GAP)
        line.append(f"{pad}{item.reason} · ")
        line.append(item.when, style=_late_style(item))
        _wrapped(shown, line, width)
        _wrapped(shown, Text(one_line(item.action)), action_width, indent)


def _wrapped(shown: Console, text: Text, width: int, indent: int = 0) -> None:
    """``text`` wrapped to ``width`` columns, each line after ``indent`` spaces.
    Wrapped here rather than by Rich's renderables: no trailing spaces, and a word
    longer than the line (a URL) is folded onto the next, never cut off."""
    for line in text.wrap(shown, width, overflow="fold"):
        line.rstrip()
        shown.print(Text(" " * indent) + line, crop=False)


def review_card(card: CardView) -> None:
    """One person's card in ``netlog review``: the contact's header as ``due``
    stacks it (with their #ID and company), their items as ``due`` shows them,
    then what to talk about, open asks and the latest give and take, each line
    indented and wrapped like a suggested action."""
    shown = console()
    width = shown.width
    header = Text()
    header.append(one_line(card.name), style="bold")
    about = [f" (#{card.id})"]
    if card.company:
        about.append(f" · {one_line(card.company)}")
    about.append(_last_contact(card.last))
    header.append("".join(about), style="dim")
    shown.print()
    _wrapped(shown, header, width)
    _stacked_items(shown, card.items)
    indent, line_width = _indented_width(width)
    for title, lines in card.sections:
        _wrapped(shown, Text(f"  {title}", style="bold"), width)
        for line in lines:
            _wrapped(shown, Text(one_line(line)), line_width, indent)


# ----- a contact, the week
def detail(view: ContactView) -> None:
    """``show``: the name, a grid of fields, then a grid per section."""
    from rich.table import Table

    shown = console()
    shown.print(Text(f"{safe(view.name)}", style="bold") + Text(f"  #{view.id}", style="dim"))
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="dim", no_wrap=True)
    grid.add_column()
    for key, value in view.fields:
        grid.add_row(key, Text(safe(value)))
    shown.print(grid)
    for title, rows in view.sections:
        shown.print(Text(f"\n{title}", style="bold"))
        section = Table.grid(padding=(0, 2))
        width = max(len(r) for r in rows)
        for n in range(width):
            section.add_column(no_wrap=n < width - 1, style="dim" if n == 0 else None)
        for row in rows:
            section.add_row(*(Text(safe(cell)) for cell in row))
        shown.print(section)


def week(view: WeekView) -> None:
    """Each section's title in bold with its summary beside it, details below."""
    shown = console()
    shown.print(Text(view.title, style="bold"))
    for name, body in view.sections:
        head = Text(f"\n{name}", style="bold")
        head.append(f"  {one_line(body[0])}", style="")
        shown.print(head)
        for line in body[1:]:
            shown.print(Text(one_line(line)), crop=False)


# ----- listings
NUMBER: dict[str, Any] = {"justify": "right", "style": "dim"}  # a contact's #ID


def contacts(view: Listing, strength: bool) -> None:
    table(
        view.title,
        [
            ("#", NUMBER),
            ("Name", {"style": "bold"}),
            ("Company", {}),
            ("Title", {}),
            ("Tags", {}),
            ("Last contact", {"no_wrap": True}),
            ("Next check-in", {"no_wrap": True}),
            *((("Strength", {"justify": "right"}),) if strength else ()),
        ],
        view.rows,
    )


def search(view: Listing) -> None:
    table(
        view.title,
        [("#", NUMBER), ("Name", {"style": "bold"}), ("Found in", {}), ("Text", {"ratio": 1})],
        view.rows,
    )


def suggestions(view: Listing) -> None:
    table(
        view.title,
        [
            ("Introduce", {"style": "bold"}),
            ("to", {"style": "bold"}),
            ("Score", {"justify": "right"}),
            ("Why", {"ratio": 1}),
        ],
        view.rows,
    )


def asks(view: Listing) -> None:
    table(
        view.title,
        [
            ("#", NUMBER),
            ("Asked", {"style": "bold"}),
            ("Request", {"ratio": 1}),
            ("At", {}),
            ("On", {"no_wrap": True}),
            ("", {"no_wrap": True}),
            ("Status", {}),
            ("Outcome", {}),
        ],
        view.rows,
    )


def company(view: Listing) -> None:
    table(
        view.title,
        [
            ("#", NUMBER),
            ("Name", {"style": "bold"}),
            ("Title", {}),
            ("Company", {}),
            ("Introduced by", {}),
            ("Last contact", {}),
        ],
        view.rows,
    )


def ledger(view: Listing) -> None:
    table(
        view.title,
        [
            ("Contact", {"style": "bold"}),
            ("Gave", {"justify": "right"}),
            ("Got", {"justify": "right"}),
            ("Balance", {"justify": "right"}),
        ],
        view.rows,
    )


def duplicates(view: Listing) -> None:
    table(
        view.title,
        [
            ("", {"style": "dim"}),
            ("Contact", {"style": "bold"}),
            ("", {"style": "dim"}),
            ("Contact", {"style": "bold"}),
            ("Why", {"ratio": 1}),
        ],
        view.rows,
    )


def history(view: Listing, one_contact: bool) -> None:
    columns: list[tuple[str, dict[str, Any]]] = [
        ("ID", {"style": "bold", "no_wrap": True}),
        ("Date", {"no_wrap": True}),
        ("When", {"style": "dim"}),
        ("Type", {}),
        ("Detail", {}),
        ("Text", {"ratio": 1}),
    ]
    if not one_contact:
        columns.append(("Contact", {}))
    table(view.title, columns, view.rows)


def changes(view: Listing) -> None:
    table(
        view.title,
        [
            ("#", {"justify": "right"}),
            ("At", {"no_wrap": True}),
            ("Command", {}),
            ("Effects", {"ratio": 1}),
            ("Status", {"style": "dim"}),
        ],
        view.rows,
    )


def settings(rows: Sequence[SettingRow]) -> None:
    table(
        None,
        [("Setting", {}), ("Value", {}), ("About", {"style": "dim"})],
        [(k, v if v is not None else "(not set)", about) for k, v, about in rows],
    )


def fading(view: Listing) -> None:
    """The table leaves out the reasons (the why says them) and the ISO day."""
    table(
        view.title,
        [
            ("#", NUMBER),
            ("Name", {"style": "bold", "no_wrap": True}),
            ("Strength", {"justify": "right"}),
            ("Why", {"no_wrap": True}),
            ("Suggested action", {"ratio": 1}),
        ],
        ((r[0], r[1], r[2], r[4], r[6]) for r in view.rows),
    )
