"""A damaged, foreign, missing or newer database: a clear one-line error, the file untouched."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from typing import Any

import pytest

from sessionkit.demo import generate
from sessionkit.errors import StoreCorrupted, StoreReadOnly
from sessionkit.store import SessionStore, backups, migrate
from sessionkit.store.storage import parse_json

GOOD_META = {"_meta": {"1": {"schema": 1, "app": "0.1", "created": "2026-11-25T09:00:00+00:00"}}}

DAMAGE = {
    "empty": (b"", "the file is empty"),
    "blanks": (b" \n\n", "the file holds only blanks"),
    "null": (b"null", "the file holds only 'null'"),
    "not json": (b"hello, coach", "not valid JSON (expecting value, line 1 column 1, byte 0)"),
    "binary": (b"\x80\x81garbage", "not UTF-8 text (byte 0)"),
    "list": (b"[1, 2]", "the top level is a JSON list"),
    "foreign shape": (b'{"sessions": []}', "no _meta table"),
    "plain tinydb": (b'{"_default": {"1": {"a": 1}}}', "no _meta table"),
    "bad schema": (json.dumps({"_meta": {"1": {"schema": "one"}}}).encode(),
                   "_meta has no schema number"),
    "record without id": (json.dumps({**GOOD_META, "sessions": {"1": {"x": 1}}}).encode(),
                          "session record 1 has no id"),
    "NaN": (json.dumps({**GOOD_META, "sessions": {"1": {"id": "a", "x": float("nan")}}}).encode(),
            "NaN is not a number JSON allows"),
}


def _good_db(path: Path) -> bytes:
    with SessionStore.open(path) as store:
        store.save_many(generate(3))
        store.commit(generate(4)[3])
    return path.read_bytes()


def _freeze(path: Path) -> tuple[bytes, int]:
    os.utime(path, ns=(1_000_000_000, 1_000_000_000))
    return path.read_bytes(), path.stat().st_mtime_ns


@pytest.mark.parametrize("readonly", [False, True], ids=["open", "readonly"])
@pytest.mark.parametrize("with_backup", [False, True], ids=["no-backup", "backup"])
@pytest.mark.parametrize("case", [*DAMAGE, "truncated"])
def test_damage_is_reported_and_the_file_is_untouched(
    tmp_path: Path, case: str, with_backup: bool, readonly: bool
) -> None:
    db = tmp_path / "sessionkit.json"
    if with_backup:
        _good_db(db)
    if case == "truncated":
        if not with_backup:  # a database that was written, whose backups are gone
            _good_db(db)
            shutil.rmtree(backups.backups_dir(db))
        db.write_bytes(db.read_bytes()[: db.stat().st_size // 2])
        problem = "not valid JSON"
    else:
        db.write_bytes(DAMAGE[case][0])
        problem = DAMAGE[case][1]
    before = _freeze(db)
    with pytest.raises(StoreCorrupted) as caught:
        SessionStore.open(db, readonly=readonly)
    message = str(caught.value)
    assert "\n" not in message
    assert message.startswith(f"{db} is damaged: ")
    assert problem in message
    assert "The file was left unchanged." in message
    if with_backup:
        backup = caught.value.backup
        assert backup is not None and str(backup.path) in message  # type: ignore[attr-defined]
        assert "4 sessions" in message
        assert f"copy it over {db.name} to restore" in message
    else:
        assert caught.value.backup is None
        assert "No good backup found" in message
    assert (db.read_bytes(), db.stat().st_mtime_ns) == before
    assert list(tmp_path.glob(".sessionkit-tmp-*")) == []
    if with_backup and not readonly:  # the lock was released: after a restore, open works
        db.write_bytes(caught.value.backup.path.read_bytes())  # type: ignore[attr-defined]
        with SessionStore.open(db) as store:
            assert store.count() == 4


def test_a_damaged_record_is_named_in_a_notice_and_left_out(tmp_path: Path) -> None:
    db = tmp_path / "sessionkit.json"
    data = {**GOOD_META, "sessions": {"1": {"id": "a", "started_at": "yesterday"}}}
    db.write_text(json.dumps(data))
    with SessionStore.open(db, readonly=True) as store:
        assert list(store.sessions()) == [] and store.raw_sessions() == []
        assert store.damaged == {"1": "record 1.started_at: Invalid isoformat string: 'yesterday'"}
        assert any("1 damaged session record" in n and "record 1.started_at" in n
                   for n in store.notices)


def test_missing_database_with_backups_is_not_silently_recreated(tmp_path: Path) -> None:
    db = tmp_path / "sessionkit.json"
    _good_db(db)
    db.unlink()
    with pytest.raises(StoreCorrupted, match="is missing but its backups exist; to restore, copy"):
        SessionStore.open(db)
    assert not db.exists()


def test_newer_schema_opens_read_only(tmp_path: Path) -> None:
    db = tmp_path / "sessionkit.json"
    data = {"_meta": {"1": {"schema": 99}}, "sessions": {"1": {"id": "a", "future": True}}}
    db.write_text(json.dumps(data))
    os.chmod(db, 0o600)
    before = _freeze(db)
    with SessionStore.open(db) as store:
        assert store.readonly
        notice, unread = store.notices
        assert "written by a newer sessionkit (schema 99; this one knows up to 1)" in notice
        assert "read-only" in notice
        with pytest.raises(StoreReadOnly):
            store.save(generate(1)[0])
        # a record this version cannot read is named, not shown half-understood
        assert store.count() == 0 and "record 1.started_at: missing" in unread
    assert _freeze(db) == before


def _v1_to_v2(record: dict[str, Any]) -> dict[str, Any]:
    """A pretend migration: schema 2 renames `model` to `method`."""
    out = {k: v for k, v in record.items() if k != "model"}
    out["method"] = record.get("model", "grow")
    return out


def test_an_older_schema_is_backed_up_then_migrated_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "sessionkit.json"
    original = _good_db(db)
    monkeypatch.setattr(migrate, "MIGRATIONS", [_v1_to_v2])
    writes: list[Path] = []
    from sessionkit.store import storage

    real = storage.atomic_write_bytes
    monkeypatch.setattr(storage, "atomic_write_bytes",
                        lambda p, d: (writes.append(p), real(p, d))[1])
    with SessionStore.open(db, readonly=True):
        pass
    assert db.read_bytes() == original  # a read-only open migrates in memory only
    SessionStore.open(db).close()
    assert writes.count(db) == 1
    assert (tmp_path / "backups" / "sessionkit-pre-v2.json").read_bytes() == original
    data = parse_json(db.read_bytes())
    assert data["_meta"]["1"]["schema"] == 2
    docs = list(data["sessions"].values())
    assert len(docs) == 4
    assert all(d["schema"] == 2 and "method" in d and "model" not in d for d in docs)


def test_migrations_are_pure(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(migrate, "MIGRATIONS", [_v1_to_v2])
    record = generate(1)[0].to_dict()
    copy = json.loads(json.dumps(record))
    out = migrate.migrate_record(record, 1)
    assert record == copy and out["method"] == record["model"] and out["schema"] == 2
