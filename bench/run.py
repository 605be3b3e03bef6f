"""Time netlog the way people use it, and how far each command is above the floor.

Whole processes, on databases of known size, each against "the floor": a bare
typer app parsing the same command line (``bench/floor.py``).

    python bench/run.py                                   # 1k/10k and 20k/500k, 9 runs each
    python bench/run.py --sizes 1000:10000 --runs 3 --warmup 1 --workdir /tmp/nlbench
    python bench/run.py --only due,log --sizes 20000:500000 --workdir /tmp/nlbench --no-sync \\
        --capture none --kept-up 0
    python bench/run.py --workdir /tmp/nlbench --json /tmp/nlbench/result.json

What it measures, per database size ("CONTACTS:INTERACTIONS"):

* Wall time of whole ``netlog`` processes -- interpreter start-up, imports, opening the
  database, the query, rendering -- for ``due``, ``due --json``, ``list --json``,
  ``show NAME``, ``search hiring``, ``log``, ``add``, ``snooze`` and ``done`` (these four
  on a scratch copy of the database), ``--help``, bash tab completion of a name, and the
  commands about where the network stands: ``week``, ``week --json``, ``fading``,
  ``list --sort strength`` and ``report -o -`` (the page on stdout). That is the latency a
  user feels, and most of it is often start-up and imports rather than SQL.
* The floor: every netlog run has a twin, the same command line given to
  ``bench/floor.py`` (a bare typer app declaring netlog's arguments and options, doing
  nothing), with ``--db PATH`` in front where netlog has it. What netlog costs above
  what any typer CLI costs is the distance between the two.
* Runs go in turns -- netlog, its floor twin, ``python -c pass``, netlog, floor, pass,
  ... -- so drift on a noisy or throttled machine hits all three alike. Reported per
  command: the median and min-max of netlog's runs, the floor's median, the distance to
  the floor (the median of the per-round differences netlog - floor, in ms), and the
  ratio to ``python -c pass`` (the median of the per-round ratios).
* Targets, judged on the distance at 20k/500k (smaller sizes are held to the same
  bounds): ``show``, ``search``, ``log``, ``add``, ``snooze``, ``done``, ``--help``
  and completion at most DAILY_TARGET_MS (15) ms above the floor; ``due``,
  ``due --json`` and ``list --json``, which print every one of the ~10,000 items due
  in the neglected 20k network, at most LIST_TARGET_MS (60); ``due`` on the kept-up
  network at most 15; the rest (``week``, ``fading``, ``report``, sync, capture) are
  reported with their distance and no target. Peak RSS of ``due`` at most
  RSS_TARGET_MIB (40) MiB.
* Peak memory (max RSS) of one ``due``, ``fading`` and ``report`` process, measured in
  a small helper process so that the figure is that child's own peak.
* ``services.due`` timed in process (no start-up, no rendering): how much of ``due``
  is the actual computation.
* The kept-up network (``--kept-up N``, default 50; 0 skips it): the largest size in
  ``--sizes`` generated again with ``bench/generate.py --kept-up N`` -- a network you
  keep up with, where only N people are overdue for a check-in and every follow-up is
  done (and no tie is fading), so ``due`` lists just those N check-ins. On it:
  ``due`` and ``due --json`` (with their floor), the number of items due, the peak RSS
  of ``due`` and the in-process due computation.
* How long ``bench/generate.py`` took to build each database.
* ``sync`` with nothing changed: a database of ``SYNC_SIZE`` synced once with an
  address-book and a task folder (every contact a card, every item due within
  four weeks a task), then ``netlog sync`` timed again on it (``--no-sync`` skips it).
* ``netlog capture`` of a generated Maildir (``bench/maildir.py``: 50,000 messages
  for a 2,000-contact network by default, ``--capture MESSAGES:CONTACTS``, ``--capture
  none`` skips it): the first run (each timed run on a fresh copy of the network), a
  re-run when nothing is new, and the peak memory of a first run. ``--only-capture``
  skips the rest.

``--only LABELS`` times only the commands whose label (as in the table) contains one
of the comma-separated, case-insensitive substrings -- ``--only due,log`` times
``due``, ``due --json`` (on both networks), ``log NAME ...`` and ``log PREFIX<TAB>`` --
and measures only the figures that go with them (the peak RSS and the in-process
computation of ``due`` with ``due``, the peak RSS of ``fading`` and ``report`` with
them; sync with ``sync``, capture with ``capture``).

The writing commands run as a user runs them every day, and succeed on every run:
``log NAME "benchmark call" --kind call`` and ``add "Bench Person" --force`` add an
interaction and a contact each time; ``snooze NAME 2w`` snoozes a different contact
each run, one due for a check-in (so each run pushes a check-in later; if there are
fewer such contacts with a unique name than runs, the later runs repeat one and change
nothing, and a note says so); ``done NAME`` marks done the follow-up due today that an
untimed ``netlog log NAME "benchmark call" --kind call --follow-up today --todo "send
the notes"`` gave NAME just before each round.

Every netlog process runs with ``NETLOG_TODAY=2026-11-25`` (the day the databases are
generated for), ``NETLOG_DB`` unset (``--db PATH`` instead; completion alone reads
``NETLOG_DB``; ``--help`` has neither), stdin/stdout/stderr on /dev/null (so nothing is
a terminal and output is the plain, non-interactive kind), and the interpreter running
this script: the ``netlog`` console script next to ``sys.executable`` if there is one,
else ``python -m netlog``; ``--netlog CMD`` overrides it. The floor runs as
``sys.executable -c "... from floor import app; app(prog_name='floor')"`` (imported, so its
bytecode is cached like netlog's); its completion twin is ``_FLOOR_COMPLETE=complete_bash
COMP_WORDS="floor log PREFIX" COMP_CWORD=2``.

Databases are built with ``bench/generate.py --seed 42 --today 2026-11-25`` and cached
in ``--workdir`` as ``bench-CONTACTS-INTERACTIONS-seed42.db`` (the kept-up one as
``bench-CONTACTS-INTERACTIONS-seed42-keptupN.db``), each with a ``.json`` note of how
it was made; a later run with the same workdir reuses them. Read-only commands run
against the cached file; writing commands against a copy made once per size.
``show``/``log``/``done`` use the name of the 18th contact by id, or the next contact
after it whose name is unique (big synthetic networks repeat names, and an ambiguous
name is an error when there is no terminal to ask on); completion types its first three
letters.
Without ``--workdir`` everything lives in a temporary directory that is removed at the
end (``--keep`` keeps it, and with ``--workdir`` keeps the scratch copies).

Results go to stdout as a Markdown table (``| command | size | median ms | floor ms |
above floor ms | target | × python -c pass |``: netlog's median with its min-max, the
floor's median, the distance, the target and whether it is met, the ratio) and bullet
lines; progress goes to stderr. ``--json OUT`` also writes every figure, including the
raw samples of netlog, the floor and ``python -c pass``. Standard library only.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shlex
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

TODAY = "2026-11-25"
SEED = 42
DEFAULT_SIZES = "1000:10000,20000:500000"
HERE = Path(__file__).resolve().parent
GENERATE = HERE / "generate.py"
MAILDIR = HERE / "maildir.py"
# Imported rather than run as a script, so Python caches its bytecode as it
# does netlog's (a script is compiled again on every run: about 1.3 ms).
FLOOR = [
    sys.executable,
    "-c",
    f"import sys; sys.path.insert(0, {str(HERE)!r}); from floor import app; app(prog_name='floor')",
]
DEFAULT_CAPTURE = "50000:2000"
DEFAULT_KEPT_UP = 50
BASELINE = [sys.executable, "-c", "pass"]
NAME_OFFSET = 17  # the contact whose name `show`/`log` use: the 18th by id, if unique
SEARCH_TEXT = "hiring"  # occurs in generated summaries ("hiring plans for Q3")
RSS_REPEATS = 3
DUE_REPEATS = 7
SYNC_SIZE = "2000:20000"  # netlog sync with nothing changed: 2,000 contacts and their due items
DAILY_TARGET_MS = 15.0  # the daily commands, at most this far above the floor
LIST_TARGET_MS = 60.0  # due, due --json, list --json printing ~10,000 items
RSS_TARGET_MIB = 40.0  # peak RSS of due
# The follow-up `done NAME` marks done: given to NAME, untimed, before every round.
DONE_SETUP = ["log", "{name}", "benchmark call", "--kind", "call", "--follow-up", "today",
              "--todo", "send the notes"]  # fmt: skip

# Runs argv[1:] as one child and prints its exit code and its own peak RSS (wait4). On
# Linux a child's peak includes what it inherited from its parent before exec, so the
# parent is a fresh process importing nothing beyond os and sys: its ~9 MiB is the
# floor of what this can report (see the python -c pass figure next to it).
RSS_HELPER = (
    "import os, sys\n"
    "null = [(os.POSIX_SPAWN_OPEN, fd, os.devnull, flags, 0)\n"
    "        for fd, flags in ((0, os.O_RDONLY), (1, os.O_WRONLY), (2, os.O_WRONLY))]\n"
    "pid = os.posix_spawnp(sys.argv[1], sys.argv[1:], os.environ, file_actions=null)\n"
    "_, status, usage = os.wait4(pid, 0)\n"
    "print(os.waitstatus_to_exitcode(status), usage.ru_maxrss)\n"
)

# services.due in process: one warm-up call, then DUE_REPEATS timed calls.
DUE_SCRIPT = f"""
import collections, json, statistics, sys, time
from datetime import date
from pathlib import Path

