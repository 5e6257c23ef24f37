"""bench/bare_app.py's floor (`panes core DB`) does the core's start-up work of `sessionkit start`
for real: a bench row that silently did less would make the floor look lower than it is."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench" / "bare_app.py"


def test_the_floor_opens_the_database_and_starts_a_session(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    spec = importlib.util.spec_from_file_location("bare_app", BENCH)
    assert spec and spec.loader
    bare = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bare)
    started: list[tuple[str, str]] = []
    from sessionkit.live.session import LiveSession

    original = LiveSession.start.__func__  # type: ignore[attr-defined]

    def spy(cls: type[LiveSession], coach: str, client: str, *args: object, **kw: object
            ) -> LiveSession:
        live = original(cls, coach, client, *args, **kw)
        started.append((live.session.rounds[0].coach, live.session.rounds[0].client))
        return live

    monkeypatch.setattr(LiveSession, "start", classmethod(spy))
    db = tmp_path / "floor" / "db.json"
    bare.core_startup(str(db))
    assert db.is_file()  # the database was opened (created) and closed
    assert started == [("Ana", "Ben")]
    assert "sessionkit.cli" in sys.modules and "click" in sys.modules
