"""Restoring a JSON dump checks every value against its column first.

A dump that any command could not read (a timestamp where a day belongs, an
unknown reason, text in a count, a reference to a missing row...) is refused
whole: exit 1, one ``Error:`` line naming the table, the row (1-based, with its
id) and the column, and the database exactly as it was. Anything accepted must
then be readable by every command: the property test at the end mutates one
value of a random network's dump and runs them all.
"""

from __future__ import annotations

import copy
import json
import shutil
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from conftest import TODAY, snapshot
from netlog import db, dump, dump_validate, maintenance
from netlog.cli import app
from netlog.repository import DUMP_TABLES, Repository
from networks import OPERATIONS, PEOPLE, grow_network

ENV = {"NETLOG_TODAY": TODAY.isoformat(), "NO_COLOR": "1", "COLUMNS": "120", "TERM": "dumb"}
HINT = " — export it again from the netlog that wrote it"
DROP = object()  # "leave the column out of the row"

NETWORK: list[tuple[str, ...]] = [
    ("add", "Grace Hopper", "--company", "Compiler Works", "--met", "Systems meetup",
     "--every", "2m", "--tag", "mentor", "--on", "2026-06-01",
     "--email", "work:grace@navy.example", "--email", "grace@home.example"),
    ("add", "Alan Turing", "--via", "grace", "--every", "1m", "--tag", "ml",
     "--on", "2026-07-01"),
    ("add", "Ada Lovelace", "--company", "Analytical", "--every", "3w", "--tag", "python",
     "--tag", "mentor", "--on", "2026-09-25"),
    ("log", "ada", "resume review", "--got", "resume advice", "--gave", "feedback on her talk",
     "--follow-up", "in 2 weeks", "--on", "2026-11-01"),
    ("log", "alan", "--no-reply", "--on", "2026-11-20"),
    ("intro", "ada", "alan", "--why", "both love engines"),
    ("intro", "grace", "ada", "--why", "compilers for engines", "--on", "2026-11-15"),
    ("ask", "grace", "intro to the data team", "--at", "Acme", "--on", "2026-10-01"),
    ("ask", "ada", "a referral"),
    ("asks", "done", "1", "--outcome", "met Katherine from data"),
    ("note", "ada", "training for a marathon", "--on", "2026-11-10"),
    ("note", "grace", "moved to Lisbon", "--on", "2026-11-12"),
    ("snooze", "grace", "in 3 weeks"),
    ("edit", "ada", "--birthday", "1815-12-10"),
    ("edit", "grace", "--birthday", "12-09"),
    ("skip", "b3"),  # Ada's birthday this year
    ("skip", "a2"),  # the follow-up of the ask to Ada
]  # fmt: skip


@pytest.fixture(scope="module", autouse=True)
def _command_built_once() -> Any:
    """typer's CliRunner turns the app into a click command on every invoke (some
    20 ms, most of a command's time on a tiny database); build it once here, so
    the property test can afford hundreds of examples of a dozen commands each.
    (Should typer rename its helper, this only makes the tests slower.)"""
    import typer.testing

    build = getattr(typer.testing, "_get_command", None)
    if build is None:
        yield
        return
    command = build(app)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(typer.testing, "_get_command", lambda _app: command)
        yield


def invoke(db_path: Path, *args: str) -> Any:
    result = CliRunner().invoke(app, ["--db", str(db_path), *args], env=ENV)
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result


