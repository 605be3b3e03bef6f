"""Schema versions: a migrated database is exactly a new one, old data arrives
whole, and the SQL's column lists agree with the models.

The models are the one declaration of the schema. ``test_migrated_equals_fresh``
fails when a model changes without a migration; the column-list tests fail when
the records, mappers or writers name a column the models do not have.
"""

from __future__ import annotations

import json
import re
import shutil
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlmodel import SQLModel

from conftest import query
from netlog import db, models, records
from netlog.migrations import split_also_lines
from netlog.repository import BOOKKEEPING_TABLES, CONTACT_FIELDS, DUMP_TABLES, Repository
from netlog.repository import mappers as m

SCHEMAS = Path(__file__).parent / "fixtures" / "schemas"
NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
TABLES = {t.name: {c.name for c in t.columns} for t in SQLModel.metadata.sorted_tables}
assert models  # the tables above are declared by importing it


def copy_of(tmp_path: Path, version: int) -> Path:
    target = tmp_path / f"v{version}.db"
    shutil.copy(SCHEMAS / f"v{version}.db", target)
    target.chmod(0o600)
    return target


def schema(path: Path) -> list[tuple[str, str, str, str]]:
    """``sqlite_master`` normalised: every object with its SQL, white space
    folded and identifier quotes dropped, sorted."""
    conn = sqlite3.connect(path)
    try:
        rows = conn.execute("SELECT type, name, tbl_name, coalesce(sql, '') FROM sqlite_master")
        return sorted(
            (kind, name, table, re.sub(r"\s+", " ", sql.replace('"', "")).strip())
            for kind, name, table, sql in rows
        )
    finally:
        conn.close()


def fresh(tmp_path: Path) -> Path:
    path = tmp_path / "fresh.db"
    db.connect(path).close()
    return path


@pytest.mark.parametrize("version", range(1, db.SCHEMA_VERSION + 1))
def test_migrated_equals_fresh(tmp_path, version):
    """Every released version, opened by this netlog, has exactly the schema of
    a new database: a model change without a migration fails here."""
    path = copy_of(tmp_path, version)
    db.connect(
        path,
        now=lambda: __import__("datetime").datetime(2026, 12, 1, tzinfo=__import__("datetime").UTC),
    ).close()
    assert schema(path) == schema(fresh(tmp_path))
    pragmas = sqlite3.connect(path)
    assert pragmas.execute("PRAGMA user_version").fetchone()[0] == db.SCHEMA_VERSION
    assert pragmas.execute("PRAGMA application_id").fetchone()[0] == db.APPLICATION_ID


def test_v1_data_arrives_whole(tmp_path, cli):
    path = copy_of(tmp_path, 1)
    before = query(path, "SELECT id, name, email, phone, url, note, created_at FROM contact")
    result = cli("--db", str(path), "check")
    assert result.exit_code == 0, result.stderr
    assert "No problems found." in result.stdout
    assert f"from schema version 1 to {db.SCHEMA_VERSION}" in result.stderr
    after = {
        row[0]: row[1:]
        for row in query(path, "SELECT id, name, note, created_on, created_at FROM contact")
    }
    assert len(after) == len(before) == 12
    for cid, name, email, phone, url, note, created_at in before:
        assert after[cid] == (name, note, created_at[:10], created_at)
        channels = query(
            path,
            "SELECT kind, value, preferred FROM contact_channel WHERE contact_id = ? ORDER BY id",
            cid,
        )
        expected = [(k, v, 1) for k, v in (("email", email), ("phone", phone), ("url", url)) if v]
        assert channels == expected
    shown = json.loads(cli("--db", str(path), "show", "ada", "--json").stdout)
    assert shown["email"] == "ada@analytical.example"
    assert shown["emails"] == [
        {"value": "ada@analytical.example", "label": None, "preferred": True}
    ]


