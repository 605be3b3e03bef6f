"""Acting on one due item by its handle: ``done f12``, ``skip b3``, ``snooze a4 'in 2w'``.

Every item ``due`` shows has a handle (``DueItem.handle``) that stays the same
from day to day. What each action means depends on what the item is:

=============  ================================  ==================================
item           done / skip                       snooze WHEN
=============  ================================  ==================================
``f`` promise  marked done (the row is kept)     its due day moves to WHEN
``c`` check-in the contact is snoozed one        the contact is snoozed to WHEN
  or nudge     cadence from today
``b`` birthday this year's is set aside          set aside until WHEN
``g`` give-back set aside for 30 days             set aside until WHEN
``a`` ask      set aside for the ask's follow-   set aside until WHEN
  follow-up    up wait
``t`` fading   set aside for 30 days             set aside until WHEN
  tie
=============  ================================  ==================================

A use case like the others: plain values in, one unit of work, a plain result.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from typing import NamedTuple

from netlog import policy
from netlog.errors import InputError
from netlog.repository import Repository
from netlog.scheduler import DueItem
from netlog.services import _get, due, stamp

HANDLE = r"^[fcbgat][0-9]+$"  # compiled by re on first use
# How far ahead an item may be to be acted on by handle (due --within 1y shows it).
HORIZON_DAYS = 366


def is_handle(text: str) -> bool:
    return bool(re.match(HANDLE, text.strip().lower()))


class ItemResult(NamedTuple):
    item: DueItem
    what: str  # what was done, for the person: "done", "set aside until 2027-11-25"...


def act(
    repo: Repository,
    handles: list[str],
    action: str,
    *,
    today: date,
    now: datetime,
    until: date | None = None,
) -> list[ItemResult]:
    """Do ``action`` (``done``, ``skip`` or ``snooze``) to each item, all in one
    unit of work: an unknown handle refuses the whole command."""
    if action == "snooze" and (until is None or until <= today):
        raise InputError(
            "cannot snooze to a day that is not after today",
            "give a later day, e.g. 'in 2 weeks' or 'next monday'",
        )
    wanted = list(dict.fromkeys(h.strip().lower() for h in handles))
    stamp_now = stamp(now)
    with repo.transaction():
        # Only the contacts the handles name: a handle on a large network is found
        # without wording every item due there.
        who = [cid for cid in (_contact_of(repo, h) for h in wanted) if cid is not None]
        horizon = today + timedelta(HORIZON_DAYS)
        items = {i.handle: i for i in due(repo, today=today, until=horizon, contact_ids=who)}
        missing = [h for h in wanted if h not in items]
        if missing:
            raise InputError(
                f"{', '.join(missing)} {'is' if len(missing) == 1 else 'are'} not due or coming up",
                "see the items and their handles with: netlog due --within 4w",
            )
        return [_act(repo, items[h], action, today, stamp_now, until) for h in wanted]


def _contact_of(repo: Repository, handle: str) -> int | None:
    """The contact a handle belongs to (None for a promise or ask that is gone)."""
    kind, number = handle[0], int(handle[1:])
    if kind == "f":
        return repo.followup_contact(number)
    if kind == "a":
        ask = repo.get_ask(number)
        return ask.contact_id if ask else None
    return number


def _act(
    repo: Repository, item: DueItem, action: str, today: date, stamp_now: str, until: date | None
) -> ItemResult:
    kind = item.handle[0]
    if kind == "f":
        assert item.followup_id is not None
        if action == "snooze":
            assert until is not None
            repo.move_followup(item.followup_id, until)
            return ItemResult(item, f"moved to {until.isoformat()}")
        repo.complete_followup_ids([item.followup_id], stamp_now)
        return ItemResult(item, "done")
    if kind == "c":
        contact = _get(repo, item.contact_id)
        target = until if action == "snooze" else today + timedelta(days=contact.cadence_days)
        assert target is not None
        repo.update_contact(contact.id, now=stamp_now, snoozed_until=target)
        return ItemResult(item, f"next check-in {target.isoformat()}")
    if action == "snooze":
        assert until is not None
        target = until
    elif kind == "b":
        target = item.due_on + timedelta(days=1)  # this year's; next year's comes as usual
    elif kind == "g":
        target = today + timedelta(days=policy.GIVE_BACK_SKIP_DAYS)
    elif kind == "t":
        target = today + timedelta(days=policy.FADING_SKIP_DAYS)
    else:
        target = today + timedelta(days=policy.ASK_FOLLOW_UP_DAYS)
    repo.dismiss(item.handle, item.contact_id, target, stamp_now)
    shown = "until next year" if kind == "b" and action != "snooze" else f"until {target}"
    return ItemResult(item, f"set aside {shown}")
