"""`history`, `amend` and `drop`: see what was recorded, correct one entry,
delete one with what was recorded with it."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import Run, on_a_terminal, query, snapshot


@pytest.fixture
def ada_history(cli: Callable[..., Run]) -> Callable[..., Run]:
    steps = [
        ("add", "Ada Lovelace", "--every", "3w", "--on", "2026-09-01", "--met", "PyCon"),
        ("add", "Grace Hopper", "--on", "2026-09-01"),
        ("log", "ada", "coffee about engines", "--kind", "coffee", "--on", "2026-11-20",
         "--got", "CV advice", "--follow-up", "2026-11-28"),
        ("note", "ada", "moving to Paris", "--on", "2026-11-21"),
        ("ask", "ada", "intro to the data team", "--at", "Analytical", "--on", "2026-11-22"),
        ("intro", "ada", "grace", "--why", "compilers", "--on", "2026-11-23"),
    ]  # fmt: skip
    for step in steps:
        assert cli(*step).exit_code == 0, step
    return cli


def entries(cli: Callable[..., Run], name: str = "ada") -> list[dict]:
    result = cli("history", name, "--json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def ref(cli: Callable[..., Run], kind: str, name: str = "ada") -> str:
    return next(e["id"] for e in entries(cli, name) if e["type"] == kind)


def coffee(cli: Callable[..., Run]) -> str:
    return next(e["id"] for e in entries(cli) if e["text"] == "coffee about engines")


def test_history_lists_every_kind_latest_first(ada_history: Callable[..., Run]) -> None:
    found = entries(ada_history)
    days = [e["date"] for e in found]
    assert days == sorted(days, reverse=True)
    assert ("follow-up", "2026-11-28") in [(e["type"], e["date"]) for e in found]
    assert {e["type"] for e in found} == {
        "conversation", "note", "ask", "favour", "introduction", "follow-up",
    }  # fmt: skip
    intro = next(e for e in found if e["type"] == "introduction")
    assert intro["detail"] == "with Grace Hopper" and intro["text"] == "compilers"
    conversation = next(e for e in found if e["text"] == "coffee about engines")
    assert conversation["id"].startswith("i") and conversation["detail"] == "coffee"
    # Grace sees the same introduction, from her side.
    grace = entries(ada_history, "grace")
    assert any(e["id"] == intro["id"] and e["detail"] == "with Ada Lovelace" for e in grace)


def test_history_plain_output_and_everyone(ada_history: Callable[..., Run]) -> None:
    plain = ada_history("history", "ada")
    assert plain.out_lines[0] == "id\tdate\twhen\ttype\tdetail\ttext"
    assert any(line.endswith("\tnote\t\tmoving to Paris") for line in plain.out_lines)
    everyone = ada_history("history", "--limit", "3")
    assert everyone.out_lines[0].endswith("\tcontact")
    assert len(everyone.out_lines) == 4  # the header and the three latest entered


def test_history_of_someone_unknown_is_an_error(ada_history: Callable[..., Run]) -> None:
    result = ada_history("history", "nobody")
    assert result.exit_code == 1 and result.stderr.startswith("Error: no contact matches")


def test_amend_a_conversation_moves_the_next_checkin(
    ada_history: Callable[..., Run], db_path: Path
) -> None:
    conversation = coffee(ada_history)
    result = ada_history("amend", conversation, "tea, not coffee", "--on", "2026-11-24")
    assert result.exit_code == 0, result.stderr
    assert f"Amended {conversation} conversation with Ada Lovelace, 2026-11-24" in result.stderr
    shown = json.loads(ada_history("show", "ada", "--json").stdout)
    assert shown["last_contact_on"] == "2026-11-24"
    assert shown["next_checkin_on"] == "2026-12-15"  # three weeks from the corrected day
    assert ada_history("search", "tea").stdout.count("Ada Lovelace") >= 1


def test_amend_kind_and_no_reply(ada_history: Callable[..., Run], db_path: Path) -> None:
    latest = ref(ada_history, "conversation")  # the introduction, on 2026-11-23
    row = int(latest[1:])
    assert ada_history("amend", latest, "--kind", "email", "--no-reply").exit_code == 0
    assert query(db_path, "SELECT kind, no_reply FROM interaction WHERE id = ?", row) == [
        ("email", 1)
    ]
    shown = json.loads(ada_history("show", "ada", "--json").stdout)
    assert shown["last_contact_on"] == "2026-11-22"  # the ask is the last answered now
    assert shown["unanswered"] == 1
    assert ada_history("amend", latest, "--answered").exit_code == 0
    assert query(db_path, "SELECT no_reply FROM interaction WHERE id = ?", row) == [(0,)]
    shown = json.loads(ada_history("show", "ada", "--json").stdout)
    assert (shown["last_contact_on"], shown["unanswered"]) == ("2026-11-23", 0)


def test_amend_a_follow_up_may_move_it_later(
    ada_history: Callable[..., Run], db_path: Path
) -> None:
    promise = next(e["id"] for e in entries(ada_history) if e["date"] == "2026-11-28")
    assert ada_history("amend", promise, "--on", "in 2 weeks").exit_code == 0
    assert query(db_path, "SELECT due_on FROM followup WHERE id = ?", int(promise[1:])) == [
        ("2026-12-09",)
    ]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["amend", "i1", "--on", "tomorrow"], "is in the future"),
        (["amend", "NOTE", "--kind", "call"], "--kind applies to conversations"),
        (["amend", "NOTE", ""], "a note needs some text"),
        (["amend", "i1"], "nothing to change in i1"),
        (["amend", "i999", "x"], "there is no conversation i999"),
        (["amend", "zz1", "x"], "is not a history entry"),
        (["amend", "i1", "--kind", "telepathy"], "unknown kind"),
        (["amend", "i1", "--on", "someday"], "--on"),
        (["drop", "n999", "--yes"], "there is no note n999"),
        (["drop", "i1"], "needs confirmation"),
    ],
)
def test_bad_corrections_change_nothing(
    ada_history: Callable[..., Run], db_path: Path, args: list[str], message: str
) -> None:
    note = ref(ada_history, "note")
    args = [note if a == "NOTE" else a for a in args]
    before = snapshot(db_path)
    result = ada_history(*args)
    assert result.exit_code != 0
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert snapshot(db_path) == before


def test_drop_a_conversation_takes_what_was_logged_with_it(
    ada_history: Callable[..., Run], db_path: Path
) -> None:
    conversation = coffee(ada_history)
    result = ada_history("drop", conversation, "--yes")
    assert result.exit_code == 0, result.stderr
    # It, its favour, its follow-up, and the favour's thank-you and close-the-loop.
    assert result.stderr.count("Dropped ") == 5, result.stderr
    assert "netlog undo" in result.stderr
    left = {e["text"] for e in entries(ada_history)}
    assert "CV advice" not in left and "coffee about engines" not in left
    assert query(db_path, "SELECT count(*) FROM followup WHERE todo LIKE '%coffee%'") == [(0,)]
    assert query(db_path, "SELECT count(*) FROM ledger WHERE what = 'CV advice'") == [(0,)]
    assert ada_history("check").exit_code == 0


def test_drop_a_note_updates_the_talking_point(ada_history: Callable[..., Run]) -> None:
    note = ref(ada_history, "note")
    assert ada_history("drop", note, "--yes").exit_code == 0
    shown = json.loads(ada_history("show", "ada", "--json").stdout)
    assert all(n["text"] != "moving to Paris" for n in shown.get("notes", []))


@pytest.mark.parametrize(("answer", "kept"), [(b"n\r", 1), (b"y\r", 0)])
def test_drop_asks_on_a_terminal(
    ada_history: Callable[..., Run], db_path: Path, answer: bytes, kept: int
) -> None:
    note = ref(ada_history, "note")
    code, screen = on_a_terminal(db_path, ["drop", note], [(b"Delete this entry?", answer)])
    assert "moving to Paris" in screen
    assert query(db_path, "SELECT count(*) FROM life_note") == [(kept,)]
    assert code == (1 if kept else 0)
