"""`netlog undo` after every write command: the whole database (every table of
the user's data and the search index) is exactly as it was before the command."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import Run, query, snapshot
from netlog.repository.dumpstore import DUMP_TABLES


def data(db_path: Path) -> dict[str, list[tuple]]:
    """Every row of the user's data and of the search index (not the journal)."""
    conn = sqlite3.connect(db_path)
    try:
        tables = {
            t: conn.execute(f"SELECT * FROM {t} ORDER BY 1, 2").fetchall() for t in DUMP_TABLES
        }
        tables["search_fts"] = conn.execute(
            "SELECT rowid, body, contact_id FROM search_fts ORDER BY rowid"
        ).fetchall()
        return tables
    finally:
        conn.close()


@pytest.fixture
def network(cli: Callable[..., Run], tmp_path: Path) -> Callable[..., Run]:
    """Ada, Grace, Alan and a duplicate Ada, with a favour owed thanks, an
    introduction, an open ask, a promise and a note."""
    steps = [
        ("add", "Ada Lovelace", "--company", "Analytical", "--email", "ada@example.com",
         "--tag", "python", "--every", "3w", "--on", "2026-09-01"),
        ("add", "Grace Hopper", "--email", "grace@navy.example", "--every", "1m",
         "--on", "2026-08-01", "--birthday", "1906-11-25"),
        ("add", "Alan Turing", "--every", "2w", "--on", "2026-10-01", "--met", "Bletchley"),
        ("add", "A. Lovelace", "--email", "ada@home.example"),
        ("log", "grace", "advice on my CV", "--got", "CV advice", "--on", "2026-11-20"),
        ("log", "alan", "lunch", "--follow-up", "2026-11-24", "--on", "2026-11-10"),
        ("intro", "ada", "alan", "--why", "engines", "--on", "2026-11-01"),
        ("ask", "grace", "intro to the Navy team", "--at", "Navy", "--on", "2026-11-22"),
        ("note", "ada", "moving to Paris"),
    ]  # fmt: skip
    for step in steps:
        result = cli(*step)
        assert result.exit_code == 0, (step, result.stderr)
    return cli


def handle(cli: Callable[..., Run], prefix: str) -> str:
    items = json.loads(cli("due", "--json").stdout)
    return next(i["id"] for i in items if i["id"].startswith(prefix))


def _vcard(tmp_path: Path) -> str:
    path = tmp_path / "cards.vcf"
    path.write_text(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Tomás Herrera\r\nN:Herrera;Tomás;;;\r\n"
        "EMAIL:tomas@acme.example\r\nORG:Acme\r\nUID:urn:uuid:1234\r\nEND:VCARD\r\n"
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ada Lovelace\r\nEMAIL:ada@example.com\r\n"
        "TEL:+44 20 7946 0958\r\nEND:VCARD\r\n",
        encoding="utf-8",
    )
    return str(path)


def _mail(tmp_path: Path) -> str:
    """A Maildir with mail sent to Ada and Grace, Grace's answer, a meeting-free
    thread with a stranger, and a mailing list."""
    from capture_fixtures import ME, maildir, message

    return str(
        maildir(
            tmp_path / "Mail",
            [
                message(ME, "ada@example.com", "Lunch?", "Mon, 23 Nov 2026 10:00:00 +0000", "<a@x>",
                        Cc="grace@navy.example"),
                message("grace@navy.example", ME, "Re: Lunch?", "Tue, 24 Nov 2026 09:00:00 +0000",
                        "<g@x>", In_Reply_To="<a@x>"),
                message(ME, "Bob Stone <bob@else.example>", "Hi", "Mon, 23 Nov 2026 10:00:00 +0000",
                        "<b@x>"),
                message("list@lists.example", ME, "Digest", "Mon, 23 Nov 2026 10:00:00 +0000",
                        "<l@x>", List_Id="<lists.example>"),
            ],
        )
    )  # fmt: skip


def _csv(tmp_path: Path) -> str:
    path = tmp_path / "people.csv"
    path.write_text("Name,Email,Company\nLin Wei,lin@example.org,Zeta\n", encoding="utf-8")
    return str(path)


