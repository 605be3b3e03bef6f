"""The networking habits, walked through time with a fixed "today" per step."""

from __future__ import annotations

import json
from datetime import date, timedelta

from conftest import query, snapshot

DAY0 = date(2026, 3, 2)


def day(n: int) -> date:
    return DAY0 + timedelta(days=n)


def due(cli, n: int, *args: str) -> list[tuple[str, str]]:
    items = json.loads(cli("due", "--json", *args, today=day(n)).stdout)
    return [(i["contact"], i["reason"]) for i in items]


def due_items(cli, n: int, *args: str) -> list[dict]:
    return json.loads(cli("due", "--json", *args, today=day(n)).stdout)


def test_a_favour_brings_a_thank_you_then_a_close_the_loop(cli, db_path):
    cli("add", "Ada Lovelace", "--every", "1y", today=day(0))
    # she also got something from us, so no give-back suggestion muddles the walk
    result = cli(
        "log", "ada", "resume review", "--got", "resume advice", "--gave", "feedback on her talk",
        today=day(0),
    )  # fmt: skip
    assert "remind you to say thanks tomorrow" in result.stderr
    assert due(cli, 0) == []
    [item] = due_items(cli, 1)
    assert (item["reason"], item["due_on"]) == ("thank-you", day(1).isoformat())
    assert item["action"] == "Thank Ada for: resume advice"
    thanked = cli("thank", "ada", "thanks, the advice was gold", today=day(3))
    assert thanked.exit_code == 0
    assert "Completed 1 pending thank-you." in thanked.stderr
    assert due(cli, 3) == []
    assert due(cli, 29) == []
    [item] = due_items(cli, 30)
    assert item["reason"] == "close-the-loop"
    assert item["action"] == "Tell Ada how “resume advice” turned out"
    cli("loop", "ada", "got three interviews from it", today=day(31))
    assert due(cli, 31) == []
    kinds = query(db_path, "SELECT kind, summary FROM interaction ORDER BY id")
    assert kinds[-2:] == [
        ("thanks", "thanks, the advice was gold"),
        ("update", "got three interviews from it"),
    ]
    assert query(db_path, "SELECT direction, what FROM ledger ORDER BY id") == [
        ("gave", "feedback on her talk"),
        ("got", "resume advice"),
    ]


def test_thank_without_note_says_what_for(cli, db_path):
    cli("add", "Ada Lovelace", today=day(0))
    cli("log", "ada", "--got", "a referral", "--got", "salary data", today=day(0))
    cli("thank", "ada", today=day(1))
    assert query(db_path, "SELECT summary FROM interaction WHERE kind = 'thanks'") == [
        ("Thanked them for: a referral; salary data",)
    ]


def test_an_introducer_is_owed_thanks_and_news(cli):
    cli("add", "Grace Hopper", "--every", "1y", today=day(0))
    cli("add", "Alan Turing", "--via", "grace", "--every", "1y", today=day(0))
    assert due(cli, 1) == [("Grace Hopper", "thank-you")]
    actions = [i["action"] for i in due_items(cli, 30)]
    assert actions == [
        "Thank Grace for: introduction to Alan Turing",
        "Tell Grace how “introduction to Alan Turing” turned out",
        "You've received a favour from Grace and given none: what could you share?",
    ]
    cli("thank", "grace", today=day(30))
    assert [i["reason"] for i in due_items(cli, 30)] == ["close-the-loop"]  # quiet: no give-back


