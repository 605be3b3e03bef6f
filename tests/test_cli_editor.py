"""Long text in an editor: `log`, `note` and `edit --note` open $VISUAL/$EDITOR
on a terminal (or with --edit), and `edit --note` asks before replacing a note.

End-to-end tests run netlog on a real pseudo-terminal with a fake editor: a
small Python script that records what it was given (its arguments, the file it
opened) and then writes a text, leaves the file as it is, or empties it.
"""

from __future__ import annotations

import json
import os
import shlex
import stat
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import on_a_terminal, query, snapshot
from netlog.cli import editor
from netlog.errors import EditorError

SCRIPT = """#!{python}
import json, os, stat, sys
from pathlib import Path

path = Path(sys.argv[-1])
template = path.read_text(encoding="utf-8")
seen = {{"argv": sys.argv[1:], "template": template, "mode": stat.S_IMODE(os.stat(path).st_mode)}}
Path({record!r}).write_text(json.dumps(seen), encoding="utf-8")
action, text = {action!r}, {text!r}
if action == "interrupt":  # Ctrl-C reaches netlog too, as from the terminal
    import signal, time

    os.kill(os.getppid(), signal.SIGINT)
    time.sleep(0.3)
    action = "write"
if action == "write":
    path.write_text(text, encoding="utf-8")
elif action == "prepend":
    path.write_text(text + template, encoding="utf-8")
elif action == "empty":
    path.write_text("", encoding="utf-8")
sys.exit({status})
"""


@dataclass
class FakeEditor:
    folder: Path

    def make(
        self, name: str = "editor", *, action: str = "write", text: str = "", status: int = 0
    ) -> Path:
        """An executable script ``name``: ``action`` is write (the file becomes
        ``text``), prepend (``text`` before the template), keep, empty, or
        interrupt (send netlog a SIGINT, then write)."""
        script = self.folder / name
        record = self.folder / f"{name}.seen.json"
        script.write_text(
            SCRIPT.format(
                python=sys.executable, record=str(record), action=action, text=text, status=status
            ),
            encoding="utf-8",
        )
        script.chmod(0o755)
        return script

    def seen(self, name: str = "editor") -> dict | None:
        """What the editor ``name`` was given, or None if it never ran."""
        record = self.folder / f"{name}.seen.json"
        return json.loads(record.read_text(encoding="utf-8")) if record.exists() else None


@pytest.fixture
def fake(tmp_path: Path) -> FakeEditor:
    folder = tmp_path / "editors here"  # a space: the command must be split like a shell's
    folder.mkdir()
    return FakeEditor(folder)


@pytest.fixture
def use_editor(fake, monkeypatch):
    """``use_editor(...)``: a fake editor as $EDITOR (or another variable)."""

    def use(variable: str = "EDITOR", **kwargs: object) -> Path:
        script = fake.make(**kwargs)  # type: ignore[arg-type]
        monkeypatch.setenv(variable, shlex.quote(str(script)))
        return script

    return use


def ok(result):
    assert result.exit_code == 0, (result.stdout, result.stderr)
    return result


def summaries(db_path: Path) -> list[tuple]:
    return query(db_path, "SELECT kind, summary FROM interaction ORDER BY id")


# ----- log


def test_log_without_summary_on_a_terminal_writes_it_in_the_editor(
    cli, db_path, ada, fake, use_editor
):
    written = "Coffee at the station.\n\nShe is hiring:\n  - data engineers\n  - an SRE\n"
    use_editor(text=written + "# a comment line of my own\n")
    code, screen = on_a_terminal(
        db_path, ["log", "ada", "--kind", "coffee", "--on", "yesterday", "--follow-up", "2w",
                  "--got", "resume advice"],
    )  # fmt: skip
    assert code == 0, screen
    assert "Logged for Ada Lovelace (#1)" in screen
    assert summaries(db_path)[-1] == ("coffee", written.rstrip("\n"))
    # The default todo quotes the summary's first line, not all of it.
    assert query(db_path, "SELECT due_on, todo FROM followup WHERE reason = 'follow-up'") == [
        ("2026-12-09", "Follow up on: Coffee at the station.")
    ]
    template = fake.seen()["template"]
    assert template.startswith("\n\n# ")  # an empty first area for the text
    assert "# What you talked about with Ada Lovelace (#1) on 2026-11-24 (yesterday)." in template
    for line in ("#   kind: coffee", "#   follow-up: 2026-12-09", "#   got: resume advice"):
        assert line in template.splitlines()
    assert "Lines starting with '#' are removed" in template
    assert "an empty text cancels (nothing is logged)." in template
    assert fake.seen()["mode"] == 0o600  # the temporary file is the owner's only


