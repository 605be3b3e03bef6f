"""Round trips keep what they carry, CSV opens right in spreadsheets, calendars
stay current: one test per defect, written from its repro.

* netlog's own vCard and CSV exports carry the last contact and the snooze; an
  import into a new database used to drop both. The last contact now comes back
  as history (an interaction on that day) from which the unit of work derives
  ``last_contact_on``; a snooze comes back as it was, and none is invented.
* A value that really starts with an apostrophe lost it on the CSV round trip
  (the import takes off the apostrophe the export adds before a formula).
* ``export --format csv --bom`` marks the file as UTF-8 for spreadsheets.
* The calendar export put overdue items on days already past and wrote
  "45 days ago" into descriptions that are read for weeks after the export.
"""

from __future__ import annotations

import csv
import io
import re
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from conftest import TODAY, query, snapshot
from netlog.exporters.csv_export import COLUMNS, neutralise, to_csv
from netlog.importers.generic_csv import _Row, parse_generic_csv
from netlog.names import clean_name
from netlog.records import Contact

CREATED = "Created a new netlog database"
RELATIVE = re.compile(r"\b(today|yesterday|ago|tomorrow)\b|\bin \d+ (day|week|month)s?\b", re.I)


def ok(run):
    assert run.exit_code == 0, (run.stdout, run.stderr)
    return run


def only_error(run) -> str:
    """A refusal: exit 1, nothing on stdout, exactly one ``Error: `` line, no traceback."""
    assert run.exit_code == 1, (run.stdout, run.stderr)
    assert run.stdout == ""
    lines = [line for line in run.stderr.splitlines() if not line.startswith(CREATED)]
    assert len(lines) == 1, run.stderr
    assert lines[0].startswith("Error: ") and "Traceback" not in run.stderr
    return lines[0]


def state(db: Path) -> dict[str, tuple]:
    """Each contact's last contact and snooze, as stored."""
    rows = query(db, "SELECT name, last_contact_on, snoozed_until FROM contact")
    return {name: (last, snoozed) for name, last, snoozed in rows}


def build(cli) -> None:
    """Ada: talked on 2026-10-01, snoozed to 2026-12-20. Grace: met 2026-11-18,
    never snoozed. Linus: added today, nothing since."""
    ok(cli("add", "Ada Lovelace", "--on", "2026-09-01", "--every", "3w",
           "--email", "ada@example.com"))  # fmt: skip
    ok(cli("log", "ada", "coffee chat", "--kind", "coffee", "--on", "2026-10-01"))
    ok(cli("snooze", "ada", "2026-12-20"))
    ok(cli("add", "Grace Hopper", "--on", "2026-11-18", "--company", "Navy"))
    ok(cli("add", "Linus Torvalds"))


EXPECTED = {
    "Ada Lovelace": ("2026-10-01", "2026-12-20"),
    "Grace Hopper": ("2026-11-18", None),  # no snooze invented
    "Linus Torvalds": (TODAY.isoformat(), None),
}


def assert_history_carries_it(db: Path) -> None:
    """The last contact is an answered interaction on that day, not a bare column,
    and ``netlog check`` finds the derived state true to the history."""
    rows = query(
        db,
        "SELECT c.name, i.occurred_on, i.kind, i.no_reply FROM interaction i "
        "JOIN contact c ON c.id = i.contact_id ORDER BY c.name",
    )
    assert [(name, on, kind, no_reply) for name, on, kind, no_reply in rows] == [
        (name, last, "other", 0) for name, (last, _) in sorted(EXPECTED.items())
    ]


# ----- 1. vCard round trip: last contact and snooze
@pytest.mark.parametrize("version", ["4.0", "3.0"])
def test_vcard_round_trip_keeps_last_contact_and_snooze(cli, db_path, tmp_path, version):
    build(cli)
    assert state(db_path) == EXPECTED
    exported = tmp_path / "network.vcf"
    ok(cli("export", "--format", "vcard", "--vcard-version", version, "-o", str(exported)))
    assert "X-NETLOG-LAST-CONTACT:2026-10-01" in exported.read_text()

    other = tmp_path / "other.db"
    first = ok(cli("--db", str(other), "import", str(exported)))
    assert "3 new, 0 updated" in first.stdout
    assert state(other) == EXPECTED
    assert_history_carries_it(other)
    assert ok(cli("--db", str(other), "check")).stdout == "No problems found.\n"

    # Importing the same file again settles: nothing new, nothing changed.
    before = snapshot(other)
    again = ok(cli("--db", str(other), "import", str(exported)))
    assert "0 new, 0 updated, 3 unchanged" in again.stdout
    assert snapshot(other) == before
    # Brought back into the database that wrote it, it adds no history: that
    # database already knows every one of those conversations.
    history = query(db_path, "SELECT * FROM interaction ORDER BY id")
    assert "0 new" in ok(cli("import", str(exported))).stdout
    assert query(db_path, "SELECT * FROM interaction ORDER BY id") == history
    assert state(db_path) == EXPECTED


