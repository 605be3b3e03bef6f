"""Capturing interactions from mail and calendars, and your settings."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from netlog import policy
from netlog.cli.common import now, on_a_terminal, past_date, state, today
from netlog.cli.root import app


@app.command(
    epilog='Examples: netlog config set me.email "ada@work.example, ada@home.example"; '
    "netlog capture ~/Mail; netlog capture ~/Takeout/Mail/All\\ mail.mbox --dry-run; "
    "netlog capture ~/.calendars/work --json",
)
def capture(
    ctx: typer.Context,
    paths: Annotated[
        list[Path],
        typer.Argument(
            help="Maildirs (or a folder of them), mbox, .eml or .ics files, folders of "
            ".eml or .ics files (a vdir).",
            metavar="PATH...",
            show_default=False,
        ),
    ],
    me: Annotated[
        list[str] | None,
        typer.Option(
            "--me",
            help="Your own address (repeatable); default: the me.email setting.",
            metavar="EMAIL",
            show_default=False,
        ),
    ] = None,
    include_cc: Annotated[
        bool, typer.Option("--include-cc", help="Mail you sent counts for Cc and Bcc too.")
    ] = False,
    max_recipients: Annotated[
        int,
        typer.Option(
            "--max-recipients",
            help="Ignore messages to more people (and events with more attendees).",
            metavar="N",
        ),
    ] = policy.CAPTURE_MAX_RECIPIENTS,
    no_subjects: Annotated[
        bool, typer.Option("--no-subjects", help="Do not keep subjects as summaries.")
    ] = False,
    since: Annotated[
        str | None,
        typer.Option("--since", help="Only mail and events from this day on.", metavar="DATE"),
    ] = None,
    unknown: Annotated[
        int,
        typer.Option(
            "--unknown",
            min=0,
            help="List the N people you write to most who are not contacts.",
            metavar="N",
        ),
    ] = policy.CAPTURE_UNKNOWN,
    add_unknown: Annotated[
        bool,
        typer.Option(
            "--add-unknown", help="Add those people as contacts (asks; --yes adds them all)."
        ),
    ] = False,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Add without asking.")] = False,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Show what would be logged; change nothing.")
    ] = False,
    json: Annotated[bool, typer.Option("--json", help="Print the summary as JSON.")] = False,
) -> None:
    """Log the emails you exchanged and the meetings you had with your contacts,
    from mail and calendars on disk (headers only; never the network)."""
    from netlog import clock, render
    from netlog.capture import service
    from netlog.errors import ConfirmationRequired

    day = today()
    options = service.Options(
        me=tuple(me or ()),
        include_cc=include_cc,
        max_recipients=max_recipients,
        subjects=not no_subjects,
        unknown=unknown,
        since=past_date(since, day, "--since"),
        dry_run=dry_run,
    )
    repo = state(ctx).repo()
    tz = clock.local_tz()
    chosen: list[service.Stranger] | None = None
    if add_unknown and not dry_run:
        offered = service.unknown_people(repo, paths, options, today=day, now=now(), tz=tz)
        if not yes and not on_a_terminal():
            raise ConfirmationRequired(
                "adding the people you write to needs confirmation",
                "pass --yes to add them without a terminal, or see them first with --dry-run",
            )
        chosen = offered if yes else [p for p in offered if _confirm(p)]
    result = service.capture(
        repo,
        paths,
        options,
        today=day,
        now=now(),
        tz=tz,
        progress=lambda total: render.progress(total, "Capturing"),
        add=chosen,
    )
    if json:
        render.print_json(render.capture_json(result))
    else:
        render.capture_report(result, day)


def _confirm(person: object) -> bool:
    from netlog import sanitise
    from netlog.capture import service

    assert isinstance(person, service.Stranger)
    name = service.display_name(person)
    question = (
        f"Add {name} <{person.address}> ({person.messages} emails, "
        f"last {person.last_on.isoformat()})?"
    )
    return typer.confirm(sanitise.one_line(question), default=False, err=True)


config_app = typer.Typer(
    help="Your settings: 'netlog config' lists them, 'netlog config set KEY VALUE' sets one.",
    invoke_without_command=True,
    no_args_is_help=False,
    epilog='Examples: netlog config; netlog config set me.email "ada@work.example, '
    'ada@home.example"; netlog config get me.email; netlog config unset me.email',
)
app.add_typer(config_app, name="config")


@config_app.callback()
def config(ctx: typer.Context) -> None:
    """Your settings (me.email: your own addresses, for netlog capture)."""
    if ctx.invoked_subcommand is not None:
        return
    from netlog import render, settings

    render.settings_list(settings.all_settings(state(ctx).repo()))


@config_app.command("set")
def config_set(
    ctx: typer.Context,
    key: Annotated[str, typer.Argument(help="The setting, e.g. me.email.", show_default=False)],
    value: Annotated[str, typer.Argument(help="Its value.", show_default=False)],
) -> None:
    """Set a setting: netlog config set me.email "ada@work.example, ada@home.example"."""
    from netlog import render, settings

    stored = settings.set_value(state(ctx).repo(), key, value)
    render.message(f"{key.strip().lower()} = {stored}")


@config_app.command("get")
def config_get(
    ctx: typer.Context,
    key: Annotated[str, typer.Argument(help="The setting, e.g. me.email.", show_default=False)],
) -> None:
    """Print one setting's value (nothing when it is not set)."""
    from netlog import render, settings

    value = settings.get(state(ctx).repo(), key)
    if value is not None:
        render.print_line(value)


@config_app.command("unset")
def config_unset(
    ctx: typer.Context,
    key: Annotated[str, typer.Argument(help="The setting, e.g. me.email.", show_default=False)],
) -> None:
    """Remove a setting."""
    from netlog import render, settings

    removed = settings.unset(state(ctx).repo(), key)
    render.message(f"Removed {key.strip().lower()}." if removed else f"{key} was not set.")
