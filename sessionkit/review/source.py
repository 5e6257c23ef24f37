"""Where the review's rows come from: the summary index beside the database when it is current,
the database itself when it is not (and then the index is written for next time)."""

from __future__ import annotations

from pathlib import Path

from sessionkit.errors import StoreWriteError
from sessionkit.review import index_file
from sessionkit.review.history import HistoryIndex
from sessionkit.store.source import SessionSource


class IndexedHistory:
    """The review's history for the database at `db`, read through `store` only when needed."""

    def __init__(self, store: SessionSource, db: Path | None, app: str,
                 min_sessions: int = index_file.MIN_SESSIONS) -> None:
        self.store = store
        self.db = Path(db) if db else None
        self.app = app
        self.min_sessions = min_sessions
        self._built: HistoryIndex | None = None
        self._head: index_file.Head | None = None
        self._head_read = False

    def head(self) -> index_file.Head | None:
        """The first screen's rows from the index (None when it is missing or stale); read once."""
        if not self._head_read:
            self._head = index_file.read_head(self.db, self.app) if self.db else None
            self._head_read = True
        return self._head

    def full(self) -> HistoryIndex:
        """Every summary: from the index if it is current, else built from the database (then
        `keep()` writes it for next time)."""
        if self.db is not None:
            rows = index_file.read_rows(self.db, self.app)
            if rows is not None:
                return HistoryIndex(rows)
        index = HistoryIndex.from_store(self.store)
        self._built = index
        return index

    def keep(self) -> bool:
        """Write the index built by `full()` from the database, if any (after the first paint)."""
        index, self._built = self._built, None
        return index is not None and save(index, self.db, self.app, self.min_sessions)


def save(index: HistoryIndex, db: Path | None, app: str,
         min_sessions: int = index_file.MIN_SESSIONS) -> bool:
    """Write `index` beside `db` when the history is big enough to need it; best effort (an
    index that cannot be written is only a slower next start). Returns whether it was written."""
    if db is None or len(index) < min_sessions:
        return False
    try:
        index_file.write(db, app, index.rows, index.people(), index_file.key(db, app))
    except (StoreWriteError, OSError):
        return False
    return True


def refresh(store: SessionSource, app: str, min_sessions: int = index_file.MIN_SESSIONS) -> bool:
    """After the app closed its store: rebuild the index if it is stale (from the data the store
    still holds, so the database is not parsed again). Returns whether it was written."""
    db = getattr(store, "path", None)
    if db is None or index_file.read_head(db, app) is not None:
        return False
    if store.count() < min_sessions:
        return False
    return save(HistoryIndex.from_store(store), db, app, min_sessions)
