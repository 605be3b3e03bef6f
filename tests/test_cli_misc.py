"""Help, version, completion, output modes and the layering rule."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from netlog import __version__
from netlog.cli import app

SRC = Path(__file__).resolve().parents[1] / "src" / "netlog"
COMMANDS = [
    "add", "log", "due", "review", "show", "list", "edit", "snooze", "done", "rm", "search",
    "thank", "loop", "intro", "suggest", "ask", "asks", "at", "note", "ledger", "import",
    "export", "dupes", "merge", "backup", "check", "capture", "config", "sync",
]  # fmt: skip
runner = CliRunner()


def test_version():
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.stdout.strip() == f"netlog {__version__}"


def test_root_help_lists_every_command():
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    for command in COMMANDS:
        assert command in result.stdout


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_with_an_example(command):
    result = runner.invoke(app, [command, "--help"])
    assert result.exit_code == 0
    assert "Example" in result.stdout, command
    readme = (SRC.parents[1] / "README.md").read_text()
    assert f"netlog {command}" in readme, f"README does not document `netlog {command}`"


def test_usage_errors_exit_2(cli):
    assert cli("frobnicate").exit_code == 2
    assert cli("add").exit_code == 2
    assert cli("due", "--limit", "many").exit_code == 2


def test_piped_output_has_no_ansi_codes_even_with_color_forced(cli):
    cli("add", "Ada Lovelace", "--on", "2026-01-01")
    for args in (["due"], ["list"], ["show", "ada"], ["search", "ada"]):
        result = cli(*args, env={"NO_COLOR": "", "FORCE_COLOR": ""})
        assert result.stdout
        assert "\x1b" not in result.stdout, args


def test_stored_control_characters_never_reach_the_terminal(cli):
    cli("add", "Eve \x1b[31mRed\x1b[0m", "--note", "bell\x07 and \x1b]0;title\x07")
    for mode in ("plain", "table"):
        for args in (["list"], ["show", "#1"], ["due", "--within", "1y"]):
            out = cli(*args, env={"NETLOG_OUTPUT": mode}).stdout
            assert "\x1b" not in out and "\x07" not in out, (mode, args)


def _complete(db_path: Path, words: str, shell: str = "bash") -> list[str]:
    env = {**os.environ, "_NETLOG_COMPLETE": f"complete_{shell}", "NETLOG_DB": str(db_path)}
    if shell == "bash":
        env.update(COMP_WORDS=words, COMP_CWORD=str(len(words.split()) - 1))
    else:
        env["_TYPER_COMPLETE_ARGS"] = words
    out = subprocess.run(
        [sys.executable, "-m", "netlog"], env=env, capture_output=True, text=True, check=True
    )
    return out.stdout.split("\n")


def test_tab_completion_of_commands_and_contact_names(cli, db_path):
    cli("add", "Ada Lovelace")
    cli("add", "Adam Smith")
    cli("add", "Grace Hopper")
    assert _complete(db_path, "netlog d")[:2] == ["due", "done"]
    assert _complete(db_path, "netlog log Ad")[:2] == ["Ada\\ Lovelace", "Adam\\ Smith"]
    assert "Grace Hopper" in "".join(_complete(db_path, "netlog show Gr", shell="zsh"))
    assert _complete(db_path, "netlog log --k")[0] == "--kind"


def test_completion_never_creates_a_database(tmp_path):
    missing = tmp_path / "missing.db"
    assert [w for w in _complete(missing, "netlog log Ad") if w] == []
    assert not missing.exists()


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text())
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module.split(".")[0])
    return names


def test_layering_only_cli_imports_typer_only_render_terminal_imports_rich():
    for path in SRC.rglob("*.py"):
        rel = path.relative_to(SRC).as_posix()
        imported = _imports(path)
        if "typer" in imported or "click" in imported:
            assert rel.startswith("cli/"), f"{rel} imports typer"
        if "rich" in imported:
            assert rel == "render/terminal.py", f"{rel} imports rich"


def test_scheduler_and_dates_are_pure():
    for module in ("scheduler.py", "dates.py", "names.py", "records.py"):
        imported = _imports(SRC / module)
        assert not imported & {"sqlite3", "sqlmodel", "sqlalchemy", "typer", "rich", "netlog.db"}
        text = (SRC / module).read_text()
        assert "datetime.now" not in text and "date.today" not in text, module


def test_every_command_has_a_home_module():
    """`netlog CMD` loads only CMD's module: the map must name every command."""
    from typer.main import get_command

    import netlog.cli as cli_package
    from netlog.cli.root import app as root

    cli_package.load()
    assert set(get_command(root).commands) == set(cli_package.COMMAND_HOME)


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["due"], "due"),
        (["--db", "x.db", "log", "ada"], "log"),
        (["--debug", "show", "ada"], "show"),
        (["--help"], None),
        ([], None),
        (["--db", "due"], None),
    ],
)
def test_command_in_argv(argv, expected):
    from netlog.cli import command_in

    assert command_in(argv) == expected


