"""Correcting what was recorded: history, amend, drop, undo."""

from __future__ import annotations

from typing import Annotated

import typer

from netlog.cli.common import past_date, pick, state, today, when
from netlog.cli.completion import complete_name
from netlog.cli.root import app

Json = Annotated[bool, typer.Option("--json", help="Print JSON.")]
RefArg = Annotated[
    str,
    typer.Argument(
        help="An id from 'netlog history': i12 conversation, n4 note, a3 ask, v7 favour, "
        "x2 introduction, f9 follow-up.",
        metavar="ID",
        show_default=False,
    ),
]


@app.command("history")
def history_command(
    ctx: typer.Context,
    name: Annotated[
        str | None,
        typer.Argument(
            help="Whose history (by default: the latest entries of everyone).",
            metavar="[NAME]",
            autocompletion=complete_name,
            show_default=False,
        ),
    ] = None,
    limit: Annotated[
        int | None,
        typer.Option("--limit", "-n", min=1, help="Show at most N entries.", show_default=False),
    ] = None,
    json: Json = False,
) -> None:
    """Conversations, notes, asks, favours, introductions and follow-ups, with
    the ids 'amend' and 'drop' take."""
    from netlog import corrections, render, services

    repo = state(ctx).repo()
    contact = services.resolve(repo, pick(ctx, name)) if name is not None else None
    if contact is None and limit is None:
        limit = 20
    entries = corrections.history(repo, contact.id if contact else None, limit)
    if json:
        render.print_json([render.history_json(e) for e in entries])
    elif not entries:
        who = contact.name if contact else "anyone"
        render.message(f"Nothing recorded for {who} yet. After a conversation: netlog log NAME")
    else:
        render.history(entries, contact.name if contact else None, today())


@app.command("amend")
def amend(
    ctx: typer.Context,
    ref: RefArg,
    text: Annotated[
        str | None,
        typer.Argument(
            help="The new text (summary, note, request, favour, reason or to-do).",
            show_default=False,
        ),
    ] = None,
    on: Annotated[
        str | None,
        typer.Option(
            "--on",
            help="The new day (for a follow-up: when it is due).",
            metavar="DATE",
            show_default=False,
        ),
    ] = None,
    kind: Annotated[
        str | None,
        typer.Option("--kind", help="A conversation's new kind.", show_default=False),
    ] = None,
    no_reply: Annotated[
        bool | None,
        typer.Option(
            "--no-reply/--answered",
            help="A conversation was an attempt without an answer, or it was answered.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Change one entry of someone's history (its day, text or kind)."""
    from netlog import corrections, render

    day_ = today()
    letter, _ = corrections.parse_ref(ref)
    day = when(on, day_, "--on") if letter == "f" else past_date(on, day_)
    change = corrections.Amendment(day=day, text=text, kind=kind, no_reply=no_reply)
    updated = corrections.amend(state(ctx).repo(), ref, change, today=day_)
    render.message(f"Amended {render.history_line(updated, day_)}")


@app.command("drop")
def drop(
    ctx: typer.Context,
    refs: Annotated[list[str], typer.Argument(help="Ids from 'netlog history'.", metavar="ID...")],
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Delete without asking.")] = False,
) -> None:
    """Delete entries of someone's history, with what was recorded with them
    (a conversation's follow-ups and favours). 'netlog undo' brings them back."""
    import sys

    from netlog import corrections, render, sanitise
    from netlog.errors import ConfirmationRequired

    repo = state(ctx).repo()
    day_ = today()
    previews = [corrections.drop_preview(repo, ref) for ref in refs]
    lines = [render.history_line(item, day_) for p in previews for item in (p.entry, *p.linked)]
    if not yes:
        if not (sys.stdin.isatty() and sys.stderr.isatty()):
            raise ConfirmationRequired(
                f"dropping {len(lines)} entr{'y' if len(lines) == 1 else 'ies'} needs confirmation",
                "pass --yes to delete without a terminal",
            )
        for line in lines:
            print(f"  {sanitise.one_line(line)}", file=sys.stderr)
        count = f"these {len(lines)} entries" if len(lines) > 1 else "this entry"
        if not typer.confirm(f"Delete {count}?", err=True):
            render.message("Nothing was deleted.")
            raise typer.Exit(1)
    corrections.drop(repo, refs)
    for line in lines:
        render.message(f"Dropped {line}")
    render.message("Changed your mind? netlog undo")


@app.command("undo")
def undo(
    ctx: typer.Context,
    list_: Annotated[
        bool, typer.Option("--list", help="Show the latest changes instead of undoing one.")
    ] = False,
    json: Annotated[
        bool, typer.Option("--json", help="Print what was undone (or --list) as JSON.")
    ] = False,
) -> None:
    """Revert the last change, whatever command made it (again: the one before)."""
    from netlog import corrections, render

    repo = state(ctx).repo()
    if list_:
        entries = corrections.journal(repo)
        if json:
            render.print_json([render.change_json(c, effects) for c, effects in entries])
        elif not entries:
            render.message("No changes recorded yet.")
        else:
            render.changes(entries)
        return
    done = corrections.undo(repo)
    if json:
        render.print_json(
            {**render.change_json(done.change, done.effects), "contacts": done.contacts}
        )
    else:
        render.undone(done)
