"""`netlog due`: what is due, why, in what order, and the JSON schema."""

from __future__ import annotations

import json
from datetime import date

import pytest

from conftest import query

JSON_KEYS = {
    "id", "contact", "contact_id", "reason", "due_on", "days_overdue", "last_contact_on",
    "last_kind", "last_summary", "action", "urgency",
}  # fmt: skip


def _network(cli):
    # Ada: every 3 weeks, met 2026-09-25, coffee 2026-10-16 -> check-in due 2026-11-06
    cli(
        "add",
        "Ada Lovelace",
        "--every",
        "3w",
        "--on",
        "2026-09-25",
        "--met",
        "PyCon",
        "--tag",
        "python",
    )
    cli(
        "log",
        "ada",
        "coffee: she is hiring data engineers in Q1",
        "--kind",
        "coffee",
        "--on",
        "2026-10-16",
        "--follow-up",
        "2026-11-20",
        "--todo",
        "send her my Rust project",
    )
    # Grace: yearly, met 2025-11-01 -> due 2026-11-01 (24 days late, small relative to a year)
    cli("add", "Grace Hopper", "--every", "1y", "--on", "2025-11-01")
    # Linus: monthly, met last week -> not due for three weeks
    cli("add", "Linus Torvalds", "--on", "2026-11-18", "--tag", "python")  # fmt: skip


def test_due_json_lists_items_most_urgent_first(cli):
    _network(cli)
    result = cli("due", "--json")
    assert result.exit_code == 0
    items = json.loads(result.stdout)
    assert [(i["contact"], i["reason"]) for i in items] == [
        ("Ada Lovelace", "follow-up"),
        ("Ada Lovelace", "check-in"),
        ("Grace Hopper", "check-in"),
    ]
    follow, checkin, grace = items
    assert set(follow) == JSON_KEYS
    assert follow["due_on"] == "2026-11-20"
    assert follow["days_overdue"] == 5
    assert follow["action"] == "Follow up: send her my Rust project"
    assert follow["urgency"] == round(2 + 5 / 7, 3)
    assert checkin["due_on"] == "2026-11-06"
    assert checkin["days_overdue"] == 19
    assert checkin["last_contact_on"] == "2026-10-16"
    assert checkin["last_kind"] == "coffee"
    assert checkin["last_summary"] == "coffee: she is hiring data engineers in Q1"
    assert checkin["action"] == (
        "Check in with Ada — last talked 5 weeks ago (coffee): "
        "“coffee: she is hiring data engineers in Q1”"
    )
    assert checkin["urgency"] == round(1 + 19 / 21, 3)
    assert grace["days_overdue"] == 24
    assert grace["action"] == "Check in with Grace — you met 1 year ago"
    assert grace["urgency"] < checkin["urgency"]


def test_due_within_adds_upcoming_items_with_negative_lateness(cli):
    _network(cli)
    items = json.loads(cli("due", "--within", "4w", "--json").stdout)
    linus = [i for i in items if i["contact"] == "Linus Torvalds"]
    assert linus and linus[0]["due_on"] == "2026-12-18"
    assert linus[0]["days_overdue"] == -23
    assert items[-1]["contact"] == "Linus Torvalds"  # upcoming sorts after everything due


def test_due_tag_and_limit(cli):
    _network(cli)
    tagged = json.loads(cli("due", "--tag", "python", "--json").stdout)
    assert {i["contact"] for i in tagged} == {"Ada Lovelace"}
    limited = json.loads(cli("due", "--limit", "1", "--json").stdout)
    assert len(limited) == 1 and limited[0]["reason"] == "follow-up"


def test_due_plain_output_when_piped(cli):
    _network(cli)
    result = cli("due")
    lines = result.stdout.splitlines()
    assert lines[0] == (
        "contact\treasons\tdue_on\tstatus\tlast_contact_on\tlast_kind\tactions\tids"
    )
    first = lines[1].split("\t")
    assert first[:4] == ["Ada Lovelace", "follow-up, check-in", "2026-11-20", "5 days late"]
    assert first[6] == (
        "Follow up: send her my Rust project | Check in with Ada — last talked 5 weeks ago "
        "(coffee): “coffee: she is hiring data engineers in Q1”"
    )
    assert first[7] == "f1 c1"  # the handles, for netlog done/skip/snooze
    assert len(lines) == 3  # one row per contact: Ada, Grace
    assert "\x1b" not in result.stdout


