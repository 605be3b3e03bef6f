"""An import tells the truth: rows of one file that look like the same person
are never made one contact silently, a second import of the same file changes
nothing, and a dry run says what would become of every row."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import SHARED_FIXTURES, query, snapshot

FIXTURES = SHARED_FIXTURES / "csv"

ROWS = [
    "name,company,email,url,phone",
    "Ada Lovelace,Analytical,ada@example.com,,+44 1",
    "Ada King,,ADA@example.com,,+44 2",  # the same email, another name
    "Grace Hopper,,,https://example.com/grace,",
    "G. Hopper,Navy,,https://example.com/grace/,+1 555",  # the same URL
    "Alan Turing,,,,",
    "Alan Turing,,,,+44 3",  # the same name, no company
    "Katherine Johnson,NASA,kj@nasa.example,,",
]


def write(path: Path, rows: list[str]) -> Path:
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def ok(run):
    assert run.exit_code == 0, (run.stdout, run.stderr)
    return run


def test_look_alike_rows_become_separate_contacts_and_are_named(cli, db_path, tmp_path):
    people = write(tmp_path / "people.csv", ROWS)
    run = ok(cli("import", str(people)))
    assert run.stdout == (
        f"Imported {people} (csv): 7 new, 0 updated, 0 unchanged, 0 skipped, 3 likely duplicates\n"
    )
    notes = [n for n in run.stderr.splitlines() if not n.startswith("Created a new")]
    assert notes[1:] == [
        f"  {people} line 3  Ada King: new #2; looks like line 2 (Ada Lovelace, #1) "
        "(same email), kept apart",
        f"  {people} line 5  G. Hopper: new #4; looks like line 4 (Grace Hopper, #3) "
        "(same URL), kept apart",
        f"  {people} line 7  Alan Turing: new #6; looks like line 6 (Alan Turing, #5) "
        "(same name and company), kept apart",
    ]
    assert "netlog dupes" in notes[0] and "--merge-duplicates" in notes[0]
    names = [r[0] for r in query(db_path, "SELECT name FROM contact ORDER BY id")]
    assert names == ["Ada Lovelace", "Ada King", "Grace Hopper", "G. Hopper", "Alan Turing",
                     "Alan Turing", "Katherine Johnson"]  # fmt: skip
    # Nothing of one row was written over another's.
    phones = query(
        db_path, "SELECT contact_id, value FROM contact_channel WHERE kind = 'phone' ORDER BY 1"
    )
    assert phones == [(1, "+44 1"), (2, "+44 2"), (4, "+1 555"), (6, "+44 3")]
    found = ok(cli("dupes")).stdout
    assert "same email: ada@example.com" in found and "same name" in found


def test_a_second_import_of_the_same_file_changes_nothing(cli, db_path, tmp_path):
    people = write(tmp_path / "people.csv", ROWS)
    ok(cli("import", str(people)))
    before = snapshot(db_path)
    again = ok(cli("import", str(people)))
    assert again.stdout.startswith(f"Imported {people} (csv): 0 new, 0 updated, 7 unchanged")
    assert snapshot(db_path) == before


def test_merge_duplicates_only_fills_what_the_earlier_row_left_empty(cli, db_path, tmp_path):
    people = write(tmp_path / "people.csv", ROWS)
    run = ok(cli("import", str(people), "--merge-duplicates"))
    assert run.stdout == (
        f"Imported {people} (csv): 4 new, 3 updated, 0 unchanged, 0 skipped, 3 likely duplicates\n"
    )
    assert "(merged as asked)" in run.stderr
    assert (
        f"  {people} line 3  Ada King: matches #1 (by email), updated; merged with line 2 "
        "(Ada Lovelace, #1)"
    ) in run.stderr
    rows = query(db_path, "SELECT id, name, company FROM contact ORDER BY id")
    assert rows == [(1, "Ada Lovelace", "Analytical"), (2, "Grace Hopper", "Navy"),
                    (3, "Alan Turing", None), (4, "Katherine Johnson", "NASA")]  # fmt: skip
    phones = query(db_path, "SELECT contact_id, value, preferred FROM contact_channel "
                   "WHERE kind = 'phone' ORDER BY id")  # fmt: skip
    assert phones == [(1, "+44 1", 1), (1, "+44 2", 0), (2, "+1 555", 1), (3, "+44 3", 1)]
    before = snapshot(db_path)
    again = ok(cli("import", str(people), "--merge-duplicates"))
    assert "0 new, 0 updated, 7 unchanged" in again.stdout
    assert snapshot(db_path) == before


def test_dry_run_says_what_becomes_of_every_row(cli, db_path, tmp_path):
    ok(cli("add", "Ada Lovelace", "--email", "ada@example.com"))
    people = write(tmp_path / "people.csv", [*ROWS, ",,nobody@example.com,,"])
    before = snapshot(db_path)
    run = ok(cli("import", str(people), "--dry-run"))
    assert run.stdout.splitlines() == [
        f"Would import {people} (csv): 6 new, 1 updated, 0 unchanged, 1 skipped, "
        "3 likely duplicates",
        "  line 2  Ada Lovelace: matches #1 (by email), updated",
        "  line 3  Ada King: new; looks like line 2 (Ada Lovelace, #1) (same email), kept apart",
        "  line 4  Grace Hopper: new",
        "  line 5  G. Hopper: new; looks like line 4 (Grace Hopper, #3) (same URL), kept apart",
        "  line 6  Alan Turing: new",
        "  line 7  Alan Turing: new; looks like line 6 (Alan Turing, #5) (same name and company), "
        "kept apart",
        "  line 8  Katherine Johnson: new",
        "  line 9: skipped (no name)",
    ]
    assert run.stderr == "Dry run: nothing was changed.\n"
    assert snapshot(db_path) == before


def test_json_rows_name_each_outcome(cli, tmp_path):
    people = write(tmp_path / "people.csv", ROWS[:3])
    data = json.loads(ok(cli("import", str(people), "--json")).stdout)
    assert data["duplicates"] == 1
    assert data["files"][0]["rows"][1] == {
        "ref": "line 3", "name": "Ada King", "outcome": "new", "contact_id": 2,
        "matched_by": "email", "like": "line 2 (Ada Lovelace, #1)", "merged": False,
    }  # fmt: skip


@pytest.mark.parametrize("name", ["rolomind__google.csv", "roundcube__gmail.csv"])
def test_real_exports_settle_on_the_second_import(cli, db_path, name):
    path = FIXTURES / name
    if not path.exists():
        pytest.skip(f"{path} is not there")
    first = ok(cli("import", str(path)))
    assert ", 0 updated, 0 unchanged," in first.stdout  # an empty database: every row is new
    before = snapshot(db_path)
    again = ok(cli("import", str(path)))
    assert " 0 new, 0 updated, " in again.stdout
    assert snapshot(db_path) == before
