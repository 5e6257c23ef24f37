"""Group meetings in the exports: the case summary and the lessons (golden files), the JSON
round trip, csv and ics, and the command line's refusals.

Regenerate the golden files after an intended change with
`SESSIONKIT_UPDATE_GOLDEN=1 python -m pytest tests/unit/test_group_exports.py` and read the diff.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import icalendar
import pytest
from click.testing import CliRunner, Result

from sessionkit.cli import main
from sessionkit.errors import SessionkitError
from sessionkit.exports.group_md import case_summary, lessons
from sessionkit.models import Round, Session
from sessionkit.store import SessionStore
from sessionkit.store.groups import commit_group
from tests.golden.group_fixture import THIRD_PARTY, meeting

GOLDEN = Path(__file__).resolve().parents[1] / "golden"


def golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get("SESSIONKIT_UPDATE_GOLDEN"):
        path.write_bytes(text.encode("utf-8"))
    assert text == path.read_bytes().decode("utf-8")


def test_golden_case_summary_for_the_case_giver() -> None:
    text = case_summary(meeting(), "ana", known=[THIRD_PARTY, "Ana"])
    golden("group_case.md", text)
    assert "Zoë" not in text and "another person" in text  # a third party on record
    assert "Ben: " not in text.split("### Questions")[0]
    assert "SECRET" not in text  # nothing from Ben's round, no private note


def test_golden_lessons_hold_no_case_content() -> None:
    text = lessons(meeting())
    golden("group_lessons.md", text)
    for content in ("Zoë", "mails", "SECRET", "Call her", "How do I"):
        assert content not in text
    assert "Round 1: Ana" in text and "Round 2: Ben" in text
    assert "planned 80 min" in text


def test_no_summary_for_who_gave_no_case() -> None:
    with pytest.raises(SessionkitError, match="'Cem' gave no case in meeting group0001 "
                       r"\(case givers: Ana, Ben\)"):
        case_summary(meeting(), "Cem")


def run(db: Path, *args: str) -> Result:
    return CliRunner().invoke(main, ["--db", str(db), *args])


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "db.json"
    with SessionStore.open(path) as store:
        store.save(Session(started_at="2026-11-20T10:00:00+00:00", rounds=[Round(
            coach="Ana", client=THIRD_PARTY, started_at="2026-11-20T10:00:00+00:00")]))
        commit_group(store, meeting())
    return path


def test_the_command_writes_the_summary_and_lessons(db: Path, tmp_path: Path) -> None:
    result = run(db, "export", "--format", "md", "--group", "group0001", "--for", "Ana")
    assert result.exit_code == 0 and result.output == (GOLDEN / "group_case.md").read_text()
    out = tmp_path / "lessons.md"
    result = run(db, "export", "--format", "md", "--group", "group0001", "--lessons",
                 "--out", str(out))
    assert result.exit_code == 0 and out.read_text() == (GOLDEN / "group_lessons.md").read_text()
    assert out.stat().st_mode & 0o077 == 0


@pytest.mark.parametrize(("args", "problem"), [
    (["--format", "md", "--group", "group0001"], "needs one of --for NAME"),
    (["--format", "md", "--group", "group0001", "--for", "Ana", "--lessons"], "needs one of"),
    (["--group", "group0001", "--lessons"], "--group writes Markdown only"),
    (["--format", "md", "--lessons"], "--for and --lessons go with --group ID"),
    (["--format", "md", "--group", "nope", "--lessons"], "no group meeting 'nope'"),
    (["--format", "md", "--group", "group0001", "--for", "Zed"], "'Zed' gave no case"),
])
def test_bad_group_exports_are_refused_in_one_line(db: Path, args: list[str], problem: str
                                                   ) -> None:
    result = run(db, "export", *args)
    assert result.exit_code != 0 and problem in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_json_round_trips_group_meetings(db: Path, tmp_path: Path) -> None:
    first = run(db, "export").output
    docs = json.loads(first)["sessions"]
    assert [d.get("kind") for d in docs] == [None, "group"]
    other = tmp_path / "other" / "db.json"
    dump = tmp_path / "all.json"
    dump.write_text(first)
    result = run(other, "import", str(dump))
    assert result.stdout == "imported 1 session(s) and 1 group meeting(s)\n"
    assert run(other, "export").output == first
    assert run(other, "import", str(dump)).output.endswith("(2 already present, left as they "
                                                           "were)\n")


def test_an_import_with_a_bad_meeting_is_refused_whole(db: Path, tmp_path: Path) -> None:
    data = json.loads(run(db, "export").output)
    data["sessions"][1]["rounds"][0]["advice"][0]["from"] = "Zed"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(data))
    other = tmp_path / "other" / "db.json"
    result = run(other, "import", str(bad))
    assert result.exit_code != 0
    assert "rounds[0].advice[0].from: 'Zed' is not a member; nothing was imported" in result.output
    assert not other.exists() or json.loads(run(other, "export").output)["sessions"] == []


def test_csv_and_ics_include_the_meeting(db: Path) -> None:
    rows = run(db, "export", "--format", "csv").output.splitlines()
    group = [r for r in rows if "group0001" in r]
    assert len(group) == 2 and all(",intervision group," in r for r in group)
    cal = icalendar.Calendar.from_ical(run(db, "export", "--format", "ics").output)
    (event,) = [e for e in cal.walk("VEVENT") if "group0001" in str(e["uid"])]
    assert str(event["summary"]) == "Intervision: Ana, Ben, Cem, Dee"
    assert event.decoded("dtstart").isoformat().startswith("2027-01-12T17:30:00+01:00")
