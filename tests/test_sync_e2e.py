"""netlog sync through the real chain: netlog -> vdir -> vdirsyncer -> a
Radicale server on 127.0.0.1 -> vdirsyncer -> the phone's vdir, read there by
khard and todoman; then changes made on the phone travel back, and a conflict
is reported. Two vdirsyncer setups, "this laptop" and "the phone", each with its
own status folder, as on two devices. Nothing leaves the loopback address."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import vobject

from conftest import query

BIN = Path(sys.executable).parent
# Loopback only: no proxy may stand between the tools and the server.
ENV = {k: v for k, v in os.environ.items() if not k.lower().endswith("_proxy")}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def server(tmp_path: Path) -> Iterator[str]:
    """A Radicale server on a free loopback port with its own storage; stopped after."""
    port = _free_port()
    config = tmp_path / "radicale.conf"
    config.write_text(
        "[server]\n"
        f"hosts = 127.0.0.1:{port}\n"
        "[auth]\ntype = none\n"
        f"[storage]\nfilesystem_folder = {tmp_path / 'server-storage'}\n"
        "[logging]\nlevel = warning\n"
    )
    log = (tmp_path / "radicale.log").open("w")
    proc = subprocess.Popen(
        [sys.executable, "-m", "radicale", "--config", str(config)],
        stdout=log, stderr=log, env=ENV,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                urllib.request.build_opener(urllib.request.ProxyHandler({})).open(url, timeout=1)
                break
            except urllib.error.HTTPError:
                break  # it answers
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError((tmp_path / "radicale.log").read_text()) from None
                time.sleep(0.1)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()


@dataclass
class Device:
    """One machine's vdirsyncer setup: an address book and a task list, synced
    with the server."""

    root: Path
    config: Path

    @property
    def contacts(self) -> Path:
        return self.root / "contacts" / "addressbook"

    @property
    def tasks(self) -> Path:
        return self.root / "tasks" / "reminders"

    def vdirsyncer(self, *args: str) -> str:
        done = subprocess.run(
            [str(BIN / "vdirsyncer"), "-c", str(self.config), *args],
            input="y\n" * 10, capture_output=True, text=True, timeout=60, env=ENV,
        )  # fmt: skip
        assert done.returncode == 0, done.stdout + done.stderr
        return done.stdout + done.stderr


def device(tmp_path: Path, name: str, url: str, create: bool) -> Device:
    root = tmp_path / name
    d = Device(root, tmp_path / f"{name}.vdirsyncer")
    for folder in (d.contacts, d.tasks):
        folder.mkdir(parents=True) if create else folder.parent.mkdir(parents=True)
    d.config.write_text(
        f'[general]\nstatus_path = "{root / "status"}/"\n\n'
        '[pair contacts]\na = "local_contacts"\nb = "server_contacts"\n'
        'collections = ["from a", "from b"]\n\n'
        f'[storage local_contacts]\ntype = "filesystem"\npath = "{root / "contacts"}/"\n'
        'fileext = ".vcf"\n\n'
        f'[storage server_contacts]\ntype = "carddav"\nurl = "{url}"\n'
        'username = "me"\npassword = "test"\n\n'
        '[pair tasks]\na = "local_tasks"\nb = "server_tasks"\n'
        'collections = ["from a", "from b"]\n\n'
        f'[storage local_tasks]\ntype = "filesystem"\npath = "{root / "tasks"}/"\n'
        'fileext = ".ics"\n\n'
        f'[storage server_tasks]\ntype = "caldav"\nurl = "{url}"\n'
        'username = "me"\npassword = "test"\nitem_types = ["VTODO"]\n'
    )
    return d


def khard(phone: Device, tmp_path: Path, *args: str) -> str:
    config = tmp_path / "khard.conf"
    config.write_text(
        f"[addressbooks]\n[[phone]]\npath = {phone.contacts}/\n"
        "[general]\ndefault_action = list\neditor = /bin/false\nmerge_editor = /bin/false\n"
    )
    done = subprocess.run(
        [str(BIN / "khard"), "-c", str(config), *args],
        capture_output=True, text=True, timeout=60, env=ENV,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    return done.stdout


def todoman(phone: Device, tmp_path: Path, *args: str) -> str:
    config = tmp_path / "todoman_config.py"
    config.write_text(
        f'path = "{phone.root / "tasks"}/*"\ndate_format = "%Y-%m-%d"\n'
        f'default_list = "reminders"\ncache_path = "{tmp_path / "todoman.cache"}"\n'
    )
    done = subprocess.run(
        [str(BIN / "todo"), "-c", str(config), *args],
        capture_output=True, text=True, timeout=60, env=ENV,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_contacts_and_reminders_travel_to_the_phone_and_back(cli, tmp_path, server, db_path):
    laptop = device(tmp_path, "laptop", server, create=True)
    phone = device(tmp_path, "phone", server, create=False)

    def netlog_sync(*extra: str) -> str:
        result = cli(
            "sync", "--contacts", str(laptop.contacts), "--tasks", str(laptop.tasks), *extra
        )
        assert result.exit_code == 0, result.stderr
        return result.stdout

    cli("add", "Ada Lovelace", "--company", "Analytical", "--email", "ada@example.com",
        "--on", "2026-09-25", "--every", "3w")  # fmt: skip
    cli("log", "ada", "coffee about Rust", "--on", "2026-11-20", "--follow-up", "2026-11-27")
    netlog_sync()
    laptop.vdirsyncer("discover")
    laptop.vdirsyncer("sync")
    phone.vdirsyncer("discover")
    phone.vdirsyncer("sync")

    # On the phone, khard reads the contact and todoman the reminders.
    assert "Ada Lovelace" in khard(phone, tmp_path, "list", "--parsable")
    assert "ada@example.com" in khard(phone, tmp_path, "email", "--parsable")
    todos = json.loads(todoman(phone, tmp_path, "--porcelain", "list"))
    by_summary = {t["summary"]: t for t in todos}
    assert set(by_summary) == {"Follow up with Ada Lovelace", "Check in with Ada Lovelace"}
    assert "f1" in by_summary["Follow up with Ada Lovelace"]["description"]

    # On the phone: a new number for Ada, and the follow-up done (with todoman).
    card_path = next(phone.contacts.glob("*.vcf"))
    text = card_path.read_text().replace("END:VCARD", "TEL;TYPE=cell:+44 7700 900123\r\nEND:VCARD")
    card_path.write_bytes(text.encode())
    todoman(phone, tmp_path, "done", str(by_summary["Follow up with Ada Lovelace"]["id"]))
    phone.vdirsyncer("sync")
    laptop.vdirsyncer("sync")
    report = netlog_sync()
    assert "Ada Lovelace: phone from the folder" in report
    assert "f1 · Follow up with Ada Lovelace: done in netlog" in report
    assert "+44 7700 900123" in cli("show", "ada").stdout
    assert query(db_path, "SELECT done_at IS NOT NULL FROM followup") == [(1,)]

    # The company changed on both sides: a conflict, netlog's value kept everywhere.
    text = card_path.read_text().replace("ORG:Analytical", "ORG:Difference Engines")
    card_path.write_bytes(text.encode())
    phone.vdirsyncer("sync")
    cli("edit", "ada", "--company", "Analytical Engines")
    laptop.vdirsyncer("sync")
    report = netlog_sync()
    assert "! conflict · Ada Lovelace · company: netlog 'Analytical Engines'" in report
    assert "folder 'Difference Engines'" in report
    laptop.vdirsyncer("sync")
    phone.vdirsyncer("sync")
    card = vobject.readOne(next(phone.contacts.glob("*.vcf")).read_text())
    assert card.org.value == ["Analytical Engines"]
    assert [t.value for t in card.contents["tel"]] == ["+44 7700 900123"]
