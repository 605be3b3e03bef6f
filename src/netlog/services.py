"""Use cases: one function per thing a user does, each owning its transaction.

Services take plain values (already-parsed dates, an explicit ``today``/``now``),
raise ``NetlogError`` subclasses for anything the user can fix, and return plain
records. They never print, prompt or read the clock.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from typing import Any, NamedTuple

from netlog import policy, scheduler
from netlog.errors import (
    AmbiguousContact,
    ContactNotFound,
    DuplicateContact,
    InputError,
)
from netlog.names import clean_name, fold, fuzzy_rank, pick_fuzzy
from netlog.records import (
    KINDS,
    Channel,
    Contact,
    ContactDetail,
    ContactSummary,
    FollowUp,
    SearchHit,
    as_json,
)
from netlog.repository import Repository


def stamp(now: datetime) -> str:
    """An aware instant as stored: UTC, ISO 8601, second precision, ``Z`` suffix."""
    if now.tzinfo is None:
        raise ValueError("now must be timezone-aware")
    return now.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


# ----- resolving a contact argument
def resolve(repo: Repository, query: str) -> Contact:
    """Find the one contact a NAME argument means.

    Order: ``#ID``; an email address; the exact name (case- and accent-insensitive);
    a unique prefix of the name or of any word in it; a clear fuzzy match.
    Raises ``AmbiguousContact`` (with candidates) or ``ContactNotFound`` (with
    "did you mean" suggestions).
    """
    text = query.strip()
    if not text:
        raise InputError("an empty contact name", "give a name, a #ID or an email address")
    if text.startswith("#") and text[1:].isdigit():
        contact = repo.get_contact(int(text[1:]))
        if contact is None:
            raise ContactNotFound(text)
        return contact
    if policy.is_email(text):
        matches = repo.ids_by_email(text)
        if len(matches) == 1:
            return _get(repo, matches[0][0])
        if len(matches) > 1:
            raise AmbiguousContact(text, matches)
    key = fold(text)
    for finder in (repo.ids_by_name_key, repo.ids_by_prefix):
        matches = finder(key)
        if len(matches) == 1:
            return _get(repo, matches[0][0])
        if len(matches) > 1:
            raise AmbiguousContact(text, matches)
    ranked = fuzzy_rank(key, repo.name_keys())
    chosen = pick_fuzzy(ranked)
    if chosen is not None:
        return _get(repo, chosen)
    raise ContactNotFound(text, [f"{name} (#{cid})" for cid, name, _ in ranked[:3]])


def _get(repo: Repository, contact_id: int) -> Contact:
    contact = repo.get_contact(contact_id)
    if contact is None:  # pragma: no cover - the id came from the same transaction
        raise ContactNotFound(f"#{contact_id}")
    return contact


# ----- validation helpers
def normalise_tags(tags: list[str] | tuple[str, ...]) -> list[str]:
    """Tags as stored (``policy.normalise_tags``): ``--tag "python, ml"`` is two."""
    try:
        return policy.normalise_tags(tags)
    except policy.PolicyError as exc:
        raise InputError(
            f"{exc.args[0]!r} is not a tag", "use a word such as python or climbing"
        ) from None


def _check_kind(kind: str) -> str:
    value = kind.strip().lower()
    if value not in KINDS:
        raise InputError(f"unknown kind {kind!r}", "use one of " + ", ".join(KINDS))
    return value


def _check_past(day: date, today: date, what: str) -> None:
    if day > today:
        raise InputError(
            f"{what} {day.isoformat()} is in the future",
            "log things after they happen; use --follow-up to plan one",
        )


_CHANNEL_HINTS = {
    "email": ("is not an email address", "use e.g. ada@example.com or work:ada@example.com"),
    "phone": ("is not a phone number", "use e.g. +44 20 7946 0958 or mobile:+44 7700 900123"),
    "url": ("is not a link", "use e.g. https://example.com/ada"),
}


def parse_channels(kind: str, values: list[str] | tuple[str, ...]) -> list[Channel]:
    """``--email``/``--phone``/``--url`` values (``work:ada@example.com`` or a plain
    value) as channels; the first given is the preferred one."""
    channels: list[Channel] = []
    for n, raw in enumerate(values):
        label, value = policy.split_label(raw)
        valid = {
            "email": policy.is_email(value),
            "phone": any(ch.isdigit() for ch in value),
            "url": bool(value) and " " not in value,
        }[kind]
        if not valid:
            what, hint = _CHANNEL_HINTS[kind]
            raise InputError(f"{raw!r} {what}", hint)
        channels.append(Channel(value, label, preferred=n == 0))
    return channels


def _optional(text: str | None) -> str | None:
    if text is None:
        return None
    cleaned = text.strip()
    return cleaned or None


def _check_cadence(days: int | None) -> int | None:
    if days is not None and days <= 0:
        raise InputError("the check-in interval must be positive", "use e.g. --every 3w")
    return days


def record_favour(
    repo: Repository,
    contact: Contact,
    what: str,
    day: date,
    stamp_now: str,
    interaction_id: int | None = None,
) -> None:
    """A favour received: a ledger entry, a thank-you due the next day, and a
    close-the-loop (tell them how it turned out) 30 days later."""
    ledger_id = repo.insert_ledger(contact.id, "got", what, day, stamp_now, interaction_id)
    who = contact.first_name
    repo.insert_followup(
        contact.id,
        day + timedelta(days=policy.THANK_AFTER_DAYS),
        f"Thank {who} for: {what}",
        stamp_now,
        interaction_id,
        reason=scheduler.THANK_YOU,
        ledger_id=ledger_id,
    )
    repo.insert_followup(
        contact.id,
        day + timedelta(days=policy.CLOSE_LOOP_AFTER_DAYS),
        f"Tell {who} how “{what}” turned out",
        stamp_now,
        interaction_id,
        reason=scheduler.CLOSE_THE_LOOP,
        ledger_id=ledger_id,
    )


def _clean_list(values: list[str] | tuple[str, ...], option: str) -> list[str]:
    cleaned = [" ".join(v.split()) for v in values]
    if any(not v for v in cleaned):
        raise InputError(f"{option} needs some text", f"say what, e.g. {option} 'resume advice'")
    return cleaned


# ----- add
def add_contact(
    repo: Repository,
    name: str,
    *,
    today: date,
    now: datetime,
    company: str | None = None,
    title: str | None = None,
    emails: list[str] | tuple[str, ...] = (),
    phones: list[str] | tuple[str, ...] = (),
    urls: list[str] | tuple[str, ...] = (),
    tags: list[str] | tuple[str, ...] = (),
    met: str | None = None,
    via: str | None = None,
    every_days: int | None = None,
    on: date | None = None,
    note: str | None = None,
    offers: str | None = None,
    seeks: str | None = None,
    birthday: str | None = None,
    force: bool = False,
) -> Contact:
    """Create a contact and record the meeting as its first interaction. An
    introducer (``via``) gets a favour on their ledger: thank them, then tell them
    how it went."""
    display = clean_name(name)
    if not display:
        raise InputError("the name is empty", 'give the person\'s name, e.g. "Ada Lovelace"')
    met_on = on or today
    _check_past(met_on, today, "--on")
    cadence = _check_cadence(every_days) or policy.DEFAULT_CADENCE_DAYS
    clean_tags = normalise_tags(list(tags))
    channels = [
        (kind, channel)
        for kind, given in (("email", emails), ("phone", phones), ("url", urls))
        for channel in parse_channels(kind, given)
    ]
    stamp_now = stamp(now)
    with repo.transaction():
        existing = repo.ids_by_name_key(fold(display))
        if existing and not force:
            found = ", ".join(f"{name} (#{cid})" for cid, name in existing)
            raise DuplicateContact(
                f"{found} is already in your network",
                "use `netlog edit` to change them, or --force to add another person "
                "with the same name",
            )
        via_id = resolve(repo, via).id if via else None
        contact_id = repo.insert_contact(
            now=stamp_now,
            created_on=today,
            tags=clean_tags,
            channels=channels,
            name=display,
            company=_optional(company),
            title=_optional(title),
            met=_optional(met),
            note=_optional(note),
            via_id=via_id,
            offers=_optional(offers),
            seeks=_optional(seeks),
            birthday=birthday,
            cadence_days=cadence,
        )
        repo.insert_interaction(contact_id, met_on, "met", _optional(met), stamp_now)
        if via_id is not None:
            record_favour(repo, _get(repo, via_id), f"introduction to {display}", met_on, stamp_now)
        return _get(repo, contact_id)


# ----- log
# What the write services report: NamedTuples, cheap to define on every start
# (a frozen dataclass costs about 0.8 ms at import, this 0.1).
class LogResult(NamedTuple):
    contact: Contact
    interaction_id: int
    completed_followups: int
    followup: FollowUp | None


def check_log_options(
    *,
    today: date,
    kind: str = "other",
    on: date | None = None,
    follow_up_on: date | None = None,
    todo: str | None = None,
    gave: list[str] | tuple[str, ...] = (),
    got: list[str] | tuple[str, ...] = (),
) -> tuple[str, list[str], list[str], date, str | None]:
    """``log_interaction``'s options checked and cleaned: ``(kind, gave, got,
    day, todo)``. The CLI calls it before opening an editor for the summary, so
    a bad option is reported before anything is typed."""
    kind = _check_kind(kind)
    gave_ = _clean_list(list(gave), "--gave")
    got_ = _clean_list(list(got), "--got")
    day = on or today
    _check_past(day, today, "--on")
    todo = _optional(todo)
    if todo and follow_up_on is None:
        raise InputError("--todo needs --follow-up", "say when, e.g. --follow-up 'in 2 weeks'")
    # A promise made today falls today or later; one made in a conversation you
    # log late may already be overdue, but never before that conversation.
    if follow_up_on is not None and follow_up_on < (today if day == today else day):
        when = "in the past" if day == today else f"before the conversation ({day.isoformat()})"
        raise InputError(
            f"--follow-up {follow_up_on.isoformat()} is {when}",
            "give today or a later day, e.g. --follow-up 'in 2 weeks'",
        )
    return kind, gave_, got_, day, todo


def log_interaction(
    repo: Repository,
    query: str,
    summary: str | None,
    *,
    today: date,
    now: datetime,
    kind: str = "other",
    on: date | None = None,
    follow_up_on: date | None = None,
    todo: str | None = None,
    gave: list[str] | tuple[str, ...] = (),
    got: list[str] | tuple[str, ...] = (),
    no_reply: bool = False,
) -> LogResult:
    """Record an interaction; restart the cadence from its day (never backwards);
    complete follow-ups due by then; optionally schedule a new follow-up.

    ``gave``/``got`` go on the give-and-take ledger; each favour received also
    schedules a thank-you and a close-the-loop. ``no_reply`` records an attempt
    that got no answer: it schedules a patient nudge instead of restarting the
    cadence."""
    kind, gave, got, day, todo = check_log_options(
        today=today, kind=kind, on=on, follow_up_on=follow_up_on, todo=todo, gave=gave, got=got
    )
    summary = _optional(summary)
    stamp_now = stamp(now)
    with repo.transaction():
        contact = resolve(repo, query)
        interaction_id = repo.insert_interaction(
            contact.id, day, kind, summary, stamp_now, no_reply=no_reply
        )
        completed = repo.complete_followups(
            contact.id,
            stamp_now,
            due_by=day,
            reasons=(scheduler.FOLLOW_UP, scheduler.INTRO_FOLLOW_UP),
        )
        for what in gave:
            repo.insert_ledger(contact.id, "gave", what, day, stamp_now, interaction_id)
        for what in got:
            record_favour(repo, contact, what, day, stamp_now, interaction_id)
        followup = None
        if follow_up_on is not None:
            what = todo or (
                f"Follow up on: {summary.splitlines()[0]}"
                if summary
                else f"Follow up with {contact.name}"
            )
            fid = repo.insert_followup(contact.id, follow_up_on, what, stamp_now, interaction_id)
            followup = FollowUp(fid, contact.id, follow_up_on, what, interaction_id, stamp_now)
        return LogResult(_get(repo, contact.id), interaction_id, completed, followup)


# ----- due
def due(
    repo: Repository,
    *,
    today: date,
    until: date | None = None,
    tag: str | None = None,
    limit: int | None = None,
    people: bool = False,
    contact_ids: list[int] | None = None,
) -> list[scheduler.DueItem]:
    """Everything due today or overdue, plus what falls due by ``until``.

    ``limit`` keeps the most urgent items, or with ``people`` every item of the
    most urgent people (a table shows one row per person); ``contact_ids``
    only those contacts' items (acting on items by handle)."""
    horizon = max(until or today, today)
    tag = normalise_tags([tag])[0] if tag else None
    who = contact_ids
    items = scheduler.due_items(
        repo.checkin_candidates(horizon, tag, who),
        repo.followups_due(horizon, tag, who),
        today,
        horizon,
        asks=repo.asks_due(horizon, tag, who),
        birthdays=repo.birthdays(tag, who),
        balances=repo.balances(tag, who),
        dismissed=repo.dismissals(today),
        fading=repo.fading_candidates(horizon, today, tag, who),
    )
    archived = repo.ids_with_tag(policy.ARCHIVED_TAG)
    if archived and tag != policy.ARCHIVED_TAG:
        items = [i for i in items if i.contact_id not in archived]
    if limit is not None:
        if limit < 1:
            raise InputError("--limit must be at least 1", "use e.g. --limit 10")
        if people:
            kept = {g[0].contact_id for g in scheduler.by_contact(items)[:limit]}
            items = [i for i in items if i.contact_id in kept]
        else:
            items = items[:limit]
    return items


