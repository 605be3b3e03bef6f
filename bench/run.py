"""Time netlog the way people use it: whole processes, on databases of known size.

    python bench/run.py                                   # 1k/10k and 20k/500k, 9 runs each
    python bench/run.py --sizes 1000:10000 --runs 3 --warmup 1 --workdir /tmp/nlbench
    python bench/run.py --workdir /tmp/nlbench --json /tmp/nlbench/result.json

What it measures, per database size ("CONTACTS:INTERACTIONS"):

* Wall time of whole ``netlog`` processes -- interpreter start-up, imports, opening the
  database, the query, rendering -- for ``due``, ``due --json``, ``list --json``,
  ``show NAME``, ``search hiring``, ``log`` and ``add`` (these two on a scratch copy of
  the database), ``--help``, bash tab completion of a name, and the commands about where
  the network stands: ``week``, ``week --json``, ``fading``, ``list --sort strength``
  and ``report -o -`` (the page on stdout). That is the latency a
  user feels, and most of it is often start-up and imports rather than SQL.
* Each command run is paired with a run of ``python -c pass`` (A B A B ...). The ratio
  reported is the median of the per-pair ratios, so it holds up on a noisy or
  throttled machine where absolute milliseconds drift: both halves of a pair see the
  same conditions. Absolute numbers (median, min-max) are reported too.
* Peak memory (max RSS) of one ``due``, ``fading`` and ``report`` process, measured in
  a small helper process so that the figure is that child's own peak.
* ``services.due`` timed in process (no start-up, no rendering): how much of ``due``
  is the actual computation.
* How long ``bench/generate.py`` took to build each database.
* ``sync`` with nothing changed: a database of ``SYNC_SIZE`` synced once with an
  address-book and a task folder (every contact a card, every item due within
  four weeks a task), then ``netlog sync`` timed again on it (``--no-sync`` skips it).
* ``netlog capture`` of a generated Maildir (``bench/maildir.py``: 50,000 messages
  for a 2,000-contact network by default, ``--capture MESSAGES:CONTACTS``): the
  first run (each timed run on a fresh copy of the network), a re-run when nothing
  is new, and the peak memory of a first run. ``--only-capture`` skips the rest.

Every netlog process runs with ``NETLOG_TODAY=2026-11-25`` (the day the databases are
generated for), ``NETLOG_DB`` unset (``--db PATH`` instead; completion alone reads
``NETLOG_DB``), stdin/stdout/stderr on /dev/null (so nothing is a terminal and output
is the plain, non-interactive kind), and the interpreter running this script: the
``netlog`` console script next to ``sys.executable`` if there is one, else
``python -m netlog``; ``--netlog CMD`` overrides it.

Databases are built with ``bench/generate.py --seed 42 --today 2026-11-25`` and cached
in ``--workdir`` as ``bench-CONTACTS-INTERACTIONS-seed42.db`` (with a ``.json`` note of
how they were made); a later run with the same workdir reuses them. Read-only commands
run against the cached file; writing commands against a copy made once per size.
``show``/``log`` use the name of the 18th contact by id, or the next contact after it
whose name is unique (big synthetic networks repeat names, and an ambiguous name is an
error when there is no terminal to ask on); completion types its first three letters.
Without ``--workdir`` everything lives in a temporary directory that is removed at the
end (``--keep`` keeps it, and with ``--workdir`` keeps the scratch copies).

Results go to stdout as a Markdown table; progress goes to stderr. ``--json OUT``
also writes every figure, including the raw samples. Standard library only.
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
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

TODAY = "2026-11-25"
SEED = 42
DEFAULT_SIZES = "1000:10000,20000:500000"
GENERATE = Path(__file__).resolve().parent / "generate.py"
MAILDIR = Path(__file__).resolve().parent / "maildir.py"
DEFAULT_CAPTURE = "50000:2000"
BASELINE = [sys.executable, "-c", "pass"]
NAME_OFFSET = 17  # the contact whose name `show`/`log` use: the 18th by id, if unique
SEARCH_TEXT = "hiring"  # occurs in generated summaries ("hiring plans for Q3")
RSS_REPEATS = 3
DUE_REPEATS = 7
SYNC_SIZE = "2000:20000"  # netlog sync with nothing changed: 2,000 contacts and their due items

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
import json, statistics, sys, time
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
                  "max_ms": max(times), "items": len(items)}}))
"""