def test_intro_follow_up_for_both_after_two_weeks(cli, db_path):
    cli("add", "Ada Lovelace", "--every", "1y", today=day(0))
    cli("add", "Bob Smith", "--every", "1y", today=day(0))
    result = cli("intro", "ada", "bob", "--why", "both into Rust", today=day(0))
    assert result.exit_code == 0
    assert result.stdout == "Introduced Ada Lovelace (#1) and Bob Smith (#2)\n"
    assert due(cli, 13) == []
    assert sorted(due(cli, 14)) == [
        ("Ada Lovelace", "intro-follow-up"),
        ("Bob Smith", "intro-follow-up"),
    ]
    actions = {i["contact"]: i["action"] for i in due_items(cli, 14)}
    assert actions["Ada Lovelace"] == "Ask Ada how the introduction to Bob Smith went"
    assert query(db_path, "SELECT contact_id, direction, what FROM ledger ORDER BY id") == [
        (1, "gave", "introduction to Bob Smith"),
        (2, "gave", "introduction to Ada Lovelace"),
    ]
    assert query(db_path, "SELECT a_id, b_id, why FROM introduction") == [(1, 2, "both into Rust")]
    cli("log", "ada", "she loved meeting Bob", today=day(15))
    assert due(cli, 15) == [("Bob Smith", "intro-follow-up")]


def test_ask_is_silent_for_six_days_then_a_gentle_follow_up(cli, db_path):
    cli("add", "Ada Lovelace", "--company", "Acme", "--every", "1y", today=day(0))
    result = cli("ask", "ada", "intro to someone on the data team", "--at", "Acme", today=day(0))
    assert result.stdout == "Ask #1 to Ada Lovelace: intro to someone on the data team\n"
    assert "Warning" not in result.stderr
    for n in range(7):
        assert due(cli, n) == [], n
    [item] = due_items(cli, 7)
    assert item["reason"] == "ask-follow-up"
    assert item["action"] == (
        "Gently follow up with Ada on your ask of 2026-03-02: "
        "“intro to someone on the data team” at Acme"
    )
    # talking to her again restarts the patience
    cli("log", "ada", "chatted", today=day(8))
    assert due(cli, 14) == []
    assert due(cli, 15) == [("Ada Lovelace", "ask-follow-up")]
    done = cli("asks", "done", "1", "--outcome", "met Grace from data", today=day(16))
    assert done.stdout == "Ask #1 to Ada Lovelace: done\n"
    assert due(cli, 30) == []
    assert query(db_path, "SELECT status, closed_on, outcome FROM ask") == [
        ("done", day(16).isoformat(), "met Grace from data")
    ]


def test_asks_list_and_declined(cli):
    cli("add", "Ada Lovelace", today=day(0))
    cli("ask", "ada", "intro to the CTO", today=day(0))
    listed = json.loads(cli("asks", "--json", today=day(1)).stdout)
    assert [(a["id"], a["status"], a["request"]) for a in listed] == [
        (1, "open", "intro to the CTO")
    ]
    assert cli("asks", "done", "1", "--declined", today=day(2)).exit_code == 0
    assert json.loads(cli("asks", "--json").stdout) == []
    closed = json.loads(cli("asks", "--all", "--json").stdout)
    assert closed[0]["status"] == "declined"
    plain = cli("asks", "--all")
    assert plain.stdout.splitlines()[1].split("\t")[:3] == ["1", "Ada Lovelace", "intro to the CTO"]


def test_asking_again_warns_but_records(cli, db_path):
    cli("add", "Ada Lovelace", today=day(0))
    cli("ask", "ada", "intro to the CTO", today=day(0))
    again = cli("ask", "ada", "a referral", today=day(3))
    assert again.exit_code == 0
    assert "Warning: You already have an open ask with Ada (#1" in again.stderr
    cli("asks", "done", "1", today=day(4))
    cli("asks", "done", "2", today=day(4))
    third = cli("ask", "ada", "salary data", today=day(10))
    assert "have not given anything since" in third.stderr
    cli("log", "ada", "sent her a paper", "--gave", "a paper she wanted", today=day(11))
    cli("asks", "done", "3", today=day(11))
    fourth = cli("ask", "ada", "one more thing", today=day(12))
    assert "Warning" not in fourth.stderr
    assert query(db_path, "SELECT count(*) FROM ask") == [(4,)]


