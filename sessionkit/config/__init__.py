"""Configuration: user settings, the session-model catalog and the TOML data-file reader.

Public names are re-exported here and imported on first use (`sessionkit.lazy`).
"""

from __future__ import annotations

from sessionkit.lazy import lazy_exports

_WHERE = {
    "Settings": "settings",
    "load_settings": "settings",
    "load_settings_lenient": "settings",
    "ModelCatalog": "catalog",
    "CoachingModel": "catalog",
    "Phase": "catalog",
    "PURPOSES": "purposes",
}

__all__, __getattr__ = lazy_exports(__name__, _WHERE)
