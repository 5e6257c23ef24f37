"""Fault injection (SQLite style): the k-th os.write / os.fsync / os.replace fails.

After every failure: StoreWriteError, the database bytes identical, no temp file left, and the
store's view unchanged. The loop runs k = 1, 2, ... until the write gets through.
"""

from __future__ import annotations

import errno
import os
from collections import namedtuple
from pathlib import Path
from typing import Any

import pytest

from sessionkit.demo import generate
from sessionkit.errors import StoreWriteError
from sessionkit.store import SessionStore, storage
from sessionkit.store import journal as journal_module


def temp_files(db: Path) -> list[Path]:
    return list(db.parent.rglob(storage.TMP_PREFIX + "*"))


@pytest.mark.parametrize("code", [errno.ENOSPC, errno.EIO])
@pytest.mark.parametrize("name", ["write", "fsync", "replace"])
def test_kth_call_fails(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str,
                        code: int) -> None:
    db = tmp_path / "sessionkit.json"
    store = SessionStore.open(db)
    store.save_many(generate(5))
    before = db.read_bytes()
    batch = generate(8)[5:]
    real = getattr(os, name)
    failures = 0
    for k in range(1, 20):
        calls = 0

        def faulty(*args: Any, k: int = k) -> Any:
            nonlocal calls
            calls += 1
            if calls == k:
                raise OSError(code, os.strerror(code))
            return real(*args)

        monkeypatch.setattr(storage.os, name, faulty)
        try:
            store.save_many(batch)
        except StoreWriteError as err:
            failures += 1
            assert str(err).startswith(f"NOT SAVED: {os.strerror(code)}")
            assert db.read_bytes() == before
            assert temp_files(db) == []
            assert store.count() == 5 and store.get(batch[0].id) is None
            continue
        finally:
            monkeypatch.setattr(storage.os, name, real)
        break
    assert failures >= 1
    assert store.count() == 8
    store.close()
    with SessionStore.open(db) as again:
        assert again.count() == 8


def test_short_writes_are_completed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "sessionkit.json"
    real = os.write
    monkeypatch.setattr(storage.os, "write", lambda fd, data: real(fd, bytes(data[:1000])))
    with SessionStore.open(db) as store:
        store.save_many(generate(10))
    monkeypatch.undo()
    with SessionStore.open(db) as store:
        assert store.count() == 10


def test_too_little_free_space_refuses_before_writing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "sessionkit.json"
    store = SessionStore.open(db)
    before = db.read_bytes()
    usage = namedtuple("usage", "total used free")
    monkeypatch.setattr(storage.shutil, "disk_usage", lambda _: usage(10**9, 10**9, 500_000))
    with pytest.raises(StoreWriteError, match=r"NOT SAVED: disk full \(.* has 488 KiB free\)"):
        store.save_many(generate(3))
    assert db.read_bytes() == before and temp_files(db) == []
    store.close()


def test_a_failed_commit_keeps_the_journal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "sessionkit.json"
    store = SessionStore.open(db)
    live = generate(1)[0]
    live.status = "unfinished"
    store.journal(live.id).append(live.to_dict())
    live.status = "completed"

    def no_space(*args: Any) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(journal_module.os, "write", no_space)
    with pytest.raises(StoreWriteError):
        store.commit(live)
    monkeypatch.undo()
    assert [s.id for s in store.pending()] == [live.id]
    store.commit(live)  # the retry succeeds
    assert store.pending() == [] and store.get(live.id).status == "completed"
    store.close()
