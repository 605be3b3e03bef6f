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
    for typed in ("o\\'b", "sean o"):
        reply = _bash(people, ["netlog", "log", typed])
        assert reply == ["Seán\\ O\\'Brien"], typed
        assert _words_of(reply[0]) == ["Seán O'Brien"]
    # After an open quote, readline inserts the rest raw and closes the quote.
    assert _bash(people, ["netlog", "log", '"tom']) == ["Tomás Herrera"]
    assert _bash(people, ["netlog", "log", "'o"]) == ["Seán O'\\''Brien"]
    # A quote opened inside the word cannot be completed: nothing, not a broken line.
    assert not any(_bash(people, ["netlog", "log", "o'b"]))


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


# ----- a real interactive bash on a pseudo-terminal: what a user sees on TAB
class _Terminal:
    """An interactive bash on a pseudo-terminal, fed keystrokes."""

    def __init__(self, db_path: Path) -> None:
        import pty

        bin_dir = db_path.parent / "bin"
        bin_dir.mkdir(exist_ok=True)
        launcher = bin_dir / "netlog"
        launcher.write_text(f'#!/bin/sh\nexec {shlex.quote(sys.executable)} -m netlog "$@"\n')
        launcher.chmod(0o755)
        rc = db_path.parent / "bashrc"
        script = _run(db_path, {"_NETLOG_COMPLETE": "source_bash"}).stdout
        rc.write_text(
            f"{script}\nPS1='$ '\nbind 'set bell-style none'\n"
            "bind 'set show-all-if-ambiguous on'\nbind 'set completion-query-items 0'\n"
        )
        env = {
            **os.environ, "NETLOG_DB": str(db_path), "PATH": f"{bin_dir}:{os.environ['PATH']}",
            "TERM": "dumb", "INPUTRC": "/dev/null", "HISTFILE": "/dev/null",
        }  # fmt: skip
        # An empty folder to run in: bash completes file names when netlog offers
        # nothing, and no file (the repository's bench/, this test's own) may answer.
        empty = db_path.parent / "empty"
        empty.mkdir(exist_ok=True)
        self.master, slave = pty.openpty()
        self.proc = subprocess.Popen(
            ["bash", "--rcfile", str(rc), "--noprofile", "-i"],
            stdin=slave, stdout=slave, stderr=slave, env=env, close_fds=True,
            start_new_session=True, cwd=empty,
        )  # fmt: skip
        os.close(slave)
        self.screen = b""
        self.wait_for(b"$ ")

    def wait_for(self, text: bytes, timeout: float = 30) -> bytes:
        import select
        import time

        deadline = time.monotonic() + timeout
        start = len(self.screen)
        while text not in self.screen[start:] and time.monotonic() < deadline:
            ready, _, _ = select.select([self.master], [], [], 0.2)
            if ready:
                try:
                    self.screen += os.read(self.master, 4096)
                except OSError:
                    break
        assert text in self.screen[start:], (text, self.screen[start:])
        return self.screen[start:]

    def type(self, keys: bytes) -> None:
        os.write(self.master, keys)

    def close(self) -> None:
        self.proc.kill()
        self.proc.wait()
        os.close(self.master)


@pytest.fixture
def terminal(people):
    shell = _Terminal(people)
    yield shell
    shell.close()


def _run_line(terminal: _Terminal, typed: bytes, shown: bytes) -> str:
    """Type ``typed`` then TAB; once ``shown`` is on the line, put printf in front
    and run it: what bash makes of the completed line, one <word> each."""
    terminal.type(typed + b"\t")
    terminal.wait_for(shown)
    # Ctrl-A to the start of the line, Ctrl-E to its end.
    terminal.type(b"\x01printf '<%s>' \x05; printf '[%s]' end\r")
    out = terminal.wait_for(b"[end]")
    return out.decode("utf-8", "replace")


def test_tab_on_a_terminal_completes_a_folded_word_to_the_full_name(terminal):
    out = _run_line(terminal, b"netlog log tomas", "Tomás\\ Herrera".encode())
    assert "<netlog><log><Tomás Herrera>" in out


@pytest.mark.parametrize(
    ("typed", "shown"),
    [
        (b"netlog log o\\'b", b"O\\'Brien "),
        (b"netlog log sean\\ o", b"O\\'Brien "),
        (b"netlog log \"o'b", b"O'Brien\" "),
        (b"netlog log 'sean", b"O'\\''Brien' "),
    ],
)
def test_tab_on_a_terminal_quotes_an_apostrophe(terminal, typed, shown):
    out = _run_line(terminal, typed, shown)
    assert "<netlog><log><Seán O'Brien>" in out


def test_tab_on_a_terminal_inside_double_quotes(terminal):
    out = _run_line(terminal, b'netlog log "tom', b'Herrera" ')
    assert "<netlog><log><Tomás Herrera>" in out


def test_tab_after_a_bare_apostrophe_leaves_the_line_alone(terminal):
    """The shell reads o'b as o + an open quote; readline could only replace
    what follows the quote, so nothing is inserted."""
    terminal.type(b"netlog log o'b\t\t'\x01printf '<%s>' \x05; printf '[%s]' end\r")
    out = terminal.wait_for(b"[end]").decode()
    assert "<netlog><log><ob>" in out


def test_tab_on_a_terminal_lists_the_candidates_of_an_ambiguous_prefix(terminal):
    terminal.type(b"netlog log jan\t")
    listed = terminal.wait_for(b"Nowak").decode()
    assert "Jan Kowalski" in listed.replace("\\ ", " ")
    out = _run_line(terminal, b"N", b"Nowak ")
    assert "<netlog><log><Jan Nowak>" in out
