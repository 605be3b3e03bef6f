"""Commands about keeping in touch: log, due, snooze, done."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Annotated

import typer

from netlog import policy
from netlog.cli.common import NameArg, now, on_a_terminal, past_date, pick, state, today, when
from netlog.cli.completion import complete_name, complete_tag
from netlog.cli.root import app
from netlog.records import KINDS, Contact

if TYPE_CHECKING:
    from netlog.repository import Repository
    from netlog.services import LogResult


def _patience(contact: Contact, today: date) -> str:
    """What comes after an unanswered attempt, from the contact's derived state
    (the rules live in policy and the scheduler, not here)."""
    from netlog.dates import relative_days

    day = contact.next_checkin_on
    when = f"{day.isoformat()} ({relative_days(day, today)})" if day else "its usual day"
    if policy.nudging(contact.unanswered):
        return f"No reply yet: netlog suggests a gentle nudge on {when}, not sooner."
    return (
        f"No reply to {contact.unanswered} attempts: netlog goes back to your usual "
        f"check-ins; the next is on {when}."
    )


# A screenful: on a terminal `due` shows the most urgent items, not thousands of rows.
TERMINAL_ROWS = 25


def _complete_kind(incomplete: str) -> list[str]:
    return [k for k in KINDS if k.startswith(incomplete)]


@app.command(
    epilog='Example: netlog log ada "coffee: she is hiring data engineers in Q1" --kind coffee '
    '--on yesterday --follow-up "in 2 weeks" --todo "send her my Rust project"; '
    "netlog log ada --kind call (on a terminal: write the summary in your editor)"
)
def log(
    ctx: typer.Context,
    name: NameArg,
    summary: Annotated[
        str | None,
        typer.Argument(
            help="What you talked about. Left out on a terminal, your editor opens for it.",
            show_default=False,
            metavar="SUMMARY",
        ),
    ] = None,
    kind: Annotated[
        str,
        typer.Option(
            "--kind",
            "-k",
            help="met, coffee, call, video, email, message, meeting, event or other.",
            autocompletion=_complete_kind,
            metavar="KIND",
        ),
    ] = "other",
    on: Annotated[
        str | None, typer.Option("--on", help="When it happened (default today).", metavar="DATE")
    ] = None,
    follow_up: Annotated[
        str | None,
        typer.Option("--follow-up", "-f", help="When to follow up: a date or 2w.", metavar="WHEN"),
    ] = None,
    todo: Annotated[
        str | None, typer.Option("--todo", help="What to do at the follow-up.", metavar="TEXT")
    ] = None,
    gave: Annotated[
        list[str] | None,
        typer.Option("--gave", help="Something you gave them (repeatable).", metavar="TEXT"),
    ] = None,
    got: Annotated[
        list[str] | None,
        typer.Option(
            "--got",
            help="Something you got from them (repeatable); schedules a thank-you and "
            "a close-the-loop.",
            metavar="TEXT",
        ),
    ] = None,
    no_reply: Annotated[
        bool,
        typer.Option("--no-reply", help="You reached out but got no answer (yet)."),
    ] = False,
    edit: Annotated[
        bool,
        typer.Option(
            "--edit",
            "-e",
            help="Write the summary in $VISUAL/$EDITOR (starting from SUMMARY if given); "
            "without SUMMARY, a terminal opens the editor anyway.",
        ),
    ] = False,
) -> None:
    """Record a conversation; it restarts their check-in clock."""
    from netlog import services

    day = today()
    # Options first: a bad date is reported before a pick list asks anything.
    on_day, follow_up_on = past_date(on, day), when(follow_up, day, "--follow-up")
    query = pick(ctx, name)
    if edit or (summary is None and on_a_terminal()):
        summary, query = _summary_in_editor(
            ctx, query, summary, day, kind, on_day, follow_up_on, todo, gave, got, no_reply
        )
    result = services.log_interaction(
        state(ctx).repo(),
        query,
        summary,
        today=day,
        now=now(),
        kind=kind,
        on=on_day,
        follow_up_on=follow_up_on,
        todo=todo,
        gave=gave or [],
        got=got or [],
        no_reply=no_reply,
    )
    report_log(result, day, got or [], no_reply)


def report_log(
    result: LogResult, day: date, got: list[str] | None = None, no_reply: bool = False
) -> None:
    """What ``log`` (and ``review``'s ``l``) did: a ``services.LogResult``."""
    from netlog import render

    render.print_line("Logged for " + render.contact_line(result.contact, day))
    if result.completed_followups:
        n = result.completed_followups
        render.message(f"Completed {n} follow-up{'s' if n != 1 else ''} due by then.")
    if result.followup:
        render.message(f"Follow-up on {result.followup.due_on.isoformat()}: {result.followup.todo}")
    for what in got or []:
        render.message(f"Got: {what} — netlog will remind you to say thanks tomorrow.")
    if no_reply:
        render.message(_patience(result.contact, day))


def _summary_in_editor(
    ctx: typer.Context,
    query: str,
    summary: str | None,
    day: date,
    kind: str,
    on_day: date | None,
    follow_up_on: date | None,
    todo: str | None,
    gave: list[str] | None,
    got: list[str] | None,
    no_reply: bool,
) -> tuple[str, str]:
    """The summary written in the editor, and the contact as ``#ID``. The options
    and the name are checked first: nothing typed is lost to a typo in them."""
    from netlog import services
    from netlog.cli import editor
    from netlog.dates import relative_days

    editor.require_terminal('netlog log ada "what you talked about"')
    kind, gave_, got_, when_, todo = services.check_log_options(
        today=day, kind=kind, on=on_day, follow_up_on=follow_up_on, todo=todo,
        gave=gave or [], got=got or [],
    )  # fmt: skip
    contact = services.resolve(state(ctx).repo(), query)
    about = [
        f"What you talked about with {contact.name} (#{contact.id}) on {when_.isoformat()} "
        f"({relative_days(when_, day)}).",
        f"  kind: {kind}",
    ]
    if follow_up_on is not None:
        about.append(f"  follow-up: {follow_up_on.isoformat()}" + (f", {todo}" if todo else ""))
    about += [f"  gave: {what}" for what in gave_] + [f"  got: {what}" for what in got_]
    if no_reply:
        about.append("  no reply (an attempt)")
    text = editor.write(about, summary or "", nothing="nothing is logged")
    if not text:
        editor.cancel("nothing was logged")
    return text, f"#{contact.id}"


@app.command(
    epilog="Examples: netlog due; netlog due --within 2w --tag python; netlog due --json | jq ."
)
def due(
    ctx: typer.Context,
    within: Annotated[
        str | None,
        typer.Option(
            "--within",
            "-w",
            help="Also what comes due in this window (3d, 2w).",
            metavar="DURATION",
        ),
    ] = None,
    tag: Annotated[
        str | None,
        typer.Option(
            "--tag", help="Only contacts with this tag.", metavar="TAG", autocompletion=complete_tag
        ),
    ] = None,
    limit: Annotated[
        int | None,
        typer.Option("--limit", "-n", help="At most N people (with --json: N items).", metavar="N"),
    ] = None,
    json: Annotated[
        bool, typer.Option("--json", help="Print JSON (schema in the README).")
    ] = False,
) -> None:
    """Who to check in with and what you promised, most urgent first."""
    from netlog import dates, render, services
    from netlog.cli.common import _labelled
    from netlog.scheduler import by_contact

    day = today()
    until = (
        _labelled("--within", lambda: dates.parse_duration(within).after(day)) if within else None
    )
    repo = state(ctx).repo()
    items = services.due(repo, today=day, until=until, tag=tag, limit=limit, people=not json)
    if json:
        render.print_json(render.due_json(items))
        return
    if items:
        groups = by_contact(items)
        shown = groups
        if limit is None and render.use_table() and len(groups) > TERMINAL_ROWS:
            shown = groups[:TERMINAL_ROWS]
        render.due(shown, day)
        if len(shown) < len(groups):
            render.message(
                f"… and {len(groups) - len(shown):,} more people due. "
                f"Use --limit N to see more; piped output and --json list everything."
            )
        return
    if repo.count_contacts() == 0:
        render.message(EMPTY_NETWORK)
        return
    render.message(
        f"Nothing due{' in that window' if within else ' today'}.{next_due(repo, day, tag)} "
        "Log conversations with `netlog log`; see later items with --within 2w."
    )


EMPTY_NETWORK = (
    'Your network is empty. Start with: netlog add "Ada Lovelace" --met "PyCon" --every 3w'
)


def next_due(repo: Repository, day: date, tag: str | None = None) -> str:
    """`` Next: Ada Lovelace (check-in) on 2026-12-16.``: the soonest item in the
    coming year, for a "nothing due" message ("" when there is none)."""
    from netlog import dates, services

    upcoming = services.due(repo, today=day, until=dates.shift(day, 1, "y"), tag=tag, limit=1)
    if not upcoming:
        return ""
    first = upcoming[0]
    return f" Next: {first.contact} ({first.reason}) on {first.due_on.isoformat()}."


@app.command(
    epilog="Examples: netlog snooze ada 'in 2 weeks'; netlog snooze ada 'next monday'; "
    "netlog snooze f12 friday (one item, by the handle netlog due shows)"
)
def snooze(
    ctx: typer.Context,
    name: NameArg,
    until: Annotated[
        str, typer.Argument(help="A date or a duration (2w).", metavar="WHEN", show_default=False)
    ],
) -> None:
    """Push a contact's next check-in later (never earlier), or one due item by its handle."""
    from netlog import handles, render, services

    day = today()
    target = when(until, day, "WHEN")
    assert target is not None
    if handles.is_handle(name):
        done_items = handles.act(
            state(ctx).repo(), [name], "snooze", today=day, now=now(), until=target
        )
        render.item_results(done_items, "Snoozed")
        return
    result = services.snooze(state(ctx).repo(), pick(ctx, name), target, today=day, now=now())
    if result.changed:
        render.print_line("Snoozed " + render.contact_line(result.contact, day))
    else:
        render.print_line("Unchanged " + render.contact_line(result.contact, day))
        render.message(f"{result.contact.name} is already not due before that.")


@app.command(
    epilog="Examples: netlog done f12 c3 (items, by the handles netlog due shows); "
    "netlog done ada; netlog done ada --all"
)
def done(
    ctx: typer.Context,
    names: Annotated[
        list[str],
        typer.Argument(
            help="Handles of due items (f12 b3 ...), or one contact's NAME.",
            metavar="ID... | NAME",
            autocompletion=complete_name,
            show_default=False,
        ),
    ],
    all_: Annotated[
        bool,
        typer.Option("--all", help="Also what is not due yet (asked first on a terminal)."),
    ] = False,
) -> None:
    """Mark due items done, or what you owe a contact, without logging a conversation."""
    import sys

    from netlog import handles, render, sanitise, services
    from netlog.errors import InputError

    repo, day = state(ctx).repo(), today()
    if all(handles.is_handle(n) for n in names):
        render.item_results(handles.act(repo, names, "done", today=day, now=now()), "Done")
        return
    if len(names) != 1:
        raise InputError(
            "give due items by their handles (f12 c3 ...) or one contact's name",
            "see the handles with: netlog due",
        )
    query = pick(ctx, names[0])
    upcoming_too = all_
    if all_ and sys.stdin.isatty() and sys.stderr.isatty():
        later = services.upcoming_followups(repo, query, today=day)
        if later and not typer.confirm(
            f"Also mark {len(later)} not due yet as done "
            f"({'; '.join(sanitise.one_line(f.todo) for f in later[:3])})?",
            err=True,
        ):
            upcoming_too = False
    result = services.complete_followups(
        repo, query, today=day, now=now(), upcoming_too=upcoming_too
    )
    render.done_report(result, day)


@app.command(
    epilog="Examples: netlog skip b3 (this year's birthday); netlog skip g7 c12 "
    "(a give-back, a check-in until the next cadence)"
)
def skip(
    ctx: typer.Context,
    handles_: Annotated[
        list[str],
        typer.Argument(
            help="Handles of due items, as netlog due shows them.",
            metavar="ID...",
            show_default=False,
        ),
    ],
) -> None:
    """Set due items aside without doing them: this time only, they come back as usual."""
    from netlog import handles, render
    from netlog.errors import InputError

    bad = [h for h in handles_ if not handles.is_handle(h)]
    if bad:
        raise InputError(
            f"{', '.join(bad)} {'is not a handle' if len(bad) == 1 else 'are not handles'}",
            "give the handles netlog due shows, e.g. netlog skip f12 b3",
        )
    results = handles.act(state(ctx).repo(), handles_, "skip", today=today(), now=now())
    render.item_results(results, "Skipped")
