"""What the insight models read: histories in compact form, the records of a
period (``week``) and the network's shape (``report``). Read-only.

The insight records are imported by the methods that build them: every
command opens a ``Repository``, and only ``week``, ``fading``, ``report`` and
``show`` read these (the insight package costs several milliseconds to import).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

from netlog.repository.base import Store

if TYPE_CHECKING:
    from netlog.insight.records import DayActivity, Promise, TieHistory
    from netlog.insight.week import AskLine, Contacted, FavourLine, IntroLine

# Between the days of one column as SQLite joins them: no day or kind holds it.
SEP = "\x1f"
NOTHING: tuple[None, None, None] = (None, None, None)  # no conversations or attempts
NO_FAVOURS: tuple[None, None] = (None, None)


def _in(column: str, ids: Sequence[int] | None) -> tuple[str, list[object]]:
    if ids is None:
        return "", []
    return f" WHERE {column} IN ({', '.join('?' * len(ids)) or 'NULL'})", list(ids)


class InsightStore(Store):
    def tie_histories(
        self, contact_ids: Sequence[int] | None = None, since: date | None = None
    ) -> list[TieHistory]:
        """Every contact's interactions and favours (or only ``contact_ids``'),
        oldest first: one pass over each table, grouped here. With ``since``,
        only the interactions from that day on, and what came before them in
        two values (``answered_before``, ``first_on``) and the stored rhythm:
        all that strength and fading read of a long history."""
        from netlog.insight.records import Columns, TieHistory, running_depth

        self.flush()
        where, params = _in("c.id", contact_ids)
        if since is None:
            extra, extra_params = "NULL, NULL, NULL", []
        else:
            extra = (
                "(SELECT max(occurred_on) FROM interaction i WHERE i.contact_id = c.id "
                "AND i.occurred_on < ? AND i.no_reply = 0), "
                "(SELECT min(occurred_on) FROM interaction i WHERE i.contact_id = c.id), "
                "c.typical_gap_days"
            )
            extra_params = [since.isoformat()]
        people = self.conn.execute(
            f"SELECT c.id, c.name, c.created_on, c.cadence_days, c.source, {extra} "
            "FROM contact c" + where,
            [*extra_params, *params],
        ).fetchall()
        # Each contact's days as one string per column, grouped along the
        # (contact_id, occurred_on) index: a group's rows come in index order,
        # so split they are already the sorted ``Columns`` (a test holds this
        # true), and the kinds line up with the days (one pass adds to both).
        # Sorting in a subquery instead costs a temporary b-tree: 1.6× slower.
        where, params = _in("contact_id", contact_ids)
        if since is not None:
            where += (" AND " if where else " WHERE ") + "occurred_on >= ?"
            params.append(since.isoformat())
        said: dict[int, tuple[str | None, str | None, str | None]] = {
            r[0]: (r[1], r[2], r[3])
            for r in self.conn.execute(
                "SELECT contact_id, group_concat(occurred_on, ?) FILTER (WHERE no_reply = 0), "
                "group_concat(kind, ?) FILTER (WHERE no_reply = 0), "
                "group_concat(occurred_on, ?) FILTER (WHERE no_reply IS NOT 0) "
                "FROM interaction INDEXED BY ix_interaction_contact_day"
                + where
                + " GROUP BY contact_id",
                [SEP, SEP, SEP, *params],
            )
        }
        where, params = _in("contact_id", contact_ids)
        favours: dict[int, tuple[str | None, str | None]] = {
            r[0]: (r[1], r[2])
            for r in self.conn.execute(
                "SELECT contact_id, "
                "group_concat(occurred_on, ?) FILTER (WHERE direction = 'gave'), "
                "group_concat(occurred_on, ?) FILTER (WHERE direction IS NOT 'gave') "
                "FROM ledger INDEXED BY ix_ledger_contact" + where + " GROUP BY contact_id",
                [SEP, SEP, *params],
            )
        }
        fromiso = date.fromisoformat
        split = [
            (
                days.split(SEP) if days else [],
                kinds.split(SEP) if kinds else [],
                tried.split(SEP) if tried else [],
            )
            for days, kinds, tried in (said.get(r[0], NOTHING) for r in people)
        ]
        depth = running_depth(kinds for _, kinds, _ in split)
        histories = []
        base = 0
        for r, (days, kinds, tried) in zip(people, split, strict=True):
            gave, got = favours.get(r[0], NO_FAVOURS)
            # Positional: 20,000 of them, and keywords cost a third more.
            histories.append(
                TieHistory(
                    r[0], r[1], fromiso(r[2]), (), (), r[3], r[4],
                    fromiso(r[5]) if r[5] else None,
                    fromiso(r[6]) if r[6] else None,
                    r[7],
                    Columns(
                        days, kinds, tried,
                        gave.split(SEP) if gave else [],
                        got.split(SEP) if got else [],
                        depth, base,
                    ),
                )
            )  # fmt: skip
            base += len(kinds)
        return histories

    def promises(self) -> list[Promise]:
        """Every follow-up row as history: opened on the day of the conversation
        it came from (or when it was stored), closed when it was done."""
        from netlog.insight.records import Promise

        self.flush()
        rows = self.conn.execute(
            "SELECT f.contact_id, min(coalesce(i.occurred_on, substr(f.created_at, 1, 10)), "
            "substr(f.created_at, 1, 10)), f.due_on, substr(f.done_at, 1, 10) "
            "FROM followup f LEFT JOIN interaction i ON i.id = f.interaction_id"
        )
        fromiso = date.fromisoformat
        return [
            Promise(r[0], fromiso(r[1]), fromiso(r[2]), fromiso(r[3]) if r[3] else None)
            for r in rows
        ]

    # ----- a period (the week)
    def contacted(self, since: date, until: date) -> list[Contacted]:
        from netlog.insight.week import Contacted

        self.flush()
        rows = self.conn.execute(
            "SELECT i.contact_id, c.name, i.occurred_on, i.kind, i.no_reply FROM interaction i "
            "JOIN contact c ON c.id = i.contact_id WHERE i.occurred_on BETWEEN ? AND ? "
            "ORDER BY i.occurred_on, i.id",
            (since.isoformat(), until.isoformat()),
        )
        return [Contacted(r[0], r[1], date.fromisoformat(r[2]), r[3], not r[4]) for r in rows]

    def favours_between(self, since: date, until: date) -> list[FavourLine]:
        from netlog.insight.week import FavourLine

        rows = self.conn.execute(
            "SELECT l.contact_id, c.name, l.direction, l.what, l.occurred_on FROM ledger l "
            "JOIN contact c ON c.id = l.contact_id WHERE l.occurred_on BETWEEN ? AND ? "
            "ORDER BY l.occurred_on, l.id",
            (since.isoformat(), until.isoformat()),
        )
        return [FavourLine(r[0], r[1], r[2], r[3], date.fromisoformat(r[4])) for r in rows]

    def asks_between(self, since: date, until: date) -> list[AskLine]:
        """Asks made in the period, and those closed in it."""
        from netlog.insight.week import AskLine

        s, u = since.isoformat(), until.isoformat()
        rows = self.conn.execute(
            "SELECT a.id, a.contact_id, c.name, a.request, a.asked_on, a.status, a.closed_on, "
            "a.outcome FROM ask a JOIN contact c ON c.id = a.contact_id "
            "WHERE a.asked_on BETWEEN ? AND ? OR a.closed_on BETWEEN ? AND ? "
            "ORDER BY a.asked_on, a.id",
            (s, u, s, u),
        )
        fromiso = date.fromisoformat
        return [
            AskLine(
                r[0], r[1], r[2], r[3], fromiso(r[4]), r[5], fromiso(r[6]) if r[6] else None, r[7]
            )
            for r in rows
        ]

    def introductions_between(self, since: date, until: date) -> list[IntroLine]:
        """Introductions made in the period, with how each went: its follow-ups
        done and open, and how many of the two you talked with after it."""
        from netlog.insight.week import IntroLine

        rows = self.conn.execute(
            "SELECT n.id, n.a_id, a.name, n.b_id, b.name, n.why, n.occurred_on, "
            "(SELECT count(*) FROM followup f WHERE f.intro_id = n.id AND f.done_at IS NOT NULL), "
            "(SELECT count(*) FROM followup f WHERE f.intro_id = n.id AND f.done_at IS NULL), "
            "(SELECT count(DISTINCT i.contact_id) FROM interaction i WHERE i.contact_id IN "
            "(n.a_id, n.b_id) AND i.no_reply = 0 AND i.occurred_on > n.occurred_on "
            "AND i.kind != 'intro') "
            "FROM introduction n JOIN contact a ON a.id = n.a_id JOIN contact b ON b.id = n.b_id "
            "WHERE n.occurred_on BETWEEN ? AND ? ORDER BY n.occurred_on, n.id",
            (since.isoformat(), until.isoformat()),
        )
        return [
            IntroLine(
                r[0], r[1], r[2], r[3], r[4], r[5], date.fromisoformat(r[6]), r[7], r[8], r[9]
            )
            for r in rows
        ]

    # ----- the network (the report)
    def daily_activity(self, since: date, until: date) -> dict[date, DayActivity]:
        from netlog.insight.records import DayActivity

        rows = self.conn.execute(
            "SELECT occurred_on, sum(no_reply = 0), sum(no_reply = 1) FROM interaction "
            "WHERE occurred_on BETWEEN ? AND ? GROUP BY occurred_on",
            (since.isoformat(), until.isoformat()),
        )
        return {
            (day := date.fromisoformat(r[0])): DayActivity(day, int(r[1]), int(r[2])) for r in rows
        }

    def network_people(self) -> list[tuple[int, str, str | None, str | None, int | None]]:
        """``(id, name, company, first tag, via_id)`` of every contact."""
        return [
            (r[0], r[1], r[2], r[3], r[4])
            for r in self.conn.execute(
                "SELECT c.id, c.name, c.company, (SELECT min(tag) FROM contact_tag t "
                "WHERE t.contact_id = c.id), c.via_id FROM contact c"
            )
        ]

    def introduction_pairs(self) -> list[tuple[int, int]]:
        return [(r[0], r[1]) for r in self.conn.execute("SELECT a_id, b_id FROM introduction")]
