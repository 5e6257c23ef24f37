"""The unlock screen (Pilot): wrong passphrase, damage named as damage, unlock, ctrl+q."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.widgets import Input, Static
from textual.worker import WorkerCancelled

from screens.unlock import UnlockApp, UnlockScreen
from sessionkit.crypt.header import Kdf
from sessionkit.demo import generate
from sessionkit.store import SessionStore, convert, sealing

FAST = Kdf(1024, 1, 1)


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Path]:
    path = tmp_path / "data" / "sessionkit.json"
    with SessionStore.open(path) as store:
        store.save_many(generate(3))
        convert.encrypt(path, "tulip garden 42", FAST)
    sealing.forget_key(path)  # a new process: locked
    yield path
    sealing.forget_key(path)


def status(app: UnlockApp) -> str:
    return str(app.screen.query_one("#unlock-status", Static).render())


async def submit(pilot, text: str) -> None:  # type: ignore[no-untyped-def]
    field = pilot.app.screen.query_one(Input)
    field.value = text
    await pilot.press("enter")
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def test_wrong_then_right_passphrase(db: Path) -> None:
    app = UnlockApp(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, UnlockScreen)
        assert app.screen.query_one(Input).has_focus
        assert app.screen.query_one(Input).password
        await submit(pilot, "tulip garden 41")
        assert "Wrong passphrase" in status(app)
        assert app.screen.query_one(Input).value == "" and app.screen.query_one(Input).has_focus
        assert sealing.key_for(db) is None
        await submit(pilot, "tulip garden 42")
    assert app.return_value == "unlocked"
    assert sealing.key_for(db) is not None
    with SessionStore.open(db) as store:
        assert store.count() == 3


async def test_ctrl_q_quits_and_opens_nothing(db: Path) -> None:
    app = UnlockApp(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("t", "u")
        await pilot.press("ctrl+q")
    assert app.return_value is None and sealing.key_for(db) is None


async def test_damage_is_not_called_a_wrong_passphrase(db: Path) -> None:
    raw = bytearray(db.read_bytes())
    raw[30] ^= 1  # the database's header (its backups still hold the key)
    db.write_bytes(bytes(raw))
    for backup in (db.parent / "backups").glob("*.json"):
        backup.write_bytes(backup.read_bytes()[:20])  # and every backup cut short
    sealing.pending_path(db).unlink(missing_ok=True)
    app = UnlockApp(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await submit(pilot, "tulip garden 42")
        shown = status(app)
        assert "Cannot unlock" in shown and "damaged" in shown
        assert "Wrong passphrase" not in shown


@pytest.mark.realtime  # measures responsiveness in real time: kept on the one serial worker
async def test_the_screen_stays_live_while_the_key_is_derived(db: Path) -> None:
    import threading

    started, release = threading.Event(), threading.Event()

    def slow(path: Path, passphrase: str) -> None:
        started.set()
        release.wait(5)
        sealing.unlock(path, passphrase)

    app = UnlockApp(db, derive=slow)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.screen.query_one(Input).value = "tulip garden 42"
        await pilot.press("enter")
        started.wait(5)
        await pilot.pause()
        assert "Unlocking" in status(app)  # drawn while the worker runs
        assert app.screen.query_one(Input).disabled
        release.set()
        try:
            await app.workers.wait_for_complete()
        except WorkerCancelled:  # unlocked: the screen went, with it the worker still returning
            pass
        await pilot.pause()
    assert app.return_value == "unlocked"
