"""The review's summary index beside the database: current, stale, damaged, private."""

from __future__ import annotations

import json
import zlib
from pathlib import Path

import pytest

from sessionkit import __version__
from sessionkit.clock import FakeClock
from sessionkit.demo import generate
from sessionkit.review import index_file
from sessionkit.review.history import HistoryIndex
from sessionkit.review.source import IndexedHistory, refresh
from sessionkit.store import SessionStore
from sessionkit.store.lazy import LazyStore

APP = __version__


@pytest.fixture
def db(tmp_path: Path, fake: FakeClock) -> Path:
    path = tmp_path / "data" / "db.json"
    with SessionStore.open(path, clock=fake) as store:
        store.save_many(generate(120))
    with SessionStore.open(path, clock=fake) as store:
        assert refresh(store, APP, min_sessions=0)
    return path


def as_built(db: Path) -> HistoryIndex:
    with SessionStore.open(db, readonly=True) as store:
        return HistoryIndex.from_store(store)


def test_index_holds_what_the_database_gives_and_is_owner_only(db: Path) -> None:
    path = index_file.index_path(db)
    assert path.stat().st_mode & 0o777 == 0o600
    expected = as_built(db).rows
    assert index_file.read_rows(db, APP) == expected
    head = index_file.read_head(db, APP)
    assert head is not None and head.count == 120
    assert head.rows == expected[: index_file.HEAD_ROWS]
    assert head.people == as_built(db).people()


def test_review_reads_the_index_without_parsing_the_database(db: Path, fake: FakeClock) -> None:
    store = LazyStore.hold(db, fake)
    try:
        history = IndexedHistory(store, db, APP)
        assert history.head() is not None and len(history.full()) == 120
        assert not store.opened  # the database was never parsed
    finally:
        store.close()


@pytest.mark.parametrize("change", ["save", "version", "journal"])
def test_a_changed_database_makes_the_index_stale(db: Path, fake: FakeClock, change: str) -> None:
    app = APP
    if change == "save":
        with SessionStore.open(db, clock=fake) as store:
            store.save(generate(1, seed=99)[0])  # one line in the change log, then a fold
    elif change == "version":
        app = APP + ".1"
    else:
        (db.parent / "journal").mkdir(exist_ok=True)
        (db.parent / "journal" / f"{db.stem}-live-x1.jsonl").write_text("", encoding="utf-8")
    assert index_file.read_head(db, app) is None
    assert index_file.read_rows(db, app) is None


def test_every_rewrite_of_the_database_drops_the_index(db: Path, fake: FakeClock) -> None:
    """After `forget` (or any rewrite) no summary of the old data stays on disk."""
    with SessionStore.open(db, clock=fake) as store:
        store.save_many(generate(2, seed=5))
        assert not index_file.index_path(db).exists()


def _rewrite(db: Path, edit) -> None:  # noqa: ANN001
    path = index_file.index_path(db)
    lines = path.read_bytes().splitlines(keepends=True)
    path.write_bytes(b"".join(edit(lines)))


def _reseal(lines: list[bytes]) -> list[bytes]:
    """Lines with valid checksums again (a damaged index that still checks out)."""
    head = json.loads(lines[0].split(b" ", 1)[1])
    head["body"] = zlib.crc32(b"".join(lines[1:]))
    body = json.dumps(head, separators=(",", ":")).encode()
    return [b"%08x " % zlib.crc32(body) + body + b"\n", *lines[1:]]


@pytest.mark.parametrize("damage", ["flip a byte", "truncate", "wrong type", "head garbage",
                                    "bool for a number", "missing row"])
def test_a_damaged_index_is_ignored_and_rebuilt(db: Path, fake: FakeClock, damage: str) -> None:
    def edit(lines: list[bytes]) -> list[bytes]:
        if damage == "flip a byte":
            flipped = bytearray(lines[5])
            flipped[4] ^= 1  # inside the session id: still JSON, no longer what was written
            lines[5] = bytes(flipped)
        elif damage == "truncate":
            lines[-1] = lines[-1][:10]
        elif damage == "head garbage":
            lines[0] = b"not json at all\n"
        elif damage == "missing row":
            lines = _reseal(lines[:-1])
        else:
            row = json.loads(lines[3])
            row[10] = "three" if damage == "wrong type" else True
            lines[3] = json.dumps(row).encode() + b"\n"
            lines = _reseal(lines)
        return lines

    _rewrite(db, edit)
    assert index_file.read_rows(db, APP) is None
    store = LazyStore.hold(db, fake)
    try:
        history = IndexedHistory(store, db, APP, min_sessions=0)
        rebuilt = history.full()  # from the database
        assert store.opened and rebuilt.rows == as_built(db).rows
        assert history.keep()  # written again for next time
    finally:
        store.close()
    assert index_file.read_rows(db, APP) == as_built(db).rows


def test_small_histories_write_no_index(tmp_path: Path, fake: FakeClock) -> None:
    db = tmp_path / "db.json"
    with SessionStore.open(db, clock=fake) as store:
        store.save_many(generate(10))
    with SessionStore.open(db, clock=fake) as store:
        assert not refresh(store, APP)
    assert not index_file.index_path(db).exists()


def test_an_unchanged_database_is_not_read_again_for_its_backup(
    db: Path, fake: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The newest backup is checked by size and mtime: 30 MB are not re-read at every start."""
    backups = db.parent / "backups"
    before = sorted(backups.iterdir())
    read = Path.read_bytes

    def watched(path: Path) -> bytes:
        assert path.parent != backups, f"re-read {path}"
        return read(path)

    monkeypatch.setattr(Path, "read_bytes", watched)
    fake.advance(60)
    with SessionStore.open(db, clock=fake):
        pass
    assert sorted(backups.iterdir()) == before