def test_v1_notes_give_their_extra_emails_phones_and_urls_to_rows(tmp_path, cli):
    """netlog 1 kept one email, phone and URL and wrote the rest into the note."""
    path = copy_of(tmp_path, 1)
    conn = sqlite3.connect(path)
    conn.execute(
        "UPDATE contact SET note = ? WHERE id = 3",
        ("Enigma work.\nAlso: email alan@bletchley.example, phone +44 1908 640404, "
         "url https://turing.example/alan",),
    )  # fmt: skip
    conn.execute(
        "UPDATE contact SET email = 'grace@navy.example', note = ? WHERE id = 2",
        ("Also: email GRACE@navy.example, email grace@cobol.example",),
    )
    conn.execute("UPDATE contact SET note = ? WHERE id = 4", ("Also: something else",))
    conn.commit()
    conn.close()
    assert cli("--db", str(path), "check").exit_code == 0
    notes = dict(query(path, "SELECT id, note FROM contact WHERE id IN (2, 3, 4)"))
    assert notes == {2: None, 3: "Enigma work.", 4: "Also: something else"}
    assert query(
        path, "SELECT kind, value, preferred FROM contact_channel WHERE contact_id = 3 ORDER BY id"
    ) == [
        ("email", "alan@bletchley.example", 1),
        ("phone", "+44 1908 640404", 1),
        ("url", "https://turing.example/alan", 1),
    ]
    # The one netlog 1 kept is preferred; the same address in other letters is one address.
    assert query(
        path, "SELECT value, preferred FROM contact_channel WHERE contact_id = 2 ORDER BY id"
    ) == [("grace@navy.example", 1), ("grace@cobol.example", 0)]
    assert cli("--db", str(path), "show", "alan.bletchley.example").exit_code == 1
    found = cli("--db", str(path), "show", "alan@bletchley.example")
    assert found.exit_code == 0 and found.stdout.startswith("Alan Turing")


@pytest.mark.parametrize(
    ("note", "kept", "moved"),
    [
        (None, None, []),
        ("", "", []),
        ("plain", "plain", []),
        ("a\nAlso: email x@y.z\nb", "a\nb", [("email", "x@y.z")]),
        ("Also: phone 1, url u", None, [("phone", "1"), ("url", "u")]),
        ("Also: fax 1", "Also: fax 1", []),
        ("Also: email x@y.z, pager 2", "Also: email x@y.z, pager 2", []),
    ],
)
def test_split_also_lines(note, kept, moved):
    assert split_also_lines(note) == (kept, moved)


def test_a_v1_json_dump_restores_into_schema_2(tmp_path, cli):
    """A dump written by netlog 1 (email/phone/url columns, no created_on)."""
    conn = sqlite3.connect(SCHEMAS / "v1.db")
    conn.row_factory = sqlite3.Row
    v1_tables = ("contact", "contact_tag", "interaction", "ledger", "introduction",
                 "followup", "ask", "life_note")  # fmt: skip
    tables = {t: [dict(r) for r in conn.execute(f"SELECT * FROM {t}")] for t in v1_tables}
    conn.close()
    tables["contact"][2]["note"] = "Also: email second@example.com"
    dump = {"format": "netlog-dump", "version": 1, "schema_version": 1, "tables": tables}
    source = tmp_path / "v1.json"
    source.write_text(json.dumps(dump))
    restored = cli("import", str(source))
    assert restored.exit_code == 0, restored.stderr
    assert "12 contacts" in restored.stdout + restored.stderr
    assert cli("check").stdout == "No problems found.\n"
    ada = json.loads(cli("show", "ada", "--json").stdout)
    assert ada["created_on"] == tables["contact"][0]["created_at"][:10]
    assert [e["value"] for e in ada["emails"]] == ["ada@analytical.example"]
    third = json.loads(cli("show", f"#{tables['contact'][2]['id']}", "--json").stdout)
    assert "second@example.com" in [e["value"] for e in third["emails"]]
    assert third["note"] is None


# ----- the SQL's column lists agree with the models
def test_every_dumped_table_is_declared_and_every_declared_table_dumped():
    assert sorted(DUMP_TABLES) == sorted(set(TABLES) - set(BOOKKEEPING_TABLES))
    # Left out on purpose, each with its reason beside BOOKKEEPING_TABLES.
    assert set(BOOKKEEPING_TABLES) <= set(TABLES)
    assert not set(BOOKKEEPING_TABLES) & set(DUMP_TABLES)


