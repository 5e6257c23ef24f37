"""Configuration: user settings, the session-model catalog and the TOML data-file reader.

Public names are re-exported here and imported on first use (PEP 562), so importing one
submodule does not load its siblings (start-up time).
"""

from __future__ import annotations

import importlib
from typing import Any

_WHERE = {
    "Settings": "settings",
    "load_settings": "settings",
    "load_settings_lenient": "settings",
    "ModelCatalog": "catalog",
    "CoachingModel": "catalog",
    "Phase": "catalog",
}

__all__ = sorted(_WHERE)


def __getattr__(name: str) -> Any:
    if name not in _WHERE:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{_WHERE[name]}"), name)
