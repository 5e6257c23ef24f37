"""Getting data out and in: the export formats, owner-only files and the JSON import.

Public names are re-exported here and imported on first use (PEP 562), so importing one
submodule does not load its siblings (start-up time).
"""

from __future__ import annotations

import importlib
from typing import Any

_WHERE = {
    "export": "run",
    "select": "run",
    "write": "run",
    "write_json": "transfer",
    "read_import": "transfer",
    "write_md": "markdown",
    "write_csv": "csv_log",
    "write_ics": "ics",
    "private_text_file": "files",
}

__all__ = sorted(_WHERE)


def __getattr__(name: str) -> Any:
    if name not in _WHERE:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{_WHERE[name]}"), name)
