"""Bringing contacts in and taking them out: import (with re-import matching),
export, duplicates and merge.

Importing is all or nothing: every file is read and parsed before anything is
written, then all of them go in one transaction (a dry run rolls it back). A
re-import updates the people it already knows instead of duplicating them,
matching by profile URL, then email, then name with company.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from netlog import policy, scheduler
from netlog.errors import InputError, NetlogError
from netlog.names import clean_name, company_words, fold
from netlog.records import Channel, Contact
from netlog.repository import Repository
from netlog.services import _get, normalise_tags, resolve, stamp


class _DryRun(Exception):
    """Raised inside the import transaction to roll a dry run back."""


@dataclass(slots=True)
class SkippedRow:
    file: str
    ref: str
    reason: str


@dataclass(slots=True)
class FileReport:
    file: str
    format: str
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: list[SkippedRow] = field(default_factory=list)


@dataclass(slots=True)
class ImportReport:
    files: list[FileReport]
    dry_run: bool

    @property
    def new(self) -> int:
        return sum(f.new for f in self.files)

    @property
    def updated(self) -> int:
        return sum(f.updated for f in self.files)

    @property
    def unchanged(self) -> int:
        return sum(f.unchanged for f in self.files)

    @property
    def skipped(self) -> list[SkippedRow]:
        return [s for f in self.files for s in f.skipped]


def _person_key(name: str, company: str | None) -> tuple[str, str]:
    return fold(name), " ".join(company_words(company)) if company else ""


def netlog_uid(contact_id: int, created_at: str) -> str:
    """The UID netlog's own vCard export gives a contact (see exporters.vcard)."""
    from netlog.exporters.vcard import uid_for

    return uid_for(contact_id, created_at)


def _identifiers(person: Any) -> list[tuple[str, str]]:
    """The outside identifiers an imported person carries: a vCard UID, a
    LinkedIn profile."""
    found: list[tuple[str, str]] = []
    uid = getattr(person, "uid", None)
    if uid:
        found.append(("vcard-uid", uid))
    found += [("linkedin", policy.url_key(u)) for u in person.urls if "linkedin.com/in/" in u]
    return found


class _Matcher:
    """Finds the existing contact an imported person is: by an identifier
    (a vCard UID, netlog's own UID, a LinkedIn profile), then URL, then any
    email, then name with company."""

    def __init__(self, repo: Repository) -> None:
        self.by_id: dict[tuple[str, str], int] = {}
        self.by_url: dict[str, int] = {}
        self.has_url: set[int] = set()
        self.by_email: dict[str, int] = {}
        self.by_person: dict[tuple[str, str], int] = {}
        # Identifiers stored from earlier imports first; then the UID netlog's own
        # export gives each contact, so a card exported, renamed elsewhere and
        # brought back finds its contact.
        for cid, scheme, value in repo.all_identifiers():
            self.by_id.setdefault((scheme, value), cid)
        for contact in repo.all_contacts():
            self.by_person.setdefault(_person_key(contact.name, contact.company), contact.id)
            self.by_id.setdefault(
                ("vcard-uid", netlog_uid(contact.id, contact.created_at)), contact.id
            )
        for cid, kind, _, key in repo.all_channels():
            self.add_channel(cid, kind, key)

    def add_channel(self, cid: int, kind: str, key: str) -> None:
        if kind == "url":
            self.by_url.setdefault(key, cid)
            self.has_url.add(cid)
        elif kind == "email":
            self.by_email.setdefault(key, cid)

    def add(self, cid: int, person: Any, name: str) -> None:
        self.by_person.setdefault(_person_key(name, person.company), cid)
        for ident in _identifiers(person):
            self.by_id.setdefault(ident, cid)
        for kind, values in (("email", person.emails), ("url", person.urls)):
            for value in values:
                self.add_channel(cid, kind, policy.channel_key(kind, value))

    def find(self, person: Any) -> int | None:
        for ident in _identifiers(person):
            if ident in self.by_id:
                return self.by_id[ident]
        urls = {policy.url_key(u) for u in person.urls}
        for url in urls:
            if url in self.by_url:
                return self.by_url[url]
        candidates = [self.by_email.get(policy.email_key(e)) for e in person.emails]
        candidates.append(self.by_person.get(_person_key(person.name, person.company)))
        for cid in candidates:
            # Two different profile URLs are two different people, whatever the name.
            if cid is not None and not (urls and cid in self.has_url):
                return cid
        return None


def _import_fields(person: Any) -> dict[str, Any]:
    """The contact fields an imported person provides (absent ones left out)."""
    values = {
        "company": person.company,
        "title": person.title,
        "birthday": person.birthday,
        "offers": person.offers,
        "seeks": person.seeks,
    }
    return {k: v for k, v in values.items() if v}