# ----- show, list, search
def show(repo: Repository, query: str) -> ContactDetail:
    contact = resolve(repo, query)
    return ContactDetail(
        contact=contact,
        interactions=repo.interactions(contact.id),
        open_followups=repo.open_followups(contact.id),
        introduced=repo.introduced_by(contact.id),
        ledger=repo.ledger(contact.id),
        asks=repo.asks(contact.id, status=None),
        notes=repo.notes(contact.id),
        introductions=repo.introductions(contact.id),
    )


def list_contacts(
    repo: Repository, *, tag: str | None = None, company: str | None = None, sort: str = "name"
) -> list[ContactSummary]:
    tag = normalise_tags([tag])[0] if tag else None
    return repo.list_contacts(tag=tag, company=company, sort=sort)


def list_contacts_json(
    repo: Repository, *, tag: str | None = None, company: str | None = None, sort: str = "name"
) -> Iterator[list[str]]:
    """The same listing in the documented contact form: each contact's JSON
    object as text, a thousand at a time (``render.print_json_objects``)."""
    tag = normalise_tags([tag])[0] if tag else None
    return repo.contacts_json(tag=tag, company=company, sort=sort)


def show_json(repo: Repository, query: str) -> dict[str, Any]:
    """``show --json``: the contact's documented form plus its history."""
    import json  # only here: the other services read no JSON

    detail = show(repo, query)
    data: dict[str, Any] = json.loads(repo.contact_json(detail.contact.id))
    data["interactions"] = as_json(detail.interactions)
    data["open_followups"] = as_json(detail.open_followups)
    data["introduced"] = [{"id": cid, "name": name} for cid, name in detail.introduced]
    data["ledger"] = as_json(detail.ledger)
    data["balance"] = {
        "gave": sum(e.direction == "gave" for e in detail.ledger),
        "got": sum(e.direction == "got" for e in detail.ledger),
    }
    data["asks"] = as_json(detail.asks)
    data["notes"] = as_json(detail.notes)
    data["introductions"] = as_json(detail.introductions)
    return data


