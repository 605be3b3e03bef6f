"""The week in review: who you reached, what you gave and got, how asks and
introductions went, and whether you are keeping up. A view model built once
from plain records; ``render.views`` words it as the week's sections, which
``render`` shows on a terminal or as plain text (``render.json``: as JSON)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from netlog.insight.fading import FadingTie
from netlog.insight.records import DayActivity
from netlog.insight.timeline import Overdue


@dataclass(frozen=True, slots=True)
class Contacted:
    """An interaction of the period, as the week reads it."""

    contact_id: int
    name: str
    day: date
    kind: str
    answered: bool


@dataclass(frozen=True, slots=True)
class PersonReached:
    contact_id: int
    name: str
    conversations: int  # answered
    attempts: int  # unanswered
    kinds: tuple[str, ...]  # of the conversations, most frequent first

    @property
    def answered(self) -> bool:
        return self.conversations > 0


@dataclass(frozen=True, slots=True)
class FavourLine:
    contact_id: int
    name: str
    direction: str  # gave | got
    what: str
    day: date


@dataclass(frozen=True, slots=True)
class AskLine:
    id: int
    contact_id: int
    name: str
    request: str
    asked_on: date
    status: str  # open | done | declined
    closed_on: date | None
    outcome: str | None


@dataclass(frozen=True, slots=True)
class IntroLine:
    """An introduction you made and how it went: its follow-ups (asking both how
    it went), done or not, and whether either person has talked to you since."""

    id: int
    a_id: int
    a_name: str
    b_id: int
    b_name: str
    why: str | None
    day: date
    follow_ups_done: int
    follow_ups_open: int
    talked_since: int  # of the two, how many you had a conversation with after it

    @property
    def how(self) -> str:
        if self.follow_ups_done and not self.follow_ups_open:
            return "you asked both how it went"
        if self.follow_ups_done:
            return "you asked one of them how it went"
        if self.talked_since:
            return f"talked with {self.talked_since} of them since"
        return "no word yet"


@dataclass(frozen=True, slots=True)
class WeekReview:
    since: date
    until: date
    reached: tuple[PersonReached, ...]
    by_kind: tuple[tuple[str, int], ...]  # conversations by kind, most first
    attempts: int
    favours: tuple[FavourLine, ...]
    asks_opened: tuple[AskLine, ...]
    asks_closed: tuple[AskLine, ...]  # closed in the period, opened before it
    introductions: tuple[IntroLine, ...]
    overdue_now: Overdue
    overdue_before: Overdue  # a week before ``until``
    fading: tuple[FadingTie, ...]
    activity: tuple[DayActivity, ...]  # one per day of the period

    @property
    def answered(self) -> tuple[PersonReached, ...]:
        return tuple(p for p in self.reached if p.answered)

    @property
    def gave(self) -> int:
        return sum(f.direction == "gave" for f in self.favours)

    @property
    def got(self) -> int:
        return sum(f.direction == "got" for f in self.favours)


def activity(contacted: Sequence[Contacted], since: date, until: date) -> tuple[DayActivity, ...]:
    """One ``DayActivity`` per day from ``since`` to ``until``, zeros included."""
    answered = Counter(c.day for c in contacted if c.answered)
    tried = Counter(c.day for c in contacted if not c.answered)
    days = (until - since).days + 1
    return tuple(
        DayActivity(d, answered[d], tried[d])
        for d in (since + timedelta(days=n) for n in range(max(days, 0)))
    )


def week_review(
    *,
    since: date,
    until: date,
    contacted: Sequence[Contacted],
    favours: Sequence[FavourLine],
    asks: Sequence[AskLine],
    introductions: Sequence[IntroLine],
    overdue_now: Overdue,
    overdue_before: Overdue,
    fading: Sequence[FadingTie],
) -> WeekReview:
    """The review of ``since``..``until`` from the period's records (the
    repository reads them for those days)."""
    inside = [c for c in contacted if since <= c.day <= until]
    people: dict[int, list[Contacted]] = {}
    for c in inside:
        people.setdefault(c.contact_id, []).append(c)
    reached = []
    for cid, rows in people.items():
        kinds = Counter(r.kind for r in rows if r.answered)
        reached.append(
            PersonReached(
                cid,
                rows[0].name,
                sum(r.answered for r in rows),
                sum(not r.answered for r in rows),
                tuple(k for k, _ in sorted(kinds.items(), key=lambda kv: (-kv[1], kv[0]))),
            )
        )
    reached.sort(key=lambda p: (not p.answered, -p.conversations, p.name.casefold()))
    by_kind = Counter(c.kind for c in inside if c.answered)
    return WeekReview(
        since=since,
        until=until,
        reached=tuple(reached),
        by_kind=tuple(sorted(by_kind.items(), key=lambda kv: (-kv[1], kv[0]))),
        attempts=sum(not c.answered for c in inside),
        favours=tuple(sorted(favours, key=lambda f: (f.day, f.name.casefold()))),
        asks_opened=tuple(a for a in asks if since <= a.asked_on <= until),
        asks_closed=tuple(
            a
            for a in asks
            if a.asked_on < since and a.closed_on is not None and since <= a.closed_on <= until
        ),
        introductions=tuple(introductions),
        overdue_now=overdue_now,
        overdue_before=overdue_before,
        fading=tuple(fading),
        activity=activity(inside, since, until),
    )