@pytest.fixture(scope="module")
def empty_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An empty netlog database, created once and copied: creating one compiles
    the schema, which would dominate a test that restores hundreds of dumps."""
    path = tmp_path_factory.mktemp("template") / "empty.db"
    db.connect(path).close()
    return path


def copy_db(template: Path, target: Path) -> Path:
    shutil.copyfile(template, target)
    target.chmod(0o600)  # as netlog creates it: owner only, or every command warns
    return target


@pytest.fixture(scope="module")
def valid_dump(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """The dump of a small network that uses every table (built with the CLI)."""
    folder = tmp_path_factory.mktemp("network")
    path = folder / "network.db"
    cards = folder / "cards.vcf"
    cards.write_bytes(
        b"BEGIN:VCARD\r\nVERSION:3.0\r\nUID:urn:uuid:0e4c0c9e-1d6f-4a57-9a57-1f7f4c1b2d3e\r\n"
        b"FN:Katherine Johnson\r\nTEL:+1 757 555 0100\r\n"
        b"URL:https://www.linkedin.com/in/katherine-johnson\r\nEND:VCARD\r\n"
    )
    from capture_fixtures import ME, maildir, message

    mail = maildir(
        folder,
        [
            message(ME, "grace@navy.example", "Lunch?", "Fri, 20 Nov 2026 10:00:00 +0000", "<a@x>"),
            message("grace@navy.example", ME, "Re: Lunch?", "Sat, 21 Nov 2026 10:00:00 +0000"),
        ],
    )
    capture = [("config", "set", "me.email", ME), ("capture", str(mail))]
    for step in [*NETWORK, ("import", str(cards)), *capture]:
        result = invoke(path, *step)
        assert result.exit_code == 0, (step, result.stderr)
    data = json.loads(invoke(path, "export", "--format", "json").stdout)
    # (one setting is all there is to set)
    assert all(len(data["tables"][t]) >= (1 if t == "setting" else 2) for t in DUMP_TABLES), {
        t: len(rows) for t, rows in data["tables"].items()
    }
    return data


def _mutated(data: dict, table: str, row: int, column: str, value: object) -> dict:
    changed = copy.deepcopy(data)
    target = changed["tables"][table][row - 1]
    if value is DROP:
        del target[column]
    else:
        target[column] = value
    return changed


def _restore(tmp_path: Path, data: dict) -> tuple[Any, Path, Path]:
    """Restore ``data`` into a new database; the result, the dump file and the
    database, which a refusal must leave empty (its tables exactly as created)."""
    source = tmp_path / "dump.json"
    source.write_text(json.dumps(data), encoding="utf-8")
    target = tmp_path / "target.db"
    db.connect(target).close()
    before = snapshot(target)
    result = invoke(target, "import", str(source))
    if result.exit_code != 0:
        assert snapshot(target) == before
    return result, source, target


def refused_line(result: Any) -> str:
    """A refusal: exit 1, nothing on stdout, one ``Error:`` line and no traceback."""
    assert result.exit_code == 1, (result.stdout, result.stderr)
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), result.stderr
    return lines[0]


# ----- one bad value of each kind: (table, row, column, value, what the line says)
BAD_VALUES = {
    "timestamp-in-a-date": (
        "interaction", 2, "occurred_on", "2026-01-01T10:00:00Z",
        "'2026-01-01T10:00:00Z' is not a date (YYYY-MM-DD)",
    ),
    "date-that-does-not-exist": (
        "followup", 1, "due_on", "2026-02-30", "'2026-02-30' is not a date (YYYY-MM-DD)",
    ),
    "date-without-padding": (
        "ledger", 1, "occurred_on", "2026-1-5", "'2026-1-5' is not a date (YYYY-MM-DD)",
    ),
    "compact-date": ("ask", 2, "asked_on", "20261101", "'20261101' is not a date (YYYY-MM-DD)"),
    "number-in-a-date": (
        "life_note", 1, "noted_on", 20261110, "20261110 is not a date (YYYY-MM-DD)",
    ),
    "date-out-of-range": (
        "contact", 1, "snoozed_until", "9999-12-31",
        "'9999-12-31' is outside the days netlog handles (1000-01-01 to 8999-12-31)",
    ),
    "instant-with-an-offset": (
        "interaction", 1, "created_at", "2026-06-01T12:00:00+02:00",
        "'2026-06-01T12:00:00+02:00' is not a UTC instant (YYYY-MM-DDTHH:MM:SSZ)",
    ),
    "instant-without-a-zone": (
        "contact", 2, "updated_at", "2026-06-01 12:00:00",
        "'2026-06-01 12:00:00' is not a UTC instant (YYYY-MM-DDTHH:MM:SSZ)",
    ),
    "date-in-an-instant": (
        "followup", 2, "done_at", "2026-11-25",
        "'2026-11-25' is not a UTC instant (YYYY-MM-DDTHH:MM:SSZ)",
    ),
    "unknown-kind": (
        "interaction", 1, "kind", "lunch",
        "'lunch' is not one of met, coffee, call, video, email, message, meeting, event, other, "
        "thanks, update, intro, ask",
    ),
    "unknown-reason": (
        "followup", 1, "reason", "nudge",
        "'nudge' is not one of follow-up, thank-you, close-the-loop, intro-follow-up",
    ),
    "unknown-status": ("ask", 1, "status", "closed", "'closed' is not one of open, done, declined"),
    "unknown-direction": ("ledger", 2, "direction", "given", "'given' is not one of gave, got"),
    "text-in-a-count": ("contact", 2, "cadence_days", "30", "'30' is not an integer"),
    "float-in-a-count": ("contact", 2, "cadence_days", 30.5, "30.5 is not an integer"),
    "boolean-in-an-id": ("interaction", 3, "contact_id", True, "true is not an integer"),
    "zero-cadence": ("contact", 3, "cadence_days", 0, "0 is not between 1 and 36500"),
    "negative-cadence": ("contact", 3, "cadence_days", -21, "-21 is not between 1 and 36500"),
    "cadence-over-100-years": (
        "contact", 3, "cadence_days", 36501, "36501 is not between 1 and 36500",
    ),
    "negative-count": (
        "contact", 1, "unanswered", -1, "-1 is not between 0 and 9223372036854775807",
    ),
    "integer-over-64-bits": (
        "ask", 1, "contact_id", 2**64, "18446744073709551616 does not fit in a 64-bit integer",
    ),
    "id-zero": ("life_note", 2, "id", 0, "0 is not between 1 and 9007199254740992"),
    "yes-in-a-boolean": (
        "interaction", 1, "no_reply", "yes",
        "'yes' is not 0 or 1 (booleans are stored as 0 and 1)",
    ),
    "true-in-a-boolean": (
        "interaction", 1, "no_reply", True, "true is not 0 or 1 (booleans are stored as 0 and 1)",
    ),
    "two-in-a-boolean": (
        "interaction", 2, "no_reply", 2, "2 is not 0 or 1 (booleans are stored as 0 and 1)",
    ),
    "number-in-text": ("contact", 1, "name", 42, "42 is not text"),
    "number-in-a-tag": ("contact_tag", 2, "tag", 7, "7 is not text"),
    "object-in-text": ("ledger", 1, "what", {"a": 1}, '{"a": 1} is not text'),
    "birthday-without-padding": (
        "contact", 3, "birthday", "1815-12-1",
        "'1815-12-1' is not a birthday (YYYY-MM-DD, or --MM-DD without the year)",
    ),
    "birthday-that-does-not-exist": (
        "contact", 1, "birthday", "--02-30",
        "'--02-30' is not a birthday (YYYY-MM-DD, or --MM-DD without the year)",
    ),
    "birthday-as-typed": (
        "contact", 1, "birthday", "12-09",
        "'12-09' is not a birthday (YYYY-MM-DD, or --MM-DD without the year)",
    ),
    "missing-day": ("interaction", 2, "occurred_on", DROP, "is missing"),
    "missing-id": ("followup", 2, "id", DROP, "is missing"),
    "null-where-a-value-is-needed": ("ledger", 1, "what", None, "is null (it needs a value)"),
    "null-name-key": ("contact", 2, "name_key", None, "is null (it needs a value)"),
    "missing-contact": (
        "interaction", 2, "contact_id", 99, "99 is not the id of a contact row in the dump",
    ),
    "tag-of-a-missing-contact": (
        "contact_tag", 1, "contact_id", 99, "99 is not the id of a contact row in the dump",
    ),
    "missing-introducer": (
        "contact", 2, "via_id", 42, "42 is not the id of a contact row in the dump",
    ),
    "missing-interaction": (
        "followup", 1, "interaction_id", 999, "999 is not the id of an interaction row in the dump",
    ),
    "missing-ledger-entry": (
        "followup", 1, "ledger_id", 999, "999 is not the id of a ledger row in the dump",
    ),
    "long-value-is-cut": (
        "interaction", 1, "occurred_on", "x" * 200, "'" + "x" * 58 + "… is not a date (YYYY-MM-DD)",
    ),
    "control-characters-are-escaped": (
        "ask", 1, "asked_on", "2026-10-01\n\x1b[31m",
        r"'2026-10-01\n\x1b[31m' is not a date (YYYY-MM-DD)",
    ),
}  # fmt: skip


@pytest.mark.parametrize("case", list(BAD_VALUES))
def test_a_bad_value_is_refused_naming_table_row_and_column(valid_dump, tmp_path, case):
    table, row, column, value, problem = BAD_VALUES[case]
    data = _mutated(valid_dump, table, row, column, value)
    result, source, _ = _restore(tmp_path, data)  # and the database stays empty
    rid = data["tables"][table][row - 1].get("id")
    ident = f" (id {rid})" if rid is not None else ""
    joint = " " if problem.startswith("is ") else ": "
    assert refused_line(result) == (
        f"Error: {source}: {table} row {row}{ident}, column {column}{joint}{problem}{HINT}"
    )


def test_the_example_line_of_the_readme(valid_dump, tmp_path):
    """The form the README shows: table, row and id, column, the value, what it should be."""
    data = _mutated(valid_dump, "interaction", 2, "occurred_on", "2026-01-01T10:00:00Z")
    result, source, _ = _restore(tmp_path, data)
    assert refused_line(result) == (
        f"Error: {source}: interaction row 2 (id 2), column occurred_on: "
        "'2026-01-01T10:00:00Z' is not a date (YYYY-MM-DD) — export it again from the netlog "
        "that wrote it"
    )


def test_a_repeated_id_is_refused(valid_dump, tmp_path):
    data = copy.deepcopy(valid_dump)
    rows = data["tables"]["interaction"]
    rows[2]["id"] = rows[0]["id"]
    result, source, _ = _restore(tmp_path, data)
    assert refused_line(result) == (
        f"Error: {source}: interaction row 3 (id 1), column id: 1 is also the id of row 1{HINT}"
    )


def test_a_repeated_tag_is_refused(valid_dump, tmp_path):
    data = copy.deepcopy(valid_dump)
    rows = data["tables"]["contact_tag"]
    rows.append(dict(rows[0]))
    result, source, _ = _restore(tmp_path, data)
    first = rows[0]
    assert refused_line(result) == (
        f"Error: {source}: contact_tag row {len(rows)}, columns contact_id, tag: "
        f'[{first["contact_id"]}, "{first["tag"]}"] is also the contact_id, tag of row 1{HINT}'
    )


def test_the_first_problem_is_the_one_named(valid_dump, tmp_path):
    """Tables in dump order (parents first), rows in order, columns in schema order."""
    data = _mutated(valid_dump, "followup", 1, "due_on", "soon")
    data = _mutated(data, "interaction", 3, "kind", "lunch")
    data = _mutated(data, "interaction", 3, "occurred_on", "today")
    result, source, _ = _restore(tmp_path, data)
    assert refused_line(result).startswith(
        f"Error: {source}: interaction row 3 (id 3), column occurred_on: 'today'"
    )


def test_unknown_columns_and_tables_are_refused(valid_dump, tmp_path):
    data = _mutated(valid_dump, "ask", 2, "priority", "high")
    result, source, _ = _restore(tmp_path, data)
    assert refused_line(result) == (
        f"Error: {source}: ask row 2 (id 2) has a column this netlog does not know: "
        "'priority' — was it written by a newer netlog?"
    )
    data = copy.deepcopy(valid_dump)
    data["tables"]["reminder"] = []
    result, source, _ = _restore(tmp_path, data)
    assert refused_line(result) == (
        f"Error: {source} has tables this netlog does not know: ['reminder'] — "
        "was it written by a newer netlog?"
    )


def test_a_dry_run_checks_everything_too(valid_dump, tmp_path):
    data = _mutated(valid_dump, "ledger", 2, "contact_id", 77)
    source = tmp_path / "dump.json"
    source.write_text(json.dumps(data), encoding="utf-8")
    target = tmp_path / "target.db"
    db.connect(target).close()
    line = refused_line(invoke(target, "import", str(source), "--dry-run"))
    assert "ledger row 2 (id 2), column contact_id: 77 is not the id of a contact row" in line


def test_a_column_the_database_fills_in_may_be_left_out(valid_dump, tmp_path):
    """Columns with a default in the schema (kind, no_reply, cadence_days...) get it."""
    data = _mutated(valid_dump, "interaction", 1, "no_reply", DROP)
    data = _mutated(data, "contact", 1, "cadence_days", DROP)
    result, _, target = _restore(tmp_path, data)
    assert result.exit_code == 0, result.stderr
    conn = db.connect(target)
    assert conn.execute("SELECT no_reply FROM interaction WHERE id = 1").fetchone() == (0,)
    assert conn.execute("SELECT cadence_days FROM contact WHERE id = 1").fetchone() == (30,)
    conn.close()


def test_derived_values_are_computed_again(valid_dump, tmp_path):
    """name_key, last_* and next_checkin_on follow the restored history, whatever
    the dump says: an edited dump restores to a database `check` finds healthy."""
    data = copy.deepcopy(valid_dump)
    ada = next(c for c in data["tables"]["contact"] if c["name"] == "Ada Lovelace")
    ada["name"] = "Ada King"  # name_key still says "ada lovelace"
    ada["last_summary"] = "something else"
    ada["next_checkin_on"] = "2030-01-01"
    result, _, target = _restore(tmp_path, data)
    assert result.exit_code == 0, result.stderr
    assert invoke(target, "check").exit_code == 0
    shown = json.loads(invoke(target, "show", "ada king", "--json").stdout)
    assert shown["last_summary"] == valid_dump["tables"]["contact"][2]["last_summary"]
    assert shown["next_checkin_on"] == valid_dump["tables"]["contact"][2]["next_checkin_on"]


def test_a_dump_netlog_wrote_restores_identically(valid_dump, tmp_path):
    result, _, target = _restore(tmp_path, valid_dump)
    assert result.exit_code == 0, result.stderr
    again = json.loads(invoke(target, "export", "--format", "json").stdout)
    assert again == valid_dump


# ----- the rules come from the schema
def test_every_column_models_declares_has_a_rule():
    """rules() reads models.py: every table the dump carries, every column, with a
    check for its type (a type without one fails here, not in a user's restore)."""
    from netlog import models

    rules = dump_validate.rules()
    assert sorted(rules) == sorted(t.name for t in models.SQLModel.metadata.sorted_tables)
    assert set(DUMP_TABLES) <= set(rules)
    for table in models.SQLModel.metadata.sorted_tables:
        assert list(rules[table.name].columns) == [c.name for c in table.columns]


def test_every_extra_names_a_declared_column():
    """ENUMS, RANGES and FORMATS add what the types do not say: each must name a
    column models.py declares, so a renamed or dropped column is noticed."""
    rules = dump_validate.rules()
    for table, column in [*dump_validate.ENUMS, *dump_validate.RANGES, *dump_validate.FORMATS]:
        assert column in rules.get(table, dump_validate.TableRule(table, {}, (), None)).columns, (
            table,
            column,
        )


def test_a_table_added_to_the_schema_is_checked_without_new_code():
    """Schema version 2 adds tables (contact channels with a label and a preferred
    flag...) and a day column on contact: their checks follow from the types,
    nullability, defaults, keys and unique constraints alone."""
    import sqlalchemy as sa

    metadata = sa.MetaData()
    sa.Table(
        "contact", metadata,
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.String, nullable=False),
        sa.Column("created_on", sa.Date, nullable=False),
    )  # fmt: skip
    sa.Table(
        "contact_channel", metadata,
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("contact_id", sa.Integer, sa.ForeignKey("contact.id"), nullable=False),
        sa.Column("kind", sa.String, nullable=False),
        sa.Column("value", sa.String, nullable=False),
        sa.Column("label", sa.String),
        sa.Column("preferred", sa.Boolean, nullable=False, server_default="0"),
        sa.Column("created_at", sa.String, nullable=False),
        sa.UniqueConstraint("contact_id", "kind", "value"),
    )  # fmt: skip
    schema = dump_validate.rules_for(metadata)
    order = ("contact", "contact_channel")
    contact = {"id": 1, "name": "Ada", "created_on": "2026-01-01"}
    channel = {"id": 1, "contact_id": 1, "kind": "email", "value": "ada@example.com",
               "label": "work", "preferred": 1, "created_at": "2026-01-01T10:00:00Z"}  # fmt: skip

    def problem(contacts: list[dict], channels: list[dict]) -> str:
        tables = {"contact": contacts, "contact_channel": channels}
        try:
            dump_validate.check_tables(tables, "v2.json", order, schema)
        except dump.DumpError as refused:
            return str(refused).removesuffix(HINT)
        return "accepted"

    assert problem([contact], [channel, {**channel, "id": 2, "label": None}]).endswith(
        'columns contact_id, kind, value: [1, "email", "ada@example.com"] is also the '
        "contact_id, kind, value of row 1"
    )
    assert problem([contact], [channel, {**channel, "id": 2, "value": "a@b.c"}]) == "accepted"
    assert problem([{**contact, "created_on": "2026-01-01T00:00:00Z"}], []) == (
        "v2.json: contact row 1 (id 1), column created_on: '2026-01-01T00:00:00Z' is not a "
        "date (YYYY-MM-DD)"
    )
    assert problem([contact], [{**channel, "preferred": "yes"}]) == (
        "v2.json: contact_channel row 1 (id 1), column preferred: 'yes' is not 0 or 1 "
        "(booleans are stored as 0 and 1)"
    )
    assert problem([contact], [{**channel, "contact_id": 2}]) == (
        "v2.json: contact_channel row 1 (id 1), column contact_id: 2 is not the id of a "
        "contact row in the dump"
    )
    without_flag = {k: v for k, v in channel.items() if k != "preferred"}
    assert problem([contact], [without_flag]) == "accepted"  # the database fills it in
    assert problem([{"id": 1, "name": "Ada"}], []) == (
        "v2.json: contact row 1 (id 1), column created_on is missing"
    )


