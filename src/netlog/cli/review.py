"""``netlog review``: the due list one person at a time, a key per action.

Like ``git add -p``: a card per person (why they are due, what to talk about),
then one key press, read without Enter. A key does what the command it names
does, through the same use case and the same report: ``l`` is ``netlog log
'#ID' SUMMARY``, ``k`` is ``netlog skip`` with the card's handles, and so on.
After an action the card is shown again while something of that person's is
still due (what is left), else the next person comes; ``j``, space or Enter
moves on at once. Someone reviewed (an action, or moving on) is marked for the
day, so a review left half-way goes on where it stopped.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Annotated

import typer

from netlog.cli.common import duration_days, now, state, today, when
from netlog.cli.root import app, error_line
from netlog.errors import InputError, NetlogError
from netlog.sanitise import one_line

if TYPE_CHECKING:
    from netlog.review import Card

    # What a key does: what it did, for the summary ("logged"), or None.
    Action = Callable[[typer.Context, Card, date], str | None]

# (key, what it does): the help, the prompt's list of keys and the README's table.
KEYS = (
    ("l", "log a conversation; asks for a summary (netlog log NAME SUMMARY)"),
    ("t", "thank them (netlog thank NAME)"),
    ("o", "close the loop: you told them how their help turned out (netlog loop NAME)"),
    ("n", "note what is going on in their life; asks for it (netlog note NAME TEXT)"),
    ("s", "snooze every item on the card; asks until when (netlog snooze ID WHEN)"),
    ("d", "mark their promises due by today done (netlog done NAME)"),
    ("k", "skip the items on the card, this time only (netlog skip ID...)"),
    ("e", "change how often to check in; asks, e.g. 3w (netlog edit NAME --every)"),
    ("v", "show everything about them (netlog show NAME)"),
    ("j", "next person (space and Enter too)"),
    ("q", "quit (Ctrl-C too); the next netlog review goes on from here"),
    ("?", "this help"),
)
NEXT_KEYS = ("j", " ", "\r", "\n")
CHOICES = ",".join(k for k, _ in KEYS)


@dataclass
class Session:
    """What this review has done so far, for the closing line."""

    waiting: int
    reviewed: set[int] = field(default_factory=set)
    done: dict[str, int] = field(default_factory=dict)  # "logged": 2, in the order done

    def summary(self) -> str:
        from netlog import render

        counts = [(_plural(what, n), n) for what, n in self.done.items()]
        return render.review_summary(len(self.reviewed), self.waiting, counts)


PLURALS = {"loop closed": "loops closed"}  # the others read the same for any number


def _plural(what: str, n: int) -> str:
    return PLURALS.get(what, what) if n != 1 else what


@app.command(
    epilog="Examples: netlog review; netlog review --limit 5; netlog review --again "
    "(everyone due, also those reviewed earlier today)"
)
def review(
    ctx: typer.Context,
    limit: Annotated[
        int | None, typer.Option("--limit", "-n", help="At most N people.", metavar="N")
    ] = None,
    again: Annotated[
        bool, typer.Option("--again", help="Also the people reviewed earlier today.")
    ] = False,
) -> None:
    """Go through what is due one person at a time, acting with single keys."""
    # Before the database is opened: refusing changes nothing, not even a new file.
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        raise InputError(
            "netlog review reads single key presses and needs a terminal",
            "without one, list what is due with netlog due and act on it with netlog done ID "
            "(or skip ID, snooze ID WHEN)",
        )
    from netlog import render
    from netlog import review as reviews
    from netlog.cli.activity import EMPTY_NETWORK, next_due

    day = today()
    repo = state(ctx).repo()
    queue = reviews.queue(repo, today=day, again=again, limit=limit)
    if not queue.people:
        if queue.reviewed_today:
            n = queue.reviewed_today
            render.message(
                f"Everyone due today has been reviewed ({n} {'person' if n == 1 else 'people'}). "
                "netlog review --again goes through them again."
            )
        elif repo.count_contacts() == 0:
            render.message(EMPTY_NETWORK)
        else:
            render.message(
                f"Nothing due today.{next_due(repo, day)} Nothing to review; see what is "
                "coming with netlog due --within 2w."
            )
        return
    session = Session(queue.waiting)
    earlier = (
        f" ({queue.reviewed_today} reviewed earlier today: --again shows them)"
        if queue.reviewed_today
        else ""
    )
    people = len(queue.people)
    render.message(f"{people} {'person' if people == 1 else 'people'} to review{earlier}. "
                   "Press ? for the keys.")  # fmt: skip
    try:
        for position, group in enumerate(queue.people, 1):
            if not _review_person(ctx, group[0].contact_id, day, session, position, people):
                break
    finally:
        render.message(session.summary())


def _review_person(
    ctx: typer.Context, contact_id: int, day: date, session: Session, position: int, count: int
) -> bool:
    """One person's card until the review moves on (True) or quits (False)."""
    from netlog import render
    from netlog import review as reviews

    repo = state(ctx).repo()
    card = reviews.card(repo, contact_id, today=day)
    if card is None:  # nothing of theirs is due any more: not left either
        session.waiting -= 1
        return True
    render.review_card(card, day)
    while True:
        prompt = f"({position}/{count}) {one_line(card.contact.name)} [{CHOICES}]? "
        key = read_key(prompt)
        if key in NEXT_KEYS:
            _mark(ctx, contact_id, day, session)
            return True
        if key == "q":
            return False
        if key == "?":
            render.message("\n".join(f"  {k}  {what}" for k, what in KEYS))
            continue
        action = ACTIONS.get(key)
        if action is None:
            render.message(
                f"{_shown(key)} is not a key here: ? lists them, j goes to the next person, "
                "q quits."
            )
            continue
        try:
            done = action(ctx, card, day)
        except NetlogError as exc:  # rolled back: nothing changed, the card stays
            error_line(str(exc))
            continue
        if done is None:  # cancelled, or nothing to do
            continue
        session.done[done] = session.done.get(done, 0) + 1
        _mark(ctx, contact_id, day, session)
        refreshed = reviews.card(repo, contact_id, today=day)
        if refreshed is None:
            return True
        card = refreshed
        render.review_card(card, day)


