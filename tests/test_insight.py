"""The pure insight models as tables: strength and its parts, the typical gap,
fading ties, what was overdue on a past day, and the week's view model."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from netlog.insight.fading import QUIET, WEAKER, fading_ties, is_quiet, quiet_from
from netlog.insight.records import Favour, Promise, TieHistory, Touch
from netlog.insight.strength import strength
from netlog.insight.timeline import overdue_series
from netlog.insight.week import Contacted, week_review
from netlog.policy import typical_gap

TODAY = date(2026, 11, 25)


def ago(n: int) -> date:
    return TODAY - timedelta(days=n)


def said(n: int, kind: str = "call") -> Touch:
    return Touch(ago(n), kind, True)


def tried(n: int, kind: str = "email") -> Touch:
    return Touch(ago(n), kind, False)


def monthly(kind: str) -> list[Touch]:
    return [said(10 + 30 * i, kind) for i in reversed(range(12))]


# ----- strength: (history) -> score and parts
@pytest.mark.parametrize(
    ("created", "touches", "favours", "score", "parts"),
    [
        # nobody you ever talked to: only the neutral half of reciprocity
        (TODAY, [], [], 4, (0.0, 0.0, 0.25, 0.0, 0.0)),
        # one coffee today: recency full, one conversation a year, deep
        (TODAY, [said(0, "coffee")], [], 64, (1.0, 0.109, 0.75, 1.0, 0.0)),
        # the same 90 days ago: recency has halved (the half-life)
        (ago(90), [said(90, "coffee")], [], 47, (0.5, 0.109, 0.75, 1.0, 0.082)),
        # monthly for a year, known three years: emails are shallow...
        (ago(1095), monthly("email"), [], 73, (0.926, 0.75, 0.75, 0.3, 0.646)),
        # ...meetings are deep: a meeting weighs more than a message
        (ago(1095), monthly("meeting"), [], 84, (0.926, 0.75, 0.75, 1.0, 0.646)),
        # one answer 300 days ago and three unanswered emails since
        (ago(400), [said(300), tried(60), tried(30), tried(0)], [], 25,
         (0.099, 0.109, 0.375, 0.7, 0.316)),
        # give and take: taking twice lowers reciprocity, one each way is balanced
        (ago(100), [said(5)], [Favour(ago(50), "got"), Favour(ago(5), "got")], 55,
         (0.962, 0.109, 0.5, 0.7, 0.091)),
        (ago(100), [said(5)], [Favour(ago(50), "got"), Favour(ago(5), "gave")], 63,
         (0.962, 0.109, 1.0, 0.7, 0.091)),
        # what lies after today does not count
        (TODAY, [said(0, "coffee"), Touch(TODAY + timedelta(3), "coffee", True)], [], 64,
         (1.0, 0.109, 0.75, 1.0, 0.0)),
        # a kind netlog does not weigh (a future importer's) weighs the default 0.5
        (TODAY, [Touch(TODAY, "hologram", True)], [], 56, (1.0, 0.109, 0.75, 0.5, 0.0)),
        # an interaction before the contact was added counts for tenure
        (TODAY, [said(730)], [], 9, (0.004, 0.0, 0.25, 0.0, 0.5)),
    ],
)  # fmt: skip
def test_strength(created, touches, favours, score, parts) -> None:
    s = strength(TieHistory(1, "Ada", created, touches, favours), TODAY)
    assert s.score == score
    assert tuple(s.parts().values()) == parts
    assert 0 <= s.score <= 100


def test_strength_on_an_earlier_day_is_the_strength_as_it_was() -> None:
    history = TieHistory(1, "Ada", ago(1095), monthly("coffee"))
    then = strength(history, ago(115))
    assert then.conversations == 8  # the four of the last 115 days had not happened
    assert then.recency == round(0.5 ** (15 / 90), 3)  # the latest was then 15 days old
    assert then.score < strength(history, TODAY).score
    assert strength(history, TODAY + timedelta(days=200)).score < strength(history, TODAY).score


# ----- typical gap: the median of the latest intervals, from three on
@pytest.mark.parametrize(
    ("days_ago", "gap"),
    [
        ((), None),
        ((30, 20, 10), None),  # two intervals: not enough to call it a rhythm
        ((30, 20, 10, 0), 10),
        ((40, 30, 27, 20, 0), 8),  # gaps 10, 3, 7, 20: median of 4 is (7 + 10) / 2
        ((21, 14, 14, 7, 0), 7),  # two on one day are one day
        # only the latest 12 intervals: the old yearly rhythm is forgotten
        (tuple(range(3000, 1000, -365)) + tuple(range(120, -1, -10)), 10),
    ],
)
def test_typical_gap(days_ago, gap) -> None:
    assert typical_gap([ago(n) for n in days_ago]) == gap


# ----- fading: quiet for over 3× the rhythm (and 14 days), or 15 points weaker
@pytest.mark.parametrize(
    ("silence", "gap", "quiet"),
    [
        (22, 7, True),
        (21, 7, False),
        (13, 3, False),
        (14, 3, True),
        (None, 7, False),
        (30, None, False),
    ],
)
def test_is_quiet(silence, gap, quiet) -> None:
    assert is_quiet(silence, gap) is quiet
    if quiet and gap is not None:
        assert quiet_from(ago(silence), gap) <= TODAY
        assert quiet_from(ago(silence), gap) == ago(silence - max(3 * gap + 1, 14))


def weekly_then_silent(silence: int, cid: int = 1, name: str = "Ada Lovelace", kind="call"):
    return TieHistory(
        cid, name, ago(800), [said(silence + 7 * i, kind) for i in reversed(range(20))]
    )


def test_a_weekly_friend_silent_for_four_weeks_is_fading_with_a_worded_action() -> None:
    [tie] = fading_ties([weekly_then_silent(28, kind="coffee")], TODAY)
    assert tie.reasons[0] == QUIET
    assert (tie.silence_days, tie.typical_gap_days, tie.usual_kind) == (28, 7, "coffee")
    assert (
        tie.action
        == "Invite Ada for a coffee — last talked 4 weeks ago, 4× your usual 7 days"
        + (
            f"; strength down from {tie.strength_before} to {tie.strength.score} in 90 days"
            if WEAKER in tie.reasons
            else ""
        )
    )


def test_within_the_rhythm_is_not_fading() -> None:
    assert fading_ties([weekly_then_silent(20)], TODAY) == []


def test_strength_that_fell_15_points_in_90_days_is_fading_without_a_rhythm() -> None:
    # three meetings a quarter ago, then nothing: silence of 95 days is within
    # 3× their median gap of 40 days, but strength has halved its recency
    history = TieHistory(
        2, "Grace Hopper", ago(900), [said(n, "meeting") for n in (300, 240, 200, 100, 97, 95)]
    )
    [tie] = fading_ties([history], TODAY)
    assert tie.reasons == (WEAKER,)
    assert tie.typical_gap_days == 40
    assert tie.strength_before is not None and tie.drop >= 15
    assert tie.action.startswith("Set up a meeting with Grace — ")
    assert f"strength down from {tie.strength_before} to {tie.strength.score}" in tie.action


def test_fading_ties_come_strongest_first() -> None:
    weak = TieHistory(3, "Zed", ago(800), [said(28 + 7 * i, "email") for i in reversed(range(4))])
    strong = weekly_then_silent(28, cid=4, name="Yan", kind="meeting")
    ties = fading_ties([weak, strong], TODAY)
    assert [t.name for t in ties] == ["Yan", "Zed"]
    assert ties[0].strength.score > ties[1].strength.score


def test_someone_added_last_month_has_no_strength_from_90_days_ago() -> None:
    history = TieHistory(5, "New", ago(30), [said(30), said(20), said(10), said(9)])
    assert fading_ties([history], TODAY) == []


# ----- overdue on a past day, from the history
def test_overdue_series_counts_checkins_and_open_promises_as_they_were() -> None:
    people = [
        # cadence 30: talked 40 days ago, so overdue today, not 20 days ago
        TieHistory(1, "Ada", ago(200), [said(40)], cadence_days=30),
        # talked 5 days ago: overdue a week ago (37 days after 42), not today
        TieHistory(2, "Bob", ago(200), [said(42), said(5)], cadence_days=30),
        # added after the earlier day: not counted then
        TieHistory(3, "Cy", ago(10), [], cadence_days=7),
    ]
    promises = [
        Promise(1, ago(30), ago(10), None),  # open, overdue from 10 days ago
        Promise(2, ago(30), ago(10), ago(8)),  # done 8 days ago
        Promise(2, ago(3), TODAY, None),  # made 3 days ago, due today
    ]
    today, week_ago, month_ago = overdue_series(people, promises, [TODAY, ago(7), ago(20)])
    assert (today.checkins, today.promises) == (2, 2)  # Ada and Cy; two promises
    assert (week_ago.checkins, week_ago.promises) == (2, 1)  # Ada and Bob; the first promise
    assert (month_ago.checkins, month_ago.promises) == (0, 0)
    assert today.total == 4


# ----- the week
def test_week_review_reads_the_period_only() -> None:
    contacted = [
        Contacted(1, "Ada", ago(2), "coffee", True),
        Contacted(1, "Ada", ago(1), "email", True),
        Contacted(2, "Bob", ago(3), "email", False),
        Contacted(3, "Cy", ago(9), "call", True),  # before the period
    ]
    series = overdue_series([], [], [TODAY, ago(7)])
    review = week_review(
        since=ago(6), until=TODAY, contacted=contacted, favours=[], asks=[], introductions=[],
        overdue_now=series[0], overdue_before=series[1], fading=[],
    )  # fmt: skip
    assert [(p.name, p.conversations, p.attempts, p.answered) for p in review.reached] == [
        ("Ada", 2, 0, True),
        ("Bob", 0, 1, False),
    ]
    assert review.by_kind == (("coffee", 1), ("email", 1))
    assert review.attempts == 1
    assert [(d.day, d.conversations, d.attempts) for d in review.activity] == [
        (ago(6), 0, 0), (ago(5), 0, 0), (ago(4), 0, 0), (ago(3), 0, 1),
        (ago(2), 1, 0), (ago(1), 1, 0), (TODAY, 0, 0),
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("checkins", "promises", "words"),
    [
        (1, 1, "1 check-in, 1 promise"),
        (2, 0, "2 check-ins, 0 promises"),
        (0, 3, "0 check-ins, 3 promises"),
    ],
)
def test_an_overdue_count_is_worded_in_the_singular_for_one(checkins, promises, words) -> None:
    from netlog.insight.timeline import Overdue
    from netlog.render.views import overdue_parts

    assert overdue_parts(Overdue(TODAY, checkins, promises)) == words
