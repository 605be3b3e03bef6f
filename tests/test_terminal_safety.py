"""No stored byte reaches a real terminal as a control sequence.

Hostile names, companies and notes (OSC 0 window titles, OSC 52 clipboard
writes, CSI sequences, 8-bit C1 CSI and OSC, a right-to-left override, BEL)
arrive the way real ones do: from a vCard, a CSV and a JSON dump. Then every
command, and the error paths that quote names (unknown name and its "did you
mean", ambiguous name, duplicate add, pick list, ``rm`` prompt, merging or
introducing someone to themselves, usage errors, a database path holding an
escape sequence), runs as a real process on a pseudo-terminal with colour on.

What the terminal receives may contain netlog's own styling, which rich writes
as SGR sequences (``ESC [ ... m``), and nothing else: no other ESC sequence,
no OSC, no C0 control but CR, LF and tab, no BEL, DEL, C1 control or bidi
formatting character. The processes run in parallel; the test takes seconds.
"""

from __future__ import annotations

import fcntl
import os
import pty
import re
import select
import shutil
import sqlite3
import struct
import subprocess
import sys
import termios
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import TODAY
from netlog.cli import app

ESC, BEL = "\x1b", "\x07"
HOSTILE = [
    f"Evil{ESC}]0;PWNED window title{BEL} Title",
    f"Evil{ESC}]52;c;cm0gLXJmIH4K{BEL} Clip",
    f"Evil{ESC}[2J{ESC}[31m Csi",
    "Evil\x9b31m Cone",
    "Evil\x9d0;c1 title\x9c Ctwo",
    "Evil\u202eesreveR",
    f"Evil{BEL}{BEL} Bell",
]
TEXT = f"hi{ESC}]52;c;Y2xpcA=={BEL}\x9b2J\u202e{ESC}[5m{BEL}"  # summaries, notes, asks
# Importers refuse a file that is mostly control characters (a binary file):
# ordinary contacts and notes around the hostile ones, as in a real address book.
OTHER_NAMES = [f"Benign Person {i}" for i in range(40)]
PADDING = "met at the conference, talked about compilers and the weather" * 2

SGR = re.compile(r"\x1b\[[0-9;]*m")
FORBIDDEN = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]"
)
MARK = "Evil\ufffd"  # how the hostile names must show up: visibly replaced


def leaks(raw: bytes) -> list[str]:
    """Everything in ``raw`` that is not text, CR/LF/tab or an SGR sequence."""
    text = raw.decode("utf-8")  # invalid UTF-8 would be a leak too
    rest = SGR.sub("", text)
    return [f"{m.group()!r} at {m.start()}: {rest[max(0, m.start() - 30) : m.start() + 10]!r}"
            for m in FORBIDDEN.finditer(rest)]  # fmt: skip


def _vcard(names: list[str]) -> str:
    cards = [
        f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:{name}\r\n"
        f"ORG:{f'Acme{ESC}]0;org{BEL}' if name.startswith('Evil') else 'Acme Corp'}\r\n"
        f"NOTE:note {name} {PADDING}\r\nEND:VCARD\r\n"
        for name in names
    ]
    return "".join(cards)


def _csv(names: list[str]) -> str:
    rows = ["name,company,note"]
    rows += [f'"{name}",Acme Corp,"n {name} {PADDING}"' for name in names]
    return "\n".join(rows) + "\n"


@dataclass(frozen=True)
class World:
    folder: Path
    vcf: Path
    csv: Path
    dump: Path
    restored: Path  # the database every command runs on (a copy of it)


def _invoke(db: Path, *args: str) -> None:
    result = CliRunner().invoke(
        app, ["--db", str(db), *args], env={"NETLOG_TODAY": TODAY.isoformat()}
    )
    assert result.exit_code == 0, (args, result.stdout, result.stderr)


@pytest.fixture(scope="module")
def world(tmp_path_factory) -> World:
    folder = tmp_path_factory.mktemp("hostile")
    vcf = folder / "hostile.vcf"
    vcf.write_text(_vcard(HOSTILE[:4] + OTHER_NAMES), encoding="utf-8")
    csv = folder / "hostile.csv"
    csv.write_text(_csv(HOSTILE[4:] + OTHER_NAMES), encoding="utf-8")
    built = folder / "built.db"
    _invoke(built, "import", str(vcf))
    _invoke(built, "import", str(csv))
    for args in (
        ["log", "#1", TEXT, "--got", TEXT, "--gave", TEXT, "--follow-up", "2w", "--todo", TEXT,
         "--on", "2026-11-01"],
        ["note", "#1", TEXT],
        ["ask", "#1", TEXT, "--at", "Acme"],
        ["intro", "#1", "#2", "--why", TEXT],
        ["edit", "#1", "--offers", f"Rust mentoring {TEXT}"],
        ["edit", "#1", "--note", f"likes sailing {TEXT}"],
        ["edit", "#3", "--seeks", "a Rust mentor"],
        ["edit", "#4", "--company", "Bold Ventures"],
        ["log", "#2", TEXT, "--no-reply"],
        ["add", HOSTILE[5], "--force"],  # a duplicate for dupes and merge
    ):  # fmt: skip
        _invoke(built, *args)
    dump = folder / "dump.json"
    _invoke(built, "export", "--format", "json", "-o", str(dump))
    restored = folder / "restored.db"
    _invoke(restored, "import", str(dump))  # the JSON route: what every command runs on
    names = [row[0] for row in sqlite3.connect(restored).execute("SELECT name FROM contact")]
    assert sum(name.startswith("Evil") for name in names) == len(HOSTILE) + 1
    assert any(ESC in name for name in names) and any("\x9b" in name for name in names)
    return World(folder, vcf, csv, dump, restored)