def test_no_reply_backs_off_seven_then_fourteen_days_then_cadence(cli):
    cli("add", "Bob Smith", "--every", "3w", today=day(0))
    cli("log", "bob", "emailed about coffee", "--kind", "email", "--no-reply", today=day(30))
    for n in range(30, 37):
        assert due(cli, n) == [], n
    [item] = due_items(cli, 37)
    assert item["reason"] == "nudge"
    assert item["action"] == "Nudge Bob gently — no reply since you reached out 7 days ago"
    cli("log", "bob", "nudged", "--kind", "message", "--no-reply", today=day(37))
    assert due(cli, 50) == []
    assert due(cli, 51) == [("Bob Smith", "nudge")]
    cli("log", "bob", "last try", "--no-reply", today=day(51))
    assert due(cli, 71) == []
    assert due(cli, 72) == [("Bob Smith", "check-in")]  # back to the 3-week cadence
    # a reply resets everything
    cli("log", "bob", "he answered!", "--kind", "call", today=day(72))
    assert due(cli, 92) == []
    assert due(cli, 93) == [("Bob Smith", "check-in")]


def test_never_suggests_reaching_out_within_three_days_of_an_attempt(cli):
    cli("add", "Ada Lovelace", "--every", "1w", today=day(0))
    cli("log", "ada", "left a voicemail", "--kind", "call", "--no-reply", today=day(20))
    assert due(cli, 20) == [] and due(cli, 22) == []
    cli("add", "Grace Hopper", "--every", "1w", today=day(0))
    cli("log", "grace", "quick hello", "--kind", "message", "--on", "2026-03-10", today=day(20))
    # Grace's check-in fell due long ago, but a contact today means no check-in suggestion...
    cli("log", "grace", "coffee", "--got", "a book tip", today=day(20))
    assert ("Grace Hopper", "check-in") not in due(cli, 21)
    # ...while the thank-you (a promise) keeps its day
    assert ("Grace Hopper", "thank-you") in due(cli, 21)


def test_one_row_per_contact_in_the_table_one_object_per_reason_in_json(cli):
    cli("add", "Ada Lovelace", "--every", "1w", today=day(0))
    cli("log", "ada", "lunch", "--got", "advice", "--follow-up", "2026-03-10", today=day(0))
    reasons = due(cli, 10)
    assert reasons == [
        ("Ada Lovelace", "thank-you"),
        ("Ada Lovelace", "follow-up"),
        ("Ada Lovelace", "check-in"),
    ]
    table = cli("due", today=day(10), env={"NETLOG_OUTPUT": "table"}).stdout
    assert table.count("Ada Lovelace") == 1
    plain = cli("due", today=day(10)).stdout.splitlines()
    assert len(plain) == 2
    assert plain[1].split("\t")[1] == "thank-you, follow-up, check-in"


def test_birthdays_without_a_year_every_year_and_29_february(cli, db_path):
    cli("add", "Ada Lovelace", "--every", "1y", "--birthday", "03-20", today=day(0))
    cli("add", "Leap Person", "--every", "1y", "--birthday", "2000-02-29", today=day(0))
    assert ("Ada Lovelace", "birthday") in due(cli, 18)  # 2026-03-20
    [bday] = [i for i in due_items(cli, 18) if i["reason"] == "birthday"]
    assert bday["action"] == "Wish Ada a happy birthday"
    upcoming = [i for i in due_items(cli, 10, "--within", "2w") if i["reason"] == "birthday"]
    assert upcoming[0]["due_on"] == "2026-03-20" and upcoming[0]["days_overdue"] == -8
    assert "birthday is on 2026-03-20" in upcoming[0]["action"]
    assert [i for i in due_items(cli, 19) if i["reason"] == "birthday"] == []
    # the next year, again (no year stored)
    again = json.loads(cli("due", "--json", today=date(2027, 3, 20)).stdout)
    assert [i["contact"] for i in again if i["reason"] == "birthday"] == ["Ada Lovelace"]
    # 29 February: on 28 February in years without one, on the day in leap years
    for today, expected in [(date(2027, 2, 28), True), (date(2027, 3, 1), False),
                            (date(2028, 2, 28), False), (date(2028, 2, 29), True)]:  # fmt: skip
        items = json.loads(cli("due", "--json", today=today).stdout)
        leap = [i for i in items if i["contact"] == "Leap Person" and i["reason"] == "birthday"]
        assert bool(leap) is expected, today
    leap = json.loads(cli("due", "--json", today=date(2028, 2, 29)).stdout)
    assert "(turns 28)" in next(i for i in leap if i["reason"] == "birthday")["action"]
    assert query(db_path, "SELECT birthday FROM contact ORDER BY id") == [
        ("--03-20",),
        ("2000-02-29",),
    ]


