"""Damaged databases through every command: a one-line refusal for a damaged file, a notice
naming damaged records (which are left out, never crash a screen), never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.fuzz.cases import DAMAGES, DB_COMMANDS, EXPORTS, try_damaged

SAMPLE = ["nested 1500", "phase 999", "duplicate id", "400 digits", "path id"]


@pytest.mark.parametrize("damage", list(DAMAGES))
@pytest.mark.parametrize("command", [EXPORTS[1], ["review"]], ids=["export md", "review"])
def test_every_damage_is_refused_or_opened_with_a_notice(
    tmp_path: Path, damage: str, command: list[str]
) -> None:
    outcome, detail = try_damaged(tmp_path, damage, command)
    assert outcome in ("refused", "opened"), detail


@pytest.mark.parametrize("damage", SAMPLE)
@pytest.mark.parametrize("command", DB_COMMANDS, ids=lambda c: " ".join(c))
def test_every_command_on_sample_damages(tmp_path: Path, damage: str, command: list[str]) -> None:
    outcome, detail = try_damaged(tmp_path, damage, command)
    assert outcome in ("refused", "opened"), detail
    if damage in ("phase 999", "duplicate id", "400 digits", "path id"):
        assert (outcome, detail) == ("opened", "with a notice naming the damaged records")


async def test_home_review_and_start_screens_open_on_damaged_records(tmp_path: Path) -> None:
    """The app itself (Pilot), as `sessionkit`, `review` and `start` open it."""
    from screens.app import make_app
    from sessionkit.store import SessionStore
    from tests.fuzz.cases import make_db

    db = make_db(tmp_path)
    for damage in ("phase 999", "path id", "markup name", "osc52 note"):
        DAMAGES[damage](db)
    start = {"coach": "Ana", "client": "Ben", "minutes": 30, "model": "grow", "swap": False}
    for options in ({}, {"review": True}, {"start": start}):
        store = SessionStore.open(db)
        try:
            app = make_app(store=store, **options)
            async with app.run_test(size=(100, 30), notifications=True) as pilot:
                await pilot.pause()
                assert app.is_running
                await pilot.pause()
                toasts = [str(t.render()) for t in app.screen.query("Toast")]
                assert any("holds 1 damaged session record" in t for t in toasts), toasts
            assert app.return_code in (None, 0)
        finally:
            store.close()