def test_due_table_on_a_terminal(cli):
    _network(cli)
    result = cli("due", env={"NETLOG_OUTPUT": "table"})
    assert "Suggested action" in result.stdout
    assert "19 days late" in result.stdout
    assert "\x1b" not in result.stdout  # NO_COLOR is set by the fixtures


def test_due_empty_states(cli):
    result = cli("due")
    assert result.exit_code == 0
    assert result.stdout == ""
    assert "Your network is empty" in result.stderr
    cli("add", "Linus Torvalds")
    result = cli("due")
    assert result.stdout == ""
    assert "Nothing due today. Next: Linus Torvalds (check-in) on 2026-12-25." in result.stderr
    assert cli("due", "--json").stdout.strip() == "[]"


def test_due_moves_with_time(cli):
    cli("add", "Ada Lovelace", "--every", "2w")
    assert json.loads(cli("due", "--json", today=date(2026, 12, 8)).stdout) == []
    items = json.loads(cli("due", "--json", today=date(2026, 12, 9)).stdout)
    assert [(i["reason"], i["days_overdue"]) for i in items] == [("check-in", 0)]


def test_snooze_and_done_clear_items(cli):
    _network(cli)
    assert cli("snooze", "grace", "in 2 weeks").exit_code == 0
    assert cli("done", "ada").stdout == (
        "Done: Ada Lovelace · follow-up · 2026-11-20 · send her my Rust project\n"
    )
    items = json.loads(cli("due", "--json").stdout)
    assert [(i["contact"], i["reason"]) for i in items] == [("Ada Lovelace", "check-in")]


def test_due_bad_options(cli):
    for args, message in [
        (["due", "--within", "soon"], "--within: 'soon' is not a duration"),
        (["due", "--limit", "0"], "--limit must be at least 1"),
    ]:
        result = cli(*args)
        assert result.exit_code == 1
        assert message in result.stderr
    assert cli("due", "--limit", "x").exit_code == 2


def test_terminal_shows_a_screenful_and_says_how_many_more(cli):
    for n in range(30):
        cli("add", f"Person {n:02d}", "--on", "2026-01-01")
    table = cli("due", env={"NETLOG_OUTPUT": "table"})
    assert table.stdout.count("Check in with Person") == 25
    assert "… and 5 more people due." in table.stderr
    more = cli("due", "--limit", "28", env={"NETLOG_OUTPUT": "table"})
    assert more.stdout.count("Check in with Person") == 28
    assert len(cli("due").stdout.splitlines()) == 31  # piped: header and every item


def test_limit_counts_people_in_the_table_and_items_in_json(cli):
    _network(cli)  # Ada has a follow-up and a check-in due; Grace a check-in
    plain = cli("due", "--limit", "1").stdout.splitlines()
    assert [line.split("\t")[:2] for line in plain[1:]] == [["Ada Lovelace", "follow-up, check-in"]]
    items = json.loads(cli("due", "--limit", "1", "--json").stdout)
    assert [(i["contact"], i["reason"]) for i in items] == [("Ada Lovelace", "follow-up")]


def test_nothing_due_names_the_soonest_item_next_not_the_most_urgent(cli):
    assert cli("add", "Ada Lovelace", "--every", "10d").exit_code == 0
    assert cli("add", "Grace Hopper", "--every", "1y").exit_code == 0
    # The promise is more urgent (2 - 12/7 > 1 - 10/10) but comes later.
    promised = cli("log", "grace", "coffee", "--follow-up", "in 12 days", "--todo", "send slides")
    assert promised.exit_code == 0
    result = cli("due")
    assert "Nothing due today. Next: Ada Lovelace (check-in) on 2026-12-05." in result.stderr
    upcoming = cli("due", "--within", "4w", "--json")
    assert [(i["contact"], i["due_on"]) for i in json.loads(upcoming.stdout)] == [
        ("Ada Lovelace", "2026-12-05"),
        ("Grace Hopper", "2026-12-07"),
    ]


