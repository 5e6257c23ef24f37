"""The recovery screen on a damaged database: look at the backup, restore it, salvage, or quit;
and `sessionkit` in a terminal goes through it to the home screen."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from screens.app import SessionkitApp
from screens.recovery import RecoveryApp, RecoveryScreen
from screens.review import ReviewScreen
from screens.widgets.row_table import RowTable
from sessionkit import cli
from sessionkit.clock import FakeClock
from sessionkit.store import SessionStore
from sessionkit.store.recovery import Damage
from tests.pilot import wait_for
from tests.ui.hostile_walk import screen_text, wait_text
from tests.unit.test_recovery import damage_of, damaged_db

SIZE = (100, 30)


async def shown_up(pilot) -> None:
    """Until the recovery screen is up (RecoveryApp pushes it on mount): a key pressed before
    would reach the default screen and be lost."""
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, RecoveryScreen),
                   "the recovery screen", delay=0.02)


@pytest.fixture
def broken(tmp_path: Path) -> tuple[Path, bytes, Damage]:
    db, _ = damaged_db(tmp_path)
    return db, db.read_bytes(), damage_of(db)


async def test_open_the_backup_read_only_then_back(broken, fake: FakeClock) -> None:
    db, before, damage = broken
    app = RecoveryApp(damage, fake)
    async with app.run_test(size=SIZE) as pilot:
        await shown_up(pilot)
        text = screen_text(app)
        assert "Your database cannot be opened" in text and "The file has not been changed" in text
        assert "Newest good backup" in text and "(5 sessions" in text
        await pilot.press("o")
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        assert len(app.screen.query_one(RowTable).items) == 5
        await pilot.press("escape")
        assert isinstance(app.screen, RecoveryScreen)
    assert db.read_bytes() == before  # looking changes nothing


async def test_restore_keeps_the_damaged_file_and_continues(broken, fake: FakeClock) -> None:
    db, before, damage = broken
    app = RecoveryApp(damage, fake)
    async with app.run_test(size=SIZE) as pilot:
        await shown_up(pilot)
        await pilot.press("r")
        assert "Restored the backup. The damaged file is kept as" in screen_text(app)
        await pilot.press("enter")
    assert app.return_value == "restored"
    [aside] = db.parent.glob("sessionkit.corrupt-*.json")
    assert aside.read_bytes() == before
    with SessionStore.open(db) as store:
        assert store.count() == 5


async def test_salvage_lists_what_was_lost(broken, fake: FakeClock) -> None:
    db, before, damage = broken
    app = RecoveryApp(damage, fake)
    async with app.run_test(size=SIZE) as pilot:
        await shown_up(pilot)
        await pilot.press("s")
        text = await wait_text(app, pilot, "Salvaged")  # drawn when the salvage is done
        assert "Salvaged 4 session(s) into a new database" in text
        assert "Lost (1):" in text and "cannot be read" in text
        await pilot.press("enter")
    assert app.return_value == "salvaged"
    [aside] = db.parent.glob("sessionkit.corrupt-*.json")
    assert aside.read_bytes() == before
    with SessionStore.open(db) as store:
        assert store.count() == 4


async def test_quit_changes_nothing(broken, fake: FakeClock) -> None:
    db, before, damage = broken
    app = RecoveryApp(damage, fake)
    async with app.run_test(size=SIZE) as pilot:
        await shown_up(pilot)
        await pilot.press("enter", "q")  # enter does nothing before a choice
    assert app.return_value is None
    assert db.read_bytes() == before and not list(db.parent.glob("*.corrupt-*"))


def test_sessionkit_in_a_terminal_goes_through_recovery_to_home(
    broken, monkeypatch: pytest.MonkeyPatch
) -> None:
    db, before, _ = broken
    seen: list[str] = []

    def headless(cls: type, keys: list[str]) -> None:
        run = cls.run

        def run_headless(self: Any, *args: Any, **kwargs: Any) -> Any:
            async def drive(pilot: Any) -> None:
                await pilot.pause()
                seen.append(type(pilot.app.screen).__name__)
                await pilot.press(*keys)
                if keys == []:
                    pilot.app.exit()

            return run(self, *args, headless=True, size=SIZE, auto_pilot=drive, **kwargs)

        monkeypatch.setattr(cls, "run", run_headless)

    headless(RecoveryApp, ["s", "enter"])
    headless(SessionkitApp, [])
    monkeypatch.setattr(cli.base, "_interactive", lambda: True)
    result = CliRunner().invoke(cli.main, ["--db", str(db)])
    assert result.exit_code == 0, result.output
    assert seen == ["RecoveryScreen", "HomeScreen"]
    with SessionStore.open(db) as store:
        assert store.count() == 4
    [aside] = db.parent.glob("sessionkit.corrupt-*.json")
    assert aside.read_bytes() == before


async def test_a_failed_salvage_says_so_once_and_changes_nothing(
    broken, fake: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sessionkit.errors import StoreWriteError
    from sessionkit.store import recovery

    def full_disk(path: Path, data: bytes) -> None:
        raise StoreWriteError(f"NOT SAVED: disk full ({path.parent} has 3 KiB free)")

    monkeypatch.setattr(recovery, "atomic_write_bytes", full_disk)
    db, before, damage = broken
    app = RecoveryApp(damage, fake)
    async with app.run_test(size=SIZE) as pilot:
        await shown_up(pilot)
        await pilot.press("s")
        text = await wait_text(app, pilot, "Not salvaged", "unchanged")
        text = " ".join(text.split())  # a long temporary path wraps the line anywhere
        assert "Not salvaged: disk full (" in text and text.count("NOT SAVED") == 0, text
        assert "The damaged file is unchanged." in text
        await pilot.press("enter")  # nothing to continue to: still here
        assert isinstance(app.screen, RecoveryScreen)
    assert db.read_bytes() == before
