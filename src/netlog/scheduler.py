"""Who is due, why, how urgently, and what to do about it.

Pure functions over plain records and an explicit ``today``: no database, no
clock, no terminal. The repository only pre-filters rows by their stored dates;
every rule about *when* someone is due and *what to suggest* lives here.

Reasons and urgency (higher is more urgent; ``late`` is days past the due date,
negative for upcoming items shown with ``--within``):

==================  ==============================  =====================================
reason              urgency                         when it is due
==================  ==============================  =====================================
birthday            ``3``                           on the day (29 Feb: 28 Feb in other years)
thank-you           ``2.5 + late / 7``              the day after you received a favour
follow-up           ``2 + late / 7``                the day you promised (``log --follow-up``)
close-the-loop      ``1.5 + late / 14``             30 days after a favour: tell them how it went
intro-follow-up     ``1.5 + late / 14``             14 days after you introduced two people
ask-follow-up       ``1 + late / 14``               7 days after an open ask (or your last contact)
nudge               ``1 + late / 14``               7, then 14 days after an unanswered attempt
check-in            ``1 + late / cadence_days``     one cadence after your last conversation
give-back           ``0.5 + (got - gave) / 4``      14 days after the latest favour, while you
                    ``+ late / 30``                 have received more than you gave
fading              ``0.75 + late / (3 × gap)``     silence past 3× their typical gap (and 14
                                                    days), while no check-in is due
==================  ==============================  =====================================

Rules: each reason is found by one small function of ``DueInputs`` (the records,
the last day to look at) and ``today`` that yields ``DueItem``s, each built by
``due_item`` with its handle and its wording:

==================  ======  ====================================================
rule                handle  reasons
==================  ======  ====================================================
``checkins_due``    ``c``   check-in, or nudge while an attempt awaits an answer
``promises_due``    ``f``   follow-up, thank-you, close-the-loop, intro-follow-up
``asks_due``        ``a``   ask-follow-up
``birthdays_due``   ``b``   birthday
``give_backs_due``  ``g``   give-back
``fading_due``      ``t``   fading (a tie going quiet, ``netlog.insight.fading``)
==================  ======  ====================================================

A handle is the letter and the id of what it is about (the contact; the stored
promise for ``f``, the ask for ``a``). ``due_items`` runs the rules in ``RULES``;
a new reason is one more rule there (and, if it reads new records, one more
field of ``DueInputs``).

Patience: after you reach out (any interaction, answered or not) netlog suggests
nothing of its own for that person for 3 days: check-ins, nudges, ask
follow-ups and give-backs wait. Promises you made (follow-ups, thank-yous,
closing the loop, asking how an introduction went) and birthdays keep their day.
After an unanswered attempt the next suggestion is a nudge 7 days later; after a
second one, 14 days later; after a third, netlog falls back to the cadence.

``due_items`` returns one item per reason, everything already due before anything
upcoming, then by urgency, due date and name. ``by_contact`` folds them into one
row per contact for display.
"""

# No ``from __future__ import annotations``: typing.NamedTuple compiles every
# string annotation of its fields, which made defining these records cost twice
# as much on every start.

from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import date, timedelta
from typing import NamedTuple, Protocol, TypeVar

from netlog.dates import relative_days

# The numbers behind these rules live in netlog.policy.
from netlog.policy import (
    ACTION_KINDS,
    ASK_FOLLOW_UP_DAYS,
    DEFAULT_CADENCE_DAYS,
    FADING_GAP_FACTOR,
    GIVE_BACK_AFTER_DAYS,
    NUDGE_WAITS,
    QUIET_DAYS,
    SUMMARY_QUOTE_CHARS,
    Birthday,
    PolicyError,
    first_checkin_offset,
    quiet_from,
)

