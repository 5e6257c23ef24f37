"""Guidance during the call: nudges, suggestions, the question and reframe bank.

Public names are re-exported here and imported on first use (`sessionkit.lazy`).
"""

from __future__ import annotations

from sessionkit.lazy import lazy_exports

_WHERE = {
    "Guide": "guide",
    "Moment": "moment",
    "Nudge": "moment",
    "Suggestion": "moment",
    "Bank": "bank",
    "PURPOSES": "sessionkit.config.purposes",  # its home is config; kept here
}

__all__, __getattr__ = lazy_exports(__name__, _WHERE)
