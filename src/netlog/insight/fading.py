"""Fading ties: people drifting away, by their own rhythm or their strength.

A tie is **fading** when either

* **quiet**: the silence since the latest conversation is longer than
  ``3 ×`` their typical gap (the median interval between their latest
  conversations, ``policy.typical_gap``) and at least 14 days; or
* **weaker**: their strength fell by at least 15 points over the last 90 days.

Strongest first (a strong tie going quiet is the one to save), each with a
suggested action in the way you usually talk to them.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from netlog import policy
from netlog.insight.records import TieHistory
from netlog.insight.strength import Strength, score_in, strength_in, year_bounds
from netlog.insight.wording import fading_action
from netlog.policy import (
    FADING_DROP_POINTS,
    FADING_GAP_FACTOR,
    FADING_LOOKBACK_DAYS,
    FADING_MIN_SILENCE_DAYS,
    typical_gap,
)

QUIET = "quiet"
WEAKER = "weaker"


@dataclass(frozen=True, slots=True)
class FadingTie:
    """One fading tie and why (``reasons``: ``quiet`` and/or ``weaker``)."""

    contact_id: int
    name: str
    reasons: tuple[str, ...]
    strength: Strength
    strength_before: int | None  # 90 days ago; None when they were not known yet
    last_contact_on: date | None
    silence_days: int | None
    typical_gap_days: int | None
    usual_kind: str | None
    action: str

    @property
    def drop(self) -> int:
        return 0 if self.strength_before is None else self.strength_before - self.strength.score


def is_quiet(silence_days: int | None, gap_days: int | None) -> bool:
    """Silence past ``FADING_GAP_FACTOR`` times their typical gap (and two weeks)."""
    if silence_days is None or gap_days is None:
        return False
    return silence_days > FADING_GAP_FACTOR * gap_days and silence_days >= FADING_MIN_SILENCE_DAYS


def quiet_from(last_contact_on: date, gap_days: int) -> date:
    """The first day a tie counts as quiet (see ``is_quiet``; the rule is
    ``policy.quiet_from``, which the unit of work stores as ``quiet_on``)."""
    return policy.quiet_from(last_contact_on, gap_days)


def fading_ties(histories: Iterable[TieHistory], today: date) -> list[FadingTie]:
    """Every fading tie on ``today``, strongest first (then by name)."""
    then = today - timedelta(days=FADING_LOOKBACK_DAYS)
    found: list[FadingTie] = []
    now_window, then_window = year_bounds(today), year_bounds(then)
    end, year_start = now_window.end, now_window.start
    for history in histories:
        said = history.columns.answered
        hi = bisect_right(said, end)
        last = date.fromisoformat(said[hi - 1]) if hi else history.answered_before
        silence = (today - last).days if last else None
        gap = history.typical_gap_days
        if gap is None and history.first_on is None:  # the whole history is here
            gap = typical_gap([date.fromisoformat(d) for d in said[:hi]])
        now = strength_in(history, now_window)
        first = history.first_on or _first(history)
        known_then = history.created_on <= then or (first is not None and first <= then)
        before = score_in(history, then_window) if known_then else None
        reasons: list[str] = []
        if is_quiet(silence, gap):
            reasons.append(QUIET)
        if before is not None and before - now.score >= FADING_DROP_POINTS:
            reasons.append(WEAKER)
        if not reasons:
            continue
        kinds = Counter(history.columns.kinds[bisect_right(said, year_start) : hi])
        usual = kinds.most_common(1)[0][0] if kinds else None
        tie = FadingTie(
            history.contact_id,
            history.name,
            tuple(reasons),
            now,
            before,
            last,
            silence,
            gap,
            usual,
            "",
        )
        found.append(_worded(tie, today))
    found.sort(key=lambda t: (-t.strength.score, t.name.casefold(), t.contact_id))
    return found


def _first(history: TieHistory) -> date | None:
    """The day of their first interaction in ``history``, if any."""
    c = history.columns
    days = [d[0] for d in (c.answered, c.attempts) if d]
    return date.fromisoformat(min(days)) if days else None


def _worded(tie: FadingTie, today: date) -> FadingTie:
    action = fading_action(
        tie.name,
        tie.last_contact_on,
        tie.silence_days,
        tie.typical_gap_days,
        tie.usual_kind,
        today,
        tie.strength_before,
        tie.strength.score,
    )
    return FadingTie(
        tie.contact_id,
        tie.name,
        tie.reasons,
        tie.strength,
        tie.strength_before,
        tie.last_contact_on,
        tie.silence_days,
        tie.typical_gap_days,
        tie.usual_kind,
        action,
    )