import netlog.db
from netlog import services
from netlog.repository import Repository

conn = netlog.db.connect(Path(sys.argv[1]))
repo = Repository(conn)
today = date.fromisoformat({TODAY!r})
items = services.due(repo, today=today)
times = []
for _ in range({DUE_REPEATS}):
    started = time.perf_counter()
    items = services.due(repo, today=today)
    times.append((time.perf_counter() - started) * 1000)
conn.close()
print(json.dumps({{"median_ms": statistics.median(times), "min_ms": min(times),
                  "max_ms": max(times), "items": len(items),
                  "reasons": collections.Counter(i.reason for i in items)}}))
"""


@dataclass
class Size:
    contacts: int
    interactions: int
    kept_up: int | None = None  # generate.py --kept-up N: only N people overdue

    @property
    def label(self) -> str:
        label = f"{_short(self.contacts)}/{_short(self.interactions)}"
        return label if self.kept_up is None else f"{label} kept-up {self.kept_up}"

    @property
    def stem(self) -> str:
        stem = f"bench-{self.contacts}-{self.interactions}-seed{SEED}"
        return stem if self.kept_up is None else f"{stem}-keptup{self.kept_up}"


@dataclass
class Command:
    label: str  # as shown in the table (NAME, PREFIX stand for the per-size values)
    args: list[str]  # after `--db PATH`; ignored for completion
    target_ms: float | None = None  # at most this far above the floor; None: reported
    writes: bool = False  # runs on the scratch copy
    completion: str | None = None  # the words after the program name, for tab completion
    db: bool = True  # `--db PATH` in front (not for --help)
    each: bool = False  # {each}: a different contact due for a check-in on every run
    setup: list[str] | None = None  # an untimed netlog command (after --db) before each round


@dataclass
class Result:
    command: str
    size: str
    argv: list[str]
    floor_argv: list[str]
    target_ms: float | None = None
    completion: bool = False
    samples_ms: list[float] = field(default_factory=list)
    floor_ms: list[float] = field(default_factory=list)
    baseline_ms: list[float] = field(default_factory=list)
    exit_code: int = 0
    output_lines: int = 0
    arguments: list[str] = field(default_factory=list)  # {each} of every round, if any

    @property
    def ratios(self) -> list[float]:
        return [a / b for a, b in zip(self.samples_ms, self.baseline_ms, strict=True)]

    @property
    def above_floor(self) -> list[float]:
        return [a - f for a, f in zip(self.samples_ms, self.floor_ms, strict=True)]

    @property
    def meets_target(self) -> bool | None:
        if self.target_ms is None:
            return None
        return statistics.median(self.above_floor) <= self.target_ms

    def as_dict(self) -> dict[str, Any]:
        return {
            "command": self.command,
            "size": self.size,
            "argv": self.argv,
            "floor_argv": self.floor_argv,
            "completion": self.completion,
            "median_ms": statistics.median(self.samples_ms),
            "min_ms": min(self.samples_ms),
            "max_ms": max(self.samples_ms),
            "floor_median_ms": statistics.median(self.floor_ms),
            "floor_min_ms": min(self.floor_ms),
            "floor_max_ms": max(self.floor_ms),
            "above_floor_ms": statistics.median(self.above_floor),
            "target_ms": self.target_ms,
            "meets_target": self.meets_target,
            "ratio": statistics.median(self.ratios),
            "baseline_median_ms": statistics.median(self.baseline_ms),
            "exit_code": self.exit_code,
            "output_lines": self.output_lines,
            "samples_ms": self.samples_ms,
            "floor_samples_ms": self.floor_ms,
            "above_floor_samples_ms": self.above_floor,
            "baseline_samples_ms": self.baseline_ms,
            **({"arguments": self.arguments} if self.arguments else {}),
        }


class BenchError(Exception):
    """A step failed; the message says which and why."""


def _short(n: int) -> str:
    for unit, scale in (("M", 1_000_000), ("k", 1_000)):
        if n >= scale:
            text = f"{n / scale:.1f}".removesuffix(".0")
            return f"{text}{unit}"
    return str(n)


def parse_sizes(text: str) -> list[Size]:
    sizes = []
    for part in text.split(","):
        try:
            contacts, interactions = (int(x) for x in part.strip().split(":"))
        except ValueError:
            raise argparse.ArgumentTypeError(
                f"bad size {part!r}: use CONTACTS:INTERACTIONS, e.g. 1000:10000"
            ) from None
        if contacts < 1 or interactions < 0:
            raise argparse.ArgumentTypeError(f"bad size {part!r}: counts must be positive")
        sizes.append(Size(contacts, interactions))
    return sizes


def parse_only(text: str) -> list[str]:
    parts = [p.strip().lower() for p in text.split(",") if p.strip()]
    if not parts:
        raise argparse.ArgumentTypeError("--only needs at least one label, e.g. --only due,log")
    return parts


def selected(label: str, only: list[str] | None) -> bool:
    """Whether a command (by its label in the table) is to be timed under --only."""
    return only is None or any(part in label.lower() for part in only)


def default_netlog() -> list[str]:
    script = Path(sys.executable).parent / "netlog"  # not resolved: keep the venv's bin/
    if script.is_file() and os.access(script, os.X_OK):
        return [str(script)]
    return [sys.executable, "-m", "netlog"]


def base_env() -> dict[str, str]:
    """The environment of every timed process. PYTHONDONTWRITEBYTECODE is dropped so
    Python caches compiled modules as it does on a user's machine (the warm-up
    runs write the cache); with it set, every run would recompile netlog's source."""
    env = dict(os.environ)
    for name in (
        "NETLOG_DB", "NETLOG_OUTPUT", "_NETLOG_COMPLETE", "_FLOOR_COMPLETE", "COMP_WORDS",
        "COMP_CWORD", "PYTHONDONTWRITEBYTECODE",
    ):  # fmt: skip
        env.pop(name, None)
    env["NETLOG_TODAY"] = TODAY
    return env


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def progress(result: Result) -> None:
    d = result.as_dict()
    target = "" if result.target_ms is None else f" (≤ {result.target_ms:g})"
    log(
        f"[{result.size}] {result.command:<42} {d['median_ms']:8.1f} ms  floor "
        f"{d['floor_median_ms']:6.1f}  {d['above_floor_ms']:+.1f}{target}  {d['ratio']:5.1f}x"
        f"  ({result.output_lines} lines of output)"
    )


