"""Closing the terminal (SIGHUP): the journal is flushed and the process is gone within seconds,
also when Textual's writer thread hangs on the closed terminal (defect 0 of issue 9)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from screens.textual_hooks import WRITER_THREAD_MODULE
from tests.e2e.tmuxdrive import COMMAND, Terminal, require_app, wait_for_file_text, wait_for_journal

pytestmark = pytest.mark.e2e

require_app()

# Textual's writer thread as it is when it died writing to a closed terminal: `stop()` never
# returns (the real one blocks putting into the full queue).
HANGING_WRITER = (
    f"import threading, {WRITER_THREAD_MODULE} as w;"
    "w.WriterThread.stop = lambda self: threading.Event().wait();"
    "from sessionkit.cli import main; main()"
)


def _gone(pid: int, timeout: float) -> float | None:
    """Seconds until `pid` ended, or None if it still runs after `timeout`."""
    start = time.monotonic()
    while time.monotonic() - start < timeout:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return time.monotonic() - start
        time.sleep(0.02)
    return None


@pytest.mark.parametrize("argv", [[str(COMMAND)], [sys.executable, "-c", HANGING_WRITER]],
                         ids=["installed", "hanging-writer"])
def test_closing_the_terminal_ends_the_process_and_keeps_the_session(
    tmp_path: Path, argv: list[str]
) -> None:
    db = tmp_path / "data" / "sessionkit.json"
    env = {"TZ": "Europe/Amsterdam", "SESSIONKIT_CONFIG_DIR": str(tmp_path / "config"),
           "TERM": "xterm-256color"}
    term = Terminal([*argv, "--db", str(db), "start", "--coach", "Ana", "--client", "Ben"], env)
    pid = 0
    try:
        term.wait_for("Ana coaching Ben", timeout=30)
        pid = term.pid()
        term.type("said just before the line dropped")  # the outcome field has the focus
        term.press("Enter")
        term.wait_for("Outcome saved")
        term.close()  # tmux kill-session: the terminal closes, the app gets SIGHUP
        took = _gone(pid, timeout=8)
        assert took is not None, "sessionkit still runs after its terminal closed"
        assert took < 4  # flush + 1.5 s grace, with room for a loaded machine
        journal = wait_for_journal(db, timeout=2)
        wait_for_file_text(journal, "said just before the line dropped", timeout=1)
        out = subprocess.run([str(COMMAND), "--db", str(db), "export"], capture_output=True,
                             text=True, timeout=60)
        assert out.returncode == 0, out.stderr  # the lock was released: the database opens
        assert "said just before the line dropped" in out.stdout
    finally:
        term.close()
        if pid and _gone(pid, 0.1) is None:
            os.kill(pid, 9)
