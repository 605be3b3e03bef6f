"""Pure unit tests for the scheduler (netlog.scheduler): plain records and a fixed today."""

from __future__ import annotations

import itertools
from datetime import date, timedelta

import pytest

from netlog.scheduler import (
    CHECK_IN,
    DEFAULT_CADENCE_DAYS,
    FOLLOW_UP,
    SUMMARY_QUOTE_CHARS,
    CheckinState,
    DueItem,
    OpenFollowUp,
    checkin_action,
    checkin_urgency,
    due_items,
    followup_action,
    followup_urgency,
    next_checkin,
    quote,
    sort_items,
)

TODAY = date(2026, 11, 25)  # a Wednesday


def days_ago(n: int) -> date:
    return TODAY - timedelta(days=n)


def checkin(
    name: str = "Ada Lovelace",
    *,
    due: date = TODAY,
    cadence: int = 30,
    contact_id: int = 1,
    last: date | None = None,
    kind: str | None = None,
    summary: str | None = None,
    met: str | None = None,
) -> CheckinState:
    return CheckinState(
        contact_id=contact_id,
        name=name,
        cadence_days=cadence,
        next_checkin_on=due,
        last_contact_on=last,
        last_kind=kind,
        last_summary=summary,
        met=met,
    )


def followup(
    name: str = "Ada Lovelace",
    *,
    due: date = TODAY,
    todo: str = "send the slides",
    followup_id: int = 10,
    contact_id: int = 1,
    last: date | None = None,
    kind: str | None = None,
    summary: str | None = None,
) -> OpenFollowUp:
    return OpenFollowUp(
        followup_id=followup_id,
        contact_id=contact_id,
        name=name,
        due_on=due,
        todo=todo,
        last_contact_on=last,
        last_kind=kind,
        last_summary=summary,
    )


# --- next_checkin ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("last", "created", "cadence", "snoozed", "expected"),
    [
        # one cadence after the last contact
        (date(2026, 11, 1), date(2026, 1, 1), 30, None, date(2026, 12, 1)),
        (date(2026, 11, 25), date(2026, 1, 1), 7, None, date(2026, 12, 2)),
        (date(2026, 11, 25), date(2026, 1, 1), 21, None, date(2026, 12, 16)),
        # no contact yet: one cadence after the contact was created
        (None, date(2026, 11, 1), 30, None, date(2026, 12, 1)),
        (None, date(2026, 11, 25), 7, None, date(2026, 12, 2)),
        # the last contact restarts the cadence, however old the contact is
        (date(2026, 11, 20), date(2020, 1, 1), 30, None, date(2026, 12, 20)),
        # a snooze later than the cadence wins
        (date(2026, 11, 1), date(2026, 1, 1), 30, date(2027, 1, 15), date(2027, 1, 15)),
        (None, date(2026, 11, 1), 30, date(2027, 1, 15), date(2027, 1, 15)),
        # a snooze earlier than (or equal to) the cadence changes nothing
        (date(2026, 11, 1), date(2026, 1, 1), 30, date(2026, 11, 10), date(2026, 12, 1)),
        (date(2026, 11, 1), date(2026, 1, 1), 30, date(2026, 12, 1), date(2026, 12, 1)),
        # cadences are plain day counts: month ends and leap days need no clamping
        (date(2026, 1, 31), date(2026, 1, 1), 30, None, date(2026, 3, 2)),
        (date(2028, 1, 31), date(2028, 1, 1), 30, None, date(2028, 3, 1)),
        (date(2028, 2, 29), date(2028, 1, 1), 365, None, date(2029, 2, 28)),
        (date(2027, 3, 1), date(2027, 1, 1), 365, None, date(2028, 2, 29)),
        (date(2028, 2, 28), date(2028, 1, 1), 1, None, date(2028, 2, 29)),
        (date(2026, 12, 31), date(2026, 1, 1), 1, None, date(2027, 1, 1)),
    ],
)
def test_next_checkin(
    last: date | None, created: date, cadence: int, snoozed: date | None, expected: date
) -> None:
    assert next_checkin(last, created, cadence, snoozed) == expected