CHECK_IN = "check-in"
FOLLOW_UP = "follow-up"
THANK_YOU = "thank-you"
CLOSE_THE_LOOP = "close-the-loop"
INTRO_FOLLOW_UP = "intro-follow-up"
ASK_FOLLOW_UP = "ask-follow-up"
NUDGE = "nudge"
BIRTHDAY = "birthday"
GIVE_BACK = "give-back"
FADING = "fading"
REASONS = (
    CHECK_IN,
    FOLLOW_UP,
    THANK_YOU,
    CLOSE_THE_LOOP,
    INTRO_FOLLOW_UP,
    ASK_FOLLOW_UP,
    NUDGE,
    BIRTHDAY,
    GIVE_BACK,
    FADING,
)
# Obligations stored as follow-up rows, by reason.
PROMISES = (FOLLOW_UP, THANK_YOU, CLOSE_THE_LOOP, INTRO_FOLLOW_UP)


# The records the rules read are NamedTuples: a tenth of a dataclass's cost to
# define at every start (about 0.1 against 0.5 ms each), and cheaper to build,
# one per overdue contact (thousands in a large network).
class CheckinState(NamedTuple):
    """What the scheduler needs to know about a contact to place its check-in."""

    contact_id: int
    name: str
    cadence_days: int
    next_checkin_on: date
    last_contact_on: date | None = None
    last_kind: str | None = None
    last_summary: str | None = None
    met: str | None = None
    unanswered: int = 0
    last_attempt_on: date | None = None
    last_note: str | None = None
    last_note_on: date | None = None

    @property
    def last_touch_on(self) -> date | None:
        return latest(self.last_contact_on, self.last_attempt_on)


class OpenFollowUp(NamedTuple):
    """An open obligation (a ``followup`` row): a promise, a thank-you, a loop to close."""

    followup_id: int
    contact_id: int
    name: str
    due_on: date
    todo: str
    cadence_days: int = DEFAULT_CADENCE_DAYS
    last_contact_on: date | None = None
    last_kind: str | None = None
    last_summary: str | None = None
    reason: str = FOLLOW_UP


class OpenAsk(NamedTuple):
    ask_id: int
    contact_id: int
    name: str
    request: str
    company: str | None
    asked_on: date
    last_touch_on: date | None = None
    last_contact_on: date | None = None
    last_kind: str | None = None
    last_summary: str | None = None


class BirthdayState(NamedTuple):
    contact_id: int
    name: str
    birthday: str  # YYYY-MM-DD or --MM-DD
    last_contact_on: date | None = None
    last_kind: str | None = None
    last_summary: str | None = None
    last_attempt_on: date | None = None


class Balance(NamedTuple):
    """How much you gave a contact and got from them (ledger counts)."""

    contact_id: int
    name: str
    gave: int
    got: int
    last_got_on: date | None
    last_touch_on: date | None = None
    last_contact_on: date | None = None
    last_kind: str | None = None
    last_summary: str | None = None


class FadingState(NamedTuple):
    """A contact with a rhythm (``typical_gap_days``, stored derived state) and
    no check-in due: what the fading rule compares their silence with."""

    contact_id: int
    name: str
    typical_gap_days: int
    last_contact_on: date
    last_kind: str | None = None
    last_summary: str | None = None
    usual_kind: str | None = None
    last_attempt_on: date | None = None


class Subject(Protocol):
    """What every record a rule reads says about its contact (``CheckinState``,
    ``OpenFollowUp``, ``OpenAsk``, ``BirthdayState``, ``Balance``, and whatever a
    new rule reads): an item takes its contact fields from it."""

    @property
    def contact_id(self) -> int: ...
    @property
    def name(self) -> str: ...
    @property
    def last_contact_on(self) -> date | None: ...
    @property
    def last_kind(self) -> str | None: ...
    @property
    def last_summary(self) -> str | None: ...


# How a rule words its items: (item, dated) -> the suggested action (see describe).
Words = Callable[["DueItem", bool], str]


