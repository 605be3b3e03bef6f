"""Many emails, phones and links per contact, end to end: add, edit, show,
list --json, name resolution, search, dupes, merge, import and export."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import query, snapshot

WORK = "work:ada@analytical.example"
HOME = "home:ada@home.example"


def ok(run):
    assert run.exit_code == 0, (run.stdout, run.stderr)
    return run


def only_error(run) -> str:
    assert run.exit_code == 1, (run.stdout, run.stderr)
    lines = run.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), run.stderr
    assert "Traceback" not in run.stderr
    return lines[0]


def channels(db_path: Path, name: str) -> list[tuple[str, str, str | None, int]]:
    return query(
        db_path,
        "SELECT h.kind, h.value, h.label, h.preferred FROM contact_channel h "
        "JOIN contact c ON c.id = h.contact_id WHERE c.name = ? ORDER BY h.id",
        name,
    )


def add_ada(cli) -> None:
    ok(
        cli(
            "add", "Ada Lovelace", "--email", WORK, "--email", HOME,
            "--phone", "mobile:+44 7700 900123", "--url", "https://example.com/ada",
        )
    )  # fmt: skip


def test_add_takes_many_labelled_emails_phones_and_urls(cli, db_path):
    add_ada(cli)
    assert channels(db_path, "Ada Lovelace") == [
        ("email", "ada@analytical.example", "work", 1),
        ("email", "ada@home.example", "home", 0),
        ("phone", "+44 7700 900123", "mobile", 1),
        ("url", "https://example.com/ada", None, 1),
    ]
    shown = ok(cli("show", "ada")).stdout
    assert "Email: ada@analytical.example (work, preferred), ada@home.example (home)\n" in shown
    assert "Phone: +44 7700 900123 (mobile)\n" in shown
    assert "URL: https://example.com/ada\n" in shown


def test_json_lists_every_channel_and_keeps_the_preferred_one_in_front(cli):
    add_ada(cli)
    (ada,) = json.loads(ok(cli("list", "--json")).stdout)
    assert (ada["email"], ada["phone"], ada["url"]) == (
        "ada@analytical.example",
        "+44 7700 900123",
        "https://example.com/ada",
    )
    assert ada["emails"] == [
        {"value": "ada@analytical.example", "label": "work", "preferred": True},
        {"value": "ada@home.example", "label": "home", "preferred": False},
    ]
    assert ada["phones"] == [{"value": "+44 7700 900123", "label": "mobile", "preferred": True}]
    shown = json.loads(ok(cli("show", "ada", "--json")).stdout)
    assert shown["emails"] == ada["emails"] and shown["urls"] == ada["urls"]
    assert shown["created_on"] == "2026-11-25" and shown["source"] == "add"


def test_any_email_finds_the_contact_ignoring_case(cli):
    add_ada(cli)
    for query_ in ("ada@home.example", "ADA@Home.Example", "ada@analytical.example"):
        assert ok(cli("show", query_)).stdout.startswith("Ada Lovelace")
    assert "no contact matches 'nobody@home.example'" in only_error(
        cli("show", "nobody@home.example")
    )


def test_search_finds_an_email_or_phone(cli):
    add_ada(cli)
    ok(cli("add", "Grace Hopper", "--email", "grace@navy.example"))
    assert "\tAda Lovelace\temail/phone/url\t" in ok(cli("search", "home.example")).stdout
    assert "Grace" in ok(cli("search", "navy")).stdout
    assert "Ada" in ok(cli("search", "7700")).stdout


def test_edit_adds_removes_and_prefers(cli, db_path):
    add_ada(cli)
    ok(cli("edit", "ada", "--email", "ada@new.example", "--remove", "ada@home.example"))
    assert [c[1:] for c in channels(db_path, "Ada Lovelace") if c[0] == "email"] == [
        ("ada@analytical.example", "work", 1),
        ("ada@new.example", None, 0),
    ]
    ok(cli("edit", "ada", "--prefer", "ADA@new.example"))
    shown = json.loads(ok(cli("show", "ada", "--json")).stdout)
    assert shown["email"] == "ada@new.example"
    assert [e["preferred"] for e in shown["emails"]] == [True, False]
    # Removing the preferred one hands it to the oldest left.
    ok(cli("edit", "ada", "--remove", "ada@new.example", "--remove", "+44 7700 900123"))
    assert channels(db_path, "Ada Lovelace") == [
        ("email", "ada@analytical.example", "work", 1),
        ("url", "https://example.com/ada", None, 1),
    ]
    # A label given again changes the label; an address given again is not doubled.
    ok(cli("edit", "ada", "--email", "office:Ada@Analytical.example"))
    assert channels(db_path, "Ada Lovelace")[0] == ("email", "ada@analytical.example", "office", 1)
    # An empty value clears that kind.
    ok(cli("edit", "ada", "--url", ""))
    assert [c[0] for c in channels(db_path, "Ada Lovelace")] == ["email"]


def test_bad_channels_are_refused_and_nothing_changes(cli, db_path):
    add_ada(cli)
    before = snapshot(db_path)
    error = only_error(cli("edit", "ada", "--email", "not-an-address"))
    assert error == (
        "Error: 'not-an-address' is not an email address — use e.g. ada@example.com or "
        "work:ada@example.com"
    )
    assert "is not a phone number" in only_error(cli("edit", "ada", "--phone", "call me"))
    assert "is not an email address" in only_error(
        cli("add", "Bob", "--email", "urn:li:member:664293716")
    )
    error = only_error(cli("edit", "ada", "--remove", "ada@elsewhere.example"))
    assert error.startswith(
        "Error: Ada Lovelace has no email, phone or link 'ada@elsewhere.example'"
    )
    assert "they have: ada@analytical.example, ada@home.example" in error
    assert snapshot(db_path) == before


def test_dupes_and_merge_use_every_email(cli, db_path):
    add_ada(cli)
    ok(cli("add", "A. Lovelace", "--email", "ada@home.example", "--email", "countess@example.org"))
    found = ok(cli("dupes")).stdout
    assert "same email: ada@home.example" in found
    ok(cli("merge", "Ada Lovelace", "A. Lovelace", "--yes"))
    assert [c[1:] for c in channels(db_path, "Ada Lovelace") if c[0] == "email"] == [
        ("ada@analytical.example", "work", 1),
        ("ada@home.example", "home", 0),
        ("countess@example.org", None, 0),
    ]
    assert ok(cli("show", "countess@example.org")).stdout.startswith("Ada Lovelace")
    assert ok(cli("check")).stdout == "No problems found.\n"


def test_an_import_keeps_every_email_and_the_note_stays_clean(cli, db_path, tmp_path):
    cards = tmp_path / "c.vcf"
    card = (
        "BEGIN:VCARD\r\nVERSION:3.0\r\nUID:urn:uuid:11111111-2222-3333-4444-555555555555\r\n"
        "FN:Tomás Herrera\r\nEMAIL:tomas@work.example\r\nEMAIL:tomas@home.example\r\n"
        "TEL:+34 600 000 001\r\nTEL:+34 600 000 002\r\nURL:https://tomas.example\r\n"
        "URL:https://www.linkedin.com/in/tomas-herrera\r\nNOTE:Met at FOSDEM\r\nEND:VCARD\r\n"
    )
    cards.write_bytes(card.encode())
    ok(cli("import", str(cards)))
    assert len(channels(db_path, "Tomás Herrera")) == 6
    assert query(db_path, "SELECT note FROM contact") == [("Met at FOSDEM",)]
    assert query(db_path, "SELECT scheme, value FROM contact_identifier ORDER BY scheme") == [
        ("linkedin", "linkedin.com/in/tomas-herrera"),
        ("vcard-uid", "urn:uuid:11111111-2222-3333-4444-555555555555"),
    ]
    # The same person renamed in another address book is still the same person.
    renamed = tmp_path / "renamed.vcf"
    renamed.write_bytes(
        card.replace("FN:Tomás Herrera", "FN:Tomás Herrera Díaz")
        .replace("EMAIL:tomas@work.example\r\n", "")
        .replace("EMAIL:tomas@home.example\r\n", "EMAIL:th@new.example\r\n")
        .replace("URL:https://www.linkedin.com/in/tomas-herrera\r\n", "")
        .encode()
    )
    again = ok(cli("import", str(renamed)))
    assert "0 new, 1 updated" in again.stdout
    assert query(db_path, "SELECT count(*) FROM contact") == [(1,)]
    assert "th@new.example" in [c[1] for c in channels(db_path, "Tomás Herrera")]
    settled = ok(cli("import", str(renamed)))
    assert "0 new, 0 updated, 1 unchanged" in settled.stdout


def test_netlogs_own_vcard_export_finds_a_renamed_contact(cli, db_path, tmp_path):
    add_ada(cli)
    exported = tmp_path / "out.vcf"
    ok(cli("export", "--format", "vcard", "-o", str(exported)))
    text = exported.read_bytes().decode()
    assert "EMAIL;TYPE=work;PREF=1:ada@analytical.example" in text
    assert "EMAIL;TYPE=home:ada@home.example" in text
    renamed = (
        text.replace("FN:Ada Lovelace", "FN:Ada King")
        .replace("N:Lovelace;Ada;;;", "N:King;Ada;;;")
        .replace("EMAIL;TYPE=work;PREF=1:ada@analytical.example\r\n", "")
        .replace("EMAIL;TYPE=home:ada@home.example\r\n", "")
    )
    assert "ada@" not in renamed
    exported.write_bytes(renamed.encode())
    again = ok(cli("import", str(exported)))
    assert "0 new" in again.stdout
    assert query(db_path, "SELECT count(*) FROM contact") == [(1,)]


def test_csv_export_carries_every_email_and_reads_back(cli, db_path, tmp_path):
    add_ada(cli)
    exported = tmp_path / "out.csv"
    ok(cli("export", "--format", "csv", "-o", str(exported)))
    assert "ada@analytical.example; ada@home.example" in exported.read_text()
    other = tmp_path / "other.db"
    ok(cli("--db", str(other), "import", str(exported)))
    assert [c[1] for c in channels(other, "Ada Lovelace")] == [
        "ada@analytical.example",
        "ada@home.example",
        "+44 7700 900123",
        "https://example.com/ada",
    ]


def test_search_finds_personal_notes_offers_and_seeks(cli):
    ok(
        cli(
            "add",
            "Ada Lovelace",
            "--offers",
            "intros to compiler people",
            "--seeks",
            "a co-founder",
        )
    )
    ok(cli("add", "Grace Hopper"))
    ok(cli("note", "grace", "training for the Lisbon marathon"))
    assert "\tAda Lovelace\toffers/seeks\t" in ok(cli("search", "compiler")).stdout
    assert "\tAda Lovelace\toffers/seeks\t" in ok(cli("search", "co-founder")).stdout
    found = ok(cli("search", "marathon")).stdout
    assert "\tGrace Hopper\tpersonal note\ttraining for the Lisbon marathon" in found
    ok(cli("edit", "ada", "--seeks", "funding"))
    assert ok(cli("search", "co-founder")).stdout == ""
    assert ok(cli("check")).stdout == "No problems found.\n"


def test_channels_read_back_exactly_whatever_they_hold(cli, db_path):
    """The repository reads a contact's channels without a JSON parser: values
    holding its separators, non-ASCII text, a label of None and an empty label
    all come back as stored, preferred first."""
    import sqlite3

    from netlog.db import connect
    from netlog.records import Channel
    from netlog.repository import Repository

    ok(cli("add", "Ada Lovelace", "--email", "a;b,c@x.example"))
    with sqlite3.connect(db_path) as conn:
        conn.executemany(
            "INSERT INTO contact_channel (contact_id, kind, value, value_key, label, preferred) "
            "SELECT id, 'email', ?1, lower(?1), ?2, 0 FROM contact WHERE name = 'Ada Lovelace'",
            [("ümlaut@x.example", ""), ("-", "-"), ("ok@x.example", "wörk;,")],
        )
    conn.close()
    read = connect(db_path)
    try:
        (ada,) = Repository(read).all_contacts()
    finally:
        read.close()
    assert ada.emails == (
        Channel("a;b,c@x.example", None, True),
        Channel("ümlaut@x.example", "", False),
        Channel("-", "-", False),
        Channel("ok@x.example", "wörk;,", False),
    )
