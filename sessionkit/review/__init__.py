"""Looking back: the history index, summaries, talk charts, carried actions, partnerships,
the home dashboard.

Public names are re-exported here and imported on first use (`sessionkit.lazy`).
"""

from __future__ import annotations

from sessionkit.lazy import lazy_exports

_WHERE = {
    "HistoryIndex": "history",
    "Summary": "summary",
    "ActionRef": "summary",
    "summarize": "summary",
    "set_action_done": "history",
    "timeline": "charts",
    "OpenAction": "carry",
    "Partnership": "partnerships",
    "partnerships": "partnerships",
    "Dashboard": "dashboard",
    "open_actions_for": "dashboard",
}

__all__, __getattr__ = lazy_exports(__name__, _WHERE)