def test_log_off_a_terminal_without_summary_logs_without_one(cli, db_path, ada, use_editor):
    use_editor(text="never asked")
    result = ok(cli("log", "ada", "--kind", "call"))
    assert result.stdout.startswith("Logged for Ada Lovelace (#1)")
    assert summaries(db_path)[-1] == ("call", None)


def test_log_edit_starts_from_the_summary_given(cli, db_path, ada, fake, use_editor):
    use_editor(action="keep")
    code, screen = on_a_terminal(db_path, ["log", "ada", "draft of the call", "--edit"])
    assert code == 0, screen
    assert fake.seen()["template"].startswith("draft of the call\n\n# ")
    assert summaries(db_path)[-1] == ("other", "draft of the call")

    use_editor(action="prepend", text="Add a first line.\n")
    code, screen = on_a_terminal(db_path, ["log", "ada", "second draft", "-e"])
    assert code == 0, screen
    assert summaries(db_path)[-1] == ("other", "Add a first line.\nsecond draft")


@pytest.mark.parametrize(
    ("action", "text"),
    [
        ("empty", ""),  # the file emptied
        ("keep", ""),  # the template left as it was: only comments
        ("write", "   \n# just a comment\n\n\t\n"),  # whitespace and comments
    ],
)
def test_an_empty_text_cancels(cli, db_path, ada, fake, use_editor, action, text):
    use_editor(action=action, text=text)
    before = snapshot(db_path)
    code, screen = on_a_terminal(db_path, ["log", "ada", "--kind", "coffee"])
    assert code == 1, screen
    assert screen.strip() == "Cancelled: empty text; nothing was logged."
    assert fake.seen() is not None
    assert snapshot(db_path) == before


def test_an_empty_text_cancels_an_edit_that_started_from_text(cli, db_path, ada, use_editor):
    use_editor(action="empty")
    before = snapshot(db_path)
    code, screen = on_a_terminal(db_path, ["log", "ada", "a draft", "--edit"])
    assert (code, screen.strip()) == (1, "Cancelled: empty text; nothing was logged.")
    assert snapshot(db_path) == before


def test_visual_comes_before_editor(cli, db_path, ada, fake, monkeypatch):
    visual = fake.make("visual", text="written in VISUAL")
    other = fake.make("other", text="written in EDITOR")
    monkeypatch.setenv("VISUAL", shlex.quote(str(visual)))
    monkeypatch.setenv("EDITOR", shlex.quote(str(other)))
    code, screen = on_a_terminal(db_path, ["log", "ada"])
    assert code == 0, screen
    assert summaries(db_path)[-1] == ("other", "written in VISUAL")
    assert fake.seen("other") is None
    # An empty VISUAL counts as unset.
    monkeypatch.setenv("VISUAL", "")
    code, screen = on_a_terminal(db_path, ["log", "ada"])
    assert code == 0, screen
    assert summaries(db_path)[-1] == ("other", "written in EDITOR")


def test_an_editor_command_with_arguments_is_split_like_a_shell(
    cli, db_path, ada, fake, monkeypatch
):
    script = fake.make("my editor", text="with arguments")
    monkeypatch.setenv("EDITOR", f"'{script}' --wait -c 'set tw=72'")
    code, screen = on_a_terminal(db_path, ["log", "ada"])
    assert code == 0, screen
    argv = fake.seen("my editor")["argv"]
    assert argv[:3] == ["--wait", "-c", "set tw=72"]
    assert len(argv) == 4 and Path(argv[3]).name.startswith("netlog-")
    assert not Path(argv[3]).exists()  # the temporary file is gone
    assert summaries(db_path)[-1] == ("other", "with arguments")


