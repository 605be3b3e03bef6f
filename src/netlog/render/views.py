"""What the user reads, in words, computed once: the view models every medium renders.

A command's output is a view built here, by a pure function, from the domain
records (due items, a contact's detail, the week in review, fading ties,
history entries, a capture or an import) and an explicit ``today``. Every
wording shared between media is decided here and nowhere else: relative dates
("5 weeks ago"), lateness ("2 days late"), a contact's reasons ("thank-you ×2,
check-in"), strength, why a tie is fading, the week's sections, how a report
line reads. ``plain`` and ``terminal`` only lay views out (tab-separated lines,
Rich tables), ``html`` draws the report with the same words, and only this
module of the render package imports ``netlog.dates``.

Views hold stored text as it is stored; the renderers sanitise what they write
(``netlog.sanitise``), so the boundaries between stored text and netlog's own
words stay where the sanitiser needs them. Nothing here writes or imports rich.

Listings of thousands of rows (``due`` and ``list`` in a pipe, 10,000 and
20,000 rows at 20k contacts) are lists of plain tuples of strings, built in
one comprehension: a row costs what it did before views existed. Where a
script and a person read a listing differently (ISO days and comma-joined tags
in tab-separated text, "5 weeks ago" in a table) there are two builders, and
each reader gets the one for them: the table's relative dates are never worded
for a pipe.

The views are small classes with ``__slots__`` and a plain ``__init__`` rather
than dataclasses: this module loads on every daily command in a pipe, and a
frozen dataclass takes about 0.6 ms to create when it loads (a named tuple
0.1 ms, a plain class 0.01 ms). Nothing changes a view once it is built.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from netlog.dates import describe_cadence, lateness, relative_days
from netlog.records import AskRecord, Channel, Contact, ContactDetail, ContactSummary, SearchHit
from netlog.sanitise import one_line
from netlog.scheduler import DueItem, quote

if TYPE_CHECKING:
    from netlog.insight.fading import FadingTie
    from netlog.insight.records import DayActivity
    from netlog.insight.strength import Strength
    from netlog.insight.timeline import Overdue
    from netlog.insight.week import WeekReview
    from netlog.review import Card

Cells = tuple[str, ...]  # one row of a listing: a string a column ("" for nothing)
Section = tuple[str, list[str]]  # a title and its lines


class Listing:
    """Rows of cells under a title (a table's; tab-separated text names its
    columns in a header instead), and notes for the person after them."""

    __slots__ = ("notes", "rows", "title")

    def __init__(self, title: str, rows: list[Cells], notes: tuple[str, ...] = ()) -> None:
        self.title = title
        self.rows = rows
        self.notes = notes


class Line:
    """A line of a command's report: data for stdout, or with ``message`` a
    note for the person (stderr), in the order they are told."""

    __slots__ = ("message", "text")

    def __init__(self, text: str, message: bool = False) -> None:
        self.text = text
        self.message = message


def _say(text: str) -> Line:
    return Line(text)


def _tell(text: str) -> Line:
    return Line(text, True)


# ----- words shared by every view
def iso(value: date | None) -> str:
    """``2026-11-25``, or "" for no day."""
    return value.isoformat() if value else ""


def ago(day: date | None, today: date) -> str:
    """``5 weeks ago``, ``in 3 days``; ``never`` for no day."""
    return relative_days(day, today) if day else "never"


def when_kind(day: date, kind: str | None, today: date) -> str:
    """``5 weeks ago (coffee)``: when something happened, and what kind it was."""
    return relative_days(day, today) + (f" ({kind})" if kind else "")


def last_contact(item: DueItem, today: date) -> str:
    """``5 weeks ago (coffee)`` or ``never``: a due contact's latest conversation."""
    if item.last_contact_on is None:
        return "never"
    return when_kind(item.last_contact_on, item.last_kind, today)


def reasons(group: Sequence[DueItem]) -> str:
    """``thank-you ×2, check-in``: a contact's reasons, most urgent first."""
    counts: dict[str, int] = {}
    for item in group:
        counts[item.reason] = counts.get(item.reason, 0) + 1
    return ", ".join(f"{r} ×{n}" if n > 1 else r for r, n in counts.items())


def count(n: int, word: str) -> str:
    """``1 conversation``, ``3 conversations``."""
    return f"{n} {word}{'s' if n != 1 else ''}"