# ----- databases
def _db_info(path: Path) -> dict[str, int]:
    """Counts that identify a generated database (and show it was not written to)."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return {
            "contacts": conn.execute("SELECT count(*) FROM contact").fetchone()[0],
            "interactions": conn.execute("SELECT count(*) FROM interaction").fetchone()[0],
            "followups": conn.execute("SELECT count(*) FROM followup").fetchone()[0],
        }
    finally:
        conn.close()


def checkpoint(path: Path) -> None:
    conn = sqlite3.connect(path)
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.close()


def remove_db(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def ensure_database(size: Size, workdir: Path) -> tuple[Path, dict[str, Any]]:
    """The cached database for ``size``, generated if missing or not as expected."""
    path = workdir / f"{size.stem}.db"
    meta_path = workdir / f"{size.stem}.json"
    wanted = {
        "contacts": size.contacts,
        "interactions": size.interactions,
        "seed": SEED,
        "today": TODAY,
        "kept_up": size.kept_up,
    }
    if path.is_file() and meta_path.is_file():
        try:
            meta = json.loads(meta_path.read_text())
            if {k: meta.get(k) for k in wanted} == wanted and _db_info(path) == meta["counts"]:
                log(
                    f"[{size.label}] reusing {path} (generated in {meta['generate_seconds']:.1f} s)"
                )
                return path, {**meta, "cached": True}
        except (OSError, ValueError, KeyError, sqlite3.Error):
            pass
        log(f"[{size.label}] {path} does not match how it should have been made; rebuilding")

    tmp = workdir / f"{size.stem}.partial.db"
    remove_db(tmp)
    argv = [
        sys.executable, str(GENERATE),
        "--contacts", str(size.contacts), "--interactions", str(size.interactions),
        "--db", str(tmp), "--seed", str(SEED), "--today", TODAY, "--force",
    ]  # fmt: skip
    if size.kept_up is not None:
        argv += ["--kept-up", str(size.kept_up)]
    log(f"[{size.label}] generating {path.name} ...")
    started = time.perf_counter()
    proc = subprocess.run(
        argv, stdin=subprocess.DEVNULL, capture_output=True, text=True, check=False
    )
    seconds = time.perf_counter() - started
    if proc.returncode != 0:
        raise BenchError(
            f"generating {size.label} failed (exit {proc.returncode}):\n{proc.stderr.strip()}"
        )
    checkpoint(tmp)
    remove_db(path)
    tmp.replace(path)
    remove_db(tmp)
    meta = {**wanted, "generate_seconds": seconds, "counts": _db_info(path)}
    meta_path.write_text(json.dumps(meta, indent=2) + "\n")
    log(f"[{size.label}] generated in {seconds:.1f} s: {meta['counts']}")
    return path, {**meta, "cached": False}


def pick_name(path: Path) -> tuple[str, str | None]:
    """A real contact name that `show`/`log` resolve to exactly one contact: the one at
    NAME_OFFSET by id, or the next one after it whose (folded) name is unique. Big
    synthetic networks repeat names, and an ambiguous name is an error without a TTY.
    Returns the name and, if the first choice was skipped, a note saying why."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        first = (
            conn.execute(
                "SELECT id, name FROM contact ORDER BY id LIMIT 1 OFFSET ?", (NAME_OFFSET,)
            ).fetchone()
            or conn.execute("SELECT id, name FROM contact ORDER BY id").fetchone()
        )
        for key in ("name_key", "name"):
            try:
                row = conn.execute(
                    f"SELECT c.name FROM contact c WHERE c.id >= ? AND "
                    f"(SELECT count(*) FROM contact d WHERE d.{key} = c.{key}) = 1 "
                    f"ORDER BY c.id LIMIT 1",
                    (first[0],),
                ).fetchone()
            except sqlite3.OperationalError:
                continue  # no name_key column in this schema
            if row:
                if row[0] == first[1]:
                    return row[0], None
                shared = conn.execute(
                    f"SELECT count(*) FROM contact WHERE {key} = "
                    f"(SELECT {key} FROM contact WHERE id = ?)",
                    (first[0],),
                ).fetchone()[0]
                return row[0], (
                    f"{first[1]!r} (#{first[0]}) is the name of {shared} contacts, ambiguous "
                    f"without a terminal; used the next unique name, {row[0]!r}"
                )
            break
        return first[1], f"no unique name found; {first[1]!r} may be ambiguous"
    finally:
        conn.close()