def test_done_completes_what_is_due_and_leaves_the_future_open(cli, db_path):
    cli("add", "Ada Lovelace", "--on", "2026-11-01")
    cli("log", "ada", "coffee", "--got", "an intro to Grace", "--follow-up", "in 3 days",
        "--todo", "ask about the contractor role")  # fmt: skip
    # Logged late: its promise (due 2026-11-20) is overdue and still open.
    cli(
        "log", "ada", "call", "--on", "2026-11-10", "--follow-up", "2026-11-20", "--todo", "send CV"
    )
    # Open now: the overdue promise; tomorrow's thank-you, the close-the-loop in
    # 30 days and the follow-up in 3 days are not due yet.
    result = cli("done", "ada")
    assert result.stdout == "Done: Ada Lovelace · follow-up · 2026-11-20 · send CV\n"
    assert result.stderr.splitlines() == [
        "Still open, not due yet (netlog done '#1' --all closes them):",
        "  2026-11-26 (tomorrow) thank-you: Thank Ada for: an intro to Grace",
        "  2026-11-28 (in 3 days) follow-up: ask about the contractor role",
        "  2026-12-25 (in 4 weeks) close-the-loop: Tell Ada how “an intro to Grace” turned out",
    ]
    assert query(db_path, "SELECT count(*) FROM followup WHERE done_at IS NULL") == [(3,)]
    everything = cli("done", "ada", "--all")
    assert len(everything.stdout.splitlines()) == 3
    assert query(db_path, "SELECT count(*) FROM followup WHERE done_at IS NULL") == [(0,)]


def test_a_conversation_on_the_birthday_clears_it(cli):
    cli("add", "Ada Lovelace", "--birthday", "1815-11-25", "--on", "2026-11-01")
    assert [i["reason"] for i in json.loads(cli("due", "--json").stdout)] == ["birthday"]
    cli("log", "ada", "happy birthday!", "--kind", "message", "--no-reply")
    assert json.loads(cli("due", "--json").stdout) == []
    # Next year it is back.
    next_year = json.loads(cli("due", "--json", today=date(2027, 11, 25)).stdout)
    assert "birthday" in [i["reason"] for i in next_year]


def _wordy_network(cli):
    """Long actions, a stored escape sequence and a bell: what a narrow terminal
    must show whole, and safely."""
    _network(cli)
    cli("add", "Evil \x1b[31mRed\x1b[0m Name", "--every", "1w", "--on", "2026-09-01")
    cli(
        "log", "evil", "talked about the\x07 quarterly planning offsite and the new hiring plan",
        "--kind", "call", "--on", "2026-10-01",
        "--follow-up", "2026-11-21",
        "--todo", "send the notes on the data platform migration and the reading list we discussed",
    )  # fmt: skip


def _action_text(lines: list[str], table: bool) -> str:
    """The suggested actions as one line of words: the table's last column, or
    the stacked layout's indented lines."""
    if table:
        cells = [line.split("│")[-2].strip() for line in lines if line.count("│") >= 7]
        return " ".join(cells)
    return " ".join(line.strip() for line in lines if line.startswith("      "))


@pytest.mark.parametrize("width", [60, 80, 120])
def test_due_fits_the_terminal_and_shows_every_action_whole(cli, width):
    _wordy_network(cli)
    items = json.loads(cli("due", "--json").stdout)
    result = cli("due", env={"NETLOG_OUTPUT": "table", "COLUMNS": str(width)})
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert all(len(line) <= width for line in lines), [ln for ln in lines if len(ln) > width]
    assert all(line == line.rstrip() for line in lines) or width >= 100
    assert "…" not in result.stdout
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout
    assert "Evil �[31mRed�[0m Name" in result.stdout  # sanitised, not dropped
    table = width >= 100
    assert ("Suggested action" in result.stdout) is table
    shown = _action_text(lines, table)
    for item in items:
        assert item["id"] in result.stdout
        assert item["action"].replace("\x07", "�") in shown
    if not table:  # the action has the width of the terminal, not of a column
        actions = [line for line in lines if line.startswith("      ")]
        assert all(line[6] != " " for line in actions)  # an indent of 6: 54+ columns left
        assert max(len(line.strip()) for line in actions) > 40


def test_narrow_due_layout(cli):
    _network(cli)
    result = cli("due", env={"NETLOG_OUTPUT": "table", "COLUMNS": "80"})
    assert result.stdout.splitlines() == [
        "Due 2026-11-25 — most urgent first",
        "",
        "Ada Lovelace · last contact 5 weeks ago (coffee)",
        "  f1  follow-up · 5 days late",
        "      Follow up: send her my Rust project",
        "  c1  check-in · 19 days late",
        "      Check in with Ada — last talked 5 weeks ago (coffee): “coffee: she is",
        "      hiring data engineers in Q1”",
        "",
        "Grace Hopper · last contact 1 year ago (met)",
        "  c2  check-in · 24 days late",
        "      Check in with Grace — you met 1 year ago",
    ]


def test_narrow_due_very_narrow_keeps_40_columns_for_the_action(cli):
    _network(cli)
    lines = cli("due", env={"NETLOG_OUTPUT": "table", "COLUMNS": "44"}).stdout.splitlines()
    action = next(line for line in lines if "Check in with Ada" in line)
    assert action.startswith("    C")  # the indent gives way, the action keeps 40
    assert all(len(line) <= 44 for line in lines)


