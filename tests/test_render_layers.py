"""The presentation layer's rules, read from the source (an AST walk of every
import and call, including those inside functions and ``TYPE_CHECKING``):

* only ``netlog.render.terminal`` imports rich;
* only ``netlog.render.views`` words dates (imports ``netlog.dates`` or uses
  its describers): plain text, JSON, the terminal and the HTML page render
  the views' words and never compute their own;
* the views, plain text, JSON and the HTML page write nothing (no ``sys``,
  ``io`` or ``os``, no ``print`` or ``open``): ``output`` and the terminal's
  console are the only way out.

The last tests feed the checks a module that breaks each rule, so a check
that stopped seeing anything would fail too.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "netlog"
RENDER = SRC / "render"
# The describers of netlog.dates: a module using one words a date itself.
DATE_WORDS = {"relative_days", "lateness", "span", "describe_cadence"}
WRITING_MODULES = {"sys", "io", "os", "subprocess", "rich"}
WRITING_CALLS = {"print", "open", "input"}


def _module(path: Path) -> str:
    rel = path.relative_to(SRC.parent).with_suffix("")
    parts = rel.parts[:-1] if rel.name == "__init__" else rel.parts
    return ".".join(parts)


def _imports(tree: ast.AST, module: str) -> set[str]:
    """Every module ``tree`` imports, dotted (``from netlog import dates`` is
    ``netlog.dates``; relative imports resolved against ``module``)."""
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                package = module.split(".")[: -node.level]
                base = ".".join([*package, base] if base else package)
            names.add(base)
            names.update(f"{base}.{alias.name}" for alias in node.names)
    return names


def _uses(tree: ast.AST) -> set[str]:
    """Every name ``tree`` imports, reads or calls (``x``, ``m.x``: ``x``)."""
    used: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Name):
            used.add(node.id)
        elif isinstance(node, ast.Attribute):
            used.add(node.attr)
        elif isinstance(node, ast.alias):
            used.add(node.name.rsplit(".", 1)[-1])
    return used


def _calls(tree: ast.AST) -> set[str]:
    return {
        node.func.id
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
    }


def _within(names: set[str], prefix: str) -> bool:
    return any(n == prefix or n.startswith(prefix + ".") for n in names)


def problems(source: str, module: str) -> list[str]:
    """What ``source``, the text of ``module``, does against the rules."""
    tree = ast.parse(source)
    imported = _imports(tree, module)
    found = []
    if _within(imported, "rich") and module != "netlog.render.terminal":
        found.append("imports rich")
    if module.startswith("netlog.render") and module != "netlog.render.views":
        if _within(imported, "netlog.dates"):
            found.append("imports netlog.dates")
        if worded := sorted(_uses(tree) & DATE_WORDS):
            found.append(f"words dates itself ({', '.join(worded)})")
    if module in ("netlog.render.views", "netlog.render.plain", "netlog.render.json",
                  "netlog.render.html"):  # fmt: skip
        if writers := sorted(m for m in WRITING_MODULES if _within(imported, m)):
            found.append(f"imports {', '.join(writers)}")
        if calls := sorted(_calls(tree) & WRITING_CALLS):
            found.append(f"calls {', '.join(calls)}")
    return found


def _sources() -> list[Path]:
    return sorted(SRC.rglob("*.py"))


def test_the_render_package_has_a_module_per_medium():
    assert {p.stem for p in RENDER.glob("*.py")} == {
        "__init__", "views", "output", "plain", "terminal", "json", "html",
    }  # fmt: skip


@pytest.mark.parametrize("path", _sources(), ids=lambda p: _module(p))
def test_every_module_keeps_the_presentation_rules(path):
    assert problems(path.read_text(), _module(path)) == []


def test_views_word_dates_and_the_terminal_imports_rich():
    """The rules hold because the work is where they say, not because nobody does it."""
    views = _imports(ast.parse((RENDER / "views.py").read_text()), "netlog.render.views")
    assert _within(views, "netlog.dates")
    terminal = _imports(ast.parse((RENDER / "terminal.py").read_text()), "netlog.render.terminal")
    assert _within(terminal, "rich")


@pytest.mark.parametrize(
    ("module", "source", "problem"),
    [
        ("netlog.services", "import rich.console", "imports rich"),
        ("netlog.render.output", "def f():\n    from rich.text import Text", "imports rich"),
        ("netlog.render.plain", "from netlog.dates import lateness", "imports netlog.dates"),
        ("netlog.render.terminal", "from netlog import dates", "imports netlog.dates"),
        ("netlog.render.html", "from .. import dates", "imports netlog.dates"),
        (
            "netlog.render.plain",
            "from netlog.render.views import relative_days",
            "words dates itself (relative_days)",
        ),
        ("netlog.render.json", "x = views.lateness(d, t)", "words dates itself (lateness)"),
        ("netlog.render.views", "import sys", "imports sys"),
        ("netlog.render.plain", "print('x')", "calls print"),
        ("netlog.render.html", "import io", "imports io"),
    ],
)
def test_the_checks_see_a_module_that_breaks_a_rule(module, source, problem):
    assert problem in problems(source, module)
