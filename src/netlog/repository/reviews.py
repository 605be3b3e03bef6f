"""How far ``netlog review`` got today: one mark per contact it went through."""

from __future__ import annotations

from datetime import date

from netlog.repository.base import Store, WriteOutsideTransaction


class ReviewStore(Store):
    def mark_reviewed(self, contact_id: int, day: date) -> None:
        """Remember that ``contact_id`` was reviewed on ``day`` (their earlier
        mark, if any, is replaced). Derived state does not depend on it, so
        nothing is touched, but like every write it needs the unit of work."""
        if self._dirty is None:
            raise WriteOutsideTransaction("a review mark outside a unit of work")
        self.conn.execute(
            "INSERT INTO review_mark (contact_id, reviewed_on) VALUES (?, ?) "
            "ON CONFLICT (contact_id) DO UPDATE SET reviewed_on = excluded.reviewed_on",
            (contact_id, day.isoformat()),
        )

    def reviewed_on(self, day: date) -> set[int]:
        """The contacts reviewed on ``day``."""
        rows = self.conn.execute(
            "SELECT contact_id FROM review_mark WHERE reviewed_on = ?", (day.isoformat(),)
        )
        return {int(r[0]) for r in rows}