def test_an_editor_that_cannot_start_is_one_clear_error(cli, db_path, ada, tmp_path, monkeypatch):
    before = snapshot(db_path)
    monkeypatch.setenv("EDITOR", f"{tmp_path}/no-such-editor --wait")
    code, screen = on_a_terminal(db_path, ["log", "ada"])
    assert code == 1, screen
    assert screen.strip() == (
        f"Error: cannot start the editor '{tmp_path}/no-such-editor' ($EDITOR): No such file "
        "or directory — set VISUAL or EDITOR to the editor you use, e.g. export EDITOR=nano"
    )
    # Neither set, and no vi to fall back on.
    monkeypatch.delenv("EDITOR")
    empty = tmp_path / "empty-path"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    code, screen = on_a_terminal(db_path, ["note", "ada"])
    assert code == 1, screen
    assert screen.strip() == (
        "Error: cannot start the editor 'vi' (the default: neither VISUAL nor EDITOR is set): "
        "No such file or directory — set VISUAL or EDITOR to the editor you use, "
        "e.g. export EDITOR=nano"
    )
    assert snapshot(db_path) == before


def test_ctrl_c_in_the_editor_belongs_to_the_editor(cli, db_path, ada, use_editor):
    """vi users press Ctrl-C in the editor; netlog must not die of it (git neither)."""
    use_editor(action="interrupt", text="still logged")
    code, screen = on_a_terminal(db_path, ["log", "ada"])
    assert code == 0, screen
    assert "Interrupted" not in screen
    assert summaries(db_path)[-1] == ("other", "still logged")


def test_an_editor_that_fails_changes_nothing(cli, db_path, ada, use_editor):
    use_editor(text="written, then :cq", status=1)
    before = snapshot(db_path)
    code, screen = on_a_terminal(db_path, ["log", "ada"])
    assert code == 1, screen
    assert "Error: the editor" in screen and "($EDITOR) exited with status 1" in screen
    assert snapshot(db_path) == before


def test_bad_options_are_reported_before_the_editor_opens(cli, db_path, ada, fake, use_editor):
    use_editor(text="typed for nothing")
    before = snapshot(db_path)
    for args, message in [
        (["log", "ada", "--on", "tomorrow"], "--on 2026-11-26 is in the future"),
        (["log", "ada", "--todo", "call"], "--todo needs --follow-up"),
        (["log", "ada", "--kind", "brunch"], "unknown kind 'brunch'"),
        (["log", "zed"], "no contact matches 'zed'"),
        (["note", "ada", "--on", "tomorrow"], "is in the future"),
        (["edit", "ada", "--edit", "--every", "0d"], "'0d' is not a positive duration"),
    ]:
        code, screen = on_a_terminal(db_path, args)
        assert code == 1, (args, screen)
        assert message in screen, (args, screen)
        assert fake.seen() is None, args
    assert snapshot(db_path) == before


def test_edit_off_a_terminal_is_an_error_with_a_hint(cli, db_path, ada, fake, use_editor):
    use_editor(text="never")
    before = snapshot(db_path)
    for args, example in [
        (["log", "ada", "draft", "--edit"], 'netlog log ada "what you talked about"'),
        (["note", "ada", "--edit"], 'netlog note ada "training for the Berlin marathon"'),
        (["edit", "ada", "--edit"], "netlog edit ada --note 'likes Rust and sailing'"),
    ]:
        result = cli(*args)
        assert result.exit_code == 1, args
        assert result.stderr == (
            "Error: --edit needs a terminal to open your editor on — give the text as an "
            f"argument instead, e.g. {example}\n"
        )
    assert fake.seen() is None
    assert snapshot(db_path) == before


# ----- note


def test_note_without_text_on_a_terminal_opens_the_editor(cli, db_path, ada, fake, use_editor):
    use_editor(text="Training for the Berlin marathon.\nAsk how the long runs go.\n")
    code, screen = on_a_terminal(db_path, ["note", "ada", "--on", "2026-11-20"])
    assert code == 0, screen
    assert (
        "Noted for Ada Lovelace (#1): Training for the Berlin marathon. Ask how the long runs go."
        in screen
    )
    assert query(db_path, "SELECT noted_on, text FROM life_note") == [
        ("2026-11-20", "Training for the Berlin marathon.\nAsk how the long runs go.")
    ]
    template = fake.seen()["template"]
    assert "Ada Lovelace (#1), noted on 2026-11-20 (5 days ago)." in template
    assert "an empty text cancels (nothing is logged)." in template