@dataclass
class Size:
    contacts: int
    interactions: int

    @property
    def label(self) -> str:
        return f"{_short(self.contacts)}/{_short(self.interactions)}"

    @property
    def stem(self) -> str:
        return f"bench-{self.contacts}-{self.interactions}-seed{SEED}"


@dataclass
class Command:
    label: str  # as shown in the table (NAME, PREFIX stand for the per-size values)
    args: list[str]  # after `netlog --db PATH`; ignored for completion
    writes: bool = False
    completion: str | None = None  # COMP_WORDS, for tab completion


@dataclass
class Result:
    command: str
    size: str
    argv: list[str]
    completion: bool = False
    samples_ms: list[float] = field(default_factory=list)
    baseline_ms: list[float] = field(default_factory=list)
    exit_code: int = 0
    output_lines: int = 0

    @property
    def ratios(self) -> list[float]:
        return [a / b for a, b in zip(self.samples_ms, self.baseline_ms, strict=True)]

    def as_dict(self) -> dict[str, Any]:
        return {
            "command": self.command,
            "size": self.size,
            "argv": self.argv,
            "completion": self.completion,
            "median_ms": statistics.median(self.samples_ms),
            "min_ms": min(self.samples_ms),
            "max_ms": max(self.samples_ms),
            "ratio": statistics.median(self.ratios),
            "baseline_median_ms": statistics.median(self.baseline_ms),
            "exit_code": self.exit_code,
            "output_lines": self.output_lines,
            "samples_ms": self.samples_ms,
            "baseline_samples_ms": self.baseline_ms,
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
        "NETLOG_DB", "NETLOG_OUTPUT", "_NETLOG_COMPLETE", "COMP_WORDS", "COMP_CWORD",
        "PYTHONDONTWRITEBYTECODE",
    ):  # fmt: skip
        env.pop(name, None)
    env["NETLOG_TODAY"] = TODAY
    return env


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


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
    extra = {k: env[k] for k in ("_NETLOG_COMPLETE", "COMP_WORDS", "COMP_CWORD") if k in env}
    return BenchError(
        f"{what} exited with {code}: {shlex.join(argv)}"
        + (f"  (env {extra})" if extra else "")
        + f"\n--- stderr (rerun, exit {proc.returncode}) ---\n{proc.stderr.strip()}"
    )


def time_command(
    result: Result, env: dict[str, str], runs: int, warmup: int, baseline_env: dict[str, str]
) -> None:
    argv = result.argv
    what = f"[{result.size}] {result.command}"
    check = subprocess.run(
        argv, env=env, stdin=subprocess.DEVNULL, capture_output=True, text=True, check=False
    )
    result.exit_code = check.returncode
    if check.returncode != 0:
        raise fail(what, argv, env, check.returncode)
    result.output_lines = len(check.stdout.splitlines())
    for _ in range(warmup):
        for cmd, cmd_env in ((argv, env), (BASELINE, baseline_env)):
            _, code = run_quiet(cmd, cmd_env)
            if code != 0:
                raise fail(what, cmd, cmd_env, code)
    for _ in range(runs):
        ms, code = run_quiet(argv, env)
        if code != 0:
            raise fail(what, argv, env, code)
        result.samples_ms.append(ms)
        ms, code = run_quiet(BASELINE, baseline_env)
        if code != 0:
            raise fail("python -c pass", BASELINE, baseline_env, code)
        result.baseline_ms.append(ms)


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


