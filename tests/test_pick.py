"""The pick list on a terminal: it comes after every option is checked, and it
never hides an error."""

from __future__ import annotations

import pytest

from conftest import on_a_terminal, snapshot


@pytest.fixture
def two_adas(cli, db_path):
    for name in ("Ada Lovelace", "Ada Byron", "Grace Hopper"):
        assert cli("add", name).exit_code == 0
    return db_path


@pytest.mark.parametrize(
    "args",
    [
        ["thank", "ada", "--on", "someday"],
        ["loop", "ada", "--on", "someday"],
        ["intro", "ada", "grace", "--on", "someday"],
        ["ask", "ada", "an intro", "--on", "someday"],
        ["note", "ada", "likes tea", "--on", "someday"],
        ["log", "ada", "coffee", "--on", "someday"],
        ["log", "ada", "coffee", "--follow-up", "someday"],
        ["add", "Lin Wei", "--via", "ada", "--on", "someday"],
        ["add", "Lin Wei", "--via", "ada", "--every", "often"],
        ["edit", "ada", "--every", "often"],
        ["snooze", "ada", "someday"],
    ],
)
def test_a_bad_option_is_reported_before_the_pick_list(two_adas, args):
    before = snapshot(two_adas)
    code, screen = on_a_terminal(two_adas, args)
    assert code == 1, screen
    assert "matches several contacts" not in screen
    assert "Error: " in screen
    assert snapshot(two_adas) == before


def test_a_name_that_matches_nobody_is_reported_on_a_terminal(two_adas):
    code, screen = on_a_terminal(two_adas, ["log", "zelda", "coffee"])
    assert code == 1
    assert "no contact matches 'zelda'" in screen