def _channels(person: Any) -> list[tuple[str, Channel]]:
    """Every email, phone and link of an imported person; the first of each
    kind is the preferred one. Each keeps the label the file gave it (work,
    home, mobile...: ``email_labels`` and its siblings, parallel to the values,
    empty or shorter when the file labels fewer), so "which number is the
    mobile" survives the import."""
    found: list[tuple[str, Channel]] = []
    for kind, values, labels in (
        ("email", person.emails, getattr(person, "email_labels", None) or ()),
        ("phone", person.phones, getattr(person, "phone_labels", None) or ()),
        ("url", person.urls, getattr(person, "url_labels", None) or ()),
    ):
        for n, value in enumerate(values):
            label = labels[n] if n < len(labels) else None
            found.append((kind, Channel(value, label or None, preferred=n == 0)))
    return found


def import_contacts(
    repo: Repository,
    files: Sequence[tuple[str, Any]],
    *,
    today: date,
    now: datetime,
    tags: Sequence[str] | None = None,
    cadence_days: int | None = None,
    dry_run: bool = False,
    progress: Any = None,
) -> ImportReport:
    """Import parsed files (``(name, ParseResult)``) in one transaction.

    New people get the import tags (default: ``linkedin`` for LinkedIn files)
    and a long cadence (default 180 days); without any history their first
    check-in falls in the second half of it, spread so that a large import does
    not all fall due at once (``policy.first_checkin_offset``). LinkedIn's
    "Connected On" becomes a ``met`` interaction. Known people are updated with
    the values the file provides, never duplicated.
    """
    stamp_now = stamp(now)
    reports = [FileReport(name, parsed.format) for name, parsed in files]
    chosen_tags = normalise_tags(list(tags)) if tags else None
    try:
        with repo.transaction():
            matcher = _Matcher(repo)
            pending: list[tuple[int, str]] = []
            for report, (_, parsed) in zip(reports, files, strict=True):
                report.skipped = [SkippedRow(report.file, s.ref, s.reason) for s in parsed.skipped]
                file_tags = chosen_tags
                if file_tags is None:
                    file_tags = ["linkedin"] if parsed.format == "linkedin" else []
                for person in parsed.contacts:
                    outcome = _import_one(
                        repo,
                        matcher,
                        person,
                        file_tags,
                        cadence_days,
                        today,
                        stamp_now,
                        pending,
                        parsed.format,
                    )
                    if outcome == "new":
                        report.new += 1
                    elif outcome == "updated":
                        report.updated += 1
                    else:
                        report.unchanged += 1
                    if progress is not None:
                        progress()
            _link_introducers(repo, pending, stamp_now)
            if dry_run:
                raise _DryRun
    except _DryRun:
        pass
    return ImportReport(reports, dry_run)


def _import_one(
    repo: Repository,
    matcher: _Matcher,
    person: Any,
    tags: list[str],
    cadence_days: int | None,
    today: date,
    stamp_now: str,
    pending_via: list[tuple[int, str]],
    source: str,
) -> str:
    name = clean_name(person.name)
    person_tags = normalise_tags([*tags, *person.tags])
    fields = _import_fields(person)
    channels = _channels(person)
    known_day = person.met_on is not None and person.met_on <= today
    cid = matcher.find(person)
    if cid is None:
        # --every (what the user typed now) wins over a cadence in the file.
        cadence = cadence_days or person.cadence_days or policy.IMPORT_CADENCE_DAYS
        new_id = repo.insert_contact(
            now=stamp_now,
            created_on=today,
            tags=person_tags,
            channels=channels,
            name=name,
            note=person.note,
            met=person.met,
            cadence_days=cadence,
            snoozed_until=person.snoozed_until,
            source=source,
            **fields,
        )
        for scheme, value in _identifiers(person):
            repo.add_identifier(new_id, scheme, value)
        if person.via:
            pending_via.append((new_id, person.via))
        if known_day:
            repo.insert_interaction(new_id, person.met_on, "met", person.met, stamp_now)
        matcher.add(new_id, person, name)
        return "new"
    existing = _get(repo, cid)
    changes = {k: v for k, v in fields.items() if getattr(existing, k) != v}
    if not existing.note and person.note:
        changes["note"] = person.note
    new_tags = [t for t in person_tags if t not in existing.tags]
    changed = bool(changes or new_tags)
    for kind, channel in channels:
        # What the file has that netlog has not; never takes the preferred place.
        changed |= repo.add_channel(cid, kind, Channel(channel.value))
    for scheme, value in _identifiers(person):
        changed |= repo.add_identifier(cid, scheme, value)
    if known_day and not repo.has_interaction(cid, person.met_on, "met", person.met):
        repo.insert_interaction(cid, person.met_on, "met", person.met, stamp_now)
        changed = True
    matcher.add(cid, person, name)
    if not changed:
        return "unchanged"
    repo.update_contact(cid, now=stamp_now, **changes)
    repo.add_tags(cid, new_tags)
    return "updated"