def test_check_and_restore_share_the_allowed_values():
    assert maintenance.ENUMS is dump_validate.ENUMS


def _wrong_for(table: str, column: Any) -> object:
    """A value of the wrong kind for a column, chosen from its declared type."""
    kind = dump_validate._python_type(column)
    if kind is str:
        return 12
    if kind is bool:
        return "yes"
    if kind is int:
        return "12"
    return "2026-01-01T10:00:00Z"  # a date column


def test_every_column_refuses_a_value_of_the_wrong_type(valid_dump, tmp_path):
    """Driven by the schema: for each column of each table, a wrong-typed value in
    its first row is refused naming that column (covers tables added later)."""
    from netlog import models

    for table in models.SQLModel.metadata.sorted_tables:
        rows = valid_dump["tables"].get(table.name)
        if not rows:
            continue
        for column in table.columns:
            value = _wrong_for(table.name, column)
            data = _mutated(valid_dump, table.name, 1, column.name, value)
            with pytest.raises(dump.DumpError) as refused:
                dump_validate.check_tables(data["tables"], "d.json", DUMP_TABLES)
            assert f"d.json: {table.name} row 1" in str(refused.value)
            assert f"column {column.name}: " in str(refused.value), str(refused.value)


# ----- the property: refused whole, or readable by every command
_POOL = [
    None, 0, 1, -1, 2, 40000, 2**63, 1.5, True, False, "", " ", "x", "yes", "0", "1",
    "2026-01-01T10:00:00Z", "2026-01-01T10:00:00+02:00", "2026-01-01 10:00:00",
    "2026-02-30", "2026-1-5", "20260105", "2026-W01-1", "9999-12-31", "0001-01-01",
    "8999-12-31", "1000-01-01", "2026-11-25", "--02-29", "--13-45", "1990-02-29",
    "gave", "got", "open", "done", "declined", "call", "thanks", "thank-you", "nudge",
    "check-in", "zzz", [1], {}, "\x00", "a\nb", "\x1b[31m", "٢٠٢٦-٠١-٠١",
]  # fmt: skip
_NEW_VALUE = st.one_of(
    st.sampled_from(_POOL),
    st.integers(),
    st.text(max_size=12),
    st.dates().map(lambda d: d.isoformat()),
    st.datetimes().map(lambda d: d.strftime("%Y-%m-%dT%H:%M:%SZ")),
)
# A mutation: leave the column out, copy the value of the same column from
# another row (a repeated id, another contact), or put a new value in.
_MUTATION = st.one_of(
    st.just(("drop", None)),
    st.integers(0, 20).map(lambda n: ("copy", n)),
    _NEW_VALUE.map(lambda v: ("set", v)),
)
_COMMANDS = [
    ["due"],
    ["due", "--json"],
    ["list", "--json"],
    ["check"],
    *(["export", "--format", f] for f in ("json", "vcard", "csv", "ics")),
]


