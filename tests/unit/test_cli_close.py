"""What the app leaves behind is said when it closes: a fold that failed (issue 9, item 12)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from sessionkit.cli import main
from sessionkit.demo import generate
from sessionkit.errors import StoreWriteError
from sessionkit.store import SessionStore


def test_a_failed_fold_at_close_is_reported_and_nothing_is_lost(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, terminal: None
) -> None:
    db = tmp_path / "db.json"
    session = generate(1)[0]

    class AppThatSaves:
        """Stands in for the TUI: saves one session the way a finished live session does."""

        def __init__(self, store: SessionStore, **_: Any) -> None:
            self.store = store

        def run(self) -> None:
            self.store.commit(session)

    def disk_full(self: SessionStore) -> None:
        raise StoreWriteError(f"NOT SAVED: No space left on device ({db})")

    monkeypatch.setattr("screens.app.make_app", AppThatSaves)
    monkeypatch.setattr(SessionStore, "fold", disk_full)
    result = CliRunner().invoke(main, ["--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "could not fold the saved sessions" in result.stderr
    assert "nothing is lost" in result.stderr and "NOT SAVED: NOT SAVED" not in result.stderr
    monkeypatch.undo()
    with SessionStore.open(db) as store:  # the change log is folded in at the next start
        assert store.get(session.id).to_dict() == session.to_dict()