def search(repo: Repository, text: str) -> list[SearchHit]:
    if not text.strip():
        raise InputError("nothing to search for", "give a word, e.g. netlog search hiring")
    return repo.search(text)


# ----- edit
def edit_contact(
    repo: Repository,
    query: str,
    *,
    today: date,
    now: datetime,
    name: str | None = None,
    company: str | None = None,
    title: str | None = None,
    emails: list[str] | tuple[str, ...] = (),
    phones: list[str] | tuple[str, ...] = (),
    urls: list[str] | tuple[str, ...] = (),
    remove: list[str] | tuple[str, ...] = (),
    prefer: list[str] | tuple[str, ...] = (),
    met: str | None = None,
    note: str | None = None,
    append_note: str | None = None,
    via: str | None = None,
    every_days: int | None = None,
    on: date | None = None,
    tags: list[str] | tuple[str, ...] = (),
    untags: list[str] | tuple[str, ...] = (),
    offers: str | None = None,
    seeks: str | None = None,
    birthday: str | None = None,
    force: bool = False,
) -> Contact:
    """Change what was given; an empty string clears a text field (or ``--via``,
    ``--birthday``). Emails, phones and links are added (an empty one removes
    all of that kind); ``remove`` takes values away and ``prefer`` makes one the
    preferred of its kind. ``append_note`` adds a paragraph to the note."""
    check_note_options(note, append_note)
    given = (name, company, title, met, note, append_note, via, every_days, on, offers, seeks,
             birthday)  # fmt: skip
    if all(v is None for v in given) and not any((emails, phones, urls, remove, prefer, tags,
                                                  untags)):  # fmt: skip
        raise InputError(
            "nothing to change",
            "give what to change, e.g. netlog edit ada --title CTO (see netlog edit --help)",
        )
    add_tags = normalise_tags(list(tags))
    clear = {kind for kind, given in (("email", emails), ("phone", phones), ("url", urls))
             if any(not v.strip() for v in given)}  # fmt: skip
    added = [
        (kind, Channel(c.value, c.label))
        for kind, given in (("email", emails), ("phone", phones), ("url", urls))
        for c in parse_channels(kind, [v for v in given if v.strip()])
    ]
    drop_tags = normalise_tags(list(untags))
    _check_cadence(every_days)
    if on is not None:
        _check_past(on, today, "--on")
    stamp_now = stamp(now)
    with repo.transaction():
        contact = resolve(repo, query)
        changes: dict[str, object] = {}
        if name is not None:
            display = clean_name(name)
            if not display:
                raise InputError("the new name is empty", "give a name, e.g. --name 'Ada King'")
            clash = [c for c in repo.ids_by_name_key(fold(display)) if c[0] != contact.id]
            if clash and not force:
                raise DuplicateContact(
                    f"{display} is already in your network (#{clash[0][0]})",
                    "pick another name, or --force to keep both",
                )
            changes["name"] = display
        for field, value in (
            ("company", company),
            ("title", title),
            ("met", met),
            ("note", note),
            ("offers", offers),
            ("seeks", seeks),
            ("birthday", birthday),
        ):
            if value is not None:
                changes[field] = _optional(value)
        if append_note is not None:
            changes["note"] = appended_note(contact.note, append_note)
        if via is not None:
            if via.strip():
                introducer = resolve(repo, via)
                if introducer.id == contact.id:
                    raise InputError(
                        f"{contact.name} cannot have introduced themselves",
                        "name the person who introduced you",
                    )
                changes["via_id"] = introducer.id
            else:
                changes["via_id"] = None
        if on is not None:
            first_met = repo.first_interaction_of_kind(contact.id, "met")
            if first_met is None:
                repo.insert_interaction(contact.id, on, "met", contact.met, stamp_now)
            else:
                repo.move_interaction(first_met.id, on)
        if every_days is not None:
            changes["cadence_days"] = every_days
        channels_changed = _edit_channels(repo, contact, clear, added, remove, prefer)
        if changes or add_tags or drop_tags or channels_changed:
            repo.update_contact(contact.id, now=stamp_now, **changes)  # bumps updated_at
        repo.add_tags(contact.id, add_tags)
        repo.remove_tags(contact.id, drop_tags)
        return _get(repo, contact.id)