def _link_introducers(repo: Repository, pending: list[tuple[int, str]], stamp_now: str) -> None:
    """Who introduced whom, from netlog's own exports: linked by exact name when
    that name is one contact (otherwise left unlinked rather than guessed)."""
    for contact_id, via_name in pending:
        matches = repo.ids_by_name_key(fold(via_name))
        if len(matches) == 1 and matches[0][0] != contact_id:
            repo.update_contact(contact_id, now=stamp_now, via_id=matches[0][0])


# ----- duplicates and merge
@dataclass(slots=True)
class DuplicatePair:
    a_id: int
    a_name: str
    b_id: int
    b_name: str
    reason: str


FUZZY_BLOCK_LIMIT = 500


def duplicates(repo: Repository, limit: int = 200) -> list[DuplicatePair]:
    """Likely duplicate pairs: the same email or profile URL, or near-identical
    names (the same letters ignoring case and accents, or a close fuzzy match
    among names that start alike)."""
    contacts = repo.all_contacts()
    pairs: dict[tuple[int, int], str] = {}

    def note(a: Contact, b: Contact, reason: str) -> None:
        key = (min(a.id, b.id), max(a.id, b.id))
        pairs.setdefault(key, reason)

    by_id = {c.id: c for c in contacts}
    groups: dict[tuple[str, str], list[Contact]] = {}
    for cid, kind, _, key in repo.all_channels():
        if kind in ("email", "url") and key:
            members = groups.setdefault((kind, key), [])
            if by_id[cid] not in members:
                members.append(by_id[cid])
    for c in contacts:
        groups.setdefault(("name", fold(c.name)), []).append(c)
    for (kind, value), members in groups.items():
        # Each one paired with the first: a group of n gives n - 1 pairs, not n².
        for b in members[1:]:
            note(members[0], b, f"same {kind}: {value}" if kind != "name" else "same name")

    from rapidfuzz import fuzz, process

    blocks: dict[str, list[Contact]] = {}
    for c in contacts:
        words = fold(c.name).split()
        if words:
            key = words[0][:3] + (words[-1][:1] if len(words) > 1 else "")
            blocks.setdefault(key, []).append(c)
    for members in blocks.values():
        distinct = list({fold(c.name): c for c in members}.values())
        if len(distinct) < 2 or len(distinct) > FUZZY_BLOCK_LIMIT:
            continue
        keys = [fold(c.name) for c in distinct]
        for i, key in enumerate(keys):
            matches = process.extract(
                key, keys[i + 1 :], scorer=fuzz.token_sort_ratio, score_cutoff=90, limit=None
            )
            for _, score, j in matches:
                note(distinct[i], distinct[i + 1 + j], f"similar names ({score:.0f}%)")
    names = {c.id: c.name for c in contacts}
    found = [DuplicatePair(a, names[a], b, names[b], reason) for (a, b), reason in pairs.items()]
    found.sort(key=lambda p: (fold(p.a_name), p.a_id, p.b_id))
    return found[:limit]


MERGE_FIELDS = (
    "company", "title", "met", "note", "via_id", "offers", "seeks", "birthday",
)  # fmt: skip


def merge(repo: Repository, keep: str, other: str, *, now: datetime) -> tuple[Contact, Contact]:
    """Move everything of OTHER to KEEP (history, emails, phones, links and
    identifiers), fill KEEP's empty fields, delete OTHER."""
    stamp_now = stamp(now)
    with repo.transaction():
        kept = resolve(repo, keep)
        gone = resolve(repo, other)
        if kept.id == gone.id:
            raise InputError(
                f"{keep!r} and {other!r} are both {kept.name} (#{kept.id})",
                "name two different contacts: netlog merge KEEP OTHER",
            )
        fill = {
            f: getattr(gone, f)
            for f in MERGE_FIELDS
            if not getattr(kept, f)
            and getattr(gone, f)
            and not (f == "via_id" and gone.via_id == kept.id)
        }
        repo.move_everything(gone.id, kept.id, stamp_now)
        repo.add_tags(kept.id, gone.tags)
        repo.update_contact(kept.id, now=stamp_now, **fill)
        repo.delete_contact(gone.id)
        return _get(repo, kept.id), gone


# ----- export
def export_contacts(repo: Repository, tag: str | None = None) -> list[Contact]:
    """Contacts for vCard/CSV export (all, or those with a tag), by name."""
    contacts = repo.all_contacts()
    if tag:
        wanted = normalise_tags([tag])[0]
        contacts = [c for c in contacts if wanted in c.tags]
    return contacts


def export_due(
    repo: Repository, *, today: date, within_until: date, tag: str | None = None
) -> list[scheduler.DueItem]:
    """What is due between today and ``within_until`` (for the calendar)."""
    from netlog.services import due

    return due(repo, today=today, until=within_until, tag=tag)


def parse_json_file(data: bytes, source: str) -> Any:
    try:
        return json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise NetlogError(f"{source} is not valid JSON ({exc})", "is the file complete?") from None