def people(n: int) -> str:
    return "person" if n == 1 else "people"


def give_and_take(gave: int, got: int) -> str:
    return f"Give and take (gave {gave}, got {got})"


def overdue_parts(o: Overdue) -> str:
    """``3 check-ins, 1 promise``: what an overdue count is made of."""
    return f"{count(o.checkins, 'check-in')}, {count(o.promises, 'promise')}"


def strength_text(s: Strength) -> str:
    """``62/100 (recency 0.84 · frequency 0.50 · ...)``: as ``show`` prints it."""
    parts = " · ".join(f"{name} {value:.2f}" for name, value in s.parts().items())
    return f"{s.score}/100 ({parts})"


def local_time(instant: str) -> str:
    """A stored UTC instant as local ``YYYY-MM-DD HH:MM``."""
    from datetime import datetime

    try:
        moment = datetime.fromisoformat(instant.replace("Z", "+00:00"))
    except ValueError:
        return instant
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


def _at(ask: AskRecord) -> str:
    return f" (at {ask.company})" if ask.company else ""


# ----- due
def due_title(today: date) -> str:
    return f"Due {today.isoformat()} — most urgent first"


def due_rows(groups: Sequence[Sequence[DueItem]], today: date) -> Listing:
    """``due`` for a script: one row per contact, its reasons and handles listed
    in the row (contact, reasons, due_on, status, last_contact_on, last_kind,
    actions, ids).

    A plain loop, since a neglected network has ten thousand rows: a contact
    with one reason (most) skips the counting and joining, and a due day is
    worded once however many share it (together 20 ms of a 10,000-row ``due``)."""
    status: dict[date, str] = {}
    rows: list[Cells] = []
    append = rows.append
    for group in groups:
        first = group[0]
        due_on, last = first.due_on, first.last_contact_on
        late = status.get(due_on)
        if late is None:
            late = status[due_on] = lateness(due_on, today)
        if len(group) == 1:
            why, actions, ids = first.reason, first.action, first.handle
        else:
            why = reasons(group)
            actions = " | ".join([i.action for i in group])
            ids = " ".join([i.handle for i in group])
        append(
            (
                first.contact,
                why,
                due_on.isoformat(),
                late,
                last.isoformat() if last else "",
                first.last_kind or "",
                actions,
                ids,
            )
        )
    return Listing(due_title(today), rows)


class DueLine:
    """One item as a person reads it: ``f12 · follow-up · 3 days late``, then
    the suggested action."""

    __slots__ = ("action", "days_overdue", "handle", "reason", "when")

    def __init__(self, handle: str, reason: str, when: str, days_overdue: int, action: str) -> None:
        self.handle = handle
        self.reason = reason
        self.when = when
        self.days_overdue = days_overdue  # how late (below 0: not due yet), for the colour
        self.action = action


class DuePerson:
    __slots__ = ("items", "last", "name")

    def __init__(self, name: str, last: str, items: tuple[DueLine, ...]) -> None:
        self.name = name
        self.last = last  # their latest conversation (``last_contact``)
        self.items = items  # most urgent first


class DueView:
    __slots__ = ("people", "title")

    def __init__(self, title: str, people: list[DuePerson]) -> None:
        self.title = title
        self.people = people


def due_lines(items: Sequence[DueItem], today: date) -> tuple[DueLine, ...]:
    return tuple(
        DueLine(i.handle, i.reason, lateness(i.due_on, today), i.days_overdue, i.action)
        for i in items
    )


def due_by_person(groups: Sequence[Sequence[DueItem]], today: date) -> DueView:
    """``due`` for a person: per contact their name and latest conversation,
    and a line per item."""
    return DueView(
        due_title(today),
        [DuePerson(g[0].contact, last_contact(g[0], today), due_lines(g, today)) for g in groups],
    )


# ----- review
class CardView:
    """One person's card in ``netlog review``."""

    __slots__ = ("company", "id", "items", "last", "name", "sections")

    def __init__(
        self,
        name: str,
        id: int,
        company: str | None,
        last: str,
        items: tuple[DueLine, ...],
        sections: list[Section],
    ) -> None:
        self.name = name
        self.id = id
        self.company = company
        self.last = last
        self.items = items
        self.sections = sections  # talking points, open asks, the latest give and take


