"""Build a synthetic network for benchmarks, through netlog's own storage code.

    python bench/generate.py --contacts 20000 --interactions 500000 --db /tmp/big.db

Realistic in the ways that matter for speed: activity is skewed (a few people
you talk to all the time, a long tail, some never after the first meeting),
cadences run from a week to a year, histories span five years, there are tags,
companies, notes and follow-ups (mostly done, some open and overdue). The same
seed gives the same database. Pins nothing about "today" beyond ``--today``.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from netlog import db, policy
from netlog.records import KINDS, Channel
from netlog.repository import Repository
from netlog.services import stamp

FIRST = (
    "Ada Grace Alan Katherine Linus Margaret Guido Barbara Tim Hedy Dennis Radia Ken Frances "
    "Edsger Donald John Anita Sophie Fei Andrew Yann Geoffrey Joy Carol Shafi Leslie Niklaus "
    "Bjarne James Larry Sergey Sundar Satya Lisa Jensen Ruth Mary Ingrid Olga José Zoë Chloé "
    "Björn Søren Łukasz Mei Hiroshi Aiko Priya Arjun Fatima Omar Amara Kwame Nia Diego Lucía"
).split()
LAST = (
    "Lovelace Hopper Turing Johnson Torvalds Hamilton Rossum Liskov Berners-Lee Lamarr Ritchie "
    "Perlman Thompson Allen Dijkstra Knuth McCarthy Borg Wilson Li Ng LeCun Hinton Buolamwini "
    "Shaw Goldwasser Lamport Wirth Stroustrup Gosling Page Brin Pichai Nadella Su Huang Teitelbaum "
    "Núñez García Müller Østergaard Kowalski Wang Tanaka Sato Patel Sharma Haddad Mensah Okafor "
    "Silva Fernández Dubois Rossi Novak Ivanova"
).split()
COMPANY_WORDS = (
    "Analytical Compiler Orbital Kernel Apollo Snake Abstraction Spectrum Bell Spanning Quantum "
    "Data Cloud River Summit Harbor Pixel Vector Lambda Graph Signal Beacon Atlas Nimbus Copper"
).split()
COMPANY_SUFFIX = ["Labs", "Inc.", "Works", "Systems", "Corp.", "GmbH", "Ltd", "& Co", "AI", "Data"]
TITLES = [
    "Engineer", "Senior Engineer", "Staff Engineer", "Engineering Manager", "CTO", "Founder",
    "Recruiter", "Data Scientist", "Product Manager", "Designer", "Director", "VP Engineering",
    "Researcher", "Professor", "Consultant",
]  # fmt: skip
TAGS = [
    "python", "rust", "ml", "data", "founders", "mentor", "recruiter", "oss", "conference",
    "alumni", "frontend", "infra", "security", "design", "investor", "friend", "linkedin",
]  # fmt: skip
TOPICS = [
    "hiring plans for Q{q}", "their move to {c}", "the {t} role", "career advice on {x}",
    "a talk on {x}", "their side project in {x}", "feedback on my resume", "the {x} meetup",
    "fundraising for {c}", "a referral to {c}", "book recommendations about {x}",
    "their kid starting school", "marathon training", "moving to a new city",
]  # fmt: skip
SUBJECTS = ["Rust", "Python", "ML ops", "databases", "compilers", "design systems", "leadership"]
CADENCES = [7, 14, 21, 30, 30, 30, 45, 60, 90, 90, 180, 180, 365]


def generate(
    path: Path,
    contacts: int,
    interactions: int,
    seed: int = 42,
    today: date | None = None,
    kept_up: int | None = None,
) -> dict[str, float]:
    """Create the database at ``path`` (which must not exist); return timings.

    With ``kept_up=N`` the network is one you keep up with: everyone's latest
    conversation falls within their cadence and their own rhythm (no check-in
    due, no fading tie) and every follow-up is done, except for N people who
    are overdue for a check-in (so ``due`` lists N items, their check-ins, where
    the default network, deliberately neglected, lists half of everyone)."""
    today = today or date.today()
    rng = random.Random(seed)
    started = time.perf_counter()
    conn = db.connect(path)
    repo = Repository(conn)
    now = stamp(datetime.now(UTC))
    start_day = today - timedelta(days=5 * 365)
    companies = [
        f"{rng.choice(COMPANY_WORDS)} {rng.choice(COMPANY_WORDS)} {rng.choice(COMPANY_SUFFIX)}"
        for _ in range(max(10, contacts // 20))
    ]

    # Skewed activity: Pareto weights; about 5% never talked to after meeting.
    weights = [0.0 if rng.random() < 0.05 else rng.paretovariate(1.2) for _ in range(contacts)]
    total = sum(weights) or 1.0
    met_on = [start_day + timedelta(days=rng.randrange(5 * 365)) for _ in range(contacts)]
    extra = max(0, interactions - contacts)
    counts = [int(extra * w / total) for w in weights]
    leftover = extra - sum(counts)
    active = [i for i, w in enumerate(weights) if w > 0] or [0]
    for i in rng.choices(active, k=leftover):
        counts[i] += 1

    rows = []
    for i in range(contacts):
        company = rng.choice(companies)
        rows.append(
            {
                "name": f"{rng.choice(FIRST)} {rng.choice(LAST)}",
                "company": company,
                "title": rng.choice(TITLES),
                "met": rng.choice(["PyCon", "a meetup", "work", "a friend's dinner", "LinkedIn"]),
                "note": rng.choice([None, None, "likes hiking", "two kids", "ex-colleague"]),
                "cadence_days": rng.choice(CADENCES),
                "snoozed_until": None,
                "tags": rng.sample(TAGS, k=rng.choice([0, 1, 1, 2, 3])),
                "channels": [
                    (
                        "email",
                        Channel(f"person{i}@{company.split()[0].lower()}.example", None, True),
                    )
                ],
            }
        )

    with repo.transaction():
        # The unit of work computes every contact's derived state at commit.
        ids = repo.bulk_insert_contacts(rows, now, created_on=start_day)
        history = []
        followups = []
        overdue = set()
        if kept_up is not None:
            overdue = _overdue(ids, rows, met_on, kept_up, rng, today)
        for cid, row, first, count in zip(ids, rows, met_on, counts, strict=True):
            history.append((cid, first, "met", f"Met at {rng.choice(['PyCon', 'a meetup'])}"))
            span = (today - first).days
            days = sorted(first + timedelta(days=rng.randrange(span + 1)) for _ in range(count))
            if kept_up is not None:
                cadence = int(str(row["cadence_days"]))
                if cid in overdue:  # nothing within the last cadence and a bit
                    days = [d for d in days if (today - d).days > cadence + 3]
                else:  # a conversation within the cadence and their rhythm: not due
                    days.append(_kept_up_recent(first, days, cadence, rng, today))
            for day in days:
                topic = rng.choice(TOPICS).format(
                    q=rng.randint(1, 4), c=rng.choice(companies), t=rng.choice(TITLES),
                    x=rng.choice(SUBJECTS),
                )  # fmt: skip
                history.append((cid, day, rng.choice(KINDS[1:]), topic))
                if rng.random() < 0.03:
                    due = day + timedelta(days=rng.choice([3, 7, 14, 30]))
                    done = None if due > today - timedelta(days=60) and rng.random() < 0.5 else now
                    if kept_up is not None:
                        done = now
                    followups.append((cid, due, f"send notes about {topic}", done))
        repo.bulk_insert_interactions(history, now)
        repo.bulk_insert_followups(followups, now)
    # A database in daily use holds its latest commands in the change journal,
    # not its whole history as one change: the network starts without one.
    conn.execute("DELETE FROM change_row")
    conn.execute("DELETE FROM change_set")
    conn.execute("VACUUM")
    conn.execute("PRAGMA optimize")
    conn.close()
    return {"seconds": time.perf_counter() - started, "interactions": len(history)}


def _kept_up_recent(
    first: date, days: list[date], cadence: int, rng: random.Random, today: date
) -> date:
    """The latest conversation with someone a kept-up network is not overdue
    with: within their cadence (no check-in due) and within their own rhythm
    (not a fading tie: silence under 3x their typical gap, or under two weeks)."""
    window = max(2, cadence)
    for _ in range(2):
        recent = max(first, today - timedelta(days=rng.randrange(1, window)))
        gap = policy.typical_gap([first, *days, recent])
        if gap is None or policy.quiet_from(recent, gap) > today:
            return recent
        window = max(2, min(cadence, policy.FADING_GAP_FACTOR * gap + 1))
    return max(first, today - timedelta(days=1))  # a day's silence is never fading


def _overdue(
    ids: list[int],
    rows: list[dict[str, Any]],
    met_on: list[date],
    count: int,
    rng: random.Random,
    today: date,
) -> set[int]:
    """The people a kept-up network is overdue with: ``count`` of those met more
    than a cadence ago (a new acquaintance cannot be overdue yet)."""
    eligible = [
        cid
        for cid, row, first in zip(ids, rows, met_on, strict=True)
        if (today - first).days > int(row["cadence_days"]) + 3
    ]
    return set(rng.sample(eligible, min(count, len(eligible))))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--contacts", type=int, required=True)
    parser.add_argument("--interactions", type=int, required=True)
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--today", type=date.fromisoformat, default=None)
    parser.add_argument("--force", action="store_true", help="replace an existing file")
    parser.add_argument(
        "--kept-up",
        type=int,
        metavar="N",
        help="a network you keep up with: only N people overdue (due lists N check-ins)",
    )
    args = parser.parse_args(argv)
    if args.db.exists():
        if not args.force:
            parser.error(f"{args.db} exists; pass --force to replace it")
        for suffix in ("", "-wal", "-shm"):
            Path(f"{args.db}{suffix}").unlink(missing_ok=True)
    result = generate(
        args.db, args.contacts, args.interactions, args.seed, args.today, args.kept_up
    )
    print(
        f"{args.contacts} contacts, {int(result['interactions'])} interactions "
        f"in {result['seconds']:.1f} s -> {args.db}",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