def test_a_command_alone_runs_from_a_fresh_process(tmp_path):
    env = {**os.environ, "NETLOG_TODAY": "2026-11-25", "NETLOG_DB": str(tmp_path / "n.db")}
    for args in (["add", "Ada Lovelace"], ["log", "ada", "hi"], ["due"], ["asks"]):
        out = subprocess.run(
            [sys.executable, "-m", "netlog", *args], env=env, capture_output=True, text=True
        )
        assert out.returncode == 0, (args, out.stderr)


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({"COMP_WORDS": "netlog log Ad", "COMP_CWORD": "2"}, "log"),
        ({"COMP_WORDS": "netlog lo", "COMP_CWORD": "1"}, None),
        ({"COMP_WORDS": "netlog --db x.db show Gr", "COMP_CWORD": "4"}, "show"),
        ({"_TYPER_COMPLETE_ARGS": "netlog show Gr"}, "show"),
        ({"_TYPER_COMPLETE_ARGS": "netlog show "}, "show"),
        ({"_TYPER_COMPLETE_ARGS": "netlog sh"}, None),
        # An unclosed quote is a partial word (as typer reads it), not an error.
        ({"COMP_WORDS": "netlog log 'unclosed", "COMP_CWORD": "2"}, "log"),
    ],
)
def test_completion_loads_only_the_typed_command(environ, expected):
    from netlog.cli import completing_command

    assert completing_command(environ) == expected


def test_ctrl_c_exits_130_and_changes_nothing(cli, db_path, monkeypatch):
    from conftest import snapshot
    from netlog import services

    assert cli("add", "Ada Lovelace").exit_code == 0
    before = snapshot(db_path)

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(services, "log_interaction", interrupted)
    result = cli("log", "ada", "coffee")
    assert result.exit_code == 130
    assert result.stderr.strip() == "Interrupted."
    assert snapshot(db_path) == before


def test_ctrl_c_at_a_prompt_exits_130(cli, db_path):
    """A real process on a pseudo-terminal, interrupted at the rm confirmation."""
    import os
    import pty
    import select
    import signal
    import subprocess
    import sys
    import time

    from conftest import snapshot

    assert cli("add", "Ada Lovelace").exit_code == 0
    before = snapshot(db_path)
    master, slave = pty.openpty()
    env = {**os.environ, "NETLOG_TODAY": "2026-11-25", "NETLOG_DB": str(db_path)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "netlog", "rm", "ada"],
        stdin=slave, stdout=slave, stderr=slave, env=env, close_fds=True,
    )  # fmt: skip
    os.close(slave)
    seen = b""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and b"Delete" not in seen:
        ready, _, _ = select.select([master], [], [], 0.5)
        if ready:
            seen += os.read(master, 4096)
    time.sleep(0.2)
    proc.send_signal(signal.SIGINT)
    assert proc.wait(timeout=30) == 130
    try:
        while select.select([master], [], [], 0.5)[0]:
            seen += os.read(master, 4096)
    except OSError:
        pass
    os.close(master)
    assert b"Interrupted." in seen and b"Traceback" not in seen
    assert snapshot(db_path) == before