def review_card(card: Card, today: date) -> CardView:
    contact = card.contact
    return CardView(
        contact.name,
        contact.id,
        contact.company,
        last_contact(card.items[0], today),
        due_lines(card.items, today),
        _card_sections(card, today),
    )


def _card_sections(card: Card, today: date) -> list[Section]:
    sections: list[Section] = []
    points = []
    said = card.conversation
    if said is not None:
        quoted = f": “{quote(said.summary)}”" if said.summary else ""
        if said.kind == "met":
            points.append(f"met {relative_days(said.occurred_on, today)}{quoted}")
        else:
            points.append(f"talked {when_kind(said.occurred_on, said.kind, today)}{quoted}")
    if card.note is not None:
        noted = relative_days(card.note.noted_on, today)
        points.append(f"noted {noted}: “{quote(card.note.text)}”")
    if points:
        sections.append(("Talking points", points))
    if card.open_asks:
        asks = [
            f"#{a.id} {quote(a.request)}{_at(a)} · asked {relative_days(a.asked_on, today)}"
            for a in card.open_asks
        ]
        sections.append(("Open asks", asks))
    if card.favours:
        lines = [
            f"{e.direction} {quote(e.what)} · {relative_days(e.occurred_on, today)}"
            for e in card.favours
        ]
        more = card.gave + card.got - len(card.favours)
        if more > 0:
            lines.append(f"… and {more} more (netlog show)")
        sections.append((give_and_take(card.gave, card.got), lines))
    return sections


def review_summary(reviewed: int, waiting: int, done: Sequence[tuple[str, int]]) -> str:
    """``Reviewed 4 of 9 people: 2 logged, 1 snoozed, 1 skipped; 5 left (netlog
    review to continue).``"""
    text = f"Reviewed {reviewed} of {waiting} {people(waiting)}"
    if done:
        text += ": " + ", ".join(f"{n} {what}" for what, n in done)
    left = waiting - reviewed
    return text + (f"; {left} left (netlog review to continue)." if left > 0 else "; none left.")


# ----- contacts
def contact_line(contact: Contact, today: date) -> str:
    """``Ada Lovelace (#1) · Analytical · next check-in 2026-12-16 (in 21 days)``."""
    parts = [f"{contact.name} (#{contact.id})"]
    if contact.company:
        parts.append(contact.company)
    if contact.next_checkin_on:
        parts.append(
            f"next check-in {contact.next_checkin_on.isoformat()} "
            f"({relative_days(contact.next_checkin_on, today)})"
        )
    return " · ".join(parts)


def _contacts_title(items: Sequence[ContactSummary]) -> str:
    return count(len(items), "contact")


def contact_rows(
    items: Sequence[ContactSummary], strengths: dict[int, int] | None = None
) -> Listing:
    """The listing for a script: id, name, company, title, tags (comma-joined),
    last_contact_on and next_checkin_on as ISO days, and with ``strengths`` each
    one's score."""
    rows: list[Cells] = [
        (
            str(c.id),
            c.name,
            c.company or "",
            c.title or "",
            ",".join(c.tags),
            iso(c.last_contact_on),
            iso(c.next_checkin_on),
        )
        for c in items
    ]
    if strengths is not None:
        rows = [(*r, str(strengths.get(c.id, 0))) for r, c in zip(rows, items, strict=True)]
    return Listing(_contacts_title(items), rows)


def contact_table(
    items: Sequence[ContactSummary], today: date, strengths: dict[int, int] | None = None
) -> Listing:
    """The listing for a person: the latest conversation as ``5 weeks ago``,
    tags separated by a comma and a space."""
    return Listing(
        _contacts_title(items),
        [
            (
                str(c.id),
                c.name,
                c.company or "",
                c.title or "",
                ", ".join(c.tags),
                ago(c.last_contact_on, today),
                iso(c.next_checkin_on),
                *((str(strengths.get(c.id, 0)),) if strengths is not None else ()),
            )
            for c in items
        ],
    )


class ContactView:
    """``show``: the contact's fields, then the lists under them as rows of
    cells (the last cell may hold several lines: a note, a summary)."""

    __slots__ = ("fields", "id", "name", "sections")

    def __init__(
        self,
        name: str,
        id: int,
        fields: list[tuple[str, str]],
        sections: list[tuple[str, list[list[str]]]],
    ) -> None:
        self.name = name
        self.id = id
        self.fields = fields
        self.sections = sections


