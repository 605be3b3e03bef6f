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

# No ``from __future__ import annotations``: typing.NamedTuple compiles every
# string annotation of its fields, which made defining these records cost twice
# as much on every start.

from bisect import bisect_right
from collections.abc import Iterable
from datetime import date, timedelta
from typing import NamedTuple

from netlog.insight.records import TieHistory
from netlog.policy import (
    STRENGTH_FREQUENCY_HALF,
    STRENGTH_HALF_LIFE_DAYS,
    STRENGTH_TENURE_HALF_YEARS,
    STRENGTH_WEIGHTS,
    STRENGTH_YEAR_DAYS,
)

PARTS = ("recency", "frequency", "reciprocity", "depth", "tenure")


class Strength(NamedTuple):
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


# Appended to an ISO day, sorts after every entry of that day: the bound of a
# bisection that takes in the whole day.
END_OF_DAY = "\U0010ffff"


class YearBounds(NamedTuple):
    """A day and the bisection bounds of the year up to it: worked out once
    for a whole network rather than once per person."""

    day: date
    end: str  # everything on or before ``day``
    start: str  # everything on or before the day a year earlier


def year_bounds(day: date) -> YearBounds:
    year_start = day - timedelta(days=STRENGTH_YEAR_DAYS)
    return YearBounds(day, day.isoformat() + END_OF_DAY, year_start.isoformat() + END_OF_DAY)


def strength(history: TieHistory, today: date) -> Strength:
    """The strength of one tie on ``today`` (see the module docstring)."""
    return strength_in(history, year_bounds(today))


def strengths_of(histories: Iterable[TieHistory], today: date) -> dict[int, Strength]:
    """Every tie's strength on ``today``, by contact id."""
    bounds = year_bounds(today)
    return {h.contact_id: strength_in(h, bounds) for h in histories}


def strength_in(history: TieHistory, w: YearBounds) -> Strength:
    """``strength`` on ``w.day``: two bisections per column of the history."""
    parts, conversations, attempts, gave, got = _parts(history, w)
    recency, frequency, reciprocity, depth, tenure = parts
    return Strength(
        score=_score(parts),
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


def score_in(history: TieHistory, w: YearBounds) -> int:
    """Only the 0-100 score of ``strength_in`` (fading compares it with 90 days ago)."""
    return _score(_parts(history, w)[0])


def _score(parts: tuple[float, float, float, float, float]) -> int:
    recency, frequency, reciprocity, depth, tenure = parts
    total = (
        _W_RECENCY * recency
        + _W_FREQUENCY * frequency
        + _W_RECIPROCITY * reciprocity
        + _W_DEPTH * depth
        + _W_TENURE * tenure
    )
    return max(0, min(100, round(100 * total)))


_W_RECENCY, _W_FREQUENCY, _W_RECIPROCITY, _W_DEPTH, _W_TENURE = (
    STRENGTH_WEIGHTS[name] for name in ("recency", "frequency", "reciprocity", "depth", "tenure")
)


def _parts(
    history: TieHistory, w: YearBounds
) -> tuple[tuple[float, float, float, float, float], int, int, int, int]:
    c = history.columns
    today, end, start = w
    answered, attempts = c.answered, c.attempts
    hi = bisect_right(answered, end)
    lo = bisect_right(answered, start)
    last = date.fromisoformat(answered[hi - 1]) if hi else history.answered_before
    conversations = hi - lo
    tried_attempts = bisect_right(attempts, end) - bisect_right(attempts, start)
    gave = bisect_right(c.gave, end)
    got = bisect_right(c.got, end)

    first = history.first_on
    if answered or attempts:
        earliest = date.fromisoformat(
            min(answered[0], attempts[0]) if answered and attempts else (answered or attempts)[0]
        )
        if first is None or earliest < first:
            first = earliest
    if first is not None and first > today:
        first = None

    recency = 0.0 if last is None else 0.5 ** ((today - last).days / STRENGTH_HALF_LIFE_DAYS)
    frequency = 1 - 0.5 ** (conversations / STRENGTH_FREQUENCY_HALF)
    tried = conversations + tried_attempts
    answer_rate = conversations / tried if tried else 0.0
    balance = 1 - abs(gave - got) / (gave + got) if gave + got else 0.5
    reciprocity = (answer_rate + balance) / 2
    if conversations:
        depth = (c.depth[c.base + hi] - c.depth[c.base + lo]) / conversations / 1000
    else:
        depth = 0.0
    known_since = history.created_on if first is None else min(first, history.created_on)
    years = max((today - known_since).days, 0) / 365.25
    tenure = 1 - 0.5 ** (years / STRENGTH_TENURE_HALF_YEARS)
    return (
        (recency, frequency, reciprocity, depth, tenure),
        conversations,
        tried_attempts,
        gave,
        got,
    )
