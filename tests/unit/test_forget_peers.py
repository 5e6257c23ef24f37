"""forget --person and the other people in those sessions (issue 20): what goes for them is
said, and --keep-others keeps their rounds with the forgotten person as "former partner"."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from sessionkit.cli import main
from sessionkit.models import Note
from sessionkit.store import SessionStore
from tests.ui.test_peers import swapped


def db_with_pair(tmp_path: Path) -> Path:
    db = tmp_path / "sessionkit.json"
    first = swapped("swap0001", 1)
    first.rounds[0].notes.append(Note(at=first.started_at, text="BEN-ACTION say no",
                                      kind="action"))
    first.rounds[1].notes.append(Note(at=first.started_at, text="Tell Ben about the move",
                                      kind="action"))
    with SessionStore.open(db) as st:
        st.save_many([first, swapped("swap0002", 15)])
    return db


def test_forget_says_what_goes_for_the_partner(tmp_path: Path) -> None:
    db = db_with_pair(tmp_path)
    result = CliRunner().invoke(main, ["--db", str(db), "forget", "--person", "Ben"])
    assert result.exit_code == 1  # no terminal, no --yes: nothing done
    assert "and with them Anna's 2 round(s) as coach (1.5 h) and 2 round(s) as client" in (
        result.output) and "--keep-others keeps those" in result.output
    assert len(result.output.strip().splitlines()) == 1
    with SessionStore.open(db, readonly=True) as st:
        assert st.count() == 2


def test_keep_others_keeps_the_partners_rounds_without_a_trace_of_the_forgotten(
    tmp_path: Path
) -> None:
    db = db_with_pair(tmp_path)
    result = CliRunner().invoke(main, ["--db", str(db), "forget", "--person", "ben", "--yes",
                                       "--keep-others"])
    assert result.exit_code == 0, result.output
    assert "keeping Anna's 2 round(s) as coach" in result.output
    with SessionStore.open(db, readonly=True) as st:
        kept = sorted(st.sessions(), key=lambda s: s.id)
    assert [s.id for s in kept] == ["swap0001", "swap0002"]
    coached, as_client = kept[0].rounds
    assert (coached.coach, coached.client) == ("Anna", "former partner")
    assert coached.elapsed_seconds == 2700 and coached.talk.coach_seconds == 800  # her hours
    assert coached.outcome == "" and coached.notes == [] and "most_helpful" not in (
        coached.feedback)  # Ben's words as a client: gone
    assert (as_client.coach, as_client.client) == ("former partner", "Anna")
    assert as_client.outcome == "Plan the move" and as_client.feedback == {"scale_end": 7}
    assert [n.text for n in as_client.notes] == ["Tell former partner about the move"]
    for path in [db, *db.parent.rglob("*.json*")]:
        assert b"Ben" not in path.read_bytes() and b"BEN" not in path.read_bytes(), path
