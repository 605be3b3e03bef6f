"""A month of mornings: a realistic network seeded through the CLI on day 0,
then every day ``due --json`` and an action on every item it lists, by its
handle (``done``, ``skip``, ``snooze``) or by talking to the person (``log``,
``thank``, ``loop``), as someone using netlog would.

Each day it checks what that person relies on:

* nothing lost: every contact, conversation, note, ask, favour and promise ever
  recorded is still there, unchanged; counts only grow, and each conversation
  adds exactly one interaction;
* nothing stale: once every item is acted on, ``due`` has nothing left that day,
  and an item acted on does not come back before its next legitimate day (a
  check-in one cadence later, an ask a week later, a snooze on its day...); a
  snoozed promise comes back on exactly the day it was moved to; ``netlog
  check`` finds the derived state true;
* nothing future done by accident: a promise first appears on its own day and
  is open until then, whatever happened with that person meanwhile (a chat, a
  second favour, closing the loop on the first); every promise completed was
  acted on (a thank-you also by thanking them, for any favour already received).

Besides the morning round, a few things happen on set days (``EVENTS``): a new
contact, a note, chance conversations, a second favour, an unanswered call.
"""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest
import typer.testing
from typer.main import get_command

from conftest import query

DAY0 = date(2026, 11, 2)  # a Monday
DAYS = 31
NEVER = date.max


def d(n: int) -> str:
    return (DAY0 + timedelta(days=n)).isoformat()


@pytest.fixture(autouse=True)
def _one_command_tree(monkeypatch: pytest.MonkeyPatch) -> None:
    """Build the click command once: typer's runner rebuilds every command's
    parameters on each invoke (~45 ms), and this month runs netlog ~250 times."""
    from netlog.cli import app

    command = get_command(app)
    monkeypatch.setattr(typer.testing, "_get_command", lambda _app: command)


def ok(run):
    assert run.exit_code == 0, (run.stdout, run.stderr)
    return run


def seed(run, tmp_path) -> None:
    """Fifteen people on day 0: twelve added, three imported, with cadences from
    a week to a year, and the habits netlog reminds you of."""

    def cli(*args: str):
        return run(*args, today=DAY0)

    people = [  # name, cadence, met (days before day 0)
        ("Ada Lovelace", "1w", 5), ("Bob Kahn", "2w", 20), ("Cy Young", "30d", 25),
        ("Dee Dee", "3w", 2), ("Eve Online", "1w", 3), ("Fay Wray", "2m", 70),
        ("Gus Grissom", "1y", 300), ("Hal Abelson", "10d", 1), ("Ivy League", "30d", 12),
        ("Jo March", "2w", 30), ("Ken Thompson", "3w", 9), ("Liz Lemon", "30d", 40),
    ]  # fmt: skip
    for name, every, met in people:
        extra = ["--birthday", "1980-11-11"] if name == "Cy Young" else []  # day 9
        ok(cli("add", name, "--every", every, "--on", d(-met), "--met", "a meetup", *extra))
    csv = tmp_path / "people.csv"
    csv.write_text(
        "name,email,company,met_on\n"
        "Mia Hamm,mia@example.com,Pitch,2026-06-01\n"
        "Ned Stark,ned@example.com,Winterfell,2026-09-15\n"
        "Olga Tokarczuk,olga@example.com,Books,\n"
    )
    ok(cli("import", str(csv), "--every", "2w"))
    # a favour: a thank-you tomorrow, a give-back in 14 days, close the loop in 30
    ok(cli("log", "ada", "resume review", "--kind", "call", "--got", "resume advice"))
    ok(cli("note", "ada", "training for the Berlin marathon"))
    # a promise later in the month (day 20), to someone you also see weekly
    ok(cli("log", "eve", "coffee about her paper", "--kind", "coffee",
           "--follow-up", d(20), "--todo", "send the paper draft"))  # fmt: skip
    ok(cli("intro", "ken", "liz", "--why", "both building compilers"))  # ask both on day 14
    ok(cli("ask", "ivy", "an intro to the data team", "--at", "Acme"))  # follow up on day 7
    ok(cli("log", "jo", "emailed about lunch", "--kind", "email", "--no-reply"))  # nudge day 7


TABLES = {  # what must never change once recorded (contacts' derived columns may)
    "contact": "SELECT id, name, created_at FROM contact",
    "interaction": "SELECT * FROM interaction",
    "life_note": "SELECT * FROM life_note",
    "ask": "SELECT id, contact_id, request, company, asked_on, created_at FROM ask",
    "ledger": "SELECT * FROM ledger",
    "introduction": "SELECT * FROM introduction",
    "followup": "SELECT id, contact_id, reason, todo, interaction_id, created_at FROM followup",
}


def records(db_path) -> dict[str, set[tuple]]:
    return {table: set(query(db_path, sql)) for table, sql in TABLES.items()}