TIMELINE = "Timeline"


def contact_detail(
    detail: ContactDetail, today: date, strength: Strength | None = None
) -> ContactView:
    fields = _fields(detail, today)
    if strength is not None:
        at = next((n for n, (k, _) in enumerate(fields) if k == "Cadence"), len(fields))
        fields.insert(at, ("Strength", strength_text(strength)))
    c = detail.contact
    return ContactView(c.name, c.id, fields, _sections(detail, today))


def _birthday(birthday: str | None, today: date) -> str | None:
    if not birthday:
        return None
    from netlog.scheduler import next_birthday

    upcoming = next_birthday(birthday, today)
    shown = birthday[2:] if birthday.startswith("--") else birthday
    return f"{shown} (next {upcoming.isoformat()})" if upcoming else shown


def _channels(channels: Sequence[Channel]) -> str:
    """``ada@work.example (work, preferred), ada@home.example``; the mark only
    where there is a choice."""
    shown = []
    for channel in channels:
        marks = [m for m in (channel.label, "preferred" if len(channels) > 1 and channel.preferred
                             else None) if m]  # fmt: skip
        shown.append(channel.value + (f" ({', '.join(marks)})" if marks else ""))
    return ", ".join(shown)


def _fields(detail: ContactDetail, today: date) -> list[tuple[str, str]]:
    c = detail.contact
    rows = [
        ("Company", c.company),
        ("Title", c.title),
        ("Email", _channels(c.emails)),
        ("Phone", _channels(c.phones)),
        ("URL", _channels(c.urls)),
        ("Tags", ", ".join(c.tags)),
        ("Met", c.met),
        ("Birthday", _birthday(c.birthday, today)),
        ("Offers", c.offers),
        ("Seeks", c.seeks),
        ("Introduced by", f"{c.via_name} (#{c.via_id})" if c.via_id else None),
        ("Introduced you to", ", ".join(f"{n} (#{i})" for i, n in detail.introduced)),
        ("Cadence", describe_cadence(c.cadence_days)),
        (
            "Last contact",
            f"{c.last_contact_on.isoformat()} ({relative_days(c.last_contact_on, today)})"
            if c.last_contact_on
            else "never",
        ),
        (
            "Next check-in",
            f"{iso(c.next_checkin_on)} ({relative_days(c.next_checkin_on, today)})"
            if c.next_checkin_on
            else None,
        ),
        ("Snoozed until", iso(c.snoozed_until) or None),
        ("Note", c.note),
    ]
    return [(k, v) for k, v in rows if v]


def _sections(detail: ContactDetail, today: date) -> list[tuple[str, list[list[str]]]]:
    sections: list[tuple[str, list[list[str]]]] = []
    if detail.open_followups:
        rows = [
            [f.due_on.isoformat(), f.reason, lateness(f.due_on, today), f.todo]
            for f in detail.open_followups
        ]
        sections.append(("Open follow-ups", rows))
    if detail.ledger:
        gave = sum(e.direction == "gave" for e in detail.ledger)
        got = len(detail.ledger) - gave
        rows = [[e.occurred_on.isoformat(), e.direction, e.what] for e in detail.ledger]
        sections.append((give_and_take(gave, got), rows))
    if detail.asks:
        rows = []
        for a in detail.asks:
            at = _at(a)
            closed = f" — {a.status} {iso(a.closed_on)}" if a.status != "open" else ""
            outcome = f": {a.outcome}" if a.outcome else ""
            rows.append(
                [a.asked_on.isoformat(), f"#{a.id} {a.status}", a.request + at + closed + outcome]
            )
        sections.append(("Asks", rows))
    if detail.notes:
        sections.append(("In their life", [[n.noted_on.isoformat(), n.text] for n in detail.notes]))
    if detail.introductions:
        rows = []
        for i in detail.introductions:
            other = i.b_name if i.a_id == detail.contact.id else i.a_name
            why = f": {i.why}" if i.why else ""
            rows.append([i.occurred_on.isoformat(), f"introduced to {other}{why}"])
        sections.append(("Introductions you made", rows))
    if detail.interactions:
        rows = [
            [
                i.occurred_on.isoformat(),
                i.kind,
                (i.summary or "")
                + (" (no reply)" if i.no_reply else "")
                + (" (captured)" if i.captured else ""),
            ]
            for i in detail.interactions
        ]
        sections.append((TIMELINE, rows))
    return sections


