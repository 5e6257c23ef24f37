"""SessionStore: saving, reading, permissions, backups, journals and recovery."""

from __future__ import annotations

import math
import stat
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from session_strategies import sessions

from sessionkit.clock import FakeClock, iso
from sessionkit.demo import generate
from sessionkit.errors import StoreReadOnly, StoreWriteError
from sessionkit.models import Note, Session
from sessionkit.store import SessionStore, backups
from sessionkit.store.storage import parse_json


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "data" / "sessionkit.json"


def test_a_new_database_has_meta_and_owner_only_files(db: Path, fake: FakeClock) -> None:
    with SessionStore.open(db, clock=fake) as store:
        store.journal("s1").append(generate(1)[0].to_dict())
        store.commit(generate(1)[0])
    data = parse_json(db.read_bytes())
    assert data["_meta"]["1"]["schema"] == 1 and data["_meta"]["1"]["created"] == iso(fake.now())
    assert mode(db.parent) == 0o700
    for path in [db, db.with_suffix(".lock"), *db.parent.glob("*/*")]:
        assert mode(path) == 0o600, path
    for folder in ("journal", "backups"):
        assert mode(db.parent / folder) == 0o700


def test_save_get_replace_and_reopen(db: Path) -> None:
    a, b = generate(2)
    with SessionStore.open(db) as store:
        store.save_many([a, b])
        a.rounds[0].outcome = "changed"
        store.save(a)
        assert store.count() == 2
        assert store.get(a.id).to_dict() == a.to_dict()
        assert store.get("nope") is None
    with SessionStore.open(db) as store:
        assert [s.id for s in store.sessions()] == [a.id, b.id]
        assert store.get(a.id).rounds[0].outcome == "changed"
        assert store.raw_sessions()[1] == b.to_dict()
        coach = a.rounds[0].coach
        assert a.id in {s.id for s in store.find(coach)}
        assert all(coach in s.people for s in store.find(coach))


@settings(max_examples=25, deadline=None)
@given(sessions)
def test_any_session_survives_write_close_reopen(session: Session) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "db.json"
        with SessionStore.open(path) as store:
            store.save(session)
        with SessionStore.open(path) as store:
            assert store.get(session.id) == session
            assert list(store.sessions()) == [session]


def test_nan_is_refused_and_nothing_changes(db: Path) -> None:
    session = generate(1)[0]
    with SessionStore.open(db) as store:
        before = db.read_bytes()
        session.rounds[0].talk.coach_seconds = math.inf
        with pytest.raises(ValueError, match="NaN or infinite"):
            store.save(session)
        assert db.read_bytes() == before
        assert store.count() == 0


def test_a_group_readable_database_gets_a_warning(db: Path) -> None:
    SessionStore.open(db).close()
    db.chmod(0o644)
    with SessionStore.open(db) as store:
        assert len(store.notices) == 1
        assert "can be read by other users (mode 0644)" in store.notices[0]
        assert f"chmod 600 {db}" in store.notices[0]


def test_startup_sweeps_orphan_temp_files(db: Path) -> None:
    SessionStore.open(db).close()
    orphans = [db.parent / ".sessionkit-tmp-abc", db.parent / "journal" / ".sessionkit-tmp-x",
               db.parent / "backups" / ".sessionkit-tmp-y"]
    for orphan in orphans:
        orphan.parent.mkdir(exist_ok=True)
        orphan.write_text("half a file")
    SessionStore.open(db).close()
    assert not any(o.exists() for o in orphans)


# -- backups ------------------------------------------------------------------------------
def test_backups_after_open_and_commit_and_they_parse(db: Path, fake: FakeClock) -> None:
    with SessionStore.open(db, clock=fake) as store:
        assert len(list((db.parent / "backups").glob("*.json"))) == 1
        fake.advance(60)
        store.commit(generate(1)[0])
    found = sorted((db.parent / "backups").glob("*.json"))
    assert len(found) == 2
    assert found[-1].read_bytes() == db.read_bytes()
    assert mode(found[-1]) == 0o600
    fake.advance(60)
    SessionStore.open(db, clock=fake).close()  # unchanged: no identical copy
    assert len(list((db.parent / "backups").glob("*.json"))) == 2
    newest = backups.newest_good(db)
    assert newest is not None and newest.path == found[-1] and newest.sessions == 1


