"""Random small networks for property tests: people, then a history built through
the same services the commands call (so every row is one netlog could write).

Shared by the dump round-trip test and the restore-validation property test;
both need "any network", and a dump is only as interesting as the rows in it.
"""

from __future__ import annotations

import contextlib
from datetime import UTC, date, datetime, timedelta

from hypothesis import strategies as st

from conftest import TODAY
from netlog import practices, services
from netlog.errors import NetlogError
from netlog.repository import Repository

NOW = datetime(2026, 11, 25, 12, 0, 0, tzinfo=UTC)
_LETTER = st.one_of(
    st.characters(categories=("Lu", "Ll", "Lo")),
    st.sampled_from("éèüñçøåßŁŚŽÉÖ"),
    st.sampled_from("🚀😀🎉🌍"),
)
NAME = st.lists(st.text(_LETTER, min_size=1, max_size=8), min_size=1, max_size=3).map(" ".join)
_DAYS_AGO = st.integers(min_value=0, max_value=400)
_WHO = st.integers(0, 20)
PERSON = st.tuples(
    NAME,
    _DAYS_AGO,
    st.sampled_from([7, 21, 30, 90, 180, 365]),
    st.lists(st.sampled_from(["python", "rust", "ml", "family"]), max_size=2),
)
OPERATION = st.one_of(
    st.tuples(
        st.just("log"),
        _WHO,
        st.text(max_size=30),
        _DAYS_AGO,
        st.lists(st.text(min_size=1, max_size=10), max_size=2),
        st.lists(st.text(min_size=1, max_size=10), max_size=2),
        st.booleans(),
        st.one_of(st.none(), st.integers(1, 60)),
    ),
    st.tuples(st.just("thank"), _WHO, st.text(max_size=20), _DAYS_AGO),
    st.tuples(st.just("intro"), _WHO, _WHO, st.text(max_size=20), _DAYS_AGO),
    st.tuples(st.just("ask"), _WHO, st.text(max_size=20), _DAYS_AGO),
    st.tuples(st.just("close-ask"), st.integers(1, 12), st.booleans()),
    st.tuples(st.just("note"), _WHO, st.text(max_size=20), _DAYS_AGO),
    st.tuples(st.just("snooze"), _WHO, st.integers(1, 90)),
    st.tuples(
        st.just("edit"),
        _WHO,
        st.sampled_from(["1990-04-15", "--02-29", "--12-31", "2000-01-01", ""]),
        st.one_of(st.none(), _WHO),
    ),
    st.tuples(st.just("done"), _WHO),
)
PEOPLE = st.lists(PERSON, min_size=1, max_size=5)
OPERATIONS = st.lists(OPERATION, max_size=12)


def grow_network(repo: Repository, people: list[tuple], operations: list[tuple]) -> list[int]:
    """Add ``people`` and apply ``operations`` to them; returns the contact ids.
    Operations the commands would refuse (empty text, introducing someone to
    themselves, closing a closed ask) are skipped: each is its own transaction,
    rolled back whole."""
    ids: list[int] = []
    for name, days_ago, cadence, tags in people:
        contact = services.add_contact(
            repo, name, today=TODAY, now=NOW, on=TODAY - timedelta(days=days_ago),
            every_days=cadence, tags=tags, force=True,
        )  # fmt: skip
        ids.append(contact.id)
    for op in operations:
        with contextlib.suppress(NetlogError):
            _apply(repo, ids, op)
    return ids


def _apply(repo: Repository, ids: list[int], op: tuple) -> None:
    kind = op[0]

    def who(n: int) -> str:
        return f"#{ids[n % len(ids)]}"

    def ago(n: int) -> date:
        return TODAY - timedelta(days=n)

    clock = {"today": TODAY, "now": NOW}
    if kind == "log":
        _, person, summary, n, gave, got, no_reply, follow = op
        services.log_interaction(
            repo, who(person), summary, on=ago(n), gave=gave, got=got, no_reply=no_reply,
            follow_up_on=TODAY + timedelta(days=follow) if follow else None, **clock,
        )  # fmt: skip
    elif kind == "thank":
        practices.thank(repo, who(op[1]), op[2], on=ago(op[3]), **clock)
    elif kind == "intro":
        practices.introduce(repo, who(op[1]), who(op[2]), op[3], on=ago(op[4]), **clock)
    elif kind == "ask":
        practices.ask(repo, who(op[1]), op[2], on=ago(op[3]), **clock)
    elif kind == "close-ask":
        practices.close_ask(repo, op[1], today=TODAY, outcome="it went", declined=op[2])
    elif kind == "note":
        practices.add_note(repo, who(op[1]), op[2], on=ago(op[3]), **clock)
    elif kind == "snooze":
        services.snooze(repo, who(op[1]), TODAY + timedelta(days=op[2]), **clock)
    elif kind == "edit":
        via = "" if op[3] is None else who(op[3])
        services.edit_contact(repo, who(op[1]), birthday=op[2], via=via, **clock)
    else:
        services.complete_followups(repo, who(op[1]), today=NOW.date(), now=NOW, upcoming_too=True)
