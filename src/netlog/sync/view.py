"""What ``netlog sync`` tells: its report as lines of text and as JSON (the
CLI prints them through ``netlog.render``'s I/O edge, ``render.output``, which
sanitises every byte). Here rather than in ``render.views``: only sync reads
its records, and this module loads only when sync runs."""

from __future__ import annotations

from typing import Any

from netlog.sync.contacts import Conflict, Deletion
from netlog.sync.service import SyncReport

_SIDE = {"netlog": "netlog's", "remote": "the folder's"}


def _value(value: Any) -> str:
    if value is None or value == []:
        return "(empty)"
    if isinstance(value, list):
        return ", ".join(
            str(v[0]) + (f" ({v[1]})" if v[1] else "") if isinstance(v, list) else str(v)
            for v in value
        )
    return repr(value) if isinstance(value, str) else str(value)


def conflict_line(c: Conflict) -> str:
    other = "remote" if c.kept == "netlog" else "netlog"
    return (
        f"  ! conflict · {c.contact} · {c.field}: netlog {_value(c.netlog)}, "
        f"folder {_value(c.remote)} → kept {_SIDE[c.kept]} (--prefer {other} keeps "
        f"{_SIDE[other]})"
    )


def deletion_line(d: Deletion, done: bool) -> str:
    history = (
        f", {d.history} entr{'y' if d.history == 1 else 'ies'} of history kept"
        if (d.history)
        else ""
    )
    if d.deleted_in == "folder":
        what = "archived (tag archived)" if done else "card deleted in the folder: would archive it"
        return f"  - {d.contact}: {what}{history}"
    what = "card deleted" if done else "gone from netlog's address book: would delete its card"
    return f"  - {d.contact}: {what} ({d.file})"


def lines(report: SyncReport) -> list[str]:
    out: list[str] = []
    c = report.contacts
    if c is not None:
        counts = [
            (len(c.new_in_netlog), "new in netlog"),
            (len(c.new_in_folder), "new in the folder"),
            (len(c.updated_in_netlog), "updated in netlog"),
            (len(c.updated_in_folder), "updated in the folder"),
            (len(c.conflicts), "conflict" + "s" * (len(c.conflicts) != 1)),
            (
                len(c.deletions),
                "deleted"
                if c.deletions_done
                else "deletion" + "s" * (len(c.deletions) != 1) + " waiting",
            ),
            (c.unchanged, "unchanged"),
        ]
        shown = ", ".join(f"{n} {what}" for n, what in counts if n) or "nothing to do"
        out.append(f"Contacts ({c.folder}): {shown}")
        out += [f"  + {name}: new in netlog" for name in c.new_in_netlog]
        out += [f"  + {name}: new in the folder" for name in c.new_in_folder]
        out += [f"  ~ {name}: {', '.join(f)} from the folder" for name, f in c.updated_in_netlog]
        out += [f"  ~ {name}: {', '.join(f)} to the folder" for name, f in c.updated_in_folder]
        out += [conflict_line(x) for x in c.conflicts]
        out += [deletion_line(d, c.deletions_done) for d in c.deletions]
        out += [f"  ? {name}: skipped ({why})" for name, why in c.skipped]
    t = report.tasks
    if t is not None:
        counts = [
            (len(t.written), "written"),
            (len(t.completed_in_folder), "completed in the folder"),
            (len(t.done_in_netlog), "done in netlog"),
            (len(t.snoozed_in_netlog), "snoozed in netlog"),
            (len(t.deleted_elsewhere), "deleted in the folder"),
            (t.unchanged, "unchanged"),
        ]
        shown = ", ".join(f"{n} {what}" for n, what in counts if n) or "nothing to do"
        out.append(f"Reminders ({t.folder}): {shown}")
        out += [f"  + {x}" for x in t.written]
        out += [f"  ✓ {x}: completed in the folder" for x in t.completed_in_folder]
        out += [f"  ✓ {x}: done in netlog" for x in t.done_in_netlog]
        out += [f"  → {x}: snoozed in netlog" for x in t.snoozed_in_netlog]
        out += [f"  - {x}: deleted in the folder (kept in netlog)" for x in t.deleted_elsewhere]
        out += [f"  ? {x}" for x in t.not_applied]
    return out


def as_json(report: SyncReport) -> dict[str, Any]:
    data: dict[str, Any] = {}
    c = report.contacts
    if c is not None:
        data["contacts"] = {
            "folder": c.folder,
            "new_in_netlog": c.new_in_netlog,
            "new_in_folder": c.new_in_folder,
            "updated_in_netlog": [{"name": n, "fields": f} for n, f in c.updated_in_netlog],
            "updated_in_folder": [{"name": n, "fields": f} for n, f in c.updated_in_folder],
            "conflicts": [
                {"name": x.contact, "field": x.field, "netlog": x.netlog, "folder": x.remote,
                 "kept": x.kept}
                for x in c.conflicts
            ],
            "deletions": [
                {"name": d.contact, "deleted_in": d.deleted_in, "file": d.file,
                 "history": d.history, "done": c.deletions_done}
                for d in c.deletions
            ],
            "skipped": [{"file": f, "reason": why} for f, why in c.skipped],
            "unchanged": c.unchanged,
        }  # fmt: skip
    t = report.tasks
    if t is not None:
        data["tasks"] = {
            "folder": t.folder,
            "written": t.written,
            "completed_in_folder": t.completed_in_folder,
            "done_in_netlog": t.done_in_netlog,
            "snoozed_in_netlog": t.snoozed_in_netlog,
            "deleted_in_folder": t.deleted_elsewhere,
            "not_applied": t.not_applied,
            "unchanged": t.unchanged,
        }
    return data