def cadence_of(db_path, contact_id: int) -> int:
    [(days,)] = query(db_path, "SELECT cadence_days FROM contact WHERE id = ?", contact_id)
    return days


def next_weekday(day: date, weekday: int) -> date:
    return day + timedelta(days=(weekday - day.weekday() - 1) % 7 + 1)


# How to snooze, in turn, and the day each means.
SNOOZES = [
    ("in 3 days", lambda t: t + timedelta(days=3)),
    ("1w", lambda t: t + timedelta(days=7)),
    ("next monday", lambda t: next_weekday(t, 0)),
    (None, lambda t: t + timedelta(days=5)),  # an ISO date
]
# What talking to them means for each kind of item: the command, and what it settles.
TALK = {
    "check-in": ["log", "{name}", "caught up", "--kind", "call"],
    "nudge": ["log", "{name}", "finally caught up", "--kind", "call"],
    "follow-up": ["log", "{name}", "followed up as promised", "--kind", "email"],
    "intro-follow-up": ["log", "{name}", "asked how the intro went", "--kind", "message"],
    "ask-follow-up": ["log", "{name}", "nudged about my ask", "--kind", "email"],
    "birthday": ["log", "{name}", "happy birthday!", "--kind", "message"],
    "thank-you": ["thank", "{name}", "thank you so much"],
    "close-the-loop": ["loop", "{name}", "it got me two interviews"],
    "give-back": ["log", "{name}", "sent her a lead", "--kind", "email", "--gave", "a lead"],
}


# Things that happen during the month besides the morning round (after it), and
# whom they are about: what netlog suggests for them next starts over from there.
EVENTS = {
    5: [("Bob Kahn", ["note", "bob", "moving to Berlin in the spring"])],
    # talking to someone you owe something later settles nothing early
    6: [("Ken Thompson", ["log", "ken", "quick call about the compiler", "--kind", "call"])],
    8: [("Pat Smith", ["add", "Pat Smith", "--every", "2w", "--met", "the Rust meetup"])],
    10: [("Eve Online", ["log", "eve", "bumped into her at a conference", "--kind", "event"])],
    # a second favour from Ada: its close-the-loop falls after the month
    12: [("Ada Lovelace", ["log", "ada", "lunch", "--kind", "coffee",
                           "--got", "an intro to her recruiter"])],
    17: [("Hal Abelson", ["log", "hal", "left a voicemail", "--kind", "call", "--no-reply"])],
}  # fmt: skip


def open_promises(db_path) -> dict[str, tuple[date, str, int]]:
    rows = query(
        db_path, "SELECT id, due_on, reason, contact_id FROM followup WHERE done_at IS NULL"
    )
    return {f"f{fid}": (date.fromisoformat(due), reason, who) for fid, due, reason, who in rows}


