"""Guard the daily commands against heavy imports.

SQLAlchemy/sqlmodel (with pydantic) cost ~300 ms to import, rich ~45 ms: the
commands people run many times a day must not load them (rich only when a
terminal shows a table). Timing itself belongs to the benchmark (bench/run.py);
this test fails as soon as a change pulls a heavy module onto a daily path.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

HEAVY = (
    "sqlalchemy", "sqlmodel", "pydantic", "rich", "markdown_it", "rapidfuzz", "networkx", "numpy",
)  # fmt: skip

PROBE = r"""
import json, sys, os, contextlib, io
from typer.main import get_command
from netlog.cli import app
args = json.loads(sys.argv[1])
with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
    try:
        get_command(app).main(args, prog_name="netlog", standalone_mode=False)
    except SystemExit:
        pass
loaded = set(sys.modules) | {m.split(".")[0] for m in sys.modules}
print(json.dumps(sorted(loaded & set(json.loads(sys.argv[2])))))
"""


def _loaded(
    args: list[str], env: dict[str, str] | None = None, modules: tuple[str, ...] = HEAVY
) -> list[str]:
    environment = {**os.environ, "NETLOG_TODAY": "2026-11-25", **(env or {})}
    environment.pop("NETLOG_OUTPUT", None)
    out = subprocess.run(
        [sys.executable, "-c", PROBE, json.dumps(args), json.dumps(modules)],
        capture_output=True, text=True, env=environment, check=True,
    )  # fmt: skip
    return json.loads(out.stdout)


@pytest.fixture
def existing_db(cli, db_path):
    cli("add", "Ada Lovelace", "--on", "2026-01-01", "--tag", "python")
    return db_path


@pytest.mark.parametrize(
    "args",
    [
        ["due"],
        ["due", "--json"],
        ["log", "ada", "coffee", "--kind", "coffee", "--follow-up", "2w"],
        ["add", "Grace Hopper", "--company", "Navy", "--every", "3w"],
        ["show", "ada"],
        ["list"],
        ["list", "--json"],
        ["search", "ada"],
        ["week"],
        ["week", "--json"],
        ["fading"],
        ["fading", "--json"],
        ["list", "--sort", "strength"],
        ["--help"],
        ["snooze", "ada", "2w"],
        ["done", "ada"],
        ["skip", "c1"],
        ["note", "ada", "moved to Lisbon"],
        ["history", "ada"],
        ["history", "--json"],
        ["undo", "--list"],
    ],
)
def test_daily_commands_stay_light(existing_db, args):
    assert _loaded(["--db", str(existing_db), *args]) == []


# The render package's modules a command loads, by medium.
RENDERERS = ("netlog.render.views", "netlog.render.plain", "netlog.render.terminal")


@pytest.mark.parametrize(
    "args",
    [["due", "--json"], ["list", "--json"], ["show", "ada", "--json"], ["week", "--json"]],
)
def test_json_output_loads_no_text_renderer(existing_db, args):
    assert _loaded(["--db", str(existing_db), *args], modules=RENDERERS) == []


@pytest.mark.parametrize("args", [["due"], ["show", "ada"], ["week"]])
def test_piped_text_loads_the_views_and_plain_text_only(existing_db, args):
    """The guard above can fail: text in a pipe loads the views and plain text."""
    loaded = _loaded(["--db", str(existing_db), *args], modules=RENDERERS)
    assert loaded == ["netlog.render.plain", "netlog.render.views"]


@pytest.mark.parametrize(
    "args",
    [
        ["log", "ada", "coffee"],
        ["log", "ada", "--kind", "call"],  # no summary, no terminal: logged without one
        ["note", "ada", "moved to Lisbon"],
        ["edit", "ada", "--note", "likes Rust"],
    ],
)
def test_the_editor_is_loaded_only_to_open_it(existing_db, args):
    editing = ("netlog.cli.editor", "shlex", "tempfile")
    assert _loaded(["--db", str(existing_db), *args], modules=editing) == []


def test_tab_completion_stays_light(existing_db):
    env = {
        "_NETLOG_COMPLETE": "complete_bash",
        "COMP_WORDS": "netlog log Ad",
        "COMP_CWORD": "2",
        "NETLOG_DB": str(existing_db),
    }
    probe = (
        "import sys, json\n"
        "from netlog.cli import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        f"heavy = {{m.split('.')[0] for m in sys.modules}} & set({list(HEAVY)!r})\n"
        "print(json.dumps(sorted(heavy)))"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True,
        env={**os.environ, **env}, check=True,
    )  # fmt: skip
    lines = out.stdout.strip().splitlines()
    assert lines[0] == "Ada\\ Lovelace"
    assert json.loads(lines[-1]) == []


@pytest.mark.parametrize(
    ("words", "cword", "first"),
    [("netlog list --tag py", "3", "python"), ("netlog log lov", "2", "Ada\\ Lovelace")],
)
def test_tag_and_word_completion_stay_light(existing_db, words, cword, first):
    env = {
        "_NETLOG_COMPLETE": "complete_bash",
        "COMP_WORDS": words.replace(" ", "\n"),
        "COMP_CWORD": cword,
        "NETLOG_DB": str(existing_db),
    }
    probe = (
        "import sys, json\n"
        "from netlog.cli import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        f"heavy = {{m.split('.')[0] for m in sys.modules}} & set({list(HEAVY)!r})\n"
        "print(json.dumps(sorted(heavy)))"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True,
        env={**os.environ, **env}, check=True,
    )  # fmt: skip
    lines = out.stdout.strip().splitlines()
    assert lines[0] == first
    assert json.loads(lines[-1]) == []


@pytest.mark.parametrize("args", [["due"], ["log", "ada", "coffee"], ["list"], ["show", "ada"]])
def test_sync_is_loaded_only_to_sync(existing_db, args):
    # The command module registers itself (the probe loads every command); its
    # engine and the sync state's SQL load only when it runs.
    syncing = ("netlog.sync", "netlog.repository.syncstate", "netlog.importers.vcard")
    assert _loaded(["--db", str(existing_db), *args], modules=syncing) == []


# What only `netlog capture` needs: its package, mail parsing and the calendar libraries.
CAPTURING = ("netlog.capture", "email.parser", "icalendar", "recurring_ical_events")


@pytest.mark.parametrize(
    "args",
    [
        ["due"],
        ["log", "ada", "coffee", "--kind", "coffee"],
        ["add", "Grace Hopper", "--company", "Navy"],
        ["show", "ada"],
        ["history", "ada"],
    ],
)
def test_capture_stays_off_the_daily_path(existing_db, args):
    assert _loaded(["--db", str(existing_db), *args], modules=CAPTURING) == []


def test_the_probe_sees_capture_modules_when_capture_runs(existing_db, tmp_path):
    """The guard above can fail: running capture loads exactly those modules."""
    folder = tmp_path / "cal"
    folder.mkdir()
    (folder / "e.ics").write_text("BEGIN:VCALENDAR\nVERSION:2.0\nEND:VCALENDAR\n")
    loaded = _loaded(
        ["--db", str(existing_db), "capture", str(folder), "--me", "me@home.example"],
        modules=CAPTURING,
    )
    assert loaded == sorted(CAPTURING)


# What the commands of every morning do not need: the models of where the
# network stands, files in and out, the schema's past, corrections, review.
NOT_EVERY_MORNING = (
    "netlog.network", "netlog.insight", "netlog.insight.week", "netlog.insight.fading",
    "netlog.insight.timeline", "netlog.report", "netlog.capture", "netlog.sync",
    "netlog.migrations", "netlog.importers", "netlog.exporters", "netlog.transfer",
    "netlog.exchange", "netlog.dump", "netlog.dump_validate", "netlog.maintenance",
    "netlog.corrections", "netlog.review", "netlog.cli.editor", "netlog.files", "netlog.matching",
)  # fmt: skip


@pytest.mark.parametrize(
    ("args", "allowed"),
    [
        (["due"], ()),
        (["due", "--json"], ()),
        (["log", "ada", "coffee", "--kind", "coffee", "--follow-up", "2w"], ()),
        (["add", "Grace Hopper", "--company", "Navy", "--every", "3w"], ()),
        (["search", "ada"], ()),
        (["list", "--json"], ()),
        (["snooze", "ada", "2w"], ()),
        (["done", "ada"], ()),
        (["skip", "c1"], ()),
        # show prints a strength: that model, and only that one
        (["show", "ada"], ("netlog.network", "netlog.insight")),
        (["history", "ada"], ("netlog.corrections",)),
    ],
)  # fmt: skip
def test_each_daily_command_loads_only_what_it_uses(existing_db, args, allowed):
    """A module a command does not use costs it start-up time all the same:
    each of these fails as soon as a change pulls one onto its path."""
    loaded = _loaded(["--db", str(existing_db), *args], modules=NOT_EVERY_MORNING)
    assert [m for m in loaded if m not in allowed] == []


def test_the_module_probe_sees_what_week_loads(existing_db):
    """The guard above can fail: week loads the insight models it reads."""
    loaded = _loaded(["--db", str(existing_db), "week"], modules=NOT_EVERY_MORNING)
    assert {"netlog.network", "netlog.insight"} <= set(loaded)


# Standard-library modules a bare typer app does not load and the daily text
# commands do not need: each cost a start a millisecond or more (json's import
# compiles its patterns; dataclasses defines records at half a millisecond each).
# The probe imports nothing itself: main() runs as the console script runs it.
STDLIB_PROBE = r"""
import atexit, sys
report = sys.argv[1]
def loaded():
    with open(report, "w") as out:
        out.write("\n".join(sorted(sys.modules)))
