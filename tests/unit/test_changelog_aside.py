"""A change-log record that fails validation (a newer version's value) is kept aside, as damaged
databases are, never deleted with the change log at the next fold (issue 18)."""

from __future__ import annotations

from pathlib import Path

from sessionkit.models import Round, Session
from sessionkit.store import SessionStore
from sessionkit.store.journal import ChangeLog, read_all

AT = "2026-05-01T10:00:00+00:00"


def _session(sid: str) -> Session:
    return Session(id=sid, started_at=AT, status="completed",
                   rounds=[Round(coach="Ana", client="Ben", started_at=AT)])


def test_a_record_that_fails_validation_is_kept_aside(tmp_path: Path) -> None:
    db = tmp_path / "sessionkit.json"
    SessionStore.open(db).close()
    newer = _session("newer001").to_dict()
    newer["rounds"][0]["planned_minutes"] = 10**6  # a value this version refuses
    log = ChangeLog(db.parent / "journal" / "sessionkit-changes.jsonl")
    log.append(_session("good0001").to_dict())
    log.append(newer)
    log.close()
    store = SessionStore.open(db)
    (notice,) = [n for n in store.notices if "damaged change" in n]
    assert "1 damaged change(s)" in notice and "kept aside as" in notice
    assert store.get("good0001") is not None
    store.close()  # folds: the change log itself goes
    assert not (db.parent / "journal" / "sessionkit-changes.jsonl").exists()
    (kept,) = (db.parent / "journal").glob("sessionkit-changes.kept-*.jsonl")
    assert [r["id"] for r in read_all(kept)] == ["good0001", "newer001"]
    assert kept.stat().st_mode & 0o777 == 0o600
    with SessionStore.open(db) as again:  # the next open says nothing more, keeps it
        assert not [n for n in again.notices if "damaged change" in n]
    assert kept.exists()
