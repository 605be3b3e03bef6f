"""netlog report without a browser: the command, its errors, the page's
promises (offline, escaped) and the view model as a table."""

from __future__ import annotations

import re
from datetime import date

import pytest

from conftest import TODAY, snapshot
from netlog.insight.records import DayActivity, TieHistory, Touch
from netlog.insight.strength import strength
from netlog.render.html import CSP, page
from netlog.report.model import GiveTake, Person, build_report, heatmap_days


def test_report_writes_one_offline_page(cli, ada, tmp_path):
    out = tmp_path / "network.html"
    result = cli("report", "-o", str(out))
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "" and f"Wrote {out}" in result.stderr
    text = out.read_text()
    assert text.startswith("<!DOCTYPE html>")
    assert f'<meta http-equiv="Content-Security-Policy" content="{CSP}">' in text
    assert "default-src 'none'" in CSP
    assert not re.search(r"(?i)<script|<link|@import|url\(|https?:|//[a-z]", text)
    assert text.count('class="day"') == 365
    assert text.count('class="node"') == 1


def test_report_to_stdout(cli, ada):
    result = cli("report", "-o", "-")
    assert result.exit_code == 0
    assert result.stdout.startswith("<!DOCTYPE html>")


def test_report_needs_an_output(cli, ada):
    result = cli("report")
    assert result.exit_code == 2
    assert "--output" in result.stderr


def test_report_into_a_folder_is_refused_and_changes_nothing(cli, ada, tmp_path, db_path):
    before = snapshot(db_path)
    result = cli("report", "-o", str(tmp_path))
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: ") and "Traceback" not in result.stderr
    assert snapshot(db_path) == before


def test_stored_markup_is_escaped_in_the_page(cli, tmp_path):
    cli("add", '<script>alert("x")</script>', "--company", "A & B <i>")
    text = (
        (tmp_path / "p.html").read_text()
        if cli("report", "-o", str(tmp_path / "p.html")).exit_code == 0
        else ""
    )
    assert "<script>" not in text and "<i>" not in text
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in text
    assert "A &amp; B &lt;i&gt;" in text


# ----- the view model
def _people(n: int) -> list[Person]:
    return [
        Person(i, f"P{i:03d}", "Acme" if i % 2 else None, "python", None) for i in range(1, n + 1)
    ]


def test_the_graph_keeps_the_most_connected_then_the_strongest_and_counts_the_rest():
    people = _people(10)
    people[9] = Person(10, "P010", None, None, 3)  # #3 introduced you to #10
    ties = {
        p.id: strength(TieHistory(p.id, p.name, TODAY, [Touch(TODAY, "call", True)] * p.id), TODAY)
        for p in people
    }
    report = build_report(
        today=TODAY, people=people, strengths=ties, introductions=[(1, 2)],
        activity={}, balances=[], overdue=[], max_nodes=4,
    )  # fmt: skip
    # connected first (1, 2, 3, 10), strongest first among the shown
    assert {n.id for n in report.nodes} == {1, 2, 3, 10}
    assert [n.strength for n in report.nodes] == sorted(
        (n.strength for n in report.nodes), reverse=True
    )
    assert report.left_out == 6
    assert sorted((e.a, e.b, e.kind) for e in report.edges) == [
        (1, 2, "you introduced"), (3, 10, "introduced you"),
    ]  # fmt: skip
    assert report.groups == ("Acme", "python")
    assert {n.id: n.group for n in report.nodes}[10] == "other"


def test_give_and_take_lists_who_you_exchanged_the_most_with():
    report = build_report(
        today=TODAY, people=_people(3), strengths={}, introductions=[], activity={},
        balances=[GiveTake(1, "P001", 1, 0), GiveTake(2, "P002", 2, 3), GiveTake(3, "P003", 0, 0)],
        overdue=[],
    )  # fmt: skip
    assert [(g.name, g.gave, g.got) for g in report.give_take] == [("P002", 2, 3), ("P001", 1, 0)]


@pytest.mark.parametrize("today", [date(2026, 11, 25), date(2028, 2, 29), date(2027, 1, 1)])
def test_the_heatmap_has_a_cell_for_each_of_365_days(today):
    days = heatmap_days({today: DayActivity(today, 3, 1)}, today)
    assert len(days) == 365 and days[-1] == DayActivity(today, 3, 1)
    assert (days[-1].day - days[0].day).days == 364
    text = page(
        build_report(
            today=today, people=[], strengths={}, introductions=[],
            activity={today: DayActivity(today, 3, 1)}, balances=[], overdue=[],
        )
    )  # fmt: skip
    assert text.count('class="day"') == 365
    assert f"{today.isoformat()}: 3 conversations, 1 unanswered" in text