def _clean(result: Any, args: list[str]) -> None:
    assert result.exception is None or isinstance(result.exception, SystemExit), args
    output = result.stdout + result.stderr
    assert "bug in netlog" not in output and "Traceback" not in output, (args, output)


@settings(
    max_examples=400,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(people=PEOPLE, operations=OPERATIONS, data=st.data())
def test_a_mutated_dump_is_refused_whole_or_readable_by_every_command(
    empty_db, people, operations, data
):
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        conn = db.connect(copy_db(empty_db, folder / "source.db"))
        try:
            grow_network(Repository(conn), people, operations)
            dumped = json.loads(dump.dump(Repository(conn)))
        finally:
            conn.close()
        tables = [t for t in DUMP_TABLES if dumped["tables"][t]]
        table = data.draw(st.sampled_from(tables), label="table")
        rows = dumped["tables"][table]
        row = data.draw(st.integers(0, len(rows) - 1), label="row")
        column = data.draw(st.sampled_from(sorted(rows[row])), label="column")
        how, value = data.draw(_MUTATION, label="mutation")
        if how == "drop":
            del rows[row][column]
        elif how == "copy":
            rows[row][column] = rows[value % len(rows)].get(column)
        else:
            rows[row][column] = value

        path = folder / "dump.json"
        path.write_text(json.dumps(dumped), encoding="utf-8")
        target = copy_db(empty_db, folder / "target.db")
        before = snapshot(target)
        restored = invoke(target, "import", str(path))
        _clean(restored, ["import"])
        if restored.exit_code != 0:
            event("refused")
            refused_line(restored)
            assert snapshot(target) == before
            return
        event("accepted")
        contacts = [r["id"] for r in dumped["tables"]["contact"]]
        for args in [*_COMMANDS, *(["show", f"#{cid}"] for cid in contacts)]:
            result = invoke(target, *args)
            _clean(result, args)
            assert result.exit_code == 0, (args, result.stdout, result.stderr)