def due_compute(path: Path, env: dict[str, str]) -> dict[str, float]:
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
    return [
        Command("due", ["due"]),
        Command("due --json", ["due", "--json"]),
        Command("list --json", ["list", "--json"]),
        Command("show NAME", ["show", "{name}"]),
        Command(f"search {SEARCH_TEXT}", ["search", SEARCH_TEXT]),
        Command(
            'log NAME "benchmark call" --kind call',
            ["log", "{name}", "benchmark call", "--kind", "call"],
            writes=True,
        ),
        Command(
            'add "Bench Person" --force --company Bench',
            ["add", "Bench Person", "--force", "--company", "Bench"],
            writes=True,
        ),
        Command("--help", ["--help"]),
        Command("log PREFIX<TAB>", [], completion="netlog log {prefix}"),
        Command("week", ["week"]),
        Command("week --json", ["week", "--json"]),
        Command("fading", ["fading"]),
        Command("list --sort strength", ["list", "--sort", "strength"]),
        Command("report -o -", ["report", "-o", "-"]),
    ]


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
    argv = [*netlog, "--db", str(scratch), "sync", "--contacts", str(book), "--tasks", str(tasks)]
    env = base_env()
    for _ in range(2):  # the first sync writes everything; the second reads its own changes
        _, code = run_quiet(argv, env)
        if code != 0:
            raise fail("sync (first)", argv, env, code)
    cards = len(list(book.glob("*.vcf")))
    result = Result(f"sync ({cards} cards, {len(list(tasks.glob('*.ics')))} tasks)", size.label,
                    argv)  # fmt: skip
    try:
        time_command(result, env, args.runs, args.warmup, env)
    finally:
        if not args.keep:
            remove_db(scratch)
            shutil.rmtree(book, ignore_errors=True)
            shutil.rmtree(tasks, ignore_errors=True)
    d = result.as_dict()
    log(f"[{size.label}] {result.command:<42} {d['median_ms']:8.1f} ms  {d['ratio']:5.1f}x")
    return result


# ----- the run
def time_commands(
    size: Size,
    path: Path,
    scratch: Path,
    name: str,
    prefix: str,
    netlog: list[str],
    args: argparse.Namespace,
    notes: list[str],
) -> list[Result]:
    env = base_env()
    results = []
    for cmd in commands():
        cmd_env = dict(env)
        if cmd.completion is not None:
            cmd_env.update(
                _NETLOG_COMPLETE="complete_bash",
                COMP_WORDS=cmd.completion.format(prefix=prefix),
                COMP_CWORD="2",
                NETLOG_DB=str(path),
            )
            argv = list(netlog)
        else:
            db = scratch if cmd.writes else path
            argv = [*netlog, "--db", str(db), *(a.format(name=name) for a in cmd.args)]
        result = Result(cmd.label, size.label, argv, completion=cmd.completion is not None)
        time_command(result, cmd_env, args.runs, args.warmup, env)
        d = result.as_dict()
        log(
            f"[{size.label}] {cmd.label:<42} {d['median_ms']:8.1f} ms  "
            f"{d['ratio']:5.1f}x  ({result.output_lines} lines of output)"
        )
        if result.output_lines == 0:
            notes.append(f"`{cmd.label}` at {size.label} printed nothing to stdout")
        results.append(result)
    return results