# ----- 2. CSV round trip: last contact and snooze (the new snoozed_until column)
@pytest.mark.parametrize("bom", [False, True])
def test_csv_round_trip_keeps_last_contact_and_snooze(cli, db_path, tmp_path, bom):
    build(cli)
    exported = tmp_path / "network.csv"
    ok(cli("export", "--format", "csv", *(["--bom"] if bom else []), "-o", str(exported)))
    rows = {
        row["name"]: row
        for row in csv.DictReader(io.StringIO(exported.read_text("utf-8-sig"), newline=""))
    }
    assert (rows["Ada Lovelace"]["last_contact_on"], rows["Ada Lovelace"]["snoozed_until"]) == (
        "2026-10-01",
        "2026-12-20",
    )

    other = tmp_path / "other.db"
    assert "3 new, 0 updated" in ok(cli("--db", str(other), "import", str(exported))).stdout
    assert state(other) == EXPECTED
    assert_history_carries_it(other)
    assert ok(cli("--db", str(other), "check")).stdout == "No problems found.\n"

    before = snapshot(other)
    again = ok(cli("--db", str(other), "import", str(exported)))
    assert "0 new, 0 updated, 3 unchanged" in again.stdout
    assert snapshot(other) == before
    assert "0 new, 0 updated, 3 unchanged" in ok(cli("import", str(exported))).stdout


# ----- 3. what the last contact of a file does to a contact netlog knows
def card(name: str, last: str, email: str) -> str:
    return (
        f"BEGIN:VCARD\r\nVERSION:4.0\r\nFN:{name}\r\nEMAIL:{email}\r\n"
        f"X-NETLOG-LAST-CONTACT:{last}\r\nEND:VCARD\r\n"
    )


def test_a_files_last_contact_never_rewrites_newer_history(cli, db_path, tmp_path):
    ok(cli("add", "Ada Lovelace", "--on", "2026-09-01", "--email", "ada@example.com"))
    ok(cli("log", "ada", "call about engines", "--kind", "call", "--on", "2026-11-20"))
    older = tmp_path / "older.vcf"
    older.write_text(card("Ada Lovelace", "2026-10-01", "ada@example.com"))
    before = snapshot(db_path)
    assert "0 new, 0 updated, 1 unchanged" in ok(cli("import", str(older))).stdout
    assert snapshot(db_path) == before
    assert state(db_path)["Ada Lovelace"] == ("2026-11-20", None)


def test_a_newer_last_contact_in_a_file_becomes_history_once(cli, db_path, tmp_path):
    ok(cli("add", "Ada Lovelace", "--on", "2026-09-01", "--email", "ada@example.com"))
    newer = tmp_path / "newer.vcf"
    newer.write_text(card("Ada Lovelace", "2026-11-10", "ada@example.com"))
    assert "0 new, 1 updated" in ok(cli("import", str(newer))).stdout
    assert state(db_path)["Ada Lovelace"] == ("2026-11-10", None)
    assert "0 new, 0 updated, 1 unchanged" in ok(cli("import", str(newer))).stdout
    assert query(db_path, "SELECT count(*) FROM interaction") == [(2,)]  # met + that one


@pytest.mark.parametrize("last", ["2027-01-01", "soon", "2026-02-30"])
def test_an_unusable_last_contact_is_left_out(cli, db_path, tmp_path, last):
    # A day after today (log refuses those) or one that is not a date adds nothing.
    odd = tmp_path / "odd.vcf"
    odd.write_text(card("Ada Lovelace", last, "ada@example.com"))
    assert "1 new" in ok(cli("import", str(odd))).stdout
    assert state(db_path)["Ada Lovelace"] == (None, None)
    assert query(db_path, "SELECT count(*) FROM interaction") == [(0,)]


def test_a_dry_run_brings_no_history(cli, db_path, tmp_path):
    ok(cli("add", "Nobody Else"))
    odd = tmp_path / "one.vcf"
    odd.write_text(card("Ada Lovelace", "2026-10-01", "ada@example.com"))
    before = snapshot(db_path)
    assert "1 new" in ok(cli("import", str(odd), "--dry-run")).stdout
    assert snapshot(db_path) == before


