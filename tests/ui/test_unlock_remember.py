""""Remember on this computer": offered only with a real OS keyring, never the only way in."""

from __future__ import annotations

import sys
import types
from pathlib import Path

import pytest
from click.testing import CliRunner
from textual.widgets import Checkbox, Input

from screens.unlock import UnlockApp
from sessionkit.cli import main
from sessionkit.crypt.header import Kdf
from sessionkit.demo import generate
from sessionkit.store import SessionStore, convert, remembered, sealing

FAST = Kdf(1024, 1, 1)
WORDS = "tulip garden 42"


class Backend:
    """An in-memory keyring backend, as keyring's real ones answer."""

    priority = 5

    def __init__(self) -> None:
        self.kept: dict[tuple[str, str], str] = {}

    def set_password(self, service: str, user: str, value: str) -> None:
        self.kept[service, user] = value

    def get_password(self, service: str, user: str) -> str | None:
        return self.kept.get((service, user))

    def delete_password(self, service: str, user: str) -> None:
        self.kept.pop((service, user), None)


class Fail(Backend):
    priority = 0


def fake_keyring(monkeypatch: pytest.MonkeyPatch, backend: Backend) -> None:
    module = types.ModuleType("keyring")
    module.get_keyring = lambda: backend  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "keyring", module)


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "data" / "sessionkit.json"
    with SessionStore.open(path) as store:
        store.save_many(generate(3))
        convert.encrypt(path, WORDS, FAST)
    sealing._KEYS.clear()
    yield path
    sealing._KEYS.clear()


async def test_not_offered_without_a_real_backend(monkeypatch: pytest.MonkeyPatch,
                                                  db: Path) -> None:
    fake_keyring(monkeypatch, Fail())
    assert not remembered.available()
    app = UnlockApp(db, offer_keep=remembered.available)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert not app.screen.query(Checkbox)
    monkeypatch.setitem(sys.modules, "keyring", None)  # not installed
    assert not remembered.available()


async def test_kept_key_opens_without_the_passphrase_and_decrypt_forgets_it(
    monkeypatch: pytest.MonkeyPatch, db: Path, tmp_path: Path
) -> None:
    backend = Backend()
    fake_keyring(monkeypatch, backend)
    app = UnlockApp(db, offer_keep=remembered.available)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()  # the keyring probe
        await pilot.pause()
        app.screen.query_one(Checkbox).value = True
        app.screen.query_one(Input).value = WORDS
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
    assert app.return_value == "keep"
    key = sealing.key_for(db)
    assert key is not None and remembered.keep(db, key)
    assert b"tulip" not in remembered.marker(db).read_bytes()
    sealing._KEYS.clear()
    out = CliRunner().invoke(main, ["--db", str(db), "export"])  # no terminal, no file
    assert out.exit_code == 0, out.stderr
    sealing._KEYS.clear()
    backend.kept.clear()  # the keyring lost it: back to the passphrase, one line
    out = CliRunner().invoke(main, ["--db", str(db), "export"])
    assert out.exit_code == 1 and "--passphrase-file" in out.stderr
    remembered.keep(db, key)
    sealing._KEYS.clear()
    out = CliRunner().invoke(main, ["--db", str(db), "decrypt", "--yes"])
    assert out.exit_code == 0, out.stderr
    assert backend.kept == {} and not remembered.marker(db).exists()


def test_a_kept_key_of_another_file_is_ignored(monkeypatch: pytest.MonkeyPatch, db: Path,
                                               tmp_path: Path) -> None:
    backend = Backend()
    fake_keyring(monkeypatch, backend)
    other = tmp_path / "other" / "sessionkit.json"
    with SessionStore.open(other):
        key = convert.encrypt(other, "other words here", FAST)
    remembered.keep(db, key)  # the wrong database's key under this one's name
    assert remembered.load(db) is None
