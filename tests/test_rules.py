"""The scheduler's rules one at a time (netlog.scheduler.RULES), and the extension
point: a rule plugged into ``due_items`` is ranked, set aside and worded like the
built-in ones."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta

import pytest

from netlog.handles import is_handle
from netlog.scheduler import (
    ASK_FOLLOW_UP,
    BIRTHDAY,
    CHECK_IN,
    CLOSE_THE_LOOP,
    FOLLOW_UP,
    GIVE_BACK,
    INTRO_FOLLOW_UP,
    NUDGE,
    REASONS,
    RULES,
    THANK_YOU,
    Balance,
    BirthdayState,
    CheckinState,
    DueInputs,
    DueItem,
    FadingState,
    OpenAsk,
    OpenFollowUp,
    asks_due,
    birthdays_due,
    checkins_due,
    due_item,
    due_items,
    give_backs_due,
    promises_due,
)
from netlog.scheduler import FADING as FADING_TIE

TODAY = date(2026, 11, 25)


def ago(n: int) -> date:
    return TODAY - timedelta(days=n)


def ahead(n: int) -> date:
    return TODAY + timedelta(days=n)


def found(rule, until: date = TODAY, **records) -> list[DueItem]:
    return list(rule(DueInputs(until, **records), TODAY))


# ----- checkins_due: check-in and nudge, handle c<contact>
@pytest.mark.parametrize(
    ("next_on", "last", "attempt", "unanswered", "until", "expected"),
    [
        # due today, overdue, upcoming within the horizon, beyond it
        (TODAY, ago(30), None, 0, TODAY, (CHECK_IN, TODAY, 1.0)),
        (ago(15), ago(45), None, 0, TODAY, (CHECK_IN, ago(15), 1.5)),
        (ahead(3), ago(27), None, 0, ahead(3), (CHECK_IN, ahead(3), 0.9)),
        (ahead(1), ago(29), None, 0, TODAY, None),
        # patience: talked 1 day ago, so the suggestion waits until 3 days after
        (ago(10), ago(1), None, 0, TODAY, None),
        (ago(10), ago(1), None, 0, ahead(2), (CHECK_IN, ahead(2), 0.933)),
        # an unanswered attempt: a nudge, also patient after the attempt
        (TODAY, ago(40), ago(7), 1, TODAY, (NUDGE, TODAY, 1.0)),
        (ago(14), ago(60), ago(28), 2, TODAY, (NUDGE, ago(14), 2.0)),
        (ago(5), ago(40), ago(1), 1, TODAY, None),
        # after a third unanswered attempt, the cadence again: a check-in
        (TODAY, ago(90), ago(30), 3, TODAY, (CHECK_IN, TODAY, 1.0)),
    ],
)
def test_checkins_due(next_on, last, attempt, unanswered, until, expected) -> None:
    state = CheckinState(
        7, "Ada Lovelace", 30, next_on, last, "call", "the grant",
        unanswered=unanswered, last_attempt_on=attempt,
    )  # fmt: skip
    items = found(checkins_due, until, checkins=[state])
    if expected is None:
        assert items == []
        return
    [item] = items
    assert (item.reason, item.due_on, item.urgency) == expected
    assert item.handle == "c7"
    assert item.days_overdue == (TODAY - item.due_on).days
    assert (item.contact, item.contact_id, item.last_contact_on) == ("Ada Lovelace", 7, last)
    opening = {1: "Nudge Ada gently", 2: "Try Ada once more"}.get(unanswered, "Check in with Ada")
    assert item.action.startswith(opening + " — ")


# ----- promises_due: stored obligations, handle f<row>
@pytest.mark.parametrize(
    ("reason", "due_on", "until", "urgency", "action"),
    [
        (FOLLOW_UP, ago(7), TODAY, 3.0, "Follow up: send the deck"),
        (THANK_YOU, TODAY, TODAY, 2.5, "send the deck"),
        (CLOSE_THE_LOOP, ago(14), TODAY, 2.5, "send the deck"),
        (INTRO_FOLLOW_UP, ahead(7), ahead(7), 1.0, "send the deck"),
        (FOLLOW_UP, ahead(1), TODAY, None, None),
    ],
)
def test_promises_due(reason, due_on, until, urgency, action) -> None:
    promise = OpenFollowUp(12, 3, "Grace Hopper", due_on, "send the deck", reason=reason)
    items = found(promises_due, until, followups=[promise])
    if urgency is None:
        assert items == []
        return
    [item] = items
    assert (item.reason, item.due_on, item.urgency, item.action) == (
        reason, due_on, urgency, action,
    )  # fmt: skip
    assert (item.handle, item.followup_id, item.ask_id) == ("f12", 12, None)


# ----- asks_due: a week after the ask or your last contact since, handle a<ask>
@pytest.mark.parametrize(
    ("asked", "touched", "until", "due_on"),
    [
        (ago(7), None, TODAY, TODAY),
        (ago(20), None, TODAY, ago(13)),
        (ago(6), None, TODAY, None),
        (ago(6), None, ahead(1), ahead(1)),
        (ago(20), ago(2), TODAY, None),  # you talked since: a week after that
        (ago(20), ago(2), ahead(5), ahead(5)),
        (ago(20), ago(9), TODAY, ago(2)),
    ],
)
def test_asks_due(asked, touched, until, due_on) -> None:
    ask = OpenAsk(4, 9, "Linus Torvalds", "an intro to the kernel team", "Linux", asked, touched)
    items = found(asks_due, until, asks=[ask])
    if due_on is None:
        assert items == []
        return
    [item] = items
    assert (item.reason, item.due_on, item.handle, item.ask_id) == (ASK_FOLLOW_UP, due_on, "a4", 4)
    assert item.urgency == round(1 + (TODAY - due_on).days / 14, 3)
    assert item.action == (
        f"Gently follow up with Linus on your ask of {asked.isoformat()}: "
        "“an intro to the kernel team” at Linux"
    )


# ----- birthdays_due: on the day, unless you reached out that day, handle b<contact>
@pytest.mark.parametrize(
    ("birthday", "last", "attempt", "until", "due_on", "action"),
    [
        ("1990-11-25", None, None, TODAY, TODAY, "Wish Zoë a happy birthday (turns 36)"),
        ("--11-25", None, None, TODAY, TODAY, "Wish Zoë a happy birthday"),
        ("--11-25", TODAY, None, TODAY, None, None),  # wished today
        ("--11-25", None, TODAY, TODAY, None, None),  # tried today: wished all the same
        ("--11-25", ago(1), None, TODAY, TODAY, "Wish Zoë a happy birthday"),
        ("--11-30", None, None, TODAY, None, None),
        ("--11-30", None, None, ahead(5), ahead(5), "Zoë's birthday is on 2026-11-30: plan a note"),
        # yesterday's is gone: the next one is next year's
        ("--11-24", None, None, TODAY, None, None),
        ("--02-29", None, None, date(2027, 3, 1), date(2027, 2, 28), None),
        ("not a day", None, None, ahead(400), None, None),
    ],
)
def test_birthdays_due(birthday, last, attempt, until, due_on, action) -> None:
    person = BirthdayState(5, "Zoë", birthday, last, "call", None, attempt)
    items = found(birthdays_due, until, birthdays=[person])
    if due_on is None:
        assert items == []
        return
    [item] = items
    assert (item.reason, item.due_on, item.handle) == (BIRTHDAY, due_on, "b5")
    if action is not None:
        assert item.action == action


# ----- give_backs_due: while you got more than you gave, handle g<contact>
@pytest.mark.parametrize(
    ("gave", "got", "last_got", "touched", "due_on", "urgency", "action"),
    [
        (0, 1, ago(14), None, TODAY, 0.75, "You've received a favour from Cy and given none"),
        (1, 3, ago(44), None, ago(30), 2.0, "You've received 3 favours from Cy and given only 1"),
        (0, 1, ago(13), None, None, None, None),  # not yet 14 days
        (2, 2, ago(60), None, None, None, None),  # even
        (3, 1, ago(60), None, None, None, None),  # you gave more
        (0, 1, None, None, None, None, None),
        (0, 2, ago(30), ago(1), None, None, None),  # patient: you just talked
        (0, 2, ago(30), ago(3), TODAY, 1.0, "You've received 2 favours from Cy and given none"),
    ],
)
def test_give_backs_due(gave, got, last_got, touched, due_on, urgency, action) -> None:
    balance = Balance(6, "Cy Young", gave, got, last_got, touched)
    items = found(give_backs_due, TODAY, balances=[balance])
    if due_on is None:
        assert items == []
        return
    [item] = items
    assert (item.reason, item.due_on, item.urgency, item.handle) == (
        GIVE_BACK, due_on, urgency, "g6",
    )  # fmt: skip
    assert item.action == f"{action}: what could you share?"


# ----- every rule together
def _one_of_each() -> dict[str, list]:
    return {
        "checkins": [
            CheckinState(1, "Ada", 30, ago(2)),
            CheckinState(2, "Bob", 30, ago(2), ago(40), unanswered=1, last_attempt_on=ago(9)),
        ],
        "followups": [
            OpenFollowUp(10 + n, 3, "Cat", TODAY, "todo", reason=r)
            for n, r in enumerate((FOLLOW_UP, THANK_YOU, CLOSE_THE_LOOP, INTRO_FOLLOW_UP))
        ],
        "asks": [OpenAsk(20, 4, "Dan", "an intro", None, ago(8))],
        "birthdays": [BirthdayState(5, "Eve", "--11-25")],
        "balances": [Balance(6, "Fay", gave=0, got=1, last_got_on=ago(20))],
        "fading": [FadingState(7, "Gus", 7, ago(30))],
    }


def test_the_rules_find_every_reason_with_a_handle_netlog_can_act_on() -> None:
    records = _one_of_each()
    by_rule = {rule.__name__: found(rule, **records) for rule in RULES}
    assert {name: sorted({i.reason for i in items}) for name, items in by_rule.items()} == {
        "checkins_due": sorted([CHECK_IN, NUDGE]),
        "promises_due": sorted([FOLLOW_UP, THANK_YOU, CLOSE_THE_LOOP, INTRO_FOLLOW_UP]),
        "asks_due": [ASK_FOLLOW_UP],
        "birthdays_due": [BIRTHDAY],
        "give_backs_due": [GIVE_BACK],
        "fading_due": [FADING_TIE],
    }
    items = due_items(
        records["checkins"], records["followups"], TODAY,
        asks=records["asks"], birthdays=records["birthdays"], balances=records["balances"],
        fading=records["fading"],
    )  # fmt: skip
    assert {i.reason for i in items} == set(REASONS)
    handles = [i.handle for i in items]
    assert len(set(handles)) == len(handles)
    assert all(is_handle(h) for h in handles), handles
    assert all(i.action for i in items)


def test_due_items_is_every_rule_s_items_ranked() -> None:
    records = _one_of_each()
    from_rules = [i for rule in RULES for i in found(rule, **records)]
    items = due_items(
        records["checkins"], records["followups"], TODAY,
        asks=records["asks"], birthdays=records["birthdays"], balances=records["balances"],
        fading=records["fading"],
    )  # fmt: skip
    assert sorted(i.handle for i in items) == sorted(i.handle for i in from_rules)
    assert [i.urgency for i in items] == sorted((i.urgency for i in items), reverse=True)


# ----- the extension point: one more rule
FADING = "stale-tie"  # a reason of its own, not the built-in fading rule


def _fading_words(item: DueItem, dated: bool) -> str:
    return f"Rekindle things with {item.contact}: nothing in over a year"


def fading_ties(inputs: DueInputs, today: date) -> Iterator[DueItem]:
    """A rule of the kind capture or a "fading ties" report would add: people you
    last talked to over a year ago, by the contact (``t``)."""
    for state in inputs.checkins:
        last = state.last_contact_on
        if last is None or (today - last).days <= 365:
            continue
        due_on = last + timedelta(days=366)
        yield due_item(
            state,
            reason=FADING,
            handle=f"t{state.contact_id}",
            due_on=due_on,
            days_overdue=(today - due_on).days,
            urgency=3.0,
            today=today,
            words=_fading_words,
        )


def test_a_rule_plugged_into_the_loop_shows_up_ranked_and_worded() -> None:
    old = CheckinState(8, "Old Friend", 30, ago(400), ago(430), "coffee", "old times")
    recent = CheckinState(9, "New Friend", 30, ago(1), ago(31))
    promise = OpenFollowUp(11, 9, "New Friend", TODAY, "send the deck")
    # an iterator: two rules read the check-ins, and both see them all
    items = due_items(iter([old, recent]), [promise], TODAY, rules=(*RULES, fading_ties))
    assert [(i.contact, i.reason, i.handle, i.urgency) for i in items] == [
        ("Old Friend", CHECK_IN, "c8", 14.333),  # 400 days late on a 30-day cadence
        ("Old Friend", FADING, "t8", 3.0),  # ranked among the others, not appended
        ("New Friend", FOLLOW_UP, "f11", 2.0),
        ("New Friend", CHECK_IN, "c9", 1.033),
    ]
    fading = next(i for i in items if i.reason == FADING)
    assert fading.action == "Rekindle things with Old Friend: nothing in over a year"
    assert fading.due_on == ago(430) + timedelta(days=366)
    assert (fading.last_contact_on, fading.last_kind, fading.last_summary) == (
        ago(430), "coffee", "old times",
    )  # fmt: skip
    # without the rule, no such item: the built-in rules are the default
    assert FADING not in {i.reason for i in due_items([old, recent], [promise], TODAY)}


def test_a_plugged_in_rule_s_items_are_set_aside_by_their_handle() -> None:
    old = CheckinState(8, "Old Friend", 30, ago(400), ago(430))
    rules = (*RULES, fading_ties)
    skipped = due_items([old], [], TODAY, rules=rules, dismissed={"t8": ahead(30)})
    assert [i.handle for i in skipped] == ["c8"]
    # set aside until a day that has come: back again
    back = due_items([old], [], ahead(30), rules=rules, dismissed={"t8": ahead(30)})
    assert sorted(i.handle for i in back) == ["c8", "t8"]


# ----- fading_due: silence past 3× the typical gap, handle t<contact>
@pytest.mark.parametrize(
    ("last", "gap", "attempt", "until", "due_on", "urgency"),
    [
        (ago(22), 7, None, TODAY, TODAY, 0.75),  # the first day past 3 × 7
        (ago(30), 7, None, TODAY, ago(8), round(0.75 + 8 / 21, 3)),
        (ago(21), 7, None, TODAY, None, None),  # exactly 3×: not yet
        (ago(21), 7, None, ahead(1), ahead(1), round(0.75 - 1 / 21, 3)),
        (ago(10), 2, None, TODAY, None, None),  # never before two weeks of silence
        (ago(14), 2, None, TODAY, TODAY, 0.75),
        (ago(40), 7, ago(1), TODAY, None, None),  # patient after an attempt
    ],
)
def test_fading_due(last, gap, attempt, until, due_on, urgency) -> None:
    from netlog.scheduler import fading_due

    tie = FadingState(4, "Ada Lovelace", gap, last, "coffee", "the grant", "coffee", attempt)
    items = found(fading_due, until, fading=[tie])
    if due_on is None:
        assert items == []
        return
    [item] = items
    assert (item.reason, item.due_on, item.urgency, item.handle) == (
        FADING_TIE, due_on, urgency, "t4",
    )  # fmt: skip
    assert is_handle(item.handle)
    assert item.action.startswith("Invite Ada for a coffee — last talked ")
    assert f"your usual {gap} days" in item.action
    assert "on " + last.isoformat() in describe_dated(item)


def describe_dated(item: DueItem) -> str:
    from netlog.scheduler import describe

    return describe(item, dated=True)
