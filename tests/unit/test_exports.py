"""Exports: golden files from a fixed fixture, real parsers, privacy, streaming, the CLI contract.

Regenerate the golden files after an intended change with
`SESSIONKIT_UPDATE_GOLDEN=1 python -m pytest tests/unit/test_exports.py` and read the diff.
"""

from __future__ import annotations

import csv
import io
import json
import os
import stat
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import pytest
from click.testing import CliRunner

from sessionkit.cli import main
from sessionkit.errors import SessionkitError
from sessionkit.exports.csv_log import COLUMNS
from sessionkit.exports.run import export, select, write
from sessionkit.models import SESSION_TYPES, Session
from sessionkit.store import SessionStore
from tests.golden.fixture import sessions

GOLDEN = Path(__file__).resolve().parents[1] / "golden"


@pytest.fixture
def store() -> Iterator[SessionStore]:
    st = SessionStore.memory()
    st.save_many(sessions())
    yield st


def render(store: SessionStore, fmt: str, include_private: bool = False, **kw: str) -> str:
    buf = io.StringIO()
    write(fmt, select(store, **kw), buf, include_private)
    return buf.getvalue()


@pytest.mark.parametrize("fmt, name", [("md", "journal.md"), ("csv", "log.csv"),
                                       ("ics", "next.ics"), ("json", "export.json")])
def test_golden(store: SessionStore, fmt: str, name: str) -> None:
    text = render(store, fmt, include_private=fmt == "json")  # json: the full backup
    path = GOLDEN / name
    if os.environ.get("SESSIONKIT_UPDATE_GOLDEN"):
        path.write_bytes(text.encode("utf-8"))
    assert text == path.read_bytes().decode("utf-8")


def test_ics_parses_with_icalendar_and_keeps_time_zones(store: SessionStore) -> None:
    cal = icalendar.Calendar.from_ical(render(store, "ics"))
    events = {str(e["uid"]): e for e in cal.walk("VEVENT")}
    assert set(events) == {"peer0001-next@sessionkit", "paid0002-next@sessionkit"}
    start = events["paid0002-next@sessionkit"].decoded("dtstart")
    assert start.tzinfo == ZoneInfo("America/New_York")
    assert start == datetime.fromisoformat("2026-04-16T14:00:00+00:00")
    assert start.hour == 10  # 14:00 UTC is 10:00 in New York (EDT)
    peer = events["peer0001-next@sessionkit"]
    assert peer.decoded("dtend") - peer.decoded("dtstart") == (
        datetime(2026, 1, 1, 1, 30) - datetime(2026, 1, 1)  # two rounds of 45 minutes
    )
    zones = {str(tz["tzid"]) for tz in cal.walk("VTIMEZONE")}
    assert zones == {"Europe/Amsterdam", "America/New_York"}
    assert "SECRET" not in render(store, "ics")


def test_ics_export_holds_each_pairs_next_session_only(tmp_path: Path) -> None:
    earlier, later = sessions()[1], sessions()[1]
    earlier.id, earlier.started_at = "paid0000", "2026-03-19T14:30:00+00:00"
    earlier.next_session = "2026-04-02T14:30:00+00:00"  # met by the later session
    st = SessionStore.memory()
    st.save_many([earlier, later, sessions()[0]])
    out = tmp_path / "next.ics"
    assert export(st, "ics", out) == 2
    uids = {str(e["uid"]) for e in icalendar.Calendar.from_ical(out.read_text()).walk("VEVENT")}
    assert uids == {"paid0002-next@sessionkit", "peer0001-next@sessionkit"}


def test_csv_parses_one_row_per_round(store: SessionStore) -> None:
    rows = list(csv.DictReader(io.StringIO(render(store, "csv"))))
    assert list(rows[0]) == list(COLUMNS)
    assert [(r["date"], r["client"], r["coach"], r["minutes"], r["type"]) for r in rows] == [
        ("2026-03-28", "Zoë", "Ana", "45", "peer"),
        ("2026-03-28", "Ana", "Zoë", "44", "peer"),
        ("2026-04-02", "Ben", "Ana", "60", "paid"),
    ]  # open0003 is unfinished: not coaching hours yet
    assert rows[0]["start_time"] == "09:00"  # 08:00 UTC, local time Amsterdam (CET)
    assert rows[2]["start_time"] == "16:30"  # after the switch to summer time
    assert all(r["type"] in SESSION_TYPES for r in rows)
    assert rows[0]["client_talk_pct"] == "77" and rows[0]["scale_end"] == "7"


def test_markdown_leaves_private_notes_out_unless_asked(store: SessionStore) -> None:
    shared = render(store, "md")
    assert "SECRET" not in shared
    full = render(store, "md", include_private=True)
    assert "🔒 private: SECRET-NOTE about the manager" in full
    assert "- [ ] 🔒 private: SECRET-ACTION: draft the letter" in full


def test_markdown_journal_shape(store: SessionStore) -> None:
    md = render(store, "md")
    headings = [line for line in md.splitlines() if line.startswith("# ")]
    assert len(headings) == 3 and headings[0].startswith("# 2026-03-28 09:00")
    assert "- [x] Talk to HR, then decide (done 2026-04-02)" in md
    assert "- [ ] Block 8-10 on Tuesdays" in md
    assert "- **Coach: to improve:** Shorter questions,\n  fewer of them" in md
    assert "- **Outcome:** Decide on the team lead role" in md


