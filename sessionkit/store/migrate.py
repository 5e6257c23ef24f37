"""Schema migrations: an ordered list of pure functions, one per schema step.

`MIGRATIONS[i]` turns a session record of schema `i + 1` into one of schema `i + 2`, so the
current schema is `len(MIGRATIONS) + 1` (a test checks it equals `models.SCHEMA`). Each
function takes a dict and returns a new dict; it must not touch its argument or the disk.
The store backs the file up first (`backups/<stem>-pre-v<N>.json`), migrates in memory and
writes once. A file from a newer sessionkit is never downgraded: it opens read-only.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

Record = dict[str, Any]
Migration = Callable[[Record], Record]

MIGRATIONS: list[Migration] = []  # schema 1 is the first; add `v1_to_v2` here when it comes


def current() -> int:
    return len(MIGRATIONS) + 1


def migrate_record(record: Record, from_schema: int) -> Record:
    """One session record brought from `from_schema` up to the current schema."""
    out = copy.deepcopy(record)
    for step in MIGRATIONS[from_schema - 1:]:
        out = step(out)
    out["schema"] = current()
    return out


def migrate_db(data: dict[str, Any], from_schema: int, meta_key: str, sessions_key: str,
               app: str) -> dict[str, Any]:
    """The whole database brought up to the current schema (a new dict; `data` is untouched)."""
    out = dict(data)
    out[sessions_key] = {
        doc_id: migrate_record(doc, int(doc.get("schema", from_schema)))
        for doc_id, doc in data.get(sessions_key, {}).items()
    }
    meta_id, meta = next(iter(data[meta_key].items()))
    out[meta_key] = {meta_id: {**meta, "schema": current(), "app": app}}
    return out
