"""SessionStore: the only door to the database. Screens and the CLI never see TinyDB.

Files beside the database `<dir>/<name>.json`:
  `<name>.lock`                  held (flock) while a writer has the store open
  `journal/live-<id>.jsonl`      the live session's append-only autosave
  `backups/<name>-<UTC>.json`    rolling copies, taken at open and after each commit
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from tinydb import Query, TinyDB
from tinydb.storages import MemoryStorage

from sessionkit.clock import Clock, SystemClock, iso
from sessionkit.errors import StoreCorrupted, StoreReadOnly
from sessionkit.models import SCHEMA, Session
from sessionkit.store.journal import Journal, read_last
from sessionkit.store.lock import DbLock
from sessionkit.store.storage import AtomicJSONStorage, sweep_temp_files

SESSIONS = "sessions"
META = "_meta"


class SessionStore:
    """Sessions in, sessions out. Open with `SessionStore.open(path)` or `SessionStore.memory()`."""

    def __init__(
        self,
        db: TinyDB,
        path: Path | None,
        clock: Clock,
        readonly: bool = False,
        lock: DbLock | None = None,
    ) -> None:
        self.db = db
        self.path = path
        self.clock = clock
        self.readonly = readonly
        self._lock = lock
        self._memory_journals: dict[str, dict[str, Any]] = {}
        self._ids: dict[str, int] = {
            doc["id"]: doc.doc_id for doc in self.db.table(SESSIONS).all() if "id" in doc
        }

    # -- opening --------------------------------------------------------------------------
    @classmethod
    def open(cls, path: Path, readonly: bool = False, clock: Clock | None = None) -> SessionStore:
        """Open (creating if absent) the database at `path`. Raises StoreCorrupted/StoreLocked."""
        clock = clock or SystemClock()
        path = Path(path)
        existed = path.exists()
        if not readonly:
            path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        lock = None
        if not readonly:
            lock = DbLock(path.with_name(path.stem + ".lock"), path)
            lock.acquire(clock.now())
        try:
            if not readonly:
                sweep_temp_files(path.parent)
            if not existed and not readonly and _backups_dir(path).is_dir() and any(
                _backups_dir(path).glob("*.json")
            ):
                raise StoreCorrupted(
                    f"{path}: the database is missing but backups exist in {_backups_dir(path)}; "
                    "copy the newest backup to this path to restore it"
                )
            storage_ro = readonly
            db = TinyDB(path, storage=AtomicJSONStorage, readonly=storage_ro) if (
                existed or not readonly
            ) else TinyDB(storage=MemoryStorage)
            store = cls(db, path, clock, readonly, lock)
            store._check_meta(existed)
        except BaseException:
            if lock:
                lock.release()
            raise
        return store

    @classmethod
    def memory(cls, clock: Clock | None = None) -> SessionStore:
        """An in-memory store for tests and the demo's throwaway data."""
        return cls(TinyDB(storage=MemoryStorage), None, clock or SystemClock())

    def _check_meta(self, existed: bool) -> None:
        meta = self.db.table(META).all()
        if meta:
            schema = meta[0].get("schema")
            if not isinstance(schema, int):
                raise StoreCorrupted(f"{self.path}: not a sessionkit database (bad _meta)")
            if schema > SCHEMA:
                self.readonly = True
        elif existed and self.db.table(SESSIONS).all() == [] and self.db.tables() - {SESSIONS}:
            raise StoreCorrupted(f"{self.path}: not a sessionkit database (unknown tables)")
        if not meta and not self.readonly:
            self.db.table(META).insert(
                {"schema": SCHEMA, "app": _version(), "created": iso(self.clock.now())}
            )
        if self.path is not None:
            for doc in self.db.table(SESSIONS).all():
                if not isinstance(doc.get("id"), str):
                    raise StoreCorrupted(f"{self.path}: a session record has no id")

    def close(self) -> None:
        self.db.close()
        if self._lock:
            self._lock.release()
            self._lock = None

    def __enter__(self) -> SessionStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- writing --------------------------------------------------------------------------
    def _writable(self) -> None:
        if self.readonly:
            raise StoreReadOnly(
                f"{self.path}: written by a newer sessionkit or opened read-only; nothing changed"
            )

    def save(self, session: Session) -> None:
        """Insert or replace one session (one atomic write of the file)."""
        self.save_many([session])

    def save_many(self, sessions: Iterable[Session]) -> None:
        self._writable()
        table = self.db.table(SESSIONS)
        docs = [s.to_dict() for s in sessions]
        # one write for the whole batch: TinyDB writes once per call, so go through the storage
        data = self.db.storage.read() or {}
        rows = dict(data.get(SESSIONS, {}))
        next_id = max((int(k) for k in rows), default=0) + 1
        for doc in docs:
            doc_id = self._ids.get(doc["id"])
            if doc_id is None:
                doc_id = next_id
                next_id += 1
            rows[str(doc_id)] = doc
            self._ids[doc["id"]] = doc_id
        data = dict(data)
        data[SESSIONS] = rows
        self.db.storage.write(data)
        table.clear_cache()

    def commit(self, session: Session) -> None:
        """Save a finished (or kept-unfinished) live session, then drop its journal."""
        self.save(session)
        self.journal(session.id).remove()

    # -- reading --------------------------------------------------------------------------
    def get(self, session_id: str) -> Session | None:
        doc_id = self._ids.get(session_id)
        if doc_id is None:
            return None
        doc = self.db.table(SESSIONS).get(doc_id=doc_id)
        return Session.from_dict(doc) if doc else None

    def sessions(self) -> Iterator[Session]:
        """Every saved session, oldest first."""
        for doc in self.db.table(SESSIONS).all():
            yield Session.from_dict(doc)

    def raw_sessions(self) -> list[dict[str, Any]]:
        """Saved sessions as stored dicts (no dataclass cost: for summaries over 10,000+)."""
        return [dict(doc) for doc in self.db.table(SESSIONS).all()]

    def count(self) -> int:
        return len(self.db.table(SESSIONS))

    def find(self, person: str) -> list[Session]:
        q = Query()
        docs = self.db.table(SESSIONS).search(
            q.rounds.any((q.coach == person) | (q.client == person))
        )
        return [Session.from_dict(d) for d in docs]

    # -- journals -------------------------------------------------------------------------
    def journal_dir(self) -> Path | None:
        return self.path.parent / "journal" if self.path else None

    def journal(self, session_id: str) -> Journal:
        folder = self.journal_dir()
        if folder is None:
            return _MemoryJournal(self._memory_journals, session_id)  # type: ignore[return-value]
        return Journal(folder / f"live-{session_id}.jsonl")

    def pending(self) -> list[Session]:
        """Sessions left in journals by a crash: unfinished, waiting to be resumed or kept."""
        out = []
        folder = self.journal_dir()
        if folder is None:
            records = list(self._memory_journals.values())
        else:
            records = [r for p in sorted(folder.glob("live-*.jsonl")) if (r := read_last(p))]
        for record in records:
            try:
                session = Session.from_dict(record)
            except ValueError:
                continue
            session.status = "unfinished"
            out.append(session)
        return out

    def all_sessions(self) -> list[Session]:
        """Saved sessions plus those only in a journal (status `unfinished`), oldest first."""
        saved = {s.id: s for s in self.sessions()}
        for s in self.pending():
            saved[s.id] = s
        return sorted(saved.values(), key=lambda s: s.started_at)


class _MemoryJournal:
    def __init__(self, journals: dict[str, dict[str, Any]], session_id: str) -> None:
        self.journals = journals
        self.session_id = session_id

    def append(self, record: dict[str, Any]) -> None:
        self.journals[self.session_id] = record

    def read_last(self) -> dict[str, Any] | None:
        return self.journals.get(self.session_id)

    def close(self) -> None:
        pass

    def remove(self) -> None:
        self.journals.pop(self.session_id, None)


def _backups_dir(path: Path) -> Path:
    return path.parent / "backups"


def _version() -> str:
    from sessionkit import __version__

    return __version__


def ensure_private(path: Path) -> None:
    if path.exists():
        os.chmod(path, 0o600)
