"""Reminders, two ways, between netlog's due items and a task-list folder.

Every open due item, and every item coming up within the window, is one VTODO
(one ``.ics`` file) with:

* the UID of netlog's calendar export (``exporters.ics.item_uid``), the same
  for the same obligation on every sync (a check-in or nudge is one rolling
  reminder per contact, whose DUE moves);
* DUE on the day it falls due (an overdue item keeps its day: task apps show it
  as overdue), and a VALARM at ``policy.SYNC_ALARM_HOURS`` that morning;
* SUMMARY saying what to do ("Check in with Ada Lovelace"), DESCRIPTION with
  the suggested action and talking points in absolute dates and the item's
  handle, CATEGORIES its reason, and ``X-NETLOG-HANDLE``.

Read back at the next sync (only files whose ETag changed are read):

* ``STATUS:COMPLETED`` marks the item done in netlog, as ``netlog done HANDLE``
  does;
* a DUE moved later snoozes it to that day, as ``netlog snooze HANDLE DAY``;
* a reminder deleted there is not written again while its due day stays the
  same (netlog keeps the item; ``netlog skip`` sets it aside).

An item that is no longer due in netlog (done, skipped, snoozed past the
window) is marked completed in the folder. netlog owns the reminders' text: a
reminder it rewrites is written whole. Tasks in the folder that netlog did not
write are never read as netlog's nor touched.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

from netlog import policy
from netlog.errors import NetlogError
from netlog.exporters import content_lines, escape_text
from netlog.exporters.ics import PRODID, description, item_uid, summary
from netlog.repository import Repository
from netlog.repository.syncstate import FolderState, ItemState, SyncStateStore
from netlog.scheduler import DueItem
from netlog.sync.vdir import Vdir, digest

SIDE = "tasks"
_DATE = re.compile(r"(\d{4})(\d{2})(\d{2})")


@dataclass(slots=True)
class TasksReport:
    folder: str
    written: list[str] = field(default_factory=list)  # new or changed reminders
    completed_in_folder: list[str] = field(default_factory=list)
    done_in_netlog: list[str] = field(default_factory=list)  # "handle · summary"
    snoozed_in_netlog: list[str] = field(default_factory=list)
    deleted_elsewhere: list[str] = field(default_factory=list)
    not_applied: list[str] = field(default_factory=list)  # a change netlog could not follow
    unchanged: int = 0


# ----- the VTODO
def _day(day: date) -> str:
    return f"{day.year:04d}{day.month:02d}{day.day:02d}"


def local_fields(item: DueItem) -> dict[str, Any]:
    text = description(item)
    return {
        "handle": item.handle,
        "summary": summary(item),
        "description": f"{text}\n\nnetlog: {item.handle}" if text else f"netlog: {item.handle}",
        "due": item.due_on.isoformat(),
        "reason": item.reason,
        "contact": item.contact,
    }


def render(uid: str, local: dict[str, Any], stamp: str, completed: bool = False) -> bytes:
    due = _day(date.fromisoformat(local["due"]))
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "BEGIN:VTODO",
        f"UID:{escape_text(uid)}",
        f"DTSTAMP:{stamp}",
        f"LAST-MODIFIED:{stamp}",
        f"SUMMARY:{escape_text(local['summary'])}",
        f"DESCRIPTION:{escape_text(local['description'])}",
        f"DUE;VALUE=DATE:{due}",
        f"CATEGORIES:{escape_text(local['reason'])}",
        f"X-NETLOG-HANDLE:{escape_text(local['handle'])}",
    ]
    if completed:
        lines += ["STATUS:COMPLETED", f"COMPLETED:{stamp}", "PERCENT-COMPLETE:100"]
    else:
        lines += [
            "STATUS:NEEDS-ACTION",
            "BEGIN:VALARM",
            "ACTION:DISPLAY",
            f"DESCRIPTION:{escape_text(local['summary'])}",
            f"TRIGGER;RELATED=END:PT{policy.SYNC_ALARM_HOURS}H",
            "END:VALARM",
        ]
    lines += ["END:VTODO", "END:VCALENDAR"]
    return content_lines(lines).encode("utf-8")


def read_task(data: bytes) -> dict[str, Any] | None:
    """UID, STATUS and DUE (a day) of the VTODO in a file; None when it holds none."""
    text = data.decode("utf-8-sig", errors="replace").replace("\r\n", "\n")
    lines: list[str] = []
    for line in text.split("\n"):
        if line[:1] in (" ", "\t") and lines:
            lines[-1] += line[1:]
        elif line.strip():
            lines.append(line)
    found: dict[str, Any] = {}
    depth, inside = 0, False
    for line in lines:
        head, _, value = line.partition(":")
        name = head.split(";", 1)[0].strip().upper()
        if name == "BEGIN":
            if value.strip().upper() == "VTODO" and not inside:
                inside, depth = True, 0
            elif inside:
                depth += 1
            continue
        if name == "END" and inside:
            if depth == 0:
                break
            depth -= 1
            continue
        if not inside or depth:
            continue
        if name == "UID":
            found["uid"] = value.strip().replace("\\,", ",").replace("\\;", ";")
        elif name == "STATUS":
            found["status"] = value.strip().upper()
        elif name == "DUE":
            match = _DATE.match(value.strip())
            if match:
                found["due"] = f"{match[1]}-{match[2]}-{match[3]}"
    if not inside or "uid" not in found:
        return None
    return {"uid": found["uid"], "status": found.get("status", "NEEDS-ACTION"),
            "due": found.get("due")}  # fmt: skip


def _stamp(now: datetime) -> str:
    return now.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def _done(remote: dict[str, Any] | None) -> bool:
    return (
        bool(remote) and remote is not None and remote.get("status") in ("COMPLETED", "CANCELLED")
    )


# ----- the sync
class TaskSync:
    def __init__(
        self, repo: Repository, folder: Vdir, *, today: date, now: datetime, within_days: int
    ) -> None:
        self.repo, self.folder, self.today, self.now = repo, folder, today, now
        self.until = today + timedelta(days=within_days)
        self.store = SyncStateStore(repo.conn)
        self.report = TasksReport(str(folder.path))
        self.stamp = _stamp(now)
        self._changed: dict[str, ItemState] = {}

    def run(self) -> TasksReport:
        from netlog import handles
        from netlog.services import due

        store = self.store
        previous = store.folder(SIDE)
        if previous is not None and previous.path != str(self.folder.path):
            store.forget(SIDE)
        states = store.items(SIDE)
        entries = self.folder.entries()
        remote: dict[str, tuple[str, str, str | None, dict[str, Any] | None]] = {}
        for uid, state in states.items():
            if state.href is None:
                continue
            entry = entries.get(state.href)
            if entry is None:
                remote[uid] = ("", "", None, None)  # deleted there
            elif entry.etag == state.etag:
                remote[uid] = (
                    state.href,
                    entry.etag,
                    state.digest,
                    json.loads(state.remote or "null"),
                )
            else:
                data = self.folder.read(state.href)
                task = read_task(data)
                remote[uid] = (state.href, entry.etag, digest(data), task)
        # What changed there, done in netlog (one unit of work: the caller's).
        for uid, (href, _, _, task) in remote.items():
            state = states[uid]
            base = json.loads(state.remote or "null")
            local = json.loads(state.local)
            if not href:
                self.report.deleted_elsewhere.append(f"{state.handle} · {local['summary']}")
                state.href = state.etag = state.digest = None
                self._changed[uid] = state
                continue
            if task is None or base is None or state.handle is None:
                continue
            action, until = None, None
            if _done(task) and not _done(base):
                action = "done"
            elif task.get("due") and base.get("due") and task["due"] > base["due"]:
                action, until = "snooze", date.fromisoformat(task["due"])
            if action is None:
                continue
            line = f"{state.handle} · {local['summary']}"
            if action == "snooze" and until is not None and until <= self.today:
                self.report.not_applied.append(f"{line}: moved to {until}, not after today")
                continue
            try:
                handles.act(self.repo, [state.handle], action, today=self.today, now=self.now,
                            until=until)  # fmt: skip
            except NetlogError:
                continue  # no longer due in netlog: nothing to carry over
            target = (
                self.report.done_in_netlog if action == "done" else self.report.snoozed_in_netlog
            )
            target.append(line if action == "done" else f"{line} → {until}")

        items = due(self.repo, today=self.today, until=self.until)
        seen: set[str] = set()
        saved: list[ItemState] = []
        taken = set(entries)
        for item in items:
            uid = item_uid(item)
            if uid in seen:
                continue
            seen.add(uid)
            local = local_fields(item)
            known: ItemState | None = states.get(uid)
            if known is not None and known.href is None:
                if json.loads(known.local).get("due") == local["due"]:
                    continue  # deleted there: not written again for the same day
                known = None
            current = remote.get(uid)
            task = current[3] if current else None
            if (
                known is not None
                and current
                and json.loads(known.local) == local
                and not _done(task)
            ):
                self.report.unchanged += 1
                if current[1] != known.etag:
                    known.etag, known.digest = current[1], current[2]
                    known.remote = json.dumps(task)
                    saved.append(known)
                continue
            name = (
                known.href if known is not None and known.href else self.folder.new_name(uid, taken)
            )
            taken.add(name)
            data = render(uid, local, self.stamp)
            etag = self.folder.write(name, data)
            self.report.written.append(f"{item.handle} · {local['summary']}")
            saved.append(
                ItemState(uid, name, etag, digest(data), item.contact_id, item.handle,
                          json.dumps(local, ensure_ascii=False), json.dumps(read_task(data)))
            )  # fmt: skip
        for uid, state in states.items():
            if uid in seen:
                continue
            current = remote.get(uid)
            if state.href is None or current is None or not current[0]:
                continue
            if _done(current[3]):
                continue
            local = json.loads(state.local)
            data = render(uid, local, self.stamp, completed=True)
            etag = self.folder.write(state.href, data)
            self.report.completed_in_folder.append(f"{state.handle} · {local['summary']}")
            state.etag, state.digest, state.remote = etag, digest(data), json.dumps(read_task(data))
            saved.append(state)
        for state in saved:
            self._changed[state.uid] = state
        store.save_items(SIDE, list(self._changed.values()))
        mark = store.latest_change_set(self.repo.change_set_id)
        store.save_folder(
            FolderState(SIDE, str(self.folder.path), "", _iso(self.now),
                        mark[0] if mark else None, mark[1] if mark else None)
        )  # fmt: skip
        return self.report


def _iso(now: datetime) -> str:
    return now.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
