"""Getting data out and in: the export formats, owner-only files and the JSON import.

Public names are re-exported here and imported on first use (`sessionkit.lazy`).
"""

from __future__ import annotations

from sessionkit.lazy import lazy_exports

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

__all__, __getattr__ = lazy_exports(__name__, _WHERE)
