"""Exports are safe to open: no raw control characters, no forged Markdown structure, no
spreadsheet formulas, private notes only where asked, no file overwritten without --force."""

from __future__ import annotations

import csv
import io
import json
import os
import stat
from pathlib import Path

import icalendar
import pytest
from click.testing import CliRunner, Result
from markdown_it import MarkdownIt

from sessionkit.cli import main
from sessionkit.exports.run import export, write
from sessionkit.models import Note, Round, Session
from sessionkit.plain import has_control, one_line
from sessionkit.store import SessionStore
from tests.golden.fixture import sessions

OSC52 = "\x1b]52;c;cm0gLXJmIH4=\x07"  # sets the clipboard of the terminal that shows it
CLEAR = "\x1b[2J"
C1_CSI = "\x9b2J"  # the one-byte CSI: some terminals clear the screen on it too
HOSTILE = f"Mal{OSC52}{CLEAR}{C1_CSI}\x7f\u202eory"


def hostile_session() -> Session:
    at = "2026-03-28T08:10:00+00:00"
    return Session(
        id="evil0001", started_at="2026-03-28T08:00:00+00:00", status="completed",
        ended_at="2026-03-28T09:00:00+00:00", model=f"grow{CLEAR}",
        next_session="2026-04-11T08:00:00+00:00", next_session_tz="Europe/Amsterdam",
        rounds=[Round(
            coach=f"Ana\n# Forged heading {OSC52}", client=HOSTILE,
            started_at="2026-03-28T08:00:00+00:00", elapsed_seconds=2700,
            outcome=f"Be calm{CLEAR}\n# Forged outcome heading\n- [ ] forged action",
            notes=[
                Note(at=at, text=f"line one\n# Forged\n  ## also forged\n- [x] done?\n"
                                 f"1. list\n> quote\n===\n<img src=http://x/t.png>{OSC52}"),
                Note(at=at, kind="action", text=f"call\n- [ ] forged task\n---{C1_CSI}"),
            ],
            feedback={"most_helpful": f"kind\n# Feedback heading{OSC52}",
                      "coach_improve": "ok\r# carriage return heading"},
        )],
    )


def render(fmt: str, *items: Session, include_private: bool = False) -> str:
    buf = io.StringIO()
    write(fmt, iter(items), buf, include_private)
    return buf.getvalue()


@pytest.mark.parametrize("fmt", ["md", "csv", "ics"])
def test_no_control_character_reaches_a_text_export(fmt: str) -> None:
    text = render(fmt, hostile_session())
    assert not has_control(text.replace("\r\n", "\n"))  # ICS lines end in CRLF by its RFC
    assert "\x1b" not in text and "\x07" not in text and "\x9b" not in text


def test_json_escapes_every_control_character_and_gives_the_text_back() -> None:
    session = hostile_session()
    text = render("json", session, include_private=True)
    assert not has_control(text)  # DEL, C1 and bidi controls too (json.dumps escapes only C0)
    (back,) = json.loads(text)["sessions"]
    assert back["rounds"][0]["client"] == HOSTILE
    assert back == session.to_dict()


def _headings(md: str) -> list[tuple[str, str]]:
    tokens = MarkdownIt("commonmark").parse(md)
    return [(t.tag, tokens[i + 1].content) for i, t in enumerate(tokens)
            if t.type == "heading_open"]


def test_markdown_user_text_cannot_forge_headings_checkboxes_or_html() -> None:
    md = render("md", hostile_session(), include_private=True)
    headings = _headings(md)
    assert [tag for tag, _ in headings] == ["h1", "h2", "h3", "h3", "h3"]
    assert [text for _, text in headings[2:]] == ["Notes", "Actions", "Feedback"]
    assert "Forged heading" in headings[0][1] and "Forged heading" in headings[1][1]
    tokens = MarkdownIt("commonmark").parse(md)
    inline = [t for t in tokens if t.type == "inline"]
    boxes = [t.content for t in inline if t.content.startswith(("[ ]", "[x]"))]
    assert len(boxes) == 1 and boxes[0].startswith("[ ] call")  # the one real action
    assert not [t for t in tokens if t.type in ("html_block", "blockquote_open", "hr",
                                                 "ordered_list_open", "code_block", "fence")]
    kinds = {child.type for t in inline for child in t.children or ()}
    assert not kinds & {"html_inline", "image", "link_open"}


def test_markdown_keeps_the_words_and_line_breaks_of_a_note() -> None:
    note = Note(at="2026-03-28T08:10:00+00:00", text="first line\n# second *line*\nthird_one")
    session = sessions()[1]
    session.rounds[0].notes = [note]
    md = render("md", session)
    assert "first line\n  \\# second \\*line\\*\n  third\\_one" in md
    rendered = MarkdownIt("commonmark").render(md)
    assert "first line\n# second *line*\nthird_one" in rendered


