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
class RowOutcome:
    """What became of one row or card: the import's answer for it."""

    ref: str  # "line 7", "card 3"
    name: str
    outcome: str  # new | updated | unchanged
    contact_id: int
    by: str | None = None  # what matched an existing contact: "email", "vCard UID"...
    # When the row looks like another row of this import (the same email, URL,
    # identifier or name): that row, and whether the two were merged.
    like: str | None = None
    merged: bool = False


@dataclass(slots=True)
class FileReport:
    file: str
    format: str
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: list[SkippedRow] = field(default_factory=list)
    rows: list[RowOutcome] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)  # columns with values netlog does not use
    notes: list[str] = field(default_factory=list)  # e.g. "line 7: not UTF-8, read as ..."

    @property
    def duplicates(self) -> list[RowOutcome]:
        """Rows that look like an earlier row of the same import."""
        return [r for r in self.rows if r.like is not None]


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

    @property
    def duplicates(self) -> list[tuple[str, RowOutcome]]:
        return [(f.file, r) for f in self.files for r in f.duplicates]


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


# How much each kind of evidence says that a row is a contact netlog knows.
_WEIGHTS = {"vcard-uid": 8, "linkedin": 8, "url": 4, "email": 3, "person": 2}
_BY = {
    "vcard-uid": "vCard UID",
    "linkedin": "LinkedIn profile",
    "url": "URL",
    "email": "email",
    "person": "name and company",
}


class _Matcher:
    """Finds which contact an imported row is, by every piece of evidence it
    carries: an identifier (a vCard UID, netlog's own UID, a LinkedIn profile),
    a URL, any email, the name with the company. Each contact a row could be
    gets a score; the best one not yet taken by another row of this import
    wins, so two rows of one file are never silently made one contact, and a
    re-import finds each row's own contact again."""

    def __init__(self, repo: Repository) -> None:
        self.keys: dict[tuple[str, str], list[int]] = {}
        self.urls_of: dict[int, set[str]] = {}
        # Identifiers stored from earlier imports first; then the UID netlog's own
        # export gives each contact, so a card exported, renamed elsewhere and
        # brought back finds its contact.
        for cid, scheme, value in repo.all_identifiers():
            self._key(scheme, value, cid)
        for contact in repo.all_contacts():
            self._key("person", "\x1f".join(_person_key(contact.name, contact.company)), contact.id)
            self._key("vcard-uid", netlog_uid(contact.id, contact.created_at), contact.id)
        for cid, kind, _, key in repo.all_channels():
            self._channel(cid, kind, key)

    def _key(self, kind: str, value: str, cid: int) -> None:
        ids = self.keys.setdefault((kind, value), [])
        if cid not in ids:
            ids.append(cid)

    def _channel(self, cid: int, kind: str, key: str) -> None:
        if kind in ("email", "url") and key:
            self._key(kind, key, cid)
        if kind == "url" and key:
            self.urls_of.setdefault(cid, set()).add(key)

    def add(self, cid: int, person: Any, name: str) -> None:
        """What a row just brought to contact ``cid`` is evidence for later rows."""
        self._key("person", "\x1f".join(_person_key(name, person.company)), cid)
        for scheme, value in _identifiers(person):
            self._key(scheme, value, cid)
        for kind, values in (("email", person.emails), ("url", person.urls)):
            for value in values:
                self._channel(cid, kind, policy.channel_key(kind, value))

    def _evidence(self, person: Any) -> list[tuple[str, str]]:
        found = list(_identifiers(person))
        found += [("url", policy.url_key(u)) for u in person.urls]
        found += [("email", policy.email_key(e)) for e in person.emails]
        found.append(("person", "\x1f".join(_person_key(person.name, person.company))))
        return found

    def candidates(self, person: Any) -> list[tuple[int, str]]:
        """``(contact id, what matched best)``, most likely first."""
        urls = {policy.url_key(u) for u in person.urls}
        score: dict[int, int] = {}
        best: dict[int, str] = {}
        for kind, value in dict.fromkeys(self._evidence(person)):
            for cid in self.keys.get((kind, value), ()):
                # Two different profile URLs are two different people, whatever the name.
                if (
                    kind != "url"
                    and urls
                    and self.urls_of.get(cid)
                    and not urls & self.urls_of[cid]
                ):
                    continue
                score[cid] = score.get(cid, 0) + _WEIGHTS[kind]
                if _WEIGHTS[kind] > _WEIGHTS.get(best.get(cid, ""), 0):
                    best[cid] = kind
        ranked = sorted(score, key=lambda cid: (-score[cid], cid))
        return [(cid, _BY[best[cid]]) for cid in ranked]


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
        seen: set[str] = set()
        for n, value in enumerate(values):
            key = policy.channel_key(kind, value)
            if key in seen:  # the same one twice: the first label stands
                continue
            seen.add(key)
            label = labels[n] if n < len(labels) else None
            found.append((kind, Channel(value, label or None, preferred=len(seen) == 1)))
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
    merge_duplicates: bool = False,
    progress: Any = None,
) -> ImportReport:
    """Import parsed files (``(name, ParseResult)``) in one transaction.

    New people get the import tags (default: ``linkedin`` for LinkedIn files)
    and a long cadence (default 180 days); without any history their first
    check-in falls in the second half of it, spread so that a large import does
    not all fall due at once (``policy.first_checkin_offset``). LinkedIn's
    "Connected On" becomes a ``met`` interaction, and the last contact netlog's
    own exports carry an interaction on that day (``_imported_history``). Known
    people are updated with the values the file provides, never duplicated.

    Rows of the import that look like one another (the same email, URL,
    identifier, or name and company) are imported as separate contacts and
    listed as likely duplicates; with ``merge_duplicates`` the later row only
    fills in what the earlier one left empty. Either way each row is reported.
    """
    stamp_now = stamp(now)
    reports = [
        FileReport(name, parsed.format, ignored=list(parsed.ignored), notes=list(parsed.notes))
        for name, parsed in files
    ]
    chosen_tags = normalise_tags(list(tags)) if tags else None
    try:
        with repo.transaction():
            rows = _Rows(repo, _Matcher(repo), cadence_days, today, stamp_now, merge_duplicates)
            for report, (_, parsed) in zip(reports, files, strict=True):
                report.skipped = [SkippedRow(report.file, s.ref, s.reason) for s in parsed.skipped]
                file_tags = chosen_tags
                if file_tags is None:
                    file_tags = ["linkedin"] if parsed.format == "linkedin" else []
                for person in parsed.contacts:
                    row = rows.take(person, file_tags, parsed.format, report.file)
                    report.rows.append(row)
                    if row.outcome == "new":
                        report.new += 1
                    elif row.outcome == "updated":
                        report.updated += 1
                    else:
                        report.unchanged += 1
                    if progress is not None:
                        progress()
            _link_introducers(repo, rows.pending_via, stamp_now)
            if dry_run:
                raise _DryRun
    except _DryRun:
        pass
    return ImportReport(reports, dry_run)


