"""A store that holds the database's lock from the start but parses the database on first use.

The review shows its rows from the summary index (sessionkit.review.index_file) and needs the
database itself only to open a session or tick an action: at 10,000 sessions that saves ~200 ms
and ~70 MiB until then, and often altogether. The lock is taken at once, so a second instance
still hears at start that the database is in use.
"""

from __future__ import annotations

import gc
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sessionkit.clock import Clock, SystemClock
from sessionkit.store.lock import DbLock, hold_lock

if TYPE_CHECKING:  # not at run time: the review's first paint needs neither
    from sessionkit.models import Session
    from sessionkit.store.store import SessionStore


class LazyStore:
    """Stands in for a SessionStore: every attribute opens the real one first (once). The reads
    of `store.source.SessionSource` and `GroupSource` (and `save`) are spelled out, so callers
    are typed."""

    def __init__(self, path: Path, lock: DbLock, clock: Clock | None = None) -> None:
        self.path = Path(path)
        self.clock = clock or SystemClock()
        self._lock: DbLock | None = lock
        self._store: SessionStore | None = None
        self._mutex = threading.Lock()  # the review may first need it from a worker thread

    @classmethod
    def hold(cls, path: Path, clock: Clock | None = None) -> LazyStore:
        """Take the lock now (raises StoreLocked), open the database later."""
        clock = clock or SystemClock()
        return cls(path, hold_lock(Path(path), clock), clock)

    @property
    def opened(self) -> bool:
        return self._store is not None

    def store(self) -> SessionStore:
        """The SessionStore, opened now if it was not (raises StoreCorrupted)."""
        with self._mutex:
            if self._store is None:
                from sessionkit.store.store import SessionStore

                self._store = SessionStore.open(self.path, clock=self.clock, lock=self._lock)
                self._lock = None  # the store owns it now
                gc.freeze()  # the parsed database lives as long as the app (see cli._open_store)
            return self._store

    @property
    def damaged(self) -> dict[str, str]:
        """Damaged records, once the database is open. Before that the review runs on a current
        summary index, written from a database that was checked when it was written."""
        return self._store.damaged if self._store is not None else {}

    def get(self, session_id: str) -> Session | None:
        return self.store().get(session_id)

    def docs(self) -> list[dict[str, Any]]:
        return self.store().docs()

    def unfinished(self) -> list[Session]:
        return self.store().unfinished()

    def count(self) -> int:
        return self.store().count()

    def save(self, session: Session) -> None:
        self.store().save(session)

    def group_rows(self) -> dict[str, dict[str, Any]]:
        return self.store().group_rows()

    def live_records(self) -> list[dict[str, Any]]:
        return self.store().live_records()

    @property
    def damaged_groups(self) -> dict[str, str]:
        """Damaged group meeting records, once the database is open (as `damaged`)."""
        return self._store.damaged_groups if self._store is not None else {}

    def __getattr__(self, name: str) -> Any:
        return getattr(self.store(), name)

    def close(self) -> None:
        if self._store is not None:
            self._store.close()
        elif self._lock is not None:
            self._lock.release()
            self._lock = None


def opened_store(store: SessionStore | LazyStore) -> SessionStore:
    """The SessionStore itself, for what only it does (the group meetings' writes, a live
    record's journal): a lazy store opens now, as its first use of any attribute would."""
    return store.store() if isinstance(store, LazyStore) else store