def search(hits: Sequence[SearchHit]) -> Listing:
    """id, name, field, and the text found (an excerpt)."""
    return Listing(
        f"{len(hits)} match{'es' if len(hits) != 1 else ''}",
        [(str(h.contact_id), h.name, h.field, quote(h.text, 90)) for h in hits],
    )


# ----- habits
def suggestions(found: Sequence[Any]) -> Listing:
    return Listing(
        "Introductions worth making — best first",
        [(s.a_name, s.b_name, str(s.score), s.reason) for s in found],
    )


def asks(found: Sequence[Any], today: date) -> Listing:
    return Listing(
        count(len(found), "ask"),
        [
            (
                str(a.id),
                a.contact_name,
                a.request,
                a.company or "",
                a.asked_on.isoformat(),
                relative_days(a.asked_on, today),
                a.status if a.status == "open" else f"{a.status} {iso(a.closed_on)}",
                a.outcome or "",
            )
            for a in found
        ],
    )


def company(view: Any, today: date) -> Listing:
    """Who you know at a company, and its open asks as notes."""
    return Listing(
        f"Who you know at {view.company}",
        [
            (
                str(c.id),
                c.name,
                c.title or "",
                c.company or "",
                f"{c.via_name} (#{c.via_id})" if c.via_id else "",
                ago(c.last_contact_on, today),
            )
            for c in view.people
        ],
        tuple(
            f"Open ask #{a.id} to {a.contact_name} ({a.asked_on.isoformat()}): {a.request}"
            + (f" at {a.company}" if a.company else "")
            for a in view.asks
        ),
    )


def ledger(rows: Sequence[Any]) -> Listing:
    return Listing(
        "Give and take — most in your debt first",
        [(r.contact, str(r.gave), str(r.got), f"{r.balance:+d}") for r in rows],
    )


def duplicates(pairs: Sequence[Any]) -> Listing:
    return Listing(
        "Likely duplicates — merge with: netlog merge KEEP OTHER",
        [(f"#{p.a_id}", p.a_name, f"#{p.b_id}", p.b_name, p.reason) for p in pairs],
    )


SettingRow = tuple[str, str | None, str]  # key, value (None: not set), what it is for


# ----- reports: what a command did, line by line
def item_results(results: Sequence[Any], verb: str) -> list[Line]:
    """``Done: f12 · Ada Lovelace · follow-up · send her my Rust project``."""
    return [
        _say(f"{verb}: {r.item.handle} · {r.item.contact} · {r.item.reason} · {r.what}")
        for r in results
    ]


def done_report(result: Any, today: date) -> list[Line]:
    """What ``done`` completed (one line each) and what it left open."""
    name = result.contact.name
    lines = []
    if not result.completed:
        lines.append(_tell(f"{name} has nothing due to mark done."))
    for f in result.completed:
        # A follow-up's text can span lines (an editor): one line here.
        lines.append(
            _say(f"Done: {name} · {f.reason} · {f.due_on.isoformat()} · {one_line(f.todo)}")
        )
    if result.upcoming:
        lines.append(
            _tell(
                f"Still open, not due yet (netlog done '#{result.contact.id}' --all closes them):"
            )
        )
        for f in result.upcoming:
            when = f"{f.due_on.isoformat()} ({relative_days(f.due_on, today)})"
            lines.append(_tell(f"  {when} {f.reason}: {f.todo}"))
    return lines


def undone(done: Any) -> list[Line]:
    who = f" for {', '.join(done.contacts[:3])}" if done.contacts else ""
    more = f" and {len(done.contacts) - 3} more" if len(done.contacts) > 3 else ""
    lines = [
        _tell(
            f"Undid {done.change.command} ({local_time(done.change.at)}): it had "
            f"{'; '.join(done.effects)}{who}{more}."
        )
    ]
    if done.older is not None:
        lines.append(
            _tell(
                f"Run netlog undo again to undo {done.older.command} ({local_time(done.older.at)})."
            )
        )
    return lines


_DIRECTION_WORDS = {"sent": "you wrote", "received": "they wrote", "meeting": "met"}


