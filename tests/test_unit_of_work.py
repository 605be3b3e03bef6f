"""The unit of work owns derived state: after any sequence of writes, what each
contact row stores equals what its history and the rules imply, and `check`
is clean. Also: a repair beside a burst of logs loses none of them, several
netlogs may create the same new database at once, and a large import without
dates eases in instead of falling due on one day.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule

from netlog import db, dump, exchange, handles, maintenance, practices, services
from netlog.errors import NetlogError
from netlog.importers import parse
from netlog.repository import Repository

START = date(2026, 1, 30)
NAMES = ("Ada Lovelace", "Grace Hopper", "Alan Turing", "Katherine Johnson", "Linus Torvalds")
KINDS = ("coffee", "call", "email", "meeting", "other")
EXAMPLES = int(os.environ.get("NETLOG_STATEFUL_EXAMPLES", "200"))


def snapshot(conn: sqlite3.Connection) -> list[str]:
    return list(conn.iterdump())


class Network(RuleBasedStateMachine):
    """Random sequences of every write a user (or an import) can make."""

    def __init__(self) -> None:
        super().__init__()
        self.folder = Path(tempfile.mkdtemp(prefix="netlog-uow-"))
        self.conn = db.connect(self.folder / "n.db")
        self.repo = Repository(self.conn)
        self.today = START
        self.clock = datetime(2026, 1, 30, 9, 0, tzinfo=UTC)

    def teardown(self) -> None:
        self.conn.close()
        shutil.rmtree(self.folder, ignore_errors=True)

    # ----- helpers
    def now(self) -> datetime:
        self.clock += timedelta(seconds=1)
        return self.clock

    def ids(self) -> list[int]:
        return self.repo.contact_ids()

    def attempt(self, write) -> None:  # type: ignore[no-untyped-def]
        """A write either lands or is refused with a NetlogError, changing nothing."""
        before = snapshot(self.conn)
        try:
            write()
        except NetlogError:
            assert snapshot(self.conn) == before

    def past(self, data: st.DataObject) -> date:
        return self.today - timedelta(days=data.draw(st.integers(0, 60), label="days ago"))

    def someone(self, data: st.DataObject) -> str:
        return f"#{data.draw(st.sampled_from(self.ids()), label='contact')}"

    # ----- the writes
    @initialize()
    def start(self) -> None:
        services.add_contact(self.repo, "Ada Lovelace", today=self.today, now=self.now())

    @rule(data=st.data(), force=st.booleans())
    def add(self, data: st.DataObject, force: bool) -> None:
        name = data.draw(st.sampled_from(NAMES), label="name")
        on = self.past(data)
        every = data.draw(st.sampled_from([None, 7, 30, 90]), label="every")
        emails = data.draw(st.lists(st.sampled_from(["a@x.io", "work:b@x.io", "c@y.io"])))
        self.attempt(
            lambda: services.add_contact(
                self.repo,
                name,
                today=self.today,
                now=self.now(),
                on=on,
                every_days=every,
                emails=emails,
                force=force,
            )
        )

    @precondition(lambda self: self.ids())
    @rule(data=st.data())
    def edit(self, data: st.DataObject) -> None:
        who = self.someone(data)
        every = data.draw(st.sampled_from([None, 14, 60]), label="every")
        on = data.draw(st.none() | st.just(self.past(data)), label="met on")
        self.attempt(
            lambda: services.edit_contact(
                self.repo, who, today=self.today, now=self.now(), every_days=every, on=on
            )
        )

    @precondition(lambda self: self.ids())
    @rule(data=st.data(), no_reply=st.booleans(), follow=st.booleans())
    def log(self, data: st.DataObject, no_reply: bool, follow: bool) -> None:
        who = self.someone(data)
        on = self.past(data)
        kind = data.draw(st.sampled_from(KINDS), label="kind")
        gave = data.draw(st.lists(st.just("intro to a CTO"), max_size=1), label="gave")
        got = data.draw(st.lists(st.just("resume advice"), max_size=1), label="got")
        follow_up = self.today + timedelta(days=7) if follow else None
        todo = data.draw(st.none() | st.just("send the slides"), label="todo") if follow else None
        self.attempt(
            lambda: services.log_interaction(
                self.repo,
                who,
                "talked",
                today=self.today,
                now=self.now(),
                kind=kind,
                on=on,
                follow_up_on=follow_up,
                todo=todo,
                gave=gave,
                got=got,
                no_reply=no_reply,
            )
        )

    @precondition(lambda self: self.ids())
    @rule(data=st.data())
    def thank_or_loop(self, data: st.DataObject) -> None:
        who = self.someone(data)
        habit = data.draw(st.sampled_from([practices.thank, practices.close_loop]))
        self.attempt(lambda: habit(self.repo, who, "it helped", today=self.today, now=self.now()))

    @precondition(lambda self: len(self.ids()) >= 2)
    @rule(data=st.data())
    def intro(self, data: st.DataObject) -> None:
        first, second = self.someone(data), self.someone(data)
        self.attempt(
            lambda: practices.introduce(
                self.repo, first, second, "both like compilers", today=self.today, now=self.now()
            )
        )

    @precondition(lambda self: self.ids())
    @rule(data=st.data())
    def ask(self, data: st.DataObject) -> None:
        who = self.someone(data)
        self.attempt(
            lambda: practices.ask(
                self.repo, who, "an intro to their CTO", today=self.today, now=self.now()
            )
        )

    @rule(data=st.data(), declined=st.booleans())
    def close_ask(self, data: st.DataObject, declined: bool) -> None:
        asks = self.repo.asks()
        if not asks:
            return
        ask_id = data.draw(st.sampled_from([a.id for a in asks]), label="ask")
        self.attempt(
            lambda: practices.close_ask(self.repo, ask_id, today=self.today, declined=declined)
        )

    @precondition(lambda self: self.ids())
    @rule(data=st.data())
    def note(self, data: st.DataObject) -> None:
        who = self.someone(data)
        on = self.past(data)
        self.attempt(
            lambda: practices.add_note(
                self.repo, who, "training for a marathon", today=self.today, now=self.now(), on=on
            )
        )

    @precondition(lambda self: self.ids())
    @rule(data=st.data(), days=st.integers(1, 90))
    def snooze(self, data: st.DataObject, days: int) -> None:
        who = self.someone(data)
        until = self.today + timedelta(days=days)
        self.attempt(
            lambda: services.snooze(self.repo, who, until, today=self.today, now=self.now())
        )

    @precondition(lambda self: self.ids())
    @rule(data=st.data(), everything=st.booleans())
    def done(self, data: st.DataObject, everything: bool) -> None:
        who = self.someone(data)
        self.attempt(
            lambda: services.complete_followups(
                self.repo, who, today=self.today, now=self.now(), upcoming_too=everything
            )
        )

    @rule(data=st.data(), action=st.sampled_from(["done", "skip", "snooze"]))
    def act_on_an_item(self, data: st.DataObject, action: str) -> None:
        """done/skip/snooze one due item by its handle."""
        shown = services.due(self.repo, today=self.today, until=self.today + timedelta(days=30))
        if not shown:
            return
        handle = data.draw(st.sampled_from([i.handle for i in shown]), label="handle")
        until = self.today + timedelta(days=data.draw(st.integers(1, 60), label="days"))
        self.attempt(
            lambda: handles.act(
                self.repo, [handle], action, today=self.today, now=self.now(), until=until
            )
        )

    @precondition(lambda self: len(self.ids()) >= 2)
    @rule(data=st.data())
    def merge(self, data: st.DataObject) -> None:
        keep, other = self.someone(data), self.someone(data)
        self.attempt(lambda: exchange.merge(self.repo, keep, other, now=self.now()))

    @precondition(lambda self: self.ids())
    @rule(data=st.data())
    def rm(self, data: st.DataObject) -> None:
        contact_id = data.draw(st.sampled_from(self.ids()), label="contact")
        self.attempt(lambda: services.remove(self.repo, f"#{contact_id}"))

    @rule(data=st.data())
    def import_cards(self, data: st.DataObject) -> None:
        names = data.draw(st.lists(st.sampled_from(NAMES), min_size=1, max_size=3), label="cards")
        text = "".join(
            f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:{n}\r\nEMAIL:{n.split()[0].lower()}@cards.example"
            "\r\nEND:VCARD\r\n"
            for n in names
        )
        parsed = parse(text.encode(), filename="cards.vcf")
        self.attempt(
            lambda: exchange.import_contacts(
                self.repo, [("cards.vcf", parsed)], today=self.today, now=self.now()
            )
        )

    @rule()
    def restore(self) -> None:
        """Dump, restore into a new database, and carry on there."""
        text = dump.dump(self.repo)
        target = self.folder / f"restored-{len(list(self.folder.iterdir()))}.db"
        conn = db.connect(target)
        dump.restore(Repository(conn), json.loads(text), "dump.json")
        assert dump.dump(Repository(conn)) == text
        self.conn.close()
        self.conn, self.repo = conn, Repository(conn)

    @rule(days=st.integers(1, 45))
    def wait(self, days: int) -> None:
        self.today += timedelta(days=days)

    # ----- what must always hold
    @invariant()
    def stored_equals_recomputed(self) -> None:
        for contact_id in self.ids():
            assert self.repo.stored_derived(contact_id) == self.repo.compute_derived(contact_id)

    @invariant()
    def check_is_clean(self) -> None:
        report = maintenance.check(self.repo)
        assert report.ok, [p.detail for p in report.problems]


Network.TestCase.settings = settings(
    max_examples=EXAMPLES,
    stateful_step_count=15,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
TestNetwork = Network.TestCase


# ----- a repair beside a burst of logs
def netlog(db_path: Path, *args: str, today: str = "2026-11-25") -> subprocess.CompletedProcess:
    env = {**os.environ, "NETLOG_TODAY": today, "NO_COLOR": "1"}
    return subprocess.run(
        [sys.executable, "-m", "netlog", "--db", str(db_path), *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )


def test_a_repair_beside_a_burst_of_logs_keeps_every_log(tmp_path):
    path = tmp_path / "n.db"
    conn = db.connect(path)
    repo = Repository(conn)
    with repo.transaction():
        for n in range(40):
            services.add_contact(
                repo,
                f"Person {n:02d}",
                today=date(2026, 9, 1),
                now=datetime(2026, 9, 1, tzinfo=UTC),
                every_days=30,
            )
    conn.close()

    def repairs() -> list[int]:
        return [netlog(path, "check", "--repair").returncode for _ in range(8)]

    with ThreadPoolExecutor(max_workers=3) as pool:
        repairing = pool.submit(repairs)
        logs = list(
            pool.map(lambda n: netlog(path, "log", f"#{n}", "caught up", "--kind", "call"),
                     range(1, 41))
        )  # fmt: skip
        assert all(code in (0, 1) for code in repairing.result())
    assert [r.returncode for r in logs] == [0] * 40, [r.stderr for r in logs if r.returncode]
    rows = sqlite3.connect(path).execute(
        "SELECT id, last_contact_on, last_kind, next_checkin_on FROM contact ORDER BY id"
    )
    assert list(rows) == [(n, "2026-11-25", "call", "2026-12-25") for n in range(1, 41)]
    assert netlog(path, "check").stdout == "No problems found.\n"


# ----- first use by several netlogs at once
def test_several_netlogs_can_create_the_same_new_database(tmp_path):
    for round_ in range(4):
        path = tmp_path / f"new-{round_}.db"
        with ThreadPoolExecutor(max_workers=8) as pool:
            results = list(
                pool.map(lambda n, path=path: netlog(path, "add", f"Person {n}"), range(8))
            )
        assert [r.returncode for r in results] == [0] * 8, [r.stderr for r in results]
        created = [r for r in results if "Created a new netlog database" in r.stderr]
        assert len(created) == 1
        assert sqlite3.connect(path).execute("SELECT count(*) FROM contact").fetchone() == (8,)


# ----- a large import without dates eases in
def test_a_dateless_import_of_2000_spreads_its_first_checkins(tmp_path, cli, db_path):
    cards = tmp_path / "contacts.vcf"
    cards.write_text(
        "".join(
            f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Person {n:04d}\r\nEND:VCARD\r\n" for n in range(2000)
        )
    )
    assert cli("import", str(cards)).exit_code == 0
    rows = sqlite3.connect(db_path).execute("SELECT next_checkin_on, snoozed_until FROM contact")
    days = Counter()
    for next_on, snoozed in rows:
        assert snoozed is None  # no invented snooze
        days[date.fromisoformat(next_on)] += 1
    today = date(2026, 11, 25)  # conftest's NETLOG_TODAY
    assert sum(days.values()) == 2000
    assert max(days.values()) <= 0.03 * 2000, days.most_common(3)
    assert min(days) >= today + timedelta(days=90) and max(days) < today + timedelta(days=180)
    assert json.loads(cli("due", "--json").stdout) == []


@pytest.mark.parametrize("cadence", [1, 2, 3, 7, 30, 180, 365])
def test_first_checkin_offsets_stay_in_the_second_half(cadence):
    from netlog.policy import first_checkin_offset

    offsets = {first_checkin_offset(n, cadence) for n in range(1, 500)}
    assert min(offsets) >= cadence - max(cadence // 2, 1)
    assert max(offsets) < cadence or cadence == 1