def test_next_checkin_snooze_is_optional() -> None:
    assert next_checkin(date(2026, 11, 1), date(2026, 1, 1), 30) == date(2026, 12, 1)


# --- urgency -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("late", "cadence", "expected"),
    [
        (0, 30, 1.0),  # due today scores 1
        (30, 30, 2.0),  # a whole cadence late scores 2
        (60, 30, 3.0),
        (21, 7, 4.0),  # weekly, three weeks late
        (21, 365, 1.058),  # yearly, three weeks late (1.0575... rounded to 3 places)
        (10, 30, 1.333),
        (-1, 7, 0.857),  # upcoming: below 1
        (-3, 30, 0.9),
        (5, 0, 6.0),  # a zero cadence does not divide by zero
    ],
)
def test_checkin_urgency(late: int, cadence: int, expected: float) -> None:
    assert checkin_urgency(late, cadence) == expected


@pytest.mark.parametrize(
    ("late", "expected"),
    [
        (0, 2.0),  # a promise due today starts above any check-in due today
        (7, 3.0),  # and gains a point for every week it slips
        (14, 4.0),
        (3, 2.429),
        (-7, 1.0),
        (-14, 0.0),
    ],
)
def test_followup_urgency(late: int, expected: float) -> None:
    assert followup_urgency(late) == expected


# --- due_items: what is included ---------------------------------------------------------------


def test_checkin_due_today_is_included_with_zero_lateness() -> None:
    [item] = due_items([checkin(due=TODAY, cadence=30)], [], TODAY)
    assert item.reason == CHECK_IN
    assert item.due_on == TODAY
    assert item.days_overdue == 0
    assert item.urgency == 1.0
    assert item.followup_id is None


def test_checkin_due_tomorrow_is_excluded_by_default() -> None:
    assert due_items([checkin(due=TODAY + timedelta(days=1))], [], TODAY) == []


def test_checkin_due_tomorrow_is_included_when_the_horizon_covers_it() -> None:
    tomorrow = TODAY + timedelta(days=1)
    [item] = due_items([checkin(due=tomorrow, cadence=7)], [], TODAY, horizon=tomorrow)
    assert item.due_on == tomorrow
    assert item.days_overdue == -1
    assert item.urgency == 0.857


def test_horizon_is_inclusive_and_excludes_beyond() -> None:
    horizon = TODAY + timedelta(days=7)
    states = [
        checkin("On Horizon", due=horizon, contact_id=1),
        checkin("Past Horizon", due=horizon + timedelta(days=1), contact_id=2),
    ]
    items = due_items(states, [], TODAY, horizon=horizon)
    assert [i.contact for i in items] == ["On Horizon"]
    assert items[0].days_overdue == -7


def test_overdue_checkin_reports_days_late_and_carries_contact_fields() -> None:
    state = checkin(
        "Grace Hopper",
        contact_id=7,
        due=days_ago(12),
        cadence=30,
        last=days_ago(42),
        kind="call",
        summary="compilers",
    )
    [item] = due_items([state], [], TODAY)
    assert item == DueItem(
        contact="Grace Hopper",
        contact_id=7,
        reason=CHECK_IN,
        due_on=days_ago(12),
        days_overdue=12,
        last_contact_on=days_ago(42),
        last_kind="call",
        last_summary="compilers",
        urgency=1.4,
        followup_id=None,
    )
    assert item.action == "Check in with Grace — last talked 6 weeks ago (call): “compilers”"


@pytest.mark.parametrize(
    ("due", "horizon", "included", "late"),
    [
        (days_ago(10), None, True, 10),
        (TODAY, None, True, 0),
        (TODAY + timedelta(days=1), None, False, None),
        (TODAY + timedelta(days=3), TODAY + timedelta(days=7), True, -3),
        (TODAY + timedelta(days=8), TODAY + timedelta(days=7), False, None),
    ],
)
def test_followups_are_included_by_due_date(
    due: date, horizon: date | None, included: bool, late: int | None
) -> None:
    fu = followup(due=due, followup_id=42, contact_id=3, todo="intro to Bob")
    items = due_items([], [fu], TODAY, horizon=horizon)
    if not included:
        assert items == []
        return
    [item] = items
    assert item.reason == FOLLOW_UP
    assert item.followup_id == 42
    assert item.contact_id == 3
    assert item.due_on == due
    assert item.days_overdue == late
    assert item.urgency == followup_urgency(late)
    assert item.action == "Follow up: intro to Bob"