@dataclass(frozen=True)
class Case:
    args: tuple[str, ...]
    answers: tuple[tuple[str, str], ...] = ()  # (prompt seen, what to type)
    code: int = 0
    expect: str | None = MARK  # must appear: the hostile text was shown, made harmless
    stdin_tty: bool = True
    database: str = "copy"  # copy of the restored one | new (empty) | hostile (named with OSC)


PICK = (("Which one", "1\n"),)
CASES: dict[str, Case] = {
    "list": Case(("list",)),
    "list-json": Case(("list", "--json"), expect="\\u009b"),
    "show": Case(("show", "#1")),
    "show-json": Case(("show", "#1", "--json"), expect="Evil\\u001b"),
    "due": Case(("due", "--within", "1y")),
    "due-json": Case(("due", "--json", "--within", "1y"), expect="\\u202e"),
    "review": Case(("review",), (("]? ", "q"),)),  # a card, its prompt, the summary
    "search": Case(("search", "evil")),
    "search-json": Case(("search", "evil", "--json"), expect="\\u009d"),
    "show-pick": Case(("show", "evil"), PICK),
    "log-pick": Case(("log", "evil", "hello"), PICK),
    "log": Case(("log", "#1", TEXT, "--follow-up", "1w", "--todo", TEXT, "--got", TEXT)),
    "ambiguous": Case(("show", "evil"), code=1, stdin_tty=False),
    "unknown": Case(("show", "evil titel"), code=1),
    "add-duplicate": Case(("add", HOSTILE[0]), code=1),
    "add-force": Case(("add", HOSTILE[0], "--force", "--via", "#2")),
    "add-via-pick": Case(("add", "Someone New", "--via", "evil"), PICK, expect="Someone New"),
    "edit": Case(("edit", "#1", "--title", TEXT)),
    "edit-pick": Case(("edit", "evil", "--company", "X"), PICK),
    "edit-note-ask": Case(("edit", "#1", "--note", "x"), (("[y/N]", "n\n"),), code=1),
    "history": Case(("history", "#1")),
    "history-all": Case(("history",)),
    "history-json": Case(("history", "#1", "--json"), expect="Evil\\u001b"),
    "amend": Case(("amend", "i1", TEXT), expect="Amended"),
    "drop-no": Case(("drop", "i1"), (("[y/N]", "n\n"),), code=1),
    "undo-list": Case(("undo", "--list"), expect="netlog import"),
    "undo": Case(("undo",)),  # the restore: it names whom it had added
    "snooze": Case(("snooze", "#1", "2w")),
    "done": Case(("done", "#1")),
    "rm-no": Case(("rm", "#1"), (("[y/N]", "n\n"),), code=1),
    "rm-pick-yes": Case(("rm", "evil"), (*PICK, ("[y/N]", "y\n"))),
    "rm-no-terminal": Case(("rm", "#1"), code=1, stdin_tty=False),
    "thank": Case(("thank", "#1")),
    "loop": Case(("loop", "#1", TEXT)),
    "intro": Case(("intro", "#3", "#2", "--why", TEXT)),
    "intro-self": Case(("intro", "#1", "#1"), code=1),
    "suggest": Case(("suggest",)),
    "suggest-json": Case(("suggest", "--json"), expect="Evil\\u001b"),
    "ask": Case(("ask", "#2", TEXT)),
    "asks": Case(("asks", "--all")),
    "asks-json": Case(("asks", "--json"), expect="\\u202e"),
    "asks-done": Case(("asks", "done", "1", "--outcome", TEXT)),
    "at": Case(("at", "acme")),
    "at-json": Case(("at", "acme", "--json"), expect="Evil\\u001b"),
    "at-markup": Case(("at", "[/bold]"), expect="Who you know at [/bold]"),
    "note": Case(("note", "#1", TEXT)),
    "ledger": Case(("ledger",)),
    "ledger-json": Case(("ledger", "--json"), expect="Evil\\u001b"),
    "list-strength": Case(("list", "--sort", "strength")),
    "week": Case(("week", "--since", "1 year ago")),
    "week-json": Case(("week", "--json"), expect='"reached"'),
    "fading": Case(("fading",), expect=None),
    "fading-json": Case(("fading", "--json"), expect="["),
    "report-terminal": Case(("report", "-o", "{tty}"), expect="<!DOCTYPE html>"),
    "import-vcard": Case(("import", "{vcf}"), expect="hostile.vcf", database="new"),
    "import-csv": Case(("import", "{csv}", "--dry-run"), expect="hostile.csv", database="new"),
    "import-json": Case(("import", "{dump}"), expect="Restored", database="new"),
    "import-report-json": Case(("import", "{csv}", "--json"), expect='"new"'),
    "export-json": Case(("export", "--format", "json"), expect="Evil\\u001b"),
    "export-vcard": Case(("export", "--format", "vcard"), expect="BEGIN:VCARD"),
    "export-csv": Case(("export", "--format", "csv")),
    "export-ics": Case(("export", "--format", "ics", "--within", "6w"), expect="BEGIN:VCALENDAR"),
    "export-terminal": Case(("export", "--format", "csv", "-o", "{tty}")),  # /dev/pts/N
    "dupes": Case(("dupes",)),
    "dupes-json": Case(("dupes", "--json"), expect="Evil\\u202e"),
    "merge": Case(("merge", "#1", "#2", "--yes")),
    "merge-pick": Case(("merge", "evil", "#40", "--yes"), PICK),
    "merge-self": Case(("merge", "#1", "#1"), code=1),
    "check": Case(("check",), code=1),  # a copy with a wrong stored value: names the contact
    "check-json": Case(("check", "--json"), code=1, expect="Evil\\u001b"),
    "backup": Case(("backup",), expect="Backed up"),
    "backup-hostile-path": Case(("backup",), expect="Backed up", database="hostile"),
    "new-hostile-path": Case(("list",), expect="Created a new netlog database", database="hostile"),
    "usage-extra": Case(("show", "#1", f"x{ESC}]0;t{BEL}"), code=2, expect="extra argument"),
    "usage-command": Case((f"frob{ESC}]0;t{BEL}",), code=2, expect="No such command"),
    "usage-option": Case((f"--frob{ESC}]0;t{BEL}", "list"), code=2, expect="No such option"),
}


