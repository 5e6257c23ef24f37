"""SessionStore: the only door to the database. Screens and the CLI never see TinyDB.

Files beside the database `<dir>/<name>.json` (folder 0700, files 0600):
  `<name>.lock`                  held (flock) while a writer has the store open
  `journal/<name>-live-<id>.jsonl`  the live session's append-only autosave
  `journal/<name>-changes.jsonl`    saved sessions not yet folded into the database file: a
                                    save appends one fsynced line (under 1 ms at any history
                                    size); the file is rewritten once, when the store closes
                                    (after a crash: replayed at open, folded at the next close),
                                    so a small change never rewrites the history
  `backups/<name>-<UTC>.json`       rolling copies, taken at open and after each fold
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from tinydb import Query, TinyDB
from tinydb.storages import MemoryStorage

from sessionkit.clock import Clock, SystemClock
from sessionkit.errors import StoreCorrupted, StoreReadOnly, StoreWriteError
from sessionkit.models import Session
from sessionkit.paths import write_new
from sessionkit.store import backups, checked
from sessionkit.store.beside import drop_index
from sessionkit.store.journal import ChangeLog, Journal, read_all
from sessionkit.store.live_journals import LiveJournals
from sessionkit.store.lock import DbLock
from sessionkit.store.opening import load, new_db
from sessionkit.store.sealing import key_for, pending_path
from sessionkit.store.storage import (
    GROUPS,
    SESSIONS,
    AtomicJSONStorage,
    dump_json,
    private_dirs,
    real_path,
    sweep_temp_files,
)


class SessionStore(LiveJournals):
    """Sessions in, sessions out. Open with `SessionStore.open(path)` or `SessionStore.memory()`.

    `notices` holds one-line warnings for the user (a group-readable file, a read-only open,
    a failed backup); `backup_error` the last backup failure, if any.
    """

    def __init__(self, db: TinyDB, path: Path | None, clock: Clock, readonly: bool = False,
                 lock: DbLock | None = None, notices: list[str] | None = None,
                 damaged: dict[str, str] | None = None) -> None:
        self.db = db
        self.path = path
        self.clock = clock
        self.readonly = readonly
        self.notices = notices or []
        self.backup_error: str | None = None
        self.damaged = damaged or {}
        """Record number -> problem, for saved records that do not read as sessions
        (store/checked.py): kept in the file, left out of every read."""
        self.damaged_groups: dict[str, str] = {}
        """The same for the group meetings' table (store/groups.py), checked at every open."""
        self._lock = lock
        self._journals: dict[str, Journal] = {}
        self._memory_journals: dict[str, dict[str, Any]] = {}
        self._ids = {
            doc["id"]: int(k) for k, doc in self._table().items() if k not in self.damaged
        }
        self._changelog: ChangeLog | None = None
        self._write_lock = threading.RLock()  # saves may come from a worker thread
        self.unfolded = 0  # saves in the change log, not yet in the database file

    # -- opening --------------------------------------------------------------------------
    @classmethod
    def open(cls, path: Path, readonly: bool = False, clock: Clock | None = None,
             lock: DbLock | None = None) -> SessionStore:
        """Open (creating if absent) the database at `path`.

        Raises StoreCorrupted (file left unchanged) or StoreLocked. `readonly` takes no lock
        and writes nothing: for export while the app runs. `lock`: one already held (see
        `hold_lock`), which the store then owns.
        """
        clock = clock or SystemClock()
        path = real_path(Path(path))
        if not readonly and lock is None:
            private_dirs(path.parent)
            lock = DbLock(path.with_name(path.stem + ".lock"), path)
            lock.acquire(clock.now())
        try:
            if not readonly:
                folders = [path.parent, path.parent / "journal", backups.backups_dir(path)]
                sweep_temp_files(*[f for f in folders if f.is_dir()])
                if pending_path(path).exists():  # an `encrypt`/`decrypt` a crash interrupted
                    from sessionkit.store.convert import finish_pending

                    finish_pending(path)
            loaded = load(path, readonly, clock.now(), _version())
            damaged = checked.damaged_in(path, loaded.data.get(SESSIONS, {}), loaded.raw,
                                         loaded.readonly)
            if damaged:
                loaded.notices.append(checked.notice(path, damaged))
            from sessionkit.store.groups import check_group_rows  # it imports this module

            damaged_groups = check_group_rows(loaded.data.get(GROUPS, {}))
            if damaged_groups:
                loaded.notices.append(checked.notice(path, damaged_groups, "group meeting"))
            db = TinyDB(path, loaded.data, loaded.readonly, storage=AtomicJSONStorage)
            store = cls(db, path, clock, loaded.readonly, lock, loaded.notices, damaged)
            store.damaged_groups = damaged_groups
            store._replay_changes()
            if not store.readonly:
                if loaded.raw is None:
                    store._write(loaded.data)  # new or migrated: written once
                store._drop_stale_journals()
                store.backup_after_change(loaded.raw)
        except BaseException:
            if lock:
                lock.release()
            raise
        return store

    @classmethod
    def memory(cls, clock: Clock | None = None) -> SessionStore:
        """An in-memory store for tests and the demo's throwaway data."""
        clock = clock or SystemClock()
        db = TinyDB(storage=MemoryStorage)
        db.storage.write(new_db(clock.now(), _version()))
        return cls(db, None, clock)

    def close(self) -> None:
        """Fold logged changes into the database file (a failure keeps the log), then unlock."""
        if self.unfolded and not self.readonly:
            try:
                self.fold()
            except StoreWriteError as err:
                reason = str(err).removeprefix("NOT SAVED: ")
                self.notices.append(
                    f"warning: could not fold the saved sessions into {self.path} ({reason});"
                    f" nothing is lost: they stay in {self._changes_path()} and are folded"
                    " in at the next start"
                )
        if self._changelog is not None:
            self._changelog.close()
        for journal in self._journals.values():
            journal.close()
        self.db.close()
        if self._lock:
            self._lock.release()
            self._lock = None

    def __enter__(self) -> SessionStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- writing --------------------------------------------------------------------------
    def _stored(self, table: str) -> dict[str, dict[str, Any]]:
        """A stored table's rows, key -> dict (a read-only view: writes replace it, never
        mutate it)."""
        rows: dict[str, dict[str, Any]] = (self.db.storage.read() or {}).get(table, {})
        return rows

    def _table(self) -> dict[str, dict[str, Any]]:
        """The stored session rows."""
        return self._stored(SESSIONS)

    def group_rows(self) -> dict[str, dict[str, Any]]:
        """The stored group meetings' rows (`store.source.GroupSource`)."""
        return self._stored(GROUPS)

    def _writable(self) -> None:
        if self.readonly:
            raise StoreReadOnly(
                f"{self.path}: written by a newer sessionkit or opened read-only; nothing changed"
            )

    def save(self, session: Session) -> None:
        """Insert or replace one session: one fsynced line in the change log, not a rewrite of
        the history. Raises StoreWriteError (nothing changed)."""
        if self.path is None or self.readonly:
            self.save_many([session])
            return
        doc = session.to_dict()
        with self._write_lock:  # one read-modify-write of the rows at a time
            self._changes().append(doc)
            self._apply([doc])
            self.unfolded += 1

    def _write(self, data: dict[str, Any]) -> None:
        """Write the database file, and note that its bytes are checked (the damaged records
        stay what they were; everything else came through Session.to_dict)."""
        self.db.storage.write(data)
        written = getattr(self.db.storage, "last_written", None)
        if self.path is not None and written is not None:
            checked.remember(self.path, written, self.damaged)

    def _changes(self) -> ChangeLog:
        if self._changelog is None:
            assert self.path is not None
            self._changelog = ChangeLog(self._changes_path(), key_for(self.path))
        return self._changelog

    def _changes_path(self) -> Path:
        assert self.path is not None
        return self.path.parent / "journal" / f"{self.path.stem}-changes.jsonl"

    def _apply(self, docs: list[dict[str, Any]]) -> None:
        """Put docs into what the store reads (the file is written later, by fold())."""
        rows = dict(self._table())
        next_id = max((int(k) for k in rows), default=0) + 1
        for doc in docs:
            doc_id = self._ids.get(doc["id"])
            if doc_id is None:
                doc_id, next_id = next_id, next_id + 1
                self._ids[doc["id"]] = doc_id
            rows[str(doc_id)] = doc
        data = dict(self.db.storage.read() or {})
        data[SESSIONS] = rows
        self.db.storage.apply(data)  # type: ignore[attr-defined]
        self.db.table(SESSIONS).clear_cache()

    def _replay_changes(self) -> None:
        """After a crash: sessions saved to the change log but not folded come back."""
        if self.path is None:
            return
        docs, skipped = [], 0
        records = read_all(self._changes_path(), key_for(self.path))
        for record in records:
            try:
                Session.from_dict(record)
            except ValueError:
                skipped += 1
                continue
            docs.append(record)
        if skipped:
            # the change log is dropped at the next fold: the records it could not apply
            # (a newer version's value, a damaged record) are kept aside first, never lost
            kept = _keep_log_aside(self._changes_path())
            where = f"; kept aside as {kept}" if kept else ""
            self.notices.append(f"warning: {skipped} damaged change(s) in "
                                f"{self._changes_path()} were not applied{where}")
        if docs:
            self._apply(docs)
            self.unfolded = len(docs)

    def fold(self) -> None:
        """Write everything into the database file at once, drop the change log, back up."""
        if self.path is None or self.readonly:
            return
        data = self.db.storage.read()
        assert data is not None  # an open store always holds its data
        self._write(data)
        drop_index(self.path)
        self._changes().remove()
        self.unfolded = 0
        self.backup_after_change()

    def save_many(self, sessions: Iterable[Session]) -> None:
        """Insert or replace sessions in one atomic write. Raises StoreWriteError (nothing
        changed, in memory or on disk) or ValueError for a number JSON cannot hold."""
        with self._write_lock:
            self._save_all(sessions)

    def _save_all(self, sessions: Iterable[Session]) -> None:
        self._writable()
        rows = dict(self._table())
        ids = dict(self._ids)
        next_id = max((int(k) for k in rows), default=0) + 1
        for session in sessions:
            doc = session.to_dict()
            doc_id = ids.get(doc["id"])
            if doc_id is None:
                doc_id, next_id = next_id, next_id + 1
                ids[doc["id"]] = doc_id
            rows[str(doc_id)] = doc
        data = dict(self.db.storage.read() or {})
        data[SESSIONS] = rows
        self._write(data)
        if self.path is not None:
            drop_index(self.path)
        self._ids = ids
        self.db.table(SESSIONS).clear_cache()
        if self.unfolded:  # the file now holds what the change log held
            self._changes().remove()
            self.unfolded = 0

    def remove_where(self, doomed: Callable[[dict[str, Any]], bool]) -> int:
        """Delete every stored session `doomed(doc)` picks, then `fold()`: one atomic write of
        the database file, the change log dropped, a backup. Returns how many were removed.
        Raises StoreWriteError (nothing changed)."""
        with self._write_lock:
            self._writable()
            before = self.db.storage.read() or {}
            rows = {k: d for k, d in self._table().items() if not doomed(d)}
            removed = len(self._table()) - len(rows)
            self.db.storage.apply({**before, SESSIONS: rows})  # type: ignore[attr-defined]
            try:
                self.fold()
            except BaseException:
                self.db.storage.apply(before)  # type: ignore[attr-defined]
                raise
            self._ids = {doc["id"]: int(k) for k, doc in rows.items()}
            self.db.table(SESSIONS).clear_cache()
        return removed

    def commit(self, session: Session) -> None:
        """End a live session: write it to the database, then delete its journal (the commit
        point), then take a backup. If the write fails the journal is kept."""
        self.save(session)
        self.journal(session.id).remove()
        self._journals.pop(session.id, None)

    def keep_unfinished(self, session: Session) -> None:
        """Fold a recovered journal into the database as `unfinished` (the user said no to
        resuming it) and drop the journal."""
        kept = Session.from_dict(session.to_dict())
        kept.status = "unfinished"
        self.commit(kept)

    def backup(self, raw: bytes | None = None) -> Path | None:
        """Copy the database into backups/ now (skipped if unchanged). Raises StoreWriteError.

        `raw`: the database's bytes as read and validated at open (else the store's data)."""
        if self.path is None or self.readonly:
            return None
        if self.damaged:  # a file with damaged records must never pass as a good backup
            raise StoreWriteError(
                f"no backup taken: {self.path} holds {len(self.damaged)} damaged record(s)"
            )
        storage = self.db.storage
        if raw is None:
            raw = getattr(storage, "last_written", None) or dump_json(storage.read())
        storage.last_written = None  # type: ignore[attr-defined]
        # `raw` is either the file as validated at open or JSON we just produced: known good
        return backups.take(self.path, raw, self.clock.now(), parsed=True)

    def backup_after_change(self, raw: bytes | None = None) -> None:
        """Take a backup; a failure goes to `backup_error` and `notices` instead of raising."""
        try:
            self.backup(raw)
            self.backup_error = None
        except StoreWriteError as err:
            self.backup_error = str(err)
            self.notices.append(f"warning: {err}")

    # -- reading --------------------------------------------------------------------------
    def get(self, session_id: str) -> Session | None:
        doc_id = self._ids.get(session_id)
        if doc_id is None:
            return None
        doc = self._table().get(str(doc_id))
        return self._session(doc) if doc else None

    def _session(self, doc: dict[str, Any]) -> Session:
        try:
            return Session.from_dict(doc)
        except ValueError as err:
            raise StoreCorrupted(
                f"{self.path}: a saved session is damaged ({err}); the file was left unchanged",
                path=self.path, problem=str(err),
            ) from None

    def _rows(self) -> Iterator[dict[str, Any]]:
        """The saved records that read as sessions (the damaged ones left out)."""
        damaged = self.damaged
        for doc_id, doc in self._table().items():
            if doc_id not in damaged:
                yield doc

    def sessions(self) -> Iterator[Session]:
        """Every saved session, oldest saved first."""
        for doc in list(self._rows()):
            yield self._session(doc)

    def raw_sessions(self) -> list[dict[str, Any]]:
        """Saved sessions as stored dicts (no dataclass cost: for summaries over 10,000+).
        Each was read once by Session.from_dict (store/checked.py), so its values are sane."""
        return [dict(doc) for doc in self._rows()]

    def count(self) -> int:
        return len(self._ids)

    def find(self, person: str) -> list[Session]:
        q = Query()
        docs = self.db.table(SESSIONS).search(
            q.rounds.any((q.coach == person) | (q.client == person))
        )
        return [self._session(d) for d in docs if str(d.doc_id) not in self.damaged]


def _version() -> str:
    from sessionkit import __version__

    return __version__


def _keep_log_aside(path: Path) -> Path | None:
    """A copy of the change log beside it (`<stem>-changes.kept-<crc>.jsonl`, the same bytes,
    once per content), before the store may drop the log; None if it could not be kept."""
    import zlib

    try:
        raw = path.read_bytes()
        aside = path.with_name(f"{path.stem}.kept-{zlib.crc32(raw):08x}{path.suffix}")
        if not aside.exists():
            write_new(aside, raw)
        return aside
    except OSError:
        return None

