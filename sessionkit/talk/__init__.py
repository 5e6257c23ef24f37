"""Talk time: who speaks, for how long, on a pausable round clock (`TalkTracker`) and the
frozen `TalkSnapshot` it gives.

A floor package: both `live` (which drives a tracker) and `guidance` (which reads snapshots)
stand on it, so neither imports the other for it. Public names are re-exported here and
imported on first use (`sessionkit.lazy`).
"""

from __future__ import annotations

from sessionkit.lazy import lazy_exports

_WHERE = {
    "TalkTracker": "tracker",
    "TalkSnapshot": "tracker",
    "WHO": "tracker",
}

__all__, __getattr__ = lazy_exports(__name__, _WHERE)