def test_followup_item_carries_the_last_conversation() -> None:
    fu = followup(last=days_ago(3), kind="email", summary="asked for the deck")
    [item] = due_items([], [fu], TODAY)
    assert (item.last_contact_on, item.last_kind, item.last_summary) == (
        days_ago(3),
        "email",
        "asked for the deck",
    )


def test_open_followup_defaults_to_the_default_cadence() -> None:
    assert followup().cadence_days == DEFAULT_CADENCE_DAYS == 30


def test_nothing_due_gives_an_empty_list() -> None:
    assert due_items([], [], TODAY) == []
    assert due_items(iter([]), iter([]), TODAY, horizon=TODAY + timedelta(days=30)) == []


def test_a_contact_can_have_both_a_checkin_and_a_followup() -> None:
    items = due_items([checkin(due=TODAY)], [followup(due=TODAY)], TODAY)
    assert [i.reason for i in items] == [FOLLOW_UP, CHECK_IN]
    assert {i.contact_id for i in items} == {1}


# --- due_items: ordering -----------------------------------------------------------------------


def test_followup_due_today_outranks_checkin_due_today() -> None:
    items = due_items([checkin("Ada", due=TODAY)], [followup("Bob", due=TODAY)], TODAY)
    assert [(i.contact, i.reason) for i in items] == [("Bob", FOLLOW_UP), ("Ada", CHECK_IN)]
    assert [i.urgency for i in items] == [2.0, 1.0]


def test_weekly_contact_late_outranks_yearly_contact_equally_late() -> None:
    late = days_ago(21)
    states = [
        checkin("Yearly Yves", due=late, cadence=365, contact_id=1),
        checkin("Weekly Wanda", due=late, cadence=7, contact_id=2),
    ]
    items = due_items(states, [], TODAY)
    assert [i.contact for i in items] == ["Weekly Wanda", "Yearly Yves"]
    assert [i.urgency for i in items] == [4.0, 1.058]
    assert [i.days_overdue for i in items] == [21, 21]


def test_followup_slipping_a_week_outranks_a_checkin_a_cadence_late() -> None:
    items = due_items(
        [checkin("Monthly Mo", due=days_ago(30), cadence=30)],
        [followup("Promise Pat", due=days_ago(7))],
        TODAY,
    )
    assert [(i.contact, i.urgency) for i in items] == [("Promise Pat", 3.0), ("Monthly Mo", 2.0)]


def test_overdue_checkin_many_cadences_late_outranks_a_fresh_followup() -> None:
    items = due_items(
        [checkin("Weekly Wanda", due=days_ago(14), cadence=7)],
        [followup("Promise Pat", due=TODAY)],
        TODAY,
    )
    assert [i.contact for i in items] == ["Weekly Wanda", "Promise Pat"]


def test_equal_urgency_ties_break_by_earlier_due_date() -> None:
    # weekly one week late and monthly one month late both score 2.0
    states = [
        checkin("Weekly Wanda", due=days_ago(7), cadence=7, contact_id=1),
        checkin("Monthly Mo", due=days_ago(30), cadence=30, contact_id=2),
    ]
    items = due_items(states, [], TODAY)
    assert [i.urgency for i in items] == [2.0, 2.0]
    assert [i.contact for i in items] == ["Monthly Mo", "Weekly Wanda"]


def test_equal_urgency_and_due_date_ties_break_by_name_ignoring_case() -> None:
    states = [
        checkin("bob", due=TODAY, contact_id=1),
        checkin("Carol", due=TODAY, contact_id=2),
        checkin("alice", due=TODAY, contact_id=3),
        checkin("Ben", due=TODAY, contact_id=4),
    ]
    items = due_items(states, [], TODAY)
    assert [i.contact for i in items] == ["alice", "Ben", "bob", "Carol"]


