"""Looking back: the history index, summaries, talk charts, carried actions, partnerships,
the home dashboard.

Public names are re-exported here and imported on first use (PEP 562), so importing one
submodule does not load its siblings (start-up time).
"""

from __future__ import annotations

import importlib
from typing import Any

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

__all__ = sorted(_WHERE)


def __getattr__(name: str) -> Any:
    if name not in _WHERE:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{_WHERE[name]}"), name)