class DueItem(NamedTuple):
    """One reason to reach out to one contact. ``action`` is worded on demand, so
    ranking thousands of overdue contacts costs no string building.

    Rules build items with ``due_item`` (which fills in ``handle``, ``source``,
    ``today`` and ``words``); an item made by hand (a test) has no handle and no
    action.

    A NamedTuple: a dataclass costs most of a millisecond to define on every
    start. Equality and hashing look at the facts only (the fields up to
    ``ask_id``), not at what a rule fills in beside them; ``handle`` follows
    from the facts. Items are ranked by ``sort_items``, never by ``<``."""

    contact: str
    contact_id: int
    reason: str
    due_on: date
    days_overdue: int
    last_contact_on: date | None
    last_kind: str | None
    last_summary: str | None
    urgency: float
    followup_id: int | None = None
    ask_id: int | None = None
    source: Subject | None = None
    today: date | None = None
    # A short name for this obligation that stays the same from day to day
    # (``done f12``, ``skip b3``), given by the rule that found it.
    handle: str = ""
    words: Words | None = None

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, DueItem):
            return NotImplemented
        return self[:_FACTS] == other[:_FACTS]

    def __ne__(self, other: object) -> bool:
        equal = self.__eq__(other)
        return equal if equal is NotImplemented else not equal

    def __hash__(self) -> int:
        return hash(self[:_FACTS])

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in _SHOWN)
        return f"DueItem({shown})"

    @property
    def action(self) -> str:
        """The suggested action, e.g. "Check in with Ada — last talked 6 weeks ago"
        (``describe``, undated)."""
        words = self.words
        return "" if words is None else words(self, False)


_FACTS = DueItem._fields.index("source")  # contact .. ask_id: what equality compares
_SHOWN = (*DueItem._fields[:_FACTS], "handle")


def due_item(
    source: Subject,
    *,
    reason: str,
    handle: str,
    due_on: date,
    days_overdue: int,
    urgency: float,
    today: date,
    words: Words,
    followup_id: int | None = None,
    ask_id: int | None = None,
) -> DueItem:
    """The one way a rule builds an item: who it is about and their last contact
    come from ``source``, the record the rule read; ``words`` says the action."""
    return DueItem(
        source.name,
        source.contact_id,
        reason,
        due_on,
        days_overdue,
        source.last_contact_on,
        source.last_kind,
        source.last_summary,
        urgency,
        followup_id,
        ask_id,
        source,
        today,
        handle,
        words,
    )


def set_aside(items: list[DueItem], dismissed: dict[str, date], today: date) -> list[DueItem]:
    """Without the items set aside (``netlog skip``): an occurrence due before
    the day it was set aside until, while that day has not come."""
    if not dismissed:
        return items
    return [
        i
        for i in items
        if not (
            (until := dismissed.get(i.handle)) is not None and today < until and i.due_on < until
        )
    ]


def latest(*days: date | None) -> date | None:
    """The latest of some days, ignoring missing ones."""
    present = [d for d in days if d is not None]
    return max(present) if present else None


# ----- when
def next_checkin(
    last_contact_on: date | None,
    created_on: date,
    cadence_days: int,
    snoozed_until: date | None = None,
    unanswered: int = 0,
    last_attempt_on: date | None = None,
    ease_in_id: int | None = None,
) -> date:
    """When netlog next suggests reaching out on its own.

    One cadence after the last conversation; after unanswered attempts, a nudge 7
    then 14 days after the latest, then the cadence again from that attempt; never
    before a snooze. A contact brought in by an import (``ease_in_id``: its id)
    with nothing since it was added starts off in the second half of its first
    cadence from that day, spread by id (``policy.first_checkin_offset``), so a
    large import trickles into ``due`` instead of arriving overdue at once.
    """
    if unanswered and last_attempt_on is not None:
        wait = NUDGE_WAITS[unanswered - 1] if unanswered <= len(NUDGE_WAITS) else cadence_days
        due = last_attempt_on + timedelta(days=wait)
    elif last_contact_on is not None:
        due = last_contact_on + timedelta(days=cadence_days)
    else:
        due = created_on + timedelta(days=cadence_days)
    touch = latest(last_contact_on, last_attempt_on)
    if ease_in_id is not None and (touch is None or touch < created_on):
        first = created_on + timedelta(days=first_checkin_offset(ease_in_id, cadence_days))
        due = first if touch is None else max(due, first)
    if snoozed_until is not None and snoozed_until > due:
        return snoozed_until
    return due


def checkin_reason(unanswered: int) -> str:
    """``nudge`` while an attempt awaits an answer (1st and 2nd), else ``check-in``."""
    return NUDGE if 0 < unanswered <= len(NUDGE_WAITS) else CHECK_IN


