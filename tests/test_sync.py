"""netlog sync against local vdir folders: contacts two ways (with conflicts and
deletions) and reminders as VTODOs, read back with vobject and icalendar."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import icalendar
import pytest
import vobject

from conftest import query
from conftest import snapshot as full_snapshot


def snapshot(db_path: Path) -> list[str]:
    """Every row but when the last sync ran (bookkeeping a sync updates each time)."""
    return [line for line in full_snapshot(db_path) if 'INSERT INTO "sync_folder"' not in line]


@pytest.fixture
def folders(tmp_path: Path) -> tuple[Path, Path]:
    book, tasks = tmp_path / "book", tmp_path / "tasks"
    book.mkdir()
    tasks.mkdir()
    return book, tasks


def sync(cli, folders, *extra, **kw):
    book, tasks = folders
    result = cli("sync", "--contacts", str(book), "--tasks", str(tasks), *extra, **kw)
    assert result.exit_code == 0, result.stderr
    return result


def card_of(book: Path, name: str):
    for path in sorted(book.glob("*.vcf")):
        card = vobject.readOne(path.read_text())
        if card.fn.value == name:
            return path, card
    raise AssertionError(f"no card for {name}: {sorted(p.name for p in book.iterdir())}")


def write_card(book: Path, name: str, *lines: str, version: str = "3.0") -> Path:
    path = book / name
    body = ["BEGIN:VCARD", f"VERSION:{version}", *lines, "END:VCARD"]
    path.write_bytes(("\r\n".join(body) + "\r\n").encode())
    return path


def edit_card(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text, text
    path.write_bytes(text.replace(old, new).encode())


def add_line(path: Path, line: str) -> None:
    text = path.read_text().replace("\r\n", "\n")
    path.write_bytes(text.replace("END:VCARD", f"{line}\nEND:VCARD").replace("\n", "\r\n").encode())


def tasks_in(folder: Path) -> dict[str, icalendar.Todo]:
    found = {}
    for path in folder.glob("*.ics"):
        calendar = icalendar.Calendar.from_ical(path.read_bytes())
        for todo in calendar.walk("VTODO"):
            found[str(todo["UID"])] = todo
    return found


# ----- contacts: netlog -> folder
def test_a_contact_becomes_a_vcard_4_with_netlogs_fields(cli, ada, folders, db_path):
    result = sync(cli, folders)
    assert "Ada Lovelace: new in the folder" in result.stdout
    _, card = card_of(folders[0], "Ada Lovelace")
    assert card.version.value == "4.0"
    assert card.email.value == "ada@example.com"
    assert card.org.value == ["Analytical"]
    assert card.contents["x-netlog-cadence"][0].value == "3w"
    assert card.contents["x-netlog-met"][0].value == "PyCon 2026 hallway"
    uid = card.uid.value
    assert uid.startswith("urn:uuid:")
    # The UID is kept: netlog knows it as the contact's identifier.
    assert query(db_path, "SELECT scheme, value FROM contact_identifier") == [("vcard-uid", uid)]
    again = sync(cli, folders)
    assert "1 unchanged" in again.stdout
    assert card_of(folders[0], "Ada Lovelace")[1].uid.value == uid


def test_new_cards_are_3_0_where_the_folder_holds_3_0(cli, ada, folders):
    write_card(folders[0], "g.vcf", "UID:phone-grace", "FN:Grace Hopper", "N:Hopper;Grace;;;")
    sync(cli, folders)
    assert card_of(folders[0], "Ada Lovelace")[1].version.value == "3.0"


# ----- contacts: folder -> netlog
def test_a_card_made_elsewhere_becomes_a_contact(cli, folders, db_path):
    write_card(
        folders[0], "grace.vcf", "UID:phone-grace", "FN:Grace Hopper", "N:Hopper;Grace;;;",
        "TEL;TYPE=CELL:+1 555 0100", "EMAIL;TYPE=WORK:grace@navy.example",
        "CATEGORIES:navy", "PHOTO;ENCODING=b;TYPE=JPEG:AAAA",
    )  # fmt: skip
    result = sync(cli, folders)
    assert "Grace Hopper: new in netlog" in result.stdout
    shown = cli("show", "grace").stdout
    assert "+1 555 0100" in shown and "grace@navy.example" in shown and "navy" in shown
    assert query(db_path, "SELECT value FROM contact_identifier") == [("phone-grace",)]
    # netlog's fields are added to the card; what netlog does not keep stays.
    text = (folders[0] / "grace.vcf").read_text()
    assert "X-NETLOG-CADENCE:" in text and "PHOTO;ENCODING=b;TYPE=JPEG:AAAA" in text
    assert "new in netlog" not in sync(cli, folders).stdout


def test_with_a_tag_only_cards_in_that_category_come_in(cli, folders):
    write_card(folders[0], "a.vcf", "UID:a", "FN:Grace Hopper", "CATEGORIES:work,navy")
    write_card(folders[0], "b.vcf", "UID:b", "FN:Linus Torvalds", "CATEGORIES:kernel")
    cli("add", "Ada Lovelace", "--tag", "python")
    cli("add", "Alan Turing", "--tag", "navy")
    result = sync(cli, folders, "--tag", "navy")
    assert "Grace Hopper: new in netlog" in result.stdout
    assert "Linus" not in cli("list").stdout
    names = sorted(vobject.readOne(p.read_text()).fn.value for p in folders[0].glob("*.vcf"))
    assert names == ["Alan Turing", "Grace Hopper", "Linus Torvalds"]  # Ada is not in "navy"


def test_changes_made_elsewhere_flow_into_netlog(cli, ada, folders):
    sync(cli, folders)
    path, _ = card_of(folders[0], "Ada Lovelace")
    edit_card(path, "FN:Ada Lovelace", "FN:Ada King")
    add_line(path, "TEL;TYPE=CELL:+44 7700 900123")
    add_line(path, "EMAIL;TYPE=HOME:ada@home.example")
    add_line(path, "ADR;TYPE=HOME:;;12 St James's Square;London;;;UK")
    result = sync(cli, folders)
    assert "Ada King: email, phone, name from the folder" in result.stdout or (
        "Ada King:" in result.stdout and "from the folder" in result.stdout
    )
    shown = cli("show", "ada king").stdout
    assert "+44 7700 900123" in shown and "ada@home.example" in shown and "ada@example.com" in shown
    # The card is not rewritten for what it brought in, and keeps its address.
    assert "St James" in path.read_text()
    assert "unchanged" in sync(cli, folders).stdout


def test_changes_in_netlog_patch_the_card_and_keep_the_rest(cli, ada, folders):
    sync(cli, folders)
    path, _ = card_of(folders[0], "Ada Lovelace")
    add_line(path, "PHOTO;ENCODING=b;TYPE=JPEG:AAAA")
    sync(cli, folders)
    cli("edit", "ada", "--company", "Babbage & Co", "--phone", "+44 20 7946 0958")
    result = sync(cli, folders)
    assert "Ada Lovelace: company, phone to the folder" in result.stdout
    _, card = card_of(folders[0], "Ada Lovelace")
    assert card.org.value == ["Babbage & Co"]
    assert card.tel.value == "+44 20 7946 0958"
    assert "PHOTO" in path.read_text()


def test_a_field_changed_on_both_sides_is_a_conflict_netlog_wins_by_default(
    cli, ada, folders, db_path
):
    sync(cli, folders)
    path, _ = card_of(folders[0], "Ada Lovelace")
    edit_card(path, "ORG:Analytical", "ORG:Difference Engines")
    cli("edit", "ada", "--company", "Analytical Engines")
    result = sync(cli, folders)
    line = next(x for x in result.out_lines if "! conflict" in x)
    assert "company" in line and "'Analytical Engines'" in line and "'Difference Engines'" in line
    assert "kept netlog's" in line
    assert query(db_path, "SELECT company FROM contact") == [("Analytical Engines",)]
    assert card_of(folders[0], "Ada Lovelace")[1].org.value == ["Analytical Engines"]


def test_prefer_remote_keeps_the_folders_value(cli, ada, folders, db_path):
    sync(cli, folders)
    path, _ = card_of(folders[0], "Ada Lovelace")
    edit_card(path, "TITLE:CTO", "TITLE:CEO")
    cli("edit", "ada", "--title", "Chief Engineer")
    result = sync(cli, folders, "--prefer", "remote", "--json")
    import json

    data = json.loads(result.stdout)["contacts"]
    assert data["conflicts"] == [
        {"name": "Ada Lovelace", "field": "title", "netlog": "Chief Engineer",
         "folder": "CEO", "kept": "remote"}
    ]  # fmt: skip
    assert query(db_path, "SELECT title FROM contact") == [("CEO",)]


def test_emails_added_on_both_sides_merge_without_a_conflict(cli, ada, folders):
    sync(cli, folders)
    path, _ = card_of(folders[0], "Ada Lovelace")
    add_line(path, "EMAIL:ada@phone.example")
    cli("edit", "ada", "--email", "ada@laptop.example")
    result = sync(cli, folders)
    assert "conflict" not in result.stdout
    emails = [e.value for e in card_of(folders[0], "Ada Lovelace")[1].contents["email"]]
    assert sorted(emails) == ["ada@example.com", "ada@laptop.example", "ada@phone.example"]


# ----- deletions
def test_a_card_deleted_elsewhere_waits_for_confirmation_then_archives(cli, ada, folders, db_path):
    cli("log", "ada", "coffee", "--on", "2026-11-01")
    sync(cli, folders)
    path, _ = card_of(folders[0], "Ada Lovelace")
    path.unlink()
    before = snapshot(db_path)
    waiting = sync(cli, folders)
    assert "would archive it" in waiting.stdout
    assert "Nothing was deleted" in waiting.stderr
    assert snapshot(db_path) == before
    assert list(folders[0].glob("*.vcf")) == []  # not written back either
    done = sync(cli, folders, "--yes")
    assert "Ada Lovelace: archived" in done.stdout
    assert query(db_path, "SELECT tag FROM contact_tag ORDER BY tag") == [
        ("archived",),
        ("python",),
    ]
    assert query(db_path, "SELECT count(*) FROM interaction") == [(2,)]  # history kept
    assert "nothing to do" in sync(cli, folders).stdout.splitlines()[0]


def test_a_contact_deleted_in_netlog_deletes_its_card_only_when_confirmed(cli, ada, folders):
    sync(cli, folders)
    cli("rm", "ada", "--yes")
    waiting = sync(cli, folders)
    assert "would delete its card" in waiting.stdout
    assert len(list(folders[0].glob("*.vcf"))) == 1
    assert "new in netlog" not in waiting.stdout  # the card is not brought back
    done = sync(cli, folders, "--yes")
    assert "card deleted" in done.stdout
    assert list(folders[0].glob("*.vcf")) == []


def test_deletions_are_asked_on_a_terminal(folders, db_path, tmp_path):
    from conftest import on_a_terminal

    book, tasks = folders
    write_card(book, "g.vcf", "UID:g", "FN:Grace Hopper")
    base = ["--db", str(db_path), "sync", "--contacts", str(book), "--tasks", str(tasks)]
    assert on_a_terminal(db_path, base)[0] == 0
    (book / "g.vcf").unlink()
    code, screen = on_a_terminal(db_path, base, [(b"Carry them over?", b"y\r")])
    assert code == 0, screen
    assert "archived" in screen
    assert query(db_path, "SELECT tag FROM contact_tag") == [("archived",)]


# ----- the journal and its fallback
def test_without_the_journal_netlog_changes_are_still_found(cli, ada, folders, db_path):
    sync(cli, folders)
    cli("edit", "ada", "--title", "Countess")
    conn = sqlite3.connect(db_path)
    with conn:
        conn.execute("DELETE FROM change_row")
        conn.execute("DELETE FROM change_set")
    conn.close()
    result = sync(cli, folders)
    assert "Ada Lovelace: title to the folder" in result.stdout
    assert card_of(folders[0], "Ada Lovelace")[1].title.value == "Countess"


def test_a_sync_with_nothing_changed_writes_nothing(cli, ada, folders, db_path):
    cli("log", "ada", "call", "--follow-up", "in 1w")
    sync(cli, folders)
    sync(cli, folders)
    stamps = {p: p.stat().st_mtime_ns for f in folders for p in f.iterdir()}
    before = snapshot(db_path)
    result = sync(cli, folders)
    assert "Contacts" in result.stdout and "1 unchanged" in result.stdout
    assert {p: p.stat().st_mtime_ns for f in folders for p in f.iterdir()} == stamps
    assert snapshot(db_path) == before


def test_undo_reverts_what_a_sync_brought_in(cli, folders, db_path):
    write_card(folders[0], "g.vcf", "UID:g", "FN:Grace Hopper")
    sync(cli, folders)
    assert cli("undo").exit_code == 0
    assert query(db_path, "SELECT count(*) FROM contact") == [(0,)]


# ----- reminders
def test_due_items_become_tasks_with_due_alarm_and_talking_points(cli, ada, folders):
    cli("log", "ada", "coffee about Rust", "--on", "2026-11-20", "--follow-up", "2026-11-27")
    cli("note", "ada", "moving to Lisbon")
    sync(cli, folders)
    todos = tasks_in(folders[1])
    followup = next(t for t in todos.values() if str(t["SUMMARY"]) == "Follow up with Ada Lovelace")
    assert followup["DUE"].dt == date(2026, 11, 27)
    assert str(followup["STATUS"]) == "NEEDS-ACTION"
    alarm = followup.walk("VALARM")[0]
    assert alarm["TRIGGER"].dt.total_seconds() == 9 * 3600
    assert alarm["TRIGGER"].params["RELATED"] == "END"
    assert "f1" in str(followup["DESCRIPTION"])
    uid = str(followup["UID"])
    sync(cli, folders, today=date(2026, 11, 26))
    assert uid in tasks_in(folders[1])


def test_within_decides_what_comes_up(cli, folders):
    cli("add", "Ada Lovelace", "--every", "3w")  # first check-in in three weeks
    sync(cli, folders, "--within", "1w")
    assert tasks_in(folders[1]) == {}
    sync(cli, folders)
    assert [str(t["SUMMARY"]) for t in tasks_in(folders[1]).values()] == [
        "Check in with Ada Lovelace"
    ]


def _task_file(folder: Path, summary: str) -> Path:
    for path in folder.glob("*.ics"):
        if summary in path.read_text():
            return path
    raise AssertionError(summary)


def test_a_task_completed_elsewhere_is_done_in_netlog(cli, ada, folders, db_path):
    cli("log", "ada", "coffee", "--on", "2026-11-20", "--follow-up", "2026-11-27")
    sync(cli, folders)
    path = _task_file(folders[1], "Follow up with Ada")
    edit_card(path, "STATUS:NEEDS-ACTION", "STATUS:COMPLETED")
    result = sync(cli, folders)
    assert "f1 · Follow up with Ada Lovelace: done in netlog" in result.stdout
    assert query(db_path, "SELECT done_at IS NOT NULL FROM followup") == [(1,)]
    assert "COMPLETED" in path.read_text()


def test_moving_due_later_snoozes_the_item(cli, ada, folders, db_path):
    cli("log", "ada", "coffee", "--on", "2026-11-20", "--follow-up", "2026-11-27")
    sync(cli, folders)
    path = _task_file(folders[1], "Follow up with Ada")
    edit_card(path, "DUE;VALUE=DATE:20261127", "DUE;VALUE=DATE:20261204")
    result = sync(cli, folders)
    assert "snoozed in netlog" in result.stdout
    assert query(db_path, "SELECT due_on FROM followup") == [("2026-12-04",)]


def test_items_done_in_netlog_are_completed_in_the_folder(cli, ada, folders):
    cli("log", "ada", "coffee", "--on", "2026-11-20", "--follow-up", "2026-11-27")
    sync(cli, folders)
    cli("done", "f1")
    result = sync(cli, folders)
    assert "completed in the folder" in result.stdout
    todo = next(t for t in tasks_in(folders[1]).values() if "Follow up" in str(t["SUMMARY"]))
    assert str(todo["STATUS"]) == "COMPLETED"


def test_a_task_deleted_elsewhere_is_not_written_again(cli, ada, folders):
    sync(cli, folders)
    path = _task_file(folders[1], "Check in with Ada")
    path.unlink()
    result = sync(cli, folders)
    assert "deleted in the folder (kept in netlog)" in result.stdout
    assert not path.exists()
    sync(cli, folders)
    assert not path.exists()


def test_tasks_netlog_did_not_write_are_left_alone(cli, ada, folders):
    other = folders[1] / "mine.ics"
    other.write_bytes(
        b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nBEGIN:VTODO\r\nUID:mine\r\n"
        b"SUMMARY:Buy milk\r\nEND:VTODO\r\nEND:VCALENDAR\r\n"
    )
    before = other.read_bytes()
    sync(cli, folders)
    sync(cli, folders)
    assert other.read_bytes() == before


# ----- settings and errors
def test_the_folders_come_from_the_settings(cli, ada, folders, db_path):
    cli("list")  # the database exists
    conn = sqlite3.connect(db_path)
    with conn:
        conn.execute(
            "CREATE TABLE IF NOT EXISTS setting (key VARCHAR PRIMARY KEY, value VARCHAR NOT NULL)"
        )
        conn.execute("INSERT INTO setting VALUES ('contacts.vdir', ?)", (str(folders[0]),))
        conn.execute("INSERT INTO setting VALUES ('tasks.vdir', ?)", (str(folders[1]),))
    conn.close()
    result = cli("sync")
    assert result.exit_code == 0, result.stderr
    assert len(list(folders[0].glob("*.vcf"))) == 1 and list(folders[1].glob("*.ics"))


def test_without_a_folder_sync_says_how_to_set_one(cli, ada, db_path):
    before = snapshot(db_path)
    result = cli("sync")
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: no folder to sync")
    assert "contacts.vdir" in result.stderr and "--contacts DIR" in result.stderr
    assert snapshot(db_path) == before


@pytest.mark.parametrize(
    ("args", "error"),
    [
        (["--contacts", "missing"], "does not exist"),
        (["--tasks", "missing"], "does not exist"),
        (["--contacts", "book", "--within", "soon"], "--within"),
        (["--contacts", "book", "--tasks", "book"], "the same folder"),
        (["--contacts", "book", "--prefer", "both"], "Invalid value"),
    ],
)
def test_bad_input_changes_nothing(cli, ada, db_path, tmp_path, args, error, monkeypatch):
    (tmp_path / "book").mkdir()
    monkeypatch.chdir(tmp_path)
    before = snapshot(db_path)
    result = cli("sync", *args)
    assert result.exit_code in (1, 2)
    assert error in result.stderr
    assert "Traceback" not in result.stderr
    assert snapshot(db_path) == before
    assert list((tmp_path / "book").iterdir()) == []


def test_a_file_that_is_not_a_card_is_reported_and_left_alone(cli, folders):
    bad = folders[0] / "broken.vcf"
    bad.write_bytes(b"BEGIN:VCARD\r\nFN:Half\r\n")
    result = sync(cli, folders)
    assert "broken.vcf: skipped" in result.stdout
    assert bad.read_bytes() == b"BEGIN:VCARD\r\nFN:Half\r\n"


def test_sync_folders_come_from_netlog_config(cli, tmp_path):
    """`netlog config set contacts.vdir DIR` (and tasks.vdir) is where sync goes
    when no option names a folder; an unknown or bad value changes nothing."""
    book, tasks = tmp_path / "book", tmp_path / "tasks"
    book.mkdir()
    tasks.mkdir()
    assert cli("add", "Ada Lovelace", "--email", "ada@example.com").exit_code == 0
    assert cli("config", "set", "contacts.vdir", str(book)).exit_code == 0
    assert cli("config", "set", "tasks.vdir", str(tasks)).exit_code == 0
    listed = cli("config")
    assert "contacts.vdir" in listed.stdout and str(book) in listed.stdout
    assert cli("config", "set", "contacts.tag", "a, b").exit_code == 1
    result = cli("sync", "--yes")
    assert result.exit_code == 0, result.stderr
    assert len(list(book.glob("*.vcf"))) == 1
