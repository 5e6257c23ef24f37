"""Storage: crash-safe TinyDB file, live-session journal, single-writer lock, backups."""

from sessionkit.store.journal import Journal
from sessionkit.store.store import SessionStore

__all__ = ["Journal", "SessionStore"]