def birthday_on(birthday: str, year: int) -> date | None:
    """The day a stored birthday falls on in ``year`` (see ``policy.Birthday.on``);
    None for a value that is not a birthday."""
    try:
        return Birthday.parse(birthday).on(year)
    except PolicyError:
        return None


def next_birthday(birthday: str, today: date) -> date | None:
    """The first occurrence of the birthday on or after ``today``."""
    this_year = birthday_on(birthday, today.year)
    if this_year is None:
        return None
    return this_year if this_year >= today else birthday_on(birthday, today.year + 1)


def age_on(birthday: str, day: date) -> int | None:
    """Completed years on ``day``, when the birth year is known."""
    if birthday.startswith("--"):
        return None
    born = int(birthday[:4])
    return day.year - born


# ----- how urgent
def checkin_urgency(days_overdue: int, cadence_days: int) -> float:
    return round(1 + days_overdue / (cadence_days if cadence_days > 1 else 1), 3)


def followup_urgency(days_overdue: int) -> float:
    return round(2 + days_overdue / 7, 3)


def urgency(
    reason: str, days_overdue: int, cadence_days: int = 30, owed: int = 0, gap: int = 1
) -> float:
    """The documented urgency of one due item (see the module docstring)."""
    if reason == CHECK_IN:
        return checkin_urgency(days_overdue, cadence_days)
    if reason == FOLLOW_UP:
        return followup_urgency(days_overdue)
    if reason == THANK_YOU:
        return round(2.5 + days_overdue / 7, 3)
    if reason in (CLOSE_THE_LOOP, INTRO_FOLLOW_UP):
        return round(1.5 + days_overdue / 14, 3)
    if reason in (ASK_FOLLOW_UP, NUDGE):
        return round(1 + days_overdue / 14, 3)
    if reason == BIRTHDAY:
        return 3.0 if days_overdue == 0 else round(3 + days_overdue / 7, 3)
    if reason == GIVE_BACK:
        return round(0.5 + owed / 4 + days_overdue / 30, 3)
    if reason == FADING:
        return round(0.75 + days_overdue / (FADING_GAP_FACTOR * max(gap, 1)), 3)
    raise ValueError(f"unknown reason {reason!r}")