def bench_size(
    size: Size, workdir: Path, netlog: list[str], args: argparse.Namespace
) -> tuple[dict[str, Any], list[Result], list[str]]:
    notes: list[str] = []
    path, meta = ensure_database(size, workdir)
    before = _db_info(path)
    name, note = pick_name(path)
    if note:
        notes.append(f"{size.label}: {note}")
    prefix = name.split()[0][:3]
    scratch = workdir / f"{size.stem}.scratch.db"
    remove_db(scratch)
    checkpoint(path)
    shutil.copy(path, scratch)
    try:
        results = time_commands(size, path, scratch, name, prefix, netlog, args, notes)
        env = base_env()
        rss = peak_rss_mib([*netlog, "--db", str(path), "due"], env)
        rss_base = peak_rss_mib(BASELINE, env)
        rss_more = {
            label: peak_rss_mib([*netlog, "--db", str(path), *argv], env)
            for label, argv in (("fading", ["fading"]), ("report", ["report", "-o", os.devnull]))
        }
        log(f"[{size.label}] peak RSS of fading, report: {rss_more}")
        log(f"[{size.label}] peak RSS of due: {rss:.1f} MiB (python -c pass: {rss_base:.1f} MiB)")
        compute = due_compute(path, env)
        log(
            f"[{size.label}] due in process: {compute['median_ms']:.1f} ms, "
            f"{compute['items']} items"
        )
    finally:
        if not args.keep:
            remove_db(scratch)
        if _db_info(path) != before:
            notes.append(f"the cached {size.label} database changed during read-only commands")
        checkpoint(path)  # a last read-write close removes the -wal/-shm that readers left
    summary = {
        "size": size.label,
        "contacts": size.contacts,
        "interactions": size.interactions,
        "counts": meta["counts"],
        "db": str(path),
        "name": name,
        "completion_prefix": prefix,
        "generate_seconds": meta["generate_seconds"],
        "generate_cached": meta["cached"],
        "peak_rss_mib": rss,
        "baseline_peak_rss_mib": rss_base,
        "fading_peak_rss_mib": rss_more["fading"],
        "report_peak_rss_mib": rss_more["report"],
        "due_compute_ms": compute["median_ms"],
        "due_compute_min_ms": compute["min_ms"],
        "due_compute_max_ms": compute["max_ms"],
        "due_items": compute["items"],
    }
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


def bench_capture(
    spec: tuple[int, int], workdir: Path, netlog: list[str], args: argparse.Namespace
) -> tuple[list[Result], dict[str, Any]]:
    """Time ``netlog capture`` of a generated Maildir: a first run (each on a
    fresh copy of the network) and a re-run when nothing is new."""
    messages, contacts = spec
    label = f"{_short(contacts)} contacts/{_short(messages)} messages"
    folder = workdir / f"capture-{messages}-{contacts}-seed{SEED}"
    network = folder / "network.db"
    started = time.perf_counter()
    if not (folder / "done").exists():
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
    argv = [*netlog, "--db", str(scratch), "capture", str(folder / "Mail")]
    first = Result("capture MAILDIR (first run)", label, argv)
    again = Result("capture MAILDIR (nothing new)", label, argv)
    for n in range(args.capture_runs):
        remove_db(scratch)
        shutil.copy(network, scratch)
        ms, code = run_quiet(argv, env)
        if code != 0:
            raise fail("[capture] first run", argv, env, code)
        first.samples_ms.append(ms)
        first.baseline_ms.append(run_quiet(BASELINE, env)[0])
        log(f"[capture] first run {n + 1}: {ms / 1000:.1f} s")
    check = subprocess.run(
        [*argv, "--json"], env=env, stdin=subprocess.DEVNULL, capture_output=True, text=True,
        check=False,
    )  # fmt: skip
    if check.returncode != 0:
        raise fail("[capture] re-run", argv, env, check.returncode)
    summary = json.loads(check.stdout)
    time_command(again, env, args.runs, args.warmup, env)
    remove_db(scratch)
    shutil.copy(network, scratch)
    rss = peak_rss_mib(argv, env)
    counts = query_counts(scratch)
    remove_db(scratch)
    info = {
        "label": label,
        "messages": messages,
        "contacts": contacts,
        "generate_seconds": generate_seconds,
        "peak_rss_mib": rss,
        "interactions_added": counts["interaction"] - contacts,
        "captured_rows": counts["captured"],
        "rerun_unchanged_files": summary.get("unchanged_files"),
    }
    log(f"[capture] peak RSS of a first run: {rss:.1f} MiB; {info}")
    return [first, again], info


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


