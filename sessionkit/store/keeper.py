"""The store as a live recorder sees it (`sessionkit.live.recorder.RecordKeeper`): a journal per
live record and the commit that ends it, for a session and for a group meeting alike."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sessionkit.store.lazy import opened_store

if TYPE_CHECKING:
    from sessionkit.store.journal import Journal
    from sessionkit.store.lazy import LazyStore
    from sessionkit.store.store import SessionStore


class StoreKeeper:
    """Built once where the app is built; the store may be lazy (the review opens it only when a
    journal is needed), so nothing is asked of it until then."""

    def __init__(self, store: SessionStore | LazyStore) -> None:
        self.store = store

    def journal(self, record_id: str) -> Journal:
        return opened_store(self.store).journal(record_id)

    def commit(self, record: object) -> None:
        """Write the finished record to the database, then drop its journal (the commit point)."""
        from sessionkit.group.model import GroupMeeting  # here: nothing of it before a frame
        from sessionkit.models import Session

        if isinstance(record, GroupMeeting):
            from sessionkit.store.groups import commit_group

            commit_group(opened_store(self.store), record)
        elif isinstance(record, Session):
            opened_store(self.store).commit(record)
        else:
            raise TypeError(f"cannot commit a {type(record).__name__}")