def capture_report(result: Any, today: date) -> list[Line]:
    """What was (or would be) logged per contact (data); the counts, what was
    skipped and why, and the people you write to who are not contacts (notes)."""
    from netlog.capture.service import display_name, iter_logged

    lines = []
    for cid, name, items in iter_logged(result):
        lines.append(_say(f"{name} (#{cid})"))
        for i in items:
            words = _DIRECTION_WORDS[i.direction]
            times = f" ×{i.messages}" if i.messages > 1 else ""
            summary = f": {i.summary}" if i.summary else ""
            added = "" if i.new else " (added to the entry captured that day)"
            lines.append(
                _say(f"  {i.occurred_on.isoformat()}  {i.kind}, {words}{times}{summary}{added}")
            )
    for cid, name in result.added:
        lines.append(_tell(f"Added {name} (#{cid})."))
    for address, why in result.not_added:
        lines.append(
            _tell(f"Did not add {address}: {why} (add the address with netlog edit NAME --email).")
        )
    lead = "Would log" if result.dry_run else "Logged"
    read = []
    if result.messages:
        read.append(count(result.messages, "message"))
    if result.events:
        read.append(count(result.events, "event"))
    unchanged = (
        f"; {count(result.unchanged_files, 'unchanged file')} not read again"
        if result.unchanged_files
        else ""
    )
    if read:
        lines.append(
            _tell(
                f"{lead} {count(result.new, 'new interaction')} from "
                f"{' and '.join(read)}{unchanged}."
            )
        )
    else:
        lines.append(_tell(f"Nothing new{unchanged.replace(';', ':', 1)}."))
    if result.skipped:
        parts = ", ".join(f"{reason} {n}" for reason, n in result.skipped.most_common())
        lines.append(_tell(f"Skipped: {parts}."))
    if result.unknown and not result.added:
        lines.append(_tell("You write to these people most, and they are not contacts:"))
        for s in result.unknown:
            lines.append(
                _tell(
                    f"  {display_name(s)} <{s.address}>: {count(s.messages, 'email')}, "
                    f"last {relative_days(s.last_on, today)}"
                )
            )
        lines.append(_tell("Add them: netlog capture PATH... --add-unknown"))
    if result.dry_run:
        lines.append(_tell("Dry run: nothing was changed."))
    return lines


def _position(ref: str) -> int:
    """``line 12`` -> 12: rows and skipped rows listed in file order."""
    digits = "".join(ch if ch.isdigit() else " " for ch in ref).split()
    return int(digits[0]) if digits else 0


def import_row(row: Any, dry_run: bool) -> str:
    """One row's fate: ``line 7  Ada Lovelace: matches #12 (by email), updated``."""
    if row.outcome == "new":
        what = "new" if dry_run else f"new #{row.contact_id}"
    else:
        what = f"matches #{row.contact_id} (by {row.by}), {row.outcome}"
    if row.like is not None:
        what += (
            f"; merged with {row.like}"
            if row.merged
            else f"; looks like {row.like} (same {row.by}), kept apart"
        )
    return f"{row.ref}  {row.name}: {what}"


# A file read entirely as Windows-1252 would list every line: the first ones and a count.
MAX_NOTES_SHOWN = 20


def import_report(report: Any) -> list[Line]:
    """The summary per file (with ``--dry-run``, every row's fate too) as data;
    skipped rows, likely duplicates, ignored columns (once per file) and notes
    such as lines that were not UTF-8 for the person, like every message."""
    lines = []
    lead = "Would import" if report.dry_run else "Imported"
    for f in report.files:
        dupes = len(f.duplicates)
        lines.append(
            _say(
                f"{lead} {f.file} ({f.format}): {f.new} new, {f.updated} updated, "
                f"{f.unchanged} unchanged, {len(f.skipped)} skipped"
                + (f", {count(dupes, 'likely duplicate')}" if dupes else "")
            )
        )
        if report.dry_run:  # every row, in file order: what the import would do with it
            fates = [(r.ref, import_row(r, True)) for r in f.rows]
            fates += [(s.ref, f"{s.ref}: skipped ({s.reason})") for s in f.skipped]
            for _, fate in sorted(fates, key=lambda pair: _position(pair[0])):
                lines.append(_say(f"  {fate}"))
    if not report.dry_run:  # a dry run lists them with the rows
        for s in report.skipped:
            lines.append(_tell(f"Skipped {s.file} {s.ref}: {s.reason}"))
    for f in report.files:
        if f.ignored:
            lines.append(_tell(f"{f.file}: ignored columns: {', '.join(f.ignored)}"))
        for note in f.notes[:MAX_NOTES_SHOWN]:
            lines.append(_tell(f"{f.file} {note}"))
        if len(f.notes) > MAX_NOTES_SHOWN:
            lines.append(
                _tell(f"{f.file}: {len(f.notes) - MAX_NOTES_SHOWN} more notes (see --json)")
            )
    found = report.duplicates
    if found and not report.dry_run:
        kept = (
            "(merged as asked):"
            if all(row.merged for _, row in found)
            else "(kept as separate contacts; see netlog dupes, then netlog merge KEEP "
            "OTHER, or import with --merge-duplicates):"
        )
        lines.append(_tell(f"Rows that look like another row of this import {kept}"))
        for file, row in found:
            lines.append(_tell(f"  {file} {import_row(row, False)}"))
    if report.dry_run:
        lines.append(_tell("Dry run: nothing was changed."))
    return lines


