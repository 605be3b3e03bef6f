"""``netlog capture`` as a use case: read the sources, apply the rules, and
write one unit of work (or, with ``dry_run``, only say what it would write).

The rules (``judge_message``, ``judge_occurrence``) are pure: a message's or an
occurrence's facts and the ``Context`` in, a ``Verdict`` out.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import re
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field
from datetime import date, datetime, tzinfo
from pathlib import Path

from netlog import policy, scheduler
from netlog.capture import ical, mail
from netlog.capture.sources import Unit, find
from netlog.errors import DuplicateContact, InputError
from netlog.repository import Repository

SENT, RECEIVED, MEETING = policy.CAPTURE_DIRECTIONS
_KIND = {SENT: "email", RECEIVED: "email", MEETING: "meeting"}
_PREFIX = re.compile(r"^\s*((re|fwd?|aw|wg|sv|antw)\s*(\[\d+\])?\s*:\s*)+", re.IGNORECASE)
_ROBOT = re.compile(policy.CAPTURE_ROBOT_SENDERS, re.IGNORECASE)
SUMMARY_CHARS = 200
EPOCH = date(1970, 1, 1)
Progress = Callable[[int], AbstractContextManager[Callable[[], None] | None]]


@dataclass(frozen=True, slots=True)
class Options:
    me: tuple[str, ...] = ()  # --me; else the me.email setting
    include_cc: bool = False
    max_recipients: int = policy.CAPTURE_MAX_RECIPIENTS
    subjects: bool = True
    unknown: int = policy.CAPTURE_UNKNOWN
    since: date | None = None
    dry_run: bool = False


@dataclass(slots=True)
class Context:
    """What the rules compare a message or an occurrence with."""

    me: set[str]
    index: dict[str, list[int]]  # email key -> contacts
    met: dict[int, date]
    captured: dict[tuple[str, int], tuple[str, bool]]  # (key, contact) -> (direction, dropped)
    sent: dict[str, set[int]]  # your messages' keys -> the contacts they went to
    now: datetime
    today: date  # the CLI's day (NETLOG_TODAY): nothing after it counts
    tz: tzinfo
    options: Options

    def contacts_of(self, address: str) -> list[int]:
        return self.index.get(policy.email_key(address), [])

    def is_me(self, address: str) -> bool:
        return policy.email_key(address) in self.me


@dataclass(slots=True)
class Verdict:
    """What one message or occurrence counts as: captures for these contacts
    (``direction``), or the reason it does not count."""

    day: date | None = None
    direction: str = ""
    contacts: list[int] = field(default_factory=list)
    reason: str | None = None
    # You wrote to them and they are not contacts: (address, display name).
    strangers: list[tuple[str, str]] = field(default_factory=list)
    already: list[int] = field(default_factory=list)  # captured before (the key is known)


def _robot(address: str) -> bool:
    return bool(_ROBOT.match(address.partition("@")[0]))


def _keep(ctx: Context, key: str, day: date, contacts: list[int], verdict: Verdict) -> None:
    """Who of ``contacts`` this key counts for: not before you met, not before
    --since, not captured before (dropped or not)."""
    reasons = []
    for cid in dict.fromkeys(contacts):
        met = ctx.met.get(cid)
        if ctx.options.since and day < ctx.options.since:
            reasons.append("before --since")
        elif met is not None and day < met:
            reasons.append("before you met")
        elif (key, cid) in ctx.captured:
            reasons.append("dropped before" if ctx.captured[(key, cid)][1] else "already captured")
            verdict.already.append(cid)
        else:
            verdict.contacts.append(cid)
    if not verdict.contacts and reasons:
        verdict.reason = reasons[0]


def judge_message(msg: mail.Message, ctx: Context) -> Verdict:
    """The mail rules (README: netlog capture)."""
    if msg.when is None:
        return Verdict(reason="no readable date")
    if msg.bulk:
        return Verdict(reason=msg.bulk)
    if msg.sender is None:
        return Verdict(reason="no sender")
    day = msg.when.astimezone(ctx.tz).date()
    if msg.when > ctx.now or day > ctx.today:
        return Verdict(reason="dated in the future")
    everyone = [*msg.to, *msg.cc, *msg.bcc]
    if len({policy.email_key(a) for _, a in everyone}) > ctx.options.max_recipients:
        return Verdict(reason="too many recipients")
    verdict = Verdict(day=day)
    if ctx.is_me(msg.sender[1]):
        verdict.direction = SENT
        counted = [*msg.to, *((*msg.cc, *msg.bcc) if ctx.options.include_cc else ())]
        contacts = [cid for _, a in counted if not ctx.is_me(a) for cid in ctx.contacts_of(a)]
        seen: set[str] = set()
        for name, address in [*msg.to, *msg.cc]:
            akey = policy.email_key(address)
            if akey in seen or ctx.is_me(address) or ctx.contacts_of(address) or _robot(address):
                continue
            seen.add(akey)
            verdict.strangers.append((address, name))
        if not contacts:
            others = [a for _, a in everyone if not ctx.is_me(a)]
            if not others:
                verdict.reason = "only to yourself"
            elif any(ctx.contacts_of(a) for a in others):
                verdict.reason = "contacts only in Cc or Bcc"
            else:
                verdict.reason = "not a contact"
            return verdict
    else:
        verdict.direction = RECEIVED
        if _robot(msg.sender[1]):
            return Verdict(reason="no-reply sender")
        to_me = any(ctx.is_me(a) for _, a in everyone) or any(
            ctx.is_me(a) for a in msg.delivered_to
        )
        if not to_me:
            return Verdict(reason="not to you")
        contacts = list(ctx.contacts_of(msg.sender[1]))
        if not contacts:  # an answer from another address, by the thread it answers
            contacts = sorted({cid for ref in msg.refs for cid in ctx.sent.get(ref, ())})
        if not contacts:
            return Verdict(direction=RECEIVED, reason="not a contact")
    _keep(ctx, msg.key, day, contacts, verdict)
    return verdict


def judge_occurrence(occ: ical.Occurrence, ctx: Context) -> Verdict:
    """The calendar rules (README: netlog capture)."""
    if occ.cancelled:
        return Verdict(reason="cancelled")
    if not occ.ended or occ.day > ctx.today:
        return Verdict(reason="not over yet")
    mine = [p for p in occ.people if ctx.is_me(p.address)]
    if any(p.declined for p in mine):
        return Verdict(reason="you declined")
    others = [p for p in occ.people if not ctx.is_me(p.address)]
    if not others:
        return Verdict(reason="no one but you")
    if len(others) > ctx.options.max_recipients:
        return Verdict(reason="too many attendees")
    verdict = Verdict(day=occ.day, direction=MEETING)
    contacts = [cid for p in others if not p.declined for cid in ctx.contacts_of(p.address)]
    if not contacts:
        declined = any(ctx.contacts_of(p.address) for p in others)
        verdict.reason = "declined" if declined else "not a contact"
        return verdict
    _keep(ctx, occ.key, occ.day, contacts, verdict)
    return verdict


# ----- what a run found and did
@dataclass(slots=True)
class Group:
    """The messages or occurrences of one contact, day and direction: one interaction."""

    keys: list[str] = field(default_factory=list)
    subjects: list[str] = field(default_factory=list)
    latest: datetime | None = None


@dataclass(slots=True)
class Logged:
    contact_id: int
    contact: str
    occurred_on: date
    kind: str
    direction: str
    summary: str | None
    messages: int  # messages or occurrences it counts
    interaction_id: int | None  # None in a dry run, or when added to an earlier one
    new: bool  # a new interaction (else added to the one captured that day before)


@dataclass(slots=True)
class Stranger:
    address: str
    name: str | None
    messages: int
    first_on: date
    last_on: date


@dataclass(slots=True)
class CaptureResult:
    dry_run: bool
    new: int = 0  # interactions added
    messages: int = 0  # messages read
    events: int = 0  # event occurrences read
    counted: int = 0  # of those, how many counted for a contact
    skipped: Counter[str] = field(default_factory=Counter)
    unchanged_files: int = 0
    files_read: int = 0
    logged: list[Logged] = field(default_factory=list)
    unknown: list[Stranger] = field(default_factory=list)
    added: list[tuple[int, str]] = field(default_factory=list)  # --add-unknown
    not_added: list[tuple[str, str]] = field(default_factory=list)  # (address, why)


def my_addresses(repo: Repository, given: tuple[str, ...]) -> list[str]:
    """Your addresses: ``--me``, else the ``me.email`` setting; an InputError
    when neither says."""
    text = ", ".join(given) if given else (repo.setting("me.email") or "")
    try:
        found = policy.parse_addresses(text)
    except policy.PolicyError as exc:
        where = "--me" if given else "me.email"
        raise InputError(
            f"{exc.args[0]!r} in {where} is not an email address",
            'use e.g. netlog config set me.email "ada@work.example, ada@home.example"',
        ) from None
    if not found:
        raise InputError(
            "netlog capture needs your own email addresses to tell what you sent",
            'set them once: netlog config set me.email "ada@work.example, ada@home.example" '
            "(or pass --me)",
        )
    return found


def _fingerprint(ctx: Context) -> str:
    basis = json.dumps(
        [
            sorted(ctx.me),
            sorted(ctx.index.items()),
            sorted((c, d.isoformat()) for c, d in ctx.met.items()),
            ctx.options.include_cc,
            ctx.options.max_recipients,
            ctx.options.since.isoformat() if ctx.options.since else None,
        ]
    )
    return hashlib.sha256(basis.encode()).hexdigest()[:32]


def _summary(subjects: list[str]) -> str | None:
    distinct: list[str] = []
    for subject in subjects:
        clean = _PREFIX.sub("", subject).strip()
        if clean and clean.casefold() not in (s.casefold() for s in distinct):
            distinct.append(clean)
    if not distinct:
        return None
    text = "; ".join(distinct[:3]) + (f" (+{len(distinct) - 3} more)" if len(distinct) > 3 else "")
    return text if len(text) <= SUMMARY_CHARS else text[: SUMMARY_CHARS - 1] + "…"


class _Run:
    def __init__(self, repo: Repository, ctx: Context, result: CaptureResult) -> None:
        self.repo, self.ctx, self.result = repo, ctx, result
        self.groups: dict[tuple[int, date, str], Group] = {}
        self.strangers: list[tuple[str, str, str | None, date]] = []
        self.pending: list[mail.Message] = []  # answers from unknown addresses, for later
        self.new_keys: set[tuple[str, int]] = set()

    def message(self, msg: mail.Message, final: bool = False) -> None:
        verdict = judge_message(msg, self.ctx)
        if (
            not final
            and verdict.reason == "not a contact"
            and verdict.direction == RECEIVED
            and msg.refs
        ):
            self.pending.append(msg)  # the message it answers may come later
            return
        self.result.messages += 1
        if verdict.day is not None:
            for address, name in verdict.strangers:
                self.strangers.append(
                    (policy.email_key(address), msg.key, name or None, verdict.day)
                )
        if verdict.direction == SENT and (verdict.contacts or verdict.already):
            self.ctx.sent.setdefault(msg.key, set()).update(verdict.contacts + verdict.already)
        self._count(verdict, msg.key, msg.subject, msg.when)

    def occurrence(self, occ: ical.Occurrence) -> None:
        self.result.events += 1
        self._count(judge_occurrence(occ, self.ctx), occ.key, occ.summary, None)

    def _count(
        self, verdict: Verdict, key: str, subject: str | None, when: datetime | None
    ) -> None:
        if not verdict.contacts:
            self.result.skipped[verdict.reason or "not a contact"] += 1
            return
        assert verdict.day is not None
        fresh = [cid for cid in verdict.contacts if (key, cid) not in self.new_keys]
        if not fresh:  # the same message in two folders
            self.result.skipped["already captured"] += 1
            return
        self.result.counted += 1
        for cid in fresh:
            self.new_keys.add((key, cid))
            group = self.groups.setdefault((cid, verdict.day, verdict.direction), Group())
            group.keys.append(key)
            if subject:
                group.subjects.append(subject)
            if when is not None and (group.latest is None or when > group.latest):
                group.latest = when

    def finish(self) -> None:
        for msg in self.pending:
            self.message(msg, final=True)
        self.pending = []


def _read(unit: Unit, run: _Run, ctx: Context, start: date) -> None:
    if unit.kind in ("maildir", "eml"):
        run.message(mail.parse(mail.read_headers(unit.path)))
    elif unit.kind == "mbox":
        for block in mail.iter_mbox(unit.path):
            run.message(mail.parse(block))
    else:
        with open(unit.path, "rb") as f:
            data = f.read()
        for occ in ical.occurrences(data, start, ctx.now, ctx.tz):
            run.occurrence(occ)


def capture(
    repo: Repository,
    paths: list[Path],
    options: Options,
    *,
    today: date,
    now: datetime,
    tz: tzinfo,
    progress: Progress | None = None,
    add: list[Stranger] | None = None,
) -> CaptureResult:
    """Capture interactions from ``paths`` (one unit of work; nothing written
    with ``options.dry_run``). ``add``: people to add as contacts first (from
    ``--add-unknown``), so their messages count in the same run."""
    if options.max_recipients < 1:
        raise InputError("--max-recipients must be at least 1", "use e.g. --max-recipients 10")
    if options.since is not None and options.since > today:
        raise InputError(f"--since {options.since} is in the future", "give a past day")
    units = find(paths)
    me = my_addresses(repo, options.me)
    scope: AbstractContextManager[object] = nullcontext() if options.dry_run else repo.transaction()
    with scope:
        result = CaptureResult(dry_run=options.dry_run)
        if add:
            _add_people(repo, add, result, today=today, now=now)
        ctx = Context(
            me={policy.email_key(a) for a in me},
            index=repo.email_index(),
            met=repo.met_days(),
            captured=repo.captured_keys(),
            sent={},
            now=now,
            today=today,
            tz=tz,
            options=options,
        )
        for (key, cid), (direction, _) in ctx.captured.items():
            if direction == SENT:
                ctx.sent.setdefault(key, set()).add(cid)
        fingerprint = _fingerprint(ctx)
        trusted = repo.capture_state("captured_rows") == str(repo.captured_count())
        known = repo.capture_files() if trusted else {}
        todo = [u for u in units if known.get(u.state_key) != (u.mtime_ns, u.size, fingerprint)]
        result.unchanged_files = len(units) - len(todo)
        run = _Run(repo, ctx, result)
        start = options.since or EPOCH
        shown = progress(len(todo)) if progress and todo else nullcontext(None)
        with shown as advance:
            for unit in todo:
                try:
                    _read(unit, run, ctx, start)
                except OSError:
                    result.skipped["unreadable file"] += 1
                except ical.CalendarUnreadable:
                    result.skipped["unreadable calendar"] += 1
                result.files_read += 1
                if advance is not None:
                    advance()
        run.finish()
        _write(repo, run, options, now)
        if not options.dry_run and todo:
            repo.save_recipients(run.strangers)
            repo.save_capture_files((u.state_key, u.mtime_ns, u.size, fingerprint) for u in todo)
            repo.set_capture_state("captured_rows", str(repo.captured_count()))
        result.unknown = _unknown(repo, run, options)
    return result


def _write(repo: Repository, run: _Run, options: Options, now: datetime) -> None:
    from netlog.services import stamp

    stamp_now = stamp(now)
    names = repo.names_of(cid for cid, _, _ in run.groups)
    order = sorted(
        run.groups.items(),
        key=lambda item: (item[0][1], item[1].latest or datetime.min.replace(tzinfo=now.tzinfo),
                          names.get(item[0][0], ""), item[0][2]),
    )  # fmt: skip
    rows: list[tuple[str, int, str, int]] = []
    for (cid, day, direction), group in order:
        summary = _summary(group.subjects) if options.subjects else None
        existing = repo.captured_interaction(cid, day, direction)
        interaction_id = existing
        if existing is None and not options.dry_run:
            interaction_id = repo.insert_interaction(
                cid, day, _KIND[direction], summary, stamp_now, no_reply=direction == SENT
            )
            if direction != RECEIVED:  # you reached out or met: that is following up
                repo.complete_followups(
                    cid,
                    stamp_now,
                    due_by=day,
                    reasons=(scheduler.FOLLOW_UP, scheduler.INTRO_FOLLOW_UP),
                )
        if existing is None:
            run.result.new += 1
        if interaction_id is not None:
            rows += [(key, cid, direction, interaction_id) for key in group.keys]
        run.result.logged.append(
            Logged(
                contact_id=cid,
                contact=names.get(cid, ""),
                occurred_on=day,
                kind=_KIND[direction],
                direction=direction,
                summary=summary,
                messages=len(group.keys),
                interaction_id=None if options.dry_run else interaction_id,
                new=existing is None,
            )
        )
    if rows and not options.dry_run:
        repo.insert_captured(rows)


def _unknown(repo: Repository, run: _Run, options: Options) -> list[Stranger]:
    """The people you wrote to most who are not contacts (stored from earlier
    runs, and this run's)."""
    people: dict[str, Stranger] = {}
    for address, name, count, first, last in repo.recipients():
        people[address] = Stranger(address, name, count, first, last)
    if options.dry_run:  # this run's were not stored
        index = run.ctx.index
        stored = repo.recipient_keys()
        for address, key, name, day in dict.fromkeys(run.strangers):
            if address in index or (address, key) in stored:
                continue
            found = people.get(address)
            if found is None:
                people[address] = Stranger(address, name, 1, day, day)
            else:
                found.messages += 1
                found.first_on, found.last_on = min(found.first_on, day), max(found.last_on, day)
                found.name = found.name or name
    ranked = sorted(people.values(), key=lambda s: (-s.messages, -s.last_on.toordinal(), s.address))
    return ranked[: max(options.unknown, 0)]


def display_name(person: Stranger) -> str:
    """The name a person you wrote to gets as a contact: the name their
    address carried, else their address's local part in words."""
    name = " ".join((person.name or "").replace('"', "").split())
    if name and not policy.is_email(name):
        return name
    local = person.address.partition("@")[0]
    words = [w for w in re.split(r"[._\-+]+", local) if w]
    return " ".join(w.capitalize() for w in words) or person.address


def _add_people(
    repo: Repository,
    people: list[Stranger],
    result: CaptureResult,
    *,
    today: date,
    now: datetime,
) -> None:
    from netlog import services

    for person in people:
        if repo.ids_by_email(person.address):
            continue
        name = display_name(person)
        try:
            contact = services.add_contact(
                repo,
                name,
                today=today,
                now=now,
                emails=[person.address],
                on=min(person.first_on, today),
                met="email",
            )
        except DuplicateContact:
            result.not_added.append((person.address, f"{name} is already a contact"))
            continue
        result.added.append((contact.id, contact.name))


def unknown_people(
    repo: Repository, paths: list[Path], options: Options, *, today: date, now: datetime,
    tz: tzinfo,
) -> list[Stranger]:  # fmt: skip
    """Who ``--add-unknown`` would offer: a dry run's list of people you write
    to who are not contacts."""
    dry = dataclasses.replace(options, dry_run=True)
    return capture(repo, paths, dry, today=today, now=now, tz=tz).unknown


def iter_logged(result: CaptureResult) -> Iterator[tuple[int, str, list[Logged]]]:
    """What was (or would be) logged, per contact, by name."""
    by_contact: dict[int, list[Logged]] = {}
    for item in result.logged:
        by_contact.setdefault(item.contact_id, []).append(item)
    for cid, items in sorted(by_contact.items(), key=lambda kv: (kv[1][0].contact, kv[0])):
        yield cid, items[0].contact, sorted(items, key=lambda i: (i.occurred_on, i.direction))