def due_names(path: Path, exclude: str, count: int) -> list[str]:
    """Up to ``count`` names, by id, of contacts due for a check-in today whose name
    is unique (so that ``snooze NAME 2w`` resolves it and pushes its check-in later),
    other than ``exclude``."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return [
            row[0]
            for row in conn.execute(
                "SELECT c.name FROM contact c WHERE c.next_checkin_on <= ? AND c.name != ? "
                "AND (SELECT count(*) FROM contact d WHERE d.name_key = c.name_key) = 1 "
                "ORDER BY c.id LIMIT ?",
                (TODAY, exclude, count),
            )
        ]
    finally:
        conn.close()


# ----- running things
def run_quiet(argv: list[str], env: dict[str, str]) -> tuple[float, int]:
    """Milliseconds of wall time for one process with all three streams on /dev/null."""
    started = time.perf_counter()
    proc = subprocess.run(
        argv,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        check=False,
    )
    return (time.perf_counter() - started) * 1000, proc.returncode


def fail(what: str, argv: list[str], env: dict[str, str], code: int) -> BenchError:
    """Rerun a failed command once with stderr captured, for the error message."""
    proc = subprocess.run(
        argv, env=env, stdin=subprocess.DEVNULL, capture_output=True, text=True, check=False
    )
    extra = {
        k: env[k]
        for k in ("_NETLOG_COMPLETE", "_FLOOR_COMPLETE", "COMP_WORDS", "COMP_CWORD")
        if k in env
    }
    return BenchError(
        f"{what} exited with {code}: {shlex.join(argv)}"
        + (f"  (env {extra})" if extra else "")
        + f"\n--- stderr (rerun, exit {proc.returncode}) ---\n{proc.stderr.strip()}"
    )


# The netlog and floor command lines of round i (0, the checked run, when there is one).
Rounds = Callable[[int], tuple[list[str], list[str]]]


def time_command(
    result: Result,
    env: dict[str, str],
    floor_env: dict[str, str],
    runs: int,
    warmup: int,
    rounds: Rounds | None = None,
    *,
    before: Callable[[int], None] | None = None,
    check: bool = True,
) -> None:
    """Time ``result``'s command in rounds of netlog, its floor twin, python -c pass.

    With ``check`` the first round runs netlog once with its output captured (its
    exit code and line count) and the floor once, untimed; then ``warmup`` rounds
    are run and dropped and ``runs`` rounds recorded. ``rounds(i)`` gives the
    command lines of round i (default: ``result.argv`` and ``result.floor_argv``);
    ``before(i)``, if given, runs untimed before each round's netlog run."""
    what = f"[{result.size}] {result.command}"
    baseline_env = base_env()
    first = 1 if check else 0
    for i in range(first + warmup + runs):
        argv, floor = rounds(i) if rounds else (result.argv, result.floor_argv)
        if before is not None:
            before(i)
        if i < first:
            proc = subprocess.run(
                argv, env=env, stdin=subprocess.DEVNULL, capture_output=True, text=True,
                check=False,
            )  # fmt: skip
            result.exit_code = proc.returncode
            if proc.returncode != 0:
                raise fail(what, argv, env, proc.returncode)
            result.output_lines = len(proc.stdout.splitlines())
            _, code = run_quiet(floor, floor_env)
            if code != 0:
                raise fail(f"{what} (floor)", floor, floor_env, code)
            continue
        ms, code = run_quiet(argv, env)
        if code != 0:
            raise fail(what, argv, env, code)
        floor_ms, code = run_quiet(floor, floor_env)
        if code != 0:
            raise fail(f"{what} (floor)", floor, floor_env, code)
        baseline_ms, code = run_quiet(BASELINE, baseline_env)
        if code != 0:
            raise fail("python -c pass", BASELINE, baseline_env, code)
        if i >= first + warmup:
            result.samples_ms.append(ms)
            result.floor_ms.append(floor_ms)
            result.baseline_ms.append(baseline_ms)


def peak_rss_mib(argv: list[str], env: dict[str, str]) -> float:
    """Median over RSS_REPEATS of one process's peak resident set size, in MiB."""
    peaks = []
    for _ in range(RSS_REPEATS):
        proc = subprocess.run(
            [sys.executable, "-c", RSS_HELPER, *argv],
            env=env,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            check=False,
        )
        try:
            code, maxrss = (int(x) for x in proc.stdout.split())
        except ValueError:
            raise BenchError(f"peak RSS helper failed:\n{proc.stderr.strip()}") from None
        if code != 0:
            raise fail("peak RSS run", argv, env, code)
        # ru_maxrss is in KiB on Linux and the BSDs, in bytes on macOS.
        peaks.append(maxrss / (1024 * 1024) if sys.platform == "darwin" else maxrss / 1024)
    return statistics.median(peaks)


