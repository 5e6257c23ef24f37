"""kill -9 on an encrypted store: during a live session and saves (the crash harness), and in
the middle of `encrypt` and of a passphrase change."""

from __future__ import annotations

import os
import random
import shutil
import signal
import sys
import time
from pathlib import Path

import pytest
from crash_harness import run_trials

from sessionkit.crypt import WrongPassphrase, is_sealed
from sessionkit.crypt.header import Kdf
from sessionkit.crypt.keys import DataKey
from sessionkit.demo import generate
from sessionkit.store import SessionStore, convert, sealing

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs fork and SIGKILL")
FAST = Kdf(1024, 1, 1)
WORDS = "tulip garden 42"


@pytest.fixture(autouse=True)
def no_keys_left() -> None:
    yield
    sealing._KEYS.clear()


@pytest.mark.slow
def test_kill_9_on_an_encrypted_store_never_loses_an_acknowledged_write(tmp_path: Path) -> None:
    key = DataKey.new(WORDS, FAST)
    trials = 40
    for i in range(trials + 1):  # the harness's lanes: the forked writers inherit the key
        sealing.remember(tmp_path / f"lane-{i}" / "sessionkit.json", key)
    result = run_trials(tmp_path, trials=trials, lanes=4, seed=20261204)
    assert result.failures == []
    assert result.acknowledged > 200
    dbs = list(tmp_path.glob("lane-*/sessionkit.json"))
    assert dbs and all(is_sealed(db.read_bytes()) for db in dbs)
    for path in tmp_path.rglob("*"):
        if path.is_file() and not path.name.startswith("acks-"):
            assert b"\"Ben\"" not in path.read_bytes(), path  # not 3 bytes: chance finds them


def _killed_during(work: object, delay: float) -> None:
    pid = os.fork()
    if pid == 0:
        code = 0
        try:
            work()  # type: ignore[operator]
        except BaseException:  # noqa: BLE001
            code = 3
        finally:
            os._exit(code)
    deadline = time.monotonic() + delay
    while time.monotonic() < deadline:
        if os.waitpid(pid, os.WNOHANG)[0]:
            return  # it ended by itself (died at its n-th write, or finished)
        time.sleep(0.005)
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("template") / "data" / "sessionkit.json"
    with SessionStore.open(db) as store:
        store.save_many(generate(400))
        store.journal("live1").append({**generate(1, seed=5)[0].to_dict(), "id": "live1",
                                       "status": "unfinished"})
        store.save(generate(1, seed=6)[0])  # in the change log
        store._lock.release()
        store._lock = None
    return db


def _dies_after(writes: int) -> None:
    """In the child: the process ends (no cleanup, as kill -9) right after its n-th file."""
    real, done = convert.atomic_write_bytes, [0]

    def write(path: Path, data: bytes) -> None:
        real(path, data)
        done[0] += 1
        if done[0] >= writes:
            os._exit(9)

    convert.atomic_write_bytes = write  # type: ignore[assignment]


@pytest.mark.slow
@pytest.mark.parametrize("trial", range(12))
def test_kill_9_during_encrypt(template: Path, tmp_path: Path, trial: int) -> None:
    """Trials 0-5 die right after the n-th file written (marker, backups, change log, live
    journal, database); 6-11 are killed at a random moment."""
    db = tmp_path / "data" / "sessionkit.json"
    shutil.copytree(template.parent, db.parent)
    with SessionStore.open(db) as store:
        want = {s["id"] for s in store.raw_sessions()}

    def work() -> None:
        if trial < 6:
            _dies_after(trial + 1)
        with SessionStore.open(db) as store:
            store.fold()
            convert.encrypt(db, WORDS, FAST)

    _killed_during(work, 5.0 if trial < 6 else random.Random(trial).uniform(0.0, 0.4))
    if sealing.encrypted(db):
        sealing.unlock(db, WORDS)
    with SessionStore.open(db) as store:  # finishes an interrupted run
        assert {s["id"] for s in store.raw_sessions()} == want
        assert [s.id for s in store.pending()] == ["live1"]
    assert not sealing.pending_path(db).exists()
    sealed = [is_sealed(p.read_bytes()) for p in db.parent.rglob("*.json")
              if p.parent.name == "backups" or p == db]
    assert all(sealed) or not any(sealed)  # all the way, or not started


@pytest.mark.slow
@pytest.mark.parametrize("trial", range(6))
def test_kill_9_during_a_passphrase_change(template: Path, tmp_path: Path, trial: int) -> None:
    db = tmp_path / "data" / "sessionkit.json"
    shutil.copytree(template.parent, db.parent)
    with SessionStore.open(db) as store:
        convert.encrypt(db, WORDS, FAST)
        want = {s["id"] for s in store.raw_sessions()}
    sealing._KEYS.clear()

    def work() -> None:
        sealing.unlock(db, WORDS)
        with SessionStore.open(db):
            convert.change_passphrase(db, "a brand new sentence", FAST)

    _killed_during(work, random.Random(trial).uniform(0.0, 0.1))
    try:
        sealing.unlock(db, "a brand new sentence")
    except WrongPassphrase:
        sealing.unlock(db, WORDS)  # killed before the database's header was replaced
    with SessionStore.open(db) as store:
        assert {s["id"] for s in store.raw_sessions()} == want
        assert [s.id for s in store.pending()] == ["live1"]