# ----- what to say
def quote(summary: str | None, limit: int = SUMMARY_QUOTE_CHARS) -> str:
    """A one-line excerpt of a summary for an action or a table cell."""
    if not summary:
        return ""
    text = " ".join(summary.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _first_name(name: str) -> str:
    parts = name.split()
    return parts[0] if parts else name


def _when(day: date, today: date, dated: bool) -> str:
    """When something happened: "6 weeks ago" for the terminal, read the day it
    is printed (worded like every duration, ``dates.relative_days``); "on
    2026-10-01" when ``dated``, for text that is kept and read later (a calendar
    file), where a relative day would be wrong from the next day on."""
    return f"on {day.isoformat()}" if dated else relative_days(day, today)


def checkin_action(state: CheckinState, today: date, dated: bool = False) -> str:
    """A concrete suggestion quoting the latest conversation or personal note
    (``dated``: days as dates, see ``_when``)."""
    who = _first_name(state.name)
    if state.last_contact_on is None:
        text = f"Check in with {who} — you have no conversation logged yet"
    else:
        ago = _when(state.last_contact_on, today, dated)
        if state.last_kind == "met":
            where = quote(state.last_summary or state.met)
            text = f"Check in with {who} — you met {ago}" + (f" ({where})" if where else "")
        else:
            # What netlog wrote itself (thank, loop, intro, ask: "Said thank you")
            # is no talking point; only what was said in a real conversation is.
            said = None if state.last_kind in ACTION_KINDS else quote(state.last_summary)
            kind = state.last_kind
            kind_text = f" ({kind})" if kind and kind != "other" else ""
            about = f": “{said}”" if said else ""
            text = f"Check in with {who} — last talked {ago}{kind_text}{about}"
    note_is_news = state.last_note and (
        state.last_contact_on is None
        or state.last_note_on is None
        or state.last_note_on >= state.last_contact_on
        or not state.last_summary
        or state.last_kind in ACTION_KINDS
    )
    if note_is_news:
        text += f"; ask about “{quote(state.last_note)}”"
    return text


def nudge_action(state: CheckinState, today: date, dated: bool = False) -> str:
    who = _first_name(state.name)
    if state.last_attempt_on is not None:
        since = _when(state.last_attempt_on, today, dated)
    else:
        since = "earlier" if dated else "a while ago"
    if state.unanswered <= 1:
        return f"Nudge {who} gently — no reply since you reached out {since}"
    return (
        f"Try {who} once more — {state.unanswered} attempts unanswered, the last {since}; "
        "after this netlog waits for the usual cadence"
    )


def followup_action(todo: str) -> str:
    """``Follow up: send the deck``; a todo that says it already ("Follow up on:
    coffee", netlog's default) is not prefixed twice."""
    if todo.casefold().startswith("follow up"):
        return quote(todo, 120)
    return f"Follow up: {quote(todo, 120)}"


def describe(item: DueItem, dated: bool = False) -> str:
    """The suggested action for a due item, in words (by the rule that found it);
    with ``dated``, every day in it is a date rather than relative to today (for
    calendars, see ``_when``)."""
    words = item.words
    return "" if words is None else words(item, dated)


def _checkin_words(item: DueItem, dated: bool) -> str:
    state, today = item.source, item.today
    assert isinstance(state, CheckinState) and today is not None
    return checkin_action(state, today, dated)


def _nudge_words(item: DueItem, dated: bool) -> str:
    state, today = item.source, item.today
    assert isinstance(state, CheckinState) and today is not None
    return nudge_action(state, today, dated)


def _promise_words(item: DueItem, dated: bool) -> str:
    promise = item.source
    assert isinstance(promise, OpenFollowUp)
    if promise.reason == FOLLOW_UP:
        return followup_action(promise.todo)
    return quote(promise.todo, 120)  # worded when it was stored ("Thank Ada for: ...")


def _ask_words(item: DueItem, dated: bool) -> str:
    ask = item.source
    assert isinstance(ask, OpenAsk)
    at = f" at {ask.company}" if ask.company else ""
    return (
        f"Gently follow up with {_first_name(item.contact)} on your ask of "
        f"{ask.asked_on.isoformat()}: “{quote(ask.request)}”{at}"
    )


def _birthday_words(item: DueItem, dated: bool) -> str:
    person = item.source
    assert isinstance(person, BirthdayState)
    who = _first_name(item.contact)
    age = age_on(person.birthday, item.due_on)
    turns = f" (turns {age})" if age else ""
    if item.days_overdue < 0:
        return f"{who}'s birthday is on {item.due_on.isoformat()}{turns}: plan a note"
    return f"Wish {who} a happy birthday{turns}"


def _give_back_words(item: DueItem, dated: bool) -> str:
    balance = item.source
    assert isinstance(balance, Balance)
    favours = "a favour" if balance.got == 1 else f"{balance.got} favours"
    given = "none" if balance.gave == 0 else f"only {balance.gave}"
    return (
        f"You've received {favours} from {_first_name(item.contact)} and given {given}: "
        "what could you share?"
    )


def _fading_words(item: DueItem, dated: bool) -> str:
    from netlog.insight.wording import fading_action

    tie, today = item.source, item.today
    assert isinstance(tie, FadingState) and today is not None
    silence = (today - tie.last_contact_on).days
    return fading_action(
        tie.name, tie.last_contact_on, silence, tie.typical_gap_days, tie.usual_kind, today,
        dated=dated,
    )  # fmt: skip


# ----- what is due
def _patient(due_on: date, last_touch_on: date | None) -> date:
    """A suggestion of netlog's own waits until 3 days after you last reached out."""
    if last_touch_on is None:
        return due_on
    return max(due_on, last_touch_on + timedelta(days=QUIET_DAYS))


T = TypeVar("T")


class DueInputs(NamedTuple):
    """What the rules read: records the repository pre-filtered by their stored
    dates, and the last day to look at (``until``: today, or the ``--within``
    horizon). A named tuple: it costs a third of a dataclass to define, and every
    ``netlog`` process defines it."""

    until: date
    checkins: Sequence[CheckinState] = ()
    followups: Sequence[OpenFollowUp] = ()
    asks: Sequence[OpenAsk] = ()
    birthdays: Sequence[BirthdayState] = ()
    balances: Sequence[Balance] = ()
    fading: Sequence[FadingState] = ()


# A rule: the inputs and today -> the items due for one reason (or a family of
# reasons that share a handle), each built with ``due_item``. A new reason is one
# more rule in RULES (its record, if new, one more field of DueInputs).
Rule = Callable[[DueInputs, date], Iterable[DueItem]]


def checkins_due(inputs: DueInputs, today: date) -> Iterator[DueItem]:
    """``check-in`` one cadence after the last conversation, or ``nudge`` after an
    unanswered attempt (``next_checkin``), patient for 3 days after you reached
    out; handle ``c<contact>``."""
    until = inputs.until
    quiet = timedelta(days=QUIET_DAYS)
    for state in inputs.checkins:  # the hot loop: thousands of contacts in a large network
        due_on = state.next_checkin_on
        last, attempt = state.last_contact_on, state.last_attempt_on
        touch = attempt if attempt is not None and (last is None or attempt > last) else last
        if touch is not None and touch + quiet > due_on:
            due_on = touch + quiet  # patience: see _patient
        if due_on > until:
            continue
        late = (today - due_on).days
        if state.unanswered and checkin_reason(state.unanswered) == NUDGE:
            reason, score, words = NUDGE, urgency(NUDGE, late), _nudge_words
        else:
            reason, score = CHECK_IN, checkin_urgency(late, state.cadence_days)
            words = _checkin_words
        yield due_item(
            state,
            reason=reason,
            handle=f"c{state.contact_id}",
            due_on=due_on,
            days_overdue=late,
            urgency=score,
            today=today,
            words=words,
        )


def promises_due(inputs: DueInputs, today: date) -> Iterator[DueItem]:
    """Stored obligations on their day: ``follow-up``, ``thank-you``,
    ``close-the-loop``, ``intro-follow-up`` (the row says which); handle
    ``f<row>``."""
    until = inputs.until
    for promise in inputs.followups:
        if promise.due_on > until:
            continue
        late = (today - promise.due_on).days
        yield due_item(
            promise,
            reason=promise.reason,
            handle=f"f{promise.followup_id}",
            due_on=promise.due_on,
            days_overdue=late,
            urgency=urgency(promise.reason, late),
            today=today,
            words=_promise_words,
            followup_id=promise.followup_id,
        )


def asks_due(inputs: DueInputs, today: date) -> Iterator[DueItem]:
    """``ask-follow-up`` a week after an open ask or your last contact since,
    patient; handle ``a<ask>``."""
    until = inputs.until
    for ask in inputs.asks:
        since = latest(ask.asked_on, ask.last_touch_on)
        assert since is not None
        due_on = _patient(since + timedelta(days=ASK_FOLLOW_UP_DAYS), ask.last_touch_on)
        if due_on > until:
            continue
        late = (today - due_on).days
        yield due_item(
            ask,
            reason=ASK_FOLLOW_UP,
            handle=f"a{ask.ask_id}",
            due_on=due_on,
            days_overdue=late,
            urgency=urgency(ASK_FOLLOW_UP, late),
            today=today,
            words=_ask_words,
            ask_id=ask.ask_id,
        )


def birthdays_due(inputs: DueInputs, today: date) -> Iterator[DueItem]:
    """``birthday`` on the day (the next one from today), unless you already
    reached out on or after it; handle ``b<contact>``."""
    until = inputs.until
    for person in inputs.birthdays:
        day = next_birthday(person.birthday, today)
        if day is None or day > until:
            continue
        touched = latest(person.last_contact_on, person.last_attempt_on)
        if touched is not None and touched >= day:
            continue  # you reached out on the day: wished, whatever the answer
        late = (today - day).days
        yield due_item(
            person,
            reason=BIRTHDAY,
            handle=f"b{person.contact_id}",
            due_on=day,
            days_overdue=late,
            urgency=urgency(BIRTHDAY, late),
            today=today,
            words=_birthday_words,
        )


def give_backs_due(inputs: DueInputs, today: date) -> Iterator[DueItem]:
    """``give-back`` 14 days after the latest favour received while you have
    received more than you gave, patient; handle ``g<contact>``."""
    until = inputs.until
    for balance in inputs.balances:
        if balance.got <= balance.gave or balance.last_got_on is None:
            continue
        due_on = _patient(
            balance.last_got_on + timedelta(days=GIVE_BACK_AFTER_DAYS), balance.last_touch_on
        )
        if due_on > until:
            continue
        late = (today - due_on).days
        yield due_item(
            balance,
            reason=GIVE_BACK,
            handle=f"g{balance.contact_id}",
            due_on=due_on,
            days_overdue=late,
            urgency=urgency(GIVE_BACK, late, owed=balance.got - balance.gave),
            today=today,
            words=_give_back_words,
        )


def fading_due(inputs: DueInputs, today: date) -> Iterator[DueItem]:
    """``fading`` from the day their silence passed 3× their typical gap (and 14
    days), patient after an attempt; handle ``t<contact>``. The repository
    passes only contacts without a check-in or nudge due today, so a fading
    tie is a reason of its own, never a second one for a check-in."""
    until = inputs.until
    for tie in inputs.fading:
        due_on = _patient(
            quiet_from(tie.last_contact_on, tie.typical_gap_days), tie.last_attempt_on
        )
        if due_on > until:
            continue
        late = (today - due_on).days
        yield due_item(
            tie,
            reason=FADING,
            handle=f"t{tie.contact_id}",
            due_on=due_on,
            days_overdue=late,
            urgency=urgency(FADING, late, gap=tie.typical_gap_days),
            today=today,
            words=_fading_words,
        )


RULES: tuple[Rule, ...] = (
    checkins_due,
    promises_due,
    asks_due,
    birthdays_due,
    give_backs_due,
    fading_due,
)


def _listed(records: Iterable[T]) -> Sequence[T]:
    """A sequence every rule can read (an iterator would be used up by the first)."""
    return records if isinstance(records, (list, tuple)) else list(records)


def due_items(
    checkins: Iterable[CheckinState],
    followups: Iterable[OpenFollowUp],
    today: date,
    horizon: date | None = None,
    asks: Iterable[OpenAsk] = (),
    birthdays: Iterable[BirthdayState] = (),
    balances: Iterable[Balance] = (),
    dismissed: dict[str, date] | None = None,
    fading: Iterable[FadingState] = (),
    rules: Sequence[Rule] = RULES,
) -> list[DueItem]:
    """Everything due on or before ``horizon`` (default: today), one item per
    reason: what every rule finds, without what was set aside, in rank order."""
    inputs = DueInputs(
        horizon or today,
        _listed(checkins),
        _listed(followups),
        _listed(asks),
        _listed(birthdays),
        _listed(balances),
        _listed(fading),
    )
    items: list[DueItem] = []
    for rule in rules:
        items.extend(rule(inputs, today))
    kept = set_aside(items, dismissed or {}, today)  # a list of its own: sorted in place
    kept.sort(key=_rank)  # sort_items
    return kept


def sort_items(items: Sequence[DueItem]) -> list[DueItem]:
    """Everything already due before anything upcoming. What is due: most urgent
    first, ties broken by the earlier due date. What is upcoming (``--within``):
    by date, soonest first, then by urgency. Then by name."""
    return sorted(items, key=_rank)


def _rank(i: DueItem) -> tuple[bool, float | date, float | date, str, str]:
    # The flag keeps the two shapes apart: a date is only ever compared with a date.
    if i.days_overdue < 0:
        return (True, i.due_on, -i.urgency, i.contact.casefold(), i.reason)
    return (False, -i.urgency, i.due_on, i.contact.casefold(), i.reason)


def by_contact(items: Sequence[DueItem]) -> list[list[DueItem]]:
    """One group per contact, in the order of each contact's most urgent item; a
    contact's reasons stay in urgency order inside the group."""
    groups: dict[int, list[DueItem]] = {}
    for item in items:
        groups.setdefault(item.contact_id, []).append(item)
    return list(groups.values())