@pytest.mark.parametrize("no_color", [None, "1"])
def test_no_color_means_no_escape_codes_on_a_terminal(cli, no_color):
    _network(cli)
    env = {"NETLOG_OUTPUT": "table", "FORCE_COLOR": "1", "TERM": "xterm-256color",
           "NO_COLOR": no_color}  # fmt: skip
    for width in ("60", "120"):
        result = cli("due", env={**env, "COLUMNS": width})
        assert ("\x1b" in result.stdout) is (no_color is None)


def _handles_of_two_widths(cli):
    """Eleven people: c3 is due for a check-in, c11 for a nudge, f1 is a promise."""
    for n, name in enumerate(
        ["Ada Lovelace", "Bob Kahn", "Cy Young", "Dee Dee", "Eve Online", "Fay Wray",
         "Gus Grissom", "Hal Abelson", "Ivy League", "Jo March", "Ken Thompson"],
        start=1,
    ):  # fmt: skip
        on = {3: "2026-09-01", 11: "2026-06-01"}.get(n, "2026-11-20")
        assert cli("add", name, "--on", on).exit_code == 0
    cli("log", "ken", "tried to reach him", "--kind", "email", "--no-reply", "--on", "2026-11-10")
    cli("log", "ada", "coffee", "--kind", "coffee", "--follow-up", "today", "--todo", "the deck")


ITEM_LINE = r"^  ([fcbga][0-9]+)( +)(\S+) · "


@pytest.mark.parametrize("width", [60, 80])
def test_narrow_due_aligns_reasons_and_actions_across_handle_widths(cli, width):
    import re

    _handles_of_two_widths(cli)
    lines = cli("due", env={"NETLOG_OUTPUT": "table", "COLUMNS": str(width)}).stdout.splitlines()
    items = [(n, m) for n, line in enumerate(lines) if (m := re.match(ITEM_LINE, line))]
    assert sorted(m[1] for _, m in items) == ["c11", "c3", "f1"]
    # every reason starts in one column: after the widest handle and a two-space gap
    assert {m.start(3) for _, m in items} == {2 + len("c11") + 2}
    # and every action starts in that column too, on every line it wraps to
    for n, _ in items:
        action = []
        for line in lines[n + 1 :]:
            if not line or re.match(ITEM_LINE, line):
                break
            action.append(line)
        assert action and all(len(a) - len(a.lstrip()) == 7 for a in action), action
    assert all(len(line) <= width for line in lines)


def test_narrow_due_pads_the_handles(cli):
    _handles_of_two_widths(cli)
    result = cli("due", env={"NETLOG_OUTPUT": "table", "COLUMNS": "80"})
    assert result.stdout.splitlines() == [
        "Due 2026-11-25 — most urgent first",
        "",
        "Cy Young · last contact 2 months ago (met)",
        "  c3   check-in · 7 weeks late",
        "       Check in with Cy — you met 2 months ago",
        "",
        "Ada Lovelace · last contact today (coffee)",
        "  f1   follow-up · due today",
        "       Follow up: the deck",
        "",
        "Ken Thompson · last contact 5 months ago (met)",
        "  c11  nudge · 8 days late",
        "       Nudge Ken gently — no reply since you reached out 15 days ago",
    ]


def test_archived_contacts_are_left_out_of_due(cli):
    """A contact archived (the tag a sync gives one whose card was deleted on
    another device) keeps its history but no longer comes up in due."""
    import json

    assert cli("add", "Ada Lovelace", "--on", "2026-01-01", "--every", "2w").exit_code == 0
    assert cli("add", "Grace Hopper", "--on", "2026-01-01", "--every", "2w").exit_code == 0
    assert (
        cli("log", "ada", "call", "--follow-up", "2026-11-20", "--on", "2026-11-01").exit_code == 0
    )
    before = {i["contact"] for i in json.loads(cli("due", "--json").stdout)}
    assert before == {"Ada Lovelace", "Grace Hopper"}
    assert cli("edit", "ada", "--tag", "archived").exit_code == 0
    after = json.loads(cli("due", "--json").stdout)
    assert {i["contact"] for i in after} == {"Grace Hopper"}
    archived = json.loads(cli("due", "--json", "--tag", "archived").stdout)
    assert {i["contact"] for i in archived} == {"Ada Lovelace"}
    assert cli("edit", "ada", "--untag", "archived").exit_code == 0
    assert {i["contact"] for i in json.loads(cli("due", "--json").stdout)} == before
