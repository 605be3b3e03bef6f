"""Correcting history: list it with refs, amend or drop one entry, undo a command.

``history``, ``amend`` and ``drop`` work on single entries of a contact's
history (``i12``, ``n4``...: see ``netlog.repository.corrections``); ``undo``
works on whole commands, through the change journal every unit of work writes.
All of them write through the unit of work, so derived state (last contact,
next check-in) follows the corrected history.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from datetime import date

from netlog import policy
from netlog.errors import InputError, NetlogError
from netlog.records import ChangeSetRecord, HistoryEntry, RowChange
from netlog.repository import Repository
from netlog.repository import journal as journal_store
from netlog.repository.corrections import ENTRY_KINDS, ENTRY_TABLES
from netlog.repository.journal import JournalConflict

_REF = re.compile(r"^([inavxf])(\d{1,18})$")

# Derived or bookkeeping columns: a change of only these is not worth naming.
_QUIET = {
    "last_contact_on", "last_kind", "last_summary", "unanswered", "last_attempt_on",
    "last_note", "last_note_on", "next_checkin_on", "updated_at", "name_key",
}  # fmt: skip

_NOUNS = {
    "contact": ("contact", "contacts"),
    "contact_tag": ("tag", "tags"),
    "contact_channel": ("email, phone or link", "emails, phones or links"),
    "contact_identifier": ("identifier", "identifiers"),
    "interaction": ("conversation", "conversations"),
    "ledger": ("favour", "favours"),
    "introduction": ("introduction", "introductions"),
    "followup": ("follow-up", "follow-ups"),
    "ask": ("ask", "asks"),
    "life_note": ("note", "notes"),
    "dismissal": ("set-aside item", "set-aside items"),
    "setting": ("setting", "settings"),
    "captured": ("captured message or event", "captured messages and events"),
}


class NothingToUndo(NetlogError):
    """The journal holds no change that has not been undone."""


def parse_ref(text: str) -> tuple[str, int]:
    match = _REF.match(text.strip().lower())
    if not match:
        raise InputError(
            f"{text!r} is not a history entry",
            "use an id from 'netlog history NAME', e.g. i12 (conversation), n4 (note), "
            "a3 (ask), v7 (favour), x2 (introduction), f9 (follow-up)",
        )
    return match.group(1), int(match.group(2))


def history(
    repo: Repository, contact_id: int | None, limit: int | None = None
) -> list[HistoryEntry]:
    return repo.history_entries(contact_id, limit)


def entry(repo: Repository, ref: str) -> HistoryEntry:
    letter, row_id = parse_ref(ref)
    found = repo.entry(letter, row_id)
    if found is None:
        raise InputError(
            f"there is no {ENTRY_KINDS[letter]} {letter}{row_id}",
            "see 'netlog history NAME' for the ids",
        )
    return found


@dataclass(frozen=True, slots=True)
class Amendment:
    """What ``amend`` may change; None leaves a field as it is."""

    day: date | None = None
    text: str | None = None
    kind: str | None = None
    no_reply: bool | None = None


def amend(repo: Repository, ref: str, change: Amendment, *, today: date) -> HistoryEntry:
    """Change one entry; returns it as it is now."""
    with repo.transaction():
        current = entry(repo, ref)
        letter, row_id = parse_ref(ref)
        _, text_column, day_column = ENTRY_TABLES[letter]
        fields: dict[str, object] = {}
        if (change.kind is not None or change.no_reply is not None) and letter != "i":
            option = "--kind" if change.kind is not None else "--no-reply/--answered"
            raise InputError(
                f"{option} applies to conversations (i...), not to a {current.kind}",
                "leave it out, or amend a conversation",
            )
        if change.kind is not None:
            kind = change.kind.strip().lower()
            if kind not in policy.KINDS:
                raise InputError(
                    f"unknown kind {change.kind!r}", "use one of " + ", ".join(policy.KINDS)
                )
            fields["kind"] = kind
        if change.no_reply is not None:
            fields["no_reply"] = int(change.no_reply)
        if change.day is not None:
            if letter != "f" and change.day > today:
                raise InputError(
                    f"{change.day.isoformat()} is in the future",
                    f"a {current.kind} happened on a past day (only a follow-up is due later)",
                )
            fields[day_column] = change.day.isoformat()
        if change.text is not None:
            text = change.text.strip()
            if not text and letter not in ("i", "x"):
                raise InputError(f"a {current.kind} needs some text", "give the new text")
            fields[text_column] = text or None
        if not fields:
            raise InputError(
                f"nothing to change in {ref}",
                "give new text, --on DATE, or for a conversation --kind / --no-reply / --answered",
            )
        repo.amend_entry(letter, row_id, fields)
        return entry(repo, ref)


@dataclass(frozen=True, slots=True)
class Dropped:
    entry: HistoryEntry
    linked: list[HistoryEntry]


def drop_preview(repo: Repository, ref: str) -> Dropped:
    """What ``drop`` would delete: the entry and what was recorded with it."""
    found = entry(repo, ref)
    letter, row_id = parse_ref(ref)
    linked = [entry(repo, f"{k}{i}") for k, i in repo.linked_entries(letter, row_id)]
    return Dropped(found, linked)


def drop(repo: Repository, refs: list[str]) -> list[Dropped]:
    """Delete entries with what was recorded with them, in one unit of work."""
    with repo.transaction():
        previews = [drop_preview(repo, ref) for ref in refs]
        seen: set[str] = set()
        for preview in previews:
            for item in (*preview.linked, preview.entry):
                if item.ref in seen:
                    continue
                seen.add(item.ref)
                letter, row_id = parse_ref(item.ref)
                repo.drop_entry(letter, row_id)
        return previews


# ----- undo
@dataclass(frozen=True, slots=True)
class Undone:
    change: ChangeSetRecord
    effects: list[str]  # "added 1 conversation", ... what the undone command had done
    contacts: list[str]  # whose data it touched
    older: ChangeSetRecord | None  # what `undo` would revert next


def undo(repo: Repository) -> Undone:
    """Revert the latest change not yet undone, whatever command made it."""
    with repo.foreign_keys_off(), repo.transaction():
        target = repo.undoable()
        if target is None:
            raise NothingToUndo(
                "nothing to undo",
                f"netlog keeps the last {journal_store.KEEP} changes; see 'netlog undo --list'",
            )
        changes = repo.row_changes(target.id)
        try:
            repo.revert_rows(changes)
        except JournalConflict as exc:
            raise NetlogError(
                f"cannot undo {target.command!r}: a {exc.table} row it changed has been "
                "changed since, outside netlog; nothing was changed",
                "correct it with 'netlog amend' or 'netlog edit' instead",
            ) from None
        dangling = repo.dangling_references()
        if dangling:
            table, row, parent = dangling[0]
            raise NetlogError(
                f"cannot undo {target.command!r}: {table} row {row} would point at a missing "
                f"{parent}; nothing was changed",
                "run 'netlog check'",
            )
        repo.mark_undone(target.id)
        names = _contact_names(repo, changes)
        effects = describe(changes)
        older = repo.undoable()
    return Undone(target, effects, names, older)


def journal(repo: Repository, limit: int = 20) -> list[tuple[ChangeSetRecord, list[str]]]:
    """The latest changes, newest first, each with what it did."""
    return [(c, describe(repo.row_changes(c.id))) for c in repo.change_sets(limit)]


def describe(changes: list[RowChange]) -> list[str]:
    """``["added 1 conversation and 1 follow-up", "changed 1 contact"]``: what a set
    did, row by row in net (a row changed and then deleted counts as deleted;
    one added and deleted, not at all), leaving out rows whose only changes are
    derived columns."""
    first: dict[tuple[str, str], dict[str, object] | None] = {}
    last: dict[tuple[str, str], dict[str, object] | None] = {}
    for change in changes:
        image = change.after if change.after is not None else change.before
        assert image is not None
        keys = journal_store.PRIMARY_KEYS.get(change.tbl, tuple(image))
        row = (change.tbl, repr([image.get(k) for k in keys]))
        first.setdefault(row, change.before)
        last[row] = change.after
    counts: Counter[tuple[str, str]] = Counter()
    for row, before in first.items():
        after = last[row]
        if before is None and after is None:
            continue
        if before is None:
            op = "insert"
        elif after is None:
            op = "delete"
        else:
            moved = {k for k in after if before.get(k) != after[k]}
            if moved <= _QUIET:
                continue
            op = "update"
        counts[(op, row[0])] += 1
    phrases = []
    for op, verb in (("insert", "added"), ("update", "changed"), ("delete", "deleted")):
        parts = [
            f"{n} {_NOUNS.get(t, (t, t))[n != 1]}"
            for (o, t), n in sorted(counts.items(), key=lambda kv: _order(kv[0][1]))
            if o == op
        ]
        if parts:
            phrases.append(f"{verb} {_and(parts)}")
    return phrases or ["recomputed derived state"]


def _order(table: str) -> int:
    return list(_NOUNS).index(table) if table in _NOUNS else len(_NOUNS)


def _and(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def _contact_names(repo: Repository, changes: list[RowChange]) -> list[str]:
    """Who the changes were about, in first-seen order: names from the row
    images (a deleted contact has no row to look up)."""
    ids: list[int] = []
    names: dict[int, str] = {}
    for change in changes:
        for image in (change.before, change.after):
            if not image:
                continue
            if change.tbl == "contact":
                cid = image.get("id")
                if isinstance(cid, int):
                    names[cid] = str(image.get("name"))
                    ids.append(cid)
            for key in ("contact_id", "a_id", "b_id"):
                value = image.get(key)
                if isinstance(value, int):
                    ids.append(value)
    seen = list(dict.fromkeys(ids))
    names.update(repo.names_of(i for i in seen if i not in names))
    return [names[i] for i in seen if i in names]
