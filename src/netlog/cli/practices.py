"""Commands for the networking habits: thank, loop, intro, suggest, ask, asks,
at, note, ledger."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Annotated

import typer

from netlog.cli.common import NameArg, now, on_a_terminal, past_date, pick, state, today
from netlog.cli.root import app

if TYPE_CHECKING:
    from netlog.practices import ActionResult
    from netlog.records import Contact

On = Annotated[
    str | None, typer.Option("--on", help="When it happened (default today).", metavar="DATE")
]
Json = Annotated[bool, typer.Option("--json", help="Print JSON (schema in the README).")]


@app.command(epilog='Example: netlog thank ada "thanks for the resume advice, it worked"')
def thank(
    ctx: typer.Context,
    name: NameArg,
    note: Annotated[
        str | None, typer.Argument(help="What you said.", metavar="NOTE", show_default=False)
    ] = None,
    on: On = None,
) -> None:
    """Say thank you: logs it and completes pending thank-yous."""
    from netlog import practices, scheduler

    day = today()
    on_day = past_date(on, day)  # values first: a bad date before a pick list
    query = pick(ctx, name)
    go, unowed = confirm_without_pending(ctx, query, scheduler.THANK_YOU, "a thank-you")
    if not go:
        return
    result = practices.thank(state(ctx).repo(), query, note, today=day, now=now(), on=on_day)
    report_thank(result, day, unowed)


def report_thank(result: ActionResult, day: date, unowed: bool) -> None:
    """What ``thank`` (and ``review``'s ``t``) did: a ``practices.ActionResult``."""
    from netlog import render

    if unowed:
        render.message(f"Nothing was pending for {result.contact.name}; logged it anyway.")
    render.print_line("Thanked " + render.contact_line(result.contact, day))
    if result.completed:
        render.message(f"Completed {_count(result.completed, 'pending thank-you')}.")
    render.message(
        "When their help has made a difference, tell them: netlog loop "
        f"{result.contact.first_name} 'how it turned out'"
    )


@app.command(
    epilog='Example: netlog loop ada "the resume advice got me three interviews"',
)
def loop(
    ctx: typer.Context,
    name: NameArg,
    note: Annotated[
        str | None,
        typer.Argument(help="How their help turned out.", metavar="NOTE", show_default=False),
    ] = None,
    on: On = None,
) -> None:
    """Close the loop: tell someone how their help turned out."""
    from netlog import practices, scheduler

    day = today()
    on_day = past_date(on, day)  # values first: a bad date before a pick list
    query = pick(ctx, name)
    go, unowed = confirm_without_pending(ctx, query, scheduler.CLOSE_THE_LOOP, "how it turned out")
    if not go:
        return
    result = practices.close_loop(state(ctx).repo(), query, note, today=day, now=now(), on=on_day)
    report_loop(result, day, unowed)


def report_loop(result: ActionResult, day: date, unowed: bool) -> None:
    """What ``loop`` (and ``review``'s ``o``) did: a ``practices.ActionResult``."""
    from netlog import render

    if unowed:
        render.message(f"Nothing was pending for {result.contact.name}; logged it anyway.")
    render.print_line("Closed the loop with " + render.contact_line(result.contact, day))
    if result.completed:
        render.message(f"Completed {_count(result.completed, 'close-the-loop')}.")


@app.command(epilog='Example: netlog intro ada grace --why "both building compilers in Rust"')
def intro(
    ctx: typer.Context,
    first: NameArg,
    second: NameArg,
    why: Annotated[
        str | None, typer.Option("--why", help="Why they should meet.", metavar="TEXT")
    ] = None,
    on: On = None,
) -> None:
    """Record that you introduced two contacts; ask both how it went in 2 weeks."""
    from netlog import practices, render

    day = today()
    on_day = past_date(on, day)  # values first: a bad date before a pick list
    result = practices.introduce(
        state(ctx).repo(),
        pick(ctx, first),
        pick(ctx, second),
        why,
        today=day,
        now=now(),
        on=on_day,
    )
    render.print_line(
        f"Introduced {result.a.name} (#{result.a.id}) and {result.b.name} (#{result.b.id})"
    )
    render.message(f"netlog will remind you to ask both how it went on {result.follow_up_on}.")


@app.command(epilog="Examples: netlog suggest; netlog suggest --limit 5 --json")
def suggest(
    ctx: typer.Context,
    limit: Annotated[
        int, typer.Option("--limit", "-n", help="At most N suggestions.", metavar="N")
    ] = 20,
    json: Json = False,
) -> None:
    """Introductions worth making: offers that match needs, shared interests."""
    from netlog import practices, render

    found = practices.suggest(state(ctx).repo(), limit)
    if json:
        render.print_json(found)
    elif not found:
        render.message(
            "No introductions to suggest yet. Record what people offer and seek: "
            "netlog edit ada --offers 'Rust mentoring' --seeks 'a data engineer'"
        )
    else:
        render.suggestions(found)


@app.command(
    epilog='Example: netlog ask ada "intro to someone on the data team" --at Acme',
)
def ask(
    ctx: typer.Context,
    name: NameArg,
    request: Annotated[
        str,
        typer.Argument(help="What you ask for (best: an introduction).", metavar="REQUEST"),
    ],
    at: Annotated[
        str | None, typer.Option("--at", help="The company it is about.", metavar="COMPANY")
    ] = None,
    on: On = None,
) -> None:
    """Ask for an introduction (rather than passing on your resume)."""
    from netlog import practices, render

    day = today()
    on_day = past_date(on, day)  # values first: a bad date before a pick list
    result = practices.ask(
        state(ctx).repo(),
        pick(ctx, name),
        request,
        today=day,
        now=now(),
        company=at,
        on=on_day,
    )
    for warning in result.warnings:
        render.message(f"Warning: {warning}")
    render.print_line(f"Ask #{result.ask.id} to {result.ask.contact_name}: {result.ask.request}")
    if result.follow_up_on is not None:
        from netlog.dates import relative_days

        render.message(
            f"netlog will suggest a gentle follow-up on {result.follow_up_on.isoformat()} "
            f"({relative_days(result.follow_up_on, day)}) if it is still open."
        )


asks_app = typer.Typer(
    help="Your asks: list them, or close one with 'netlog asks done ID'.",
    no_args_is_help=False,
    invoke_without_command=True,
    rich_markup_mode=None,
)
app.add_typer(asks_app, name="asks")


@asks_app.callback(
    invoke_without_command=True,
    epilog="Examples: netlog asks; netlog asks --all --json; netlog asks done 3 --outcome "
    "'intro to Grace'; netlog asks done 4 --declined",
)
def asks(
    ctx: typer.Context,
    all_: Annotated[bool, typer.Option("--all", help="Include closed asks.")] = False,
    json: Json = False,
) -> None:
    """List open asks (with --all, closed ones too)."""
    if ctx.invoked_subcommand is not None:
        return
    from netlog import practices, render
    from netlog.records import as_json

    found = practices.list_asks(state(ctx).repo(), include_closed=all_)
    if json:
        render.print_json(as_json(found))
    elif not found:
        render.message('No open asks. Ask for an introduction: netlog ask ada "intro to ..."')
    else:
        render.asks(found, today())


@asks_app.command("done", epilog="Example: netlog asks done 3 --outcome 'met Grace for coffee'")
def asks_done(
    ctx: typer.Context,
    ask_id: Annotated[int, typer.Argument(help="The ask's number.", metavar="ID")],
    outcome: Annotated[
        str | None, typer.Option("--outcome", help="What came of it.", metavar="TEXT")
    ] = None,
    declined: Annotated[bool, typer.Option("--declined", help="They said no.")] = False,
) -> None:
    """Close an ask: done (with what came of it) or --declined."""
    from netlog import practices, render

    record = practices.close_ask(
        state(ctx).repo(), ask_id, today=today(), outcome=outcome, declined=declined
    )
    render.print_line(f"Ask #{record.id} to {record.contact_name}: {record.status}")


@app.command(epilog="Examples: netlog at Acme; netlog at 'analytical eng' --json")
def at(
    ctx: typer.Context,
    company: Annotated[str, typer.Argument(help="Company name (loose match).", metavar="COMPANY")],
    json: Json = False,
) -> None:
    """Who you know at a company, who introduced you, and your open asks there."""
    from netlog import practices, render

    view = practices.at_company(state(ctx).repo(), company)
    if json:
        render.print_json(render.company_json(view))
    elif not view.people and not view.asks:
        render.message(
            f"You know nobody at {company!r} yet. Ask someone for an introduction: "
            f"netlog ask NAME 'intro to someone at {company}' --at {company!r}"
        )
    else:
        render.company(view, today())


@app.command(
    epilog='Examples: netlog note ada "training for the Berlin marathon"; '
    "netlog note ada (on a terminal: write it in your editor)"
)
def note(
    ctx: typer.Context,
    name: NameArg,
    text: Annotated[
        str | None,
        typer.Argument(
            help="What is going on in their life. Left out on a terminal, your editor opens.",
            metavar="TEXT",
            show_default=False,
        ),
    ] = None,
    on: Annotated[
        str | None,
        typer.Option("--on", help="When you learned it (default today).", metavar="DATE"),
    ] = None,
    edit: Annotated[
        bool,
        typer.Option(
            "--edit", "-e", help="Write it in $VISUAL/$EDITOR (starting from TEXT if given)."
        ),
    ] = False,
) -> None:
    """Remember a personal detail; check-ins will bring it up."""
    from netlog import practices

    editing = edit or (text is None and on_a_terminal())
    if text is None and not editing:
        ctx.fail(
            "Missing argument 'TEXT'. Give the note, e.g. netlog note ada \"moved to Lisbon\" "
            "(on a terminal, leave it out to write it in your editor)."
        )
    day = today()
    on_day, query = past_date(on, day), pick(ctx, name)
    if editing:
        text, query = _note_in_editor(ctx, query, text, day, on_day)
    assert text is not None
    contact = practices.add_note(state(ctx).repo(), query, text, today=day, now=now(), on=on_day)
    report_note(contact, text)


def report_note(contact: Contact, text: str) -> None:
    """What ``note`` (and ``review``'s ``n``) did."""
    from netlog import render

    render.print_line(f"Noted for {contact.name} (#{contact.id}): {' '.join(text.split())}")


def _note_in_editor(
    ctx: typer.Context, query: str, text: str | None, day: date, on_day: date | None
) -> tuple[str, str]:
    """The note written in the editor, and the contact as ``#ID`` (the day and
    the name are checked first)."""
    from netlog import practices, services
    from netlog.cli import editor
    from netlog.dates import relative_days

    editor.require_terminal('netlog note ada "training for the Berlin marathon"')
    when_ = practices.check_note_day(on_day, day)
    contact = services.resolve(state(ctx).repo(), query)
    about = [
        f"What is going on in the life of {contact.name} (#{contact.id}), "
        f"noted on {when_.isoformat()} ({relative_days(when_, day)}).",
        "Check-ins will bring up the latest note.",
    ]
    written = editor.write(about, text or "", nothing="nothing is logged")
    if not written:
        editor.cancel("nothing was logged")
    return written, f"#{contact.id}"


@app.command(epilog="Examples: netlog ledger; netlog ledger --json")
def ledger(ctx: typer.Context, json: Json = False) -> None:
    """Give and take with everyone, most in your debt first."""
    from netlog import practices, render

    rows = practices.ledger(state(ctx).repo())
    if json:
        render.print_json(
            [
                {
                    "contact": r.contact,
                    "contact_id": r.contact_id,
                    "gave": r.gave,
                    "got": r.got,
                    "balance": r.balance,
                }
                for r in rows
            ]
        )
    elif not rows:
        render.message("The ledger is empty. Record give and take: netlog log ada --got 'advice'")
    else:
        render.ledger(rows)


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'s' if n != 1 else ''}"


def confirm_without_pending(
    ctx: typer.Context, query: str, reason: str, what: str
) -> tuple[bool, bool]:
    """``(go ahead, nothing was pending)``. With nothing of ``reason`` pending,
    ask on a terminal before logging it anyway (a thank-you nobody was owed is
    still fine to log, but it should be a choice); without a terminal, go ahead
    (the command then says so)."""
    import sys

    from netlog import practices, render, sanitise

    contact, count = practices.pending(state(ctx).repo(), query, reason)
    if count:
        return True, False
    if sys.stdin.isatty() and sys.stderr.isatty():
        name = sanitise.one_line(contact.name)
        if typer.confirm(f"Nothing is pending for {name}: log {what} anyway?", err=True):
            return True, False
        render.message("Nothing logged.")
        return False, False
    return True, True
