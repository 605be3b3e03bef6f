"""The suggested action for a fading tie, in the way you usually talk to them.

Its own small module: ``due`` words its fading items with it, and must not
import the insight models to do so (a few milliseconds on every morning).
"""

from __future__ import annotations

from datetime import date, timedelta

from netlog.dates import relative_days, span
from netlog.policy import FADING_DROP_POINTS, FADING_LOOKBACK_DAYS

# How to suggest reaching out, by the way you usually talk to them.
_OPENERS = {
    "coffee": "Invite {who} for a coffee",
    "call": "Call {who}",
    "video": "Set up a video call with {who}",
    "meeting": "Set up a meeting with {who}",
    "met": "Meet {who}",
    "event": "Meet {who} at the next event",
    "email": "Write to {who}",
    "message": "Message {who}",
}


def fading_action(
    name: str,
    last_contact_on: date | None,
    silence_days: int | None,
    gap_days: int | None,
    usual_kind: str | None,
    today: date,
    before: int | None = None,
    score: int | None = None,
    dated: bool = False,
) -> str:
    """``Call Ada — last talked 7 weeks ago, 4× your usual 12 days`` (with
    ``dated``, "last talked on 2026-10-07": for text kept and read later)."""
    parts = name.split()
    who = parts[0] if parts else name
    opener = _OPENERS.get(usual_kind or "", "Reach out to {who}").format(who=who)
    why: list[str] = []
    if last_contact_on is not None and silence_days and gap_days and silence_days >= gap_days:
        times = silence_days / gap_days
        why.append(
            f"last talked {_ago(last_contact_on, today, dated)}, "
            f"{times:.0f}× your usual {span(today - timedelta(days=gap_days), today)}"
        )
    if before is not None and score is not None and before - score >= FADING_DROP_POINTS:
        why.append(f"strength down from {before} to {score} in {FADING_LOOKBACK_DAYS} days")
    if not why and last_contact_on is not None:
        why.append(f"last talked {_ago(last_contact_on, today, dated)}")
    return opener + (" — " + "; ".join(why) if why else "")


def _ago(day: date, today: date, dated: bool) -> str:
    return f"on {day.isoformat()}" if dated else relative_days(day, today)
