"""How the app ends: a crash exits non-zero with one line (the traceback in a log, never on the
terminal); a stop signal flushes the journal and exits even when Textual hangs."""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from screens.app import SessionkitApp
from screens.home import HomeScreen
from sessionkit.cli import main
from sessionkit.cli.base import CRASH_LOG


@pytest.fixture
def headless(monkeypatch: pytest.MonkeyPatch) -> None:
    """`sessionkit` as the user runs it, without a terminal (Textual's headless driver)."""
    run = SessionkitApp.run

    def run_headless(self: SessionkitApp, *args: Any, **kwargs: Any) -> Any:
        return run(self, *args, headless=True, size=(100, 30), **kwargs)

    monkeypatch.setattr(SessionkitApp, "run", run_headless)


def test_a_crash_inside_the_app_exits_non_zero_with_one_line(
    tmp_path: Path, headless: None, monkeypatch: pytest.MonkeyPatch, terminal: None
) -> None:
    def broken(self: HomeScreen) -> None:
        raise ValueError("a record the screen cannot show")

    monkeypatch.setattr(HomeScreen, "refresh_lists", broken)
    db = tmp_path / "data" / "sessionkit.json"
    result = CliRunner().invoke(main, ["--db", str(db)])
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "unexpected error (ValueError: a record the screen cannot show)" in lines[0]
    assert "Traceback" not in result.output + result.stderr
    log = db.parent / CRASH_LOG
    assert str(log) in lines[0]
    assert "Traceback" in log.read_text() and "refresh_lists" in log.read_text()
    assert stat.S_IMODE(os.stat(log).st_mode) == 0o600
    stamp = log.read_text().splitlines()[0].split()[1]  # "--- <when> sessionkit <version>"
    assert stamp.endswith("+00:00")  # stored times are UTC with their offset
