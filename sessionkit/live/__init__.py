"""The live session: the session a coach drives and its recorder (the talk tracker it drives
lives in `sessionkit.talk`, re-exported here).

Public names are re-exported here and imported on first use (`sessionkit.lazy`).
"""

from __future__ import annotations

from sessionkit.lazy import lazy_exports

_WHERE = {
    "LiveSession": "session",
    "LiveSnapshot": "session",
    "FIRST_SESSION_CHECKLIST": "session",
    "TalkTracker": "sessionkit.talk.tracker",  # moved to the floor package `talk`; kept here
    "TalkSnapshot": "sessionkit.talk.tracker",
    "LiveRecorder": "recorder",
    "Recorders": "recorder",
    "SaveFailed": "recorder",
}

__all__, __getattr__ = lazy_exports(__name__, _WHERE)
