"""Recovering a damaged database: restore the newest good backup or salvage what still reads;
the damaged file is always kept aside, byte for byte."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from sessionkit.demo import generate
from sessionkit.errors import StoreCorrupted
from sessionkit.store import SessionStore
from sessionkit.store.recovery import Damage, restore, salvage

NOW = datetime(2026, 11, 26, 6, 1, 2, tzinfo=UTC)


def damaged_db(tmp_path: Path, sessions: int = 5) -> tuple[Path, list[str]]:
    """A database of `sessions` with a backup, then its file cut short inside the last record."""
    db = tmp_path / "data" / "sessionkit.json"
    made = generate(sessions, seed=4)
    with SessionStore.open(db) as store:
        store.save_many(made)
        store.fold()
        store.backup_after_change()
    raw = db.read_bytes()
    last = raw.rindex(b'"rounds"')
    db.write_bytes(raw[:last + 40])
    return db, [s.id for s in made]


def damage_of(db: Path) -> Damage:
    with pytest.raises(StoreCorrupted) as caught:
        SessionStore.open(db)
    return Damage.of(caught.value, db)


def test_restore_puts_the_backup_back_and_keeps_the_damaged_file(tmp_path: Path) -> None:
    db, ids = damaged_db(tmp_path)
    broken = db.read_bytes()
    damage = damage_of(db)
    assert damage.backup is not None and damage.backup.sessions == 5
    aside = restore(damage, NOW)
    assert aside.name == "sessionkit.corrupt-20261126T060102Z.json"
    assert aside.read_bytes() == broken  # kept byte for byte
    with SessionStore.open(db) as store:
        assert sorted(s.id for s in store.sessions()) == sorted(ids)


def test_salvage_keeps_every_record_that_reads_and_lists_the_rest(tmp_path: Path) -> None:
    db, ids = damaged_db(tmp_path)
    broken = db.read_bytes()
    result = salvage(db, NOW)
    assert result.kept == 4
    assert len(result.lost) == 1 and "cannot be read" in result.lost[0]
    assert result.aside.read_bytes() == broken
    with SessionStore.open(db) as store:
        kept = {s.id for s in store.sessions()}
    assert len(kept) == 4 and kept < set(ids)


def test_salvage_names_invalid_and_duplicate_records(tmp_path: Path) -> None:
    db = tmp_path / "sessionkit.json"
    a, b = (s.to_dict() for s in generate(2, seed=9))
    bad = {**b, "id": "bad-one", "rounds": "not a list"}
    twin = dict(a)
    meta = {"1": {"schema": 1, "app": "0.1", "created": "2026-11-25T09:00:00+00:00"}}
    db.write_text(json.dumps({"_meta": meta, "sessions": {"1": a, "2": bad, "3": twin}}))
    result = salvage(db, NOW)
    assert result.kept == 1
    assert any(line.startswith("record 2:") for line in result.lost)
    assert any("a second record with id" in line for line in result.lost)


def test_two_recoveries_in_one_second_never_overwrite_the_first_copy(tmp_path: Path) -> None:
    db, _ = damaged_db(tmp_path)
    first = salvage(db, NOW).aside
    db.write_bytes(b"broken again")
    second = salvage(db, NOW).aside
    assert first != second and second.read_bytes() == b"broken again"
    assert first.exists()