def due_compute(path: Path, env: dict[str, str]) -> dict[str, Any]:
    proc = subprocess.run(
        [sys.executable, "-c", DUE_SCRIPT, str(path)],
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        check=False,
    )
    if proc.returncode != 0:
        raise BenchError(f"in-process due failed (exit {proc.returncode}):\n{proc.stderr.strip()}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def commands() -> list[Command]:
    daily, lists = DAILY_TARGET_MS, LIST_TARGET_MS
    return [
        Command("due", ["due"], lists),
        Command("due --json", ["due", "--json"], lists),
        Command("list --json", ["list", "--json"], lists),
        Command("show NAME", ["show", "{name}"], daily),
        Command(f"search {SEARCH_TEXT}", ["search", SEARCH_TEXT], daily),
        Command(
            'log NAME "benchmark call" --kind call',
            ["log", "{name}", "benchmark call", "--kind", "call"],
            daily,
            writes=True,
        ),
        Command(
            'add "Bench Person" --force --company Bench',
            ["add", "Bench Person", "--force", "--company", "Bench"],
            daily,
            writes=True,
        ),
        Command("snooze NAME 2w", ["snooze", "{each}", "2w"], daily, writes=True, each=True),
        Command("done NAME", ["done", "{name}"], daily, writes=True, setup=DONE_SETUP),
        Command("--help", ["--help"], daily, db=False),
        Command("log PREFIX<TAB>", [], daily, completion="log {prefix}"),
        Command("week", ["week"]),
        Command("week --json", ["week", "--json"]),
        Command("fading", ["fading"]),
        Command("list --sort strength", ["list", "--sort", "strength"]),
        Command("report -o -", ["report", "-o", "-"]),
    ]


def kept_up_commands() -> list[Command]:
    return [Command("due", ["due"], DAILY_TARGET_MS), Command("due --json", ["due", "--json"])]


def label_of(cmd: Command) -> str:
    return cmd.label + (" (bash completion)" if cmd.completion is not None else "")


def bench_sync(workdir: Path, netlog: list[str], args: argparse.Namespace) -> Result:
    """``netlog sync`` of SYNC_SIZE contacts with nothing changed since the last sync."""
    size = parse_sizes(SYNC_SIZE)[0]
    path, _ = ensure_database(size, workdir)
    scratch = workdir / f"{size.stem}.sync.db"
    remove_db(scratch)
    checkpoint(path)
    shutil.copy(path, scratch)
    book, tasks = workdir / "sync-contacts", workdir / "sync-tasks"
    for folder in (book, tasks):
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir()
    args_ = ["--db", str(scratch), "sync", "--contacts", str(book), "--tasks", str(tasks)]
    argv = [*netlog, *args_]
    env = base_env()
    for _ in range(2):  # the first sync writes everything; the second reads its own changes
        _, code = run_quiet(argv, env)
        if code != 0:
            raise fail("sync (first)", argv, env, code)
    cards = len(list(book.glob("*.vcf")))
    result = Result(f"sync ({cards} cards, {len(list(tasks.glob('*.ics')))} tasks)", size.label,
                    argv, [*FLOOR, *args_])  # fmt: skip
    try:
        time_command(result, env, env, args.runs, args.warmup)
    finally:
        if not args.keep:
            remove_db(scratch)
            shutil.rmtree(book, ignore_errors=True)
            shutil.rmtree(tasks, ignore_errors=True)
    progress(result)
    return result


# ----- the run
def time_commands(
    cmds: list[Command],
    size: Size,
    path: Path,
    scratch: Path,
    name: str,
    prefix: str,
    netlog: list[str],
    args: argparse.Namespace,
    notes: list[str],
) -> list[Result]:
    results = []
    needed = 1 + args.warmup + args.runs
    for cmd in cmds:
        env, floor_env = base_env(), base_env()
        each: list[str] = []
        before: Callable[[int], None] | None = None
        if cmd.completion is not None:
            words = cmd.completion.format(prefix=prefix)
            env.update(
                _NETLOG_COMPLETE="complete_bash",
                COMP_WORDS=f"netlog {words}",
                COMP_CWORD="2",
                NETLOG_DB=str(path),
            )
            floor_env.update(
                _FLOOR_COMPLETE="complete_bash", COMP_WORDS=f"floor {words}", COMP_CWORD="2"
            )
            rounds = _fixed(list(netlog), list(FLOOR))
        else:
            db = scratch if cmd.writes else path
            front = ["--db", str(db)] if cmd.db else []
            if cmd.each:
                each = due_names(path, name, needed)
                if not each:
                    notes.append(
                        f"`{cmd.label}` at {size.label}: no contact due for a "
                        "check-in has a unique name; not timed"
                    )
                    continue
                if len(each) < needed:
                    notes.append(
                        f"`{cmd.label}` at {size.label}: only {len(each)} contacts due for a "
                        f"check-in have a unique name, for {needed} runs; the later runs "
                        "repeat them and change nothing"
                    )
            rounds = _per_round(netlog, front, cmd.args, name, each)
            if cmd.setup is not None:
                before = _setup(netlog, front, cmd.setup, name, env, f"[{size.label}] {cmd.label}")
        argv, floor = rounds(0)
        result = Result(
            cmd.label,
            size.label,
            argv,
            floor,
            target_ms=cmd.target_ms,
            completion=cmd.completion is not None,
        )
        if each:
            result.arguments = [each[i % len(each)] for i in range(needed)]
        time_command(result, env, floor_env, args.runs, args.warmup, rounds, before=before)
        progress(result)
        if result.output_lines == 0:
            notes.append(f"`{cmd.label}` at {size.label} printed nothing to stdout")
        results.append(result)
    return results


def _fixed(argv: list[str], floor: list[str]) -> Rounds:
    return lambda i: (argv, floor)


def _per_round(
    netlog: list[str], front: list[str], template: list[str], name: str, each: list[str]
) -> Rounds:
    def rounds(i: int) -> tuple[list[str], list[str]]:
        values = {"name": name, "each": each[i % len(each)] if each else ""}
        words = [*front, *(a.format(**values) for a in template)]
        return [*netlog, *words], [*FLOOR, *words]

    return rounds


def _setup(
    netlog: list[str],
    front: list[str],
    template: list[str],
    name: str,
    env: dict[str, str],
    what: str,
) -> Callable[[int], None]:
    argv = [*netlog, *front, *(a.format(name=name) for a in template)]

    def before(i: int) -> None:
        _, code = run_quiet(argv, env)
        if code != 0:
            raise fail(f"{what} (setup)", argv, env, code)

    return before


def bench_size(
    size: Size, workdir: Path, netlog: list[str], args: argparse.Namespace
) -> tuple[dict[str, Any], list[Result], list[str]]:
    notes: list[str] = []
    kept_up = size.kept_up is not None
    cmds = [
        c
        for c in (kept_up_commands() if kept_up else commands())
        if selected(label_of(c), args.only)
    ]
    path, meta = ensure_database(size, workdir)
    before = _db_info(path)
    name, note = pick_name(path)
    if note and not kept_up:  # the kept-up network's commands name nobody
        notes.append(f"{size.label}: {note}")
    prefix = name.split()[0][:3]
    scratch = workdir / f"{size.stem}.scratch.db"
    remove_db(scratch)
    checkpoint(path)
    if any(c.writes for c in cmds):
        shutil.copy(path, scratch)
    summary: dict[str, Any] = {
        "size": size.label,
        "contacts": size.contacts,
        "interactions": size.interactions,
        "kept_up": size.kept_up,
        "counts": meta["counts"],
        "db": str(path),
        "name": name,
        "completion_prefix": prefix,
        "generate_seconds": meta["generate_seconds"],
        "generate_cached": meta["cached"],
    }
    try:
        results = time_commands(cmds, size, path, scratch, name, prefix, netlog, args, notes)
        env = base_env()
        if selected("due", args.only):
            rss = peak_rss_mib([*netlog, "--db", str(path), "due"], env)
            rss_base = peak_rss_mib(BASELINE, env)
            log(
                f"[{size.label}] peak RSS of due: {rss:.1f} MiB "
                f"(python -c pass: {rss_base:.1f} MiB)"
            )
            compute = due_compute(path, env)
            log(
                f"[{size.label}] due in process: {compute['median_ms']:.1f} ms, "
                f"{compute['items']} items"
            )
            summary |= {
                "peak_rss_mib": rss,
                "peak_rss_target_mib": RSS_TARGET_MIB,
                "baseline_peak_rss_mib": rss_base,
                "due_compute_ms": compute["median_ms"],
                "due_compute_min_ms": compute["min_ms"],
                "due_compute_max_ms": compute["max_ms"],
                "due_items": compute["items"],
                "due_reasons": compute["reasons"],
            }
        for label, argv in (("fading", ["fading"]), ("report", ["report", "-o", os.devnull])):
            if not kept_up and selected(label, args.only):
                summary[f"{label}_peak_rss_mib"] = peak_rss_mib(
                    [*netlog, "--db", str(path), *argv], env
                )
                log(
                    f"[{size.label}] peak RSS of {label}: "
                    f"{summary[f'{label}_peak_rss_mib']:.1f} MiB"
                )
    finally:
        if not args.keep:
            remove_db(scratch)
        if _db_info(path) != before:
            notes.append(f"the cached {size.label} database changed during read-only commands")
        checkpoint(path)  # a last read-write close removes the -wal/-shm that readers left
    return summary, results, notes


def parse_capture(text: str) -> tuple[int, int] | None:
    if text == "none":
        return None
    try:
        messages, contacts = (int(x) for x in text.split(":"))
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"bad capture size {text!r}: use MESSAGES:CONTACTS"
        ) from None
    if messages < 1 or contacts < 1:
        raise argparse.ArgumentTypeError(f"bad capture size {text!r}: counts must be positive")
    return messages, contacts