def test_notes_become_talking_points(cli):
    cli("add", "Ada Lovelace", "--every", "2w", today=day(0))
    cli("log", "ada", "coffee about Rust", "--kind", "coffee", today=day(1))
    note = cli("note", "ada", "training for the Berlin marathon", today=day(2))
    assert note.stdout == "Noted for Ada Lovelace (#1): training for the Berlin marathon\n"
    [item] = due_items(cli, 15)
    assert item["action"] == (
        "Check in with Ada — last talked 14 days ago (coffee): “coffee about Rust”; "
        "ask about “training for the Berlin marathon”"
    )
    shown = cli("show", "ada", today=day(15)).stdout
    assert "In their life:\n  2026-03-04  training for the Berlin marathon" in shown


def test_give_back_when_you_have_taken_more(cli):
    cli("add", "Ada Lovelace", "--every", "1y", today=day(0))
    cli("log", "ada", "call", "--got", "advice", "--got", "a referral", "--got", "salary data",
        today=day(0))  # fmt: skip
    cli("thank", "ada", today=day(1))
    assert ("Ada Lovelace", "give-back") not in due(cli, 13)
    [item] = [i for i in due_items(cli, 14) if i["reason"] == "give-back"]
    assert item["action"] == (
        "You've received 3 favours from Ada and given none: what could you share?"
    )
    ledger = json.loads(cli("ledger", "--json", today=day(14)).stdout)
    assert ledger == [
        {"contact": "Ada Lovelace", "contact_id": 1, "gave": 0, "got": 3, "balance": -3}
    ]
    cli("log", "ada", "sent a paper", "--gave", "a paper", "--gave", "an intro", "--gave", "tips",
        today=day(15))  # fmt: skip
    assert ("Ada Lovelace", "give-back") not in due(cli, 40)


def test_ledger_orders_most_in_your_debt_first(cli):
    cli("add", "Ada Lovelace", today=day(0))
    cli("add", "Bob Smith", today=day(0))
    cli("add", "Carol King", today=day(0))
    cli("log", "ada", "--got", "x", "--got", "y", today=day(0))
    cli("log", "bob", "--gave", "x", today=day(0))
    cli("log", "carol", "--got", "x", "--gave", "y", today=day(0))
    rows = json.loads(cli("ledger", "--json").stdout)
    assert [(r["contact"], r["balance"]) for r in rows] == [
        ("Ada Lovelace", -2),
        ("Carol King", 0),
        ("Bob Smith", 1),
    ]
    shown = cli("show", "ada").stdout
    assert "Give and take (gave 0, got 2):" in shown


def test_suggest_matches_offers_to_seeks_and_shared_tags(cli):
    cli("add", "Ada Lovelace", "--offers", "Rust mentoring", "--tag", "rust", today=day(0))
    cli("add", "Bob Smith", "--seeks", "a Rust mentor", today=day(0))
    cli("add", "Carol King", "--tag", "rust", "--tag", "ml", today=day(0))
    cli("add", "Dan Brown", "--tag", "ml", "--tag", "rust", today=day(0))
    found = json.loads(cli("suggest", "--json").stdout)
    pairs = [(s["a_name"], s["b_name"], s["score"]) for s in found]
    assert pairs[0] == ("Ada Lovelace", "Bob Smith", 6)  # rust + mentor, 3 points each
    assert ("Carol King", "Dan Brown", 2) in pairs
    assert (
        "Ada Lovelace offers “Rust mentoring”, Bob Smith seeks “a Rust mentor”"
        in found[0]["reason"]
    )
    cli("intro", "ada", "bob", today=day(1))
    after = json.loads(cli("suggest", "--json").stdout)
    assert ("Ada Lovelace", "Bob Smith") not in [(s["a_name"], s["b_name"]) for s in after]
    plain = cli("suggest").stdout.splitlines()
    assert plain[0] == "a\tb\tscore\treason"


