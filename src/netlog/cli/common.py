"""Helpers shared by the command modules: the clock edge, option parsing into
plain values, contact arguments (pick lists, completion)."""

from __future__ import annotations

import sys
from collections.abc import Callable
from datetime import date, datetime
from typing import Annotated, Any, TypeVar

import typer

from netlog import clock, dates
from netlog.cli.completion import complete_name
from netlog.errors import AmbiguousContact
from netlog.sanitise import one_line

T = TypeVar("T")


def state(ctx: typer.Context) -> Any:
    return ctx.find_root().obj


def today() -> date:
    return clock.today()


def now() -> datetime:
    return clock.now()


def past_date(text: str | None, today_: date, option: str = "--on") -> date | None:
    """A DATE option for when something happened."""
    if text is None:
        return None
    return _labelled(option, lambda: dates.parse_date(text, today_, prefer="past"))


def when(text: str | None, today_: date, option: str) -> date | None:
    """A WHEN option: a date or a duration from today."""
    if text is None:
        return None
    return _labelled(option, lambda: dates.parse_when(text, today_))


def duration_days(text: str | None, option: str = "--every") -> int | None:
    if text is None:
        return None
    return _labelled(option, lambda: dates.parse_duration(text).days)


def birthday_value(text: str | None, today_: date, clearable: bool = False) -> str | None:
    """A --birthday option as stored (``YYYY-MM-DD`` or ``--MM-DD``); with
    ``clearable``, an empty value stays empty (it clears the birthday)."""
    if text is None:
        return None
    if clearable and not text.strip():
        return ""
    return _labelled("--birthday", lambda: dates.parse_birthday(text, today_))


def _labelled(option: str, parse: Callable[[], T]) -> T:
    from netlog.errors import DateParseError

    try:
        return parse()
    except DateParseError as exc:
        raise DateParseError(f"{option}: {exc.message}", exc.hint) from None


def on_a_terminal() -> bool:
    """Input and output are a terminal: an editor can run (``netlog.cli.editor``)."""
    return all(s is not None and s.isatty() for s in (sys.stdin, sys.stdout, sys.stderr))


def pick(ctx: typer.Context, query: str) -> str:
    """On a terminal, resolve the contact a NAME means once, letting the user
    choose among ambiguous matches; returns its ``#ID``. A name that matches
    nobody is reported here, as the command would. Without a terminal the query
    passes through unchanged, and the service reports an ambiguity as an error."""
    if not (sys.stdin.isatty() and sys.stderr.isatty()):
        return query
    from netlog import services

    repo = state(ctx).repo()
    try:
        return f"#{services.resolve(repo, query).id}"
    except AmbiguousContact as exc:
        # The names come from the database (any imported file): sanitised.
        print(one_line(f"{query!r} matches several contacts:"), file=sys.stderr)
        shown = exc.candidates[:20]
        for n, (cid, name) in enumerate(shown, 1):
            print(f"  {n}. {one_line(_telling_apart(repo, cid, name))}", file=sys.stderr)
        while True:  # a number that is not on the list asks again
            choice = typer.prompt(f"Which one (1-{len(shown)})", type=int, err=True)
            if 1 <= choice <= len(shown):
                return f"#{shown[choice - 1][0]}"
            print(f"{choice} is not one of the numbers shown.", file=sys.stderr)


def _telling_apart(repo: Any, contact_id: int, name: str) -> str:
    """``Tomás Herrera (#3) · Acme · met PyCon 2026``: enough to tell two
    people of the same name apart."""
    contact = repo.get_contact(contact_id)
    parts = [f"{name} (#{contact_id})"]
    if contact is not None:
        parts += [p for p in (contact.company, contact.email) if p]
        if contact.met:
            parts.append(f"met {contact.met}")
    return " · ".join(parts)


NameArg = Annotated[
    str,
    typer.Argument(
        help="A name (case/accent-insensitive, a unique prefix is enough), #ID or email.",
        metavar="NAME",
        autocompletion=complete_name,
        show_default=False,
    ),
]