CAPTURE_FIRST = "capture MAILDIR (first run)"
CAPTURE_AGAIN = "capture MAILDIR (nothing new)"


def bench_capture(
    spec: tuple[int, int], workdir: Path, netlog: list[str], args: argparse.Namespace
) -> tuple[list[Result], dict[str, Any]]:
    """Time ``netlog capture`` of a generated Maildir: a first run (each on a
    fresh copy of the network) and a re-run when nothing is new, each paired
    with the floor's ``capture`` of the same arguments."""
    messages, contacts = spec
    label = f"{_short(contacts)} contacts/{_short(messages)} messages"
    folder = workdir / f"capture-{messages}-{contacts}-seed{SEED}"
    network = folder / "network.db"
    started = time.perf_counter()
    cached = (folder / "done").exists()
    if not cached:
        log(f"[capture] generating {label} in {folder}")
        sizes = ["--messages", str(messages), "--contacts", str(contacts)]
        argv = [sys.executable, str(MAILDIR), *sizes, "--today", TODAY, "--seed", str(SEED)]
        argv += ["--out", str(folder)]
        proc = subprocess.run(argv, capture_output=True, text=True, check=False)
        if proc.returncode != 0:
            raise BenchError(f"bench/maildir.py failed:\n{proc.stderr.strip()}")
        (folder / "done").write_text("")
    generate_seconds = time.perf_counter() - started
    scratch = folder / "scratch.db"
    env = base_env()
    words = ["--db", str(scratch), "capture", str(folder / "Mail")]
    argv, floor = [*netlog, *words], [*FLOOR, *words]
    first = Result(CAPTURE_FIRST, label, argv, floor)
    again = Result(CAPTURE_AGAIN, label, argv, floor)
    results = []

    def fresh(i: int) -> None:
        remove_db(scratch)
        shutil.copy(network, scratch)

    if selected(CAPTURE_FIRST, args.only):
        time_command(first, env, env, args.capture_runs, 0, before=fresh, check=False)
        log(f"[capture] first runs: {', '.join(f'{ms / 1000:.1f} s' for ms in first.samples_ms)}")
        progress(first)
        results.append(first)
    else:
        fresh(0)
        _, code = run_quiet(argv, env)
        if code != 0:
            raise fail("[capture] first run", argv, env, code)
    check = subprocess.run(
        [*argv, "--json"], env=env, stdin=subprocess.DEVNULL, capture_output=True, text=True,
        check=False,
    )  # fmt: skip
    if check.returncode != 0:
        raise fail("[capture] re-run", argv, env, check.returncode)
    summary = json.loads(check.stdout)
    if selected(CAPTURE_AGAIN, args.only):
        time_command(again, env, env, args.runs, args.warmup)
        progress(again)
        results.append(again)
    info: dict[str, Any] = {
        "label": label,
        "messages": messages,
        "contacts": contacts,
        "generate_seconds": generate_seconds,
        "generate_cached": cached,
        "rerun_unchanged_files": summary.get("unchanged_files"),
    }
    if selected(CAPTURE_FIRST, args.only):
        fresh(0)
        info["peak_rss_mib"] = peak_rss_mib(argv, env)
        counts = query_counts(scratch)
        info["interactions_added"] = counts["interaction"] - contacts
        info["captured_rows"] = counts["captured"]
        log(f"[capture] peak RSS of a first run: {info['peak_rss_mib']:.1f} MiB; {info}")
    remove_db(scratch)
    return results, info


