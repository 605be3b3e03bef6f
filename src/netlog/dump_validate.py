"""Checking a JSON dump against the schema before a restore writes anything.

Why: the commands trust what the database holds (a ``DATE`` column is read with
``date.fromisoformat``, a cadence is added to a day, a reason picks a sentence),
so a value of the wrong kind that gets in crashes them later, far from its
cause. A dump is the one way rows enter netlog without going through its
services, so it is checked here, whole, and refused with one line naming the
first bad table, row and column before the first row is written.

The rules are read from the schema, not written out again: the sqlmodel tables
in ``models.py`` give each column's type (Integer, Boolean, Date, String),
whether it may be null, whether the database fills it in when it is absent (a
server default), its foreign key, and the primary key and unique constraints.
What the types cannot say is the short list below: the allowed values of the
enum-like text columns (``ENUMS``), integer bounds (``RANGES``), text formats
(``FORMATS``), plus models.py's convention that ``*_at`` text columns are UTC
instants. A table or column added to models.py is checked without touching
this module; a new enum, bound or format is one line here.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache
from typing import Any

from netlog import dates, policy, scheduler
from netlog.errors import NetlogError

# What the column types do not say. Keys are (table, column); an entry for a
# column models.py no longer declares fails the test suite, not a restore.
ENUMS: dict[tuple[str, str], tuple[str, ...]] = {
    ("interaction", "kind"): policy.ALL_KINDS,
    ("followup", "reason"): scheduler.PROMISES,
    ("ask", "status"): policy.ASK_STATES,
    ("ledger", "direction"): policy.LEDGER_DIRECTIONS,
    ("contact_channel", "kind"): policy.CHANNEL_KINDS,
    ("captured", "direction"): policy.CAPTURE_DIRECTIONS,
    ("setting", "key"): tuple(policy.SETTINGS),
}
RANGES: dict[tuple[str, str], tuple[int, int]] = {
    # The commands refuse a non-positive cadence or one over 100 years.
    ("contact", "cadence_days"): (1, dates.MAX_DURATION_DAYS),
    ("contact", "unanswered"): (0, 2**63 - 1),  # a count
}
FORMATS: dict[tuple[str, str], str] = {
    ("contact", "birthday"): "birthday",
}

# SQLite's integers are 64-bit; a larger JSON number cannot even be bound.
_INT_MIN, _INT_MAX = -(2**63), 2**63 - 1
# Ids are positive (SQLite hands out 1, 2, ...). The search index numbers a
# contact's rows id * 8 + k, so an id must leave room for that in 64 bits; 2**53
# also keeps every id exact in JSON readers that hold numbers as doubles.
MAX_ID = 2**53
# The scheduler adds up to 100 years (a cadence) to a stored day: keep days far
# enough inside Python's calendar (years 1 to 9999) that date arithmetic on them
# can never leave it.
FIRST_DAY, LAST_DAY = date(1000, 1, 1), date(8999, 12, 31)

_DATE_RE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
_INSTANT_RE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})T([0-9]{2}):([0-9]{2}):([0-9]{2})Z")
_BIRTHDAY_RE = re.compile(r"(?:([0-9]{4})-|--)([0-9]{2})-([0-9]{2})")
_SHOWN_CHARS = 60
HINT = "export it again from the netlog that wrote it"


class DumpError(NetlogError):
    """A dump that cannot be restored."""


Check = Callable[[Any], str | None]  # a value -> what is wrong with it, or None


@dataclass(frozen=True, slots=True)
class ColumnRule:
    """What one column accepts, as derived from the schema (see ``rules``)."""

    name: str
    check: Check
    required: bool  # NOT NULL: null is refused
    defaulted: bool  # the database fills it in when the dump leaves it out
    references: tuple[str, str] | None  # (table, column) a value must name


@dataclass(frozen=True, slots=True)
class TableRule:
    name: str
    columns: dict[str, ColumnRule]
    keys: tuple[tuple[str, ...], ...]  # primary key and unique constraints
    id_column: str | None  # the single integer primary key, to name rows by


# ----- value checks: each says what is wrong, in words a person can act on
def _shown(value: Any) -> str:
    """A value as the error line quotes it: strings in quotes, the rest as JSON,
    escaped (no newline or terminal control character can get through) and cut."""
    if isinstance(value, str):
        text = repr(value)
    else:
        try:
            text = json.dumps(value, ensure_ascii=True, separators=(", ", ": "))
        except (TypeError, ValueError):
            text = repr(value)
    return text if len(text) <= _SHOWN_CHARS else text[: _SHOWN_CHARS - 1] + "…"


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _integer(low: int, high: int) -> Check:
    def check(value: Any) -> str | None:
        if not _is_int(value):
            return f"{_shown(value)} is not an integer"
        if not low <= value <= high:
            if (low, high) == (_INT_MIN, _INT_MAX):
                return f"{_shown(value)} does not fit in a 64-bit integer"
            return f"{_shown(value)} is not between {low} and {high}"
        return None

    return check


def _boolean(value: Any) -> str | None:
    if _is_int(value) and value in (0, 1):
        return None
    return f"{_shown(value)} is not 0 or 1 (booleans are stored as 0 and 1)"


def _text(value: Any) -> str | None:
    return None if isinstance(value, str) else f"{_shown(value)} is not text"


def _real_day(year: str, month: str, day: str) -> date | None:
    try:
        return date(int(year), int(month), int(day))
    except ValueError:
        return None


def _date(value: Any) -> str | None:
    match = _DATE_RE.fullmatch(value) if isinstance(value, str) else None
    day = _real_day(*match.groups()) if match else None
    if day is None:
        return f"{_shown(value)} is not a date (YYYY-MM-DD)"
    return _in_range(value, day)


def _instant(value: Any) -> str | None:
    match = _INSTANT_RE.fullmatch(value) if isinstance(value, str) else None
    try:
        if match:
            year, month, mday, hour, minute, second = (int(g) for g in match.groups())
            day = datetime(year, month, mday, hour, minute, second).date()
        else:
            day = None
    except ValueError:  # 2026-02-30, 25:00...
        day = None
    if day is None:
        return f"{_shown(value)} is not a UTC instant (YYYY-MM-DDTHH:MM:SSZ)"
    return _in_range(value, day)


def _in_range(value: str, day: date) -> str | None:
    if FIRST_DAY <= day <= LAST_DAY:
        return None
    return f"{_shown(value)} is outside the days netlog handles ({FIRST_DAY} to {LAST_DAY})"


def _birthday(value: Any) -> str | None:
    match = _BIRTHDAY_RE.fullmatch(value) if isinstance(value, str) else None
    if match:
        year, month, day = match.groups()
        # Without a year, any day of a leap year is a birthday (29 February too).
        if _real_day(year or "2000", month, day) is not None:
            return None
    return f"{_shown(value)} is not a birthday (YYYY-MM-DD, or --MM-DD without the year)"


def _one_of(allowed: tuple[str, ...]) -> Check:
    def check(value: Any) -> str | None:
        if isinstance(value, str) and value in allowed:
            return None
        return f"{_shown(value)} is not one of {', '.join(allowed)}"

    return check


_FORMAT_CHECKS: dict[str, Check] = {"birthday": _birthday}


# ----- the rules, read from models.py
@cache
def rules() -> dict[str, TableRule]:
    """Every table models.py declares, with what each of its columns accepts.

    Imports the models (and so SQLAlchemy): only a restore needs this, never a
    daily command."""
    from sqlmodel import SQLModel

    from netlog import models

    assert models  # importing it declares the tables
    return rules_for(SQLModel.metadata)


def rules_for(metadata: Any) -> dict[str, TableRule]:
    """The rules of every table of a SQLAlchemy ``MetaData`` (``rules`` passes
    models.py's; tests pass others, to show a new table needs nothing here)."""
    from sqlalchemy import UniqueConstraint

    tables: dict[str, TableRule] = {}
    for table in metadata.sorted_tables:
        pk = tuple(c.name for c in table.primary_key.columns)
        single_id = pk[0] if len(pk) == 1 and _python_type(table.columns[pk[0]]) is int else None
        columns = {}
        for column in table.columns:
            references = None
            for fk in column.foreign_keys:
                references = (fk.column.table.name, fk.column.name)
            columns[column.name] = ColumnRule(
                name=column.name,
                check=_check_for(table.name, column, is_id=column.name == single_id),
                required=not column.nullable,
                defaulted=column.server_default is not None,
                references=references,
            )
        keys = [pk] if pk else []
        keys += [
            tuple(c.name for c in constraint.columns)
            for constraint in table.constraints
            if isinstance(constraint, UniqueConstraint)
        ]
        keys += [tuple(c.name for c in index.columns) for index in table.indexes if index.unique]
        tables[table.name] = TableRule(table.name, columns, tuple(dict.fromkeys(keys)), single_id)
    return tables


def _python_type(column: Any) -> type:
    """The Python type a column holds: ``int``, ``bool``, ``str``, ``date``... (a
    decorated type such as sqlmodel's AutoString answers for what it wraps)."""
    kind = column.type
    kind = getattr(kind, "impl_instance", kind)
    try:
        python_type: type = kind.python_type
    except NotImplementedError:
        return object
    return python_type


def _check_for(table: str, column: Any, *, is_id: bool) -> Check:
    """The check for one column: the explicit extras first, then its type."""
    key = (table, column.name)
    kind = _python_type(column)
    if key in ENUMS:
        return _one_of(ENUMS[key])
    if key in FORMATS:
        return _FORMAT_CHECKS[FORMATS[key]]
    if kind is bool:
        return _boolean
    if kind is int:
        low, high = RANGES.get(key, (1, MAX_ID) if is_id else (_INT_MIN, _INT_MAX))
        return _integer(low, high)
    if kind is date:
        return _date
    if kind is str:
        return _instant if column.name.endswith("_at") else _text
    raise TypeError(
        f"{table}.{column.name}: no dump check for a {column.type!r} column; "
        "add one in netlog.dump_validate"
    )


# ----- checking a dump
def check_tables(
    tables: Any,
    source: str,
    order: Sequence[str],
    schema: dict[str, TableRule] | None = None,
) -> dict[str, list[dict[str, Any]]]:
    """The rows of every table in ``order`` (tables the dump leaves out are empty),
    after checking every value against its column (``schema``, by default
    models.py's rules); raises ``DumpError`` naming the first problem: table,
    1-based row (and its id) and column."""
    if not isinstance(tables, dict):
        raise DumpError(f"{source} has no 'tables' object", "is the file complete?")
    extra = sorted(set(tables) - set(order))
    if extra:
        raise DumpError(
            f"{source} has tables this netlog does not know: {extra}",
            "was it written by a newer netlog?",
        )
    schema = schema or rules()
    result: dict[str, list[dict[str, Any]]] = {}
    for table in order:
        rows = tables.get(table, [])
        if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
            raise DumpError(f"{source}: '{table}' is not a list of rows", "is the file complete?")
        result[table] = rows
    present = _referenced_values(schema, result)
    for table in order:
        _check_rows(schema[table], result[table], source, present)
    return result


def _referenced_values(
    schema: dict[str, TableRule], tables: dict[str, list[dict[str, Any]]]
) -> dict[tuple[str, str], set[int]]:
    """For every column a foreign key points at: the integer values the dump holds."""
    targets = {c.references for t in schema.values() for c in t.columns.values() if c.references}
    return {
        (table, column): {row[column] for row in tables.get(table, []) if _is_int(row.get(column))}
        for table, column in targets
    }


def _check_rows(
    rule: TableRule,
    rows: list[dict[str, Any]],
    source: str,
    present: dict[tuple[str, str], set[int]],
) -> None:
    seen: dict[tuple[str, ...], dict[tuple[Any, ...], int]] = {key: {} for key in rule.keys}
    for n, row in enumerate(rows, 1):
        where = f"{source}: {rule.name} row {n}"
        ident = row.get(rule.id_column) if rule.id_column else None
        if _is_int(ident):
            where += f" ({rule.id_column} {ident})"
        _check_row(rule, row, where, present)
        for key, first_rows in seen.items():
            values = tuple(row.get(name) for name in key)
            if None in values:
                continue  # SQL lets nulls repeat in a unique column
            first = first_rows.setdefault(values, n)
            if first != n:
                names = ", ".join(key)
                shown = _shown(values[0] if len(key) == 1 else list(values))
                label = "column" if len(key) == 1 else "columns"
                raise DumpError(
                    f"{where}, {label} {names}: {shown} is also the {names} of row {first}", HINT
                )


def _check_row(
    rule: TableRule, row: dict[str, Any], where: str, present: dict[tuple[str, str], set[int]]
) -> None:
    if not row:
        raise DumpError(f"{where} is empty", "is the file complete?")
    if not row.keys() <= rule.columns.keys():
        unknown = next(name for name in row if name not in rule.columns)
        raise DumpError(
            f"{where} has a column this netlog does not know: {_shown(unknown)}",
            "was it written by a newer netlog?",
        )
    for name, column in rule.columns.items():
        problem = None
        if name not in row:
            if column.required and not column.defaulted:
                problem = "is missing"
        elif row[name] is None:
            if column.required:
                problem = "is null (it needs a value)"
        else:
            value = row[name]
            problem = column.check(value)
            target = column.references
            if problem is None and target and value not in present[target]:
                table, key = target
                article = "an" if table[0] in "aeiou" else "a"
                problem = f"{_shown(value)} is not the {key} of {article} {table} row in the dump"
        if problem:
            joint = " " if problem.startswith("is ") else ": "
            raise DumpError(f"{where}, column {name}{joint}{problem}", HINT)