def check_note_options(note: str | None, append_note: str | None) -> None:
    """``--note`` replaces the note, ``--append-note`` adds to it: one or the other."""
    if note is not None and append_note is not None:
        raise InputError(
            "--note and --append-note cannot be used together",
            "--note replaces the note, --append-note adds a paragraph to it: pick one",
        )
    if append_note is not None and not append_note.strip():
        raise InputError("--append-note needs some text", "e.g. --append-note 'moved to Lisbon'")


def appended_note(current: str | None, text: str) -> str:
    """``text`` as a new paragraph after the ``current`` note (if any)."""
    addition = text.strip()
    current = (current or "").rstrip()
    return f"{current}\n\n{addition}" if current.strip() else addition


def _edit_channels(
    repo: Repository,
    contact: Contact,
    clear: set[str],
    added: list[tuple[str, Channel]],
    remove: list[str] | tuple[str, ...],
    prefer: list[str] | tuple[str, ...],
) -> bool:
    """Apply edit's channel options; an unknown value to remove or prefer is an
    error naming what the contact has."""
    changed = False
    for kind in clear:
        changed |= repo.remove_channels(contact.id, kind) > 0
    for kind, channel in added:
        changed |= repo.add_channel(contact.id, kind, channel)
    for value, action in [*((v, "remove") for v in remove), *((v, "prefer") for v in prefer)]:
        which = _kind_of(contact, value)
        if which is None:
            have = [c.value for k in policy.CHANNEL_KINDS for c in contact.channels(k)]
            raise InputError(
                f"{contact.name} has no email, phone or link {value!r}",
                ("they have: " + ", ".join(have)) if have else "add one with --email/--phone/--url",
            )
        if action == "remove":
            changed |= repo.remove_channel(contact.id, which, value)
        else:
            changed |= repo.prefer_channel(contact.id, which, value)
    return changed