def test_upcoming_checkins_sort_below_everything_already_due() -> None:
    horizon = TODAY + timedelta(days=14)
    states = [
        checkin("Soon Weekly", due=TODAY + timedelta(days=1), cadence=7, contact_id=1),
        checkin("Soon Yearly", due=TODAY + timedelta(days=1), cadence=365, contact_id=2),
        checkin("Due Today", due=TODAY, cadence=365, contact_id=3),
    ]
    items = due_items(states, [followup("Promise Pat", due=TODAY)], TODAY, horizon=horizon)
    assert [i.contact for i in items] == ["Promise Pat", "Due Today", "Soon Yearly", "Soon Weekly"]
    assert [i.days_overdue for i in items] == [0, 0, -1, -1]


@pytest.mark.parametrize("ahead", [1, 3, 6, 7, 13])
def test_upcoming_followup_sorts_below_a_checkin_already_due(ahead: int) -> None:
    # An upcoming follow-up may score above 1 (2 - n/7), yet everything already due comes first.
    horizon = TODAY + timedelta(days=14)
    items = due_items(
        [checkin("Due Today", due=TODAY, cadence=365)],
        [followup("Upcoming Promise", due=TODAY + timedelta(days=ahead))],
        TODAY,
        horizon=horizon,
    )
    assert [i.contact for i in items] == ["Due Today", "Upcoming Promise"]
    assert items[1].days_overdue == -ahead
    assert items[1].urgency == followup_urgency(-ahead)


def test_upcoming_items_sort_among_themselves_by_date() -> None:
    """``--within`` lists what comes up soonest first ("in 1, in 2, in 10 days"),
    not by urgency ("in 2, in 1, in 10")."""
    horizon = TODAY + timedelta(days=14)
    items = due_items(
        [
            checkin("Soon Weekly", due=TODAY + timedelta(days=1), cadence=7, contact_id=1),
            checkin("Overdue Yearly", due=days_ago(1), cadence=365, contact_id=2),
        ],
        [
            followup("Promise In Two", due=TODAY + timedelta(days=2), followup_id=1),
            followup("Promise In Ten", due=TODAY + timedelta(days=10), followup_id=2),
        ],
        TODAY,
        horizon=horizon,
    )
    assert [(i.contact, i.urgency) for i in items] == [
        ("Overdue Yearly", 1.003),
        ("Soon Weekly", 0.857),
        ("Promise In Two", 1.714),
        ("Promise In Ten", 0.571),
    ]


def _item(
    contact: str, urgency: float, due_on: date, reason: str = CHECK_IN, late: int = 0
) -> DueItem:
    return DueItem(
        contact=contact,
        contact_id=0,
        reason=reason,
        due_on=due_on,
        days_overdue=late,
        last_contact_on=None,
        last_kind=None,
        last_summary=None,
        urgency=urgency,
    )


def test_sort_items_order_does_not_depend_on_input_order() -> None:
    items = [
        _item("Zed", 3.0, days_ago(1)),
        _item("amy", 2.0, days_ago(5)),
        _item("Bea", 2.0, days_ago(5)),
        _item("Bea", 2.0, days_ago(5), FOLLOW_UP),
        _item("Cy", 2.0, days_ago(9)),
        _item("Dee", 0.5, TODAY),
        _item("Eve", 1.9, TODAY + timedelta(days=1), FOLLOW_UP, late=-1),
    ]
    expected = [
        ("Zed", CHECK_IN),
        ("Cy", CHECK_IN),
        ("amy", CHECK_IN),
        ("Bea", CHECK_IN),
        ("Bea", FOLLOW_UP),
        ("Dee", CHECK_IN),
        ("Eve", FOLLOW_UP),  # upcoming: after everything already due
    ]
    for perm in itertools.permutations(items):
        assert [(i.contact, i.reason) for i in sort_items(perm)] == expected