def restore_report(summary: Any, source: str, dry_run: bool) -> list[Line]:
    verb = "Would restore" if dry_run else "Restored"
    lines = [_say(f"{verb} {count(summary.contacts, 'contact')} and their history from {source}")]
    if dry_run:
        lines.append(_tell("Dry run: nothing was changed."))
    return lines


def check_report(report: Any) -> list[Line]:
    if not report.problems:
        return [_say("No problems found.")]
    lines = []
    for problem in report.problems:
        fixed = " (repaired)" if report.repaired and problem.repairable else ""
        lines.append(_say(f"{problem.kind}: {problem.detail}{fixed}"))
    remaining = report.remaining
    if not remaining:
        lines.append(_say(f"Repaired {count(report.repaired, 'problem')}."))
    elif any(p.repairable for p in remaining):
        lines.append(_tell("Run 'netlog check --repair' to fix what can be derived again."))
    else:
        lines.append(
            _tell(
                "These cannot be derived again: restore your latest backup "
                "(netlog backup writes one), or export what is readable with "
                "'netlog export --format json'."
            )
        )
    return lines


# ----- history, corrections and the change journal
def history_line(entry: Any, today: date) -> str:
    """``i12 conversation with Ada Lovelace, 2026-11-30 (yesterday): call · coffee``"""
    detail = f": {entry.detail}" if entry.detail else ""
    text = f" · {entry.text}" if entry.text else ""
    return (
        f"{entry.ref} {entry.kind} with {entry.contact}, {entry.day.isoformat()} "
        f"({relative_days(entry.day, today)}){detail}{text}"
    )


def history(entries: Sequence[Any], contact: str | None, today: date) -> Listing:
    """id, date, when, type, detail, text, and (for every contact's) contact."""
    title = f"History of {contact}" if contact else "Latest entries"
    return Listing(
        title + " — amend ID … / drop ID",
        [
            (
                e.ref,
                e.day.isoformat(),
                relative_days(e.day, today),
                e.kind,
                e.detail,
                e.text,
                *(() if contact else (e.contact,)),
            )
            for e in entries
        ],
    )


def changes(entries: Sequence[tuple[Any, Sequence[str]]]) -> Listing:
    rows: list[Cells] = []
    for change, effects in entries:
        if change.reverts is not None:
            status = f"undid #{change.reverts}"
        elif change.undone_by is not None:
            status = "undone"
        else:
            status = ""
        rows.append(
            (str(change.id), local_time(change.at), change.command, "; ".join(effects), status)
        )
    return Listing("Latest changes — netlog undo reverts the newest not undone", rows)


# ===== insight: strength, fading ties, the week in review =====================
# Views of the typed models of ``netlog.insight`` (their figures computed there once).
SPARK = "▁▂▃▄▅▆▇█"
BAR = "█"
BAR_WIDTH = 30


def fading_why(t: FadingTie) -> str:
    """``quiet 40d, usually 12d; strength 70→52``."""
    why = []
    if "quiet" in t.reasons and t.silence_days is not None and t.typical_gap_days:
        why.append(f"quiet {t.silence_days}d, usually {t.typical_gap_days}d")
    if "weaker" in t.reasons:
        why.append(f"strength {t.strength_before}→{t.strength.score}")
    return "; ".join(why)