class _Rows:
    """Takes the rows of one import in order, remembering which contact each
    one became, so later rows are told apart from earlier ones."""

    def __init__(
        self,
        repo: Repository,
        matcher: _Matcher,
        cadence_days: int | None,
        today: date,
        stamp_now: str,
        merge_duplicates: bool,
    ) -> None:
        self.repo, self.matcher = repo, matcher
        self.cadence_days, self.today, self.stamp_now = cadence_days, today, stamp_now
        self.merge_duplicates = merge_duplicates
        # contact id -> (file, "line 3 (Ada Lovelace, #12)"): the row that became or matched it
        self.taken: dict[int, tuple[str, str]] = {}
        self.pending_via: list[tuple[int, str]] = []

    def take(self, person: Any, tags: list[str], source: str, file: str) -> RowOutcome:
        name = clean_name(person.name)
        candidates = self.matcher.candidates(person)
        free = [(cid, by) for cid, by in candidates if cid not in self.taken]
        if free:
            cid, by = free[0]
            changed = self._update(cid, person, tags, fill_only=False)
            row = RowOutcome(person.ref, name, "updated" if changed else "unchanged", cid, by)
        elif candidates and self.merge_duplicates:
            cid, by = candidates[0]
            changed = self._update(cid, person, tags, fill_only=True)
            row = RowOutcome(person.ref, name, "updated" if changed else "unchanged", cid, by)
            row.like, row.merged = self._where(cid, file), True
        else:
            cid = self._create(person, name, tags, source)
            row = RowOutcome(person.ref, name, "new", cid)
            if candidates:
                row.like, row.by = self._where(candidates[0][0], file), candidates[0][1]
        self.taken.setdefault(cid, (file, f"{person.ref} ({name}, #{cid})"))
        self.matcher.add(cid, person, name)
        return row

    def _where(self, cid: int, file: str) -> str:
        """The row that took ``cid``, named for a reader of ``file``'s rows."""
        taken_in, label = self.taken[cid]
        return label if taken_in == file else f"{taken_in} {label}"

    def _create(self, person: Any, name: str, tags: list[str], source: str) -> int:
        # --every (what the user typed now) wins over a cadence in the file.
        cadence = self.cadence_days or person.cadence_days or policy.IMPORT_CADENCE_DAYS
        new_id = self.repo.insert_contact(
            now=self.stamp_now,
            created_on=self.today,
            tags=normalise_tags([*tags, *person.tags]),
            channels=_channels(person),
            name=name,
            note=person.note,
            met=person.met,
            cadence_days=cadence,
            snoozed_until=person.snoozed_until,
            source=source,
            **_import_fields(person),
        )
        for scheme, value in _identifiers(person):
            self.repo.add_identifier(new_id, scheme, value)
        if person.via:
            self.pending_via.append((new_id, person.via))
        _imported_history(self.repo, new_id, person, self.today, self.stamp_now)
        return new_id

    def _update(self, cid: int, person: Any, tags: list[str], *, fill_only: bool) -> bool:
        """Bring what the row holds to contact ``cid``; True when anything changed.
        ``fill_only``: only what the contact has no value for (a merged duplicate row
        must not overwrite the row before it, or a re-import would never settle)."""
        repo = self.repo
        existing = _get(repo, cid)
        fields = _import_fields(person)
        changes = {
            k: v
            for k, v in fields.items()
            if getattr(existing, k) != v and not (fill_only and getattr(existing, k))
        }
        if not existing.note and person.note:
            changes["note"] = person.note
        new_tags = [t for t in normalise_tags([*tags, *person.tags]) if t not in existing.tags]
        changed = bool(changes or new_tags)
        for kind, channel in _channels(person):
            # What the file has that netlog has not; never takes the preferred place.
            changed |= repo.add_channel(cid, kind, Channel(channel.value, channel.label))
        for scheme, value in _identifiers(person):
            changed |= repo.add_identifier(cid, scheme, value)
        changed |= _imported_history(repo, cid, person, self.today, self.stamp_now)
        if changed:
            repo.update_contact(cid, now=self.stamp_now, **changes)
            repo.add_tags(cid, new_tags)
        return changed


