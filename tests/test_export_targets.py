"""``netlog export -o PATH`` writes what PATH is: a regular file atomically (the
file a symbolic link points to, in its own folder), a pipe or a device as a
stream, and refuses a folder; errors name the real target."""

from __future__ import annotations

import json
import os
import stat
import threading

from conftest import snapshot
from netlog import files


def refused(run) -> str:
    """Exit 1, nothing on stdout, one ``Error:`` line on stderr, no traceback."""
    assert run.exit_code == 1, (run.stdout, run.stderr)
    assert run.stdout == ""
    lines = run.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), run.stderr
    assert "Traceback" not in run.stderr
    return lines[0]


def no_partials(folder) -> bool:
    return not [p for p in folder.iterdir() if files.is_partial(p)]


def test_a_folder_is_refused_with_a_clear_message(cli, ada, db_path, tmp_path):
    folder = tmp_path / "exports"
    folder.mkdir()
    before = snapshot(db_path)
    error = refused(cli("export", "--format", "json", "-o", str(folder)))
    assert error == (
        f"Error: {folder} is a folder, not a file — give a file name in it, "
        f"e.g. -o {folder / 'netlog.json'}"
    )
    assert list(folder.iterdir()) == []
    link = tmp_path / "to-folder"
    link.symlink_to(folder)
    error = refused(cli("export", "--format", "csv", "-o", str(link)))
    assert f"{folder} (where {link} points) is a folder" in error
    assert snapshot(db_path) == before


def test_a_fifo_is_written_as_a_stream_not_replaced(cli, ada, tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []

    def reader() -> None:
        with open(fifo, "rb") as handle:
            received.append(handle.read())

    thread = threading.Thread(target=reader, daemon=True)
    thread.start()
    result = cli("export", "--format", "json", "-o", str(fifo))
    thread.join(timeout=30)
    assert result.exit_code == 0, result.stderr
    assert result.stderr == f"Wrote {fifo}\n"
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)  # still the pipe, not a file in its place
    assert json.loads(received[0])["tables"]["contact"][0]["name"] == "Ada Lovelace"
    assert no_partials(tmp_path)


def test_character_devices_and_stdout_are_streams(cli, ada, tmp_path):
    assert cli("export", "--format", "csv", "-o", os.devnull).exit_code == 0
    assert stat.S_ISCHR(os.stat(os.devnull).st_mode)
    for name in ("-", "/dev/stdout"):
        result = cli("export", "--format", "csv", "-o", name)
        assert result.exit_code == 0, result.stderr
        assert result.stdout.startswith("id,name,") and "Ada Lovelace" in result.stdout
        assert result.stderr == ""
    assert not (tmp_path / "-").exists()


def test_a_symlink_is_followed_and_the_real_file_replaced_atomically(cli, ada, tmp_path):
    real_folder = tmp_path / "data"
    real_folder.mkdir()
    real = real_folder / "network.csv"
    real.write_text("old contents\n")
    old_inode = real.stat().st_ino
    link = tmp_path / "latest.csv"
    link.symlink_to(real)
    result = cli("export", "--format", "csv", "-o", str(link))
    assert result.exit_code == 0, result.stderr
    assert result.stderr == f"Wrote {real} (where {link} points)\n"
    assert link.is_symlink() and os.readlink(link) == str(real)  # the link stays a link
    assert "Ada Lovelace" in real.read_text()
    assert real.stat().st_ino != old_inode  # renamed into place, not rewritten in place
    assert stat.S_IMODE(real.stat().st_mode) == 0o600
    assert no_partials(real_folder) and no_partials(tmp_path)
    # A link to a file that does not exist yet creates that file.
    dangling = tmp_path / "next.csv"
    dangling.symlink_to(real_folder / "fresh.csv")
    assert cli("export", "--format", "csv", "-o", str(dangling)).exit_code == 0
    assert "Ada Lovelace" in (real_folder / "fresh.csv").read_text()


def test_errors_name_the_real_target(cli, ada, tmp_path):
    link = tmp_path / "out.csv"
    missing = tmp_path / "gone" / "out.csv"
    link.symlink_to(missing)
    error = refused(cli("export", "--format", "csv", "-o", str(link)))
    assert error == (
        f"Error: cannot write {missing} (where {link} points): the folder {missing.parent} "
        "does not exist — create it first, or choose another -o path"
    )
    loop = tmp_path / "loop"
    loop.symlink_to(loop)
    error = refused(cli("export", "--format", "csv", "-o", str(loop)))
    assert error == f"Error: {loop} is a loop of symbolic links — choose another -o path"


def test_an_unwritable_folder_names_the_real_target(unprivileged):
    folder = unprivileged.folder
    path = folder / "n.db"
    assert unprivileged.run("--db", str(path), "add", "Ada Lovelace").exit_code == 0
    locked = folder / "locked"
    locked.mkdir()
    link = folder / "out.csv"
    link.symlink_to(locked / "out.csv")
    unprivileged.own(locked, link)
    locked.chmod(0o500)
    result = unprivileged.run("--db", str(path), "export", "--format", "csv", "-o", str(link))
    locked.chmod(0o700)
    error = refused(result)
    assert error.startswith(f"Error: cannot write {locked / 'out.csv'} (where {link} points)")


def test_an_interrupted_export_leaves_the_old_file_whole(cli, ada, tmp_path, monkeypatch):
    target = tmp_path / "network.json"
    target.write_text('{"the": "previous export"}')

    def fail(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", fail)
    error = refused(cli("export", "--format", "json", "-o", str(target)))
    assert error.startswith(f"Error: cannot write {target} (No space left on device)")
    assert target.read_text() == '{"the": "previous export"}'
    assert no_partials(tmp_path)


def test_a_socket_or_other_special_file_is_refused(cli, ada, tmp_path):
    import socket

    path = tmp_path / "sock"
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        server.bind(str(path))
        error = refused(cli("export", "--format", "csv", "-o", str(path)))
    finally:
        server.close()
    assert error.startswith(f"Error: {path} is not a regular file, a pipe or a terminal")


def test_an_export_cleans_up_what_a_killed_export_left(cli, ada, tmp_path):
    import time

    left = tmp_path / ".network.csv.partial-k1ll3d00"
    left.write_text("half an export")
    recent = tmp_path / ".network.csv.partial-running1"
    recent.write_text("another export, still being written")
    old = time.time() - 2 * files.STALE_SECONDS
    os.utime(left, (old, old))
    assert cli("export", "--format", "csv", "-o", str(tmp_path / "network.csv")).exit_code == 0
    assert not left.exists() and recent.exists()