WRITES: dict[str, Callable[[Callable[..., Run], Path], list[str]]] = {
    "add": lambda c, t: ["add", "Tomás Herrera", "--company", "Acme", "--tag", "py",
                         "--email", "t@acme.example", "--phone", "+1 555 0100"],
    "add --on": lambda c, t: ["add", "Lin Wei", "--on", "2026-10-10", "--every", "1w"],
    "edit": lambda c, t: ["edit", "ada", "--company", "New Co", "--every", "2w", "--tag", "ml",
                          "--email", "work:ada@new.example", "--birthday", "1990-12-10"],
    "edit --note": lambda c, t: ["edit", "ada", "--note", "Prefers mornings"],
    "log": lambda c, t: ["log", "ada", "coffee", "--kind", "call", "--gave", "advice",
                         "--got", "an intro", "--follow-up", "in 3 days"],
    "log --no-reply": lambda c, t: ["log", "grace", "pinged", "--kind", "email", "--no-reply"],
    "log --on": lambda c, t: ["log", "alan", "lunch", "--on", "3 days ago"],
    "thank": lambda c, t: ["thank", "grace", "the CV advice worked"],
    "loop": lambda c, t: ["loop", "grace", "got two interviews"],
    "intro": lambda c, t: ["intro", "grace", "alan", "--why", "both like computers"],
    "ask": lambda c, t: ["ask", "ada", "intro to the data team", "--at", "Analytical"],
    "asks done": lambda c, t: ["asks", "done", "1", "--outcome", "met them"],
    "note": lambda c, t: ["note", "grace", "new grandchild"],
    "snooze NAME": lambda c, t: ["snooze", "alan", "in 2 weeks"],
    "snooze ID": lambda c, t: ["snooze", handle(c, "f"), "friday"],
    "done NAME": lambda c, t: ["done", "alan"],
    "done ID": lambda c, t: ["done", handle(c, "f")],
    "skip birthday": lambda c, t: ["skip", handle(c, "b")],
    "skip check-in": lambda c, t: ["skip", handle(c, "c")],
    "merge": lambda c, t: ["merge", "Ada Lovelace", "A. Lovelace", "--yes"],
    "rm": lambda c, t: ["rm", "alan", "--yes"],
    "import vcard": lambda c, t: ["import", _vcard(t)],
    "import csv": lambda c, t: ["import", _csv(t), "--tag", "csv"],
    "amend": lambda c, t: ["amend", "i1", "first met at PyCon", "--on", "2026-09-02"],
    "amend --kind": lambda c, t: ["amend", _ref(c, "alan", "i"), "--kind", "call", "--no-reply"],
    "drop": lambda c, t: ["drop", _ref(c, "grace", "i"), "--yes"],
    "config set": lambda c, t: ["config", "set", "me.email", "me@home.example"],
    "capture": lambda c, t: ["capture", _mail(t), "--me", "me@home.example", "--include-cc"],
    "capture --add-unknown": lambda c, t: ["capture", _mail(t), "--me", "me@home.example",
                                           "--add-unknown", "--yes"],
    "drop two": lambda c, t: ["drop", _ref(c, "alan", "i"), _ref(c, "ada", "n"), "--yes"],
}  # fmt: skip


def _ref(cli: Callable[..., Run], name: str, letter: str) -> str:
    entries = json.loads(cli("history", name, "--json").stdout)
    return next(e["id"] for e in entries if e["id"].startswith(letter))


@pytest.mark.parametrize("name", list(WRITES))
def test_undo_puts_everything_back(
    network: Callable[..., Run], db_path: Path, tmp_path: Path, name: str
) -> None:
    args = WRITES[name](network, tmp_path)
    before = data(db_path)
    result = network(*args)
    assert result.exit_code == 0, result.stderr
    assert data(db_path) != before, "the command changed nothing"

    undone = network("undo")
    assert undone.exit_code == 0, undone.stderr
    assert data(db_path) == before
    assert "Undid netlog " + args[0] in undone.stderr
    assert network("check").exit_code == 0


def test_check_repair_is_undone_to_the_damaged_state(
    network: Callable[..., Run], db_path: Path
) -> None:
    conn = sqlite3.connect(db_path)
    conn.execute("UPDATE contact SET next_checkin_on = '2030-01-01' WHERE name = 'Alan Turing'")
    conn.commit()
    conn.close()
    damaged = data(db_path)
    assert network("check", "--repair").exit_code == 0
    assert data(db_path) != damaged
    assert network("undo").exit_code == 0
    assert data(db_path) == damaged


