"""Widgets of the live screen.

Imported on first use (PEP 562), like the core's packages: the review uses `row_table` alone and
should not pay for the live screen's widgets (and the guidance they load) before its first paint.
"""

from __future__ import annotations

import importlib
from typing import Any

_WHERE = {
    "Line": "line",
    "NotesPane": "notes",
    "OutcomePane": "outcome",
    "QuestionsPane": "questions",
    "StartList": "startlist",
    "TalkPane": "talk",
}

__all__ = sorted(_WHERE)


def __getattr__(name: str) -> Any:
    if name not in _WHERE:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{_WHERE[name]}"), name)