def test_markdown_heading_names_stay_on_one_line() -> None:
    md = render("md", hostile_session())
    title = md.splitlines()[0]
    assert title.startswith("# 2026-03-28 09:00 · Ana # Forged heading ␛\\]52;c;")


def test_ics_summary_and_uid_hold_no_escape_or_bell() -> None:
    session = hostile_session()
    session.id = f"evil{OSC52}"
    cal = icalendar.Calendar.from_ical(render("ics", session))
    (event,) = cal.walk("VEVENT")
    for field in ("summary", "description", "uid"):
        value = str(event[field])
        assert "\x1b" not in value and "\x07" not in value and not has_control(value)
    assert str(event["summary"]).startswith("Coaching: Ana # Forged heading ␛]52;c;")


def _csv_cells(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


@pytest.mark.parametrize("prefix", ["=", "+", "-", "@", "\t", "\r", " =", "\n@"])
def test_csv_cells_never_start_a_formula(prefix: str) -> None:
    session = sessions()[1]
    values = {
        "session_id": f"{prefix}1+1", "model": f"{prefix}HYPERLINK(\"http://x\")",
        "coach": f"{prefix}cmd|' /C calc'!A0", "client": f"{prefix}SUM(A1:A9)",
    }
    session.id, session.model = values["session_id"], values["model"]
    session.rounds[0].coach, session.rounds[0].client = values["coach"], values["client"]
    header, row = _csv_cells(render("csv", session))
    by_name = dict(zip(header, row, strict=True))
    for column, value in values.items():
        assert by_name[column] == "'" + one_line(value), column  # the text itself is kept
    assert not [c for c in row if c.lstrip().startswith(("=", "+", "-", "@", "\t", "\r"))]


def test_csv_log_lists_completed_sessions_only() -> None:
    rows = _csv_cells(render("csv", *sessions()))[1:]
    assert {r[-1] for r in rows} == {"peer0001", "paid0002"}  # open0003 is unfinished
    assert all(r[11] == "completed" for r in rows)


# -- privacy and files, through the command line ------------------------------------------------

def _db(tmp_path: Path) -> Path:
    db = tmp_path / "db.json"
    drafted = sessions()
    drafted[0].draft = "DRAFT-being-typed about Zoë"
    with SessionStore.open(db) as store:
        store.save_many(drafted)
    return db


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def test_json_without_person_is_the_full_backup(tmp_path: Path) -> None:
    result = run("--db", str(_db(tmp_path)), "export", "--format", "json")
    assert result.exit_code == 0
    assert "SECRET-NOTE" in result.stdout and "SECRET-ACTION" in result.stdout
    assert "DRAFT-being-typed" in result.stdout


def test_json_with_person_is_a_copy_to_share(tmp_path: Path) -> None:
    db = _db(tmp_path)
    shared = run("--db", str(db), "export", "--format", "json", "--person", "zoë")
    assert shared.exit_code == 0
    assert "SECRET" not in shared.stdout and "DRAFT" not in shared.stdout
    (session,) = json.loads(shared.stdout)["sessions"]
    assert [n["id"] for r in session["rounds"] for n in r["notes"]] == ["n1", "a1", "a3"]
    full = run("--db", str(db), "export", "--format", "json", "--person", "zoë",
               "--include-private")
    assert "SECRET-NOTE" in full.stdout and "DRAFT-being-typed" in full.stdout


def test_export_help_says_which_json_is_which() -> None:
    text = " ".join(run("export", "--help").stdout.split())
    assert "without --person: the full backup" in text
    assert "--force" in text and "completed sessions" in text


def test_out_refuses_to_overwrite_without_force(tmp_path: Path) -> None:
    db = _db(tmp_path)
    out = tmp_path / "log.csv"
    out.write_text("my own notes\n")
    out.chmod(0o644)
    result = run("--db", str(db), "export", "--format", "csv", "--out", str(out))
    assert result.exit_code == 1 and result.stderr.count("\n") == 1
    assert str(out) in result.stderr and "--force" in result.stderr
    assert out.read_text() == "my own notes\n"
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".sessionkit-export")]
    forced = run("--db", str(db), "export", "--format", "csv", "--out", str(out), "--force")
    assert forced.exit_code == 0, forced.output
    assert out.read_text().startswith("date,client") and stat.S_IMODE(out.stat().st_mode) == 0o600


def test_out_does_not_follow_a_dangling_link_without_force(tmp_path: Path) -> None:
    target = tmp_path / "elsewhere.md"
    link = tmp_path / "out.md"
    os.symlink(target, link)
    result = run("--db", str(_db(tmp_path)), "export", "--format", "md", "--out", str(link))
    assert result.exit_code == 1 and "--force" in result.stderr
    assert not target.exists() and link.is_symlink()


