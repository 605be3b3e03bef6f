"""The review's queue, cards and marks, in process (the keys: test_cli_review.py)."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest

from conftest import TODAY, query
from netlog import db, render, services
from netlog import review as reviews
from netlog.errors import InputError
from netlog.repository import Repository
from netlog.repository.base import WriteOutsideTransaction


def ok(run):
    assert run.exit_code == 0, (run.stdout, run.stderr)
    return run


@pytest.fixture
def repo(cli, db_path):
    """Grace (a check-in 86 days late), Ada (a loop to close 25 days late, and
    more) and Alan (a check-in 25 days late): due in this order."""
    ok(cli("add", "Grace Hopper", "--on", "2026-08-01"))
    ok(cli("add", "Alan Turing", "--on", "2026-10-01"))
    ok(cli("add", "Ada Lovelace", "--on", "2026-09-01"))
    ok(cli("log", "ada", "coffee about compilers", "--kind", "coffee", "--on", "2026-10-01",
           "--got", "resume advice", "--gave", "a book", "--gave", "an intro"))  # fmt: skip
    ok(cli("log", "ada", "asked twice", "--kind", "email", "--on", "2026-10-20", "--no-reply"))
    ok(cli("thank", "ada", "--on", "2026-10-21"))
    ok(cli("ask", "ada", "an intro to the data team", "--at", "Acme", "--on", "2026-10-22"))
    ok(cli("asks", "done", "1", "--outcome", "met them"))
    ok(cli("ask", "ada", "a second intro", "--on", "2026-10-23"))
    ok(cli("note", "ada", "moving to Lisbon", "--on", "2026-10-24"))
    conn = db.connect(db_path)
    yield Repository(conn)
    conn.close()


def contact_id(repo: Repository, name: str) -> int:
    return services.resolve(repo, name).id


def names(queue: reviews.Queue) -> list[str]:
    return [group[0].contact for group in queue.people]


def test_the_queue_is_due_by_person_most_urgent_first_without_those_reviewed_today(repo):
    everyone = reviews.queue(repo, today=TODAY)
    assert names(everyone) == ["Grace Hopper", "Ada Lovelace", "Alan Turing"]
    assert (everyone.waiting, everyone.reviewed_today) == (3, 0)
    reviews.mark(repo, contact_id(repo, "ada"), today=TODAY)
    later = reviews.queue(repo, today=TODAY)
    assert names(later) == ["Grace Hopper", "Alan Turing"]
    assert (later.waiting, later.reviewed_today) == (2, 1)
    assert names(reviews.queue(repo, today=TODAY, again=True)) == names(everyone)
    assert names(reviews.queue(repo, today=TODAY + timedelta(days=1))) == names(everyone)
    limited = reviews.queue(repo, today=TODAY, limit=1)
    assert names(limited) == ["Grace Hopper"] and limited.waiting == 2
    with pytest.raises(InputError, match="--limit must be at least 1"):
        reviews.queue(repo, today=TODAY, limit=0)


def test_a_card_quotes_what_was_said_not_what_netlog_wrote(repo):
    card = reviews.card(repo, contact_id(repo, "ada"), today=TODAY)
    assert card is not None
    assert card.contact.name == "Ada Lovelace"
    # The latest interactions are netlog's own (an ask, a thank-you) and an
    # unanswered email: the talking point is the coffee.
    said = card.conversation
    assert said is not None and (said.kind, said.summary) == ("coffee", "coffee about compilers")
    assert card.note is not None and card.note.text == "moving to Lisbon"
    assert [a.request for a in card.open_asks] == ["a second intro"]
    assert (card.gave, card.got) == (2, 1)
    assert len(card.favours) == 3  # policy.REVIEW_FAVOURS_SHOWN, newest first
    assert card.handles == [i.handle for i in card.items]
    assert card.handles[0] == "f2"  # the close-the-loop: the thank-you was said


def test_a_card_is_none_when_nothing_of_theirs_is_due(repo, cli):
    alan = contact_id(repo, "alan")
    assert reviews.card(repo, alan, today=TODAY) is not None
    ok(cli("log", "alan", "a call"))
    assert reviews.card(repo, alan, today=TODAY) is None


def test_marks_are_written_in_a_unit_of_work_and_go_with_the_contact(repo, cli, db_path):
    with pytest.raises(WriteOutsideTransaction):
        repo.mark_reviewed(1, TODAY)
    reviews.mark(repo, 1, today=TODAY)
    reviews.mark(repo, 1, today=TODAY + timedelta(days=1))  # one row per contact
    reviews.mark(repo, 2, today=TODAY)
    assert query(db_path, "SELECT contact_id, reviewed_on FROM review_mark ORDER BY 1") == [
        (1, "2026-11-26"), (2, "2026-11-25"),
    ]  # fmt: skip
    assert repo.reviewed_on(TODAY) == {2}
    ok(cli("rm", "#2", "--yes"))
    assert query(db_path, "SELECT contact_id FROM review_mark") == [(1,)]
    ok(cli("merge", "#3", "#1", "--yes"))  # the merged-away contact's mark goes too
    assert query(db_path, "SELECT contact_id FROM review_mark") == []


def test_a_dump_leaves_the_marks_out_and_restores_without_them(repo, cli, db_path, tmp_path):
    reviews.mark(repo, 1, today=TODAY)
    dumped = json.loads(ok(cli("export", "--format", "json")).stdout)
    assert "review_mark" not in dumped["tables"]
    source = tmp_path / "dump.json"
    source.write_text(json.dumps(dumped))
    restored = tmp_path / "restored.db"
    ok(cli("--db", str(restored), "import", str(source)))
    assert query(restored, "SELECT count(*) FROM review_mark") == [(0,)]
    assert query(restored, "SELECT count(*) FROM contact") == [(3,)]


@pytest.mark.parametrize(
    ("reviewed", "waiting", "done", "line"),
    [
        (4, 9, [("logged", 2), ("snoozed", 1), ("skipped", 1)],
         "Reviewed 4 of 9 people: 2 logged, 1 snoozed, 1 skipped; 5 left (netlog review to "
         "continue)."),
        (0, 1, [], "Reviewed 0 of 1 person; 1 left (netlog review to continue)."),
        (3, 3, [("loops closed", 2)], "Reviewed 3 of 3 people: 2 loops closed; none left."),
    ],
)  # fmt: skip
def test_the_summary_line(reviewed, waiting, done, line):
    assert render.review_summary(reviewed, waiting, done) == line


def test_a_card_lists_the_latest_favours_and_how_many_more(repo, cli, capsys):
    for n in range(3):
        ok(cli("log", "ada", f"call {n}", "--on", f"2026-11-0{n + 1}", "--gave", f"tip {n}"))
    card = reviews.card(repo, contact_id(repo, "ada"), today=TODAY)
    assert card is not None
    capsys.readouterr()
    render.review_card(card, TODAY)
    lines = capsys.readouterr().out.splitlines()
    start = lines.index("  Give and take (gave 5, got 1)")
    assert lines[start + 1 :] == [
        "      gave tip 2 · 22 days ago",
        "      gave tip 1 · 23 days ago",
        "      gave tip 0 · 24 days ago",
        "      … and 3 more (netlog show)",
    ]
    assert "      talked 22 days ago (other): “call 2”" in lines
