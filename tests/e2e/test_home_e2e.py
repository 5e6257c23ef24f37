"""The installed `sessionkit` in tmux: home paints first and builds its dashboard after, and
quitting while the dashboard is still being built closes the app (and frees the database)."""

from __future__ import annotations

from pathlib import Path

import pytest

from sessionkit.demo import generate
from sessionkit.store import SessionStore
from tests.e2e.tmuxdrive import COMMAND, Terminal, require_app

pytestmark = pytest.mark.e2e

require_app()


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "data" / "many.json"
    store = SessionStore.open(path)
    store.save_many(generate(2000))
    store.close()
    return path


def test_quit_while_the_dashboard_loads_closes_the_app(db: Path, tmp_path: Path) -> None:
    env = {"SESSIONKIT_CONFIG_DIR": str(tmp_path / "config"), "TZ": "Europe/Amsterdam"}
    for _ in range(3):  # quit at once, at the first frame, a few times over
        term = Terminal([str(COMMAND), "--db", str(db)], env)
        try:
            term.wait_for("Start a session")
            term.keys("C-q")
            term.wait_closed(20)
        finally:
            term.close()
    term = Terminal([str(COMMAND), "--db", str(db)], env)  # the database is free again
    try:
        term.wait_for("2000 sessions saved", timeout=30)
        term.keys("C-q")
        term.wait_closed(20)
    finally:
        term.close()


def lock_holder(db: Path) -> int | None:
    """The pid in the database's lock file while that process is alive, else None."""
    import json
    import os

    try:
        pid = int(json.loads(db.with_suffix(".lock").read_text())["pid"])
        os.kill(pid, 0)
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return pid


def test_closing_the_terminal_as_home_fills_lets_go_of_the_database(
    db: Path, tmp_path: Path
) -> None:
    """Closing the terminal (SIGHUP) while the screen is still being drawn must end the app:
    a process left hanging would keep the lock, and the next start would be refused."""
    import time

    env = {"SESSIONKIT_CONFIG_DIR": str(tmp_path / "config"), "TZ": "Europe/Amsterdam"}
    for _ in range(3):
        term = Terminal([str(COMMAND), "--db", str(db)], env)
        term.wait_for("sessions saved", timeout=30)
        term.close()  # tmux kill-session: the terminal is gone, the app gets SIGHUP
        deadline = time.monotonic() + 20
        while lock_holder(db) is not None and time.monotonic() < deadline:
            time.sleep(0.1)
        assert lock_holder(db) is None, "the app still holds the database after SIGHUP"
