"""Use cases for the networking habits: thank people, close the loop, introduce
contacts who can help each other, ask for introductions (patiently), give back,
and remember what is going on in their lives.

Like ``services``: plain values in, plain records out, one transaction each,
``NetlogError`` for anything the user can fix; never prints or reads the clock.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from netlog import matching, policy, scheduler
from netlog.errors import InputError, NetlogError
from netlog.names import company_matches
from netlog.records import AskRecord, Contact
from netlog.repository import Repository
from netlog.services import _get, _optional, resolve, stamp

ASK_REPEAT_DAYS = 30


@dataclass(slots=True)
class ActionResult:
    """What a habit command did: the contact afterwards and how many obligations
    it completed."""

    contact: Contact
    completed: int
    interaction_id: int


def _check_day(day: date, today: date) -> None:
    if day > today:
        raise InputError(
            f"--on {day.isoformat()} is in the future", "record things after they happen"
        )


def _log(
    repo: Repository, contact: Contact, day: date, kind: str, summary: str, stamp_now: str
) -> int:
    """An interaction recorded by a habit command; it restarts the cadence."""
    return repo.insert_interaction(contact.id, day, kind, summary, stamp_now)


# ----- thank you, close the loop
def pending(repo: Repository, query: str, reason: str) -> tuple[Contact, int]:
    """The contact and how many open obligations of ``reason`` they have (what
    ``thank`` and ``loop`` would complete), read only."""
    contact = resolve(repo, query)
    return contact, sum(f.reason == reason for f in repo.open_followups(contact.id))


def thank(
    repo: Repository,
    query: str,
    note: str | None,
    *,
    today: date,
    now: datetime,
    on: date | None = None,
) -> ActionResult:
    """Log a thank-you (an interaction of kind ``thanks``) and complete every
    pending thank-you to that contact."""
    day = on or today
    _check_day(day, today)
    stamp_now = stamp(now)
    with repo.transaction():
        contact = resolve(repo, query)
        pending = [f for f in repo.open_followups(contact.id) if f.reason == scheduler.THANK_YOU]
        summary = _optional(note) or (
            "Thanked them for: " + "; ".join(f.todo.split(": ", 1)[-1] for f in pending)
            if pending
            else "Said thank you"
        )
        interaction_id = _log(repo, contact, day, "thanks", summary, stamp_now)
        done = repo.complete_followups(contact.id, stamp_now, reasons=(scheduler.THANK_YOU,))
        return ActionResult(_get(repo, contact.id), done, interaction_id)


def close_loop(
    repo: Repository,
    query: str,
    note: str | None,
    *,
    today: date,
    now: datetime,
    on: date | None = None,
) -> ActionResult:
    """Tell someone how their help turned out: log it (kind ``update``) and
    complete their close-the-loops due by that day; when none is due yet, the
    earliest (you told them before netlog asked). A loop for a later favour
    keeps its own day: how that help turns out is another conversation."""
    day = on or today
    _check_day(day, today)
    stamp_now = stamp(now)
    with repo.transaction():
        contact = resolve(repo, query)
        loops = [f for f in repo.open_followups(contact.id) if f.reason == scheduler.CLOSE_THE_LOOP]
        closing = [f.id for f in loops if f.due_on <= day]
        if not closing and loops:
            closing = [min(loops, key=lambda f: (f.due_on, f.id)).id]
        summary = _optional(note) or "Told them how their help turned out"
        interaction_id = _log(repo, contact, day, "update", summary, stamp_now)
        done = repo.complete_followup_ids(closing, stamp_now)
        return ActionResult(_get(repo, contact.id), done, interaction_id)


# ----- introductions
@dataclass(slots=True)
class IntroResult:
    a: Contact
    b: Contact
    follow_up_on: date
    intro_id: int


def introduce(
    repo: Repository,
    first: str,
    second: str,
    why: str | None,
    *,
    today: date,
    now: datetime,
    on: date | None = None,
) -> IntroResult:
    """Record that you introduced two contacts: an interaction with each, an
    introduction given to each, and a follow-up two weeks later to ask both how
    it went."""
    day = on or today
    _check_day(day, today)
    why = _optional(why)
    stamp_now = stamp(now)
    with repo.transaction():
        a = resolve(repo, first)
        b = resolve(repo, second)
        if a.id == b.id:
            raise InputError(
                f"{first!r} and {second!r} are both {a.name} (#{a.id})",
                "name two different people to introduce",
            )
        intro_id = repo.insert_introduction(a.id, b.id, why, day, stamp_now)
        follow_up_on = day + timedelta(days=policy.INTRO_FOLLOW_UP_DAYS)
        for this, other in ((a, b), (b, a)):
            because = f": {why}" if why else ""
            interaction_id = _log(
                repo, this, day, "intro", f"Introduced to {other.name}{because}", stamp_now
            )
            repo.insert_ledger(
                this.id, "gave", f"introduction to {other.name}", day, stamp_now, interaction_id
            )
            repo.insert_followup(
                this.id,
                follow_up_on,
                f"Ask {this.first_name} how the introduction to {other.name} went",
                stamp_now,
                interaction_id,
                reason=scheduler.INTRO_FOLLOW_UP,
                intro_id=intro_id,
            )
        return IntroResult(_get(repo, a.id), _get(repo, b.id), follow_up_on, intro_id)


def suggest(repo: Repository, limit: int = 20) -> list[matching.Suggestion]:
    """Introductions worth making, best first."""
    if limit < 1:
        raise InputError("--limit must be at least 1", "use e.g. --limit 10")
    return matching.suggest(repo.matchable_contacts(), repo.connected_pairs(), limit)


# ----- asks
@dataclass(slots=True)
class AskResult:
    ask: AskRecord
    warnings: list[str] = field(default_factory=list)
    # When `due` will suggest a gentle follow-up if the ask is still open.
    follow_up_on: date | None = None


def ask(
    repo: Repository,
    query: str,
    request: str,
    *,
    today: date,
    now: datetime,
    company: str | None = None,
    on: date | None = None,
) -> AskResult:
    """Record a request (ideally an introduction) and log it as an interaction.

    Warns (never refuses) when an ask to that person is still open, or when you
    asked them within 30 days without giving them anything since.
    """
    day = on or today
    _check_day(day, today)
    request = " ".join(request.split())
    if not request:
        raise InputError("the request is empty", 'say what you ask, e.g. "intro to the data team"')
    company = _optional(company)
    stamp_now = stamp(now)
    with repo.transaction():
        contact = resolve(repo, query)
        warnings = _ask_warnings(repo, contact, day)
        at = f" (at {company})" if company else ""
        _log(repo, contact, day, "ask", f"Asked: {request}{at}", stamp_now)
        ask_id = repo.insert_ask(contact.id, request, company, day, stamp_now)
        record = repo.get_ask(ask_id)
        assert record is not None
        return AskResult(record, warnings, day + timedelta(days=policy.ASK_FOLLOW_UP_DAYS))


def _ask_warnings(repo: Repository, contact: Contact, day: date) -> list[str]:
    who = contact.first_name
    warnings = []
    asks = repo.asks(contact.id, status=None)
    still_open = [a for a in asks if a.status == "open"]
    if still_open:
        latest = still_open[-1]
        warnings.append(
            f"You already have an open ask with {who} (#{latest.id}, "
            f"{latest.asked_on.isoformat()}: “{latest.request}”); give it time, or close it "
            f"with: netlog asks done {latest.id}"
        )
    recent = [a for a in asks if (day - a.asked_on).days < ASK_REPEAT_DAYS]
    if recent:
        since = max(a.asked_on for a in recent)
        gave_since = any(
            e.direction == "gave" and e.occurred_on >= since for e in repo.ledger(contact.id)
        )
        if not gave_since:
            warnings.append(
                f"You asked {who} for something on {since.isoformat()} and have not given "
                "anything since: consider offering help first"
            )
    return warnings


def close_ask(
    repo: Repository,
    ask_id: int,
    *,
    today: date,
    outcome: str | None = None,
    declined: bool = False,
) -> AskRecord:
    """Close an ask as done (with what came of it) or declined."""
    with repo.transaction():
        record = repo.get_ask(ask_id)
        if record is None:
            raise NetlogError(f"there is no ask #{ask_id}", "see the open asks with: netlog asks")
        if record.status != "open":
            raise NetlogError(
                f"ask #{ask_id} is already {record.status} ({record.closed_on})",
                "see all asks with: netlog asks --all",
            )
        repo.close_ask(ask_id, "declined" if declined else "done", today, _optional(outcome))
        closed = repo.get_ask(ask_id)
        assert closed is not None
        return closed


def list_asks(repo: Repository, include_closed: bool = False) -> list[AskRecord]:
    return repo.asks(status=None if include_closed else "open")


# ----- who you know at a company
@dataclass(slots=True)
class CompanyView:
    company: str
    people: list[Contact]
    asks: list[AskRecord]


def at_company(repo: Repository, company: str) -> CompanyView:
    """The warm paths into a company: who you know there (matched loosely), who
    introduced you to them, and your open asks there."""
    if not company.strip():
        raise InputError("no company given", "e.g. netlog at Acme")
    ids = [cid for cid, name in repo.companies() if company_matches(company, name)]
    people = [c for c in (repo.get_contact(i) for i in ids) if c is not None]
    people.sort(
        key=lambda c: (c.last_contact_on is None, -(c.last_contact_on or date.min).toordinal())
    )
    id_set = set(ids)
    asks = [
        a
        for a in repo.asks(status="open")
        if a.contact_id in id_set or company_matches(company, a.company)
    ]
    return CompanyView(company.strip(), people, asks)


# ----- life notes
def add_note(
    repo: Repository,
    query: str,
    text: str,
    *,
    today: date,
    now: datetime,
    on: date | None = None,
) -> Contact:
    """Remember a dated personal detail; check-ins quote the latest one. The
    text is kept as written, over several lines if need be (trailing spaces
    and blank lines at both ends aside)."""
    day = check_note_day(on, today)
    text = "\n".join(line.rstrip() for line in text.replace("\r\n", "\n").split("\n")).strip()
    if not text:
        raise InputError("the note is empty", 'e.g. netlog note ada "training for a marathon"')
    stamp_now = stamp(now)
    with repo.transaction():
        contact = resolve(repo, query)
        repo.insert_note(contact.id, day, text, stamp_now)
        return _get(repo, contact.id)


def check_note_day(on: date | None, today: date) -> date:
    """The day a note is dated (``on``, default today; never in the future).
    The CLI checks it before opening an editor for the text."""
    day = on or today
    _check_day(day, today)
    return day


# ----- the ledger
@dataclass(slots=True)
class LedgerRow:
    contact_id: int
    contact: str
    gave: int
    got: int

    @property
    def balance(self) -> int:
        """Positive when you have given more than you got."""
        return self.gave - self.got


def ledger(repo: Repository) -> list[LedgerRow]:
    """Every contact with give-and-take, most in your debt first."""
    rows = [LedgerRow(b.contact_id, b.name, b.gave, b.got) for b in repo.balances()]
    rows.sort(key=lambda r: (r.gave - r.got, -r.got, r.contact.casefold()))
    return rows


__all__ = [
    "ActionResult",
    "AskResult",
    "CompanyView",
    "IntroResult",
    "LedgerRow",
    "add_note",
    "ask",
    "at_company",
    "close_ask",
    "close_loop",
    "introduce",
    "ledger",
    "list_asks",
    "suggest",
    "thank",
]
