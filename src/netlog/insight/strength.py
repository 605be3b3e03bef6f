"""Relationship strength: a 0-100 score per contact from their history and today.

::

    strength = 100 × (0.35 recency + 0.25 frequency + 0.15 reciprocity
                      + 0.15 depth + 0.10 tenure)

Each part is between 0 and 1 (the README explains each with its numbers, all
in ``netlog.policy``):

* **recency** ``0.5 ** (days since the latest conversation / 90)``: half after
  90 days of silence, a quarter after 180; 0 without any conversation.
* **frequency** ``1 − 0.5 ** (conversations in the last 365 days / 6)``: six a
  year make 0.5, twelve 0.75, twenty-four 0.94.
* **reciprocity** the mean of the answer rate (conversations ÷ conversations
  and unanswered attempts, last 365 days; 0 when there was neither) and the
  balance of give and take (``1 − |gave − got| ÷ (gave + got)`` over every
  favour; 0.5 when none was exchanged).
* **depth** the mean weight of the last year's conversations by kind (a meeting
  or coffee 1.0, video 0.8, call 0.7, event 0.6, email or message 0.3...); 0
  without any.
* **tenure** ``1 − 0.5 ** (years known / 2)``, from the day they were added or
  the first interaction, whichever is earlier.

Only what happened on or before ``today`` counts, so ``strength(history, day)``
for an earlier day is the strength as it was then (``fading`` compares the two).
A conversation is an answered interaction of any kind (an email, a meeting a
capture brought in); an attempt is one logged with no reply.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from netlog.insight.records import Favour, TieHistory, Touch
from netlog.policy import (
    DEFAULT_DEPTH,
    KIND_DEPTH,
    STRENGTH_FREQUENCY_HALF,
    STRENGTH_HALF_LIFE_DAYS,
    STRENGTH_TENURE_HALF_YEARS,
    STRENGTH_WEIGHTS,
    STRENGTH_YEAR_DAYS,
    TYPICAL_GAP_MIN_SAMPLES,
    TYPICAL_GAP_SAMPLES,
)

PARTS = ("recency", "frequency", "reciprocity", "depth", "tenure")


@dataclass(frozen=True, slots=True)
class Strength:
    """A contact's score and the parts it is made of (each 0-1)."""

    score: int
    recency: float
    frequency: float
    reciprocity: float
    depth: float
    tenure: float
    conversations: int  # answered, in the last 365 days
    attempts: int  # unanswered, in the last 365 days
    gave: int  # favours, ever
    got: int

    def parts(self) -> dict[str, float]:
        return {name: getattr(self, name) for name in PARTS}


def strength(history: TieHistory, today: date) -> Strength:
    """The strength of one tie on ``today`` (see the module docstring)."""
    return strength_of(
        history.touches,
        history.favours,
        history.created_on,
        today,
        history.answered_before,
        history.first_on,
    )


def strength_of(
    touches: Sequence[Touch],
    favours: Sequence[Favour],
    created_on: date,
    today: date,
    answered_before: date | None = None,
    first_on: date | None = None,
) -> Strength:
    """``strength`` from its pieces; ``touches`` oldest first."""
    year_start = today - timedelta(days=STRENGTH_YEAR_DAYS)
    last = answered_before
    first = first_on
    if touches and (first is None or touches[0].on < first):
        first = touches[0].on
    if first is not None and first > today:
        first = None
    conversations = attempts = 0
    depth_sum = 0.0
    get_depth = KIND_DEPTH.get
    for on, kind, answered in touches:
        if on > today:
            break  # oldest first: the rest is later still
        if answered:
            last = on
        if on > year_start:
            if answered:
                conversations += 1
                depth_sum += get_depth(kind, DEFAULT_DEPTH)
            else:
                attempts += 1
    gave = got = 0
    for on, direction in favours:
        if on <= today:
            if direction == "gave":
                gave += 1
            else:
                got += 1

    recency = 0.0 if last is None else 0.5 ** ((today - last).days / STRENGTH_HALF_LIFE_DAYS)
    frequency = 1 - 0.5 ** (conversations / STRENGTH_FREQUENCY_HALF)
    tried = conversations + attempts
    answer_rate = conversations / tried if tried else 0.0
    balance = 1 - abs(gave - got) / (gave + got) if gave + got else 0.5
    reciprocity = (answer_rate + balance) / 2
    depth = depth_sum / conversations if conversations else 0.0
    known_since = created_on if first is None else min(first, created_on)
    years = max((today - known_since).days, 0) / 365.25
    tenure = 1 - 0.5 ** (years / STRENGTH_TENURE_HALF_YEARS)
    w = STRENGTH_WEIGHTS
    total = (
        w["recency"] * recency
        + w["frequency"] * frequency
        + w["reciprocity"] * reciprocity
        + w["depth"] * depth
        + w["tenure"] * tenure
    )
    return Strength(
        score=max(0, min(100, round(100 * total))),
        recency=round(recency, 3),
        frequency=round(frequency, 3),
        reciprocity=round(reciprocity, 3),
        depth=round(depth, 3),
        tenure=round(tenure, 3),
        conversations=conversations,
        attempts=attempts,
        gave=gave,
        got=got,
    )


def typical_gap(days: Sequence[date]) -> int | None:
    """Someone's own rhythm: the median number of days between their latest
    conversations (the last 12 intervals between distinct days, oldest first
    in ``days``); None with fewer than 3 intervals to go on."""
    distinct = sorted(set(days))[-(TYPICAL_GAP_SAMPLES + 1) :]
    gaps = sorted((b - a).days for a, b in itertools.pairwise(distinct))
    if len(gaps) < TYPICAL_GAP_MIN_SAMPLES:
        return None
    middle = len(gaps) // 2
    if len(gaps) % 2:
        return gaps[middle]
    return round((gaps[middle - 1] + gaps[middle]) / 2)
