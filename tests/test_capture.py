"""`netlog capture`: mail (Maildir, mbox, .eml) and calendars (.ics, vdirs)
become interactions by the documented rules, once."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from capture_fixtures import ME, calendar, maildir, mbox, message
from conftest import on_a_terminal, query, snapshot

BERLIN = ZoneInfo("Europe/Berlin")
ADA, GRACE, ALAN = "ada@example.com", "grace@navy.example", "alan@bletchley.example"


@pytest.fixture(autouse=True)
def _berlin(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NETLOG_TZ", "Europe/Berlin")


@pytest.fixture
def people(cli):
    for args in (
        ("add", "Ada Lovelace", "--email", ADA, "--email", "ada@home.example", "--on",
         "2026-01-01"),
        ("add", "Grace Hopper", "--email", GRACE, "--on", "2026-01-01"),
        ("add", "Alan Turing", "--email", ALAN, "--on", "2026-11-01"),
    ):  # fmt: skip
        assert cli(*args).exit_code == 0
    assert cli("config", "set", "me.email", f"{ME}, Me@Work.example").exit_code == 0
    return cli


def at(day: str, hour: int = 10, tz=UTC) -> datetime:
    return datetime.fromisoformat(day).replace(hour=hour, tzinfo=tz)


def run(cli, *args: str) -> dict:
    result = cli("capture", *args, "--json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def data(db_path: Path) -> dict[str, list[tuple]]:
    """The user's data (what a dump carries), not netlog's bookkeeping."""
    from netlog.repository import DUMP_TABLES

    return {t: query(db_path, f"SELECT * FROM {t} ORDER BY 1, 2") for t in DUMP_TABLES}


def emails(db_path: Path, name: str) -> list[tuple]:
    return query(
        db_path,
        "SELECT i.occurred_on, i.kind, i.summary, i.no_reply FROM interaction i "
        "JOIN contact c ON c.id = i.contact_id WHERE c.name = ? AND i.kind != 'met' "
        "ORDER BY i.occurred_on, i.id",
        name,
    )


# ----- settings and refusals
def test_capture_refuses_without_your_addresses(cli, db_path, tmp_path):
    cli("add", "Ada Lovelace", "--email", ADA, "--on", "2026-11-01")
    box = maildir(tmp_path, [message(ME, ADA, "hi", at("2026-11-20"), "<1@x>")])
    before = snapshot(db_path)
    result = cli("capture", str(box))
    assert result.exit_code == 1
    assert "netlog config set me.email" in result.stderr and "Traceback" not in result.stderr
    assert snapshot(db_path) == before
    assert cli("capture", str(box), "--me", ME).exit_code == 0
    assert emails(db_path, "Ada Lovelace") == [("2026-11-20", "email", "hi", 1)]


def test_config_lists_sets_and_checks_settings(cli, db_path):
    assert cli("config", "set", "me.email", "ada@work.example; ADA@work.example ada@home.example")
    listed = cli("config").stdout
    assert "me.email\tada@work.example, ada@home.example\t" in listed
    assert cli("config", "get", "me.email").stdout == "ada@work.example, ada@home.example\n"
    bad = cli("config", "set", "me.email", "ada at work")
    assert bad.exit_code == 1 and "'ada' is not an email address" in bad.stderr
    unknown = cli("config", "set", "colour", "blue")
    assert unknown.exit_code == 1 and "unknown setting 'colour'" in unknown.stderr
    assert query(db_path, "SELECT * FROM setting") == [
        ("me.email", "ada@work.example, ada@home.example")
    ]
    assert cli("config", "unset", "me.email").exit_code == 0
    assert query(db_path, "SELECT * FROM setting") == []


def test_a_path_netlog_cannot_read_is_refused_whole(people, db_path, tmp_path):
    good = maildir(tmp_path, [message(ME, ADA, "hi", at("2026-11-20"), "<1@x>")])
    text = tmp_path / "notes.txt"
    text.write_text("just some notes\n")
    before = snapshot(db_path)
    for bad, what in ((tmp_path / "missing", "does not exist"), (text, "is not an mbox")):
        result = people("capture", str(good), str(bad))
        assert result.exit_code == 1 and what in result.stderr, result.stderr
    assert snapshot(db_path) == before


# ----- the mail rules
def test_sent_is_an_attempt_and_an_answer_clears_it(people, db_path, tmp_path):
    box = maildir(
        tmp_path,
        [
            message(ME, f"Ada <{ADA}>", "Lunch?", at("2026-11-20"), "<a1@x>"),
            message(f"Ada <{ADA}>", ME, "Re: Lunch?", at("2026-11-21"), "<a2@x>",
                    In_Reply_To="<a1@x>"),
            message(ME, GRACE, "Your talk", at("2026-11-10"), "<g1@x>"),
        ],
    )  # fmt: skip
    summary = run(people, str(box))
    assert summary["new"] == 3 and summary["skipped"] == {}
    assert emails(db_path, "Ada Lovelace") == [
        ("2026-11-20", "email", "Lunch?", 1),
        ("2026-11-21", "email", "Lunch?", 0),
    ]
    ada = json.loads(people("show", "ada", "--json").stdout)
    assert ada["unanswered"] == 0 and ada["last_contact_on"] == "2026-11-21"
    grace = json.loads(people("show", "grace", "--json").stdout)
    assert grace["unanswered"] == 1 and grace["last_attempt_on"] == "2026-11-10"
    assert all(i["captured"] for i in grace["interactions"] if i["kind"] == "email")
    due = {i["contact"]: i["reason"] for i in json.loads(people("due", "--json").stdout)}
    assert "Ada Lovelace" not in due  # emailed yesterday: no check-in
    assert due["Grace Hopper"] == "nudge"  # never answered


def test_a_thread_on_one_day_is_one_entry_per_direction(people, db_path, tmp_path):
    thread = [
        message(ME if n % 2 == 0 else ADA, ADA if n % 2 == 0 else ME, "Re: Plan",
                at("2026-11-20", 8 + n), f"<t{n}@x>")
        for n in range(10)
    ]  # fmt: skip
    summary = run(people, str(maildir(tmp_path, thread)))
    assert summary["new"] == 2 and summary["counted"] == 10
    assert emails(db_path, "Ada Lovelace") == [
        ("2026-11-20", "email", "Plan", 1),
        ("2026-11-20", "email", "Plan", 0),
    ]  # their last message came after yours: answered
    assert json.loads(people("show", "ada", "--json").stdout)["unanswered"] == 0


def test_a_reply_from_another_address_is_known_by_its_thread(people, db_path, tmp_path):
    box = maildir(
        tmp_path,
        [
            message("Ada on her phone <ada@mobile.example>", ME, "Re: Lunch?",
                    at("2026-11-21"), "<r@x>", References="<a0@x> <a1@x>"),
            message(ME, ADA, "Lunch?", at("2026-11-20"), "<a1@x>"),
        ],
    )  # fmt: skip
    assert run(people, str(box))["new"] == 2
    assert [r[3] for r in emails(db_path, "Ada Lovelace")] == [1, 0]


@pytest.mark.parametrize(
    ("headers", "sender", "reason"),
    [
        ({"List_Id": "<python.lists.example>"}, ADA, "mailing list"),
        ({"List_Unsubscribe": "<mailto:leave@x>"}, ADA, "mailing list"),
        ({"Precedence": "bulk"}, ADA, "bulk mail"),
        ({"Precedence": "junk"}, ADA, "bulk mail"),
        ({"Auto_Submitted": "auto-replied"}, ADA, "automated"),
        ({}, "no-reply@navy.example", "no-reply sender"),
        ({}, "notifications@github.example", "no-reply sender"),
        ({}, "bob@else.example", "not a contact"),
    ],
)
def test_bulk_robots_and_strangers_are_skipped_and_counted(
    people, db_path, tmp_path, headers, sender, reason
):
    box = maildir(tmp_path, [message(sender, ME, "News", at("2026-11-20"), "<n@x>", **headers)])
    summary = run(people, str(box))
    assert summary["new"] == 0 and summary["skipped"] == {reason: 1}
    assert query(db_path, "SELECT count(*) FROM interaction WHERE kind = 'email'") == [(0,)]


def test_too_many_recipients_future_and_before_met_are_skipped(people, db_path, tmp_path):
    crowd = [ADA] + [f"p{n}@crowd.example" for n in range(10)]
    box = maildir(
        tmp_path,
        [
            message(ME, crowd, "All hands", at("2026-11-20"), "<c@x>"),
            message(ME, ADA, "From the future", at("2026-11-27"), "<f@x>"),
            message(ME, ALAN, "Before we met", at("2026-10-20"), "<b@x>"),
            message(ME, ALAN, "After we met", at("2026-11-20"), "<a@x>"),
        ],
    )
    summary = run(people, str(box))
    assert summary["skipped"] == {
        "too many recipients": 1,
        "dated in the future": 1,
        "before you met": 1,
    }
    assert summary["new"] == 1
    assert run(people, str(box), "--max-recipients", "11")["new"] == 1  # now the all-hands


def test_cc_and_bcc_count_only_with_include_cc(people, db_path, tmp_path):
    box = maildir(
        tmp_path,
        [
            message(ME, "bob@else.example", "Intro", at("2026-11-20"), "<cc@x>", Cc=GRACE,
                    Bcc=ALAN),
            message(GRACE, "bob@else.example", "Hi all", at("2026-11-21"), "<in@x>", Cc=ME),
        ],
    )  # fmt: skip
    summary = run(people, str(box))
    assert summary["skipped"] == {"contacts only in Cc or Bcc": 1}
    assert emails(db_path, "Grace Hopper") == [("2026-11-21", "email", "Hi all", 0)]
    summary = run(people, str(box), "--include-cc")
    assert summary["new"] == 2
    assert [r[3] for r in emails(db_path, "Grace Hopper")] == [1, 0]
    assert emails(db_path, "Alan Turing") == [("2026-11-20", "email", "Intro", 1)]


def test_a_message_not_to_you_does_not_count(people, db_path, tmp_path):
    box = maildir(tmp_path, [message(ADA, GRACE, "Between them", at("2026-11-20"), "<x@x>")])
    assert run(people, str(box))["skipped"] == {"not to you": 1}
    bcc = maildir(
        tmp_path,
        [message(ADA, GRACE, "You in Bcc", at("2026-11-20"), "<y@x>", Delivered_To=ME)],
        "Bcc",
    )
    assert run(people, str(bcc))["new"] == 1


def test_encoded_headers_names_and_missing_message_ids(people, db_path, tmp_path):
    raw = (
        b"From: =?utf-8?q?Ada_Lov=C3=A9lace?= <ada@example.com>\r\n"
        b"To: =?iso-8859-1?q?M=E9?= <me@home.example>\r\n"
        b"Subject: =?utf-8?b?Q2Fmw6kgbmFjaCBkZXIgS29uZmVyZW56?=\r\n"
        b"Date: Fri, 20 Nov 2026 23:30:00 +0000\r\n\r\nbody\r\n"
    )
    folder = tmp_path / "eml"
    folder.mkdir()
    (folder / "one.eml").write_bytes(raw)
    (folder / "copy.eml").write_bytes(raw)  # no Message-ID: the same hash, one capture
    summary = run(people, str(folder))
    assert summary["new"] == 1 and summary["counted"] == 1
    assert summary["skipped"] == {"already captured": 1}
    # 23:30 UTC is 00:30 in Berlin: the next local day
    assert emails(db_path, "Ada Lovelace") == [
        ("2026-11-21", "email", "Café nach der Konferenz", 0)
    ]
    assert run(people, str(folder / "one.eml"))["unchanged_files"] == 1
    (folder / "one.eml").touch()
    assert run(people, str(folder / "one.eml"))["skipped"] == {"already captured": 1}


def test_broken_dates_fall_back_to_received_or_are_skipped(people, db_path, tmp_path):
    box = maildir(
        tmp_path,
        [
            message(ADA, ME, "Received says", "not a date", "<d1@x>",
                    Received="from mx.example by mx.home.example; Thu, 19 Nov 2026 09:00:00 +0100"),
            message(ADA, ME, "No date at all", "32 Foo 2026 99:99", "<d2@x>"),
        ],
    )  # fmt: skip
    summary = run(people, str(box))
    assert summary["skipped"] == {"no readable date": 1}
    assert emails(db_path, "Ada Lovelace") == [("2026-11-19", "email", "Received says", 0)]


def test_duplicates_across_folders_and_reruns_add_nothing(people, db_path, tmp_path):
    sent = message(ME, ADA, "Notes", at("2026-11-20"), "<dup@x>")
    maildir(tmp_path / "Mail", [sent], "Sent")
    maildir(tmp_path / "Mail", [sent, message(GRACE, ME, "Hi", at("2026-11-19"), "<g@x>")], "All")
    first = run(people, str(tmp_path / "Mail"))
    assert first["new"] == 2 and first["counted"] == 2 and first["messages"] == 3
    assert first["skipped"] == {"already captured": 1}  # the copy in the other folder
    before = snapshot(db_path)
    again = run(people, str(tmp_path / "Mail"))
    assert again["new"] == 0 and again["unchanged_files"] == 3 and again["messages"] == 0
    assert snapshot(db_path) == before
    # a new message on the same day joins the entry captured that day
    maildir(tmp_path / "Mail", [message(ME, ADA, "More notes", at("2026-11-20", 15), "<d2@x>")],
            "Sent")  # fmt: skip
    third = run(people, str(tmp_path / "Mail"))
    assert third["new"] == 0 and third["messages"] == 1 and third["unchanged_files"] == 3
    assert third["per_contact"][0]["interactions"][0]["new"] is False
    assert len(emails(db_path, "Ada Lovelace")) == 1


def test_an_mbox_like_gmail_takeout(people, db_path, tmp_path):
    box = mbox(
        tmp_path / "All mail Including Spam and Trash.mbox",
        [
            message(ME, ADA, "Sent from Gmail", at("2026-11-18"), "<m1@x>"),
            message(f"Grace <{GRACE}>", ME, "Hello", at("2026-11-19"), "<m2@x>"),
            message("news@list.example", ME, "Digest", at("2026-11-19"), "<m3@x>",
                    List_Id="<l>"),
        ],
    )  # fmt: skip
    summary = run(people, str(box))
    assert summary["messages"] == 3 and summary["new"] == 2
    assert summary["skipped"] == {"mailing list": 1}
    assert run(people, str(box))["unchanged_files"] == 1


def test_no_subjects_keeps_no_summary(people, db_path, tmp_path):
    box = maildir(tmp_path, [message(ME, ADA, "Private matter", at("2026-11-20"), "<p@x>")])
    run(people, str(box), "--no-subjects")
    assert emails(db_path, "Ada Lovelace") == [("2026-11-20", "email", None, 1)]


def test_dry_run_says_what_and_changes_nothing(people, db_path, tmp_path):
    box = maildir(tmp_path, [message(ME, ADA, "Lunch?", at("2026-11-20"), "<a@x>")])
    before = snapshot(db_path)
    result = people("capture", str(box), "--dry-run")
    assert result.exit_code == 0
    assert "Ada Lovelace (#1)\n  2026-11-20  email, you wrote: Lunch?\n" in result.stdout
    assert "Would log 1 new interaction from 1 message." in result.stderr
    assert "Dry run: nothing was changed." in result.stderr
    assert snapshot(db_path) == before
    assert query(db_path, "SELECT count(*) FROM capture_file") == [(0,)]


# ----- the captured marker, drop and undo
def test_captured_entries_say_so_and_stay_dropped(people, db_path, tmp_path):
    box = maildir(tmp_path, [message(ADA, ME, "Hello", at("2026-11-20"), "<h@x>")])
    run(people, str(box))
    history = json.loads(people("history", "ada", "--json").stdout)
    entry = next(e for e in history if e["captured"])
    assert entry["detail"] == "email, captured"
    assert "(captured)" in people("show", "ada", env={"NETLOG_OUTPUT": "plain"}).stdout
    assert people("drop", entry["id"], "--yes").exit_code == 0
    summary = run(people, str(box))
    assert summary["new"] == 0
    touched = tmp_path / "INBOX"
    for f in (touched / "new").iterdir():
        f.touch()  # read again: the key is still known
    assert run(people, str(box))["skipped"] == {"dropped before": 1}
    assert emails(db_path, "Ada Lovelace") == []


def test_undo_reverts_a_capture_and_capturing_again_restores_it(people, db_path, tmp_path):
    box = maildir(tmp_path, [message(ME, ADA, "Lunch?", at("2026-11-20"), "<a@x>")])
    before = data(db_path)
    run(people, str(box))
    after = data(db_path)
    assert people("undo").exit_code == 0
    assert data(db_path) == before
    assert run(people, str(box))["new"] == 1  # the files are read again after an undo
    assert emails(db_path, "Ada Lovelace") == [("2026-11-20", "email", "Lunch?", 1)]
    assert len(data(db_path)["captured"]) == len(after["captured"]) == 1


def test_a_restored_dump_captures_nothing_twice(people, db_path, tmp_path, cli):
    box = maildir(tmp_path, [message(ME, ADA, "Lunch?", at("2026-11-20"), "<a@x>")])
    run(people, str(box))
    dump = tmp_path / "dump.json"
    assert people("export", "--format", "json", "-o", str(dump)).exit_code == 0
    tables = json.loads(dump.read_text())["tables"]
    assert tables["setting"] and tables["captured"]
    other = tmp_path / "restored.db"
    assert cli("--db", str(other), "import", str(dump)).exit_code == 0
    again = cli("--db", str(other), "capture", str(box), "--json")
    assert json.loads(again.stdout)["skipped"] == {"already captured": 1}


def test_merge_keeps_what_was_captured_once(people, db_path, tmp_path):
    people("add", "A. Lovelace", "--email", "ada@old.example", "--on", "2026-01-01")
    box = maildir(tmp_path, [message(ME, [ADA, "ada@old.example"], "Both", at("2026-11-20"),
                                     "<both@x>")])  # fmt: skip
    assert run(people, str(box))["new"] == 2
    assert people("merge", "Ada Lovelace", "A. Lovelace", "--yes").exit_code == 0
    assert query(db_path, 'SELECT "key", contact_id FROM captured') == [("mail:both@x", 1)]
    assert run(people, str(box))["new"] == 0


# ----- people you do not track yet
def test_unknown_correspondents_are_listed_and_added(people, db_path, tmp_path):
    mails = [message(ME, "Bob Stone <bob@else.example>", f"n{n}", at("2026-11-1" + str(n)),
                     f"<b{n}@x>") for n in range(3)]  # fmt: skip
    mails += [message(ME, "carol.king@else.example", "hi", at("2026-11-12"), "<c@x>")]
    mails += [message(ME, "noreply@shop.example", "order", at("2026-11-12"), "<s@x>")]
    box = maildir(tmp_path, mails)
    summary = run(people, str(box), "--unknown", "5")
    assert [(u["address"], u["name"], u["messages"]) for u in summary["unknown"]] == [
        ("bob@else.example", "Bob Stone", 3),
        ("carol.king@else.example", None, 1),
    ]
    text = people("capture", str(box), "--unknown", "1").stderr
    assert "Bob Stone <bob@else.example>: 3 emails" in text and "carol" not in text
    refused = people("capture", str(box), "--add-unknown")
    assert refused.exit_code == 1 and "--yes" in refused.stderr
    added = run(people, str(box), "--add-unknown", "--yes")
    assert [a["contact"] for a in added["added"]] == ["Bob Stone", "Carol King"]
    assert added["new"] == 4 and added["unknown"] == []
    bob = json.loads(people("show", "bob", "--json").stdout)
    assert bob["email"] == "bob@else.example" and bob["unanswered"] == 3
    assert [i["occurred_on"] for i in bob["interactions"]][-1] == "2026-11-10"  # met then


def test_add_unknown_asks_on_a_terminal(people, db_path, tmp_path):
    box = maildir(tmp_path, [message(ME, "Bob Stone <bob@else.example>", "hi", at("2026-11-20"),
                                     "<b@x>")])  # fmt: skip
    code, shown = on_a_terminal(
        db_path, ["capture", str(box), "--add-unknown"], [(b"Add Bob Stone", b"y\r")]
    )
    assert code == 0, shown
    assert "Add Bob Stone <bob@else.example>" in shown
    assert query(db_path, "SELECT name FROM contact WHERE name = 'Bob Stone'") == [("Bob Stone",)]


# ----- calendars
def test_calendar_meetings_by_the_rules(people, db_path, tmp_path):
    start = datetime(2026, 10, 5, 9, 0, tzinfo=BERLIN)  # Mondays, 9:00 Berlin
    ics = calendar(
        tmp_path / "work.ics",
        [
            {"uid": "weekly", "summary": "1:1 with Ada", "start": start,
             "end": start + timedelta(hours=1), "rrule": {"freq": "weekly"},
             "organizer": ME, "attendees": [(ADA, "ACCEPTED"), (ME, "ACCEPTED")],
             "exdate": [datetime(2026, 10, 12, 9, 0, tzinfo=BERLIN)],
             "overrides": [
                 {"recurrence-id": datetime(2026, 10, 19, 9, 0, tzinfo=BERLIN),
                  "start": datetime(2026, 10, 20, 23, 30, tzinfo=BERLIN),
                  "end": datetime(2026, 10, 21, 0, 30, tzinfo=BERLIN),
                  "summary": "1:1 moved", "organizer": ME, "attendees": [(ADA, "ACCEPTED")]},
                 {"recurrence-id": datetime(2026, 10, 26, 9, 0, tzinfo=BERLIN),
                  "start": datetime(2026, 10, 26, 9, 0, tzinfo=BERLIN),
                  "status": "CANCELLED", "organizer": ME, "attendees": [(ADA, "ACCEPTED")]},
             ]},
            {"uid": "declined", "summary": "Grace declined", "start": at("2026-11-02", 14),
             "end": at("2026-11-02", 15), "organizer": ME,
             "attendees": [(GRACE, "DECLINED")]},
            {"uid": "allday", "summary": "Offsite", "start": date(2026, 11, 3),
             "end": date(2026, 11, 4), "attendees": [(GRACE, "ACCEPTED"), (ME, "ACCEPTED")]},
            {"uid": "floating", "summary": "Coffee", "start": datetime(2026, 11, 4, 23, 30),
             "end": datetime(2026, 11, 4, 23, 45), "organizer": ALAN},
            {"uid": "alone", "summary": "Focus time", "start": at("2026-11-05"),
             "end": at("2026-11-05", 11), "organizer": ME},
            {"uid": "cancelled", "summary": "Called off", "start": at("2026-11-06"),
             "end": at("2026-11-06", 11), "status": "CANCELLED", "attendees": [(ALAN, "")]},
            {"uid": "later", "summary": "Next week", "start": at("2026-12-20"),
             "end": at("2026-12-20", 11), "attendees": [(ALAN, "ACCEPTED")]},
        ],
    )  # fmt: skip
    summary = run(people, str(ics))
    meetings = query(
        db_path,
        "SELECT c.name, i.occurred_on, i.summary, i.no_reply FROM interaction i "
        "JOIN contact c ON c.id = i.contact_id WHERE i.kind = 'meeting' ORDER BY 2, 1",
    )
    ada = [m[1] for m in meetings if m[0] == "Ada Lovelace"]
    # weekly from 5 October to 23 November, without 12 October (EXDATE) and 26
    # October (cancelled); 19 October moved to 20 October 23:30 Berlin
    assert ada == ["2026-10-05", "2026-10-20", "2026-11-02", "2026-11-09", "2026-11-16",
                   "2026-11-23"]  # fmt: skip
    assert ("Grace Hopper", "2026-11-03", "Offsite", 0) in meetings  # all-day
    assert ("Alan Turing", "2026-11-04", "Coffee", 0) in meetings  # floating: its own clock
    assert not any(m[2] == "Grace declined" for m in meetings)
    assert summary["skipped"] == {
        "cancelled": 2,
        "declined": 1,
        "no one but you": 1,
        "not over yet": 1,
    }
    assert run(people, str(ics))["unchanged_files"] == 1
    ics.touch()
    assert run(people, str(ics))["skipped"]["already captured"] == 8


def test_a_timezone_aware_event_lands_on_the_local_day_across_dst(people, db_path, tmp_path):
    # 25 October 2026: Berlin leaves summer time. 22:30 UTC on the 24th is
    # 00:30 on the 25th in Berlin (CEST, +2); on the 25th, 23:30 UTC is still the 26th.
    ics = calendar(
        tmp_path / "dst.ics",
        [
            {"uid": "a", "start": at("2026-10-24", 22).replace(minute=30),
             "end": at("2026-10-24", 23), "attendees": [(ADA, "ACCEPTED")]},
            {"uid": "b", "start": at("2026-10-25", 23).replace(minute=30),
             "end": at("2026-10-25", 23).replace(minute=50), "attendees": [(GRACE, "ACCEPTED")]},
            {"uid": "c", "start": at("2026-10-25", 22).replace(minute=30),
             "end": at("2026-10-25", 22).replace(minute=50), "attendees": [(GRACE, "ACCEPTED")]},
        ],
    )  # fmt: skip
    run(people, str(ics))
    got = query(
        db_path,
        "SELECT contact_id, occurred_on FROM interaction WHERE kind = 'meeting' ORDER BY 1, 2",
    )
    assert got == [(1, "2026-10-25"), (2, "2026-10-25"), (2, "2026-10-26")]


def test_a_vdir_of_ics_files_is_read_incrementally(people, db_path, tmp_path):
    vdir = tmp_path / "calendars" / "work"
    vdir.mkdir(parents=True)
    for n in range(3):
        calendar(vdir / f"event{n}.ics", [{"uid": f"e{n}", "summary": f"Call {n}",
                 "start": at(f"2026-11-1{n}"), "end": at(f"2026-11-1{n}", 11),
                 "attendees": [(GRACE, "ACCEPTED")]}])  # fmt: skip
    (vdir / "color").write_text("#ff0000")
    assert run(people, str(tmp_path / "calendars"))["new"] == 3
    calendar(vdir / "event9.ics", [{"uid": "e9", "start": at("2026-11-19"),
             "end": at("2026-11-19", 11), "attendees": [(GRACE, "ACCEPTED")]}])  # fmt: skip
    again = run(people, str(vdir))
    assert again["new"] == 1 and again["unchanged_files"] == 3 and again["events"] == 1


def test_a_broken_calendar_is_counted_not_fatal(people, db_path, tmp_path):
    bad = tmp_path / "bad.ics"
    bad.write_text("BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART:notadate\nEND:VEVENT\nEND:VCALENDAR\n")
    summary = run(people, str(bad))
    assert summary["skipped"] == {"unreadable calendar": 1}
