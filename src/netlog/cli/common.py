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


def pick(ctx: typer.Context, query: str) -> str:
    """On a terminal, let the user choose among ambiguous matches; returns a
    ``#ID`` then. Without a terminal the query passes through unchanged, and the
    service reports the ambiguity as an error."""
    if not (sys.stdin.isatty() and sys.stderr.isatty()):
        return query
    from netlog import services

    try:
        services.resolve(state(ctx).repo(), query)
    except AmbiguousContact as exc:
        # The names come from the database (any imported file): sanitised.
        print(one_line(f"{query!r} matches several contacts:"), file=sys.stderr)
        for n, (cid, name) in enumerate(exc.candidates[:20], 1):
            print(f"  {n}. {one_line(name)} (#{cid})", file=sys.stderr)
        choice = typer.prompt("Which one (number)", type=int, err=True)
        if not 1 <= choice <= min(len(exc.candidates), 20):
            raise typer.BadParameter(f"{choice} is not one of the numbers shown") from None
        return f"#{exc.candidates[choice - 1][0]}"
    except Exception:
        return query  # the command itself reports the problem
    return query


NameArg = Annotated[
    str,
    typer.Argument(
        help="A name (case/accent-insensitive, a unique prefix is enough), #ID or email.",
        metavar="NAME",
        autocompletion=complete_name,
        show_default=False,
    ),
]
