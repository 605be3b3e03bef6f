"""Build a small, believable example network in a database of its own.

    python examples/build_network.py example.db
    netlog --db example.db due

A dozen people met over the last few months, with conversations, promises and
introductions, all dated relative to today so `due` always has something to say.
It drives the real `netlog` commands in one process, so it doubles as a tour of
the command line. It refuses to touch an existing file unless --fresh is given.
"""

from __future__ import annotations

import contextlib
import io
import sys
from datetime import timedelta
from pathlib import Path

from typer.main import get_command

from netlog import clock
from netlog.cli import app

NETWORK: list[list[str]] = [
    ["add", "Ada Lovelace", "--company", "Analytical Engines", "--title", "CTO",
     "--met", "PyCon hallway track", "--every", "3w", "--tag", "python", "--tag", "mentor",
     "--email", "ada@analytical.example", "--on", "4 months ago"],
    ["log", "Ada", "she is hiring data engineers in Q1", "--kind", "coffee",
     "--on", "40 days ago", "--follow-up", "20 days ago", "--todo", "send her my Rust project"],
    ["add", "Grace Hopper", "--company", "Compiler Works", "--title", "Principal Engineer",
     "--met", "Systems meetup talk", "--every", "2m", "--tag", "mentor", "--on", "5 months ago"],
    ["log", "grace", "advice on my resume, lead with impact", "--kind", "call",
     "--on", "75 days ago"],
    ["add", "Alan Turing", "--company", "Bletchley Labs", "--title", "Research Lead",
     "--via", "Grace", "--met", "Grace's intro email", "--every", "1m", "--on", "50 days ago",
     "--tag", "ml"],
    ["log", "alan", "his team's work on model evaluation", "--kind", "video",
     "--on", "33 days ago", "--follow-up", "in 3 days", "--todo", "share the eval paper"],
    ["add", "Katherine Johnson", "--company", "Orbital Data", "--title", "Data Scientist",
     "--met", "Women in Data conference", "--every", "6w", "--tag", "ml", "--on", "3 months ago"],
    ["log", "katherine", "congratulated her on the promotion", "--kind", "message",
     "--on", "30 days ago"],
    ["add", "Linus Torvalds", "--company", "Kernel Co", "--title", "Maintainer",
     "--met", "Open source sprint", "--every", "3m", "--tag", "oss", "--on", "2 months ago"],
    ["add", "Margaret Hamilton", "--company", "Apollo Software", "--title", "VP Engineering",
     "--met", "Leadership breakfast", "--every", "1m", "--on", "6 months ago",
     "--tag", "leadership"],
    ["log", "margaret", "how she built her first team", "--kind", "meeting",
     "--on", "34 days ago"],
    ["add", "Guido van Rossum", "--company", "Snake Systems", "--title", "Distinguished Engineer",
     "--met", "PyCon sprints", "--every", "2m", "--tag", "python", "--on", "8 months ago"],
    ["log", "guido", "thanked him for the code review tips", "--kind", "email",
     "--on", "70 days ago"],
    ["add", "Barbara Liskov", "--company", "Abstraction Inc", "--title", "Professor",
     "--met", "University alumni night", "--every", "3m", "--on", "2 weeks ago",
     "--tag", "academia"],
    ["add", "Tim Berners-Lee", "--company", "Web Foundation", "--title", "Director",
     "--via", "Ada", "--met", "Ada introduced us over email", "--every", "1m",
     "--on", "3 weeks ago", "--tag", "web"],
    ["log", "tim", "open data roles at the foundation", "--kind", "call",
     "--on", "12 days ago", "--follow-up", "today", "--todo", "send him the portfolio link"],
    ["add", "Hedy Lamarr", "--company", "Spread Spectrum", "--title", "Founder",
     "--met", "Hardware startup demo day", "--every", "6w", "--on", "100 days ago",
     "--tag", "founders"],
    ["log", "hedy", "fundraising and hiring her first engineer", "--kind", "coffee",
     "--on", "46 days ago"],
    ["add", "Dennis Ritchie", "--company", "Bell Street Labs", "--title", "Staff Engineer",
     "--met", "C user group", "--every", "2m", "--on", "20 days ago", "--tag", "oss"],
    ["add", "Radia Perlman", "--company", "Spanning Networks", "--title", "Fellow",
     "--via", "Dennis", "--met", "Dennis's dinner", "--every", "1m", "--on", "9 days ago",
     "--tag", "networking"],
    ["snooze", "hedy", "in 1 week"],
    # the habits: favours, thanks, introductions, asks, patience, their lives
    ["log", "grace", "coffee: she reviewed my resume", "--kind", "coffee", "--on", "26 days ago",
     "--got", "resume advice"],
    ["thank", "grace", "thanks, leading with impact made all the difference", "--on",
     "25 days ago"],
    ["edit", "katherine", "--seeks", "a Rust mentor", "--birthday", "BIRTHDAY_IN_2_DAYS"],
    ["edit", "linus", "--offers", "Rust and kernel mentoring"],
    ["intro", "alan", "katherine", "--why", "both work on model evaluation", "--on",
     "16 days ago"],
    ["ask", "margaret", "an intro to someone on the Apollo platform team", "--at",
     "Apollo Software", "--on", "9 days ago"],
    ["log", "dennis", "asked about the C meetup talk", "--kind", "email", "--no-reply",
     "--on", "8 days ago"],
    ["note", "hedy", "her startup just closed its seed round", "--on", "3 weeks ago"],
    ["log", "radia", "dinner: she explained spanning trees", "--kind", "meeting",
     "--on", "9 days ago", "--got", "a book recommendation", "--got", "an intro offer"],
]  # fmt: skip


def build(db_path: Path) -> None:
    """Run every command of NETWORK; stop with netlog's message if one fails."""
    command = get_command(app)
    birthday = (clock.today() + timedelta(days=2)).strftime("%m-%d")
    for args in NETWORK:
        args = [birthday if a == "BIRTHDAY_IN_2_DAYS" else a for a in args]
        errors = io.StringIO()
        try:
            with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(errors):
                command.main(
                    ["--db", str(db_path), *args], prog_name="netlog", standalone_mode=False
                )
        except SystemExit as exc:
            if exc.code:
                raise SystemExit(f"netlog {' '.join(args)}: {errors.getvalue().strip()}") from None


def main(argv: list[str]) -> int:
    fresh = "--fresh" in argv
    paths = [a for a in argv if a != "--fresh"]
    if len(paths) != 1:
        print("usage: python examples/build_network.py [--fresh] DB_PATH", file=sys.stderr)
        return 2
    path = Path(paths[0])
    if path.exists():
        if not fresh:
            print(f"{path} exists; pass --fresh to rebuild it", file=sys.stderr)
            return 1
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
    build(path)
    people = sum(1 for args in NETWORK if args[0] == "add")
    print(f"Built an example network of {people} people in {path}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