def test_at_company_finds_warm_paths(cli):
    cli("add", "Grace Hopper", "--company", "Navy", today=day(0))
    cli("add", "Ada Lovelace", "--company", "ACME Corp.", "--title", "CTO", "--via", "grace",
        today=day(0))  # fmt: skip
    cli("add", "Bob Smith", "--company", "Acme", today=day(0))
    cli("add", "Carol King", "--company", "Acmeology Labs", today=day(0))
    cli("ask", "grace", "intro to the Acme data team", "--at", "Acme", today=day(1))
    view = json.loads(cli("at", "acme", "--json").stdout)
    assert {p["contact"] for p in view["people"]} == {"Ada Lovelace", "Bob Smith", "Carol King"}
    ada = next(p for p in view["people"] if p["contact"] == "Ada Lovelace")
    assert ada["via_name"] == "Grace Hopper"
    assert [a["request"] for a in view["open_asks"]] == ["intro to the Acme data team"]
    plain = cli("at", "ACME corp")
    assert "Open ask #1 to Grace Hopper" in plain.stderr
    nobody = cli("at", "Initech")
    assert nobody.exit_code == 0 and "You know nobody at 'Initech' yet" in nobody.stderr


def test_habit_errors_change_nothing(cli, db_path):
    cli("add", "Ada Lovelace", today=day(0))
    cli("add", "Bob Smith", today=day(0))
    before = snapshot(db_path)
    for args, message in [
        (["intro", "ada", "zed"], "no contact matches 'zed'"),
        (["intro", "ada", "ada lovelace"], "are both Ada Lovelace (#1)"),
        (["asks", "done", "7"], "there is no ask #7"),
        (["edit", "ada", "--birthday", "13-45"], "--birthday: '13-45' is not a valid date"),
        (["add", "Carl", "--birthday", "someday"], "--birthday: cannot read 'someday'"),
        (["add", "Carl", "--birthday", "2030-01-01"], "is in the future"),
        (["log", "ada", "--got", " "], "--got needs some text"),
        (["ask", "ada", "  "], "the request is empty"),
        (["note", "ada", ""], "the note is empty"),
        (["thank", "nobody"], "no contact matches 'nobody'"),
        (["loop", "ada", "--on", "tomorrow"], "is in the future"),
        (["suggest", "--limit", "0"], "--limit must be at least 1"),
    ]:
        result = cli(*args, today=day(1))
        assert result.exit_code == 1, (args, result.stdout, result.stderr)
        assert message in result.stderr, (args, result.stderr)
        assert result.stderr.count("\n") == 1, result.stderr
    assert cli("asks", "done", "x").exit_code == 2
    assert snapshot(db_path) == before


def test_closing_an_ask_twice_is_an_error(cli, db_path):
    cli("add", "Ada Lovelace", today=day(0))
    cli("ask", "ada", "intro", today=day(0))
    cli("asks", "done", "1", today=day(1))
    before = snapshot(db_path)
    again = cli("asks", "done", "1", "--declined", today=day(2))
    assert again.exit_code == 1
    assert "ask #1 is already done (2026-03-03)" in again.stderr
    assert snapshot(db_path) == before


