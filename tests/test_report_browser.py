"""netlog report in a real browser: Debian's chromium, headless, driven by
playwright. The page must work offline: no request but the page itself, no
console errors, the expected heatmap cells and graph nodes, and stored markup
shown as text. The README's test line installs chromium where it is missing."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from conftest import TODAY

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip
HEATMAP_CELLS = 365


@dataclass
class Loaded:
    page: Any
    url: str
    requests: list[str] = field(default_factory=list)
    console: list[tuple[str, str]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def check_offline_and_clean(self) -> None:
        assert self.requests == [self.url], self.requests  # nothing but the page itself
        assert [m for m in self.console if m[0] in ("error", "warning")] == []
        assert self.errors == [] and self.dialogs == []


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not Path(CHROMIUM).exists():
        pytest.fail(
            "chromium is not installed: the README's test line installs it "
            "(apt-get install -y chromium)"
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        yield playwright


@pytest.fixture
def load(browser: Any, tmp_path: Path) -> Iterator[Any]:
    contexts = []

    def open_page(path: Path) -> Loaded:
        profile = tmp_path / f"profile-{len(contexts)}"
        profile.mkdir()
        context = browser.chromium.launch_persistent_context(
            str(profile), executable_path=CHROMIUM, args=ARGS, headless=True,
            viewport={"width": 1040, "height": 900}, offline=True,
        )  # fmt: skip
        contexts.append(context)
        page = context.new_page()
        loaded = Loaded(page, path.resolve().as_uri())
        page.on("request", lambda r: loaded.requests.append(r.url))
        page.on("console", lambda m: loaded.console.append((m.type, m.text)))
        page.on("pageerror", lambda e: loaded.errors.append(str(e)))
        page.on("dialog", lambda d: (loaded.dialogs.append(d.message), d.dismiss()))
        page.goto(loaded.url, wait_until="load")
        page.wait_for_timeout(200)  # anything late (a lazy request) would show by now
        return loaded

    yield open_page
    for context in contexts:
        context.close()


def _report(db: Path, out: Path) -> Path:
    env = {**os.environ, "NETLOG_TODAY": TODAY.isoformat()}
    subprocess.run(
        [sys.executable, "-m", "netlog", "--db", str(db), "report", "-o", str(out)],
        check=True, env=env, capture_output=True,
    )  # fmt: skip
    return out


def _counts(loaded: Loaded) -> tuple[int, int, int]:
    page = loaded.page
    return (
        page.locator("svg.heatmap rect.day").count(),
        page.locator("svg.graph circle.node").count(),
        page.locator("svg.graph line.edge").count(),
    )


def test_the_example_network_s_report_in_chromium(load, tmp_path):
    db = tmp_path / "example.db"
    env = {**os.environ, "NETLOG_TODAY": TODAY.isoformat()}
    subprocess.run(
        [sys.executable, str(ROOT / "examples" / "build_network.py"), str(db)],
        check=True, env=env, capture_output=True,
    )  # fmt: skip
    loaded = load(_report(db, tmp_path / "example.html"))
    loaded.check_offline_and_clean()
    cells, nodes, edges = _counts(loaded)
    assert (cells, nodes) == (HEATMAP_CELLS, 12)  # the example's twelve people
    assert edges >= 3  # Grace introduced Alan, Ada introduced Tim, Alan ↔ Katherine...
    assert loaded.page.locator("svg.graph circle.you").count() == 1
    assert "left out" not in loaded.page.locator("#network-note").inner_text()
    shot = Path(os.environ.get("NETLOG_REPORT_SCREENSHOT", tmp_path / "example.png"))
    loaded.page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 20_000  # a picture, not a blank page


def test_a_2000_contact_network_shows_the_most_connected_300(load, tmp_path):
    db = tmp_path / "big.db"
    subprocess.run(
        [sys.executable, str(ROOT / "bench" / "generate.py"), "--contacts", "2000",
         "--interactions", "20000", "--db", str(db), "--today", TODAY.isoformat()],
        check=True, capture_output=True,
    )  # fmt: skip
    env = {**os.environ, "NETLOG_TODAY": TODAY.isoformat(), "NETLOG_DB": str(db)}
    for a, b in [(1, 2), (3, 4), (5, 6), (7, 8), (1, 9)]:
        subprocess.run(
            [sys.executable, "-m", "netlog", "intro", f"#{a}", f"#{b}"],
            check=True, env=env, capture_output=True,
        )  # fmt: skip
    loaded = load(_report(db, tmp_path / "big.html"))
    loaded.check_offline_and_clean()
    cells, nodes, edges = _counts(loaded)
    assert (cells, nodes, edges) == (HEATMAP_CELLS, 300, 5)
    note = loaded.page.locator("#network-note").inner_text()
    assert "The 300 most connected are shown; 1,700 people are left out." in note
    loaded.page.screenshot(path=str(tmp_path / "big.png"), full_page=True)


HOSTILE = "<script>alert('x')</script> \"Bobby\" 'Tables' & <img src=x onerror=alert(1)>"


def test_a_name_with_markup_is_shown_as_text(load, tmp_path, cli, db_path):
    assert cli("add", HOSTILE, "--company", "<b>Evil</b> & Co", "--tag", "x").exit_code == 0
    cli("log", "#1", "call", "--kind", "call", "--got", "<i>a favour</i>")
    loaded = load(_report(db_path, tmp_path / "hostile.html"))
    loaded.check_offline_and_clean()  # no alert, no request for "x"
    page = loaded.page
    assert page.locator("script").count() == 0
    assert page.locator("img").count() == 0
    assert page.locator("b").count() == 0
    assert page.locator("svg.graph text.label").first.text_content() == HOSTILE
    assert page.locator("svg.graph circle.node title").first.text_content() == (
        f"{HOSTILE} — strength "
        + page.locator("svg.graph circle.node").first.get_attribute("data-strength")
        + " · <b>Evil</b> & Co"
    )
    assert HOSTILE in page.locator("svg.give-take").text_content()
    assert "<b>Evil</b> & Co" in page.locator(".legend").inner_text()