def _mark(ctx: typer.Context, contact_id: int, day: date, session: Session) -> None:
    from netlog import review as reviews

    reviews.mark(state(ctx).repo(), contact_id, today=day)
    session.reviewed.add(contact_id)


# ----- reading keys and text
def read_key(prompt: str) -> str:
    """Show ``prompt`` and read one key press without Enter: a lower-case key,
    ``q`` for Ctrl-D; Ctrl-C raises ``KeyboardInterrupt``.

    The terminal goes raw before the prompt is written, and going raw discards
    what was typed before it: a key pressed ahead never acts on a card not yet
    on the screen, and a key pressed once the prompt shows always counts."""
    try:
        import termios
        import tty
    except ImportError:  # pragma: no cover - not a POSIX terminal
        sys.stderr.write(prompt)
        sys.stderr.flush()
        return _key(typer.getchar())
    sys.stdout.flush()
    fd = sys.stdin.fileno()
    saved = termios.tcgetattr(fd)
    try:
        tty.setraw(fd)  # TCSAFLUSH: drops the keys typed ahead
        sys.stderr.write(prompt)
        sys.stderr.flush()
        data = os.read(fd, 32)
    finally:
        termios.tcsetattr(fd, termios.TCSADRAIN, saved)
    text = data.decode(sys.stdin.encoding or "utf-8", "replace")
    if "\x03" in text:
        sys.stderr.write("^C\n")
    key = _key(text)
    sys.stderr.write(("" if key in NEXT_KEYS or key.startswith("\x1b") else one_line(key)) + "\n")
    return key


def _key(text: str) -> str:
    if "\x03" in text:
        raise KeyboardInterrupt
    if text.startswith("\x04") or not text:
        return "q"
    if text.startswith("\x1b"):
        return text  # an arrow or function key: not one of ours
    return text[0].lower()


def _shown(key: str) -> str:
    if key.startswith("\x1b"):
        return "That key"
    return f"'{one_line(key)}'"


