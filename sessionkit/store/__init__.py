"""Storage: crash-safe TinyDB file, live-session journal, single-writer lock, backups.

Public names are imported on first use (PEP 562), like the other core packages: the review's
first paint reads the summary index beside the database and needs neither TinyDB nor the store.
"""

from __future__ import annotations

import importlib
from typing import Any

_WHERE = {"Journal": "journal", "SessionStore": "store", "SessionSource": "source",
          "SessionWriter": "source", "LazyStore": "lazy"}

__all__ = sorted(_WHERE)


def __getattr__(name: str) -> Any:
    if name not in _WHERE:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{_WHERE[name]}"), name)
