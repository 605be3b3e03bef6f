"""Acting on due items one at a time, by the handle `due` shows."""

from __future__ import annotations

import json
from datetime import date, timedelta

from conftest import TODAY, query, snapshot


def ok(run):
    assert run.exit_code == 0, (run.stdout, run.stderr)
    return run


def items(cli, *, today: date = TODAY, within: str | None = None) -> dict[str, str]:
    args = ["due", "--json", *(["--within", within] if within else [])]
    return {i["id"]: i["reason"] for i in json.loads(ok(cli(*args, today=today)).stdout)}


def network(cli) -> None:
    """Ada: met in September, a favour on 1 October with a promise, a birthday today."""
    ok(cli("add", "Ada Lovelace", "--on", "2026-09-01", "--birthday", "1815-11-25"))
    ok(cli("log", "ada", "coffee", "--on", "2026-10-01", "--got", "resume advice",
           "--follow-up", "2026-10-05", "--todo", "send CV"))  # fmt: skip
    ok(cli("add", "Grace Hopper", "--on", "2026-10-01"))
    ok(cli("ask", "grace", "an intro to the data team", "--on", "2026-11-01"))


def test_every_item_has_a_handle_that_stays_from_day_to_day(cli):
    network(cli)
    today = items(cli)
    assert today == {
        "f1": "thank-you", "f3": "follow-up", "f2": "close-the-loop", "b1": "birthday",
        "g1": "give-back", "c1": "check-in", "a1": "ask-follow-up",
    }  # fmt: skip
    assert items(cli, today=TODAY + timedelta(days=5)).keys() - {"b1"} <= today.keys()
    plain = ok(cli("due")).stdout.splitlines()
    assert plain[0].endswith("\tactions\tids")
    assert plain[1].split("\t")[0] == "Ada Lovelace"
    assert plain[1].split("\t")[-1] == "f1 f3 f2 b1 g1 c1"


def test_done_skip_and_snooze_by_handle(cli, db_path):
    network(cli)
    done = ok(cli("done", "f1", "F3"))
    assert done.stdout.splitlines() == [
        "Done: f1 · Ada Lovelace · thank-you · done",
        "Done: f3 · Ada Lovelace · follow-up · done",
    ]
    skipped = ok(cli("skip", "b1", "g1", "c1", "a1"))
    assert skipped.stdout.splitlines() == [
        "Skipped: b1 · Ada Lovelace · birthday · set aside until next year",
        "Skipped: g1 · Ada Lovelace · give-back · set aside until 2026-12-25",
        "Skipped: c1 · Ada Lovelace · check-in · next check-in 2026-12-25",
        "Skipped: a1 · Grace Hopper · ask-follow-up · set aside until 2026-12-02",
    ]
    moved = ok(cli("snooze", "f2", "friday"))
    assert moved.stdout == "Snoozed: f2 · Ada Lovelace · close-the-loop · moved to 2026-11-27\n"
    assert items(cli) == {}
    # Each comes back when it should: the ask's follow-up after a week, the
    # promise on its new day, the give-back after 30 days, the birthday next year.
    assert "a1" in items(cli, today=date(2026, 12, 2))
    assert "f2" in items(cli, today=date(2026, 11, 27))
    assert "g1" in items(cli, today=date(2026, 12, 25))
    assert "b1" not in items(cli, today=date(2026, 12, 25))
    assert "b1" in items(cli, today=date(2027, 11, 25))
    assert query(db_path, "SELECT handle, until FROM dismissal ORDER BY handle") == [
        ("a1", "2026-12-02"), ("b1", "2026-11-26"), ("g1", "2026-12-25"),
    ]  # fmt: skip
    assert ok(cli("check")).stdout == "No problems found.\n"


def test_snoozing_a_birthday_or_give_back_sets_it_aside_until_then(cli):
    network(cli)
    ok(cli("snooze", "b1", "tomorrow"))
    assert "b1" not in items(cli)
    ok(cli("snooze", "g1", "in 3 days"))
    assert "g1" not in items(cli, today=TODAY + timedelta(days=2))
    assert "g1" in items(cli, today=TODAY + timedelta(days=3))


def test_an_unknown_handle_refuses_the_whole_command(cli, db_path):
    network(cli)
    before = snapshot(db_path)
    result = cli("done", "f1", "f99")
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: f99 is not due or coming up — see the items and their handles with: "
        "netlog due --within 4w\n"
    )
    assert cli("skip", "ada").stderr == (
        "Error: ada is not a handle — give the handles netlog due shows, e.g. netlog skip f12 b3\n"
    )
    assert "not after today" in cli("snooze", "f1", "today").stderr
    assert cli("done", "ada", "grace").exit_code == 1
    assert snapshot(db_path) == before


def test_upcoming_items_have_handles_too(cli):
    network(cli)
    ok(cli("done", "f1", "f2", "f3"))
    ok(cli("log", "ada", "call", "--follow-up", "in 10 days", "--todo", "share the deck"))
    upcoming = items(cli, within="2w")
    assert upcoming["f4"] == "follow-up"
    assert ok(cli("snooze", "f4", "in 3 weeks")).exit_code == 0
    assert "f4" not in items(cli, within="2w")