def test_backups_keep_last_ten_and_one_a_day_for_thirty_days(db: Path, fake: FakeClock) -> None:
    store = SessionStore.open(db, clock=fake)
    for session in generate(60):  # one commit and fold every 12 hours for 30 days
        fake.advance(12 * 3600)
        store.commit(session)
        store.fold()
    store.close()
    kept = sorted(p.name for p in (db.parent / "backups").glob("sessionkit-*.json"))
    # backups at 09:00 and 21:00 from 25 Nov (open + commits) to 25 Dec 09:00 (the newest):
    # the newest 10 reach back to 20 Dec 21:00; before that, each day's newest (21:00) is kept
    # for the 30 days back to 25 Nov, whose 09:00 copy goes.
    assert kept[-1] == f"sessionkit-{fake.now().strftime('%Y%m%dT%H%M%SZ')}.json"
    assert kept[-10] == "sessionkit-20261220T210000Z.json"
    assert kept[:25] == [f"sessionkit-{d}T210000Z.json" for d in _days("20261125", 25)]
    assert len(kept) == 35


def _days(first: str, count: int) -> list[str]:
    from datetime import datetime, timedelta

    start = datetime.strptime(first, "%Y%m%d")
    return [(start + timedelta(days=i)).strftime("%Y%m%d") for i in range(count)]


