"""The live session: the session a coach drives, its talk tracker and its recorder.

Public names are re-exported here and imported on first use (`sessionkit.lazy`).
"""

from __future__ import annotations

from sessionkit.lazy import lazy_exports

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

__all__, __getattr__ = lazy_exports(__name__, _WHERE)