def test_select_filters_by_person_and_since(store: SessionStore) -> None:
    assert [s.id for s in select(store, person="zoë")] == ["peer0001"]
    assert [s.id for s in select(store, person="ANA")] == ["peer0001", "paid0002", "open0003"]
    assert [s.id for s in select(store, since="2026-04-02")] == ["paid0002", "open0003"]
    assert list(select(store, person="nobody")) == []


def test_bad_since_fails_before_anything_is_written(store: SessionStore, tmp_path: Path) -> None:
    out = tmp_path / "log.csv"
    with pytest.raises(SessionkitError, match="--since"):
        export(store, "csv", out, since="next tuesdayish")
    assert not out.exists()
    assert not list(tmp_path.glob(".sessionkit-export*"))


def test_unknown_format_is_a_clear_error(store: SessionStore) -> None:
    with pytest.raises(SessionkitError, match="unknown export format 'pdf'"):
        export(store, "pdf", None)


@pytest.mark.parametrize("fmt", ["json", "md", "csv"])
def test_writers_stream_session_by_session(fmt: str) -> None:
    """Output starts before the last session has even been read. (Not the calendar: a pair's
    upcoming sessions are the union of what all its sessions agreed, so it reads them all.)"""
    pulled = []
    first_write_at: list[int] = []

    def feed() -> Iterator[Session]:
        for s in sessions() * 3:
            pulled.append(s.id)
            yield s

    class Out(io.StringIO):
        def write(self, text: str) -> int:
            if pulled and not first_write_at:
                first_write_at.append(len(pulled))
            return super().write(text)

    write(fmt, feed(), Out(), False)
    assert len(pulled) == 9 and first_write_at == [1]


def test_out_file_is_owner_only(store: SessionStore, tmp_path: Path) -> None:
    out = tmp_path / "journal.md"
    assert export(store, "md", out) == 3
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert out.read_text(encoding="utf-8").startswith("# 2026-03-28")


def test_json_export_import_round_trip_through_the_cli(tmp_path: Path) -> None:
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    with SessionStore.open(first) as st:
        st.save_many(sessions())
    runner = CliRunner()
    exported = runner.invoke(main, ["--db", str(first), "export", "--format", "json"])
    assert exported.exit_code == 0, exported.output
    dump = tmp_path / "dump.json"
    dump.write_text(exported.output, encoding="utf-8")
    imported = runner.invoke(main, ["--db", str(second), "import", str(dump)])
    assert imported.exit_code == 0 and "imported 3 session(s)" in imported.output
    again = runner.invoke(main, ["--db", str(second), "export", "--format", "json"])
    assert again.output == exported.output
    data = json.loads(again.output)
    assert data["schema"] == 1 and [s["status"] for s in data["sessions"]] == [
        "completed", "completed", "unfinished"]


@pytest.mark.parametrize("fmt", ["md", "csv", "ics"])
def test_cli_writes_each_format_to_a_file(tmp_path: Path, fmt: str) -> None:
    db = tmp_path / "db.json"
    with SessionStore.open(db) as st:
        st.save_many(sessions())
    out = tmp_path / f"out.{fmt}"
    result = CliRunner().invoke(
        main, ["--db", str(db), "export", "--format", fmt, "--out", str(out), "--person", "Ben"]
    )
    assert result.exit_code == 0, result.output
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert "Ben" in out.read_text(encoding="utf-8") and "Zoë" not in out.read_text("utf-8")


def test_cli_bad_since_is_one_line_on_stderr(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["--db", str(tmp_path / "x.json"), "export",
                                       "--format", "csv", "--since", "soonish"])
    assert result.exit_code != 0
    assert "Traceback" not in result.output
    assert result.output.strip().count("\n") == 0 and "--since" in result.output


def test_ics_adds_open_due_actions_as_todos(tmp_path: Path) -> None:
    """Actions with a due day become VTODOs, also from a pair's earlier session (whose next
    date is not repeated); done and private actions never go into a calendar."""
    from sessionkit.models import Note

    earlier, later = sessions()[1], sessions()[1]
    earlier.id, earlier.started_at = "paid0000", "2026-03-19T14:30:00+00:00"
    earlier.next_session = "2026-04-02T14:30:00+00:00"  # met by the later session
    at = earlier.started_at
    earlier.rounds[0].notes += [
        Note(at, "Call Sam by fri", "action", due="2026-03-20", id="due1"),
        Note(at, "Done already", "action", due="2026-03-20", done=True, id="due2"),
        Note(at, "SECRET private step", "action", due="2026-03-20", private=True, id="due3"),
    ]
    st = SessionStore.memory()
    st.save_many([earlier, later, sessions()[0]])
    out = tmp_path / "next.ics"
    assert export(st, "ics", out) == 3  # two next sessions and one to-do
    cal = icalendar.Calendar.from_ical(out.read_text())
    [todo] = cal.walk("VTODO")
    assert str(todo["uid"]) == "paid0000-due1@sessionkit"
    assert str(todo["summary"]) == "Call Sam by fri" and todo.decoded("due") == date(2026, 3, 20)
    assert str(todo["status"]) == "NEEDS-ACTION"
    uids = {str(e["uid"]) for e in cal.walk("VEVENT")}
    assert uids == {"paid0002-next@sessionkit", "peer0001-next@sessionkit"}
    assert "SECRET" not in out.read_text() and "Done already" not in out.read_text()