def test_out_file_created_between_check_and_rename_is_kept(tmp_path: Path) -> None:
    """The refusal holds even when the file appears while the export is being written."""
    store = SessionStore.memory()
    store.save_many(sessions())
    out = tmp_path / "journal.md"

    def appearing() -> object:
        for session in store.sessions():
            if not out.exists():
                out.write_text("written meanwhile")
            yield session

    from sessionkit.errors import SessionkitError
    from sessionkit.exports.files import private_text_file

    with pytest.raises(SessionkitError, match="--force"):
        with private_text_file(out) as handle:
            for session in appearing():
                handle.write(session.id)
    assert out.read_text() == "written meanwhile"
    assert export(store, "md", tmp_path / "other.md") == 3


@pytest.mark.parametrize("fmt", ["json", "md", "csv", "ics"])
def test_a_lone_surrogate_is_written_not_a_crash(tmp_path: Path, fmt: str) -> None:
    """A JSON import can hold "\\ud800"; no UTF-8 file can: it used to raise UnicodeEncodeError."""
    session = hostile_session()
    session.rounds[0].client = "Zo\ud800ë"
    store = SessionStore.memory()
    store.save_many([session])
    out = tmp_path / f"out.{fmt}"
    assert export(store, fmt, out) == 1
    text = out.read_text(encoding="utf-8")
    if fmt == "json":
        assert json.loads(text)["sessions"][0]["rounds"][0]["client"] == "Zo\ud800ë"
    else:  # ICS folds long lines (RFC 5545): read it unfolded
        assert "Zo\ufffdë" in text.replace("\r\n ", "").replace("\n ", "")


def test_markdown_shows_an_entity_as_typed_not_the_character_it_names() -> None:
    session = sessions()[1]
    session.rounds[0].outcome = "ESC is &#27; and &copy; is ©, Tom & Jerry stay"
    md = render("md", session)
    assert "ESC is \\&#27; and \\&copy; is ©, Tom & Jerry stay" in md
    html = MarkdownIt("commonmark").render(md)
    assert "\x1b" not in html and "&amp;#27;" in html


@pytest.mark.parametrize("fmt", ["json", "md", "csv", "ics"])
def test_export_to_stdout_sends_no_control_character_to_the_terminal(
    tmp_path: Path, fmt: str
) -> None:
    db = tmp_path / "db.json"
    with SessionStore.open(db) as store:
        store.save_many([hostile_session(), *sessions()])
    result = run("--db", str(db), "export", "--format", fmt)
    assert result.exit_code == 0, result.output
    assert "Mal" in result.stdout or fmt == "ics"  # (ics names the first round's pair only)
    assert not has_control(result.stdout.replace("\r\n", "\n"))


def test_markdown_for_one_person_leaves_private_notes_out_unless_asked(tmp_path: Path) -> None:
    db = _db(tmp_path)
    shared = run("--db", str(db), "export", "--format", "md", "--person", "Zoë")
    assert shared.exit_code == 0 and "Zoë" in shared.stdout
    assert "SECRET" not in shared.stdout and "DRAFT" not in shared.stdout
    full = run("--db", str(db), "export", "--format", "md", "--person", "Zoë", "--include-private")
    assert "SECRET-NOTE" in full.stdout and "SECRET-ACTION" in full.stdout


def test_out_never_replaces_the_database_even_with_force(tmp_path: Path) -> None:
    db = _db(tmp_path)
    before = db.read_bytes()
    result = run("--db", str(db), "export", "--format", "md", "--out", str(db), "--force")
    assert result.exit_code == 1 and "is the database itself" in result.stderr
    assert db.read_bytes() == before


def test_portfolio_user_text_cannot_add_html_images_or_links() -> None:
    from sessionkit.exports.portfolio import write_portfolio

    session = hostile_session()
    session.rounds[0].coach = "Ana <img src=http://evil.example/me.png>"
    session.rounds[0].outcome = "see ![t](http://evil.example/t.png) and [l](http://x) <b>"
    session.rounds[0].feedback["most_helpful"] = "kind <script>alert(1)</script>"
    buf = io.StringIO()
    write_portfolio([session.to_dict()], "ana <img src=http://evil.example/me.png>", buf)
    tokens = MarkdownIt("commonmark").parse(buf.getvalue())
    children = [c.type for t in tokens if t.type == "inline" for c in t.children or ()]
    assert "see ![t](http://evil.example/t.png)" in MarkdownIt("commonmark").render(
        buf.getvalue()).replace("\\", "")
    assert not {"html_inline", "image", "link_open"} & set(children)
    assert not [t for t in tokens if t.type == "html_block"]
