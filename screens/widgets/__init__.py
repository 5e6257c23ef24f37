"""Widgets of the live screen.

Imported on first use (PEP 562), like the core's packages: the review uses `row_table` alone and
should not pay for the live screen's widgets (and the guidance they load) before its first paint.
"""

from __future__ import annotations

from sessionkit.lazy import lazy_exports

_WHERE = {
    "Line": "line",
    "NotesPane": "notes",
    "OutcomePane": "outcome",
    "QuestionsPane": "questions",
    "StartList": "startlist",
    "TalkPane": "talk",
}

__all__, __getattr__ = lazy_exports(__name__, _WHERE)

