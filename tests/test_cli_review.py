"""`netlog review`: the due list one person at a time, a key per action.

Each review runs as a real process on a pseudo-terminal (pexpect), pressing
keys as a person would; the database is then read back to check what the keys
did. The network is seeded in process (CliRunner), which is fast.
"""

from __future__ import annotations

import os
import re
import signal
import sys
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

import pexpect

from conftest import TODAY, query, snapshot

NOT_A_TERMINAL = (
    "Error: netlog review reads single key presses and needs a terminal — without one, "
    "list what is due with netlog due and act on it with netlog done ID "
    "(or skip ID, snooze ID WHEN)"
)


def ok(run):
    assert run.exit_code == 0, (run.stdout, run.stderr)
    return run


def network(cli) -> None:
    """Four people due, in this order of urgency: Ada (a check-in 117 days
    late), Grace (86 days late), Alan (his birthday today, and a check-in) and
    Linus (25 days late)."""
    ok(cli("add", "Ada Lovelace", "--company", "Analytical", "--on", "2026-07-01"))
    ok(cli("add", "Grace Hopper", "--on", "2026-08-01"))
    ok(cli("add", "Alan Turing", "--on", "2026-09-01", "--birthday", "1912-11-25"))
    ok(cli("add", "Linus Torvalds", "--on", "2026-10-01"))


@dataclass
class Review:
    """A ``netlog review`` running on a pseudo-terminal."""

    child: pexpect.spawn
    shown: str = ""  # everything the terminal showed so far
    waits: list[str] = field(default_factory=list)

    def card(self, name: str) -> str:
        """Wait for the key prompt on NAME's card; returns what was shown since
        the last wait (the card itself, the results of the last key)."""
        return self.wait(re.escape(name) + r" \[[^\]]*\]\? ")

    def press(self, key: str) -> None:
        self.child.send(key)

    def answer(self, text: str) -> str:
        """Wait for a text prompt and type ``text`` and Enter."""
        asked = self.wait(r"Enter cancels\): ")
        self.child.send(text + "\r")
        return asked

    def finish(self) -> tuple[int, str]:
        """Wait for the end: the exit code and what was shown after the last wait."""
        self.child.expect(pexpect.EOF)
        rest = _text(self.child.before)
        self.shown += rest
        self.child.close()
        return self.child.exitstatus, rest

    def wait(self, pattern: str) -> str:
        self.child.expect(pattern)
        text = _text(self.child.before + self.child.after)
        self.shown += text
        return text


def _text(raw: str) -> str:
    return raw.replace("\r\n", "\n")


def review(db_path: Path, *args: str, today: date = TODAY, command: str | None = None) -> Review:
    env = {**os.environ, "NETLOG_DB": str(db_path), "NETLOG_TODAY": today.isoformat()}
    # The terminal's own size (100 columns), no colour: NO_COLOR stays set.
    env.pop("COLUMNS", None)
    env["TERM"] = "xterm-256color"
    program, argv = sys.executable, ["-m", "netlog", "review", *args]
    if command is not None:  # through a shell, e.g. with stdout piped
        program, argv = "bash", ["-c", command]
    child = pexpect.spawn(
        program, argv, env=env, dimensions=(50, 100), encoding="utf-8", timeout=20,
        # Ctrl-C as at a shell prompt, even when pytest itself was started in the
        # background (where SIGINT is ignored, and so in every child).
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )  # fmt: skip
    return Review(child)


def summary(shown: str) -> str:
    lines = [line for line in shown.splitlines() if line.startswith("Reviewed ")]
    assert len(lines) == 1, shown
    return lines[0]


def marks(db_path: Path) -> set[tuple[str, str]]:
    rows = query(
        db_path,
        "SELECT c.name, m.reviewed_on FROM review_mark m JOIN contact c ON c.id = m.contact_id",
    )
    return set(rows)