def test_writable_and_derived_contact_columns_are_model_columns():
    assert set(CONTACT_FIELDS) <= TABLES["contact"]
    derived = set(records.Derived._fields)
    assert derived <= TABLES["contact"]
    # What a writer may set and what only the unit of work sets do not overlap.
    assert not derived & set(CONTACT_FIELDS)


def test_the_contact_record_reads_model_columns_or_documented_extras():
    extras = {"via_name", "tags", "emails", "phones", "urls"}
    for name, sql in m.CONTACT_READ:
        if name in extras:
            continue
        assert sql == f"c.{name}" and name in TABLES["contact"], name
    # name_key serves name lookups and quiet_on the `due` rule for fading ties
    # (it follows from last_contact_on and typical_gap_days): not for reading.
    assert TABLES["contact"] - {n for n, _ in m.CONTACT_READ} == {"name_key", "quiet_on"}


@pytest.mark.parametrize(
    ("table", "columns"),
    [
        ("interaction", m.INTERACTION_COLUMNS),
        ("followup", m.FOLLOWUP_COLUMNS),
        ("ledger", m.LEDGER_COLUMNS),
        ("life_note", m.NOTE_COLUMNS),
    ],
)
def test_mapper_column_lists_are_model_columns(table, columns):
    assert {c.strip() for c in columns.split(",")} <= TABLES[table]


def test_the_record_types_match_their_mappers():
    # ...and whether `netlog capture` made it, read from the captured table
    interaction = list(records.Interaction._fields)
    assert len(m.INTERACTION_COLUMNS.split(",")) + 1 == len(interaction)
    assert interaction[-1] == "captured" and m.INTERACTION_SELECT.endswith("interaction.id)")
    assert len(m.LEDGER_COLUMNS.split(",")) == len(records.LedgerEntry._fields)
    assert len(m.NOTE_COLUMNS.split(",")) == len(records.LifeNoteRecord._fields)


def test_every_repository_query_runs_on_a_fresh_database(tmp_path):
    """Each read the commands use, against a schema built from the models."""
    from datetime import date

    conn = db.connect(tmp_path / "q.db")
    repo = Repository(conn)
    day = date(2026, 11, 25)
    with repo.transaction():
        cid = repo.insert_contact(now="2026-11-25T00:00:00Z", created_on=day, name="Ada")
        repo.insert_interaction(cid, day, "call", "hi", "2026-11-25T00:00:00Z")
    assert repo.get_contact(cid) is not None
    assert repo.all_contacts() and repo.list_contacts() and list(repo.contacts_json())
    assert json.loads(repo.contact_json(cid))["name"] == "Ada"
    for read in (repo.checkin_candidates, repo.followups_due, repo.asks_due):
        read(day)
    repo.birthdays(), repo.balances(), repo.matchable_contacts(), repo.connected_pairs()
    assert repo.search("ada")[0].contact_id == cid
    assert repo.stored_derived(cid) == repo.compute_derived(cid)
    conn.close()


def test_a_schema_2_dump_restores_whole(tmp_path, cli):
    """A JSON dump written by netlog at schema 2 (before the journal, review,
    capture and sync tables) restores into this schema with every row, and the
    derived state this netlog adds is computed."""
    dump = json.loads((SCHEMAS / "v2-dump.json").read_text(encoding="utf-8"))
    assert dump["schema_version"] == 2
    target = tmp_path / "restored.db"
    result = cli("--db", str(target), "import", str(SCHEMAS / "v2-dump.json"))
    assert result.exit_code == 0, result.stderr
    for table, rows in dump["tables"].items():
        assert query(target, f"SELECT count(*) FROM {table}")[0][0] == len(rows), table
    assert cli("--db", str(target), "check").exit_code == 0
    gaps = query(target, "SELECT count(*) FROM contact WHERE typical_gap_days IS NOT NULL")
    assert gaps[0][0] > 0
