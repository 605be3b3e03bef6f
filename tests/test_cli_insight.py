"""strength in show and list, netlog fading, fading ties in due, netlog week:
end to end, against a real database."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest

from conftest import TODAY, query, snapshot


def ago(n: int) -> str:
    return (TODAY - timedelta(days=n)).isoformat()


@pytest.fixture
def weekly(cli):
    """Grace: a call every week for ten weeks, then four weeks of silence; her
    check-ins come every 90 days, so none is due: she is fading by her rhythm."""
    assert cli("add", "Grace Hopper", "--company", "Navy", "--every", "90d",
               "--on", ago(400), "--tag", "mentor").exit_code == 0  # fmt: skip
    for n in range(10):
        assert (
            cli("log", "grace", f"call {n}", "--kind", "call", "--on", ago(28 + 7 * n)).exit_code
            == 0
        )
    return cli


def test_show_prints_the_strength_and_its_parts(cli, ada):
    cli("log", "ada", "coffee", "--kind", "coffee", "--on", ago(0))
    out = cli("show", "ada").stdout
    line = next(x for x in out.splitlines() if x.startswith("Strength: "))
    assert line.startswith("Strength: ")
    score = int(line.split()[1].split("/")[0])
    assert 0 < score <= 100
    for part in ("recency 1.00", "frequency", "reciprocity", "depth 1.00", "tenure"):
        assert part in line


def test_show_json_has_the_strength_with_its_parts(cli, ada):
    data = json.loads(cli("show", "ada", "--json").stdout)
    assert set(data["strength"]) == {
        "score", "recency", "frequency", "reciprocity", "depth", "tenure",
        "conversations", "attempts", "gave", "got",
    }  # fmt: skip
    assert data["strength"]["conversations"] == 1  # the meeting `add` records
    assert data["typical_gap_days"] is None  # one conversation is no rhythm


def test_list_sort_strength_puts_the_strongest_first_with_the_score(cli, ada, weekly):
    cli("add", "Linus Torvalds", "--on", ago(300))
    plain = cli("list", "--sort", "strength").out_lines
    assert plain[0].split("\t")[-1] == "strength"
    names = [row.split("\t")[1] for row in plain[1:]]
    scores = [int(row.split("\t")[-1]) for row in plain[1:]]
    assert scores == sorted(scores, reverse=True)
    assert names[0] == "Grace Hopper" and names[-1] == "Linus Torvalds"
    data = json.loads(cli("list", "--sort", "strength", "--json").stdout)
    assert [c["name"] for c in data] == names
    assert [c["strength"]["score"] for c in data] == scores
    tagged = json.loads(cli("list", "--sort", "strength", "--tag", "mentor", "--json").stdout)
    assert [c["name"] for c in tagged] == ["Grace Hopper"]


def test_the_typical_gap_is_derived_state_kept_by_every_write(cli, weekly, db_path):
    assert query(db_path, "SELECT typical_gap_days FROM contact") == [(7,)]
    cli("log", "grace", "another", "--kind", "call", "--on", ago(27))  # a 1-day interval
    assert query(db_path, "SELECT typical_gap_days FROM contact") == [(7,)]
    assert cli("check").exit_code == 0


def test_fading_lists_who_drifts_with_a_suggested_action(cli, weekly):
    cli("add", "Linus Torvalds", "--on", ago(30))
    result = cli("fading")
    assert result.exit_code == 0
    header, *rows = result.out_lines
    assert header.split("\t") == [
        "id", "name", "strength", "reasons", "why", "last_contact_on", "action",
    ]  # fmt: skip
    [row] = rows
    cells = row.split("\t")
    assert cells[1] == "Grace Hopper" and cells[3].startswith("quiet")
    assert cells[4].startswith("quiet 28d, usually 7d")
    assert (
        cells[6]
        == "Call Grace — last talked 4 weeks ago, 4× your usual 7 days"
        + (cells[6][len("Call Grace — last talked 4 weeks ago, 4× your usual 7 days") :])
    )
    [tie] = json.loads(cli("fading", "--json").stdout)
    assert tie["contact"] == "Grace Hopper" and tie["typical_gap_days"] == 7
    assert tie["silence_days"] == 28 and "quiet" in tie["reasons"]


def test_fading_with_nobody_fading_says_so(cli, ada):
    result = cli("fading")
    assert result.exit_code == 0 and result.stdout == ""
    assert "No fading ties" in result.stderr


def test_fading_limit_must_be_positive_and_changes_nothing(cli, weekly, db_path):
    before = snapshot(db_path)
    result = cli("fading", "--limit", "0")
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: --limit must be at least 1")
    assert snapshot(db_path) == before


def test_due_shows_a_fading_tie_when_no_checkin_is_due(cli, weekly):
    [item] = json.loads(cli("due", "--json").stdout)
    assert (item["id"], item["reason"]) == ("t1", "fading")
    assert item["due_on"] == ago(6)  # 22 days after the last call
    assert item["action"].startswith("Call Grace — last talked 4 weeks ago, 4× your usual 7 days")


def test_a_due_checkin_is_never_joined_by_a_fading_item(cli, weekly):
    cli("edit", "grace", "--every", "3w")  # the check-in is now due
    reasons = [i["reason"] for i in json.loads(cli("due", "--json").stdout)]
    assert reasons == ["check-in"]


def test_skip_sets_a_fading_tie_aside_for_30_days_and_logging_ends_it(cli, weekly):
    result = cli("skip", "t1")
    assert result.exit_code == 0, result.stderr
    assert json.loads(cli("due", "--json").stdout) == []
    later = TODAY + timedelta(days=30)
    assert [i["id"] for i in json.loads(cli("due", "--json", today=later).stdout)] == ["t1"]
    cli("log", "grace", "caught up", "--kind", "call")
    assert json.loads(cli("due", "--json").stdout) == []


def test_the_calendar_export_has_a_fading_tie(cli, weekly):
    out = cli("export", "--format", "ics").stdout
    assert "SUMMARY:Reconnect with Grace Hopper" in out
    assert f"last talked on {ago(28)}" in out.replace("\r\n ", "")


def test_week_reviews_the_last_seven_days(cli, ada):
    cli("add", "Bob Kahn", "--on", ago(60))
    cli("add", "Cy Young", "--on", ago(60))
    cli("log", "ada", "coffee", "--kind", "coffee", "--on", ago(1), "--got", "resume advice")
    cli("log", "bob", "ping", "--kind", "email", "--no-reply", "--on", ago(2))
    cli("log", "bob", "old", "--kind", "call", "--on", ago(9))
    cli("ask", "ada", "an intro to the data team", "--on", ago(1))
    cli("intro", "ada", "cy", "--why", "both like Rust", "--on", ago(0))
    data = json.loads(cli("week", "--json").stdout)
    assert (data["since"], data["until"]) == (ago(6), ago(0))
    reached = {p["contact"]: p for p in data["reached"]}
    assert reached["Ada Lovelace"]["answered"] and not reached["Bob Kahn"]["answered"]
    assert reached["Bob Kahn"]["attempts"] == 1
    assert data["conversations_by_kind"]["coffee"] == 1
    assert data["favours"]["got"] == 1 and data["favours"]["gave"] == 2  # the intro, to each
    assert [a["request"] for a in data["asks"]["opened"]] == ["an intro to the data team"]
    [intro] = data["introductions"]
    assert (intro["a_name"], intro["b_name"], intro["how"]) == (
        "Ada Lovelace",
        "Cy Young",
        "no word yet",
    )
    assert len(data["activity"]) == 7
    assert data["activity"][5] == {"day": ago(1), "conversations": 2, "attempts": 0}
    assert set(data["overdue"]) == {"now", "week_ago"}
    plain = cli("week").stdout
    assert plain.startswith(f"Week in review {ago(6)} – {ago(0)}\n")
    assert "People: 3 reached, 2 answered" in plain
    assert "Give and take: gave 2, got 1" in plain
    assert "Ada Lovelace ↔ Cy Young (both like Rust): no word yet" in plain


def test_week_since_a_later_day_is_refused(cli, ada, db_path):
    before = snapshot(db_path)
    result = cli("week", "--since", "tomorrow")
    assert result.exit_code == 1
    assert "Error: --since" in result.stderr
    assert snapshot(db_path) == before


def test_week_since_reviews_from_that_day(cli, ada):
    data = json.loads(cli("week", "--since", "2 weeks ago", "--json").stdout)
    assert data["since"] == ago(14)
    assert len(data["activity"]) == 15


def _plain(c):
    """Columns without where their running depth totals are kept."""
    depth = c.depth[c.base : c.base + len(c.kinds) + 1]
    return (c.answered, c.kinds, c.attempts, c.gave, c.got, [d - depth[0] for d in depth])


def test_histories_are_read_as_sorted_columns_whatever_order_they_were_logged_in(cli, db_path):
    """The repository reads each contact's days grouped by SQLite (one joined
    string per column): they must come out oldest first, with each kind beside
    its day, exactly as the same history built from its rows."""
    import sqlite3

    from netlog.insight.records import Favour, TieHistory, Touch
    from netlog.repository import Repository

    cli("add", "Ada Lovelace", "--on", ago(900))
    cli("add", "Bob Byte", "--on", ago(900))
    # logged newest first, interleaved, several on one day, favours both ways
    for n, kind, who in [
        (3, "coffee", "ada"),
        (400, "email", "bob"),
        (3, "call", "ada"),
        (200, "video", "ada"),
        (3, "email", "bob"),
        (700, "met", "ada"),
    ]:
        cli("log", who, f"talk {n}", "--kind", kind, "--on", ago(n))  # fmt: skip
    cli("log", "ada", "ping", "--kind", "email", "--no-reply", "--on", ago(1))
    cli("log", "ada", "ping", "--kind", "email", "--no-reply", "--on", ago(50))
    cli("log", "ada", "help", "--kind", "call", "--on", ago(10), "--got", "advice")
    cli("log", "ada", "help", "--kind", "call", "--on", ago(500), "--gave", "a lead")
    conn = sqlite3.connect(db_path)
    for history in Repository(conn).tie_histories():
        rows = conn.execute(
            "SELECT occurred_on, kind, no_reply FROM interaction WHERE contact_id = ? "
            "ORDER BY occurred_on, id",
            (history.contact_id,),
        ).fetchall()
        ledger = conn.execute(
            "SELECT occurred_on, direction FROM ledger WHERE contact_id = ? ORDER BY occurred_on",
            (history.contact_id,),
        ).fetchall()
        built = TieHistory(
            history.contact_id, history.name, history.created_on,
            [Touch(date.fromisoformat(d), k, not r) for d, k, r in rows],
            [Favour(date.fromisoformat(d), w) for d, w in ledger],
        )  # fmt: skip
        assert _plain(history.columns) == _plain(built.columns)
        assert history.columns.answered == sorted(history.columns.answered)
    ada = next(h for h in Repository(conn).tie_histories() if h.name == "Ada Lovelace")
    # (``add --on`` records the meeting itself)
    assert ada.columns.answered == [ago(900), ago(700), ago(500), ago(200), ago(10), ago(3), ago(3)]
    assert ada.columns.attempts == [ago(50), ago(1)]
    assert (ada.columns.gave, ada.columns.got) == ([ago(500)], [ago(10)])


def test_the_recent_window_gives_the_same_strength_as_the_whole_history(cli, db_path):
    """strength, fading and week read only the last 455 days plus a summary of
    what came before: the figures must be those of the whole history."""
    import sqlite3

    from netlog import network
    from netlog.repository import Repository

    cli("add", "Old Friend", "--on", ago(2000), "--every", "1y")
    for n in (1900, 1500, 900, 600, 470, 460, 300, 120, 95, 40):
        cli("log", "old", f"talk {n}", "--kind", "coffee" if n % 2 else "email", "--on", ago(n))
    cli("log", "old", "ping", "--kind", "email", "--no-reply", "--on", ago(500))
    cli("log", "old", "ping", "--kind", "email", "--no-reply", "--on", ago(20))
    cli("log", "old", "help", "--kind", "call", "--on", ago(700), "--got", "advice")
    repo = Repository(sqlite3.connect(db_path))
    [whole] = repo.tie_histories()
    [recent] = repo.tie_histories(since=network.window(TODAY))
    assert len(recent.columns.answered) < len(whole.columns.answered)
    from netlog.insight.fading import fading_ties
    from netlog.insight.strength import strength

    for day in (TODAY, TODAY - timedelta(days=90)):
        assert strength(recent, day) == strength(whole, day)
    assert fading_ties([recent], TODAY) == fading_ties([whole], TODAY)