# ----- a review, walked key by key
def test_a_review_of_three_people_logs_snoozes_skips_and_quits(cli, db_path):
    network(cli)
    run = review(db_path)
    ada = run.card("(1/4) Ada Lovelace")
    assert "4 people to review. Press ? for the keys." in ada
    assert "Ada Lovelace (#1) · Analytical · last contact 4 months ago (met)" in ada
    assert "  c1  check-in · 3 months late\n      Check in with Ada — you met 4 months ago" in ada
    run.press("l")
    assert "What did you talk about (Enter cancels): " in run.answer("coffee: she is hiring")
    grace = run.card("(2/4) Grace Hopper")
    assert "Logged for Ada Lovelace (#1) · Analytical · next check-in 2026-12-25" in grace
    assert "  c2  check-in · 2 months late" in grace
    run.press("s")
    run.answer("friday")
    alan = run.card("(3/4) Alan Turing")
    assert "Snoozed: c2 · Grace Hopper · check-in · next check-in 2026-11-27" in alan
    assert "  b3  birthday · due today\n      Wish Alan a happy birthday (turns 114)" in alan
    run.press("k")
    linus = run.card("(4/4) Linus Torvalds")
    assert "Skipped: b3 · Alan Turing · birthday · set aside until next year" in linus
    assert "Skipped: c3 · Alan Turing · check-in · next check-in 2026-12-25" in linus
    run.press("q")
    code, _ = run.finish()
    assert code == 0
    assert summary(run.shown) == (
        "Reviewed 3 of 4 people: 1 logged, 1 snoozed, 1 skipped; "
        "1 left (netlog review to continue)."
    )
    # What the keys did, read back from the database.
    assert query(
        db_path, "SELECT contact_id, occurred_on, kind, summary FROM interaction WHERE id > 4"
    ) == [(1, TODAY.isoformat(), "other", "coffee: she is hiring")]
    assert query(db_path, "SELECT id, snoozed_until FROM contact ORDER BY id") == [
        (1, None), (2, "2026-11-27"), (3, "2026-12-25"), (4, None),
    ]  # fmt: skip
    assert query(db_path, "SELECT handle, contact_id, until FROM dismissal") == [
        ("b3", 3, "2026-11-26")
    ]
    day = TODAY.isoformat()
    assert marks(db_path) == {("Ada Lovelace", day), ("Grace Hopper", day), ("Alan Turing", day)}
    assert ok(cli("check")).stdout == "No problems found.\n"
    # Each key did what its command does: due agrees that only Linus is left.
    assert ok(cli("due")).stdout.splitlines()[1].startswith("Linus Torvalds\tcheck-in")


def test_the_card_has_reasons_talking_points_asks_and_favours(cli, db_path):
    ok(cli("add", "Ada Lovelace", "--company", "Analytical", "--on", "2026-09-01",
           "--every", "3w", "--met", "PyCon hallway"))  # fmt: skip
    ok(cli("log", "ada", "she is hiring data engineers in Q1", "--kind", "coffee", "--on",
           "2026-10-01", "--got", "resume advice", "--gave", "intro to a recruiter"))  # fmt: skip
    ok(cli("note", "ada", "training for the Berlin marathon", "--on", "2026-11-01"))
    ok(cli("ask", "ada", "intro to someone on the data team", "--at", "Acme", "--on",
           "2026-11-02"))  # fmt: skip
    run = review(db_path)
    card = run.card("(1/1) Ada Lovelace")
    run.press("q")
    assert run.finish()[0] == 0
    lines = card.splitlines()
    start = lines.index("Ada Lovelace (#1) · Analytical · last contact 23 days ago (ask)")
    assert lines[start:] == [
        "Ada Lovelace (#1) · Analytical · last contact 23 days ago (ask)",
        "  f1  thank-you · 7 weeks late",
        "      Thank Ada for: resume advice",
        "  f2  close-the-loop · 25 days late",
        "      Tell Ada how “resume advice” turned out",
        "  a1  ask-follow-up · 16 days late",
        "      Gently follow up with Ada on your ask of 2026-11-02: “intro to someone on the data "
        "team” at",
        "      Acme",
        "  c1  check-in · 2 days late",
        "      Check in with Ada — last talked 23 days ago (ask); ask about “training for the "
        "Berlin",
        "      marathon”",
        "  Talking points",  # the ask is netlog's own text: the coffee is what was said
        "      talked 7 weeks ago (coffee): “she is hiring data engineers in Q1”",
        "      noted 24 days ago: “training for the Berlin marathon”",
        "  Open asks",
        "      #1 intro to someone on the data team (at Acme) · asked 23 days ago",
        "  Give and take (gave 1, got 1)",
        "      got resume advice · 7 weeks ago",
        "      gave intro to a recruiter · 7 weeks ago",
        "(1/1) Ada Lovelace [l,t,o,n,s,d,k,e,v,j,q,?]? ",
    ]