atexit.register(loaded)
sys.argv = ["netlog", *sys.argv[2:]]
from netlog.cli import main
main()
"""
NOT_FOR_TEXT = ("json", "dataclasses", "calendar", "dateutil")


@pytest.mark.parametrize(
    "args",
    [
        ["due"],
        ["log", "ada", "coffee", "--kind", "coffee", "--follow-up", "2w"],
        ["add", "Grace Hopper", "--company", "Navy", "--every", "3w"],
        ["show", "ada"],
        ["search", "ada"],
        ["snooze", "ada", "2w"],
        ["done", "ada"],
    ],
)
def test_daily_text_commands_load_no_json_dataclasses_or_calendar(existing_db, tmp_path, args):
    report = tmp_path / "modules.txt"
    environment = {**os.environ, "NETLOG_TODAY": "2026-11-25"}
    environment.pop("NETLOG_OUTPUT", None)
    subprocess.run(
        [sys.executable, "-c", STDLIB_PROBE, str(report), "--db", str(existing_db), *args],
        capture_output=True, env=environment, check=True,
    )  # fmt: skip
    loaded = set(report.read_text().split())
    assert "netlog.cli.root" in loaded  # the command ran
    assert sorted(loaded & set(NOT_FOR_TEXT)) == []


def test_the_stdlib_probe_sees_json_when_json_is_printed(existing_db, tmp_path):
    report = tmp_path / "modules.txt"
    args = ["--db", str(existing_db), "due", "--json"]
    subprocess.run(
        [sys.executable, "-c", STDLIB_PROBE, str(report), *args], capture_output=True, check=True
    )
    assert "json" in report.read_text().split()