def test_note_edit_prefills_and_empty_cancels(cli, db_path, ada, fake, use_editor):
    use_editor(action="keep")
    code, screen = on_a_terminal(db_path, ["note", "ada", "moving to Lisbon", "--edit"])
    assert code == 0, screen
    assert fake.seen()["template"].startswith("moving to Lisbon\n\n#")
    use_editor(action="empty")
    before = snapshot(db_path)
    code, screen = on_a_terminal(db_path, ["note", "ada"])
    assert (code, screen.strip()) == (1, "Cancelled: empty text; nothing was logged.")
    assert snapshot(db_path) == before
    assert query(db_path, "SELECT text FROM life_note") == [("moving to Lisbon",)]


def test_note_without_text_off_a_terminal_is_a_usage_error(cli, db_path, ada):
    before = snapshot(db_path)
    result = cli("note", "ada")
    assert result.exit_code == 2
    assert "Missing argument 'TEXT'" in result.stderr
    assert "leave it out to write it in your editor" in result.stderr
    assert snapshot(db_path) == before


def test_a_multi_line_note_given_as_an_argument_is_kept_as_written(cli, db_path, ada):
    ok(cli("note", "ada", "  training for\n  - the Berlin marathon  \n\n"))
    assert query(db_path, "SELECT text FROM life_note") == [
        ("training for\n  - the Berlin marathon",)
    ]


# ----- edit --note, --append-note


@pytest.fixture
def with_note(cli, ada):
    ok(cli("edit", "ada", "--note", "met at PyCon; likes Rust\nand sailing"))


def note_of(db_path: Path) -> str | None:
    return query(db_path, "SELECT note FROM contact WHERE id = 1")[0][0]


def test_edit_note_asks_before_replacing_and_no_changes_nothing(cli, db_path, with_note):
    before = snapshot(db_path)
    code, screen = on_a_terminal(
        db_path, ["edit", "ada", "--note", "new note", "--title", "CEO"], [(b"[y/N]", b"n\n")]
    )
    assert code == 1, screen
    assert (
        "Replace the note on Ada Lovelace (#1), which starts “met at PyCon; likes Rust and "
        "sailing”? [y/N]" in screen
    )
    assert "Kept the note; nothing changed. To add to it: --append-note TEXT" in screen
    assert snapshot(db_path) == before


def test_edit_note_replaces_when_you_say_yes(cli, db_path, with_note):
    code, screen = on_a_terminal(
        db_path, ["edit", "ada", "--note", "new note"], [(b"[y/N]", b"y\n")]
    )
    assert code == 0, screen
    assert "Updated Ada Lovelace (#1)" in screen
    assert note_of(db_path) == "new note"


def test_edit_note_asks_nothing_when_there_is_nothing_to_lose(cli, db_path, ada):
    code, screen = on_a_terminal(db_path, ["edit", "ada", "--note", "first note"])
    assert (code, "[y/N]" in screen) == (0, False), screen
    code, screen = on_a_terminal(db_path, ["edit", "ada", "--note", "first note"])  # the same
    assert (code, "[y/N]" in screen) == (0, False), screen
    assert note_of(db_path) == "first note"


def test_clearing_a_note_on_a_terminal_asks_too(cli, db_path, with_note):
    code, screen = on_a_terminal(db_path, ["edit", "ada", "--note", ""], [(b"[y/N]", b"y\n")])
    assert code == 0, screen
    assert "Clear the note on Ada Lovelace (#1), which starts “met at PyCon" in screen
    assert note_of(db_path) is None


def test_edit_note_off_a_terminal_replaces_without_asking(cli, db_path, with_note):
    ok(cli("edit", "ada", "--note", "replaced"))
    assert note_of(db_path) == "replaced"


def test_append_note_adds_a_paragraph(cli, db_path, with_note):
    ok(cli("edit", "ada", "--append-note", "  moved to Lisbon in 2026 "))
    assert note_of(db_path) == "met at PyCon; likes Rust\nand sailing\n\nmoved to Lisbon in 2026"
    # On a terminal nothing is asked: nothing is lost.
    code, screen = on_a_terminal(db_path, ["edit", "ada", "--append-note", "has a dog"])
    assert (code, "[y/N]" in screen) == (0, False), screen
    assert note_of(db_path).endswith("Lisbon in 2026\n\nhas a dog")


def test_append_note_to_no_note_is_the_note(cli, db_path, ada):
    ok(cli("edit", "ada", "--append-note", "likes Rust"))
    assert note_of(db_path) == "likes Rust"