# --- action texts ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("state", "expected"),
    [
        (
            checkin("Ada Lovelace"),
            "Check in with Ada — you have no conversation logged yet",
        ),
        (
            checkin("Ada Lovelace", last=days_ago(61), kind="met", met="PyCon 2026 hallway"),
            "Check in with Ada — you met 2 months ago (PyCon 2026 hallway)",
        ),
        (
            checkin(
                "Ada Lovelace",
                last=days_ago(3),
                kind="met",
                summary="coffee near the venue",
                met="PyCon 2026 hallway",
            ),
            "Check in with Ada — you met 3 days ago (coffee near the venue)",
        ),
        (
            checkin("Ada Lovelace", last=days_ago(1), kind="met"),
            "Check in with Ada — you met yesterday",
        ),
        (
            checkin("Ada Lovelace", last=days_ago(5), kind="call", summary="the grant"),
            "Check in with Ada — last talked 5 days ago (call): “the grant”",
        ),
        (
            checkin("Ada Lovelace", last=TODAY, kind="email", summary="sent  the\n deck"),
            "Check in with Ada — last talked today (email): “sent the deck”",
        ),
        (
            checkin("Ada Lovelace", last=days_ago(1), kind="email"),
            "Check in with Ada — last talked yesterday (email)",
        ),
        (
            checkin("Ada Lovelace", last=days_ago(2), kind="other", summary="misc"),
            "Check in with Ada — last talked 2 days ago: “misc”",
        ),
        (
            checkin("Ada Lovelace", last=days_ago(2), kind=None, summary=None),
            "Check in with Ada — last talked 2 days ago",
        ),
        (
            checkin("Cher", last=days_ago(9), kind="call"),
            "Check in with Cher — last talked 9 days ago (call)",
        ),
    ],
)
def test_checkin_action(state: CheckinState, expected: str) -> None:
    assert checkin_action(state, TODAY) == expected


def test_checkin_action_truncates_a_long_summary_with_an_ellipsis() -> None:
    summary = "We talked about " + "the analytical engine and its many uses, " * 5
    action = checkin_action(checkin(last=days_ago(4), kind="call", summary=summary), TODAY)
    prefix = "Check in with Ada — last talked 4 days ago (call): “"
    assert action.startswith(prefix)
    assert action.endswith("…”")
    quoted = action[len(prefix) : -1]
    assert len(quoted) <= SUMMARY_QUOTE_CHARS
    assert quoted == quote(summary)
    assert summary.startswith(quoted[:-1])


def test_checkin_action_for_a_met_contact_truncates_where_they_met() -> None:
    met = "A very long description of the hallway track " * 3
    action = checkin_action(checkin(last=days_ago(2), kind="met", met=met), TODAY)
    assert action == f"Check in with Ada — you met 2 days ago ({quote(met)})"
    assert action.endswith("…)")


@pytest.mark.parametrize(
    ("todo", "expected"),
    [
        ("send the slides", "Follow up: send the slides"),
        ("  send   the\tslides ", "Follow up: send the slides"),
        ("x" * 120, "Follow up: " + "x" * 120),
        ("x" * 121, "Follow up: " + "x" * 119 + "…"),
    ],
)
def test_followup_action(todo: str, expected: str) -> None:
    assert followup_action(todo) == expected


@pytest.mark.parametrize(
    ("summary", "limit", "expected"),
    [
        (None, 70, ""),
        ("", 70, ""),
        ("   ", 70, ""),
        ("short note", 70, "short note"),
        ("  spaced \n  out\ttext ", 70, "spaced out text"),
        ("a" * 70, 70, "a" * 70),  # exactly at the limit: unchanged
        ("a" * 71, 70, "a" * 69 + "…"),
        ("abcdefghij", 5, "abcd…"),
        ("abc defghij", 5, "abc…"),  # no dangling space before the ellipsis
    ],
)
def test_quote(summary: str | None, limit: int, expected: str) -> None:
    assert quote(summary, limit) == expected


