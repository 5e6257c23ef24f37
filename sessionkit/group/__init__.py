"""Intervision groups (3-8 peers, one case per round, rotating roles): the record, the methods,
the role rotation and the live round. Plain Python, no Textual.

Public names are re-exported here and imported on first use (`sessionkit.lazy`).
"""

from __future__ import annotations

from sessionkit.lazy import lazy_exports

_WHERE = {
    "GroupMeeting": "model",
    "GroupRound": "model",
    "Contribution": "model",
    "GroupMethod": "methods",
    "MethodCatalog": "methods",
    "LiveGroup": "live",
    "GroupSnapshot": "live",
    "next_roles": "rotation",
}

__all__, __getattr__ = lazy_exports(__name__, _WHERE)
