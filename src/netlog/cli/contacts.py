"""Commands about people: add, edit, show, list, search, rm."""

from __future__ import annotations

import sys
from datetime import date
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated

import typer

from netlog import policy
from netlog.cli.common import (
    NameArg,
    birthday_value,
    duration_days,
    now,
    past_date,
    pick,
    state,
    today,
)
from netlog.cli.completion import complete_name, complete_tag
from netlog.cli.root import app
from netlog.errors import ConfirmationRequired

if TYPE_CHECKING:
    from netlog.records import Contact
    from netlog.repository import Repository

Company = Annotated[str | None, typer.Option("--company", help="Where they work.", metavar="TEXT")]
Title = Annotated[str | None, typer.Option("--title", help="Their role.", metavar="TEXT")]
Email = Annotated[
    list[str] | None,
    typer.Option(
        "--email",
        help="An email address, optionally labelled: work:ada@example.com (repeatable; "
        "the first is preferred).",
        metavar="EMAIL",
    ),
]
Phone = Annotated[
    list[str] | None,
    typer.Option(
        "--phone", help="A phone number, e.g. mobile:+44 7700 900123 (repeatable).", metavar="PHONE"
    ),
]
Url = Annotated[
    list[str] | None,
    typer.Option("--url", help="A profile or home page URL (repeatable).", metavar="URL"),
]
Tags = Annotated[
    list[str] | None,
    typer.Option("--tag", help="A tag (repeatable).", metavar="TAG", autocompletion=complete_tag),
]
Met = Annotated[str | None, typer.Option("--met", help="Where or how you met.", metavar="TEXT")]
Via = Annotated[
    str | None,
    typer.Option(
        "--via",
        help="The existing contact who introduced you.",
        metavar="NAME",
        autocompletion=complete_name,
    ),
]
Every = Annotated[
    str | None,
    typer.Option(
        "--every",
        help=f"Check-in cadence: 10d, 3w, 2m, 1y (default {policy.DEFAULT_CADENCE_DAYS}d).",
        metavar="DURATION",
    ),
]
Note = Annotated[str | None, typer.Option("--note", help="A free-form note.", metavar="TEXT")]
Offers = Annotated[
    str | None,
    typer.Option("--offers", help="What they can help others with.", metavar="TEXT"),
]
Seeks = Annotated[
    str | None, typer.Option("--seeks", help="What they are looking for.", metavar="TEXT")
]
Birthday = Annotated[
    str | None,
    typer.Option("--birthday", help="YYYY-MM-DD, or MM-DD without the year.", metavar="DATE"),
]
Json = Annotated[bool, typer.Option("--json", help="Print JSON (schema in the README).")]


@app.command(
    epilog='Example: netlog add "Ada Lovelace" --company Analytical --title CTO '
    '--met "PyCon 2026 hallway" --every 3w --tag python'
)
def add(
    ctx: typer.Context,
    name: Annotated[
        str, typer.Argument(help="Their full name.", show_default=False, metavar="NAME")
    ],
    company: Company = None,
    title: Title = None,
    email: Email = None,
    phone: Phone = None,
    url: Url = None,
    tag: Tags = None,
    met: Met = None,
    via: Via = None,
    every: Every = None,
    on: Annotated[
        str | None, typer.Option("--on", help="When you met (default today).", metavar="DATE")
    ] = None,
    note: Note = None,
    offers: Offers = None,
    seeks: Seeks = None,
    birthday: Birthday = None,
    force: Annotated[bool, typer.Option("--force", help="Add even if the name exists.")] = False,
) -> None:
    """Add someone you just met; the meeting is their first interaction."""
    from netlog import render, services

    day = today()
    # Values first: a bad date or duration is reported before a pick list for --via.
    every_days, on_day, birthday_ = (
        duration_days(every),
        past_date(on, day),
        birthday_value(birthday, day),
    )
    contact = services.add_contact(
        state(ctx).repo(),
        name,
        today=day,
        now=now(),
        company=company,
        title=title,
        emails=email or [],
        phones=phone or [],
        urls=url or [],
        tags=tag or [],
        met=met,
        via=pick(ctx, via) if via else None,
        every_days=every_days,
        on=on_day,
        note=note,
        offers=offers,
        seeks=seeks,
        birthday=birthday_,
        force=force,
    )
    render.print_line("Added " + render.contact_line(contact, day))