# ----- 4. --bom
def test_csv_bom_marks_utf8_and_reads_back(cli, db_path, tmp_path):
    ok(cli("add", "José Núñez", "--company", "Café Zoë"))
    target = tmp_path / "network.csv"
    ok(cli("export", "--format", "csv", "--bom", "-o", str(target)))
    data = target.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf" + ",".join(COLUMNS).encode() + b"\r\n")
    assert data.count(b"\xef\xbb\xbf") == 1
    assert b"\n" not in data.replace(b"\r\n", b"")  # every row ends in CRLF
    streamed = ok(cli("export", "--format", "csv", "--bom")).stdout
    assert streamed.startswith("\ufeffid,name,")
    plain = ok(cli("export", "--format", "csv")).stdout
    assert not plain.startswith("\ufeff") and streamed == "\ufeff" + plain

    other = tmp_path / "other.db"
    assert "1 new" in ok(cli("--db", str(other), "import", str(target))).stdout
    assert query(other, "SELECT name, company FROM contact") == [("José Núñez", "Café Zoë")]


@pytest.mark.parametrize("fmt", ["vcard", "json", "ics"])
def test_bom_is_for_csv_only(cli, db_path, fmt):
    ok(cli("add", "Ada Lovelace"))
    before = snapshot(db_path)
    error = only_error(cli("export", "--format", fmt, "--bom"))
    assert error == f"Error: --bom applies to csv, not {fmt} — drop --bom, or export --format csv"
    assert snapshot(db_path) == before


# ----- 5. a value's own leading apostrophe
def test_a_leading_apostrophe_survives_the_csv_round_trip(cli, db_path, tmp_path):
    ok(cli("add", "'Ana'", "--company", "'=not a formula", "--title", "=SUM(A1)",
           "--note", "'tis the season", "--offers", "''twice"))  # fmt: skip
    target = tmp_path / "network.csv"
    ok(cli("export", "--format", "csv", "-o", str(target)))
    (row,) = csv.DictReader(io.StringIO(target.read_text("utf-8"), newline=""))
    # Exported: a formula gets one apostrophe, a value's own apostrophe is doubled.
    assert (row["name"], row["company"], row["title"], row["note"], row["offers"]) == (
        "''Ana'", "''=not a formula", "'=SUM(A1)", "''tis the season", "'''twice",
    )  # fmt: skip
    other = tmp_path / "other.db"
    ok(cli("--db", str(other), "import", str(target)))
    assert query(other, "SELECT name, company, title, note, offers FROM contact") == [
        ("'Ana'", "'=not a formula", "=SUM(A1)", "'tis the season", "''twice")
    ]


def test_a_hand_made_csv_keeps_its_apostrophes(cli, db_path, tmp_path):
    # A file netlog did not write: one leading apostrophe before a letter is the value's.
    made = tmp_path / "made.csv"
    made.write_text("name,note\n'Ana',It's fine\nBo,'tis\n")
    ok(cli("import", str(made)))
    assert sorted(query(db_path, "SELECT name, note FROM contact")) == [
        ("'Ana'", "It's fine"),
        ("Bo", "'tis"),
    ]


@settings(max_examples=300, deadline=None)
@given(st.text().map(str.strip))
@example("'=already quoted")
@example("''")
@example("'tis")
@example("=1+1")
def test_every_cell_reads_back_as_exported(value: str) -> None:
    # Both directions at once: what the export writes, the import takes back exactly.
    assert _Row([neutralise(value)], {"note": [0]}).values("note") == [value]


@settings(max_examples=100, deadline=None)
@given(
    st.text(st.characters(categories=("L", "N", "P", "S", "Zs"))).filter(lambda n: clean_name(n))
)
def test_names_read_back_through_the_csv_importer(name: str) -> None:
    parsed = parse_generic_csv(to_csv([Contact(1, name)]).replace("\r\n", "\n"))
    assert [c.name for c in parsed.contacts] == [clean_name(name)]


# ----- 6. the calendar stays current
def calendar(text: str):
    icalendar = pytest.importorskip("icalendar")
    return icalendar.Calendar.from_ical(text)


def items(cal, kind: str) -> dict[str, object]:
    return {str(c["UID"]): c for c in cal.walk(kind)}


