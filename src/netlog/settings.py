"""Your settings (``netlog config``): checked and stored as user data."""

from __future__ import annotations

from netlog import policy
from netlog.errors import InputError
from netlog.repository import Repository


def _key(key: str) -> str:
    name = key.strip().lower()
    if name not in policy.SETTINGS:
        raise InputError(f"unknown setting {key!r}", "settings: " + ", ".join(policy.SETTINGS))
    return name


def _value(key: str, value: str) -> str:
    if key == "me.email":
        try:
            addresses = policy.parse_addresses(value)
        except policy.PolicyError as exc:
            raise InputError(
                f"{exc.args[0]!r} is not an email address",
                'give your addresses, e.g. "ada@work.example, ada@home.example"',
            ) from None
        if not addresses:
            raise InputError("me.email needs an address", "e.g. ada@work.example")
        return ", ".join(addresses)
    if key == "contacts.tag":
        from netlog.services import normalise_tags

        tags = normalise_tags([value])
        if len(tags) != 1:
            raise InputError(
                "contacts.tag takes one tag", "e.g. netlog config set contacts.tag phone"
            )
        return tags[0]
    return value.strip()  # a folder (contacts.vdir, tasks.vdir), as given


def all_settings(repo: Repository) -> list[tuple[str, str | None, str]]:
    """Every setting: ``(key, value or None, what it is)``."""
    stored = repo.settings()
    return [(key, stored.get(key), about) for key, about in policy.SETTINGS.items()]


def get(repo: Repository, key: str) -> str | None:
    return repo.setting(_key(key))


def set_value(repo: Repository, key: str, value: str) -> str:
    """Store a setting; returns the value as stored."""
    name = _key(key)
    stored = _value(name, value)
    with repo.transaction():
        repo.set_setting(name, stored)
    return stored


def unset(repo: Repository, key: str) -> bool:
    name = _key(key)
    with repo.transaction():
        return repo.unset_setting(name)