@app.command(
    epilog="Examples: netlog edit ada --title CEO --tag rust --untag python; "
    'netlog edit ada --name "Ada King"; netlog edit ada --company "" (clears it); '
    "netlog edit ada --email home:ada@home.example --remove ada@old.example"
)
def edit(
    ctx: typer.Context,
    name: NameArg,
    new_name: Annotated[
        str | None, typer.Option("--name", help="Rename the contact.", metavar="NEW")
    ] = None,
    company: Company = None,
    title: Title = None,
    email: Email = None,
    phone: Phone = None,
    url: Url = None,
    remove: Annotated[
        list[str] | None,
        typer.Option(
            "--remove", help="Remove an email, phone or URL (repeatable).", metavar="VALUE"
        ),
    ] = None,
    prefer: Annotated[
        list[str] | None,
        typer.Option(
            "--prefer",
            help="Make an email, phone or URL the preferred one of its kind.",
            metavar="VALUE",
        ),
    ] = None,
    tag: Tags = None,
    untag: Annotated[
        list[str] | None,
        typer.Option(
            "--untag", help="Remove a tag (repeatable).", metavar="TAG", autocompletion=complete_tag
        ),
    ] = None,
    met: Met = None,
    via: Via = None,
    every: Every = None,
    on: Annotated[
        str | None, typer.Option("--on", help="Change the day you met.", metavar="DATE")
    ] = None,
    note: Annotated[
        str | None,
        typer.Option(
            "--note",
            help="Replace the note (on a terminal, asks first when there is one).",
            metavar="TEXT",
        ),
    ] = None,
    append_note: Annotated[
        str | None,
        typer.Option("--append-note", help="Add a paragraph to the note.", metavar="TEXT"),
    ] = None,
    edit_note: Annotated[
        bool,
        typer.Option(
            "--edit",
            "-e",
            help="Write the note in $VISUAL/$EDITOR, starting from the current one "
            "(or from --note/--append-note).",
        ),
    ] = False,
    offers: Offers = None,
    seeks: Seeks = None,
    birthday: Birthday = None,
    force: Annotated[
        bool, typer.Option("--force", help="Allow a name another contact has.")
    ] = False,
) -> None:
    """Change a contact's details; an empty value ("") clears a field."""
    from netlog import services

    day = today()
    # Values first: a bad date is reported before a pick list or an editor.
    every_days, on_day = duration_days(every), past_date(on, day)
    birthday_ = birthday_value(birthday, day, clearable=True)
    query, via_query = pick(ctx, name), pick(ctx, via) if via else via
    services.check_note_options(note, append_note)
    if edit_note:
        note, query = _note_in_editor(ctx, query, note, append_note)
        append_note = None
    elif note is not None and sys.stdin.isatty() and sys.stderr.isatty():
        _confirm_replacing_note(ctx, query, note)
    contact = services.edit_contact(
        state(ctx).repo(),
        query,
        today=day,
        now=now(),
        name=new_name,
        company=company,
        title=title,
        emails=email or [],
        phones=phone or [],
        urls=url or [],
        remove=remove or [],
        prefer=prefer or [],
        met=met,
        note=note,
        append_note=append_note,
        via=via_query,
        every_days=every_days,
        on=on_day,
        tags=tag or [],
        untags=untag or [],
        offers=offers,
        seeks=seeks,
        birthday=birthday_,
        force=force,
    )
    report_updated(contact, day)


def report_updated(contact: Contact, day: date) -> None:
    """What ``edit`` (and ``review``'s ``e``) did."""
    from netlog import render

    render.print_line("Updated " + render.contact_line(contact, day))


def _note_in_editor(
    ctx: typer.Context, query: str, note: str | None, append_note: str | None
) -> tuple[str, str]:
    """The note written in the editor, starting from ``--note``, else the current
    note (with ``--append-note`` added); and the contact as ``#ID``."""
    from netlog import services
    from netlog.cli import editor
    from netlog.scheduler import quote

    editor.require_terminal("netlog edit ada --note 'likes Rust and sailing'")
    contact = services.resolve(state(ctx).repo(), query)
    if note is not None:
        start = note
    elif append_note is not None:
        start = services.appended_note(contact.note, append_note)
    else:
        start = contact.note or ""
    about = [
        f"The note on {contact.name} (#{contact.id}); what you write replaces the whole note.",
        'To clear it, run: netlog edit NAME --note ""',
    ]
    if contact.note and start != contact.note:
        about.append(f"The current note starts “{quote(contact.note)}”.")
    written = editor.write(about, start, nothing="nothing is changed")
    if not written:
        editor.cancel("nothing was changed")
    return written, f"#{contact.id}"


