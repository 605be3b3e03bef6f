"""The documented ``--json`` objects (their schemas are in the README).

Plain dicts and lists of the records and view models, for ``output.print_json``
to write (which escapes what a terminal could act on). Data, not wording:
dates are ISO days, nothing is described relative to today, so a script reads
the same object whenever it runs. A key added, renamed or reordered here
changes a documented schema.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from netlog.records import as_json

if TYPE_CHECKING:
    from netlog.insight.fading import FadingTie
    from netlog.insight.strength import Strength
    from netlog.insight.timeline import Overdue
    from netlog.insight.week import AskLine, WeekReview
    from netlog.records import SearchHit
    from netlog.scheduler import DueItem


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def due_json(items: Sequence[DueItem]) -> list[dict[str, Any]]:
    """The documented ``due --json`` objects."""
    return [
        {
            "id": i.handle,
            "contact": i.contact,
            "contact_id": i.contact_id,
            "reason": i.reason,
            "due_on": i.due_on.isoformat(),
            "days_overdue": i.days_overdue,
            "last_contact_on": _iso(i.last_contact_on),
            "last_kind": i.last_kind,
            "last_summary": i.last_summary,
            "action": i.action,
            "urgency": i.urgency,
        }
        for i in items
    ]


def search_json(hits: Sequence[SearchHit]) -> list[dict[str, Any]]:
    return [
        {"contact": h.name, "contact_id": h.contact_id, "field": h.field, "text": h.text}
        for h in hits
    ]


def company_json(view: Any) -> dict[str, Any]:
    return {
        "company": view.company,
        "people": [
            {
                "contact": c.name,
                "contact_id": c.id,
                "company": c.company,
                "title": c.title,
                "via_id": c.via_id,
                "via_name": c.via_name,
                "last_contact_on": _iso(c.last_contact_on),
            }
            for c in view.people
        ],
        "open_asks": as_json(view.asks),
    }


def import_json(report: Any) -> dict[str, Any]:
    return {
        "dry_run": report.dry_run,
        "new": report.new,
        "updated": report.updated,
        "unchanged": report.unchanged,
        "skipped": [{"file": s.file, "ref": s.ref, "reason": s.reason} for s in report.skipped],
        "duplicates": len(report.duplicates),
        "files": [
            {
                "file": f.file,
                "format": f.format,
                "new": f.new,
                "updated": f.updated,
                "unchanged": f.unchanged,
                "skipped": len(f.skipped),
                "duplicates": len(f.duplicates),
                "ignored_columns": list(f.ignored),
                "notes": list(f.notes),
                "rows": [
                    {
                        "ref": r.ref,
                        "name": r.name,
                        "outcome": r.outcome,
                        "contact_id": r.contact_id,
                        "matched_by": r.by,
                        "like": r.like,
                        "merged": r.merged,
                    }
                    for r in f.rows
                ],
            }
            for f in report.files
        ],
    }


def history_json(entry: Any) -> dict[str, Any]:
    return {
        "id": entry.ref,
        "type": entry.kind,
        "date": entry.day.isoformat(),
        "text": entry.text,
        "detail": entry.detail,
        "contact_id": entry.contact_id,
        "contact": entry.contact,
        "captured": entry.captured,
    }


def change_json(change: Any, effects: Sequence[str]) -> dict[str, Any]:
    return {
        "id": change.id,
        "uid": change.uid,
        "at": change.at,
        "command": change.command,
        "effects": list(effects),
        "rows": change.rows,
        "reverts": change.reverts,
        "undone_by": change.undone_by,
    }


def capture_json(result: Any) -> dict[str, Any]:
    """The documented ``capture --json`` summary."""
    from netlog.capture.service import iter_logged

    return {
        "dry_run": result.dry_run,
        "new": result.new,
        "messages": result.messages,
        "events": result.events,
        "counted": result.counted,
        "unchanged_files": result.unchanged_files,
        "skipped": dict(sorted(result.skipped.items())),
        "per_contact": [
            {
                "contact_id": cid,
                "contact": name,
                "new": sum(1 for i in items if i.new),
                "interactions": [
                    {
                        "occurred_on": i.occurred_on.isoformat(),
                        "kind": i.kind,
                        "direction": i.direction,
                        "summary": i.summary,
                        "messages": i.messages,
                        "new": i.new,
                        "interaction_id": i.interaction_id,
                    }
                    for i in items
                ],
            }
            for cid, name, items in iter_logged(result)
        ],
        "unknown": [
            {
                "address": s.address,
                "name": s.name,
                "messages": s.messages,
                "first_on": s.first_on.isoformat(),
                "last_on": s.last_on.isoformat(),
            }
            for s in result.unknown
        ],
        "added": [{"contact_id": cid, "contact": name} for cid, name in result.added],
    }


# ----- insight: strength, fading ties, the week in review
def strength_json(s: Strength) -> dict[str, Any]:
    """``{score, recency, frequency, reciprocity, depth, tenure, conversations,
    attempts, gave, got}``: the score and its parts (each 0-1)."""
    return {
        "score": s.score,
        **s.parts(),
        "conversations": s.conversations,
        "attempts": s.attempts,
        "gave": s.gave,
        "got": s.got,
    }


def fading_json(ties: Sequence[FadingTie]) -> list[dict[str, Any]]:
    return [
        {
            "contact_id": t.contact_id,
            "contact": t.name,
            "reasons": list(t.reasons),
            "strength": t.strength.score,
            "strength_before": t.strength_before,
            "drop": t.drop,
            "last_contact_on": _iso(t.last_contact_on),
            "silence_days": t.silence_days,
            "typical_gap_days": t.typical_gap_days,
            "usual_kind": t.usual_kind,
            "action": t.action,
        }
        for t in ties
    ]


def week_json(w: WeekReview) -> dict[str, Any]:
    return {
        "since": w.since.isoformat(),
        "until": w.until.isoformat(),
        "reached": [
            {
                "contact_id": p.contact_id,
                "contact": p.name,
                "conversations": p.conversations,
                "attempts": p.attempts,
                "answered": p.answered,
                "kinds": list(p.kinds),
            }
            for p in w.reached
        ],
        "conversations_by_kind": dict(w.by_kind),
        "attempts": w.attempts,
        "favours": {
            "gave": w.gave,
            "got": w.got,
            "items": [
                {
                    "contact_id": f.contact_id,
                    "contact": f.name,
                    "direction": f.direction,
                    "what": f.what,
                    "occurred_on": f.day.isoformat(),
                }
                for f in w.favours
            ],
        },
        "asks": {
            "opened": [_ask_line(a) for a in w.asks_opened],
            "closed": [_ask_line(a) for a in w.asks_closed],
        },
        "introductions": [
            {
                "id": i.id,
                "a_id": i.a_id,
                "a_name": i.a_name,
                "b_id": i.b_id,
                "b_name": i.b_name,
                "why": i.why,
                "occurred_on": i.day.isoformat(),
                "follow_ups_done": i.follow_ups_done,
                "follow_ups_open": i.follow_ups_open,
                "talked_since": i.talked_since,
                "how": i.how,
            }
            for i in w.introductions
        ],
        "overdue": {
            "now": _overdue_json(w.overdue_now),
            "week_ago": _overdue_json(w.overdue_before),
        },
        "fading": fading_json(w.fading),
        "activity": [
            {"day": d.day.isoformat(), "conversations": d.conversations, "attempts": d.attempts}
            for d in w.activity
        ],
    }


def _overdue_json(o: Overdue) -> dict[str, Any]:
    return {
        "on": o.day.isoformat(),
        "checkins": o.checkins,
        "promises": o.promises,
        "total": o.total,
    }


def _ask_line(a: AskLine) -> dict[str, Any]:
    return {
        "id": a.id,
        "contact_id": a.contact_id,
        "contact": a.name,
        "request": a.request,
        "asked_on": a.asked_on.isoformat(),
        "status": a.status,
        "closed_on": _iso(a.closed_on),
        "outcome": a.outcome,
    }