@pytest.mark.parametrize("length", [1, 69, 70, 71, 200])
def test_quote_never_exceeds_the_limit(length: int) -> None:
    text = ("word " * length)[:length]
    quoted = quote(text)
    assert len(quoted) <= SUMMARY_QUOTE_CHARS
    assert quoted.endswith("…") == (len(text.strip()) > SUMMARY_QUOTE_CHARS)


# ----- the habits (issue: thanks, loops, intros, asks, patience, birthdays, give-back)
from netlog.scheduler import (  # noqa: E402
    Balance,
    BirthdayState,
    OpenAsk,
    birthday_on,
    checkin_reason,
    next_birthday,
    urgency,
)


@pytest.mark.parametrize(
    ("unanswered", "expected_wait", "reason"),
    [(0, 30, "check-in"), (1, 7, "nudge"), (2, 14, "nudge"), (3, 30, "check-in")],
)
def test_unanswered_attempts_back_off(unanswered, expected_wait, reason) -> None:
    last, attempt = date(2026, 1, 1), date(2026, 2, 1)
    due_on = next_checkin(last, last, 30, None, unanswered, attempt if unanswered else None)
    base = attempt if unanswered else last
    assert due_on == base + timedelta(days=expected_wait)
    assert checkin_reason(unanswered) == reason


@pytest.mark.parametrize(
    ("birthday", "year", "expected"),
    [
        ("--02-29", 2027, date(2027, 2, 28)),
        ("--02-29", 2028, date(2028, 2, 29)),
        ("2000-02-29", 2100, date(2100, 2, 28)),
        ("--12-31", 2026, date(2026, 12, 31)),
        ("1990-04-15", 2026, date(2026, 4, 15)),
    ],
)
def test_birthday_on(birthday, year, expected) -> None:
    assert birthday_on(birthday, year) == expected


def test_next_birthday_wraps_the_year() -> None:
    assert next_birthday("--01-02", date(2026, 12, 31)) == date(2027, 1, 2)
    assert next_birthday("--12-31", date(2026, 12, 31)) == date(2026, 12, 31)


@pytest.mark.parametrize(
    ("reason", "late", "expected"),
    [
        ("thank-you", 0, 2.5),
        ("thank-you", 7, 3.5),
        ("close-the-loop", 14, 2.5),
        ("intro-follow-up", 0, 1.5),
        ("ask-follow-up", 14, 2.0),
        ("nudge", 0, 1.0),
        ("birthday", 0, 3.0),
    ],
)
def test_documented_urgencies(reason, late, expected) -> None:
    assert urgency(reason, late) == expected


def test_give_back_urgency_grows_with_the_debt() -> None:
    assert urgency("give-back", 0, owed=2) == 1.0
    assert urgency("give-back", 30, owed=4) == 2.5


def test_patience_defers_own_suggestions_but_not_promises() -> None:
    today = date(2026, 5, 10)
    touched = date(2026, 5, 9)
    state = CheckinState(1, "Ada Lovelace", 7, date(2026, 5, 1), touched)
    fu = OpenFollowUp(5, 1, "Ada Lovelace", date(2026, 5, 10), "send the deck")
    ask = OpenAsk(3, 2, "Bob Smith", "intro", None, date(2026, 4, 1), touched)
    bal = Balance(4, "Cy Young", gave=0, got=2, last_got_on=date(2026, 4, 1), last_touch_on=touched)
    bday = BirthdayState(6, "Di Ross", "--05-10")
    items = due_items([state], [fu], today, asks=[ask], birthdays=[bday], balances=[bal])
    assert [(i.contact, i.reason) for i in items] == [
        ("Di Ross", "birthday"),
        ("Ada Lovelace", "follow-up"),
    ]
    later = due_items([state], [], date(2026, 5, 12), asks=[ask], balances=[bal])
    # three days after the contact: the check-in and give-back return; the ask's
    # gentle follow-up waits a week after the last contact (2026-05-16)
    assert {(i.contact, i.reason, i.due_on) for i in later} == {
        ("Ada Lovelace", "check-in", date(2026, 5, 12)),
        ("Cy Young", "give-back", date(2026, 5, 12)),
    }
