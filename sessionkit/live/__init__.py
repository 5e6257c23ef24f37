"""The live session: the session a coach drives, its talk tracker and its recorder.

Public names are re-exported here and imported on first use (PEP 562), so importing one
submodule does not load its siblings (start-up time).
"""

from __future__ import annotations

import importlib
from typing import Any

_WHERE = {
    "LiveSession": "session",
    "LiveSnapshot": "session",
    "FIRST_SESSION_CHECKLIST": "session",
    "TalkTracker": "talk",
    "TalkSnapshot": "talk",
    "LiveRecorder": "recorder",
    "Recorders": "recorder",
    "SaveFailed": "recorder",
}

__all__ = sorted(_WHERE)


def __getattr__(name: str) -> Any:
    if name not in _WHERE:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{_WHERE[name]}"), name)
