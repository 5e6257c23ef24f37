"""The installed `sessionkit` in tmux: 40 notes pasted at once (`n`, text, enter, no gaps) all
land intact (issue 10: measured before, 28 of 40 mangled)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sessionkit.store.journal import read_last
from tests.e2e.tmuxdrive import COMMAND, Terminal, require_app, wait_for_file_text, wait_for_journal

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
