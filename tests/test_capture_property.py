"""Any Maildir or mbox built from random messages: every message is captured or
skipped (with a reason), capture never crashes, and a second run adds nothing."""

from __future__ import annotations

import json
import os
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from capture_fixtures import ME, maildir, mbox, message
from netlog.cli import app

CONTACTS = ["ada@example.com", "grace@navy.example"]
PEOPLE = [ME, *CONTACTS, "bob@else.example", "noreply@shop.example", "ME@home.example"]
EXTRA = st.sampled_from(
    [{}, {"List_Id": "<l.example>"}, {"Precedence": "bulk"}, {"Auto_Submitted": "auto-generated"}]
)
WHEN = st.one_of(
    st.datetimes(
        min_value=datetime(2025, 6, 1), max_value=datetime(2026, 12, 31), timezones=st.just(UTC)
    ),
    st.sampled_from(["", "yesterday-ish", "Mon, 99 Foo 2026 25:61:00 +9999"]),
)
SUBJECT = st.one_of(st.none(), st.text(max_size=40).map(lambda s: s.replace("\r", " ")))


@st.composite
def messages(draw: st.DrawFn) -> list:
    found = []
    for n in range(draw(st.integers(1, 12))):
        sender = draw(st.sampled_from(PEOPLE))
        to = draw(st.lists(st.sampled_from(PEOPLE), min_size=1, max_size=4))
        msgid = draw(st.sampled_from([None, f"<m{n}@x>", "<same@x>"]))
        refs = draw(st.sampled_from([{}, {"In_Reply_To": "<m0@x>"}, {"References": "<same@x>"}]))
        subject = draw(SUBJECT)
        when = draw(WHEN)
        try:
            found.append(message(sender, to, subject, when, msgid, **draw(EXTRA), **refs))
        except (ValueError, TypeError):  # a subject the email package will not write
            found.append(message(sender, to, "plain", when, msgid))
    return found


def capture(db: Path, *args: str) -> dict:
    result = CliRunner().invoke(app, ["--db", str(db), "capture", *args, "--json"])
    assert result.exit_code == 0, (result.stderr, result.exception)
    return json.loads(result.stdout)


@settings(
    max_examples=int(os.environ.get("NETLOG_CAPTURE_EXAMPLES", "30")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(mails=messages(), as_mbox=st.booleans(), include_cc=st.booleans())
def test_random_mailboxes_capture_or_skip_every_message_once(mails, as_mbox, include_cc):
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        db = folder / "n.db"
        runner = CliRunner()
        for n, address in enumerate(CONTACTS):
            added = runner.invoke(
                app,
                ["--db", str(db), "add", f"Person {n}", "--email", address, "--on", "2025-01-01"],
            )
            assert added.exit_code == 0
        source = mbox(folder / "mail.mbox", mails) if as_mbox else maildir(folder, mails)
        options = ["--me", ME, *(["--include-cc"] if include_cc else [])]
        first = capture(db, str(source), *options)
        assert first["messages"] == len(mails)
        assert first["counted"] + sum(first["skipped"].values()) == len(mails)
        assert first["new"] <= first["counted"] * 2  # at most one entry per contact
        again = capture(db, str(source), *options)
        assert again["new"] == 0 and again["messages"] == 0
        later = datetime.now().timestamp() + 5
        for path in source.rglob("*") if source.is_dir() else [source]:
            if path.is_file():
                os.utime(path, (later, later))
        reread = capture(db, str(source), *options)
        assert reread["new"] == 0 and reread["messages"] == len(mails)
        assert reread["counted"] == 0


def test_an_mbox_with_a_from_line_in_a_body_is_not_split(tmp_path):
    raw = (
        b"From me@home.example Fri Nov 20 10:00:00 2026\n"
        b"From: me@home.example\nTo: ada@example.com\nSubject: one\n"
        b"Date: Fri, 20 Nov 2026 10:00:00 +0000\n\nline one\nFrom the start, it was fine\n\n"
        b"From me@home.example Sat Nov 21 10:00:00 2026\n"
        b"From: me@home.example\nTo: ada@example.com\nSubject: two\n"
        b"Date: Sat, 21 Nov 2026 10:00:00 +0000\n\nbody\n"
    )
    from netlog.capture.mail import iter_mbox, parse

    path = tmp_path / "box"
    path.write_bytes(raw)
    subjects = [parse(block).subject for block in iter_mbox(str(path))]
    assert subjects == ["one", "two"]