def markdown(sizes: list[dict[str, Any]], results: list[Result], info: dict[str, Any]) -> str:
    lines = [
        "| command | size | median ms | min–max ms | × python -c pass |",
        "|---|---|---:|---:|---:|",
    ]
    first_seen: dict[str, int] = {}
    for i, r in enumerate(results):
        first_seen.setdefault(r.command, i)
    for r in sorted(results, key=lambda r: first_seen[r.command]):  # stable: sizes in order
        d = r.as_dict()
        label = f"`{r.command}`" + (" (bash completion)" if r.completion else "")
        lines.append(
            f"| {label} | {r.size} | {d['median_ms']:.1f} | "
            f"{d['min_ms']:.1f}–{d['max_ms']:.1f} | "
            f"{d['ratio']:.1f}× (pass: {d['baseline_median_ms']:.1f} ms) |"
        )
    lines.append("")

    def per_size(fmt: Any) -> str:
        return "; ".join(f"{s['size']} {fmt(s)}" for s in sizes)

    if not sizes:
        return "\n".join(lines)
    lines += [
        "- generate: "
        + per_size(
            lambda s: (
                f"{s['generate_seconds']:.1f} s" + (" (cached)" if s["generate_cached"] else "")
            )
        ),
        "- peak RSS of `due`: "
        + per_size(lambda s: f"{s['peak_rss_mib']:.1f} MiB")
        + f" (python -c pass: {sizes[0]['baseline_peak_rss_mib']:.1f} MiB)",
        "- peak RSS of `fading`: " + per_size(lambda s: f"{s['fading_peak_rss_mib']:.1f} MiB"),
        "- peak RSS of `report -o FILE`: "
        + per_size(lambda s: f"{s['report_peak_rss_mib']:.1f} MiB"),
        "- due computation (in process, median of "
        f"{DUE_REPEATS}): "
        + per_size(lambda s: f"{s['due_compute_ms']:.1f} ms ({s['due_items']} items)"),
        "- NAME / PREFIX: " + per_size(lambda s: f"{s['name']!r} / {s['completion_prefix']!r}"),
        f"- machine: {info['machine']['cpu']}, {info['machine']['cpu_count']} CPUs, "
        f"{info['machine']['platform']}; Python {info['machine']['python']}, "
        f"SQLite {info['machine']['sqlite']}",
        f"- netlog: `{shlex.join(info['netlog'])}`; {info['runs']} runs after {info['warmup']} "
        f"warm-up, each paired with `python -c pass`; NETLOG_TODAY={TODAY}; {info['date']}",
    ]
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
    parser.add_argument("--runs", type=int, default=9, help="timed pairs per command (9)")
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
    parser.add_argument("--warmup", type=int, default=2, help="unrecorded runs first (2)")
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
    if args.runs < 1 or args.warmup < 0:
        parser.error("--runs must be at least 1 and --warmup at least 0")
    netlog = shlex.split(args.netlog) if args.netlog else default_netlog()

    temporary = args.workdir is None
    workdir = Path(tempfile.mkdtemp(prefix="netlog-bench-")) if temporary else args.workdir
    workdir.mkdir(parents=True, exist_ok=True)
    info: dict[str, Any] = {
        "date": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "today": TODAY,
        "seed": SEED,
        "netlog": netlog,
        "runs": args.runs,
        "warmup": args.warmup,
        "machine": machine(),
    }
    log(f"netlog: {shlex.join(netlog)}; workdir: {workdir}")
    started = time.perf_counter()
    sizes, results, notes = [], [], []
    capture_info: dict[str, Any] | None = None
    try:
        for size in [] if args.only_capture else args.sizes:
            summary, size_results, size_notes = bench_size(size, workdir, netlog, args)
            sizes.append(summary)
            results += size_results
            notes += size_notes
        if not args.no_sync:
            results.append(bench_sync(workdir, netlog, args))
        if args.capture is not None:
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

    print(markdown(sizes, results, info))
    if capture_info is not None:
        print(
            f"- capture: {capture_info['label']}, {capture_info['interactions_added']} "
            f"interactions from {capture_info['captured_rows']} captured messages; peak RSS "
            f"of a first run {capture_info['peak_rss_mib']:.1f} MiB; generated in "
            f"{capture_info['generate_seconds']:.1f} s"
        )
    for note in notes:
        print(f"- note: {note}")
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
