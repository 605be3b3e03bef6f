"""Build a network and a Maildir for the capture benchmark (deterministic, seeded).

    python bench/maildir.py --contacts 2000 --messages 50000 --out /tmp/nlcapture

Writes ``OUT/network.db`` (CONTACTS people, each with one or two addresses, met
two years before ``--today``, through netlog's own storage code) and
``OUT/Mail/{INBOX,Sent,Lists}`` in Maildir layout: about 45% of the messages
are between you and contacts (threads, replies, a few with Cc), 25% from
mailing lists, 20% with people who are not contacts and 10% from no-reply
senders, spread over two years. Your address is ``me@bench.example``. Headers
and a short body only; file names are Maildir's ``time.Mseq.host:2,S``. The same
seed gives byte-identical files with the same modification times.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from datetime import UTC, date, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path

from netlog import db
from netlog.records import Channel
from netlog.repository import Repository
from netlog.services import stamp

ME = "me@bench.example"
SEED = 42


def build_network(path: Path, contacts: int, today: date, rng: random.Random) -> list[str]:
    """The contacts' addresses, in id order (the first of each contact)."""
    if path.exists():
        path.unlink()
    conn = db.connect(path)
    repo = Repository(conn)
    now = stamp(datetime.combine(today, datetime.min.time(), UTC))
    met = today - timedelta(days=730)
    addresses, rows = [], []
    for n in range(contacts):
        address = f"person{n}@org{n % 97}.example"
        channels = [("email", Channel(address, preferred=True))]
        if rng.random() < 0.3:
            channels.append(("email", Channel(f"p{n}@home{n % 13}.example")))
        addresses.append(address)
        rows.append({"name": f"Person {n}", "cadence_days": 30, "channels": channels})
    with repo.transaction():
        ids = repo.bulk_insert_contacts(rows, now, met)
        repo.bulk_insert_interactions(((cid, met, "met", None) for cid in ids), now)
        repo.set_setting("me.email", ME)
    conn.close()
    return addresses


def write_maildir(
    out: Path, addresses: list[str], messages: int, today: date, rng: random.Random
) -> None:
    for folder in ("INBOX", "Sent", "Lists"):
        for part in ("cur", "new", "tmp"):
            (out / folder / part).mkdir(parents=True, exist_ok=True)
    start = datetime.combine(today - timedelta(days=729), datetime.min.time(), UTC)
    span = 728 * 86400
    # Most mail goes to a few people, as in a real mailbox.
    weights = [1 / (1 + n) ** 0.8 for n in range(len(addresses))]
    for n in range(messages):
        when = start + timedelta(seconds=int(span * n / messages) + rng.randrange(3600))
        roll = rng.random()
        headers = {"Message-ID": f"<m{n}.{SEED}@bench.example>"}
        folder = "INBOX"
        if roll < 0.45:
            other = rng.choices(addresses, weights)[0]
            if rng.random() < 0.5:
                folder, sender, to = "Sent", ME, other
            else:
                sender, to = other, ME
            if n and rng.random() < 0.4:
                headers["In-Reply-To"] = f"<m{n - 1}.{SEED}@bench.example>"
            if rng.random() < 0.1:
                headers["Cc"] = rng.choice(addresses)
        elif roll < 0.70:
            folder, sender, to = "Lists", f"list{n % 20}@lists.example", ME
            headers["List-Id"] = f"<list{n % 20}.lists.example>"
            headers["List-Unsubscribe"] = f"<mailto:leave{n % 20}@lists.example>"
        elif roll < 0.90:
            stranger = f"someone{rng.randrange(3000)}@elsewhere.example"
            sender, to = (ME, stranger) if rng.random() < 0.3 else (stranger, ME)
            folder = "Sent" if sender == ME else "INBOX"
        else:
            sender, to = f"no-reply@service{n % 50}.example", ME
        lines = [
            f"From: {sender}",
            f"To: {to}",
            *(f"{k}: {v}" for k, v in headers.items()),
            f"Subject: Message {n} about project {n % 300}",
            f"Date: {format_datetime(when)}",
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=utf-8",
            "",
            f"Body of message {n}.",
            "",
        ]
        stamp_ = int(when.timestamp())
        name = f"{stamp_}.M{n}P{SEED}.bench:2,S"
        path = out / folder / "cur" / name
        path.write_text("\n".join(lines), encoding="utf-8")
        os.utime(path, (stamp_, stamp_))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--contacts", type=int, default=2000)
    parser.add_argument("--messages", type=int, default=50000)
    parser.add_argument("--today", type=date.fromisoformat, default=date(2026, 11, 25))
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    started = time.perf_counter()
    args.out.mkdir(parents=True, exist_ok=True)
    addresses = build_network(args.out / "network.db", args.contacts, args.today, rng)
    write_maildir(args.out / "Mail", addresses, args.messages, args.today, rng)
    print(
        f"{args.contacts} contacts, {args.messages} messages in {args.out} "
        f"({time.perf_counter() - started:.1f} s)",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