def _text(label: str, hint: str = "") -> str | None:
    """A line of text from a normal prompt; None (and the action is cancelled)
    when it is empty."""
    from netlog import render

    shown = f"{label} ({hint}; Enter cancels)" if hint else f"{label} (Enter cancels)"
    value = str(typer.prompt(shown, default="", show_default=False, err=True)).strip()
    if not value:
        render.message("Cancelled.")
        return None
    return value


# ----- the actions: each returns what it did, for the summary ("logged"), or
# None when it did nothing. Each is its command's use case and report.
def _ref(card: Card) -> str:
    return f"#{card.contact.id}"


def _log(ctx: typer.Context, card: Card, day: date) -> str | None:
    from netlog import services
    from netlog.cli.activity import report_log

    summary = _text("What did you talk about")
    if summary is None:
        return None
    result = services.log_interaction(state(ctx).repo(), _ref(card), summary, today=day, now=now())
    report_log(result, day)
    return "logged"


def _thank(ctx: typer.Context, card: Card, day: date) -> str | None:
    from netlog import practices, scheduler
    from netlog.cli.practices import confirm_without_pending, report_thank

    go, unowed = confirm_without_pending(ctx, _ref(card), scheduler.THANK_YOU, "a thank-you")
    if not go:
        return None
    result = practices.thank(state(ctx).repo(), _ref(card), None, today=day, now=now())
    report_thank(result, day, unowed)
    return "thanked"


def _loop(ctx: typer.Context, card: Card, day: date) -> str | None:
    from netlog import practices, scheduler
    from netlog.cli.practices import confirm_without_pending, report_loop

    ref = _ref(card)
    go, unowed = confirm_without_pending(ctx, ref, scheduler.CLOSE_THE_LOOP, "how it turned out")
    if not go:
        return None
    result = practices.close_loop(state(ctx).repo(), ref, None, today=day, now=now())
    report_loop(result, day, unowed)
    return "loop closed"


def _note(ctx: typer.Context, card: Card, day: date) -> str | None:
    from netlog import practices
    from netlog.cli.practices import report_note

    text = _text("What is going on in their life")
    if text is None:
        return None
    contact = practices.add_note(state(ctx).repo(), _ref(card), text, today=day, now=now())
    report_note(contact, text)
    return "noted"


def _snooze(ctx: typer.Context, card: Card, day: date) -> str | None:
    from netlog import handles, render

    text = _text("Snooze until", "a date, friday, 2w")
    if text is None:
        return None
    until = when(text, day, "WHEN")
    results = handles.act(
        state(ctx).repo(), card.handles, "snooze", today=day, now=now(), until=until
    )
    render.item_results(results, "Snoozed")
    return "snoozed"


def _done(ctx: typer.Context, card: Card, day: date) -> str | None:
    from netlog import render, services

    result = services.complete_followups(state(ctx).repo(), _ref(card), today=day, now=now())
    render.done_report(result, day)
    return "done" if result.completed else None


def _skip(ctx: typer.Context, card: Card, day: date) -> str | None:
    from netlog import handles, render

    results = handles.act(state(ctx).repo(), card.handles, "skip", today=day, now=now())
    render.item_results(results, "Skipped")
    return "skipped"


def _edit(ctx: typer.Context, card: Card, day: date) -> str | None:
    from netlog import dates, services
    from netlog.cli.contacts import report_updated

    now_every = dates.describe_cadence(card.contact.cadence_days)
    text = _text("Check in how often", f"now {now_every}; e.g. 3w")
    if text is None:
        return None
    contact = services.edit_contact(
        state(ctx).repo(), _ref(card), today=day, now=now(), every_days=duration_days(text)
    )
    report_updated(contact, day)
    return "edited"


def _show(ctx: typer.Context, card: Card, day: date) -> str | None:
    from netlog import render, services

    render.detail(services.show(state(ctx).repo(), _ref(card)), day)
    return None  # reading is not an action: the card stays


ACTIONS: dict[str, Action] = {
    "l": _log,
    "t": _thank,
    "o": _loop,
    "n": _note,
    "s": _snooze,
    "d": _done,
    "k": _skip,
    "e": _edit,
    "v": _show,
}