def test_talking_points_come_from_real_conversations_not_netlogs_own_notes(cli):
    assert cli("add", "Ada Lovelace", "--on", "2026-09-01", "--every", "2w").exit_code == 0
    cli("log", "ada", "she is hiring data engineers", "--kind", "coffee", "--on", "2026-10-01",
        "--got", "resume advice")  # fmt: skip
    cli("thank", "ada", "it helped a lot", "--on", "2026-10-02")
    cli("note", "ada", "training for the Berlin marathon", "--on", "2026-09-20")
    import json

    (checkin,) = [i for i in json.loads(cli("due", "--json").stdout) if i["reason"] == "check-in"]
    assert "Thanked" not in checkin["action"] and "Said thank you" not in checkin["action"]
    assert checkin["action"].endswith("(thanks); ask about “training for the Berlin marathon”")


def test_a_default_follow_up_is_not_prefixed_twice(cli):
    assert cli("add", "Ada Lovelace").exit_code == 0
    cli("log", "ada", "coffee", "--follow-up", "today")
    import json

    (item,) = [i for i in json.loads(cli("due", "--json").stdout) if i["reason"] == "follow-up"]
    assert item["action"] == "Follow up on: coffee"


def test_thank_with_nothing_pending_asks_first_on_a_terminal(cli, db_path):
    from conftest import on_a_terminal, query, snapshot

    assert cli("add", "Ada Lovelace").exit_code == 0
    before = snapshot(db_path)
    code, screen = on_a_terminal(db_path, ["thank", "ada"], [(b"anyway?", b"n\n")])
    assert code == 0, screen
    assert "Nothing is pending for Ada Lovelace: log a thank-you anyway?" in screen
    assert "Nothing logged." in screen
    assert snapshot(db_path) == before
    # Without a terminal it logs it, and says that nothing was owed.
    piped = cli("loop", "ada", "the advice worked")
    assert piped.exit_code == 0
    assert "Nothing was pending for Ada Lovelace; logged it anyway." in piped.stderr
    assert query(db_path, "SELECT kind FROM interaction ORDER BY id DESC LIMIT 1") == [("update",)]


def test_closing_one_loop_leaves_a_later_favour_s_loop_for_its_day(cli, db_path):
    """Found by the scripted month: a second favour's close-the-loop, due weeks
    later, was completed by telling them how the first favour turned out."""
    cli("add", "Ada Lovelace", "--every", "1y", today=day(0))
    cli("log", "ada", "call", "--got", "resume advice", today=day(0))
    cli("log", "ada", "lunch", "--got", "an intro to her recruiter", today=day(12))
    cli("thank", "ada", today=day(13))
    [item] = [i for i in due_items(cli, 30) if i["reason"] == "close-the-loop"]
    assert item["action"] == "Tell Ada how “resume advice” turned out"
    closed = cli("loop", "ada", "the resume advice got me three interviews", today=day(30))
    assert "Completed 1 close-the-loop." in closed.stderr
    assert query(db_path, "SELECT due_on FROM followup WHERE done_at IS NULL") == [
        (day(42).isoformat(),)
    ]
    assert [i["reason"] for i in due_items(cli, 41) if i["reason"] == "close-the-loop"] == []
    [later] = [i for i in due_items(cli, 42) if i["reason"] == "close-the-loop"]
    assert later["action"] == "Tell Ada how “an intro to her recruiter” turned out"


def test_closing_the_loop_before_netlog_asks_closes_the_earliest(cli, db_path):
    """Telling them early (nothing due yet) closes the oldest pending loop, the
    one about the help that has had the longest to turn out; a later one stays."""
    cli("add", "Ada Lovelace", "--every", "1y", today=day(0))
    cli("log", "ada", "call", "--got", "resume advice", today=day(0))
    cli("log", "ada", "lunch", "--got", "an intro to her recruiter", today=day(12))
    closed = cli("loop", "ada", "the resume advice worked", today=day(20))
    assert "Completed 1 close-the-loop." in closed.stderr
    assert query(db_path, "SELECT reason, due_on FROM followup WHERE done_at IS NULL") == [
        ("thank-you", day(1).isoformat()),
        ("thank-you", day(13).isoformat()),
        ("close-the-loop", day(42).isoformat()),
    ]
