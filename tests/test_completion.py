"""Tab completion as the shells receive it.

Bash is driven for real: the script typer generates is sourced and its
completion function called with COMP_WORDS/COMP_CWORD, then COMPREPLY is read.
Zsh and fish are not installed here, so their output is checked at the Python
level: the zsh line is evaluated as POSIX quoting reads it (zsh single quotes
behave the same), fish gets one raw value a line and quotes on insertion.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

PEOPLE = ("Tomás Herrera", "Sofía Núñez", "Seán O'Brien", "Jan Kowalski", "Jan Nowak")


@pytest.fixture
def people(cli, db_path):
    for name in PEOPLE:
        cli("add", name, "--tag", "café" if name.startswith("Jan") else "python")
    return db_path


def _run(db_path: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    full = {**os.environ, "NETLOG_DB": str(db_path), **env}
    return subprocess.run(
        [sys.executable, "-m", "netlog"], env=full, capture_output=True, text=True
    )


def _bash(db_path: Path, words: list[str]) -> list[str]:
    """COMPREPLY after the generated bash completion function runs on ``words``."""
    bin_dir = db_path.parent / "bin"
    bin_dir.mkdir(exist_ok=True)
    launcher = bin_dir / "netlog"
    launcher.write_text(f'#!/bin/sh\nexec {shlex.quote(sys.executable)} -m netlog "$@"\n')
    launcher.chmod(0o755)
    script = _run(db_path, {"_NETLOG_COMPLETE": "source_bash"}).stdout
    array = " ".join(shlex.quote(w) for w in words)
    program = (
        f"{script}\nCOMP_WORDS=({array}); COMP_CWORD={len(words) - 1}\n"
        "_netlog_completion netlog\nprintf '%s\\n' \"${COMPREPLY[@]}\"\n"
    )
    env = {**os.environ, "NETLOG_DB": str(db_path), "PATH": f"{bin_dir}:{os.environ['PATH']}"}
    out = subprocess.run(
        ["bash", "--norc", "--noprofile", "-c", program],
        env=env, capture_output=True, text=True, check=True,
    )  # fmt: skip
    return out.stdout.splitlines()


def _words_of(reply: str) -> list[str]:
    """How bash reads a COMPREPLY entry once inserted on the command line."""
    return shlex.split(reply)


def test_bash_is_here():
    assert shutil.which("bash"), "the bash completion tests must not skip"


def test_bash_completes_by_folded_word_and_quotes_for_the_line(people):
    assert _bash(people, ["netlog", "log", "tom"]) == ["Tomás\\ Herrera"]
    assert _bash(people, ["netlog", "log", "tomas"]) == ["Tomás\\ Herrera"]
    assert _bash(people, ["netlog", "log", "Her"]) == ["Tomás\\ Herrera"]
    assert _bash(people, ["netlog", "log", "so"]) == ["Sofía\\ Núñez"]
    for typed in ("o'b", "o\\'b", "sean o"):
        reply = _bash(people, ["netlog", "log", typed])
        assert reply == ["Seán\\ O\\'Brien"], typed
        assert _words_of(reply[0]) == ["Seán O'Brien"]


def test_bash_lists_every_name_for_an_ambiguous_prefix(people):
    reply = _bash(people, ["netlog", "log", "jan"])
    assert reply == ["Jan\\ Kowalski", "Jan\\ Nowak"]
    # After readline inserts the shared "Jan\ ", the next TAB lists both again
    # (their shared prefix is what is there, so readline shows the list).
    assert _bash(people, ["netlog", "log", "Jan\\ "]) == reply
    assert _bash(people, ["netlog", "log", "Jan\\ N"]) == ["Jan\\ Nowak"]


def test_bash_keeps_the_typed_word_when_the_shared_prefix_does_not_continue_it(cli, db_path):
    cli("add", "Jan Nowak")
    cli("add", "Jana Nowak")
    reply = _bash(db_path, ["netlog", "log", "nowak"])
    assert reply == ["nowak", "Jan\\ Nowak", "Jana\\ Nowak"]


def test_tag_options_complete_existing_tags(people):
    assert _bash(people, ["netlog", "list", "--tag", "py"]) == ["python"]
    assert _bash(people, ["netlog", "list", "--tag", "cafe"]) == ["café"]
    assert _bash(people, ["netlog", "due", "--tag", ""]) == ["café", "python"]
    for command in (["add", "X"], ["edit", "tom"], ["export"], ["import", "f.csv"]):
        assert _bash(people, ["netlog", *command, "--tag", "p"]) == ["python"], command


def test_zsh_receives_names_it_can_evaluate(people):
    env = {"_NETLOG_COMPLETE": "complete_zsh"}
    out = _run(people, {**env, "_TYPER_COMPLETE_ARGS": "netlog log o'b"}).stdout
    assert out.startswith("compadd -U -- ")
    assert shlex.split(out)[3:] == ["Seán O'Brien"]
    out = _run(people, {**env, "_TYPER_COMPLETE_ARGS": "netlog log jan"}).stdout
    assert shlex.split(out)[3:] == ["Jan Kowalski", "Jan Nowak"]
    out = _run(people, {**env, "_TYPER_COMPLETE_ARGS": "netlog list --tag p"}).stdout
    assert shlex.split(out)[3:] == ["python"]
    # Commands keep typer's described format.
    assert _run(people, {**env, "_TYPER_COMPLETE_ARGS": "netlog d"}).stdout.startswith("_arguments")


def test_fish_receives_one_raw_name_a_line(people):
    env = {"_NETLOG_COMPLETE": "complete_fish", "_TYPER_COMPLETE_FISH_ACTION": "get-args"}
    out = _run(people, {**env, "_TYPER_COMPLETE_ARGS": "netlog log o'b"}).stdout
    assert out.splitlines() == ["Seán O'Brien"]
    out = _run(people, {**env, "_TYPER_COMPLETE_ARGS": "netlog log jan"}).stdout
    assert out.splitlines() == ["Jan Kowalski", "Jan Nowak"]
