"""Storage: crash-safe TinyDB file, live-session journal, single-writer lock, backups.

Public names are imported on first use (PEP 562), like the other core packages: the review's
first paint reads the summary index beside the database and needs neither TinyDB nor the store.
"""

from __future__ import annotations

from sessionkit.lazy import lazy_exports

_WHERE = {"Journal": "journal", "SessionStore": "store", "SessionSource": "source",
          "SessionWriter": "source", "GroupSource": "source", "LazyStore": "lazy"}

__all__, __getattr__ = lazy_exports(__name__, _WHERE)

