"""`show`, `list`, `edit`, `search`, `snooze`, `done`, `rm`."""

from __future__ import annotations

import json

from conftest import query, snapshot


def test_show_plain_has_every_field_and_timeline_newest_first(cli, ada):
    cli("add", "Charles Babbage", "--via", "ada", "--phone", "+44 20 7946 0000")
    cli("log", "ada", "coffee about hiring", "--kind", "coffee", "--on", "2026-10-16",
        "--follow-up", "2026-12-01", "--todo", "send the Rust project")  # fmt: skip
    cli("edit", "ada", "--birthday", "1990-04-15", "--offers", "Rust mentoring")
    result = cli("show", "ada")
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        "Ada Lovelace (#1)",
        "Company: Analytical",
        "Title: CTO",
        "Email: ada@example.com",
        "Tags: python",
        "Met: PyCon 2026 hallway",
        "Birthday: 1990-04-15 (next 2027-04-15)",
        "Offers: Rust mentoring",
        "Introduced you to: Charles Babbage (#2)",
        # 40 days since the coffee; two conversations; got a favour, gave none
        "Strength: 54/100 (recency 0.73 · frequency 0.21 · reciprocity 0.50 · depth 1.00 · "
        "tenure 0.06)",
        "Cadence: every 3 weeks",
        "Last contact: 2026-10-16 (5 weeks ago)",
        "Next check-in: 2026-11-06 (19 days ago)",
        "Open follow-ups:",
        "  2026-11-26  thank-you  tomorrow  Thank Ada for: introduction to Charles Babbage",
        "  2026-12-01  follow-up  in 6 days  send the Rust project",
        "  2026-12-25  close-the-loop  in 4 weeks  Tell Ada how “introduction to Charles Babbage”"
        " turned out",
        "Give and take (gave 0, got 1):",
        "  2026-11-25  got  introduction to Charles Babbage",
        "Timeline:",
        "  2026-10-16  coffee    coffee about hiring",
        "  2026-09-25  met       PyCon 2026 hallway",
    ]


def test_show_json_has_every_stored_field(cli, ada):
    cli("log", "ada", "call", "--kind", "call", "--follow-up", "2w")
    data = json.loads(cli("show", "ada", "--json").stdout)
    for key in ("id", "name", "company", "title", "email", "phone", "url", "met", "note",
                "via_id", "via_name", "cadence_days", "last_contact_on", "next_checkin_on",
                "snoozed_until", "created_at", "updated_at", "tags"):  # fmt: skip
        assert key in data, key
    assert data["tags"] == ["python"]
    assert data["last_contact_on"] == "2026-11-25"
    assert [i["kind"] for i in data["interactions"]] == ["call", "met"]
    assert data["open_followups"][0]["due_on"] == "2026-12-09"
    assert data["created_at"].endswith("Z")


def test_list_filters_sorts_and_json(cli):
    cli("add", "Zoe Zed", "--company", "ACME Corp.", "--on", "2026-11-01", "--tag", "ml")
    cli("add", "Al Able", "--company", "Initech", "--on", "2026-11-20", "--every", "1w")
    cli("add", "Mo Mid", "--company", "Acme", "--on", "2026-10-01", "--tag", "ml")
    names = lambda r: [line.split("\t")[1] for line in r.stdout.splitlines()[1:]]  # noqa: E731
    assert names(cli("list")) == ["Al Able", "Mo Mid", "Zoe Zed"]
    assert names(cli("list", "--sort", "last")) == ["Al Able", "Zoe Zed", "Mo Mid"]
    assert names(cli("list", "--sort", "next")) == ["Mo Mid", "Al Able", "Zoe Zed"]
    assert names(cli("list", "--tag", "ML")) == ["Mo Mid", "Zoe Zed"]
    assert names(cli("list", "--company", "acme")) == ["Mo Mid", "Zoe Zed"]
    data = json.loads(cli("list", "--json").stdout)
    assert [c["name"] for c in data] == ["Al Able", "Mo Mid", "Zoe Zed"]
    assert data[0]["next_checkin_on"] == "2026-11-27"
    assert cli("list", "--sort", "age").exit_code == 2
    empty = cli("list", "--tag", "nope")
    assert empty.stdout == "" and "No contacts match." in empty.stderr