def test_note_and_append_note_together_is_an_error(cli, db_path, with_note):
    before = snapshot(db_path)
    for args, message in [
        (["--note", "a", "--append-note", "b"], "--note and --append-note cannot be used together"),
        (["--append-note", " "], "--append-note needs some text"),
    ]:
        result = cli("edit", "ada", *args)
        assert result.exit_code == 1, args
        assert message in result.stderr and result.stderr.count("\n") == 1
    assert snapshot(db_path) == before


def test_edit_opens_the_current_note(cli, db_path, with_note, fake, use_editor):
    use_editor(action="prepend", text="now at Acme\n\n")
    code, screen = on_a_terminal(db_path, ["edit", "ada", "--edit"])
    assert code == 0, screen
    assert fake.seen()["template"].startswith("met at PyCon; likes Rust\nand sailing\n\n#")
    assert note_of(db_path) == "now at Acme\n\nmet at PyCon; likes Rust\nand sailing"


def test_edit_with_append_note_opens_the_note_with_it_appended(
    cli, db_path, with_note, fake, use_editor
):
    use_editor(action="keep")
    code, screen = on_a_terminal(db_path, ["edit", "ada", "--append-note", "has a dog", "-e"])
    assert code == 0, screen
    assert note_of(db_path) == "met at PyCon; likes Rust\nand sailing\n\nhas a dog"


def test_edit_with_note_and_edit_starts_from_it_and_shows_the_current_one(
    cli, db_path, with_note, fake, use_editor
):
    use_editor(action="keep")
    code, screen = on_a_terminal(db_path, ["edit", "ada", "--note", "fresh start", "--edit"])
    assert (code, "[y/N]" in screen) == (0, False), screen
    template = fake.seen()["template"]
    assert template.startswith("fresh start\n\n#")
    assert "# The current note starts “met at PyCon; likes Rust and sailing”." in template
    assert note_of(db_path) == "fresh start"


def test_an_emptied_note_in_the_editor_cancels_rather_than_clears(
    cli, db_path, with_note, use_editor
):
    use_editor(action="empty")
    before = snapshot(db_path)
    code, screen = on_a_terminal(db_path, ["edit", "ada", "--edit", "--title", "CEO"])
    assert (code, screen.strip()) == (1, "Cancelled: empty text; nothing was changed.")
    assert snapshot(db_path) == before


# ----- how multi-line text is shown


def test_show_and_due_render_multi_line_text(cli, db_path, ada):
    ok(cli("edit", "ada", "--note", "line one\nline two\n\nsecond paragraph"))
    ok(cli("log", "ada", "Coffee.\nShe is hiring:\n  - data engineers", "--kind", "coffee",
           "--on", "2026-10-01"))  # fmt: skip
    shown = cli("show", "ada").stdout
    # Later lines under the first, a paragraph break kept.
    assert "Note: line one\n      line two\n\n      second paragraph\n" in shown
    assert (
        "  2026-10-01  coffee    Coffee.\n"
        "                        She is hiring:\n"
        "                          - data engineers\n"
    ) in shown
    plain_due = cli("due").stdout.splitlines()
    assert len(plain_due) == 2  # a header and one line: quotes stay on one line
    assert "“Coffee. She is hiring: - data engineers”" in plain_due[1]
    assert json.loads(cli("show", "ada", "--json").stdout)["note"] == (
        "line one\nline two\n\nsecond paragraph"
    )


# ----- the pure parts


def test_the_template_leaves_the_first_area_empty_and_explains_itself():
    template = editor.build(
        ["For Ada Lovelace (#1).", "  kind: coffee"], nothing="nothing is logged"
    )
    assert template.comment == "#"
    assert template.text == (
        "\n\n"
        "# For Ada Lovelace (#1).\n"
        "#   kind: coffee\n"
        "# Write above. Lines starting with '#' are removed;\n"
        "# an empty text cancels (nothing is logged).\n"
    )
    assert editor.strip(template.text, template.comment) == ""


def test_the_template_starts_from_the_text_and_keeps_it():
    template = editor.build(["x"], "first line\n\nsecond paragraph\n", nothing="n")
    assert template.text.startswith("first line\n\nsecond paragraph\n\n# x\n")
    assert editor.strip(template.text, template.comment) == "first line\n\nsecond paragraph"