def test_a_month_of_mornings(cli, db_path, tmp_path):
    seed(cli, tmp_path)
    promised = {h: due for h, (due, _, _) in open_promises(db_path).items()}
    assert sorted(promised.values()) == sorted(
        DAY0 + timedelta(days=n) for n in (1, 14, 14, 20, 30)
    )  # thank-you, both intro follow-ups, Eve's promise, closing the loop
    first_due = dict(promised)  # the day each promise was made for
    first_seen: dict[str, date] = {}
    blocked: dict[str, date] = {}  # handle -> the first day it may come back
    kept = records(db_path)
    turn = 0
    reasons_seen: set[str] = set()
    actions_seen: set[str] = set()
    moved_and_back: set[str] = set()

    for n in range(DAYS + 1):
        today = DAY0 + timedelta(days=n)
        items = json.loads(ok(cli("due", "--json", today=today)).stdout)
        listed = {i["id"]: i for i in items}
        assert len(listed) == len(items), "one item per handle"

        # --- nothing stale comes back early
        for handle in listed:
            assert today >= blocked.get(handle, today), (
                f"{today}: {handle} ({listed[handle]['reason']}) is back before {blocked[handle]}"
            )
            first_seen.setdefault(handle, today)
        # --- a promise is listed on its day (first made, or moved to), not before
        for handle, day in promised.items():
            shown = handle in listed
            assert shown is (day <= today), (
                f"{today}: {handle} due {day} is {'listed early' if shown else 'missing'}"
            )
            if day == today and day != first_due[handle]:
                moved_and_back.add(handle)

        # --- act on every item: by handle, then (at most once a person) by talking
        done, skipped, snoozed, talks = [], [], [], []
        settled: set[str] = set()  # promises this morning's actions complete
        talked_to: set[int] = set()
        for item in items:
            handle, reason, who = item["id"], item["reason"], item["contact_id"]
            reasons_seen.add(reason)
            action = ("done", "skip", "snooze", "talk")[turn % 4]
            turn += 1
            if reason == "close-the-loop":
                action = "talk"  # you close a loop by telling them
            if action == "talk" and who in talked_to:
                action = "done"
            actions_seen.add(action)
            kind = handle[0]
            if action == "snooze":
                words, target_of = SNOOZES[turn % len(SNOOZES)]
                target = target_of(today)
                snoozed.append((handle, words or target.isoformat(), target))
                blocked[handle] = target
                if kind == "f":
                    promised[handle] = target  # open until its new day, listed on it
                continue
            if action == "talk":
                talked_to.add(who)
                talks.append((handle, reason, item["contact"]))
            else:
                (done if action == "done" else skipped).append(handle)
            if kind == "f":
                settled.add(handle)
                blocked[handle] = NEVER
            elif kind == "b":  # this year's birthday is over
                blocked[handle] = NEVER
            elif kind == "c":
                blocked[handle] = today + timedelta(days=cadence_of(db_path, who))
            elif kind == "a":
                blocked[handle] = today + timedelta(days=7)
            elif kind == "g" and action != "talk":  # set aside for 30 days
                blocked[handle] = today + timedelta(days=30)

        if done:
            out = ok(cli("done", *done, today=today)).stdout.splitlines()
            assert [line.split(" · ")[0] for line in out] == [f"Done: {h}" for h in done]
        if skipped:
            out = ok(cli("skip", *skipped, today=today)).stdout.splitlines()
            assert [line.split(" · ")[0] for line in out] == [f"Skipped: {h}" for h in skipped]
        for handle, words, target in snoozed:
            out = ok(cli("snooze", handle, words, today=today)).stdout
            assert out.startswith(f"Snoozed: {handle} · ") and target.isoformat() in out, out
        before = len(query(db_path, "SELECT id FROM interaction"))
        for _, reason, name in talks:
            ok(cli(*[a.format(name=name) for a in TALK[reason]], today=today))
        after = len(query(db_path, "SELECT id FROM interaction"))
        assert after == before + len(talks), "each conversation is one interaction"
        for handle in [h for h, reason, _ in talks if reason == "give-back"]:
            # settled by giving back, unless they still gave more; then patient
            [(gave, got)] = query(
                db_path,
                "SELECT SUM(direction = 'gave'), SUM(direction = 'got') FROM ledger "
                "WHERE contact_id = ?",
                listed[handle]["contact_id"],
            )
            blocked[handle] = NEVER if gave >= got else today + timedelta(days=3)

        # --- acted on everything: nothing is left for today
        left = json.loads(ok(cli("due", "--json", today=today)).stdout)
        assert left == [], f"{today}: still due after acting on everything: {left}"
        for name, args in EVENTS.get(n, []):
            ok(cli(*args, today=today))
            [(who,)] = query(db_path, "SELECT id FROM contact WHERE name = ?", name)
            blocked.pop(f"c{who}", None)  # a new conversation or attempt: a new clock
            blocked.pop(f"g{who}", None)  # a new favour: a new debt
        assert ok(cli("check", today=today)).stdout == "No problems found.\n"

        # --- nothing future done by accident: every promise completed today was
        # acted on, or is a thank-you to someone thanked today (for a favour
        # already received, even if its reminder was for tomorrow)
        still_open = open_promises(db_path)
        thanked = {listed[h]["contact_id"] for h, reason, _ in talks if reason == "thank-you"}
        for handle in [h for h in promised if h not in still_open]:
            day = promised.pop(handle)
            [(reason, who)] = query(
                db_path, "SELECT reason, contact_id FROM followup WHERE id = ?", int(handle[1:])
            )
            assert handle in settled or (reason == "thank-you" and who in thanked), (
                f"{today}: {handle} ({reason}, due {day}) was completed by accident"
            )
        for handle, (due, _, _) in still_open.items():
            if handle not in promised:  # made today
                assert due > today, (handle, due)
                promised[handle] = first_due[handle] = due

        # --- nothing lost, nothing changed
        now = records(db_path)
        for table, rows in kept.items():
            assert rows <= now[table], f"{today}: {table} lost {rows - now[table]}"
        kept = now

    # The month covered what it set out to: every kind of item, every action.
    assert reasons_seen >= {
        "check-in", "nudge", "follow-up", "thank-you", "close-the-loop",
        "intro-follow-up", "ask-follow-up", "birthday", "give-back",
    }  # fmt: skip
    assert actions_seen == {"done", "skip", "snooze", "talk"}
    assert moved_and_back, "some promise was snoozed and came back on its new day"
    for handle, day in first_due.items():
        if day <= today:
            assert first_seen[handle] == day, (handle, first_seen.get(handle), day)
    # the second favour's loop, due after the month, is still open
    assert [due for due, reason, _ in open_promises(db_path).values()
            if reason == "close-the-loop"] == [DAY0 + timedelta(days=12 + 30)]  # fmt: skip
    counts = {t: len(rows) for t, rows in kept.items()}
    assert counts["contact"] == 16 and counts["ask"] == 1 and counts["life_note"] == 2