def test_the_other_keys_thank_loop_note_edit_show_and_done(cli, db_path):
    ok(cli("add", "Ada Lovelace", "--on", "2026-09-01"))
    ok(cli("log", "ada", "coffee", "--on", "2026-10-01", "--got", "resume advice",
           "--follow-up", "2026-11-20", "--todo", "send her my Rust project"))  # fmt: skip
    run = review(db_path)
    assert "  f3  follow-up · 5 days late" in run.card("Ada Lovelace")
    run.press("n")
    run.answer("training for the Berlin marathon")
    shown = run.card("Ada Lovelace")  # something is still due: the card again
    assert "Noted for Ada Lovelace (#1): training for the Berlin marathon" in shown
    assert "      noted today: “training for the Berlin marathon”" in shown
    run.press("t")
    shown = run.card("Ada Lovelace")
    assert "Thanked Ada Lovelace (#1)" in shown and "Completed 1 pending thank-you." in shown
    assert "f1  thank-you" not in shown and "f2  close-the-loop" in shown
    run.press("o")
    shown = run.card("Ada Lovelace")
    assert "Closed the loop with Ada Lovelace (#1)" in shown and "f2  close-the-loop" not in shown
    run.press("v")
    shown = run.card("Ada Lovelace")
    assert "Timeline" in shown and "Cadence        every 30 days" in shown
    run.press("e")
    assert "(now every 30 days; e.g. 3w; Enter cancels)" in run.answer("2w")
    shown = run.card("Ada Lovelace")
    assert "Updated Ada Lovelace (#1) · next check-in 2026-12-09" in shown
    run.press("d")  # the last promise: nothing of Ada's is due, the review ends
    code, rest = run.finish()
    assert code == 0
    assert "Done: Ada Lovelace · follow-up · 2026-11-20 · send her my Rust project" in rest
    assert summary(rest) == (
        "Reviewed 1 of 1 person: 1 noted, 1 thanked, 1 loop closed, 1 edited, 1 done; none left."
    )
    assert query(db_path, "SELECT kind FROM interaction ORDER BY id") == [
        ("met",), ("other",), ("thanks",), ("update",),
    ]  # fmt: skip
    assert query(db_path, "SELECT count(*) FROM followup WHERE done_at IS NULL") == [(0,)]
    assert query(db_path, "SELECT text FROM life_note") == [("training for the Berlin marathon",)]
    assert query(db_path, "SELECT cadence_days FROM contact") == [(14,)]


# ----- keys that do nothing, and mistakes
def test_help_lists_every_key(cli, db_path):
    network(cli)
    run = review(db_path)
    run.card("Ada Lovelace")
    run.press("?")
    shown = run.card("Ada Lovelace")
    run.press("q")
    assert run.finish()[0] == 0
    from netlog.cli.review import KEYS

    assert len(KEYS) == 12
    for key, what in KEYS:
        assert f"  {key}  {what}\n" in shown
    assert "  l  log a conversation; asks for a summary (netlog log NAME SUMMARY)" in shown
    assert summary(run.shown) == "Reviewed 0 of 4 people; 4 left (netlog review to continue)."


