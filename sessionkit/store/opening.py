"""Opening a database file: validate it, explain damage, check the schema, migrate.

Nothing here writes the database; the store does that once it holds the lock.
"""

from __future__ import annotations

import stat
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from sessionkit.clock import iso
from sessionkit.errors import StoreCorrupted
from sessionkit.plain import ESCAPED_SURROGATE, mend_surrogates
from sessionkit.store import backups, migrate
from sessionkit.store.storage import META, SESSIONS, read_db_file


@dataclass
class Loaded:
    data: dict[str, Any]
    raw: bytes | None  # the file's bytes, when `data` is exactly what is on disk
    existed: bool
    readonly: bool
    notices: list[str] = field(default_factory=list)


def new_db(now: datetime, app: str) -> dict[str, Any]:
    return {
        META: {"1": {"schema": migrate.current(), "app": app, "created": iso(now)}},
        SESSIONS: {},
    }


def damaged(path: Path, problem: str) -> StoreCorrupted:
    """The one-line error for a damaged database, naming the newest good backup."""
    backup = backups.newest_good(path)
    if backup is not None:
        hint = f"Newest good backup: {backup.describe()}; copy it over {path.name} to restore."
    else:
        hint = f"No good backup found in {backups.backups_dir(path)}."
    return StoreCorrupted(
        f"{path} is damaged: {problem}. The file was left unchanged. {hint}",
        path=path, problem=problem, backup=backup,
    )


def schema_of(data: dict[str, Any]) -> int:
    return int(next(iter(data[META].values()))["schema"])


def load(path: Path, readonly: bool, now: datetime, app: str) -> Loaded:
    """Read and check the file at `path` (a new empty database if there is none).

    Raises StoreCorrupted, naming the newest good backup, if the file is damaged or missing
    while its backups exist.
    """
    try:
        found = read_db_file(path)
    except StoreCorrupted as err:
        raise damaged(path, err.problem) from None
    if found is None:
        backup = backups.newest_good(path)
        if backup is not None:
            raise StoreCorrupted(
                f"{path} is missing but its backups exist; to restore, copy "
                f"{backup.path} to {path} (or move {backup.path.parent} away to start afresh)",
                path=path, problem="missing", backup=backup,
            )
        return Loaded(new_db(now, app), None, False, readonly)
    data, raw = found
    loaded = Loaded(data, raw, True, readonly)
    if ESCAPED_SURROGATE.search(raw):  # valid JSON from another tool can hold "\ud800"
        _, mended = mend_surrogates(data)
        if mended:
            loaded.raw = None  # what is loaded is no longer exactly what is on disk
            loaded.notices.append(
                f"{path}: {mended} text(s) held a character no text can hold (a lone "
                "surrogate); shown as \ufffd and saved so at the next change")
    mode = stat.S_IMODE(path.stat().st_mode)
    if mode & 0o077:
        loaded.notices.append(
            f"warning: {path} can be read by other users (mode {mode:04o}); "
            f"fix with: chmod 600 {path}"
        )
    if not mode & 0o200 and not readonly:  # 0444: the owner made it read-only on purpose
        loaded.readonly = True
        loaded.notices.append(
            f"{path} is read-only (mode {mode:04o}): opened read-only, nothing will be "
            f"changed (a new session could not be saved). To edit it: chmod u+w {path}")
    schema = schema_of(data)
    if schema > migrate.current():
        loaded.readonly = True
        loaded.notices.append(
            f"{path} was written by a newer sessionkit (schema {schema}; this one knows up to "
            f"{migrate.current()}): opened read-only, nothing will be changed. Upgrade to edit it."
        )
    elif schema < migrate.current():
        if not readonly:
            backups.take_pre_migration(path, raw, migrate.current())
        loaded.data = migrate.migrate_db(data, schema, META, SESSIONS, app, groups_key="groups")
        loaded.raw = None
    return loaded
