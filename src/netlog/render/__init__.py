"""Everything the user reads: one presentation layer, a module per medium.

* ``views``: the typed view models and the pure functions that build them from
  the domain records; every wording shared between media (relative dates,
  lateness, reasons, strength, the week's sections) is decided there, once.
* ``plain``: tab-separated lines and plain text, for a pipe or a script.
* ``terminal``: Rich tables and the stacked layouts; the only module of
  netlog that imports rich.
* ``json``: the documented ``--json`` objects.
* ``html``: the ``netlog report`` page.
* ``output``: the I/O edge (stdout, stderr, JSON, exports, which medium).

The functions here are what the CLI calls: each builds its view once and hands
it to plain text or the terminal by ``use_table()``. Each medium's module is
imported when it is used, so piped output never loads rich, and JSON output
loads neither the views nor plain text (the ``--json`` objects and the views'
one-line words are this package's attributes, imported on first use).

Stored text is untrusted: everything printed goes through ``netlog.sanitise``
(control characters, escape sequences and bidi overrides replaced in text,
escaped in JSON), and rich never parses stored text as markup (cells and titles
are ``Text``).
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from netlog.render.output import (
    MAX_TABLE_ROWS,
    message,
    print_json,
    print_json_objects,
    print_line,
    progress,
    say,
    use_table,
    write_lines,
    write_output,
    write_text,
)
from netlog.sanitise import safe

if TYPE_CHECKING:
    from netlog.insight.fading import FadingTie
    from netlog.insight.strength import Strength
    from netlog.insight.week import WeekReview
    from netlog.records import Contact, ContactDetail, ContactSummary, SearchHit
    from netlog.render.json import capture_json as capture_json
    from netlog.render.json import change_json as change_json
    from netlog.render.json import company_json as company_json
    from netlog.render.json import due_json as due_json
    from netlog.render.json import fading_json as fading_json
    from netlog.render.json import history_json as history_json
    from netlog.render.json import import_json as import_json
    from netlog.render.json import search_json as search_json
    from netlog.render.json import strength_json as strength_json
    from netlog.render.json import week_json as week_json
    from netlog.render.views import history_line as history_line
    from netlog.render.views import import_row as import_row
    from netlog.render.views import review_summary as review_summary
    from netlog.render.views import strength_text as strength_text
    from netlog.review import Card
    from netlog.scheduler import DueItem

__all__ = [  # what the CLI calls
    "MAX_TABLE_ROWS",
    "asks",
    "capture_json",
    "capture_report",
    "change_json",
    "changes",
    "check_report",
    "company",
    "company_json",
    "contact_line",
    "contacts",
    "detail",
    "done_report",
    "due",
    "due_json",
    "duplicates",
    "fading",
    "fading_json",
    "history",
    "history_json",
    "history_line",
    "import_json",
    "import_report",
    "import_row",
    "item_results",
    "ledger",
    "message",
    "print_json",
    "print_json_objects",
    "print_line",
    "progress",
    "restore_report",
    "review_card",
    "review_summary",
    "search",
    "search_json",
    "settings_list",
    "strength_json",
    "strength_text",
    "suggestions",
    "undone",
    "use_table",
    "week",
    "week_json",
    "write_output",
]

# Names of this package that live in a module it imports when one is first used.
_ELSEWHERE = {
    **dict.fromkeys(
        (
            "capture_json",
            "change_json",
            "company_json",
            "due_json",
            "fading_json",
            "history_json",
            "import_json",
            "search_json",
            "strength_json",
            "week_json",
        ),
        "json",
    ),
    **dict.fromkeys(("history_line", "import_row", "review_summary", "strength_text"), "views"),
}


if not TYPE_CHECKING:  # mypy reads the imports above, and checks every other name

    def __getattr__(name: str) -> Any:
        module = _ELSEWHERE.get(name)
        if module is None:
            raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(f"netlog.render.{module}"), name)
        globals()[name] = value  # found directly from now on
        return value


# ----- due and review
def due(groups: Sequence[Sequence[DueItem]], today: date) -> None:
    """One row per contact in a pipe (its reasons, most urgent first, listed in
    the row); on a terminal a block per contact and a line per reason."""
    from netlog.render import plain, views

    if not use_table():
        write_lines(plain.due(views.due_rows(groups, today)))
        return
    from netlog.render import terminal

    terminal.due(views.due_by_person(groups, today))


def review_card(card: Card, today: date) -> None:
    """One person's card in ``netlog review`` (a terminal's: review is interactive)."""
    from netlog.render import terminal, views

    terminal.review_card(views.review_card(card, today))


# ----- contacts
def contact_line(contact: Contact, today: date) -> str:
    """``Ada Lovelace (#1) · Analytical · next check-in 2026-12-16 (in 21 days)``."""
    from netlog.render import views

    return safe(views.contact_line(contact, today))


def contacts(
    items: Sequence[ContactSummary], today: date, strengths: dict[int, int] | None = None
) -> None:
    """The listing; with ``strengths`` (``list --sort strength``) a strength column."""
    from netlog.render import plain, views

    if not use_table() or len(items) > MAX_TABLE_ROWS:
        write_text(plain.contacts(views.contact_rows(items, strengths), strengths is not None))
        return
    from netlog.render import terminal

    terminal.contacts(views.contact_table(items, today, strengths), strengths is not None)


def detail(detail: ContactDetail, today: date, strength: Strength | None = None) -> None:
    from netlog.render import plain, views

    view = views.contact_detail(detail, today, strength)
    if not use_table():
        write_text(plain.detail(view))
        return
    from netlog.render import terminal

    terminal.detail(view)


def search(hits: Sequence[SearchHit]) -> None:
    from netlog.render import plain, views

    view = views.search(hits)
    if not use_table():
        write_text(plain.search(view))
        return
    from netlog.render import terminal

    terminal.search(view)


# ----- habits
def suggestions(found: Sequence[Any]) -> None:
    from netlog.render import plain, views

    view = views.suggestions(found)
    if not use_table():
        write_text(plain.suggestions(view))
        return
    from netlog.render import terminal

    terminal.suggestions(view)


def asks(found: Sequence[Any], today: date) -> None:
    from netlog.render import plain, views

    view = views.asks(found, today)
    if not use_table():
        write_text(plain.asks(view))
        return
    from netlog.render import terminal

    terminal.asks(view)


def company(view: Any, today: date) -> None:
    """Who you know there, then its open asks (messages)."""
    from netlog.render import plain, views

    shown = views.company(view, today)
    if not use_table():
        write_text(plain.company(shown))
    else:
        from netlog.render import terminal

        terminal.company(shown)
    for note in shown.notes:
        message(note)


def ledger(rows: Sequence[Any]) -> None:
    from netlog.render import plain, views

    view = views.ledger(rows)
    if not use_table():
        write_text(plain.ledger(view))
        return
    from netlog.render import terminal

    terminal.ledger(view)


def duplicates(pairs: Sequence[Any]) -> None:
    from netlog.render import plain, views

    view = views.duplicates(pairs)
    if not use_table():
        write_text(plain.duplicates(view))
        return
    from netlog.render import terminal

    terminal.duplicates(view)


def settings_list(rows: Sequence[tuple[str, str | None, str]]) -> None:
    """Every setting, its value (or "not set") and what it is for."""
    from netlog.render import plain

    if not use_table():
        write_text(plain.settings(rows))
        return
    from netlog.render import terminal

    terminal.settings(rows)


# ----- what a command did: data on stdout, notes on stderr, in order
def item_results(results: Sequence[Any], verb: str) -> None:
    """``Done: f12 · Ada Lovelace · follow-up · send her my Rust project``."""
    from netlog.render import views

    say(views.item_results(results, verb))


def done_report(result: Any, today: date) -> None:
    """What ``done`` completed (stdout, one line each) and what it left open."""
    from netlog.render import views

    say(views.done_report(result, today))


def undone(done: Any) -> None:
    from netlog.render import views

    say(views.undone(done))


def capture_report(result: Any, today: date) -> None:
    """What was (or would be) logged per contact on stdout; the counts, what was
    skipped and why, and the people you write to who are not contacts on stderr."""
    from netlog.render import views

    say(views.capture_report(result, today))


def import_report(report: Any) -> None:
    """The summary per file on stdout (with ``--dry-run``, every row's fate too);
    skipped rows, likely duplicates, ignored columns and notes on stderr."""
    from netlog.render import views

    say(views.import_report(report))


def restore_report(summary: Any, source: str, dry_run: bool) -> None:
    from netlog.render import views

    say(views.restore_report(summary, source, dry_run))


def check_report(report: Any) -> None:
    from netlog.render import views

    say(views.check_report(report))


# ----- history and the change journal
def history(entries: Sequence[Any], contact: str | None, today: date) -> None:
    from netlog.render import plain, views

    view = views.history(entries, contact, today)
    if not use_table():
        write_text(plain.history(view, bool(contact)))
        return
    from netlog.render import terminal

    terminal.history(view, bool(contact))


def changes(entries: Sequence[tuple[Any, Sequence[str]]]) -> None:
    from netlog.render import plain, views

    view = views.changes(entries)
    if not use_table():
        write_text(plain.changes(view))
        return
    from netlog.render import terminal

    terminal.changes(view)


# ----- insight: fading ties, the week in review
def fading(ties: Sequence[FadingTie], today: date) -> None:
    from netlog.render import plain, views

    view = views.fading(ties, today)
    if not use_table() or len(view.rows) > MAX_TABLE_ROWS:
        write_text(plain.fading(view))
        return
    from netlog.render import terminal

    terminal.fading(view)


def week(w: WeekReview, today: date) -> None:
    from netlog.render import plain, views

    view = views.week(w)
    if not use_table():
        write_text(plain.week(view))
        return
    from netlog.render import terminal

    terminal.week(view)
