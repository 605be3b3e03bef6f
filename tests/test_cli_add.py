"""`netlog add`: creating contacts, the first interaction, duplicates, --via."""

from __future__ import annotations

from conftest import query, snapshot


def test_add_prints_contact_and_next_checkin(cli, db_path):
    result = cli(
        "add", "Ada Lovelace", "--company", "Analytical", "--title", "CTO",
        "--met", "PyCon 2026 hallway", "--every", "3w", "--tag", "python",
    )  # fmt: skip
    assert result.exit_code == 0
    assert result.stdout == (
        "Added Ada Lovelace (#1) · Analytical · next check-in 2026-12-16 (in 21 days)\n"
    )
    rows = query(db_path, "SELECT name, company, title, met, cadence_days FROM contact")
    assert rows == [("Ada Lovelace", "Analytical", "CTO", "PyCon 2026 hallway", 21)]
    assert query(db_path, "SELECT tag FROM contact_tag") == [("python",)]


def test_add_records_meeting_as_first_interaction(cli, db_path):
    cli("add", "Ada Lovelace", "--met", "PyCon", "--on", "3 days ago")
    rows = query(db_path, "SELECT occurred_on, kind, summary FROM interaction")
    assert rows == [("2026-11-22", "met", "PyCon")]
    # the first check-in falls one (default 30-day) cadence after the meeting
    assert query(db_path, "SELECT last_contact_on, next_checkin_on FROM contact") == [
        ("2026-11-22", "2026-12-22")
    ]


def test_add_default_cadence_is_30_days(cli, db_path):
    cli("add", "Grace Hopper")
    assert query(db_path, "SELECT cadence_days, next_checkin_on FROM contact") == [
        (30, "2026-12-25")
    ]


def test_add_via_links_introducer(cli, db_path, ada):
    result = cli("add", "Charles Babbage", "--via", "ada")
    assert result.exit_code == 0
    assert query(db_path, "SELECT via_id FROM contact WHERE name = 'Charles Babbage'") == [(1,)]
    shown = cli("show", "charles")
    assert "Introduced by: Ada Lovelace (#1)" in shown.stdout


def test_add_duplicate_name_refused_without_force(cli, db_path, ada):
    before = snapshot(db_path)
    result = cli("add", "ada lovelace")
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: Ada Lovelace (#1) is already in your network")
    assert "--force" in result.stderr
    assert result.stdout == ""
    assert snapshot(db_path) == before
    forced = cli("add", "Ada Lovelace", "--force")
    assert forced.exit_code == 0
    assert query(db_path, "SELECT count(*) FROM contact") == [(2,)]


def test_add_unknown_via_changes_nothing(cli, db_path, ada):
    before = snapshot(db_path)
    result = cli("add", "Charles Babbage", "--via", "Nobody Known")
    assert result.exit_code == 1
    assert "no contact matches 'Nobody Known'" in result.stderr
    assert snapshot(db_path) == before


def test_add_bad_values_are_refused(cli, db_path, ada):
    before = snapshot(db_path)
    cases = [
        (["add", "X", "--every", "soon"], "--every: 'soon' is not a duration"),
        (["add", "X", "--every", "0d"], "not a positive duration"),
        (["add", "X", "--on", "the day after"], "--on: cannot read 'the day after' as a date"),
        (["add", "X", "--on", "tomorrow"], "is in the future"),
        (["add", "X", "--email", "not-an-email"], "is not an email address"),
        (["add", "   "], "the name is empty"),
        (["add", "X", "--tag", "  "], "is not a tag"),
        (["add", "X", "--tag", ",,"], "is not a tag"),
        (["add", "X", "--tag", "#"], "is not a tag"),
    ]
    for args, message in cases:
        result = cli(*args)
        assert result.exit_code == 1, args
        assert result.stderr.startswith("Error: "), args
        assert message in result.stderr, (args, result.stderr)
        assert len(result.stderr.strip().splitlines()) == 1
    assert snapshot(db_path) == before


def test_add_normalises_name_and_tags(cli, db_path):
    cli("add", "  José   Núñez ", "--tag", "#Data Science", "--tag", "python", "--tag", "PYTHON")
    assert query(db_path, "SELECT name, name_key FROM contact") == [("José Núñez", "jose nunez")]
    assert query(db_path, "SELECT tag FROM contact_tag ORDER BY tag") == [
        ("data-science",),
        ("python",),
    ]