IMPORTED_LAST_CONTACT = "Last contact before the import"


def _imported_history(
    repo: Repository, contact_id: int, person: Any, today: date, stamp_now: str
) -> bool:
    """Add the history a file brings for a contact; True when something was added.

    Two days can come with a person: the day you met (LinkedIn's "Connected On",
    a CSV ``met_on``), which becomes a ``met`` interaction, and the day of the last
    contact (netlog's own exports: ``X-NETLOG-LAST-CONTACT``, the CSV's
    ``last_contact_on``), which becomes an answered interaction of kind ``other``
    on that day. The stored ``last_contact_on`` is never written: the unit of work
    derives it from this history, like every other derived value. The file knows
    the day but not what was said, and the summary says so. A last contact is
    added only when netlog knows no answered conversation on or after that day,
    so importing the same file again adds nothing (and reports no change), and
    a contact netlog has talked to since keeps its own history. Days after
    ``today`` are ignored, as ``log`` refuses them.
    """
    added = False
    met_on = person.met_on
    if (
        met_on is not None
        and met_on <= today
        and not repo.has_interaction(contact_id, met_on, "met", person.met)
    ):
        repo.insert_interaction(contact_id, met_on, "met", person.met, stamp_now)
        added = True
    last_on = person.last_contact_on
    if last_on is not None and last_on <= today:
        known = repo.latest_answered(contact_id)
        if known is None or date.fromisoformat(known[1]) < last_on:
            repo.insert_interaction(contact_id, last_on, "other", IMPORTED_LAST_CONTACT, stamp_now)
            added = True
    return added


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


@dataclass(frozen=True)
class MergePreview:
    kept: Contact
    gone: Contact
    moves: dict[str, int]  # what of OTHER moves to KEEP, by kind
    fills: list[str]  # KEEP's empty fields OTHER fills


def merge_preview(repo: Repository, keep: str, other: str) -> MergePreview:
    """What ``merge`` would do, without doing it (shown before it asks)."""
    kept, gone = _merge_pair(repo, keep, other)
    return MergePreview(kept, gone, repo.holdings(gone.id), sorted(_fills(kept, gone)))


def _merge_pair(repo: Repository, keep: str, other: str) -> tuple[Contact, Contact]:
    kept, gone = resolve(repo, keep), resolve(repo, other)
    if kept.id == gone.id:
        raise InputError(
            f"{keep!r} and {other!r} are both {kept.name} (#{kept.id})",
            "name two different contacts: netlog merge KEEP OTHER",
        )
    return kept, gone


def _fills(kept: Contact, gone: Contact) -> dict[str, Any]:
    return {
        f: getattr(gone, f)
        for f in MERGE_FIELDS
        if not getattr(kept, f)
        and getattr(gone, f)
        and not (f == "via_id" and gone.via_id == kept.id)
    }


def merge(repo: Repository, keep: str, other: str, *, now: datetime) -> tuple[Contact, Contact]:
    """Move everything of OTHER to KEEP (history, emails, phones, links and
    identifiers), fill KEEP's empty fields, delete OTHER."""
    stamp_now = stamp(now)
    with repo.transaction():
        kept, gone = _merge_pair(repo, keep, other)
        fill = _fills(kept, gone)
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
