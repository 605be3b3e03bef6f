"""``netlog review``: what is due, one person at a time.

The queue is ``due``'s, grouped by person, most urgent first, without the
people already reviewed today (``review_mark``): a review left half-way goes on
where it stopped, and tomorrow everyone due is shown again. A card is what a
person needs to decide: their due items (``services.due``) and a few talking
points from what ``show`` reads (``services.show``). Acting on a card is left
to the commands' own use cases; this module only reads, and marks.

A use case like the others: plain values in, plain records out, the one write
(the mark) in a unit of work.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from netlog import policy, scheduler, services
from netlog.errors import InputError
from netlog.records import AskRecord, Contact, Interaction, LedgerEntry, LifeNoteRecord
from netlog.repository import Repository
from netlog.scheduler import DueItem


@dataclass(frozen=True, slots=True)
class Queue:
    """Who to go through now, and how many that leaves."""

    people: list[list[DueItem]]  # one group per person, most urgent first (``--limit``: N)
    waiting: int  # people due and not yet reviewed today (with ``again``: all due)
    reviewed_today: int  # people due whom an earlier review today went through


def queue(repo: Repository, *, today: date, again: bool = False, limit: int | None = None) -> Queue:
    """The people due today, most urgent first, leaving out those reviewed
    today unless ``again``; at most ``limit`` of them."""
    if limit is not None and limit < 1:
        raise InputError("--limit must be at least 1", "use e.g. --limit 10")
    groups = scheduler.by_contact(services.due(repo, today=today))
    seen = set() if again else repo.reviewed_on(today)
    waiting = [g for g in groups if g[0].contact_id not in seen]
    shown = waiting if limit is None else waiting[:limit]
    return Queue(shown, len(waiting), len(groups) - len(waiting))


@dataclass(frozen=True, slots=True)
class Card:
    """One person's card: why they are due, and what to talk about."""

    contact: Contact
    items: list[DueItem]  # most urgent first, as ``due`` has them
    note: LifeNoteRecord | None  # the latest personal note
    conversation: Interaction | None  # the latest real conversation (answered, not netlog's own)
    open_asks: list[AskRecord]
    favours: list[LedgerEntry]  # the latest ones, newest first
    gave: int  # favours given and received, all told
    got: int

    @property
    def handles(self) -> list[str]:
        return [i.handle for i in self.items]


def card(repo: Repository, contact_id: int, *, today: date) -> Card | None:
    """The card of one person as things stand now; None when nothing of theirs
    is due (any more)."""
    items = services.due(repo, today=today, contact_ids=[contact_id])
    if not items:
        return None
    detail = services.show(repo, f"#{contact_id}")
    # Talking points are what was said, not what netlog wrote itself (``Said
    # thank you``), nor an attempt nobody answered: as in a check-in's action.
    said = next(
        (i for i in detail.interactions if not i.no_reply and i.kind not in policy.ACTION_KINDS),
        None,
    )
    gave = sum(e.direction == "gave" for e in detail.ledger)
    return Card(
        contact=detail.contact,
        items=items,
        note=detail.notes[0] if detail.notes else None,
        conversation=said,
        open_asks=[a for a in detail.asks if a.status == "open"],
        favours=detail.ledger[: policy.REVIEW_FAVOURS_SHOWN],
        gave=gave,
        got=len(detail.ledger) - gave,
    )


def mark(repo: Repository, contact_id: int, *, today: date) -> None:
    """Remember that this person was reviewed today."""
    with repo.transaction():
        repo.mark_reviewed(contact_id, today)