def _database(world: World, tag: str, case: Case) -> Path:
    if case.database == "new":
        return world.folder / f"{tag}.db"
    if case.database == "hostile":
        folder = world.folder / tag
        folder.mkdir()
        path = folder / f"evil{ESC}]0;path{BEL}\x9b.db"
        if case.args != ("list",):
            shutil.copy(world.restored, path)
        return path
    path = world.folder / f"{tag}.db"
    shutil.copy(world.restored, path)
    if tag.startswith("check"):
        conn = sqlite3.connect(path)
        conn.execute("UPDATE contact SET last_contact_on = '2020-01-01' WHERE id = 1")
        conn.commit()
        conn.close()
    return path


def _on_terminal(argv: list[str], case: Case, timeout: float = 60) -> tuple[int, bytes]:
    """Run ``argv`` with a pseudo-terminal as stdout and stderr (and stdin unless
    the case says otherwise), answer its prompts, return its code and output."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    argv = [os.ttyname(slave) if arg == "{tty}" else arg for arg in argv]
    env = {**os.environ, "NETLOG_TODAY": TODAY.isoformat(), "TERM": "xterm-256color"}
    for name in ("NO_COLOR", "COLUMNS", "NETLOG_OUTPUT", "FORCE_COLOR"):
        env.pop(name, None)
    proc = subprocess.Popen(
        argv, stdin=slave if case.stdin_tty else subprocess.DEVNULL, stdout=slave, stderr=slave,
        env=env, close_fds=True, start_new_session=True,
    )  # fmt: skip
    os.close(slave)
    seen, pending = b"", list(case.answers)
    deadline = time.monotonic() + timeout
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([master], [], [], 0.1)
            if ready:
                try:
                    chunk = os.read(master, 65536)
                except OSError:  # EIO: the process has gone and closed the terminal
                    break
                if not chunk:
                    break
                seen += chunk
            if pending and pending[0][0].encode() in seen:
                os.write(master, pending.pop(0)[1].encode())
            if not ready and proc.poll() is not None:
                break
        code = proc.wait(timeout=10)
    finally:
        if proc.poll() is None:
            proc.kill()
        os.close(master)
    return code, seen


def _run(world: World, tag: str, case: Case) -> tuple[str, Case, int, bytes]:
    db = _database(world, tag, case)
    files = {"{vcf}": world.vcf, "{csv}": world.csv, "{dump}": world.dump}
    args = [str(files.get(arg, arg)) for arg in case.args]
    argv = [sys.executable, "-m", "netlog", "--db", str(db), *args]
    if args and args[0].startswith("--frob"):
        argv = [sys.executable, "-m", "netlog", *args]
    code, output = _on_terminal(argv, case)
    return tag, case, code, output


def test_no_command_lets_stored_text_control_the_terminal(world):
    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(lambda item: _run(world, *item), CASES.items()))
    problems = []
    for tag, case, code, output in results:
        text = output.decode("utf-8", "replace")
        found = leaks(output)
        if found:
            problems.append(f"{tag}: leaked {found[:3]}")
        if code != case.code:
            problems.append(f"{tag}: exit {code}, expected {case.code}: {text[-300:]!r}")
        if case.expect and case.expect not in SGR.sub("", text):
            problems.append(f"{tag}: {case.expect!r} not shown: {text[-300:]!r}")
        if "Traceback" in text:
            problems.append(f"{tag}: a traceback: {text[-300:]!r}")
    assert not problems, "\n".join(problems)


def test_the_leak_detector_sees_what_it_must():
    """The assertions above mean something: raw hostile text is caught."""
    for hostile in [*HOSTILE, TEXT]:
        assert leaks(hostile.encode()), hostile
    assert leaks(b"\x1b[2J") and leaks(b"\x1b]8;;x\x1b\\")
    assert leaks(b"\xc2\x9b") and leaks("\u2066".encode())
    assert not leaks("\x1b[1mbold\x1b[0m r\u00e9sum\u00e9 \ufffd\r\n\t".encode())


def test_tab_completion_never_offers_a_hostile_name(world):
    """The shell prints completion candidates as they are: unsafe names are left
    out (they stay reachable by #ID), the others offered as before."""
    env = {
        **os.environ,
        "_NETLOG_COMPLETE": "complete_bash",
        "COMP_WORDS": "netlog show Ev",
        "COMP_CWORD": "2",
        "NETLOG_DB": str(world.restored),
    }
    out = subprocess.run(
        [sys.executable, "-m", "netlog"], env=env, capture_output=True, check=True
    ).stdout
    assert not leaks(out) and b"Evil" not in out
    env["COMP_WORDS"] = "netlog show Ben"
    offered = subprocess.run(
        [sys.executable, "-m", "netlog"], env=env, capture_output=True, text=True, check=True
    ).stdout.splitlines()
    assert "Benign\\ Person\\ 1" in offered


# ----- the sanitiser itself
from hypothesis import given  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from netlog.sanitise import REPLACEMENT, json_safe, one_line, safe  # noqa: E402


@given(st.text())
def test_sanitised_text_holds_no_control_escape_or_bidi_character(text):
    cleaned = safe(text)
    for shown in (cleaned, one_line(text)):
        assert not FORBIDDEN.search(shown) and "\r" not in shown  # the terminal adds CRs itself
    assert "\n" not in one_line(text) and "\t" not in one_line(text)
    assert len(cleaned) == len(text)  # one for one: each unsafe character visibly replaced
    for before, after in zip(text, cleaned, strict=True):
        unsafe = before == "\r" or FORBIDDEN.match(before)
        assert after == before or (after == REPLACEMENT and unsafe)


@given(st.recursive(st.none() | st.text() | st.integers(), lambda inner: st.lists(inner)))
def test_json_escapes_are_the_same_json(value):
    import json

    for indent in (None, 2):
        escaped = json_safe(json.dumps(value, ensure_ascii=False, indent=indent))
        assert json.loads(escaped) == value
        assert not FORBIDDEN.search(escaped.replace("\n", ""))


def test_json_written_in_batches_escapes_what_a_terminal_would_act_on(capsys):
    """A long array goes out a thousand objects at a time, and each batch is
    escaped like the whole was: bidi overrides and C1 controls as ``\\uXXXX``
    in any batch, dashes and curly quotes (whose UTF-8 starts the same way) as
    they are, and the whole is one array that decodes to what was given."""
    import json

    from netlog.render.output import print_json, print_json_objects

    data = [{"n": n, "text": "Check in — “hi”"} for n in range(2500)]
    data[1500]["text"] = "evil\u202eoverride"
    data[2499]["text"] = "c1\x85control"
    print_json(data)
    out = capsys.readouterr().out
    assert json.loads(out) == data
    assert "\u202e" not in out and "\x85" not in out
    assert "evil\\u202eoverride" in out and "c1\\u0085control" in out
    assert "Check in — “hi”" in out
    print_json_objects(iter([[json.dumps(d, ensure_ascii=False) for d in data[:1200]], []]))
    out = capsys.readouterr().out
    assert json.loads(out) == data[:1200] and "\u202e" not in out
    print_json_objects(iter([]))
    assert capsys.readouterr().out == "[]\n"
