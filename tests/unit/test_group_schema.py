"""The groups table across schema steps, and a damaged group record reported as a damaged
session is: named in the store's notice (stderr, a toast), left out, kept in the file as it is."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from sessionkit.cli import main
from sessionkit.clock import FakeClock
from sessionkit.demo import generate
from sessionkit.store import SessionStore, migrate
from sessionkit.store.groups import all_groups, commit_group
from sessionkit.store.storage import parse_json
from tests.unit.test_group_store import _meeting
from tests.unit.test_store_damage import _v1_to_v2


def _db_with_a_meeting(db: Path, fake: FakeClock) -> dict[str, Any]:
    live = _meeting(fake)
    live.end_round()
    live.finish("Shorter rounds", None)
    with SessionStore.open(db) as store:
        store.save_many(generate(2))
        commit_group(store, live.session)
    return live.session.to_dict()


def test_a_session_step_leaves_meetings_as_they_are(tmp_path: Path, fake: FakeClock,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "db.json"
    before = _db_with_a_meeting(db, fake)
    original = db.read_bytes()
    monkeypatch.setattr(migrate, "MIGRATIONS", [_v1_to_v2])  # renames a session's `model`
    with SessionStore.open(db) as store:
        (meeting,) = all_groups(store)
        assert meeting.method == "troika"  # the session step never ran on it
    data = parse_json(db.read_bytes())
    (stored,) = data["groups"].values()
    assert stored == {**before, "schema": 2}
    assert all(d["schema"] == 2 and "method" in d for d in data["sessions"].values())
    assert (tmp_path / "backups" / "db-pre-v2.json").read_bytes() == original


def test_a_group_step_runs_on_meetings_only(tmp_path: Path, fake: FakeClock,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "db.json"
    before = _db_with_a_meeting(db, fake)
    monkeypatch.setattr(migrate, "MIGRATIONS", [lambda r: dict(r)])
    monkeypatch.setattr(migrate, "GROUP_MIGRATIONS",
                        {1: lambda r: {**r, "lessons": r["lessons"].upper()}})
    with SessionStore.open(db) as store:
        (meeting,) = all_groups(store)
        assert meeting.lessons == "SHORTER ROUNDS"
        assert all("lessons" not in d for d in store.raw_sessions())
    record = dict(before)
    out = migrate.migrate_group_record(record, 1)
    assert record == before and out["schema"] == 2  # pure: its argument untouched


def test_an_older_export_migrates_its_meetings_on_import(tmp_path: Path, fake: FakeClock,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "db.json"
    _db_with_a_meeting(db, fake)
    out = tmp_path / "backup.json"
    assert CliRunner().invoke(main, ["--db", str(db), "export", "--out", str(out)]).exit_code == 0
    from sessionkit import models
    from sessionkit.exports import transfer

    monkeypatch.setattr(migrate, "MIGRATIONS", [_v1_to_v2])
    monkeypatch.setattr(migrate, "GROUP_MIGRATIONS",
                        {1: lambda r: {**r, "lessons": r["lessons"].upper()}})
    monkeypatch.setattr(models, "SCHEMA", 2)
    monkeypatch.setattr(transfer, "SCHEMA", 2)
    sessions, groups = transfer.read_import_all(out)
    assert [g.lessons for g in groups] == ["SHORTER ROUNDS"] and len(sessions) == 2


def _damage(db: Path) -> dict[str, Any]:
    data = json.loads(db.read_text())
    doc = next(iter(data["groups"].values()))
    doc["members"] = ["Ana", "Ana", "Ben"]
    db.write_text(json.dumps(data))
    db.chmod(0o600)
    return doc


def test_a_damaged_meeting_is_named_when_the_store_opens(tmp_path: Path,
                                                         fake: FakeClock) -> None:
    db = tmp_path / "db.json"
    _db_with_a_meeting(db, fake)
    damaged = _damage(db)
    with SessionStore.open(db) as store:
        assert list(store.damaged_groups) == [damaged["id"]]
        (note,) = [n for n in store.notices if "group meeting" in n]
        assert f"{db} holds 1 damaged group meeting record, left out of what is shown and " \
               "exported and kept in the file unchanged" in note
        assert "'Ana' is named twice" in note
        assert all_groups(store) == [] and len(store.raw_sessions()) == 2
        other = _meeting(fake)
        commit_group(store, other.session)  # a save keeps the damaged record as it was
    rows = parse_json(db.read_bytes())["groups"]
    assert rows[damaged["id"]] == damaged and other.session.id in rows
    result = CliRunner().invoke(main, ["--db", str(db), "export"])
    assert result.exit_code == 0
    assert "holds 1 damaged group meeting record" in result.output