def fading(ties: Sequence[FadingTie], today: date) -> Listing:
    """id, name, strength, reasons, why, last_contact_on, action."""
    return Listing(
        f"Fading ties {today.isoformat()} — strongest first",
        [
            (
                str(t.contact_id),
                t.name,
                str(t.strength.score),
                ",".join(t.reasons),
                fading_why(t),
                iso(t.last_contact_on),
                t.action,
            )
            for t in ties
        ],
    )


def sparkline(values: Sequence[int]) -> str:
    """``▁▃█▁``: one character per value, scaled to the largest."""
    top = max(values, default=0)
    if top <= 0:
        return SPARK[0] * len(values)
    return "".join(SPARK[min(len(SPARK) - 1, round(v / top * (len(SPARK) - 1)))] for v in values)


def _bars(days: Sequence[DayActivity]) -> list[str]:
    top = max((d.conversations + d.attempts for d in days), default=0) or 1
    lines = []
    for d in days:
        n = d.conversations + d.attempts
        bar = BAR * (round(n / top * BAR_WIDTH) if n else 0)
        tried = f" (+{d.attempts} unanswered)" if d.attempts else ""
        lines.append(f"{d.day.strftime('%a %m-%d')}  {bar or '·'} {d.conversations}{tried}")
    return lines


class WeekView:
    """The week in review as titled sections: each one's first line is its
    summary (beside the title), the rest its details."""

    __slots__ = ("sections", "title")

    def __init__(self, title: str, sections: list[Section]) -> None:
        self.title = title
        self.sections = sections


def week(w: WeekReview) -> WeekView:
    return WeekView(
        f"Week in review {w.since.isoformat()} – {w.until.isoformat()}", week_sections(w)
    )


def week_sections(w: WeekReview) -> list[Section]:
    sections: list[Section] = []
    answered = w.answered
    reached = [f"{len(w.reached)} reached, {len(answered)} answered"]
    for p in w.reached:
        how = ", ".join(p.kinds) if p.kinds else "no answer yet"
        tried = f", {p.attempts} unanswered" if p.attempts else ""
        reached.append(f"  {p.name}: {count(p.conversations, 'conversation')} ({how}){tried}")
    sections.append(("People", reached))
    kinds = ", ".join(f"{k} {n}" for k, n in w.by_kind) or "none"
    sections.append(
        (
            "Conversations",
            [
                f"{sum(n for _, n in w.by_kind)} ({kinds}); "
                + count(w.attempts, "unanswered attempt")
            ],
        )
    )
    favours = [f"gave {w.gave}, got {w.got}"]
    favours += [f"  {f.day.isoformat()}  {f.direction} {f.what} ({f.name})" for f in w.favours]
    sections.append(("Give and take", favours))
    asked = [f"{len(w.asks_opened)} opened, {len(w.asks_closed)} earlier ones closed"]
    for a in (*w.asks_opened, *w.asks_closed):
        outcome = f": {a.outcome}" if a.outcome else ""
        closed = f" {a.closed_on.isoformat()}" if a.closed_on else ""
        asked.append(f"  #{a.id} {a.name}: {a.request} — {a.status}{closed}{outcome}")
    sections.append(("Asks", asked))
    intros = [f"{len(w.introductions)} made"]
    intros += [
        f"  {i.day.isoformat()}  {i.a_name} ↔ {i.b_name}"
        + (f" ({i.why})" if i.why else "")
        + f": {i.how}"
        for i in w.introductions
    ]
    sections.append(("Introductions", intros))
    now, before = w.overdue_now, w.overdue_before
    change = now.total - before.total
    trend = (
        "the same as" if change == 0 else f"{abs(change)} {'more' if change > 0 else 'fewer'} than"
    )
    sections.append(
        (
            "Overdue",
            [
                f"{now.total} now ({overdue_parts(now)}), "
                f"{trend} a week ago ({before.total} on {before.day.isoformat()})"
            ],
        )
    )
    fading_lines = [
        f"{len(w.fading)} fading" + (" — netlog fading lists them all" if len(w.fading) > 5 else "")
    ]
    fading_lines += [f"  {t.name} ({t.strength.score}): {t.action}" for t in w.fading[:5]]
    sections.append(("Fading ties", fading_lines))
    counts = [d.conversations + d.attempts for d in w.activity]
    sections.append(("Activity", [sparkline(counts), *_bars(w.activity)]))
    return sections