def test_a_command_run_builds_only_itself_and_the_app_is_whole_again_after(db_path, monkeypatch):
    """main() has typer build the one command it runs (not its module's other
    five, with their dozens of options), and leaves the app as it found it."""
    import sys

    from typer.main import get_command

    from netlog.cli import app, main, only_command

    before = [c.callback for c in app.registered_commands]
    with only_command(app, "show"):
        built = get_command(app).commands  # type: ignore[attr-defined]
        assert "show" in built and "edit" not in built and "log" not in built
    with only_command(app, None):  # no known command (--help, a typo): all of them
        assert {"show", "edit", "log", "due"} <= set(get_command(app).commands)  # type: ignore[attr-defined]
    monkeypatch.setattr(sys, "argv", ["netlog", "--db", str(db_path), "add", "Ada Lovelace"])
    with pytest.raises(SystemExit) as done:
        main()
    assert done.value.code == 0
    assert [c.callback for c in app.registered_commands] == before


def test_a_reader_that_goes_away_ends_netlog_quietly(cli, db_path):
    """``netlog due --json | head -c 10``: the pipe closes under netlog's output.
    No error line (there is nothing to fix), and the status a shell gives a
    program SIGPIPE ended."""
    import os

    for n in range(30):
        cli("add", f"Person {n}", "--on", "2026-01-01")
    for args in (["due", "--json"], ["due"], ["list", "--json"]):
        read, write = os.pipe()
        os.close(read)  # the reader is gone before netlog writes a byte
        try:
            proc = subprocess.run(
                [sys.executable, "-m", "netlog", "--db", str(db_path), *args],
                stdout=write, stderr=subprocess.PIPE, text=True, check=False,
                env={**os.environ, "NETLOG_TODAY": "2026-11-25"},
            )  # fmt: skip
        finally:
            os.close(write)
        assert (proc.returncode, proc.stderr) == (141, ""), args


def test_root_help_from_stand_ins_is_the_full_help(monkeypatch):
    """``netlog --help`` (and no arguments, and ``-h``) is built from stand-ins
    that carry each command's name and help but no options: the same page,
    the same exit status, without typer building 37 commands' options."""
    import typer.testing
    from typer.main import get_command

    from netlog.cli import app, root_only

    # The runner builds the app it is given; here it is given built groups.
    monkeypatch.setattr(typer.testing, "_get_command", lambda group: group)
    for args in (["--help"], [], ["-h"], ["--db", "x.db", "--help"]):
        full = runner.invoke(get_command(app), args, prog_name="netlog")
        light = runner.invoke(root_only(app), args, prog_name="netlog")
        assert "Commands:" in full.output
        assert (light.output, light.exit_code) == (full.output, full.exit_code), args
    stand_ins = root_only(app).commands  # type: ignore[attr-defined]
    assert set(stand_ins) == set(get_command(app).commands)  # type: ignore[attr-defined]
    commands = {n: c for n, c in stand_ins.items() if n not in ("asks", "config")}
    assert commands and not any(c.params or c.callback for c in commands.values())
    assert stand_ins["asks"].commands  # the sub-groups are whole


def test_netlog_alone_shows_the_help_page_not_one_long_line():
    """``netlog`` with no arguments prints the help page on stderr as a page:
    usage errors are flattened to one line, and this one was too."""
    alone = runner.invoke(app, [])
    helped = runner.invoke(app, ["--help"])
    assert alone.exit_code == 2
    assert alone.stderr == helped.stdout
    assert "\nCommands:\n" in alone.stderr and len(alone.stderr.splitlines()) > 40
