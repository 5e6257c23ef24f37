"""The installed `sessionkit` in tmux: 40 notes pasted at once (`n`, text, enter, no gaps) all
land intact (issue 10: measured before, 28 of 40 mangled); a whole session typed in bursts (the
home form, the outcome, the feedback form: text and tabs in one send-keys) saves each answer in
its own field (before: "AnaBen30" in Coach, every answer in the first one)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sessionkit.store.journal import read_last
from tests.e2e.tmuxdrive import (
    COMMAND,
    Terminal,
    app_env,
    export,
    require_app,
    wait_for_file_text,
    wait_for_journal,
)

pytestmark = pytest.mark.e2e

require_app()

NOTES = [f"note {i:02d} she says it is hard" for i in range(40)]


def test_forty_pasted_notes_arrive_intact(tmp_path: Path) -> None:
    db = tmp_path / "data" / "sessionkit.json"
    env = {"TZ": "Europe/Amsterdam", "SESSIONKIT_CONFIG_DIR": str(tmp_path / "config"),
           "TERM": "xterm-256color"}
    term = Terminal([str(COMMAND), "--db", str(db), "start", "--coach", "Ana", "--client",
                     "Ben"], env, size=(80, 24))
    try:
        term.wait_for("Ana coaching Ben", timeout=30)
        term.keys("Escape")  # alone: ESC right before `n` would read as alt+n
        term.wait_for("space Talk s Quiet")
        keys: list[str] = []
        for text in NOTES:
            keys += ["n", text, "Enter"]  # one send-keys call: the keys arrive together
        term.keys(*keys)
        journal = wait_for_journal(db)
        wait_for_file_text(journal, NOTES[-1], timeout=30)
        term.wait_for("Note saved")
        record = read_last(journal)
        assert record is not None
        got = [n["text"] for n in record["rounds"][0]["notes"]]
        mangled = [t for t in got if t not in NOTES]
        assert (len(got), mangled) == (40, []), json.dumps(got, indent=1)
        assert got == NOTES
        assert record["rounds"][0]["outcome"] == ""  # nothing leaked into the outcome
    finally:
        term.close()


def test_a_session_typed_in_bursts_keeps_every_answer_in_its_field(tmp_path: Path) -> None:
    db = tmp_path / "data" / "sessionkit.json"
    term = Terminal([str(COMMAND), "--db", str(db)], app_env(tmp_path), size=(100, 32))
    try:
        term.wait_for("Start a session", timeout=30)
        term.keys("Ana", "Tab", "Ben", "Tab", "30", "Enter")  # each line: one send-keys burst
        term.wait_for("Ana coaching Ben")
        term.keys("Decide about the offer", "Tab", "confidence", "Tab", "4")
        term.wait_for("Decide about the offer")
        term.keys("Escape")
        term.wait_for("space Talk s Quiet")
        term.keys("e")
        term.wait_for("End the session?")
        term.keys("y")
        term.wait_for("most helpful?")
        term.keys("The questions", "Tab", "Too fast", "Tab", "7", "Tab", "Listening", "Tab",
                  "Slower", "C-s")
        term.wait_for("Start a session")  # saved: back home
        term.keys("C-q")
        term.wait_closed(20)
    finally:
        term.close()
    (session,) = export(db)["sessions"]
    (first,) = session["rounds"]
    assert (first["coach"], first["client"], first["planned_minutes"]) == ("Ana", "Ben", 30)
    assert (first["outcome"], first["outcome_measure"], first["scale_start"]) == (
        "Decide about the offer", "confidence", 4)
    assert first["feedback"] == {"most_helpful": "The questions", "less_helpful": "Too fast",
                                 "scale_end": 7, "coach_worked": "Listening",
                                 "coach_improve": "Slower"}