def test_edit_changes_clears_tags_and_renames(cli, db_path, ada):
    cli("add", "Charles Babbage")
    result = cli(
        "edit", "ada", "--title", "CEO", "--company", "", "--tag", "rust", "--untag", "python",
        "--every", "2w", "--name", "Ada King", "--via", "charles", "--note", "likes maths",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("Updated Ada King (#1) · next check-in 2026-10-09")
    row = query(
        db_path, "SELECT name, title, company, cadence_days, via_id, note FROM contact WHERE id=1"
    )
    assert row == [("Ada King", "CEO", None, 14, 2, "likes maths")]
    assert query(db_path, "SELECT tag FROM contact_tag WHERE contact_id = 1") == [("rust",)]
    assert cli("edit", "ada king", "--via", "").exit_code == 0
    assert query(db_path, "SELECT via_id FROM contact WHERE id = 1") == [(None,)]


def test_edit_on_moves_the_meeting(cli, db_path, ada):
    cli("edit", "ada", "--on", "2026-11-01")
    assert query(db_path, "SELECT occurred_on FROM interaction WHERE kind = 'met'") == [
        ("2026-11-01",)
    ]
    assert query(db_path, "SELECT last_contact_on, next_checkin_on FROM contact") == [
        ("2026-11-01", "2026-11-22")
    ]


def test_edit_errors_change_nothing(cli, db_path, ada):
    cli("add", "Charles Babbage")
    before = snapshot(db_path)
    for args, message in [
        (["edit", "ada", "--name", "Charles Babbage"], "already in your network"),
        (["edit", "ada", "--via", "ada"], "cannot have introduced themselves"),
        (["edit", "ada", "--every", "fortnightly"], "--every: 'fortnightly' is not a duration"),
        (["edit", "ada", "--via", "nobody"], "no contact matches 'nobody'"),
        (["edit", "ada", "--email", "nope"], "is not an email address"),
    ]:
        result = cli(*args)
        assert result.exit_code == 1, args
        assert message in result.stderr, (args, result.stderr)
    assert snapshot(db_path) == before


def test_search_across_fields(cli, ada):
    cli("add", "José Núñez", "--company", "Globex", "--note", "Marathon runner", "--tag", "running")
    cli("log", "ada", "She is HIRING data engineers", "--kind", "coffee")

    def found(text):
        return [
            (h["contact"], h["field"]) for h in json.loads(cli("search", text, "--json").stdout)
        ]

    assert found("hiring") == [("Ada Lovelace", "interaction")]
    assert found("hir") == [("Ada Lovelace", "interaction")]
    assert found("nunez") == [("José Núñez", "name")]
    assert found("globex") == [("José Núñez", "company")]
    assert found("cto") == [("Ada Lovelace", "title")]
    assert found("MARATHON") == [("José Núñez", "note")]
    assert found("running") == [("José Núñez", "tags")]
    assert [name for name, _ in found("pycon")] == ["Ada Lovelace"]
    assert found("nothing-like-this") == []
    plain = cli("search", "hiring")
    assert plain.stdout.splitlines()[1].split("\t")[:3] == ["1", "Ada Lovelace", "interaction"]
    assert "Nothing matches" in cli("search", "zzz").stderr
    assert cli("search", "  ").exit_code == 1


def test_search_lists_who_they_are_before_what_you_talked_about_latest_first(cli, ada):
    """Each contact once: those whose own fields match first, then those whose
    conversations or notes do, the latest written first (not an old one first
    because its summary happens to be shorter)."""
    cli("add", "Old Talk", "--company", "Initech")
    cli("add", "New Talk", "--company", "Initech")
    cli("add", "Rex Recruiter", "--title", "Hiring manager")
    cli("log", "old talk", "hiring", "--on", "2026-10-01")
    cli("log", "new talk", "she said the team is hiring two data engineers this winter")
    cli("log", "ada", "hiring again, and hiring", "--on", "2026-09-01")
    cli("log", "old talk", "lunch")
    hits = json.loads(cli("search", "hiring", "--json").stdout)
    assert [(h["contact"], h["field"]) for h in hits] == [
        ("Rex Recruiter", "title"),
        ("Ada Lovelace", "interaction"),  # logged last of the three
        ("New Talk", "interaction"),
        ("Old Talk", "interaction"),
    ]


def test_search_index_follows_edits_and_deletes(cli, ada):
    cli("edit", "ada", "--company", "Babbage Ltd")
    assert json.loads(cli("search", "analytical", "--json").stdout) == []
    assert len(json.loads(cli("search", "babbage", "--json").stdout)) == 1
    cli("rm", "ada", "--yes")
    assert json.loads(cli("search", "babbage", "--json").stdout) == []


def test_snooze_never_moves_earlier(cli, db_path, ada):
    # Ada's check-in is overdue (2026-10-16); snooze pushes it to 2026-12-01
    result = cli("snooze", "ada", "2026-12-01")
    assert result.stdout.startswith("Snoozed Ada Lovelace (#1)")
    assert query(db_path, "SELECT next_checkin_on, snoozed_until FROM contact") == [
        ("2026-12-01", "2026-12-01")
    ]
    earlier = cli("snooze", "ada", "2026-11-28")
    assert earlier.exit_code == 0
    assert "already not due before that" in earlier.stderr
    assert query(db_path, "SELECT next_checkin_on FROM contact") == [("2026-12-01",)]
    past = cli("snooze", "ada", "yesterday")
    assert past.exit_code == 1 and "not after today" in past.stderr


def test_done_without_followups(cli, ada):
    result = cli("done", "ada")
    assert result.exit_code == 0
    assert "Ada Lovelace has nothing due to mark done." in result.stderr


def test_rm_needs_yes_without_terminal(cli, db_path, ada):
    cli("add", "Charles Babbage", "--via", "ada")
    cli("log", "ada", "x", "--follow-up", "2w")
    before = snapshot(db_path)
    refused = cli("rm", "ada")
    assert refused.exit_code == 1
    assert "needs confirmation — pass --yes" in refused.stderr
    assert snapshot(db_path) == before
    removed = cli("rm", "ada", "--yes")
    assert removed.stdout == "Deleted Ada Lovelace (#1)\n"
    for table in ("interaction", "followup", "contact_tag"):
        assert query(db_path, f"SELECT count(*) FROM {table} WHERE contact_id = 1") == [(0,)]
    assert query(db_path, "SELECT name, via_id FROM contact") == [("Charles Babbage", None)]


def test_list_and_show_json_agree_on_the_contact_form(cli, ada):
    cli("add", "Charles Babbage", "--via", "ada", "--tag", "b", "--tag", "a")
    listed = {c["id"]: c for c in json.loads(cli("list", "--json").stdout)}
    for cid in (1, 2):
        shown = json.loads(cli("show", f"#{cid}", "--json").stdout)
        extra = {"interactions", "open_followups", "introduced", "ledger", "balance", "asks"}
        extra |= {"notes", "introductions", "strength"}
        assert {k: v for k, v in shown.items() if k not in extra} == listed[cid]
    assert listed[2]["tags"] == ["a", "b"]
    assert listed[2]["via_name"] == "Ada Lovelace"
    assert listed[1]["last_kind"] == "met"
    assert listed[1]["last_summary"] == "PyCon 2026 hallway"


def test_ambiguous_name_offers_a_pick_list_on_a_terminal(cli, db_path):
    """With a terminal, an ambiguous name asks which one (showing what tells them
    apart, and asking again for a number not on the list)."""
    from conftest import on_a_terminal

    cli("add", "Tomás Herrera", "--company", "Acme", "--met", "PyCon")
    cli("add", "Tomás Herrera", "--company", "Globex", "--force")
    prompt = b"Which one (1-2)"
    code, text = on_a_terminal(
        db_path, ["log", "tomas", "picked"], [(prompt, b"3\n"), (prompt, b"2\n")]
    )
    assert "1. Tomás Herrera (#1) · Acme · met PyCon" in text
    assert "2. Tomás Herrera (#2) · Globex" in text
    assert "3 is not one of the numbers shown." in text
    assert code == 0, text
    assert query(db_path, "SELECT contact_id FROM interaction WHERE summary = 'picked'") == [(2,)]


def test_edit_with_nothing_to_change_is_an_error(cli, db_path):
    cli("add", "Ada Lovelace")
    before = snapshot(db_path)
    result = cli("edit", "ada")
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: nothing to change — give what to change, e.g. netlog edit ada --title CTO "
        "(see netlog edit --help)\n"
    )
    assert snapshot(db_path) == before


def test_list_json_of_thousands_is_one_array_in_order(cli, tmp_path):
    """``list --json`` writes the contacts a thousand at a time as SQLite
    builds them: across the batches it is still one array, every contact once,
    in name order, the same objects ``show --json`` starts from."""
    rows = ["Name,E-mail Address"] + [
        f"Person {n:04d},p{n}@example.com" for n in range(2345, 0, -1)
    ]
    people = tmp_path / "people.csv"
    people.write_text("\n".join(rows) + "\n", encoding="utf-8")
    assert cli("import", str(people)).exit_code == 0
    listed = json.loads(cli("list", "--json").stdout)
    assert [c["name"] for c in listed] == [f"Person {n:04d}" for n in range(1, 2346)]
    assert listed[1000]["email"] == "p1001@example.com"
    assert listed[1000] == {
        k: v
        for k, v in json.loads(cli("show", "Person 1001", "--json").stdout).items()
        if k in listed[1000]
    }
