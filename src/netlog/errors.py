"""The error hierarchy every layer raises and only the CLI boundary prints.

Each error carries what went wrong and how to fix it, so the boundary can print
one line, ``Error: <what> — <how to fix>``, and exit non-zero without a traceback.
"""

from __future__ import annotations


class NetlogError(Exception):
    """Base class: a problem the user can fix. ``exit_code`` is what the CLI returns."""

    exit_code = 1

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.message} — {self.hint}" if self.hint else self.message


class InputError(NetlogError):
    """A value given on the command line cannot be used (a bad date, an empty name...)."""


class DateParseError(InputError):
    """A date, WHEN or DURATION that the date grammar does not accept."""


class ContactNotFound(NetlogError):
    """No contact matches the name, ``#ID`` or email given."""

    def __init__(self, query: str, suggestions: list[str] | None = None) -> None:
        self.query = query
        self.suggestions = suggestions or []
        if self.suggestions:
            hint = "did you mean " + ", ".join(self.suggestions) + "?"
        else:
            hint = "see `netlog list` for the names you have, or `netlog add` to create one"
        super().__init__(f"no contact matches {query!r}", hint)


class AmbiguousContact(NetlogError):
    """More than one contact matches; ``candidates`` are ``(id, name)`` pairs."""

    def __init__(self, query: str, candidates: list[tuple[int, str]]) -> None:
        self.query = query
        self.candidates = candidates
        shown = ", ".join(f"{name} (#{cid})" for cid, name in candidates[:8])
        more = f" and {len(candidates) - 8} more" if len(candidates) > 8 else ""
        super().__init__(
            f"{query!r} matches {len(candidates)} contacts: {shown}{more}",
            "use more of the name or the #ID",
        )


class DuplicateContact(NetlogError):
    """A contact with this name exists already."""


class ConfirmationRequired(NetlogError):
    """A destructive command ran without a terminal to ask on and without ``--yes``."""


class EditorError(NetlogError):
    """The text editor (``$VISUAL``, ``$EDITOR``) could not be started or failed."""


class DatabaseError(NetlogError):
    """The database file cannot be opened, created or written."""


class NotANetlogDatabase(DatabaseError):
    """The file exists but is not a netlog database."""


class DatabaseTooNew(DatabaseError):
    """The database was written by a newer netlog than this one."""


class DatabaseBusy(DatabaseError):
    """Another process held the database lock for longer than the busy timeout."""