def _kind_of(contact: Contact, value: str) -> str | None:
    """Which of the contact's channels ``value`` names (by its matching key)."""
    for kind in policy.CHANNEL_KINDS:
        key = policy.channel_key(kind, value)
        if key and any(policy.channel_key(kind, c.value) == key for c in contact.channels(kind)):
            return kind
    return None


# ----- snooze, done, rm
class SnoozeResult(NamedTuple):
    contact: Contact
    changed: bool


def snooze(
    repo: Repository, query: str, until: date, *, today: date, now: datetime
) -> SnoozeResult:
    """Push the next check-in to ``until``; never pulls it earlier."""
    if until <= today:
        raise InputError(
            f"cannot snooze to {until.isoformat()}, which is not after today",
            "give a later day, e.g. 'in 2 weeks' or 'next monday'",
        )
    with repo.transaction():
        contact = resolve(repo, query)
        current = contact.next_checkin_on
        if current is not None and until <= current:
            return SnoozeResult(contact, False)
        repo.update_contact(contact.id, now=stamp(now), snoozed_until=until)
        return SnoozeResult(_get(repo, contact.id), True)


class DoneResult(NamedTuple):
    contact: Contact
    completed: list[FollowUp]  # what was marked done
    upcoming: list[FollowUp]  # what stays open because it is not due yet


def upcoming_followups(repo: Repository, query: str, *, today: date) -> list[FollowUp]:
    """A contact's open obligations that are not due yet (what ``done --all``
    would also complete)."""
    contact = resolve(repo, query)
    return [f for f in repo.open_followups(contact.id) if f.due_on > today]


def complete_followups(
    repo: Repository, query: str, *, today: date, now: datetime, upcoming_too: bool = False
) -> DoneResult:
    """Mark a contact's open obligations done without logging an interaction:
    those due today or earlier, and with ``upcoming_too`` the later ones as well
    (tomorrow's thank-you is not done because today's follow-up is)."""
    with repo.transaction():
        contact = resolve(repo, query)
        open_ = repo.open_followups(contact.id)
        chosen = [f for f in open_ if upcoming_too or f.due_on <= today]
        repo.complete_followup_ids([f.id for f in chosen], stamp(now))
        left = [f for f in open_ if f not in chosen]
        return DoneResult(contact, chosen, left)


def remove(repo: Repository, query: str) -> Contact:
    """Resolve a contact and delete it with its whole history, in one
    transaction (nothing can change who the name means in between)."""
    with repo.transaction():
        contact = resolve(repo, query)
        repo.delete_contact(contact.id)
        return contact
