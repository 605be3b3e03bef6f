"""`netlog log`: interactions, cadence restart, follow-ups, past-dated entries."""

from __future__ import annotations

from conftest import query, snapshot


def test_log_the_issue_example(cli, db_path, ada):
    result = cli(
        "log", "ada", "coffee: she is hiring data engineers in Q1", "--kind", "coffee",
        "--on", "yesterday", "--follow-up", "in 2 weeks", "--todo", "send her my Rust project",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert result.stdout == (
        "Logged for Ada Lovelace (#1) · Analytical · next check-in 2026-12-15 (in 20 days)\n"
    )
    assert "Follow-up on 2026-12-09: send her my Rust project" in result.stderr
    assert query(db_path, "SELECT occurred_on, kind, summary FROM interaction ORDER BY id") == [
        ("2026-09-25", "met", "PyCon 2026 hallway"),
        ("2026-11-24", "coffee", "coffee: she is hiring data engineers in Q1"),
    ]
    assert query(db_path, "SELECT due_on, todo, done_at FROM followup") == [
        ("2026-12-09", "send her my Rust project", None)
    ]
    assert query(db_path, "SELECT last_contact_on, next_checkin_on FROM contact") == [
        ("2026-11-24", "2026-12-15")
    ]


def test_log_default_todo_quotes_summary(cli, db_path, ada):
    cli("log", "ada", "talked about Rust", "--follow-up", "friday")
    assert query(db_path, "SELECT due_on, todo FROM followup") == [
        ("2026-11-27", "Follow up on: talked about Rust")
    ]


def test_log_completes_followups_due_by_that_day(cli, db_path, ada):
    cli("log", "ada", "first", "--on", "2026-11-01", "--follow-up", "2026-11-10")
    cli("log", "ada", "second", "--on", "2026-11-02", "--follow-up", "2026-12-10")
    result = cli("log", "ada", "caught up", "--on", "2026-11-20")
    assert "Completed 1 follow-up due by then." in result.stderr
    rows = query(db_path, "SELECT due_on, done_at IS NOT NULL FROM followup ORDER BY due_on")
    assert rows == [("2026-11-10", 1), ("2026-12-10", 0)]


def test_log_in_the_past_never_moves_last_contact_backwards(cli, db_path, ada):
    cli("log", "ada", "recent call", "--kind", "call", "--on", "2026-11-20")
    cli("log", "ada", "forgot to log this", "--on", "2026-10-01")
    assert query(db_path, "SELECT last_contact_on, next_checkin_on FROM contact") == [
        ("2026-11-20", "2026-12-11")
    ]
    assert query(db_path, "SELECT count(*) FROM interaction") == [(3,)]


def test_log_restarts_cadence_and_clears_snooze(cli, db_path, ada):
    cli("snooze", "ada", "2027-03-01")
    cli("log", "ada", "bumped into her", "--kind", "event")
    assert query(db_path, "SELECT snoozed_until, next_checkin_on FROM contact") == [
        (None, "2026-12-16")
    ]


def test_log_without_summary(cli, db_path, ada):
    result = cli("log", "ada", "--kind", "call")
    assert result.exit_code == 0
    assert query(db_path, "SELECT kind, summary FROM interaction WHERE kind = 'call'") == [
        ("call", None)
    ]


def test_log_errors_change_nothing(cli, db_path, ada):
    cli("add", "Adam Smith")
    before = snapshot(db_path)
    cases = [
        (["log", "zed", "hi"], "no contact matches 'zed'"),
        (["log", "ad", "hi"], "'ad' matches 2 contacts: Ada Lovelace (#1), Adam Smith (#2)"),
        (["log", "ada", "hi", "--kind", "lunch"], "unknown kind 'lunch'"),
        (["log", "ada", "hi", "--on", "2026-02-30"], "--on: '2026-02-30' is not a valid date"),
        (["log", "ada", "hi", "--on", "next week"], "--on: cannot read 'next week'"),
        (["log", "ada", "hi", "--on", "in 3 days"], "is in the future"),
        (["log", "ada", "hi", "--follow-up", "someday"], "--follow-up: cannot read 'someday'"),
        (["log", "ada", "hi", "--todo", "call back"], "--todo needs --follow-up"),
        (["log", "#99", "hi"], "no contact matches '#99'"),
    ]
    for args, message in cases:
        result = cli(*args)
        assert result.exit_code == 1, args
        assert message in result.stderr, (args, result.stderr)
        assert result.stderr.count("\n") == 1, result.stderr
        assert "Traceback" not in result.stderr
    assert snapshot(db_path) == before


def test_log_finds_contacts_by_email_id_prefix_accent_and_fuzzy(cli, db_path, ada):
    cli("add", "José Núñez")
    for ref, name in [
        ("ada@EXAMPLE.com", "Ada Lovelace"),
        ("#2", "José Núñez"),
        ("jose", "José Núñez"),
        ("NUNEZ", "José Núñez"),
        ("lovelace", "Ada Lovelace"),
        ("Ada Lovlace", "Ada Lovelace"),
    ]:
        result = cli("log", ref, "hello")
        assert result.exit_code == 0, (ref, result.stderr)
        assert result.stdout.startswith(f"Logged for {name}"), ref


def test_unknown_name_suggests_close_names(cli, ada):
    result = cli("log", "Ava Lovelock", "hi")
    assert result.exit_code == 1
    assert "did you mean Ada Lovelace (#1)?" in result.stderr


def test_no_reply_says_how_long_netlog_waits_each_time(cli, ada):
    waits = []
    for _ in range(3):
        run = cli("log", "ada", "emailed about the meetup", "--kind", "email", "--no-reply")
        assert run.exit_code == 0, run.stderr
        waits.append(run.stderr.strip().splitlines()[-1])
    assert waits == [
        "No reply yet: netlog suggests a gentle nudge on 2026-12-02 (in 7 days), not sooner.",
        "No reply yet: netlog suggests a gentle nudge on 2026-12-09 (in 14 days), not sooner.",
        "No reply to 3 attempts: netlog goes back to your usual check-ins; the next is on "
        "2026-12-16 (in 21 days).",
    ]


def test_a_follow_up_in_the_past_is_refused(cli, db_path, ada):
    before = snapshot(db_path)
    for when in ("2020-01-01", "yesterday"):
        result = cli("log", "ada", "coffee", "--follow-up", when)
        assert result.exit_code == 1
        assert result.stderr.startswith("Error: --follow-up ")
        assert "is in the past — give today or a later day" in result.stderr
    late = cli("log", "ada", "coffee", "--on", "2026-11-10", "--follow-up", "2026-11-01")
    assert late.stderr.startswith("Error: --follow-up 2026-11-01 is before the conversation")
    assert snapshot(db_path) == before
    assert cli("log", "ada", "coffee", "--follow-up", "today").exit_code == 0
    # A promise from a conversation logged late may be overdue already: it is owed.
    owed = cli("log", "ada", "call", "--on", "2026-11-10", "--follow-up", "2026-11-17")
    assert owed.exit_code == 0
