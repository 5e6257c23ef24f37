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

GROUP_MIGRATIONS: dict[int, Migration] = {}
"""Steps for group meeting records (the `groups` table; `"kind": "group"` in an export), keyed
by the schema a step starts from. A schema step with no entry here leaves group records as they
are but for their `schema`: the session steps above reshape one-to-one rounds (coach, client)
and must never run on a meeting. None yet: group meetings came with schema 1."""


def current() -> int:
    return len(MIGRATIONS) + 1


def migrate_record(record: Record, from_schema: int) -> Record:
    """One session record brought from `from_schema` up to the current schema."""
    out = copy.deepcopy(record)
    for step in MIGRATIONS[from_schema - 1:]:
        out = step(out)
    out["schema"] = current()
    return out


def migrate_group_record(record: Record, from_schema: int) -> Record:
    """One group meeting record brought from `from_schema` up to the current schema."""
    out = copy.deepcopy(record)
    for schema in range(from_schema, current()):
        step = GROUP_MIGRATIONS.get(schema)
        if step is not None:
            out = step(out)
    out["schema"] = current()
    return out


def migrate_db(data: dict[str, Any], from_schema: int, meta_key: str, sessions_key: str,
               app: str, groups_key: str | None = None) -> dict[str, Any]:
    """The whole database brought up to the current schema (a new dict; `data` is untouched).
    With `groups_key`, that table's group meeting records by their own steps."""
    out = dict(data)
    out[sessions_key] = {
        doc_id: migrate_record(doc, int(doc.get("schema", from_schema)))
        for doc_id, doc in data.get(sessions_key, {}).items()
    }
    if groups_key is not None and groups_key in data:
        out[groups_key] = {
            doc_id: migrate_group_record(doc, _schema(doc, from_schema))
            for doc_id, doc in data[groups_key].items()
        }
    meta_id, meta = next(iter(data[meta_key].items()))
    out[meta_key] = {meta_id: {**meta, "schema": current(), "app": app}}
    return out


def _schema(doc: Record, default: int) -> int:
    """A record's own schema when it has a sane one (a damaged record keeps its damage: the
    reader names it later), else the database's."""
    value = doc.get("schema")
    if isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= current():
        return value
    return default