def query_counts(path: Path) -> dict[str, int]:
    conn = sqlite3.connect(path)
    try:
        return {
            t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
            for t in ("interaction", "captured")
        }
    finally:
        conn.close()


def machine() -> dict[str, Any]:
    cpu = platform.processor()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {
        "cpu": cpu or platform.machine(),
        "cpu_count": os.cpu_count(),
        "platform": platform.platform(),
        "python": platform.python_version(),
        "python_executable": sys.executable,
        "sqlite": sqlite3.sqlite_version,
    }


def target_cell(r: Result) -> str:
    if r.target_ms is None:
        return "reported"
    return f"≤ {r.target_ms:g} {'✓' if r.meets_target else '✗'}"


def markdown(
    sizes: list[dict[str, Any]],
    results: list[Result],
    info: dict[str, Any],
    capture: dict[str, Any] | None,
    notes: list[str],
) -> str:
    lines = [
        "| command | size | median ms | floor ms | above floor ms | target | × python -c pass |",
        "|---|---|---:|---:|---:|---|---:|",
    ]
    first_seen: dict[str, int] = {}
    for i, r in enumerate(results):
        first_seen.setdefault(r.command, i)
    for r in sorted(results, key=lambda r: first_seen[r.command]):  # stable: sizes in order
        d = r.as_dict()
        lines.append(
            f"| `{r.command}`{' (bash completion)' if r.completion else ''} | {r.size} | "
            f"{d['median_ms']:.1f} "
            f"({d['min_ms']:.1f}–{d['max_ms']:.1f}) | {d['floor_median_ms']:.1f} | "
            f"{d['above_floor_ms']:.1f} | {target_cell(r)} | "
            f"{d['ratio']:.1f}× (pass: {d['baseline_median_ms']:.1f} ms) |"
        )
    lines.append("")

    networks = [s for s in sizes if s["kept_up"] is None]
    kept = [s for s in sizes if s["kept_up"] is not None]

    def per_size(key: str, fmt: Callable[[dict[str, Any]], str]) -> str:
        return "; ".join(f"{s['size']} {fmt(s)}" for s in networks if key in s)

    def rss(s: dict[str, Any]) -> str:
        ok = "✓" if s["peak_rss_mib"] <= RSS_TARGET_MIB else "✗"
        return f"{s['peak_rss_mib']:.1f} MiB {ok}"

    if networks:
        lines.append(
            "- generate: "
            + per_size(
                "generate_seconds",
                lambda s: (
                    f"{s['generate_seconds']:.1f} s" + (" (cached)" if s["generate_cached"] else "")
                ),
            )
        )
    if any("peak_rss_mib" in s for s in networks):
        lines.append(
            f"- peak RSS of `due` (target ≤ {RSS_TARGET_MIB:g} MiB): "
            + per_size("peak_rss_mib", rss)
            + f" (python -c pass: {networks[0]['baseline_peak_rss_mib']:.1f} MiB)"
        )
    for key, what in (("fading", "`fading`"), ("report", "`report -o FILE`")):
        if any(f"{key}_peak_rss_mib" in s for s in networks):
            lines.append(
                f"- peak RSS of {what}: "
                + per_size(
                    f"{key}_peak_rss_mib", lambda s, k=key: f"{s[f'{k}_peak_rss_mib']:.1f} MiB"
                )
            )
    if any("due_compute_ms" in s for s in networks):
        lines.append(
            f"- due computation (in process, median of {DUE_REPEATS}): "
            + per_size(
                "due_compute_ms", lambda s: f"{s['due_compute_ms']:.1f} ms ({s['due_items']} items)"
            )
        )
    for s in kept:
        parts = [
            f"generated in {s['generate_seconds']:.1f} s"
            + (" (cached)" if s["generate_cached"] else "")
        ]
        if "due_items" in s:
            parts = [
                f"{s['due_items']} items due ("
                + ", ".join(f"{n} {reason}" for reason, n in s["due_reasons"].items())
                + ")",
                f"peak RSS of `due` {rss(s)} (target ≤ {RSS_TARGET_MIB:g} MiB)",
                f"due computation (in process) {s['due_compute_ms']:.1f} ms",
                *parts,
            ]
        lines.append(
            f"- {s['size']}, the kept-up network (`generate.py --kept-up {s['kept_up']}`: only "
            f"{s['kept_up']} people overdue for a check-in, every follow-up done): "
            + "; ".join(parts)
        )
    if networks:
        lines.append(
            "- NAME / PREFIX: "
            + per_size("name", lambda s: f"{s['name']!r} / {s['completion_prefix']!r}")
        )
    for r in results:
        if r.arguments:
            shown = list(dict.fromkeys(r.arguments))
            lines.append(
                f"- `{r.command}` at {r.size}: a different contact due for a check-in each "
                f"run ({len(shown)}: {', '.join(repr(n) for n in shown[:3])}"
                + (", …)" if len(shown) > 3 else ")")
            )
    if any(r.command == "done NAME" for r in results):
        lines.append(
            '- `done NAME`: before each round an untimed `netlog log NAME "benchmark call" '
            '--kind call --follow-up today --todo "send the notes"` gives NAME a follow-up '
            "due today, which `done NAME` marks done"
        )
    if capture is not None:
        parts = [f"{capture['label']}"]
        if "peak_rss_mib" in capture:
            parts.append(
                f"{capture['interactions_added']} interactions from "
                f"{capture['captured_rows']} captured messages; peak RSS of a first run "
                f"{capture['peak_rss_mib']:.1f} MiB"
            )
        parts.append(
            "generated before (cached)"
            if capture["generate_cached"]
            else f"generated in {capture['generate_seconds']:.1f} s"
        )
        lines.append("- capture: " + "; ".join(parts))
    lines += [
        f"- machine: {info['machine']['cpu']}, {info['machine']['cpu_count']} CPUs, "
        f"{info['machine']['platform']}; Python {info['machine']['python']}, "
        f"SQLite {info['machine']['sqlite']}",
        f"- netlog: `{shlex.join(info['netlog'])}`; floor: `{shlex.join(FLOOR)}`; "
        f"{info['runs']} round{'s' if info['runs'] != 1 else ''} (netlog, floor, "
        f"`python -c pass`) after {info['warmup']} "
        f"warm-up; NETLOG_TODAY={TODAY}; {info['date']}",
    ]
    if info.get("only"):
        lines.append(f"- only: {', '.join(info['only'])}")
    lines += [f"- note: {note}" for note in notes]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__.splitlines()[0], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--sizes",
        type=parse_sizes,
        default=parse_sizes(DEFAULT_SIZES),
        help=f"comma-separated CONTACTS:INTERACTIONS (default {DEFAULT_SIZES})",
    )
    parser.add_argument("--runs", type=int, default=9, help="timed rounds per command (9)")
    parser.add_argument(
        "--kept-up",
        type=int,
        default=DEFAULT_KEPT_UP,
        metavar="N",
        help="also time due on the largest size generated with only N people overdue "
        f"(default {DEFAULT_KEPT_UP}; 0 skips it)",
    )
    parser.add_argument(
        "--only",
        type=parse_only,
        metavar="LABELS",
        help="time only the commands whose label contains one of these comma-separated "
        "substrings (e.g. due,log)",
    )
    parser.add_argument(
        "--capture",
        type=parse_capture,
        default=parse_capture(DEFAULT_CAPTURE),
        help=f"MESSAGES:CONTACTS of the capture benchmark, or none (default {DEFAULT_CAPTURE})",
    )
    parser.add_argument(
        "--capture-runs", type=int, default=3, help="timed first runs of capture (3)"
    )
    parser.add_argument(
        "--only-capture", action="store_true", help="run only the capture benchmark"
    )
    parser.add_argument("--warmup", type=int, default=2, help="unrecorded rounds first (2)")
    parser.add_argument("--json", type=Path, metavar="OUT.json", help="also write all figures")
    parser.add_argument(
        "--workdir", type=Path, metavar="DIR", help="cache databases here (default: a temp dir)"
    )
    parser.add_argument(
        "--keep", action="store_true", help="keep the temp dir / the scratch copies"
    )
    parser.add_argument(
        "--no-sync", action="store_true", help="skip the no-change sync of 2,000 contacts"
    )
    parser.add_argument(
        "--netlog",
        metavar="CMD",
        help="how to run netlog, split like a shell would (default: the console script "
        "next to this Python, else python -m netlog)",
    )
    args = parser.parse_args(argv)
    if args.runs < 1 or args.warmup < 0 or args.capture_runs < 1 or args.kept_up < 0:
        parser.error(
            "--runs and --capture-runs must be at least 1, --warmup and --kept-up at least 0"
        )
    netlog = shlex.split(args.netlog) if args.netlog else default_netlog()

    networks = [] if args.only_capture else list(args.sizes)
    if networks and args.kept_up:
        largest = max(networks, key=lambda s: (s.contacts, s.interactions))
        networks.append(Size(largest.contacts, largest.interactions, args.kept_up))
    temporary = args.workdir is None
    workdir = Path(tempfile.mkdtemp(prefix="netlog-bench-")) if temporary else args.workdir
    workdir.mkdir(parents=True, exist_ok=True)
    info: dict[str, Any] = {
        "date": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "today": TODAY,
        "seed": SEED,
        "netlog": netlog,
        "floor": FLOOR,
        "runs": args.runs,
        "warmup": args.warmup,
        "kept_up": args.kept_up,
        "only": args.only,
        "targets": {
            "daily_above_floor_ms": DAILY_TARGET_MS,
            "lists_above_floor_ms": LIST_TARGET_MS,
            "due_peak_rss_mib": RSS_TARGET_MIB,
        },
        "machine": machine(),
    }
    log(f"netlog: {shlex.join(netlog)}; floor: {shlex.join(FLOOR)}; workdir: {workdir}")
    started = time.perf_counter()
    sizes, results, notes = [], [], []
    capture_info: dict[str, Any] | None = None
    try:
        for size in networks:
            wanted = kept_up_commands() if size.kept_up is not None else commands()
            if not any(selected(label_of(c), args.only) for c in wanted):
                continue
            summary, size_results, size_notes = bench_size(size, workdir, netlog, args)
            sizes.append(summary)
            results += size_results
            notes += size_notes
        if not args.no_sync and selected("sync", args.only):
            results.append(bench_sync(workdir, netlog, args))
        capture_wanted = selected(CAPTURE_FIRST, args.only) or selected(CAPTURE_AGAIN, args.only)
        if args.capture is not None and capture_wanted:
            capture_results, capture_info = bench_capture(args.capture, workdir, netlog, args)
            results += capture_results
    except BenchError as exc:
        print(f"benchmark failed: {exc}", file=sys.stderr)
        return 1
    finally:
        if temporary and not args.keep:
            shutil.rmtree(workdir, ignore_errors=True)
        elif temporary:
            log(f"kept {workdir}")
    info["total_seconds"] = time.perf_counter() - started
    if not results and args.only:
        log(f"nothing was timed: --only {','.join(args.only or [])} matches no command")

    print(markdown(sizes, results, info, capture_info, notes))
    if args.json:
        data = {
            **info,
            "python": info["machine"]["python"],
            "sqlite": info["machine"]["sqlite"],
            "sizes": sizes,
            "commands": [r.as_dict() for r in results],
            "capture": capture_info,
            "notes": notes,
        }
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
        log(f"wrote {args.json}")
    log(f"total {info['total_seconds']:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
