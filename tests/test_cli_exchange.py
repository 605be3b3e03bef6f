"""Import, export, dupes and merge, end to end through the CLI.

Every test runs the real commands against its own database and then reopens the
file to check what was stored (or, for every refusal, that nothing changed at
all). Exports are read back with real parsers: vobject for vCard, icalendar for
iCalendar, the csv module for CSV, and netlog's own importers for the round trips.
"""

from __future__ import annotations

import csv
import io
import json
import random
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from conftest import TODAY, query, snapshot
from netlog import db, dump, services
from netlog.exporters.csv_export import COLUMNS
from netlog.repository import Repository
from networks import OPERATIONS, PEOPLE, grow_network

ROOT = Path(__file__).resolve().parents[1]
CONNECTIONS = ROOT / "examples" / "Connections.csv"
CONTACTS_VCF = ROOT / "examples" / "contacts.vcf"
CREATED = "Created a new netlog database"


# ----- helpers
def ok(run):
    assert run.exit_code == 0, (run.stdout, run.stderr)
    return run


def messages(run) -> list[str]:
    """stderr lines, without the one-time notice that a new database was created."""
    return [line for line in run.stderr.splitlines() if not line.startswith(CREATED)]


def only_error(run) -> str:
    """A refusal: exit 1, nothing on stdout, exactly one ``Error: `` line, no traceback."""
    assert run.exit_code == 1, (run.stdout, run.stderr)
    assert run.stdout == ""
    lines = run.stderr.splitlines()
    assert len(lines) == 1, run.stderr
    assert lines[0].startswith("Error: "), run.stderr
    assert "Traceback" not in run.stderr
    return lines[0]


def day(n: int) -> str:
    return (TODAY + timedelta(days=n)).isoformat()


@pytest.fixture
def empty_db(cli, db_path: Path) -> Path:
    """The database created (and its one-time notice printed) before the test runs."""
    ok(cli("list"))
    return db_path


@pytest.fixture
def seeded(ada, db_path: Path) -> Path:
    """A database holding Ada (see conftest), so "nothing changed" means something."""
    return db_path


def _column(name: str) -> str:
    """A contact column, or ``email``/``phone``/``url`` (the preferred one) and
    ``emails``/``phones``/``urls`` (all, preferred first, joined by ", ")."""
    kind = name.rstrip("s")
    if name in ("email", "phone", "url"):
        return (
            f"(SELECT value FROM contact_channel h WHERE h.contact_id = contact.id AND "
            f"h.kind = '{kind}' ORDER BY h.preferred DESC, h.id LIMIT 1)"
        )
    if name in ("emails", "phones", "urls"):
        return (
            f"(SELECT group_concat(value, ', ') FROM (SELECT value FROM contact_channel h WHERE "
            f"h.contact_id = contact.id AND h.kind = '{kind}' ORDER BY h.preferred DESC, h.id))"
        )
    return name


def contacts_by_name(db_path: Path, columns: str) -> dict[str, tuple]:
    selected = ", ".join(_column(c.strip()) for c in columns.split(","))
    rows = query(db_path, f"SELECT name, {selected} FROM contact")
    return {row[0]: row[1:] for row in rows}


def tags_by_name(db_path: Path) -> dict[str, list[str]]:
    result: dict[str, list[str]] = {}
    for name, tag in query(
        db_path,
        "SELECT c.name, t.tag FROM contact c JOIN contact_tag t ON t.contact_id = c.id "
        "ORDER BY c.name, t.tag",
    ):
        result.setdefault(name, []).append(tag)
    return result


NETWORK: list[tuple[str, ...]] = [
    ("add", "Grace Hopper", "--company", "Compiler Works", "--title", "Rear Admiral",
     "--email", "grace@example.com", "--met", "Systems meetup; talk, Q&A", "--every", "2m",
     "--tag", "mentor", "--on", "2026-06-01"),
    ("add", "Alan Turing", "--via", "grace", "--met", "Grace's intro email", "--every", "1m",
     "--tag", "ml", "--on", "2026-07-01"),
    ("add", "Ada Lovelace", "--company", "Analytical", "--email", "ada@example.com",
     "--phone", "+44 20 7946 0000", "--met", "PyCon 2026 hallway", "--every", "3w",
     "--tag", "python", "--tag", "mentor", "--on", "2026-09-25"),
    ("log", "ada", "resume review", "--got", "resume advice", "--gave", "feedback on her talk",
     "--follow-up", "in 2 weeks", "--on", "2026-11-01"),
    ("log", "alan", "--no-reply", "--on", "2026-11-20"),
    ("intro", "ada", "alan", "--why", "both love engines"),
    ("ask", "grace", "intro to the data team", "--at", "Acme", "--on", "2026-10-01"),
    ("ask", "ada", "a referral"),
    ("asks", "done", "1", "--outcome", "met Katherine from data"),
    ("note", "ada", "training for a marathon", "--on", "2026-11-10"),
    ("snooze", "grace", "in 3 weeks"),
    ("edit", "ada", "--birthday", "1815-12-10", "--offers", "math tutoring",
     "--seeks", "funding"),
    ("edit", "grace", "--birthday", "12-09", "--offers", "compiler advice",
     "--seeks", "a co-founder"),
]  # fmt: skip


def build_network(cli) -> None:
    for step in NETWORK:
        ok(cli(*step))


