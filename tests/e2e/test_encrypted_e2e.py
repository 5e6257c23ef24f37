"""The installed `sessionkit` on an encrypted database, in tmux: the unlock screen, a live
session, kill -9, unlock again, resume; nothing readable on disk meanwhile."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path

import pytest

from sessionkit.store import sealing
from sessionkit.store.journal import read_last
from tests.e2e.tmuxdrive import COMMAND, Terminal, require_app, run_app, wait_for_journal

pytestmark = pytest.mark.e2e

require_app()

WORDS = "tulip garden 42"


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "data" / "sessionkit.json"
    secret = tmp_path / "pw"
    secret.write_text(WORDS + "\n")
    os.chmod(secret, 0o600)
    out = subprocess.run([str(COMMAND), "--db", str(path), "--passphrase-file", str(secret),
                          "encrypt"], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    return path


def unlock(term: Terminal) -> None:
    term.wait_for("This database is encrypted")
    term.type("not it at all")
    term.press("Enter")
    term.wait_for("Wrong passphrase. Try again.")
    term.type(WORDS)
    term.press("Enter")


def wait_for_note(db: Path, journal: Path, text: str, timeout: float = 15.0) -> None:
    key = sealing.key_for(db) or sealing.unlock(db, WORDS)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        record = read_last(journal, key)
        if record and any(n.get("text") == text for r in record["rounds"] for n in r["notes"]):
            return
        time.sleep(0.1)
    raise AssertionError(f"{text!r} never reached {journal}")


def test_unlock_live_kill_unlock_resume(terminals, env, db) -> None:
    try:
        term = run_app(terminals, env, db, "start", "--coach", "Ana", "--client", "Ben")
        unlock(term)
        term.wait_for("Round 1/1 · Ana coaching Ben")
        term.type("Decide about the move")
        term.press("Enter")
        term.wait_for("Outcome saved")
        term.press("n")
        term.type("keeps saying should")
        term.press("Enter")
        term.wait_for("Note saved")
        journal = wait_for_journal(db)
        wait_for_note(db, journal, "keeps saying should")
        term.kill_app(signal.SIGKILL)
        term.wait_closed()
        for path in db.parent.rglob("*"):
            if path.is_file():
                data = path.read_bytes()
                assert b"keeps saying" not in data and b"\"Ben\"" not in data, path

        again = run_app(terminals, env, db)
        unlock(again)
        again.wait_for("Resume the unfinished session with Ana and Ben from")
        again.press("y")
        again.wait_for("Round 1/1 · Ana coaching Ben")
        again.wait_until(
            lambda screen: "keeps saying should" in screen and "Decide about the move" in screen,
            what="the resumed note and outcome",
        )
        again.press("C-q")
        again.wait_for("Quit sessionkit?")
        again.press("y")
        again.wait_closed()
    finally:
        sealing.forget_key(db)


def test_ctrl_q_on_the_unlock_screen_opens_nothing(terminals, env, db) -> None:
    term = run_app(terminals, env, db)
    term.wait_for("This database is encrypted")
    term.press("C-q")
    term.wait_closed()
    assert not (db.parent / "journal").is_dir() or not list(
        (db.parent / "journal").glob("*-live-*"))
