"""An encrypted database: the store, its journals, backups, index, crash log, conversion."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from session_strategies import sessions

from sessionkit.clock import FakeClock
from sessionkit.crypt import WrongPassphrase, is_sealed, unseal
from sessionkit.crypt.header import SIZE, Kdf
from sessionkit.demo import generate
from sessionkit.errors import StoreCorrupted, StoreWriteError
from sessionkit.models import Note, Session
from sessionkit.store import SessionStore, convert, crashlog, sealing
from sessionkit.store.backups import newest_good
from sessionkit.store.forget import forget, plan
from sessionkit.store.recovery import Damage, restore, salvage

FAST = Kdf(1024, 1, 1)
WORDS = "correct horse battery"
SECRET = "Ylvie-Marguerite-Quist"  # a client's name that appears nowhere else
NOTE = "afraid her brother will find out about the debt"


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Path]:
    path = tmp_path / "data" / "sessionkit.json"
    yield path
    sealing.forget_key(path)


def _client(session: Session, name: str = SECRET) -> Session:
    for rnd in session.rounds:
        rnd.client = name
    session.rounds[0].notes.append(Note(at=session.started_at, text=NOTE))
    return session


def _fill(db: Path, fake: FakeClock) -> list[Session]:
    """A store with saved sessions, an unfolded change, a live journal, backups, a crash log."""
    saved = [_client(s) for s in generate(6)]
    with SessionStore.open(db, clock=fake) as store:
        store.save_many(saved[:4])
        fake.advance(60)
        store.backup_after_change()
    store = SessionStore.open(db, clock=fake)
    store.save(saved[4])  # in the change log only
    live = saved[5]
    live.status = "unfinished"
    store.journal(live.id).append(live.to_dict())
    store._lock.release()  # killed: the change log and the live journal stay
    crashlog.append(db, f"Traceback: ValueError: {NOTE} ({SECRET})\n")
    aside = db.with_name(f"{db.stem}.corrupt-20261101T080000Z.json")  # kept by a recovery
    aside.write_bytes(b'{"sessions": {"1": {"client": "' + SECRET.encode() + b'"')
    return saved


def _every_file(db: Path) -> list[Path]:
    return [p for p in db.parent.rglob("*") if p.is_file()]


def _plain_text_anywhere(db: Path) -> list[Path]:
    needles = [SECRET.encode(), NOTE.encode(), SECRET.encode("utf-16-le")]
    return [p for p in _every_file(db) if any(n in p.read_bytes() for n in needles)]


def _encrypt(db: Path, fake: FakeClock) -> None:
    with SessionStore.open(db, clock=fake) as store:
        store.fold()
        convert.encrypt(db, WORDS, FAST)


def test_after_encrypt_no_file_holds_a_name_or_a_note(db: Path, fake: FakeClock) -> None:
    saved = _fill(db, fake)
    assert _plain_text_anywhere(db)  # they were there in plain text
    _encrypt(db, fake)
    assert _plain_text_anywhere(db) == []
    assert is_sealed(db.read_bytes())
    assert not sealing.pending_path(db).exists()
    backups = list((db.parent / "backups").glob("*.json"))
    assert backups and all(is_sealed(p.read_bytes()) for p in backups)
    sealing.forget_key(db)  # a new process
    with pytest.raises(sealing.Locked):
        SessionStore.open(db, clock=fake)
    with pytest.raises(WrongPassphrase):
        sealing.unlock(db, "correct horse")
    sealing.unlock(db, WORDS)
    with SessionStore.open(db, clock=fake) as store:
        assert {s.id for s in store.sessions()} == {s.id for s in saved[:5]}
        (pending,) = store.pending()
        assert pending.id == saved[5].id and pending.rounds[0].notes[-1].text == NOTE
        assert crashlog.read_text((db.parent / crashlog.NAME).read_bytes(),
                                  sealing.key_for(db)).count(SECRET) == 1
    assert _plain_text_anywhere(db) == []


def test_everything_written_after_unlock_stays_encrypted(db: Path, fake: FakeClock) -> None:
    _fill(db, fake)
    _encrypt(db, fake)
    more = _client(generate(1, seed=3)[0], "Another-Unique-Client")
    with SessionStore.open(db, clock=fake) as store:
        store.journal(more.id).append(more.to_dict())
        store.commit(more)  # change log, then the database and a backup at close
        crashlog.append(db, f"crash while showing {more.rounds[0].client}\n")
    from sessionkit.review.index_file import index_path, read_head, write

    write(db, "x", [], [], {"app": "x"})
    assert is_sealed(index_path(db).read_bytes())
    assert read_head(db, "x") is None  # stale key, but read through the seal without error
    for path in _every_file(db):
        assert b"Another-Unique-Client" not in path.read_bytes(), path
    with SessionStore.open(db, clock=fake) as store:
        assert store.get(more.id).to_dict() == more.to_dict()


@settings(max_examples=20, deadline=None)
@given(sessions)
def test_any_session_round_trips_through_an_encrypted_store(session: Session) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "db.json"
        try:
            with SessionStore.open(path) as store:
                convert.encrypt(path, WORDS, FAST)
                store.save(session)  # a sealed change-log line, folded sealed at close
            assert is_sealed(path.read_bytes())
            sealing.forget_key(path)
            sealing.unlock(path, WORDS)
            with SessionStore.open(path) as store:
                assert store.get(session.id) == session
                assert list(store.sessions()) == [session]
        finally:
            sealing.forget_key(path)


def test_decrypt_brings_every_file_back_plain(db: Path, fake: FakeClock) -> None:
    saved = _fill(db, fake)
    _encrypt(db, fake)
    with SessionStore.open(db, clock=fake) as store:
        convert.decrypt(db)
    assert sealing.key_for(db) is None
    assert not any(is_sealed(p.read_bytes()) or b"\x89SKSEG1" in p.read_bytes()
                   for p in _every_file(db))
    assert SECRET.encode() in db.read_bytes()
    with SessionStore.open(db, clock=fake) as store:
        assert len(list(store.sessions())) == 5 and store.pending()[0].id == saved[5].id


def test_passphrase_change_rewraps_without_re_encrypting(db: Path, fake: FakeClock) -> None:
    _fill(db, fake)
    _encrypt(db, fake)
    before = db.read_bytes()
    with SessionStore.open(db, clock=fake):
        convert.change_passphrase(db, "a whole new sentence", FAST)
    after = db.read_bytes()
    assert after[SIZE:] == before[SIZE:] and after[:SIZE] != before[:SIZE]
    sealing.forget_key(db)
    with pytest.raises(WrongPassphrase):
        sealing.unlock(db, WORDS)
    sealing.unlock(db, "a whole new sentence")
    with SessionStore.open(db, clock=fake) as store:
        assert len(list(store.sessions())) == 5
        assert newest_good(db) is not None
    for backup in (db.parent / "backups").glob("*.json"):  # rewrapped too: standalone readable
        assert unseal(backup.read_bytes(), "a whole new sentence").startswith(b"{")


@pytest.mark.parametrize("files_done", range(5))  # 4: the database, the last write
def test_an_interrupted_encrypt_is_finished_at_the_next_open(
    db: Path, fake: FakeClock, files_done: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    _fill(db, fake)
    real = convert.atomic_write_bytes
    calls = {"n": 0}

    def dies(path: Path, data: bytes) -> None:
        calls["n"] += 1
        if calls["n"] > files_done + 1:  # the marker, then `files_done` files
            raise StoreWriteError("NOT SAVED: killed")
        real(path, data)

    monkeypatch.setattr(convert, "atomic_write_bytes", dies)
    with pytest.raises(StoreWriteError), SessionStore.open(db, clock=fake) as store:
        store.fold()
        convert.encrypt(db, WORDS, FAST)
    monkeypatch.setattr(convert, "atomic_write_bytes", real)
    assert sealing.pending_path(db).exists()
    sealing.forget_key(db)
    assert sealing.encrypted(db)  # the marker asks for the passphrase, even on a plain db
    with pytest.raises(sealing.Locked):
        SessionStore.open(db, clock=fake)
    sealing.unlock(db, WORDS)
    with SessionStore.open(db, clock=fake) as store:
        assert len(list(store.sessions())) == 5 and len(store.pending()) == 1
    assert not sealing.pending_path(db).exists()
    assert _plain_text_anywhere(db) == []


def test_an_interrupted_decrypt_is_finished_at_the_next_open(
    db: Path, fake: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    _fill(db, fake)
    _encrypt(db, fake)
    real = convert.atomic_write_bytes
    calls = {"n": 0}

    def dies(path: Path, data: bytes) -> None:
        calls["n"] += 1
        if calls["n"] > 2:
            raise StoreWriteError("NOT SAVED: killed")
        real(path, data)

    monkeypatch.setattr(convert, "atomic_write_bytes", dies)
    with pytest.raises(StoreWriteError), SessionStore.open(db, clock=fake):
        convert.decrypt(db)
    monkeypatch.setattr(convert, "atomic_write_bytes", real)
    sealing.forget_key(db)
    sealing.unlock(db, WORDS)
    with SessionStore.open(db, clock=fake) as store:
        assert len(list(store.sessions())) == 5
    assert not sealing.pending_path(db).exists() and sealing.key_for(db) is None
    assert SECRET.encode() in db.read_bytes()


def test_a_damaged_part_is_named_and_salvage_keeps_the_rest(db: Path, fake: FakeClock) -> None:
    many = [_client(s) for s in generate(120)]
    with SessionStore.open(db, clock=fake) as store:
        store.save_many(many)
        convert.encrypt(db, WORDS, FAST)
    raw = bytearray(db.read_bytes())
    assert len(raw) > SIZE + 3 * 65552
    raw[SIZE + 65552 + 500] ^= 1  # one bit in part 2
    db.write_bytes(bytes(raw))
    with pytest.raises(StoreCorrupted) as err:
        SessionStore.open(db, clock=fake)
    assert "part 2 of" in str(err.value) and "passphrase" not in str(err.value)
    assert err.value.backup is not None  # the encrypted backup reads with the key
    kept = salvage(db, fake.now())
    assert 100 <= kept.kept < 120 and any("part 2" in line for line in kept.lost)
    assert is_sealed(db.read_bytes())
    with SessionStore.open(db, clock=fake) as store:
        assert store.count() == kept.kept


def test_restore_from_an_encrypted_backup(db: Path, fake: FakeClock) -> None:
    _fill(db, fake)
    _encrypt(db, fake)
    db.write_bytes(db.read_bytes()[:-100])  # cut
    with pytest.raises(StoreCorrupted, match="cut short") as err:
        SessionStore.open(db, clock=fake)
    restore(Damage.of(err.value, db), fake.now())
    assert is_sealed(db.read_bytes())
    with SessionStore.open(db, clock=fake) as store:
        assert store.count() >= 4


def test_a_damaged_database_header_unlocks_from_a_backup(db: Path, fake: FakeClock) -> None:
    _fill(db, fake)
    _encrypt(db, fake)
    raw = bytearray(db.read_bytes())
    raw[40] ^= 4
    db.write_bytes(bytes(raw))
    sealing.forget_key(db)
    sealing.unlock(db, WORDS)  # the backups carry the same wrapped key
    with pytest.raises(StoreCorrupted, match="header is damaged"):
        SessionStore.open(db, clock=fake)


def test_forget_reaches_into_encrypted_backups_and_journals(db: Path, fake: FakeClock) -> None:
    _fill(db, fake)
    _encrypt(db, fake)
    with SessionStore.open(db, clock=fake) as store:
        found = plan(store, SECRET)
        assert found.backups and found.journals and len(found.sessions) == 6
        forget(store, found)
    with SessionStore.open(db, clock=fake) as store:
        assert store.count() == 0 and store.pending() == []
        assert plan(store, SECRET).found is False
    assert all(is_sealed(p.read_bytes()) for p in (db.parent / "backups").glob("*.json"))


def test_an_empty_encrypted_database_still_asks_and_restores(db: Path, fake: FakeClock) -> None:
    _fill(db, fake)
    _encrypt(db, fake)
    db.write_bytes(b"")
    sealing.forget_key(db)
    assert sealing.encrypted(db)  # the backups say so: recovery will need the key
    sealing.unlock(db, WORDS)
    with pytest.raises(StoreCorrupted, match="empty") as err:
        SessionStore.open(db, clock=fake)
    restore(Damage.of(err.value, db), fake.now())
    with SessionStore.open(db, clock=fake) as store:
        assert store.count() >= 4


def test_a_crash_while_locked_keeps_no_message(db: Path, fake: FakeClock) -> None:
    _fill(db, fake)
    _encrypt(db, fake)
    sealing.forget_key(db)
    crashlog.append(db, f"--- now\nTraceback (most recent call last):\n  File \"x.py\"\n"
                        f"ValueError: {SECRET}\n")
    assert SECRET.encode() not in (db.parent / crashlog.NAME).read_bytes()


def test_the_lock_file_holds_no_host_name_when_encrypted(db: Path, fake: FakeClock) -> None:
    import json
    import socket

    from sessionkit.errors import StoreLocked

    _fill(db, fake)
    _encrypt(db, fake)
    with SessionStore.open(db, clock=fake):
        note = json.loads(db.with_suffix(".lock").read_text())
        assert set(note) == {"pid", "host", "since"}
        assert socket.gethostname() not in note["host"] and note["host"].startswith("sha256:")
        with pytest.raises(StoreLocked, match=f"on {socket.gethostname()}"):
            SessionStore.open(db, clock=fake)  # still "on this computer's name" to its user


@pytest.mark.parametrize("err", [28, 5], ids=["ENOSPC", "EIO"])
@pytest.mark.parametrize("k", [1, 2, 4, 6, 9])
def test_disk_errors_during_encrypt(db: Path, fake: FakeClock, monkeypatch: pytest.MonkeyPatch,
                                    err: int, k: int) -> None:
    """The k-th low-level write fails: one StoreWriteError, no temp file, every file still
    readable, and the next open (unlocked) finishes the conversion."""
    import os

    from sessionkit.store.storage import TMP_PREFIX

    saved = _fill(db, fake)
    real, calls = os.write, {"n": 0}

    def failing(fd: int, data: bytes) -> int:
        calls["n"] += 1
        if calls["n"] == k:
            raise OSError(err, os.strerror(err))
        return real(fd, data)

    with SessionStore.open(db, clock=fake) as store:
        store.fold()
        monkeypatch.setattr(os, "write", failing)
        try:
            convert.encrypt(db, WORDS, FAST)
            finished = True
        except StoreWriteError as error:
            assert "NOT SAVED" in str(error) and "\n" not in str(error)
            finished = False
        monkeypatch.setattr(os, "write", real)
    assert not [p for p in _every_file(db) if p.name.startswith(TMP_PREFIX)]
    assert finished or sealing.pending_path(db).exists() or not sealing.encrypted(db)
    with SessionStore.open(db, clock=fake) as store:  # the key is still held: finishes
        assert {s.id for s in store.sessions()} >= {s.id for s in saved[:5]}
        assert [s.id for s in store.pending()] == [saved[5].id]
    if sealing.encrypted(db):
        assert _plain_text_anywhere(db) == []


def test_a_header_from_another_database_is_damage_not_a_wrong_passphrase(
    db: Path, fake: FakeClock, tmp_path: Path
) -> None:
    _fill(db, fake)
    _encrypt(db, fake)
    other = tmp_path / "other" / "sessionkit.json"
    with SessionStore.open(other, clock=fake) as store:
        store.save_many(generate(2))
        convert.encrypt(other, "someone else's words", FAST)
    sealing.forget_key(other)
    raw = db.read_bytes()
    db.write_bytes(other.read_bytes()[:SIZE] + raw[SIZE:])  # another database's header
    sealing.forget_key(db)
    sealing.unlock(db, WORDS)  # the backups' headers know this passphrase
    with pytest.raises(StoreCorrupted, match="another database") as err:
        SessionStore.open(db, clock=fake)
    assert "passphrase" not in str(err.value)
    sealing.forget_key(db)
    with pytest.raises(WrongPassphrase):
        sealing.unlock(db, "neither of them")


def test_group_meetings_are_sealed_too(db: Path, fake: FakeClock) -> None:
    from sessionkit.group.live import LiveGroup
    from sessionkit.group.methods import MethodCatalog
    from sessionkit.store.groups import all_groups, commit_group

    members = ["Quirinus-Vandelay", "Ottoline-Brasch", "Ermengarde-Tully"]
    done = LiveGroup.start(members, MethodCatalog.load([]).get("troika"), fake)
    done.start_round(done.default_roles(members[0]), "A case about the merger")
    done.end_round()
    done.finish("Shorter rounds", None)
    live = LiveGroup.start(members, MethodCatalog.load([]).get("troika"), fake)
    live.start_round(live.default_roles(members[1]), "Another case")
    with SessionStore.open(db, clock=fake) as store:
        convert.encrypt(db, WORDS, FAST)
        commit_group(store, done.session)
        store.journal(live.session.id).append(live.session.to_dict())  # then killed
    for path in _every_file(db):
        data = path.read_bytes()
        assert not any(m.encode() in data for m in members), path
        assert b"merger" not in data, path
    sealing.forget_key(db)
    sealing.unlock(db, WORDS)
    with SessionStore.open(db, clock=fake) as store:
        found = {m.id: m.status for m in all_groups(store)}
        assert found == {done.session.id: "completed", live.session.id: "unfinished"}
