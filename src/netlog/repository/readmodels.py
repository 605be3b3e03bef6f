"""The read models behind `due`, `search` and `suggest`: shaped for the
scheduler and the matchers, read without the history (stored derived state)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from netlog import policy
from netlog.names import fold
from netlog.records import MatchProfile, SearchHit
from netlog.repository import mappers as m
from netlog.repository.contacts import ContactStore
from netlog.scheduler import (
    Balance,
    BirthdayState,
    CheckinState,
    FadingState,
    OpenAsk,
    OpenFollowUp,
)


class ReadModels(ContactStore):
    # ----- due
    def checkin_candidates(
        self, until: date, tag: str | None = None, contact_ids: Sequence[int] | None = None
    ) -> list[CheckinState]:
        """Contacts whose stored next check-in falls on or before ``until``, with
        their stored latest interaction: an index range scan, never the history."""
        where, params = self.filters(tag, None, contact_ids)
        where = (where + " AND " if where else " WHERE ") + "c.next_checkin_on <= ?"
        sql = f"""
            SELECT c.id, c.name, c.cadence_days, c.next_checkin_on, c.last_contact_on,
                   c.last_kind, c.last_summary, c.met, c.unanswered, c.last_attempt_on,
                   c.last_note, c.last_note_on
            FROM contact c {where}"""
        rows = self.conn.execute(sql, [*params, until.isoformat()])
        fromiso = date.fromisoformat
        # tuple.__new__ builds the NamedTuple without a Python-level __new__:
        # thousands of rows in a neglected network (4 ms of `due` at 20k).
        make = tuple.__new__
        return [
            make(
                CheckinState,
                (
                    r[0], r[1], r[2], fromiso(r[3]),
                    fromiso(r[4]) if r[4] else None,
                    r[5], r[6], r[7], r[8],
                    fromiso(r[9]) if r[9] else None,
                    r[10],
                    fromiso(r[11]) if r[11] else None,
                ),
            )
            for r in rows
        ]  # fmt: skip

    def followups_due(
        self, until: date, tag: str | None = None, contact_ids: Sequence[int] | None = None
    ) -> list[OpenFollowUp]:
        where, params = self.filters(tag, None, contact_ids)
        where = (where + " AND " if where else " WHERE ") + "f.done_at IS NULL AND f.due_on <= ?"
        sql = f"""
            SELECT f.id, c.id, c.name, f.due_on, f.todo, c.cadence_days, c.last_contact_on,
                   c.last_kind, c.last_summary, f.reason
            FROM followup f JOIN contact c ON c.id = f.contact_id {where}"""
        rows = self.conn.execute(sql, [*params, until.isoformat()])
        return [
            OpenFollowUp(
                followup_id=r[0],
                contact_id=r[1],
                name=r[2],
                due_on=date.fromisoformat(r[3]),
                todo=r[4],
                cadence_days=r[5],
                last_contact_on=m.d(r[6]),
                last_kind=r[7],
                last_summary=r[8],
                reason=r[9],
            )
            for r in rows
        ]

    def asks_due(
        self, until: date, tag: str | None = None, contact_ids: Sequence[int] | None = None
    ) -> list[OpenAsk]:
        """Open asks whose gentle follow-up could fall by ``until`` (the scheduler
        decides exactly when)."""
        where, params = self.filters(tag, None, contact_ids)
        where = (where + " AND " if where else " WHERE ") + "a.status = 'open' AND a.asked_on <= ?"
        rows = self.conn.execute(
            "SELECT a.id, c.id, c.name, a.request, a.company, a.asked_on, c.last_contact_on, "
            "c.last_attempt_on, c.last_kind, c.last_summary FROM ask a "
            "JOIN contact c ON c.id = a.contact_id" + where,
            [*params, until.isoformat()],
        )
        return [
            OpenAsk(
                r[0],
                r[1],
                r[2],
                r[3],
                r[4],
                date.fromisoformat(r[5]),
                m.latest_day(r[6], r[7]),
                m.d(r[6]),
                r[8],
                r[9],
            )
            for r in rows
        ]

    def birthdays(
        self, tag: str | None = None, contact_ids: Sequence[int] | None = None
    ) -> list[BirthdayState]:
        where, params = self.filters(tag, None, contact_ids)
        where = (where + " AND " if where else " WHERE ") + "c.birthday IS NOT NULL"
        rows = self.conn.execute(
            "SELECT c.id, c.name, c.birthday, c.last_contact_on, c.last_kind, c.last_summary, "
            "c.last_attempt_on FROM contact c" + where,
            params,
        )
        return [BirthdayState(r[0], r[1], r[2], m.d(r[3]), r[4], r[5], m.d(r[6])) for r in rows]

    def balances(
        self, tag: str | None = None, contact_ids: Sequence[int] | None = None
    ) -> list[Balance]:
        """Gave/got counts for every contact with a ledger, with what `due` needs."""
        where, params = self.filters(tag, None, contact_ids)
        rows = self.conn.execute(
            "SELECT c.id, c.name, l.gave, l.got, l.last_got, c.last_contact_on, "
            "c.last_attempt_on, c.last_kind, c.last_summary FROM (SELECT contact_id, "
            "sum(direction = 'gave') AS gave, sum(direction = 'got') AS got, "
            "max(CASE WHEN direction = 'got' THEN occurred_on END) AS last_got "
            "FROM ledger GROUP BY contact_id) l JOIN contact c ON c.id = l.contact_id" + where,
            params,
        )
        return [
            Balance(
                r[0], r[1], r[2], r[3], m.d(r[4]), m.latest_day(r[5], r[6]), m.d(r[5]), r[7], r[8]
            )
            for r in rows
        ]

    def fading_candidates(
        self,
        until: date,
        today: date,
        tag: str | None = None,
        contact_ids: Sequence[int] | None = None,
    ) -> list[FadingState]:
        """Contacts whose silence passes 3× their stored typical gap by ``until``
        while no check-in or nudge of theirs is due today: a range scan of the
        stored day their silence turns quiet (``quiet_on``), never the history."""
        where, params = self.filters(tag, None, contact_ids)
        where = (where + " AND " if where else " WHERE ") + (
            "c.quiet_on <= ? AND c.next_checkin_on > ? AND (c.unanswered = 0 OR c.unanswered > ?)"
        )
        rows = self.conn.execute(
            "SELECT c.id, c.name, c.typical_gap_days, c.last_contact_on, c.last_kind, "
            "c.last_summary, c.last_attempt_on FROM contact c" + where,
            [*params, until.isoformat(), today.isoformat(), len(policy.NUDGE_WAITS)],
        )
        return [
            FadingState(r[0], r[1], r[2], date.fromisoformat(r[3]), r[4], r[5], r[4], m.d(r[6]))
            for r in rows
        ]

    # ----- suggest
    def connected_pairs(self) -> set[tuple[int, int]]:
        """Pairs who already know each other through you: introduced, or one
        introduced you to the other. Each pair as (smaller id, larger id)."""
        rows = self.conn.execute(
            "SELECT a_id, b_id FROM introduction UNION ALL "
            "SELECT id, via_id FROM contact WHERE via_id IS NOT NULL"
        )
        return {(min(a, b), max(a, b)) for a, b in rows}

    def matchable_contacts(self) -> list[MatchProfile]:
        """Contacts with offers, seeks or tags: the input of `suggest`."""
        rows = self.conn.execute(
            "SELECT c.id, c.name, c.offers, c.seeks, " + m.TAGS_SQL + " AS tags FROM contact c "
            "WHERE c.offers IS NOT NULL OR c.seeks IS NOT NULL OR tags IS NOT NULL"
        )
        return [
            MatchProfile(r[0], r[1], r[2], r[3], tuple(r[4].split("\x1f")) if r[4] else ())
            for r in rows
        ]

    # ----- search
    def search(self, text: str, limit: int = 200) -> list[SearchHit]:
        """Contacts matching every word of ``text`` (as word prefixes) in one of
        their fields, tags, emails/phones/links or interaction summaries, each
        once: first those whose own fields match, best matches first (bm25),
        then those whose conversations or personal notes do, the latest
        written first.

        Ranking is what costs: a common word ("hiring") is in tens of thousands
        of summaries of a large network, and scoring them all took 45 ms; the
        index yields them newest first at no cost, and stops at ``limit``."""
        words = [w for w in fold(text).replace('"', " ").split() if w]
        if not words:
            return []
        query = " ".join(f'"{w}"*' for w in words)
        best: dict[int, tuple[int, str]] = {}  # each contact's first match, in order
        # Their own fields (rowids from 0 up, see db.create_search_index): few,
        # ranked; then conversations and notes (rowid -2 × id, and -2 × id - 1),
        # newest first.
        for matches in ("rowid >= 0 ORDER BY rank", "rowid < 0 ORDER BY rowid"):
            if len(best) >= limit:
                break
            for rowid, contact_id, body in self.conn.execute(
                "SELECT rowid, contact_id, body FROM search_fts WHERE search_fts MATCH ? AND "
                + matches,
                (query,),
            ):
                best.setdefault(contact_id, (rowid, body))
                if len(best) >= limit:
                    break
        names = self.names_of(best)  # one query, not one per hit
        return [
            SearchHit(cid, names[cid], _source(rowid), body)
            for cid, (rowid, body) in best.items()
            if cid in names
        ]


def _source(rowid: int) -> str:
    if rowid < 0:
        return "interaction" if rowid % 2 == 0 else "personal note"
    fields = ("name", "company", "title", "note", "met", "tags", "email/phone/url", "offers/seeks")
    return fields[rowid % 8]
