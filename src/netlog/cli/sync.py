"""netlog sync: contacts and reminders with vdir folders (vdirsyncer's)."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from netlog import policy
from netlog.cli.common import duration_days, now, state, today
from netlog.cli.root import app


class Prefer(StrEnum):
    netlog = "netlog"
    remote = "remote"


@app.command(
    epilog="Examples: netlog sync --contacts ~/.contacts/netlog --tasks ~/.calendars/netlog; "
    "netlog sync --prefer remote --yes; for a timer: vdirsyncer sync && netlog sync && "
    "vdirsyncer sync",
)
def sync(
    ctx: typer.Context,
    contacts: Annotated[
        Path | None,
        typer.Option(
            "--contacts",
            help="Address-book folder (a vdir of .vcf files; default: setting contacts.vdir).",
            metavar="DIR",
            show_default=False,
        ),
    ] = None,
    tasks: Annotated[
        Path | None,
        typer.Option(
            "--tasks",
            help="Task-list folder (a vdir of .ics files; default: setting tasks.vdir).",
            metavar="DIR",
            show_default=False,
        ),
    ] = None,
    tag: Annotated[
        str | None,
        typer.Option(
            "--tag",
            help="Only contacts with this tag, and cards in this category (default: setting "
            "contacts.tag).",
            metavar="TAG",
            show_default=False,
        ),
    ] = None,
    within: Annotated[
        str | None,
        typer.Option(
            "--within",
            help=f"Reminders for what falls due within this (default {policy.SYNC_WITHIN_DAYS}d).",
            metavar="DURATION",
            show_default=False,
        ),
    ] = None,
    prefer: Annotated[
        Prefer,
        typer.Option("--prefer", help="Who wins a field changed on both sides."),
    ] = Prefer.netlog,
    yes: Annotated[
        bool, typer.Option("--yes", "-y", help="Carry deletions over without asking.")
    ] = False,
    json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
) -> None:
    """Sync contacts (two ways) and reminders (due items as tasks) with vdir folders, which
    vdirsyncer keeps in step with a CardDAV/CalDAV server."""
    from netlog import render
    from netlog.sync import service, view

    days = duration_days(within, "--within")
    repo = state(ctx).repo()
    chosen = service.targets(repo, contacts, tasks, tag)

    def approve(deletions: list[Any]) -> bool:
        if yes:
            return True
        if not (sys.stdin.isatty() and sys.stderr.isatty()):
            return False
        render.message(f"{len(deletions)} deletion(s) to carry over:")
        for deletion in deletions:
            render.message(view.deletion_line(deletion, done=False))
        return typer.confirm("Carry them over?", default=False, err=True)

    report = service.sync(
        repo,
        chosen,
        today=today(),
        now=now(),
        prefer=prefer.value,
        within_days=policy.SYNC_WITHIN_DAYS if days is None else days,
        approve=approve,
    )
    if json:
        render.print_json(view.as_json(report))
    else:
        for line in view.lines(report):
            render.print_line(line)
    waiting = (
        report.contacts is not None
        and report.contacts.deletions
        and not (report.contacts.deletions_done)
    )
    if waiting:
        render.message(
            "Nothing was deleted: run netlog sync on a terminal to confirm, or with --yes."
        )