def build_due(cli) -> None:
    """Grace: last talked 2026-10-01, check-in overdue since 2026-10-15, a follow-up
    overdue since 2026-11-01. Linus: met 2026-11-18, weekly, due today. Bob: an
    unanswered email on 2026-11-16, nudge due 2026-11-23. Zoë: a follow-up next week."""
    ok(cli("add", "Grace Hopper", "--on", "2026-09-01", "--every", "2w"))
    ok(cli("log", "grace", "compilers", "--kind", "call", "--on", "2026-10-01",
           "--follow-up", "2026-11-01", "--todo", "send the COBOL paper"))  # fmt: skip
    ok(cli("add", "Linus Torvalds", "--on", "2026-11-18", "--every", "1w"))
    ok(cli("add", "Bob Kahn", "--on", "2026-08-01"))
    ok(cli("log", "bob", "asked about coffee", "--kind", "email", "--no-reply",
           "--on", "2026-11-16"))  # fmt: skip
    ok(cli("add", "Zoë Ng", "--on", "2026-11-20"))
    ok(cli("log", "zoe", "lunch", "--follow-up", "2026-12-02", "--todo", "book the table"))


@pytest.mark.parametrize("todo", [False, True])
def test_ics_puts_overdue_items_on_the_export_day(cli, db_path, todo):
    build_due(cli)
    flags = ["--todo"] if todo else []
    cal = calendar(ok(cli("export", "--format", "ics", "--within", "2w", *flags)).stdout)
    found = items(cal, "VTODO" if todo else "VEVENT")

    def day(uid: str) -> date:
        component = found[uid]
        return component["DUE"].dt if todo else component["DTSTART"].dt

    grace_id, linus_id, bob_id = (
        query(db_path, "SELECT id FROM contact WHERE name = ?", n)[0][0]
        for n in ("Grace Hopper", "Linus Torvalds", "Bob Kahn")
    )
    follow_up = next(uid for uid in found if uid.startswith(f"netlog-follow-up-{grace_id}-"))
    check_in = f"netlog-reach-out-{grace_id}@netlog"
    nudge = f"netlog-reach-out-{bob_id}@netlog"
    assert day(follow_up) == day(check_in) == day(nudge) == TODAY  # overdue: on the export day
    assert day(f"netlog-reach-out-{linus_id}@netlog") == TODAY  # due today
    upcoming = next(uid for uid in found if "book the table" in str(found[uid]["DESCRIPTION"]))
    assert day(upcoming) == date(2026, 12, 2)  # not yet due: its own day
    if not todo:
        assert all(e["DTEND"].dt == e["DTSTART"].dt + timedelta(days=1) for e in found.values())

    text = {uid: str(c["DESCRIPTION"]) for uid, c in found.items()}
    assert text[follow_up] == "Follow up: send the COBOL paper\nOverdue: it was due on 2026-11-01"
    assert text[check_in] == (
        "Check in with Grace — last talked on 2026-10-01 (call): “compilers”\n"
        "Overdue: it was due on 2026-10-15"
    )
    assert text[nudge] == (
        "Nudge Bob gently — no reply since you reached out on 2026-11-16\n"
        "Overdue: it was due on 2026-11-23"
    )
    linus = f"netlog-reach-out-{linus_id}@netlog"
    assert text[linus] == "Check in with Linus — you met on 2026-11-18"
    assert text[upcoming] == "Follow up: book the table"
    for description in text.values():
        assert not RELATIVE.search(description), description


def test_ics_uids_stay_while_the_overdue_day_moves(cli, db_path):
    build_due(cli)

    def export(on: date) -> dict[str, date]:
        cal = calendar(ok(cli("export", "--format", "ics", today=on)).stdout)
        return {uid: e["DTSTART"].dt for uid, e in items(cal, "VEVENT").items()}

    later_day = TODAY + timedelta(days=3)
    now, later = export(TODAY), export(later_day)
    assert set(now) <= set(later)  # the same events, under the same UIDs
    moved = [uid for uid, on in now.items() if on == TODAY]
    assert len(moved) == 4  # Grace's follow-up and check-in, Bob's nudge, Linus's check-in
    assert all(later[uid] == later_day for uid in moved)  # still to do: on the new export day
    assert all(later[uid] == on for uid, on in now.items() if uid not in moved)  # not yet due


def test_the_terminal_still_says_how_long_ago(cli):
    # Only the calendar is dated; due, read the day it prints, keeps relative days.
    build_due(cli)
    assert "last talked 7 weeks ago (call)" in ok(cli("due")).stdout