def test_an_unknown_key_says_what_to_press_and_keeps_the_card(cli, db_path):
    network(cli)
    before = snapshot(db_path)
    run = review(db_path)
    run.card("(1/4) Ada Lovelace")
    run.press("x")
    assert "'x' is not a key here: ? lists them, j goes to the next person, q quits.\n" in (
        run.card("(1/4) Ada Lovelace")
    )
    run.press("\x1b[A")  # an arrow key
    assert "That key is not a key here" in run.card("(1/4) Ada Lovelace")
    run.press("q")
    assert run.finish()[0] == 0
    assert snapshot(db_path) == before


def test_empty_input_cancels_and_a_bad_answer_changes_nothing(cli, db_path):
    network(cli)
    before = snapshot(db_path)
    run = review(db_path)
    run.card("Ada Lovelace")
    run.press("l")
    run.answer("")
    assert "Cancelled.\n" in run.card("(1/4) Ada Lovelace")
    run.press("s")
    run.answer("blorp")
    shown = run.card("(1/4) Ada Lovelace")
    assert "Error: WHEN: cannot read 'blorp' as a date — use e.g." in shown
    run.press("e")
    run.answer("0d")
    assert "Error: --every: '0d' is not a positive duration" in run.card("(1/4) Ada Lovelace")
    run.press("t")  # no thank-you is pending: asked first, as netlog thank asks
    run.wait(re.escape("Nothing is pending for Ada Lovelace: log a thank-you anyway? [y/N]: "))
    run.child.send("n\r")
    assert "Nothing logged.\n" in run.card("(1/4) Ada Lovelace")
    run.press("q")
    assert run.finish()[0] == 0
    assert summary(run.shown) == "Reviewed 0 of 4 people; 4 left (netlog review to continue)."
    assert snapshot(db_path) == before


# ----- resumable, and how many
def test_a_second_review_the_same_day_shows_only_the_people_not_reviewed(cli, db_path):
    network(cli)
    run = review(db_path)
    run.card("(1/4) Ada Lovelace")
    run.press("j")
    run.card("(2/4) Grace Hopper")
    run.press(" ")
    run.card("(3/4) Alan Turing")
    run.press("q")
    assert run.finish()[0] == 0
    assert summary(run.shown) == "Reviewed 2 of 4 people; 2 left (netlog review to continue)."
    # Moving on writes only the marks.
    assert query(db_path, "SELECT count(*) FROM interaction") == [(4,)]
    assert {name for name, _ in marks(db_path)} == {"Ada Lovelace", "Grace Hopper"}

    again = review(db_path)
    first = again.card("(1/2) Alan Turing")
    assert "2 people to review (2 reviewed earlier today: --again shows them)." in first
    again.press("\r")
    again.card("(2/2) Linus Torvalds")
    again.press("q")
    assert again.finish()[0] == 0
    assert "Ada Lovelace" not in again.shown and "Grace Hopper" not in again.shown
    assert summary(again.shown) == "Reviewed 1 of 2 people; 1 left (netlog review to continue)."

    everyone = review(db_path, "--again")
    everyone.card("(1/4) Ada Lovelace")
    everyone.press("q")
    assert everyone.finish()[0] == 0

    tomorrow = review(db_path, today=TODAY + timedelta(days=1))
    assert "4 people to review. Press ? for the keys." in tomorrow.card("(1/4) Ada Lovelace")
    tomorrow.press("q")
    assert tomorrow.finish()[0] == 0


def test_when_everyone_was_reviewed_today_it_says_so(cli, db_path):
    ok(cli("add", "Ada Lovelace", "--on", "2026-07-01"))
    run = review(db_path)
    run.card("(1/1) Ada Lovelace")
    run.press("j")
    code, rest = run.finish()
    assert code == 0 and summary(rest) == "Reviewed 1 of 1 person; none left."
    again = review(db_path)
    code, rest = again.finish()
    assert code == 0
    assert rest.strip() == (
        "Everyone due today has been reviewed (1 person). netlog review --again goes "
        "through them again."
    )