def test_restore_into_an_empty_database_is_undone(
    network: Callable[..., Run], tmp_path: Path, cli_other: Callable[..., Run], other_db: Path
) -> None:
    dump = tmp_path / "dump.json"
    assert network("export", "--format", "json", "-o", str(dump)).exit_code == 0
    empty = data(other_db) if other_db.exists() else None
    restored = cli_other("import", str(dump))
    assert restored.exit_code == 0, restored.stderr
    assert query(other_db, "SELECT count(*) FROM contact")[0][0] == 4
    assert cli_other("undo").exit_code == 0
    assert query(other_db, "SELECT count(*) FROM contact")[0][0] == 0
    if empty is not None:
        assert data(other_db) == empty


@pytest.fixture
def other_db(tmp_path: Path) -> Path:
    return tmp_path / "other.db"


@pytest.fixture
def cli_other(other_db: Path) -> Callable[..., Run]:
    from typer.testing import CliRunner

    from netlog.cli import app

    def run(*args: str) -> Run:
        result = CliRunner().invoke(app, ["--db", str(other_db), *args])
        return Run(result.exit_code, result.stdout, result.stderr)

    return run


def test_undo_again_reverts_the_one_before(network: Callable[..., Run], db_path: Path) -> None:
    start = data(db_path)
    assert network("log", "ada", "first").exit_code == 0
    middle = data(db_path)
    assert network("note", "ada", "second").exit_code == 0
    first = network("undo")
    assert "netlog note ada second" in first.stderr
    assert "netlog undo again" in first.stderr.replace("\n", " ")
    assert data(db_path) == middle
    assert network("undo").exit_code == 0
    assert data(db_path) == start


def test_undo_after_new_work_reverts_that_work_first(
    network: Callable[..., Run], db_path: Path
) -> None:
    assert network("log", "ada", "one").exit_code == 0
    assert network("undo").exit_code == 0
    base = data(db_path)
    assert network("log", "grace", "two").exit_code == 0
    assert network("undo").exit_code == 0
    assert data(db_path) == base  # "two" went, "one" stays undone


def test_a_refused_command_records_nothing(network: Callable[..., Run], db_path: Path) -> None:
    assert network("note", "ada", "kept").exit_code == 0
    journal = query(db_path, "SELECT count(*) FROM change_set")
    assert network("log", "nobody-here", "x").exit_code == 1
    assert network("log", "ada", "--on", "tomorrow", "x").exit_code != 0
    assert network("due").exit_code == 0  # reads record nothing either
    assert query(db_path, "SELECT count(*) FROM change_set") == journal
    assert "netlog note ada kept" in network("undo").stderr


def test_nothing_to_undo(cli: Callable[..., Run], db_path: Path) -> None:
    assert cli("add", "Ada Lovelace").exit_code == 0
    assert cli("undo").exit_code == 0
    before = snapshot(db_path)
    again = cli("undo")
    assert again.exit_code == 1
    assert again.stderr.startswith("Error: nothing to undo")
    assert snapshot(db_path) == before


def test_undo_refuses_when_a_row_changed_outside_netlog(
    network: Callable[..., Run], db_path: Path
) -> None:
    assert network("note", "ada", "original").exit_code == 0
    conn = sqlite3.connect(db_path)
    conn.execute("UPDATE life_note SET text = 'edited by hand' WHERE text = 'original'")
    conn.commit()
    conn.close()
    before = snapshot(db_path)
    result = network("undo")
    assert result.exit_code == 1
    assert "changed since" in result.stderr
    assert snapshot(db_path) == before


def test_undo_list_and_json(network: Callable[..., Run]) -> None:
    assert network("log", "ada", "coffee", "--gave", "advice").exit_code == 0
    listed = network("undo", "--list")
    assert listed.exit_code == 0
    first = listed.out_lines[1].split("\t")
    assert first[2] == "netlog log ada coffee --gave advice"
    # Ada's introduction follow-up was due: the conversation completed it.
    assert first[3] == "added 1 conversation and 1 favour; changed 1 follow-up"
    assert network("undo").exit_code == 0
    rows = json.loads(network("undo", "--list", "--json").stdout)
    assert rows[0]["reverts"] == rows[1]["id"] and rows[1]["undone_by"] == rows[0]["id"]
    assert rows[0]["command"] == "netlog undo"
    undone = json.loads(network("undo", "--json").stdout)
    assert undone["command"] == "netlog note ada 'moving to Paris'"
    assert undone["effects"] == ["added 1 note"] and undone["contacts"] == ["Ada Lovelace"]