def _confirm_replacing_note(ctx: typer.Context, query: str, note: str) -> None:
    """On a terminal, ``--note`` asks before it replaces (or clears) a note that
    holds something else, quoting its start; "no" changes nothing (exit 1)."""
    from netlog import render, sanitise, services
    from netlog.scheduler import quote

    contact = services.resolve(state(ctx).repo(), query)
    current = (contact.note or "").strip()
    if not current or current == note.strip():
        return
    what = "Replace" if note.strip() else "Clear"
    if not typer.confirm(
        sanitise.one_line(
            f"{what} the note on {contact.name} (#{contact.id}), which starts “{quote(current)}”?"
        ),
        err=True,
    ):
        render.message("Kept the note; nothing changed. To add to it: --append-note TEXT")
        raise typer.Exit(1)


@app.command(epilog="Examples: netlog show ada; netlog show '#12' --json")
def show(ctx: typer.Context, name: NameArg, json: Json = False) -> None:
    """Everything about one contact: details, strength, follow-ups, and the timeline."""
    from netlog import network, render, services

    repo, day = state(ctx).repo(), today()
    if json:
        data = services.show_json(repo, pick(ctx, name))
        data["strength"] = render.strength_json(network.contact_strength(repo, data["id"], day))
        render.print_json(data)
    else:
        found = services.show(repo, pick(ctx, name))
        render.detail(found, day, network.contact_strength(repo, found.contact.id, day))


class Sort(StrEnum):
    name = "name"
    last = "last"
    next = "next"
    strength = "strength"


@app.command("list", epilog="Examples: netlog list --tag python --sort next; netlog list --json")
def list_(
    ctx: typer.Context,
    tag: Annotated[
        str | None,
        typer.Option(
            "--tag", help="Only contacts with this tag.", metavar="TAG", autocompletion=complete_tag
        ),
    ] = None,
    company: Annotated[
        str | None, typer.Option("--company", help="Only contacts whose company contains this.")
    ] = None,
    sort: Annotated[
        Sort,
        typer.Option(
            "--sort",
            help="Order by name, last contact, next check-in or strength (strongest first).",
        ),
    ] = Sort.name,
    json: Json = False,
) -> None:
    """List contacts."""
    from netlog import render, services

    repo = state(ctx).repo()
    if sort is Sort.strength:
        _list_by_strength(repo, tag, company, json)
        return
    if json:
        render.print_json_objects(
            services.list_contacts_json(repo, tag=tag, company=company, sort=sort.value)
        )
        return
    found = services.list_contacts(repo, tag=tag, company=company, sort=sort.value)
    if not found:
        render.message(
            "No contacts match."
            if (tag or company)
            else 'No contacts yet — add one: netlog add "Ada Lovelace" --met "PyCon"'
        )
    else:
        render.contacts(found, today())


def _list_by_strength(repo: Repository, tag: str | None, company: str | None, json: bool) -> None:
    """``list --sort strength``: every listed contact with their strength,
    strongest first (the strength is computed from the whole history)."""
    from netlog import network, render

    if json:
        render.print_json(
            network.contacts_by_strength_json(repo, today(), tag=tag, company=company)
        )
        return
    found, scores = network.contacts_by_strength(repo, today(), tag=tag, company=company)
    if not found:
        render.message("No contacts match." if (tag or company) else "No contacts yet.")
    else:
        render.contacts(found, today(), scores)


@app.command(epilog="Examples: netlog search hiring; netlog search 'data team' --json")
def search(
    ctx: typer.Context,
    text: Annotated[
        str,
        typer.Argument(
            help="Words to find (word prefixes match).", show_default=False, metavar="TEXT"
        ),
    ],
    json: Json = False,
) -> None:
    """Search names, companies, titles, tags, notes and conversation summaries."""
    from netlog import render, services

    hits = services.search(state(ctx).repo(), text)
    if json:
        render.print_json(render.search_json(hits))
    elif not hits:
        render.message(f"Nothing matches {text!r}.")
    else:
        render.search(hits)


@app.command(epilog="Example: netlog rm '#12' --yes")
def rm(
    ctx: typer.Context,
    name: NameArg,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")] = False,
) -> None:
    """Delete a contact and their whole history."""
    from netlog import render, sanitise, services

    repo = state(ctx).repo()
    query = name
    if not yes:
        contact = services.resolve(repo, pick(ctx, name))
        if not sys.stdin.isatty():
            raise ConfirmationRequired(
                f"deleting {contact.name} (#{contact.id}) needs confirmation",
                "pass --yes to delete without a terminal",
            )
        if not typer.confirm(
            f"Delete {sanitise.one_line(contact.name)} (#{contact.id}) and all their history?",
            err=True,
        ):
            render.message("Nothing deleted.")
            raise typer.Exit(1)
        query = f"#{contact.id}"
    deleted = services.remove(repo, query)
    render.print_line(f"Deleted {deleted.name} (#{deleted.id})")
    render.message("Changed your mind? netlog undo")
