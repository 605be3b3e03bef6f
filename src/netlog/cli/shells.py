"""netlog's shell completion formats: how candidates reach bash, zsh and fish.

Typer's own formats insert values unquoted (a name with a space or an
apostrophe breaks the shell line) and let the shell filter them again by case.
These replace them. Loaded only while completing (``netlog.cli.main``): the
typer internals they build on cost a few milliseconds that no other command
should pay.
"""

from __future__ import annotations

import os
import re

from typer._click.shell_completion import CompletionItem, add_completion_class
from typer._completion_classes import BashComplete, FishComplete, ZshComplete

from netlog.cli.completion import Candidate
from netlog.names import fold

_BASH_UNSAFE = re.compile(r"[^\w@%+=:,./-]")


def bash_word(value: str) -> str:
    """``value`` as bash must receive it in COMPREPLY (inserted verbatim): every
    space, quote or other special character backslash-escaped, so
    ``Seán O'Brien`` stays one argument."""
    return _BASH_UNSAFE.sub(lambda m: "\\" + m.group(0), value)


def _common_prefix(words: list[str]) -> str:
    """The longest text every word starts with (readline inserts it)."""
    shortest = min(words, key=len)
    for i, ch in enumerate(shortest):
        if any(word[i] != ch for word in words):
            return shortest[:i]
    return shortest


def _lenient(raw: str, parsed: str) -> str:
    """What was typed, for matching. An unclosed quote in the word (``o'b``)
    makes the shell's reading drop the apostrophe ("ob"); a name is matched by
    the text as written then, backslashes and a leading quote removed."""
    import shlex

    try:
        shlex.split(raw)
    except ValueError:
        text = re.sub(r"\\(.)", r"\1", raw)
        return text[1:] if text[:1] in "'\"" else text
    return parsed


def quote_context(raw: str) -> str | None:
    """The quote a word being completed is open in: ``"`` or ``'`` when it
    starts with one that is not closed (``"tom``), ``mid`` when a quote opens
    inside it (``o'b``: the shell took the apostrophe for a quote), else None."""
    import shlex

    try:
        shlex.split(raw)
    except ValueError:
        return raw[0] if raw[:1] in ("'", '"') else "mid"
    return None


def in_quotes(value: str, quote: str) -> str:
    """``value`` as readline inserts it after an open quote (it closes the quote
    itself): inside "...", only \\ " $ ` are special; inside '...', nothing is,
    and an apostrophe closes, escapes and reopens (``'\\''``)."""
    if quote == '"':
        return re.sub(r'([\\"$`])', r"\\\1", value)
    return value.replace("'", "'\\''")


class NetlogBash(BashComplete):
    """Bash: quoted values, as the line needs them where the word stands: escaped
    with backslashes (``Seán\\ O\\'Brien``), or raw after an open quote (``"tom``
    completes to ``"Tomás Herrera"``). A quote opened inside the word (``o'b``)
    cannot be completed (readline would only replace what follows it): nothing
    is offered rather than a broken line. When several candidates share a
    prefix that does not continue what was typed ("nowak" -> "Jan Nowak", "Jana
    Nowak"), readline would replace the typed word by it; the typed word is
    offered too then, so readline keeps it and lists the names."""

    def _raw(self) -> str:
        words = os.environ.get("COMP_WORDS", "").split("\n")
        cword = int(os.environ.get("COMP_CWORD", "0"))
        return words[cword] if 0 <= cword < len(words) else ""

    def get_completion_args(self) -> tuple[list[str], str]:
        args, incomplete = super().get_completion_args()
        raw = self._raw()
        return args, _lenient(raw, incomplete) if raw else incomplete

    def format_completion(self, item: CompletionItem) -> str:
        return bash_word(str(item.value))

    def complete(self) -> str:
        args, incomplete = self.get_completion_args()
        raw = self._raw()
        quote = quote_context(raw)
        if quote == "mid":
            return ""
        items = self.get_completions(args, incomplete)
        if quote:
            out = [in_quotes(str(item.value), quote) for item in items]
            typed = raw[1:]  # readline completes what follows the quote
        else:
            out = [self.format_completion(item) for item in items]
            typed = raw or bash_word(incomplete)
        if len(out) > 1 and incomplete:
            shared = _common_prefix(out)
            if shared and not fold(shared.replace("\\", "")).startswith(fold(incomplete)):
                out.insert(0, typed)
        return "\n".join(out)


def _zsh_single(text: str) -> str:
    return "'" + text.replace("'", "'\\''") + "'"


class _TypedLine:
    """Zsh and fish pass the line as typed (_TYPER_COMPLETE_ARGS): its last
    word is read leniently, as for bash."""

    def get_completion_args(self) -> tuple[list[str], str]:
        args, incomplete = super().get_completion_args()  # type: ignore[misc]
        line = os.environ.get("_TYPER_COMPLETE_ARGS", "")
        raw = "" if line.endswith(" ") else (line.split() or [""])[-1]
        if raw and len(line.split()) > 1:
            incomplete = _lenient(raw, incomplete)
        return args, incomplete


class NetlogFish(_TypedLine, FishComplete):
    """Fish: typer's format (one raw value a line; fish quotes on insertion)."""


class NetlogZsh(_TypedLine, ZshComplete):
    """Zsh: typer's script evaluates our output. Values from netlog's completers
    go to ``compadd -U`` (zsh inserts them quoted itself and does not re-filter
    them by a case-sensitive prefix), single-quoted for that evaluation so an
    apostrophe survives. Commands and options keep typer's format."""

    def complete(self) -> str:
        args, incomplete = self.get_completion_args()
        items = self.get_completions(args, incomplete)
        if items and all(isinstance(item.value, Candidate) for item in items):
            return "compadd -U -- " + " ".join(_zsh_single(str(i.value)) for i in items)
        return super().complete()


def register_shells() -> None:
    """Put netlog's bash and zsh formats in place of typer's (call after typer
    has built the command, which registers its own)."""
    add_completion_class(NetlogBash, "bash")
    add_completion_class(NetlogZsh, "zsh")
    add_completion_class(NetlogFish, "fish")
