"""JSON export and import: the re-importable backup format of PRODUCT.md.

`{"schema": <int>, "sessions": [...]}`. Export streams one session at a time; import
validates the whole file first and refuses it whole on the first problem.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import IO

from sessionkit.errors import ImportInvalid
from sessionkit.models import SCHEMA, Session


def write_json(sessions: Iterable[Session], out: IO[str]) -> int:
    """Stream sessions as the JSON export; returns how many were written."""
    out.write('{"schema": %d, "sessions": [' % SCHEMA)
    count = 0
    for session in sessions:
        out.write(",\n  " if count else "\n  ")
        out.write(json.dumps(session.to_dict(), ensure_ascii=False, allow_nan=False))
        count += 1
    out.write("\n]}\n" if count else "]}\n")
    return count


def read_import(path: Path) -> list[Session]:
    """Parse and validate an export file. Raises ImportInvalid naming the file and the problem."""
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ImportInvalid(f"{path}: no such file") from None
    except (OSError, UnicodeDecodeError) as err:
        raise ImportInvalid(f"{path}: cannot read ({err})") from None
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as err:
        raise ImportInvalid(f"{path}: not valid JSON ({err}); nothing was imported") from None
    if not isinstance(data, dict) or "sessions" not in data or "schema" not in data:
        raise ImportInvalid(
            f"{path}: not a sessionkit export (expected {{\"schema\", \"sessions\"}}); "
            "nothing was imported"
        )
    schema = data["schema"]
    if isinstance(schema, bool) or not isinstance(schema, int) or schema < 1:
        raise ImportInvalid(f"{path}: 'schema' must be a positive whole number")
    if schema > SCHEMA:
        raise ImportInvalid(
            f"{path}: written by a newer sessionkit (schema {schema} > {SCHEMA}); upgrade first"
        )
    if not isinstance(data["sessions"], list):
        raise ImportInvalid(f"{path}: 'sessions' must be a list; nothing was imported")
    sessions: list[Session] = []
    seen: set[str] = set()
    for i, item in enumerate(data["sessions"]):
        try:
            session = Session.from_dict(item, f"sessions[{i}]")
        except ValueError as err:
            raise ImportInvalid(f"{path}: {err}; nothing was imported") from None
        if session.id in seen:
            raise ImportInvalid(f"{path}: sessions[{i}].id {session.id!r} appears twice")
        seen.add(session.id)
        sessions.append(session)
    return sessions