def test_a_failed_backup_does_not_fail_the_commit(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = SessionStore.open(db)
    session = generate(1)[0]
    store.journal(session.id).append(session.to_dict())

    def disk_full(path: Path, data: bytes) -> None:
        raise StoreWriteError(f"NOT SAVED: No space left on device ({path})")

    monkeypatch.setattr(backups, "atomic_write_bytes", disk_full)
    store.commit(session)
    store.fold()
    assert store.backup_error and "No space left" in store.backup_error
    assert store.notices[-1].startswith("warning: NOT SAVED: No space left")
    assert store.get(session.id).to_dict() == session.to_dict()
    assert store.pending() == []
    store.close()


# -- journals, recovery -------------------------------------------------------------------
def _live(n: int = 3) -> Session:
    session = generate(1, seed=99)[0]
    session.status = "unfinished"
    session.rounds[0].notes = [Note(at=session.started_at, text=f"note {i} 🌱") for i in range(n)]
    return session


def test_pending_journal_shows_as_unfinished_everywhere(db: Path) -> None:
    saved = generate(3)
    live = _live()
    with SessionStore.open(db) as store:
        store.save_many(saved)
        store.journal(live.id).append(live.to_dict())  # then the app is killed
    with SessionStore.open(db, readonly=True) as reader:
        assert [s.id for s in reader.pending()] == [live.id]
        everything = {s.id: s for s in reader.all_sessions()}
        assert set(everything) == {s.id for s in saved} | {live.id}
        assert everything[live.id].status == "unfinished"
        assert everything[live.id].rounds[0].notes == live.rounds[0].notes


def test_keep_unfinished_folds_the_journal_into_the_database(db: Path) -> None:
    live = _live()
    with SessionStore.open(db) as store:
        store.journal(live.id).append(live.to_dict())
    with SessionStore.open(db) as store:
        (pending,) = store.pending()
        store.keep_unfinished(pending)
        assert store.pending() == []
        assert not list((db.parent / "journal").glob("*-live-*.jsonl"))
        kept = store.get(live.id)
        assert kept is not None and kept.status == "unfinished"
        assert kept.rounds[0].notes == live.rounds[0].notes
    with SessionStore.open(db, readonly=True) as reader:
        assert reader.get(live.id).status == "unfinished"


def test_a_save_appends_to_the_change_log_and_close_folds_it(db: Path) -> None:
    first, second = generate(2)
    with SessionStore.open(db) as store:
        store.save(first)
    folded = db.read_bytes()
    with SessionStore.open(db) as store:
        store.save(second)
        assert db.read_bytes() == folded  # a small change does not rewrite the history
        log = db.parent / "journal" / "sessionkit-changes.jsonl"
        assert log.exists() and store.unfolded == 1
        assert store.get(second.id).to_dict() == second.to_dict()
    assert not log.exists()
    with SessionStore.open(db, readonly=True) as reader:
        assert {s.id for s in reader.sessions()} == {first.id, second.id}


def test_changes_logged_before_a_crash_come_back(db: Path) -> None:
    first, second = generate(2)
    store = SessionStore.open(db)
    store.save(first)
    second.rounds[0].notes[0].text = "edited after the first save"
    store.save(second)
    store._lock.release()  # the process dies: no close(), no fold
    with SessionStore.open(db, readonly=True) as reader:
        assert reader.get(second.id).rounds[0].notes[0].text == "edited after the first save"
    with SessionStore.open(db) as again:
        assert again.unfolded == 2
    with SessionStore.open(db) as folded:
        assert folded.unfolded == 0 and folded.count() == 2


def test_commit_writes_then_drops_the_journal(db: Path) -> None:
    live = _live()
    with SessionStore.open(db) as store:
        journal = store.journal(live.id)
        assert store.journal(live.id) is journal
        journal.append(live.to_dict())
        live.status = "completed"
        store.commit(live)
        assert not journal.path.exists()
        assert store.get(live.id).status == "completed"
        assert [s.to_dict() for s in store.all_sessions()] == [live.to_dict()]


def test_a_journal_left_after_the_commit_point_is_dropped(db: Path) -> None:
    """Crash between writing the database and deleting the journal."""
    live = _live()
    with SessionStore.open(db) as store:
        store.journal(live.id).append(live.to_dict())
        live.status = "completed"
        store.save(live)  # ... and the process dies here
    with SessionStore.open(db, readonly=True) as reader:
        assert reader.pending() == []
        assert [s.status for s in reader.all_sessions()] == ["completed"]
    with SessionStore.open(db) as store:
        assert not list((db.parent / "journal").glob("*-live-*.jsonl"))


def test_resumed_unfinished_session_journal_wins_over_the_kept_copy(db: Path) -> None:
    live = _live(1)
    with SessionStore.open(db) as store:
        store.keep_unfinished(live)
        live.rounds[0].notes.append(Note(at=live.started_at, text="after resuming"))
        store.journal(live.id).append(live.to_dict())
    with SessionStore.open(db, readonly=True) as reader:
        (only,) = reader.all_sessions()
        assert [n.text for n in only.rounds[0].notes][-1] == "after resuming"


def test_readonly_store_writes_nothing(db: Path) -> None:
    SessionStore.open(db).close()
    before = sorted(p.name for p in db.parent.rglob("*"))
    with SessionStore.open(db, readonly=True) as reader:
        with pytest.raises(StoreReadOnly):
            reader.save(generate(1)[0])
    assert sorted(p.name for p in db.parent.rglob("*")) == before


def test_readonly_open_of_a_missing_database_is_empty(tmp_path: Path) -> None:
    with SessionStore.open(tmp_path / "none.json", readonly=True) as reader:
        assert reader.all_sessions() == []
    assert not (tmp_path / "none.json").exists()


def test_memory_store_behaves_like_the_file_store() -> None:
    store = SessionStore.memory()
    live = _live()
    store.journal(live.id).append(live.to_dict())
    assert [s.id for s in store.pending()] == [live.id]
    live.status = "completed"
    store.commit(live)
    assert store.pending() == [] and store.get(live.id).to_dict() == live.to_dict()
    with pytest.raises(ValueError):
        store.journal("x").append({"bad": math.nan})