def test_a_text_with_lines_starting_with_a_hash_gets_another_comment_marker():
    text = "# Plans\n- move to Lisbon\n;; not a comment either"
    template = editor.build(["about"], text, nothing="n")
    assert template.comment == "%"
    assert "% Write above. Lines starting with '%' are removed;" in template.text
    assert editor.strip(template.text, template.comment) == text


def test_comments_quoting_stored_names_are_sanitised():
    template = editor.build(["For Evil\x1b]0;title\x07 Name\nsecond"], nothing="n")
    assert "\x1b" not in template.text and "\x07" not in template.text
    assert "# For Evil\ufffd]0;title\ufffd Name second\n" in template.text


def test_strip_removes_comments_and_tidies_whitespace_only():
    edited = (
        "\n  \nFirst line   \n# a comment\n  indented stays\n\n\n\nlast paragraph\r\n"
        " # not a comment (not at the start)\n\n#end\n"
    )
    assert editor.strip(edited) == (
        "First line\n  indented stays\n\nlast paragraph\n # not a comment (not at the start)"
    )


@given(st.text(st.characters(blacklist_categories=("Cs",)), max_size=200))
def test_whatever_the_text_the_untouched_template_gives_it_back(text):
    """Round trip: opening a text and saving it unchanged keeps it (tidied)."""
    tidy = editor.strip(text, comment="\x00")
    if text.count("\x00") or all(
        any(line.startswith(c) for line in text.replace("\r\n", "\n").split("\n"))
        for c in editor.COMMENT_CHARS
    ):
        return  # no free marker: then lines starting with '#' are comments
    template = editor.build(["about"], text, nothing="n")
    assert editor.strip(template.text, template.comment) == tidy


@pytest.mark.parametrize(
    ("environ", "argv", "source"),
    [
        ({"VISUAL": "vim", "EDITOR": "nano"}, ["vim"], "$VISUAL"),
        ({"VISUAL": "  ", "EDITOR": "nano -w"}, ["nano", "-w"], "$EDITOR"),
        ({"EDITOR": "code --wait"}, ["code", "--wait"], "$EDITOR"),
        ({"EDITOR": "'/opt/my editor/bin/ed' -c 'set tw=72'"},
         ["/opt/my editor/bin/ed", "-c", "set tw=72"], "$EDITOR"),
        ({}, ["vi"], "the default: neither VISUAL nor EDITOR is set"),
    ],
)  # fmt: skip
def test_the_editor_command(environ, argv, source):
    assert editor.command(environ) == (argv, source)


def test_an_unreadable_editor_variable_is_an_error_naming_it():
    with pytest.raises(EditorError) as caught:
        editor.command({"VISUAL": "code --wait '", "EDITOR": "vi"})
    assert str(caught.value) == (
        'cannot read $VISUAL ("code --wait \'"): No closing quotation — quote it as in a '
        "shell, e.g. export EDITOR='code --wait'"
    )


def test_run_gives_back_what_the_editor_saved_and_removes_the_file(fake):
    script = fake.make(text="saved by the editor\n")
    assert editor.run("the template", {"EDITOR": shlex.quote(str(script))}) == (
        "saved by the editor\n"
    )
    seen = fake.seen()
    assert seen["template"] == "the template"
    assert seen["mode"] == stat.S_IRUSR | stat.S_IWUSR
    assert not os.path.exists(seen["argv"][-1])


def test_run_reports_an_editor_that_fails(fake):
    script = fake.make(status=3)
    with pytest.raises(EditorError) as caught:
        editor.run("x", {"VISUAL": shlex.quote(str(script))})
    assert str(caught.value).startswith(
        f"the editor '{script}' ($VISUAL) exited with status 3; nothing was changed — "
    )
    assert not os.path.exists(fake.seen()["argv"][-1])


def test_run_keeps_text_that_is_not_utf8_and_says_where(fake, tmp_path):
    script = fake.folder / "latin1"
    body = "import sys\nopen(sys.argv[-1], 'wb').write('caf\\xe9'.encode('latin-1'))\n"
    script.write_text(f"#!{sys.executable}\n{body}")
    script.chmod(0o755)
    with pytest.raises(EditorError) as caught:
        editor.run("x", {"EDITOR": shlex.quote(str(script))})
    kept = str(caught.value).split("your text is kept in ")[1].rstrip(")")
    try:
        assert Path(kept).read_bytes() == b"caf\xe9"
    finally:
        Path(kept).unlink()