def test_the_journal_keeps_the_latest_changes(
    cli: Callable[..., Run], db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import netlog.repository.journal as journal

    monkeypatch.setattr(journal, "KEEP", 3)
    assert cli("add", "Ada Lovelace").exit_code == 0
    for n in range(5):
        assert cli("note", "ada", f"n{n}").exit_code == 0
    assert query(db_path, "SELECT count(*) FROM change_set")[0][0] == 3
    assert query(
        db_path, "SELECT count(*) FROM change_row WHERE set_id NOT IN (SELECT id FROM change_set)"
    ) == [(0,)]
    for _ in range(3):
        assert cli("undo").exit_code == 0
    assert cli("undo").exit_code == 1
    notes = query(db_path, "SELECT text FROM life_note ORDER BY id")
    assert notes == [("n0",), ("n1",)]


def test_undo_of_an_import_names_what_it_had_added(
    network: Callable[..., Run], tmp_path: Path
) -> None:
    assert network("import", _csv(tmp_path)).exit_code == 0
    result = network("undo")
    assert "it had added 1 contact" in result.stderr and "Lin Wei" in result.stderr


def test_undo_restores_the_next_checkin_and_due(network: Callable[..., Run]) -> None:
    """A wrong `log` resets someone's cadence; undo brings the check-in back."""
    due_before = json.loads(network("due", "--json").stdout)
    assert any(i["contact"] == "Alan Turing" and i["reason"] == "check-in" for i in due_before)
    assert network("log", "alan", "oops, wrong person").exit_code == 0
    assert not any(
        i["contact"] == "Alan Turing" and i["reason"] == "check-in"
        for i in json.loads(network("due", "--json").stdout)
    )
    assert network("undo").exit_code == 0
    assert json.loads(network("due", "--json").stdout) == due_before


def test_a_migrated_database_starts_with_an_empty_journal(tmp_path: Path) -> None:
    import shutil

    from typer.testing import CliRunner

    from netlog.cli import app

    copy = tmp_path / "v1.db"
    shutil.copy(Path(__file__).parent / "fixtures" / "schemas" / "v1.db", copy)
    result = CliRunner().invoke(app, ["--db", str(copy), "undo"])
    assert result.exit_code == 1 and "nothing to undo" in result.stderr


def test_each_action_of_a_review_is_undone_on_its_own(
    network: Callable[..., Run], db_path: Path
) -> None:
    """review's keys are the commands' own service calls: each is one change."""
    from test_cli_review import review

    start = data(db_path)
    run = review(db_path)
    run.card("")
    run.press("l")
    run.answer("coffee: she is hiring")
    run.card("")  # the next card: the conversation is committed
    logged = data(db_path)
    assert logged != start
    run.press("k")
    run.card("")
    run.press("q")
    code, _ = run.finish()
    assert code == 0
    assert data(db_path) != logged
    assert "netlog review" in network("undo").stderr  # the skip
    assert data(db_path) == logged
    assert "netlog review" in network("undo").stderr  # the conversation
    assert data(db_path) == start


def test_describe_counts_each_row_once_by_its_net_change() -> None:
    from netlog.corrections import describe
    from netlog.records import RowChange

    fu = {"id": 1, "contact_id": 1, "ledger_id": 2, "todo": "thank"}
    changes = [
        RowChange("followup", "update", fu, {**fu, "ledger_id": None}),  # SET NULL first
        RowChange("followup", "delete", {**fu, "ledger_id": None}, None),
        RowChange("ledger", "delete", {"id": 2, "what": "advice"}, None),
        RowChange("life_note", "insert", None, {"id": 5, "text": "x"}),
        RowChange("life_note", "delete", {"id": 5, "text": "x"}, None),  # came and went
        RowChange("contact", "update", {"id": 1, "next_checkin_on": "a"},
                  {"id": 1, "next_checkin_on": "b"}),  # derived only
    ]  # fmt: skip
    assert describe(changes) == ["deleted 1 favour and 1 follow-up"]


def test_undo_of_a_drop_names_only_what_was_deleted(network: Callable[..., Run]) -> None:
    entries = json.loads(network("history", "grace", "--json").stdout)
    advice = next(e["id"] for e in entries if e["text"] == "advice on my CV")
    assert network("drop", advice, "--yes").exit_code == 0
    undone = network("undo").stderr
    assert "it had deleted 1 conversation, 1 favour and 2 follow-ups" in undone
    assert "changed" not in undone