def write_linkedin(path: Path, rows: list[tuple[str, ...]]) -> Path:
    lines = ["First Name,Last Name,URL,Email Address,Company,Position,Connected On"]
    lines += [",".join(row) for row in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


# ----- 1. a LinkedIn import
def test_linkedin_import_reports_and_stores_everything(cli, empty_db):
    run = ok(cli("import", str(CONNECTIONS)))
    assert run.stdout == (
        f"Imported {CONNECTIONS} (linkedin): 7 new, 0 updated, 0 unchanged, 1 skipped\n"
    )
    assert run.stderr.splitlines() == [f"Skipped {CONNECTIONS} line 11: no name"]
    stored = contacts_by_name(empty_db, "company, title, url, email")
    assert stored == {
        "Priya Raman": (
            "Northwind Analytics", "Head of Data",
            "https://www.linkedin.com/in/priya-raman-example", None,
        ),
        "Marcus Ohlsson": (
            "Fjord Robotics", "Staff Engineer",
            "https://www.linkedin.com/in/marcus-ohlsson-example", "marcus@example.org",
        ),
        "Dana Whitfield, CPA": (
            "Ledger & Co, LLP", "Partner",
            "https://www.linkedin.com/in/dana-whitfield-example", None,
        ),
        'James "Tyler" Brooks': (
            "Acme Corp.", "Recruiter", "https://www.linkedin.com/in/tyler-brooks-example", None,
        ),
        "Aiko Tanaka": (
            "Sakura Cloud", "Product Manager",
            "https://www.linkedin.com/in/aiko-tanaka-example", "aiko@example.jp",
        ),
        "Léa Moreau": (
            "Atelier Numérique", "Designer", "https://www.linkedin.com/in/lea-moreau-example", None,
        ),
        "Sam Okafor 🚀": (
            "Acme Corp.", "Data Engineer", "https://www.linkedin.com/in/sam-okafor-example", None,
        ),
    }  # fmt: skip
    assert tags_by_name(empty_db) == {name: ["linkedin"] for name in stored}
    met = query(
        empty_db,
        "SELECT c.name, i.occurred_on, i.kind, i.summary FROM interaction i "
        "JOIN contact c ON c.id = i.contact_id ORDER BY c.name",
    )
    assert met == [
        ("Aiko Tanaka", "2021-11-30", "met", "Connected on LinkedIn"),
        ("Dana Whitfield, CPA", "2022-02-02", "met", "Connected on LinkedIn"),
        ('James "Tyler" Brooks', "2025-08-15", "met", "Connected on LinkedIn"),
        ("Léa Moreau", "2026-01-05", "met", "Connected on LinkedIn"),
        ("Marcus Ohlsson", "2023-03-21", "met", "Connected on LinkedIn"),
        ("Priya Raman", "2024-10-09", "met", "Connected on LinkedIn"),
        ("Sam Okafor 🚀", "2025-07-01", "met", "Connected on LinkedIn"),
    ]
    for name, cadence, next_on, met_field in query(
        empty_db, "SELECT name, cadence_days, next_checkin_on, met FROM contact"
    ):
        assert cadence == 180, name
        assert day(90) <= next_on <= day(180), (name, next_on)
        assert met_field == "Connected on LinkedIn"
    # Spread over the second half of the cadence, not all on one day.
    assert len({row[0] for row in query(empty_db, "SELECT next_checkin_on FROM contact")}) > 3
    assert json.loads(ok(cli("due", "--json")).stdout) == []


def test_import_tag_replaces_the_default_and_every_sets_the_cadence(cli, empty_db):
    ok(cli("import", str(CONNECTIONS), "--tag", "Friends", "--every", "1y"))
    assert set(map(tuple, tags_by_name(empty_db).values())) == {("friends",)}
    assert len(tags_by_name(empty_db)) == 7
    for name, cadence, next_on in query(
        empty_db, "SELECT name, cadence_days, next_checkin_on FROM contact"
    ):
        assert cadence == 365, name
        assert day(182) <= next_on <= day(365), (name, next_on)
    assert json.loads(ok(cli("due", "--json", "--within", "25w")).stdout) == []


def test_import_every_must_be_a_positive_duration(cli, seeded):
    before = snapshot(seeded)
    error = only_error(cli("import", str(CONNECTIONS), "--every", "0d"))
    assert error.startswith("Error: --every: '0d' is not a positive duration")
    assert snapshot(seeded) == before


# ----- 2. re-import
def test_reimport_changes_nothing_and_a_newer_file_updates_in_place(cli, empty_db, tmp_path):
    ok(cli("import", str(CONNECTIONS)))
    before = snapshot(empty_db)
    again = ok(cli("import", str(CONNECTIONS)))
    assert again.stdout == (
        f"Imported {CONNECTIONS} (linkedin): 0 new, 0 updated, 7 unchanged, 1 skipped\n"
    )
    assert snapshot(empty_db) == before  # not even updated_at moved
    assert query(empty_db, "SELECT count(*) FROM contact") == [(7,)]
    assert query(empty_db, "SELECT count(*) FROM interaction WHERE kind = 'met'") == [(7,)]

    [(marcus_id,)] = query(empty_db, "SELECT id FROM contact WHERE name = 'Marcus Ohlsson'")
    newer = tmp_path / "Connections.csv"
    text = CONNECTIONS.read_text(encoding="utf-8")
    assert text.count("Staff Engineer") == 1
    newer.write_text(text.replace("Staff Engineer", "Principal Engineer"), encoding="utf-8")
    run = ok(cli("import", str(newer)))
    assert run.stdout == (
        f"Imported {newer} (linkedin): 0 new, 1 updated, 6 unchanged, 1 skipped\n"
    )
    assert query(empty_db, "SELECT id, title FROM contact WHERE name = 'Marcus Ohlsson'") == [
        (marcus_id, "Principal Engineer")
    ]
    assert query(empty_db, "SELECT count(*) FROM contact") == [(7,)]
    assert query(empty_db, "SELECT count(*) FROM interaction") == [(7,)]


# ----- 3. dry run and --json
def test_dry_run_reports_and_changes_nothing(cli, seeded):
    before = snapshot(seeded)
    run = ok(cli("import", str(CONNECTIONS), str(CONTACTS_VCF), "--dry-run"))
    # The per-file summary is the command's output (stdout, as without --dry-run);
    # the notes for the person go to stderr.
    # Every row, in file order, with what would become of it.
    assert run.stdout.splitlines() == [
        f"Would import {CONNECTIONS} (linkedin): 7 new, 0 updated, 0 unchanged, 1 skipped",
        "  line 5  Priya Raman: new",
        "  line 6  Marcus Ohlsson: new",
        "  line 7  Dana Whitfield, CPA: new",
        '  line 8  James "Tyler" Brooks: new',
        "  line 9  Aiko Tanaka: new",
        "  line 10  Léa Moreau: new",
        "  line 11: skipped (no name)",
        "  line 12  Sam Okafor 🚀: new",
        f"Would import {CONTACTS_VCF} (vcard): 2 new, 0 updated, 0 unchanged, 0 skipped",
        "  card 1  Helena Voss: new",
        "  card 2  Tomás Herrera: new",
    ]
    assert run.stderr.splitlines() == ["Dry run: nothing was changed."]
    assert snapshot(seeded) == before


def test_json_summary_is_the_documented_object(cli, seeded):
    before = snapshot(seeded)
    dry = ok(cli("import", str(CONNECTIONS), str(CONTACTS_VCF), "--dry-run", "--json"))
    expected = {
        "dry_run": True,
        "new": 9,
        "updated": 0,
        "unchanged": 0,
        "skipped": [{"file": str(CONNECTIONS), "ref": "line 11", "reason": "no name"}],
        "duplicates": 0,
        "files": [
            {"file": str(CONNECTIONS), "format": "linkedin",
             "new": 7, "updated": 0, "unchanged": 0, "skipped": 1, "duplicates": 0,
             "ignored_columns": [], "notes": []},
            {"file": str(CONTACTS_VCF), "format": "vcard",
             "new": 2, "updated": 0, "unchanged": 0, "skipped": 0, "duplicates": 0,
             "ignored_columns": [], "notes": []},
        ],
    }  # fmt: skip

    def summary(text: str) -> dict:
        data = json.loads(text)
        rows = [f.pop("rows") for f in data["files"]]
        assert [len(r) for r in rows] == [7, 2]
        assert rows[1][0] == {
            "ref": "card 1", "name": "Helena Voss", "outcome": "new", "contact_id": 9,
            "matched_by": None, "like": None, "merged": False,
        }  # fmt: skip
        return data

    assert summary(dry.stdout) == expected
    assert dry.stderr == ""
    assert snapshot(seeded) == before
    real = ok(cli("import", str(CONNECTIONS), str(CONTACTS_VCF), "--json"))
    assert summary(real.stdout) == {**expected, "dry_run": False}
    assert query(seeded, "SELECT count(*) FROM contact") == [(10,)]
    again = json.loads(ok(cli("import", str(CONTACTS_VCF), "--json")).stdout)
    assert (again["new"], again["updated"], again["unchanged"]) == (0, 0, 2)


# ----- 4. several files
def test_several_files_in_one_import(cli, empty_db):
    run = ok(cli("import", str(CONNECTIONS), str(CONTACTS_VCF)))
    assert run.stdout.splitlines() == [
        f"Imported {CONNECTIONS} (linkedin): 7 new, 0 updated, 0 unchanged, 1 skipped",
        f"Imported {CONTACTS_VCF} (vcard): 2 new, 0 updated, 0 unchanged, 0 skipped",
    ]
    tags = tags_by_name(empty_db)
    assert len(tags) == 9
    assert tags["Helena Voss"] == ["health", "mentor"]  # a vCard gets no linkedin tag
    assert tags["Tomás Herrera"] == ["rust"]
    assert contacts_by_name(empty_db, "company, email, birthday")["Tomás Herrera"] == (
        "Acme Corp.",
        "tomas@example.com",
        "1988-09-02",
    )


@pytest.mark.parametrize(
    ("bad_name", "bad_bytes", "fragment"),
    [
        ("cut.vcf", b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Half Card\r\n", "has no END:VCARD"),
        ("junk.csv", bytes(range(256)), "looks like a binary file"),
        ("missing.vcf", None, "cannot read"),
    ],
)
def test_one_bad_file_means_nothing_is_imported(
    cli, seeded, tmp_path, bad_name, bad_bytes, fragment
):
    bad = tmp_path / bad_name
    if bad_bytes is not None:
        bad.write_bytes(bad_bytes)
    before = snapshot(seeded)
    error = only_error(cli("import", str(CONNECTIONS), str(CONTACTS_VCF), str(bad)))
    assert fragment in error
    assert snapshot(seeded) == before


def test_a_json_dump_is_restored_on_its_own(cli, seeded, tmp_path):
    dumped = tmp_path / "a.json"
    ok(cli("export", "--format", "json", "-o", str(dumped)))
    before = snapshot(seeded)
    error = only_error(cli("import", str(CONNECTIONS), str(dumped)))
    assert error == ("Error: a JSON dump is restored on its own — import it in a separate command")
    assert snapshot(seeded) == before


# ----- 5. malformed input
def _truncated_linkedin() -> bytes:
    data = CONNECTIONS.read_bytes()
    cut = data.index(b'"Ledger & Co') + len(b'"Ledger &')  # inside a quoted field
    return data[:cut]


BAD_FILES = {
    # name: (file name, content or None for a missing file, extra args, message fragment)
    "binary": (
        "photo.csv",
        random.Random(20261125).randbytes(4096) + b"\x00\x00\x00",
        (),
        "photo.csv looks like a binary file, not contacts",
    ),
    "empty": ("Connections.csv", b"", (), "Connections.csv is empty"),
    "truncated-linkedin": (
        "Connections.csv",
        _truncated_linkedin(),
        (),
        "Connections.csv ends inside a quoted value that starts on line 7",
    ),
    "no-header": (
        "numbers.csv",
        b"foo,bar,baz\n1,2,3\n4,5,6\n",
        (),
        "numbers.csv is a CSV netlog does not recognise (header: foo, bar, baz)",
    ),
    "no-header-as-csv": (
        "numbers.csv",
        b"foo,bar,baz\n1,2,3\n4,5,6\n",
        ("--format", "csv"),
        "numbers.csv has no recognisable header",
    ),
    "vcard-without-end": (
        "contacts.vcf",
        CONTACTS_VCF.read_bytes().rsplit(b"END:VCARD", 1)[0],
        (),
        "card 2 (line 14) of",
    ),
    "truncated-json": (
        "backup.json",
        b'{"format": "netlog-dump", "version": 1, "tables": {"contact": [',
        (),
        "backup.json is not valid JSON",
    ),
    "missing": ("nowhere.csv", None, (), "cannot read"),
    "vcard-format-on-csv": (
        "Connections.csv",
        CONNECTIONS.read_bytes(),
        ("--format", "vcard"),
        "contains no vCard (no BEGIN:VCARD line)",
    ),
}


@pytest.mark.parametrize("case", list(BAD_FILES))
def test_malformed_input_is_refused_whole(cli, seeded, tmp_path, case):
    name, content, extra, fragment = BAD_FILES[case]
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    before = snapshot(seeded)
    error = only_error(cli("import", str(path), *extra))
    assert fragment in error
    assert " — " in error  # every refusal says how to fix it
    assert snapshot(seeded) == before
    assert query(seeded, "SELECT name FROM contact") == [("Ada Lovelace",)]


def test_a_newer_dump_version_is_refused(cli, seeded, tmp_path):
    dumped = tmp_path / "a.json"
    ok(cli("export", "--format", "json", "-o", str(dumped)))
    data = json.loads(dumped.read_text(encoding="utf-8"))
    assert data["version"] == 1
    data["version"] = 99
    newer = tmp_path / "newer.json"
    newer.write_text(json.dumps(data), encoding="utf-8")
    fresh = tmp_path / "fresh.db"
    ok(cli("--db", str(fresh), "list"))  # an empty database, created
    before = snapshot(fresh)
    error = only_error(cli("--db", str(fresh), "import", str(newer)))
    assert error == (
        f"Error: {newer} is a version 99 dump, newer than this netlog reads (1) — "
        "upgrade netlog to import it"
    )
    assert snapshot(fresh) == before


def test_a_dump_is_not_restored_into_a_database_with_data(cli, seeded, tmp_path):
    dumped = tmp_path / "a.json"
    ok(cli("export", "--format", "json", "-o", str(dumped)))
    before = snapshot(seeded)
    error = only_error(cli("import", str(dumped)))
    assert error == (
        f"Error: {dumped} is a full netlog dump and this database already has data — "
        f"restore it into a new database: netlog --db new.db import {dumped}"
    )
    assert snapshot(seeded) == before


def test_a_dry_run_restore_into_a_database_with_data_is_refused_too(cli, seeded, tmp_path):
    dumped = tmp_path / "a.json"
    ok(cli("export", "--format", "json", "-o", str(dumped)))
    before = snapshot(seeded)
    error = only_error(cli("import", str(dumped), "--dry-run"))
    assert "already has data" in error
    assert snapshot(seeded) == before


# ----- 6. the JSON dump round trip
def test_json_dump_round_trip_is_exact(cli, db_path, tmp_path):
    build_network(cli)
    first = tmp_path / "a.json"
    second = tmp_path / "b.json"
    other = tmp_path / "other.db"
    written = ok(cli("export", "--format", "json", "-o", str(first)))
    assert written.stdout == ""
    assert messages(written) == [f"Wrote {first}"]
    assert ok(cli("export", "--format", "json")).stdout == first.read_text(encoding="utf-8")

    dry = ok(cli("--db", str(other), "import", str(first), "--dry-run"))
    assert dry.stdout == f"Would restore 3 contacts and their history from {first}\n"
    assert query(other, "SELECT count(*) FROM contact") == [(0,)]

    restored = ok(cli("--db", str(other), "import", str(first)))
    assert restored.stdout == f"Restored 3 contacts and their history from {first}\n"
    ok(cli("--db", str(other), "export", "--format", "json", "-o", str(second)))
    assert second.read_bytes() == first.read_bytes()

    data = json.loads(first.read_text(encoding="utf-8"))
    assert (data["format"], data["version"]) == ("netlog-dump", 1)
    counts = {table: len(rows) for table, rows in data["tables"].items()}
    assert counts["contact"] == 3
    assert all(counts[t] > 0 for t in ("interaction", "ledger", "introduction", "followup"))
    assert all(counts[t] > 0 for t in ("ask", "life_note", "contact_tag"))

    def both(*args: str) -> tuple[str, str]:
        here = ok(cli(*args)).stdout
        there = ok(cli("--db", str(other), *args)).stdout
        return here, there

    for cid in (1, 2, 3):
        here, there = both("show", f"#{cid}", "--json")
        assert json.loads(here) == json.loads(there)
    assert json.loads(both("show", "ada", "--json")[1])["notes"][0]["text"] == (
        "training for a marathon"
    )
    for args in (
        ("due", "--json"),
        ("due", "--json", "--within", "8w"),
        ("asks", "--all", "--json"),
        ("ledger", "--json"),
        ("search", "marathon", "--json"),
        ("list", "--json"),
    ):
        here, there = both(*args)
        assert here == there, args
    assert json.loads(both("due", "--json")[0])  # something is due: the comparison means something
    later = TODAY + timedelta(days=40)
    assert (
        ok(cli("due", "--json", today=later)).stdout
        == ok(cli("--db", str(other), "due", "--json", today=later)).stdout
    )


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(people=PEOPLE, operations=OPERATIONS)
def test_dump_restore_dump_is_identical_for_any_network(people, operations):
    with tempfile.TemporaryDirectory() as folder:
        source_conn = db.connect(Path(folder) / "source.db")
        target_conn = db.connect(Path(folder) / "target.db")
        try:
            source = Repository(source_conn)
            grow_network(source, people, operations)
            text = dump.dump(source)
            target = Repository(target_conn)
            summary = dump.restore(target, json.loads(text), "source.json")
            assert summary.contacts == len(people)
            assert dump.dump(target) == text
            until = TODAY + timedelta(days=60)
            assert services.due(target, today=TODAY, until=until) == services.due(
                source, today=TODAY, until=until
            )
        finally:
            source_conn.close()
            target_conn.close()


# ----- 7. vCard export
def _cards(text: str) -> dict[str, object]:
    vobject = pytest.importorskip("vobject")
    cards = list(vobject.readComponents(text))
    return {card.contents["fn"][0].value: card for card in cards}


def _value(card, name: str) -> object:
    return card.contents[name.lower()][0].value


@pytest.mark.parametrize("version", ["4.0", "3.0"])
def test_vcard_export_reads_back_and_reimports(cli, db_path, tmp_path, version):
    build_network(cli)
    args = ("export", "--format", "vcard")
    if version == "3.0":
        args += ("--vcard-version", "3.0")
    run = ok(cli(*args))
    cards = _cards(run.stdout)
    assert list(cards) == ["Ada Lovelace", "Alan Turing", "Grace Hopper"]
    tags = tags_by_name(db_path)
    for name, card in cards.items():
        assert _value(card, "VERSION") == version
        assert sorted(_value(card, "CATEGORIES")) == tags[name]
    assert _value(cards["Ada Lovelace"], "X-NETLOG-CADENCE") == "3w"
    assert _value(cards["Alan Turing"], "X-NETLOG-CADENCE") == "30d"
    assert _value(cards["Grace Hopper"], "X-NETLOG-CADENCE") == "60d"
    assert _value(cards["Alan Turing"], "X-NETLOG-VIA") == "Grace Hopper"
    assert _value(cards["Ada Lovelace"], "EMAIL") == "ada@example.com"

    exported = tmp_path / f"network-{version}.vcf"
    ok(cli(*args, "-o", str(exported)))
    assert exported.read_bytes().startswith(f"BEGIN:VCARD\r\nVERSION:{version}\r\n".encode())
    other = tmp_path / "other.db"
    back = ok(cli("--db", str(other), "import", str(exported)))
    assert back.stdout == f"Imported {exported} (vcard): 3 new, 0 updated, 0 unchanged, 0 skipped\n"
    fields = "cadence_days, met, offers, seeks, birthday, company, email, phone"
    assert contacts_by_name(other, fields) == contacts_by_name(db_path, fields)
    assert tags_by_name(other) == tags
    assert contacts_by_name(other, "birthday")["Grace Hopper"] == ("--12-09",)
    [(alan_via,)] = query(
        other, "SELECT v.name FROM contact c JOIN contact v ON v.id = c.via_id "
        "WHERE c.name = 'Alan Turing'"
    )  # fmt: skip
    assert alan_via == "Grace Hopper"
    # The same file again: netlog recognises everyone.
    again = ok(cli("--db", str(other), "import", str(exported)))
    assert "0 new, 0 updated, 3 unchanged" in again.stdout


def test_vcard_export_refuses_other_versions_and_filters_by_tag(cli, db_path):
    build_network(cli)
    before = snapshot(db_path)
    error = only_error(cli("export", "--format", "vcard", "--vcard-version", "2.1"))
    assert error == "Error: --vcard-version 2.1 is not supported — use 4.0 or 3.0"
    assert snapshot(db_path) == before
    assert list(_cards(ok(cli("export", "--format", "vcard", "--tag", "python")).stdout)) == [
        "Ada Lovelace"
    ]
    assert list(_cards(ok(cli("export", "--format", "vcard", "--tag", "#Mentor")).stdout)) == [
        "Ada Lovelace",
        "Grace Hopper",
    ]
    assert ok(cli("export", "--format", "vcard", "--tag", "nobody")).stdout == ""


# ----- 8. CSV export
def test_csv_export_neutralises_formulas_and_reads_back(cli, db_path, tmp_path):
    ok(cli(
        "add", "Eve Mallory", "--company", '=HYPERLINK("http://evil")', "--note", "+SUM(A1)",
        "--phone", "+44 20 7946 0000", "--birthday", "04-15", "--tag", "sec", "--every", "2w",
        "--title", "@handle",
    ))  # fmt: skip
    ok(cli("add", "Ada Lovelace", "--via", "eve", "--note", "line one\nline two, with a comma"))
    run = ok(cli("export", "--format", "csv"))
    rows = list(csv.reader(io.StringIO(run.stdout)))
    assert rows[0] == list(COLUMNS)
    assert rows[0] == (
        "id, name, company, title, email, phone, url, tags, met, via, offers, seeks, birthday, "
        "cadence, last_contact_on, next_checkin_on, snoozed_until, note"
    ).split(", ")  # as the README documents
    records = {row[1]: dict(zip(rows[0], row, strict=True)) for row in rows[1:]}
    eve = records["Eve Mallory"]
    assert eve["company"] == '\'=HYPERLINK("http://evil")'
    assert eve["note"] == "'+SUM(A1)"
    assert eve["title"] == "'@handle"
    assert eve["phone"] == "'+44 20 7946 0000"
    assert eve["birthday"] == "'--04-15"
    assert (eve["tags"], eve["cadence"]) == ("sec", "2w")
    assert records["Ada Lovelace"]["via"] == "Eve Mallory"
    assert records["Ada Lovelace"]["note"] == "line one\nline two, with a comma"
    for row in rows[1:]:
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell

    exported = tmp_path / "network.csv"
    ok(cli("export", "--format", "csv", "-o", str(exported)))
    written = exported.read_bytes().decode("utf-8")
    assert written.startswith(",".join(COLUMNS) + "\r\n")  # RFC 4180 row ends
    assert list(csv.reader(io.StringIO(written, newline=""))) == rows
    other = tmp_path / "other.db"
    back = ok(cli("--db", str(other), "import", str(exported)))
    assert back.stdout == f"Imported {exported} (csv): 2 new, 0 updated, 0 unchanged, 0 skipped\n"
    fields = "company, title, phone, note, birthday, cadence_days"
    assert contacts_by_name(other, fields)["Eve Mallory"] == (
        '=HYPERLINK("http://evil")', "@handle", "+44 20 7946 0000", "+SUM(A1)", "--04-15", 14,
    )  # fmt: skip
    assert contacts_by_name(other, "note")["Ada Lovelace"] == ("line one\nline two, with a comma",)
    assert tags_by_name(other)["Eve Mallory"] == ["sec"]
    assert query(other, "SELECT v.name FROM contact c JOIN contact v ON v.id = c.via_id") == [
        ("Eve Mallory",)
    ]


def test_a_comma_separates_tags_so_csv_round_trips_keep_them(cli, db_path, tmp_path):
    ok(cli("add", "Kim Lee", "--tag", "r&d,ops", "--tag", "python"))
    assert tags_by_name(db_path) == {"Kim Lee": ["ops", "python", "r&d"]}
    exported = tmp_path / "network.csv"
    ok(cli("export", "--format", "csv", "-o", str(exported)))
    other = tmp_path / "other.db"
    ok(cli("--db", str(other), "import", str(exported)))
    assert tags_by_name(other) == {"Kim Lee": ["ops", "python", "r&d"]}


# ----- 9. iCalendar export
def _calendar(text: str):
    icalendar = pytest.importorskip("icalendar")
    return icalendar.Calendar.from_ical(text)


def _components(cal, kind: str) -> list:
    return [c for c in cal.walk() if c.name == kind]


def test_ics_export_parses_with_stable_uids(cli, db_path, tmp_path):
    build_network(cli)
    names = [row[0] for row in query(db_path, "SELECT name FROM contact")]
    first = ok(cli("export", "--format", "ics", "--within", "6w"))
    events = _components(_calendar(first.stdout), "VEVENT")
    assert len(events) >= 5
    for event in events:
        start = event["DTSTART"].dt
        assert type(start) is date  # all-day
        assert start <= TODAY + timedelta(weeks=6)
        assert str(event["UID"]).endswith("@netlog")
        assert any(name in str(event["SUMMARY"]) for name in names), event["SUMMARY"]
    summaries = {str(e["SUMMARY"]) for e in events}
    assert {"Check in with Ada Lovelace", "Thank Ada Lovelace", "Thank Grace Hopper"} <= summaries
    uids = [str(e["UID"]) for e in events]
    assert len(set(uids)) == len(uids)
    again = ok(cli("export", "--format", "ics", "--within", "6w")).stdout
    assert [str(e["UID"]) for e in _components(_calendar(again), "VEVENT")] == uids
    # A shorter window leaves out what comes later.
    week = ok(cli("export", "--format", "ics", "--within", "1w")).stdout
    assert {str(e["UID"]) for e in _components(_calendar(week), "VEVENT")} < set(uids)

    todo = _calendar(ok(cli("export", "--format", "ics", "--within", "6w", "--todo")).stdout)
    assert _components(todo, "VEVENT") == []
    tasks = _components(todo, "VTODO")
    assert [str(t["UID"]) for t in tasks] == uids
    assert all(type(t["DUE"].dt) is date for t in tasks)

    target = tmp_path / "netlog.ics"
    written = ok(cli("export", "--format", "ics", "--within", "6w", "-o", str(target)))
    assert written.stdout == ""
    assert written.stderr == f"Wrote {target}\n"
    from_file = _components(_calendar(target.read_bytes()), "VEVENT")
    assert [str(e["UID"]) for e in from_file] == uids


def test_export_refusals_change_nothing(cli, seeded):
    before = snapshot(seeded)
    error = only_error(cli("export", "--format", "ics", "--within", "soon"))
    assert error.startswith("Error: --within: 'soon' is not a duration")
    error = only_error(cli("export", "--format", "json", "--tag", "python"))
    assert error == "Error: a JSON dump holds everything — drop --tag, or export vcard or csv"
    assert snapshot(seeded) == before


def test_export_into_a_missing_folder_names_the_path_given(cli, seeded, tmp_path):
    target = tmp_path / "no-such-folder" / "network.csv"
    before = snapshot(seeded)
    error = only_error(cli("export", "--format", "csv", "-o", str(target)))
    assert str(target) in error
    assert ".tmp" not in error
    assert not target.parent.exists()
    assert snapshot(seeded) == before


# ----- 10. dupes and merge
def test_dupes_lists_same_email_and_similar_names(cli, empty_db):
    assert ok(cli("dupes")).stderr == "No likely duplicates.\n"
    assert json.loads(ok(cli("dupes", "--json")).stdout) == []
    ok(cli("add", "Tomás Herrera", "--email", "tomas@example.com"))
    ok(cli("add", "Tomas Herera", "--company", "Acme"))
    ok(cli("add", "Priya Raman", "--email", "priya@example.com"))
    ok(cli("add", "P. Raman", "--email", "PRIYA@example.com"))
    ok(cli("add", "Grace Hopper"))
    pairs = json.loads(ok(cli("dupes", "--json")).stdout)
    assert [(p["a_id"], p["a_name"], p["b_id"], p["b_name"]) for p in pairs] == [
        (3, "Priya Raman", 4, "P. Raman"),
        (1, "Tomás Herrera", 2, "Tomas Herera"),
    ]
    assert pairs[0]["reason"] == "same email: priya@example.com"
    assert pairs[1]["reason"].startswith("similar names (")
    plain = ok(cli("dupes")).stdout.splitlines()
    assert plain[0].split("\t") == ["a_id", "a_name", "b_id", "b_name", "reason"]
    assert plain[1].split("\t")[:4] == ["#3", "Priya Raman", "#4", "P. Raman"]


HISTORY = ("interaction", "followup", "ledger", "ask", "life_note")


def _history(db_path: Path, cid: int) -> dict[str, int]:
    counts = {t: query(db_path, f"SELECT count(*) FROM {t} WHERE contact_id = ?", cid)[0][0]
              for t in HISTORY}  # fmt: skip
    counts["introduction"] = query(
        db_path, "SELECT count(*) FROM introduction WHERE a_id = ? OR b_id = ?", cid, cid
    )[0][0]
    return counts


def test_merge_moves_everything_and_fills_only_empty_fields(cli, empty_db):
    ok(cli(
        "add", "Tomás Herrera", "--company", "Acme", "--email", "tomas@example.com",
        "--tag", "rust", "--every", "3w", "--on", "2026-10-01", "--note", "kept note",
    ))  # fmt: skip
    ok(cli(
        "add", "Tomas Herera", "--company", "Other Co", "--phone", "+1 555 0100",
        "--title", "Engineering Manager", "--tag", "ml", "--tag", "rust",
        "--offers", "hiring advice", "--met", "RustConf", "--on", "2026-10-05",
        "--note", "other note",
    ))  # fmt: skip
    ok(cli("add", "Priya Raman", "--on", "2026-10-01"))
    ok(cli("add", "Zed Shaw", "--via", "#2", "--on", "2026-10-10"))  # #2 introduced Zed
    ok(cli("log", "#2", "coffee", "--got", "salary data", "--gave", "a book",
           "--follow-up", "in 1 week", "--on", "2026-11-01"))  # fmt: skip
    ok(cli("note", "#2", "moving to Lisbon"))
    ok(cli("ask", "#2", "intro to their CTO"))
    ok(cli("intro", "#2", "priya", "--why", "both into Rust"))
    ok(cli("log", "#1", "hello again", "--on", "2026-11-02"))
    kept_before, gone_before = _history(empty_db, 1), _history(empty_db, 2)
    assert all(gone_before.values()), gone_before  # OTHER has every kind of history

    run = ok(cli("merge", "Tomás Herrera", "Tomas Herera", "--yes"))
    assert run.stdout == "Merged Tomas Herera (#2) into Tomás Herrera (#1)\n"
    assert query(empty_db, "SELECT count(*) FROM contact WHERE id = 2") == [(0,)]
    assert _history(empty_db, 2) == dict.fromkeys(gone_before, 0)
    assert _history(empty_db, 1) == {t: kept_before[t] + gone_before[t] for t in kept_before}
    assert query(empty_db, "SELECT a_id, b_id, why FROM introduction") == [(1, 3, "both into Rust")]
    assert query(empty_db, "SELECT via_id FROM contact WHERE name = 'Zed Shaw'") == [(1,)]
    assert tags_by_name(empty_db)["Tomás Herrera"] == ["ml", "rust"]
    assert contacts_by_name(empty_db, "company, email, phone, title, offers, met, note")[
        "Tomás Herrera"
    ] == (
        "Acme", "tomas@example.com", "+1 555 0100", "Engineering Manager", "hiring advice",
        "RustConf", "kept note",
    )  # fmt: skip
    shown = json.loads(ok(cli("show", "tomas", "--json")).stdout)
    assert shown["last_contact_on"] == TODAY.isoformat()  # the intro, moved over
    assert {n["text"] for n in shown["notes"]} == {"moving to Lisbon"}
    assert json.loads(ok(cli("dupes", "--json")).stdout) == []


def test_merge_refuses_the_same_contact_and_unknown_names(cli, empty_db):
    ok(cli("add", "Tomás Herrera", "--email", "tomas@example.com"))
    ok(cli("add", "Grace Hopper"))
    before = snapshot(empty_db)
    error = only_error(cli("merge", "#1", "tomas@example.com"))
    assert error == (
        "Error: '#1' and 'tomas@example.com' are both Tomás Herrera (#1) — "
        "name two different contacts: netlog merge KEEP OTHER"
    )
    error = only_error(cli("merge", "nobody at all", "grace"))
    assert error.startswith("Error: no contact matches 'nobody at all'")
    error = only_error(cli("merge", "grace", "#99"))
    assert error.startswith("Error: no contact matches '#99'")
    assert snapshot(empty_db) == before


# ----- 11. a large import
def test_import_20k_rows_is_fast_enough(cli, empty_db, tmp_path):
    rows = [
        (f"Person{i}", f"Number{i}", f"https://www.linkedin.com/in/person-{i}",
         f"p{i}@example.com", f"Company {i % 700}", "Engineer", f"{i % 28 + 1:02d} Mar 2024")
        for i in range(20_000)
    ]  # fmt: skip
    big = write_linkedin(tmp_path / "Connections.csv", rows)
    started = time.perf_counter()
    run = ok(cli("import", str(big)))
    elapsed = time.perf_counter() - started
    assert (
        run.stdout == f"Imported {big} (linkedin): 20000 new, 0 updated, 0 unchanged, 0 skipped\n"
    )
    assert query(empty_db, "SELECT count(*) FROM contact") == [(20_000,)]
    assert query(empty_db, "SELECT count(*) FROM interaction") == [(20_000,)]
    assert elapsed < 20, f"importing 20,000 rows took {elapsed:.1f} s"


def test_restoring_a_dump_says_what_it_did(cli, db_path, tmp_path):
    ok(cli("add", "Ada Lovelace"))
    dumped = tmp_path / "one.json"
    ok(cli("export", "--format", "json", "-o", str(dumped)))
    other = str(tmp_path / "other.db")
    preview = cli("--db", other, "import", str(dumped), "--dry-run")
    assert preview.stdout == f"Would restore 1 contact and their history from {dumped}\n"
    assert "Dry run: nothing was changed." in preview.stderr
    refused = cli("--db", other, "import", str(dumped), "--tag", "x")
    assert refused.exit_code == 1 and "--tag and --every do not apply" in refused.stderr


def test_every_given_on_the_command_line_wins_over_the_file(cli, db_path, tmp_path):
    ok(cli("add", "Ada Lovelace", "--every", "3w"))
    card = tmp_path / "ada.vcf"
    ok(cli("export", "--format", "vcard", "-o", str(card)))
    other = tmp_path / "other.db"
    ok(cli("--db", str(other), "import", str(card), "--every", "1y"))
    assert query(other, "SELECT cadence_days FROM contact") == [(365,)]


def test_merging_two_people_you_introduced_drops_asking_how_it_went(cli, db_path):
    ok(cli("add", "Tomás Herrera"))
    ok(cli("add", "Tomas Herera"))
    ok(cli("intro", "#1", "#2"))
    ok(cli("merge", "#1", "#2", "--yes"))
    assert query(db_path, "SELECT count(*) FROM followup WHERE done_at IS NULL") == [(0,)]
    assert query(db_path, "SELECT count(*) FROM introduction") == [(0,)]


def test_merge_shows_what_it_will_do_and_needs_a_yes_without_a_terminal(cli, empty_db):
    ok(cli("add", "Tomás Herrera", "--email", "tomas@example.com", "--tag", "rust"))
    ok(cli("add", "Tomas Herera", "--company", "Acme", "--email", "th@acme.example", "--force"))
    ok(cli("log", "tomas herera", "coffee", "--follow-up", "in 3 days"))
    before = snapshot(empty_db)
    error = only_error(cli("merge", "#1", "#2"))
    assert error == (
        "Error: merging Tomas Herera (#2) into Tomás Herrera (#1): moves 2 interactions, "
        "1 open follow-ups, 1 emails, phones and URLs; fills in company, then deletes #2 "
        "needs confirmation — pass --yes to merge without a terminal"
    )
    assert snapshot(empty_db) == before
    ok(cli("merge", "#1", "#2", "--yes"))
    assert query(empty_db, "SELECT count(*) FROM contact") == [(1,)]


@pytest.mark.parametrize(
    "args",
    [
        ["--format", "json", "--bom"],
        ["--format", "json", "--tag", "python"],
        ["--format", "vcard", "--vcard-version", "2.1"],
    ],
)
def test_export_options_are_checked_before_the_database_is_opened(
    cli, db_path, args: list[str]
) -> None:
    result = cli("export", *args)
    assert result.exit_code == 1 and result.stderr.startswith("Error: ")
    assert not db_path.exists()
