"""What the screens work with, built once by `make_app` and handed down through constructors."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # annotations only: the review starts without loading these
    from sessionkit.clock import Clock
    from sessionkit.config.catalog import ModelCatalog
    from sessionkit.config.settings import Settings
    from sessionkit.live.recorder import Recorders
    from sessionkit.store.lazy import LazyStore
    from sessionkit.store.store import SessionStore


@dataclass(frozen=True)
class Services:
    store: SessionStore | LazyStore
    """The only door to the database (under `sessionkit review` a LazyStore, opened on first use;
    what only the SessionStore does goes through `sessionkit.store.lazy.opened_store`)."""
    catalog: ModelCatalog
    """The session models (shipped and the user's)."""
    settings: Settings
    """Thresholds, defaults and key remaps."""
    clock: Clock
    """Injected so tests and snapshots control time."""
    recorders: Recorders
    """The live sessions being saved (quitting and signals flush them all)."""
    listen: Any = None
    """Listening asked for on the command line (a `ListenSpec`), or None: keys until `l`."""