def test_limit_reviews_at_most_n_people(cli, db_path):
    network(cli)
    run = review(db_path, "--limit", "2")
    assert "2 people to review." in run.card("(1/2) Ada Lovelace")
    run.press("j")
    run.card("(2/2) Grace Hopper")
    run.press("j")
    code, rest = run.finish()
    assert code == 0
    assert summary(rest) == "Reviewed 2 of 4 people; 2 left (netlog review to continue)."
    assert {name for name, _ in marks(db_path)} == {"Ada Lovelace", "Grace Hopper"}
    bad = review(db_path, "--limit", "0")
    code, rest = bad.finish()
    assert code == 1
    assert rest.strip() == "Error: --limit must be at least 1 — use e.g. --limit 10"


def test_nothing_due_says_so_and_names_the_next_item(cli, db_path):
    ok(cli("add", "Ada Lovelace", "--every", "3w"))
    before = snapshot(db_path)
    code, rest = review(db_path).finish()
    assert code == 0
    assert rest.strip() == (
        "Nothing due today. Next: Ada Lovelace (check-in) on 2026-12-16. Nothing to review; "
        "see what is coming with netlog due --within 2w."
    )
    assert snapshot(db_path) == before


# ----- without a terminal, and interrupted
def test_without_a_terminal_it_refuses_and_changes_nothing(cli, db_path, tmp_path):
    network(cli)
    before = snapshot(db_path)
    result = cli("review")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.splitlines() == [NOT_A_TERMINAL]
    assert snapshot(db_path) == before
    fresh = tmp_path / "new.db"
    assert cli("--db", str(fresh), "review").exit_code == 1
    assert not fresh.exists()  # refused before the database was even opened


def test_with_stdout_piped_it_refuses_too(cli, db_path):
    network(cli)
    before = snapshot(db_path)
    run = review(db_path, command=f"'{sys.executable}' -m netlog review | cat; exit $PIPESTATUS")
    code, rest = run.finish()
    assert code == 1
    assert rest.strip() == NOT_A_TERMINAL
    assert snapshot(db_path) == before


def test_ctrl_c_at_a_card_exits_130_after_the_summary(cli, db_path):
    network(cli)
    run = review(db_path)
    run.card("(1/4) Ada Lovelace")
    run.press("l")
    run.answer("a call")
    run.card("(2/4) Grace Hopper")
    run.press("\x03")
    code, rest = run.finish()
    assert code == 130
    assert rest.splitlines()[-3:] == [
        "Reviewed 1 of 4 people: 1 logged; 3 left (netlog review to continue).",
        "",
        "Interrupted.",
    ]
    assert "Traceback" not in run.shown
    # What was done before stays done, and marked.
    assert query(db_path, "SELECT summary FROM interaction WHERE id > 4") == [("a call",)]
    assert marks(db_path) == {("Ada Lovelace", TODAY.isoformat())}


def test_ctrl_c_at_a_prompt_exits_130_and_changes_nothing(cli, db_path):
    network(cli)
    before = snapshot(db_path)
    run = review(db_path)
    run.card("(1/4) Ada Lovelace")
    run.press("n")
    run.wait(r"Enter cancels\): ")
    run.child.sendintr()  # SIGINT from the terminal, as Ctrl-C in a line of text
    code, rest = run.finish()
    assert code == 130
    assert "Reviewed 0 of 4 people; 4 left (netlog review to continue)." in rest
    assert rest.rstrip().endswith("Interrupted.") and "Traceback" not in run.shown
    assert snapshot(db_path) == before


def test_ctrl_d_quits_like_q(cli, db_path):
    network(cli)
    run = review(db_path)
    run.card("Ada Lovelace")
    run.press("\x04")
    code, rest = run.finish()
    assert code == 0 and summary(rest).startswith("Reviewed 0 of 4 people")
