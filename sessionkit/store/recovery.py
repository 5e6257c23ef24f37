"""Recovering from a damaged database: restore the newest good backup, or salvage what still reads.

The damaged file is never deleted or changed in place: before anything is written at its path,
it is kept aside as `<stem>.corrupt-<UTC ts><suffix>` beside it. Both choices take the
database's lock, so a second sessionkit cannot write at the same moment. (Looking at the
backup read-only is `SessionStore.open(backup.path, readonly=True)`: nothing here.)
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sessionkit import __version__
from sessionkit.crypt.errors import CryptError
from sessionkit.errors import StoreCorrupted, StoreWriteError
from sessionkit.models import Session
from sessionkit.paths import write_new
from sessionkit.plain import one_line
from sessionkit.store.backups import Backup
from sessionkit.store.lock import DbLock
from sessionkit.store.opening import new_db
from sessionkit.store.plaintext import salvage_text
from sessionkit.store.sealing import looks_sealed, open_for, seal_for
from sessionkit.store.storage import (
    SESSIONS,
    atomic_write_bytes,
    check_shape,
    dump_json,
    parse_json,
)

_RECORD_START = re.compile(r'(?<!\\)"(\d+)"\s*:\s*\{')


@dataclass(frozen=True)
class Damage:
    """What is wrong with the database at `path`, and the newest good backup (if any)."""

    path: Path
    problem: str
    backup: Backup | None

    @property
    def salvageable(self) -> bool:
        """There is a file to salvage from (not the case when it is missing)."""
        return self.problem != "missing"

    @classmethod
    def of(cls, err: StoreCorrupted, path: Path) -> Damage:
        backup = err.backup if isinstance(err.backup, Backup) else None
        return cls(Path(str(err.path or path)), err.problem, backup)


@dataclass
class Salvaged:
    """The outcome of a salvage: how many sessions were kept, and a line for each loss."""

    kept: int
    aside: Path
    lost: list[str] = field(default_factory=list)


def aside_path(path: Path, now: datetime) -> Path:
    """Where the damaged file is kept: `sessionkit.corrupt-20261126T060102Z.json`."""
    stamp = now.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    candidate = path.with_name(f"{path.stem}.corrupt-{stamp}{path.suffix}")
    n = 1
    while candidate.exists():  # two recoveries in one second: never overwrite the first
        n += 1
        candidate = path.with_name(f"{path.stem}.corrupt-{stamp}-{n}{path.suffix}")
    return candidate


def _keep_aside(path: Path, now: datetime) -> Path:
    """Keep the damaged file (a hard link, else an exclusive copy) before its path is rewritten."""
    aside = aside_path(path, now)
    try:
        os.link(path, aside)
        return aside
    except FileNotFoundError:
        raise
    except OSError:
        pass  # no hard links here (some filesystems): copy instead
    write_new(aside, path.read_bytes())
    return aside


def _locked(path: Path, now: datetime) -> DbLock:
    lock = DbLock(path.with_name(path.stem + ".lock"), path)
    lock.acquire(now)
    return lock


def restore(damage: Damage, now: datetime) -> Path | None:
    """Put the newest good backup in place of the damaged (or missing) file.

    Returns where the damaged file was kept (None if there was none). Raises StoreCorrupted if
    the backup no longer reads, StoreWriteError if it cannot be written (the damaged file is
    then still in its place)."""
    if damage.backup is None:
        raise StoreCorrupted(f"there is no good backup of {damage.path} to restore")
    raw = damage.backup.path.read_bytes()
    try:
        plain = open_for(damage.path, raw)
        problem = check_shape(parse_json(plain))
    except (ValueError, CryptError) as err:
        problem = str(err)
    if not problem and not looks_sealed(raw):  # a copy from before encrypting: sealed now
        raw = seal_for(damage.path, plain)
    if problem:
        raise StoreCorrupted(f"the backup {damage.backup.path} does not read any more: {problem}")
    lock = _locked(damage.path, now)
    try:
        aside = _keep_aside(damage.path, now) if damage.path.exists() else None
        atomic_write_bytes(damage.path, raw)
    finally:
        lock.release()
    return aside


def salvage(path: Path, now: datetime) -> Salvaged:
    """Read every session record that still parses from the damaged file into a new database at
    `path` (the damaged file kept aside). Returns how many were kept and what was lost."""
    raw, lost_parts = salvage_text(path, path.read_bytes())
    records, lost = _records(raw)
    lost = lost_parts + lost
    data = new_db(now, __version__)
    table: dict[str, Any] = {}
    seen: set[str] = set()
    for where, doc in records:
        try:
            session = Session.from_dict(doc)
        except ValueError as err:
            lost.append(f"{where}: {one_line(str(err))[:120]}")
            continue
        if session.id in seen:
            lost.append(f"{where}: a second record with id {session.id} (the first was kept)")
            continue
        seen.add(session.id)
        table[str(len(table) + 1)] = session.to_dict()
    data[SESSIONS] = table
    from sessionkit.store.groups import salvage_groups

    data.update(salvage_groups(raw, lost))
    try:
        encoded = seal_for(path, dump_json(data))
    except ValueError as err:
        raise StoreWriteError(f"NOT SAVED: {err}") from None
    lock = _locked(path, now)
    try:
        aside = _keep_aside(path, now)
        atomic_write_bytes(path, encoded)
    finally:
        lock.release()
    return Salvaged(len(table), aside, lost)


def _records(raw: bytes) -> tuple[list[tuple[str, Any]], list[str]]:
    """(where, record) for each session record found, and a line for each part that was lost."""
    try:
        data = parse_json(raw)
    except (ValueError, RecursionError):
        return _scan(raw.decode("utf-8", errors="replace"))
    table = data.get(SESSIONS) if isinstance(data, dict) else data
    if isinstance(table, dict):
        return [(f"record {key}", doc) for key, doc in table.items()], []
    if isinstance(table, list):
        return [(f"record {i + 1}", doc) for i, doc in enumerate(table)], []
    return [], ["no table of sessions in the file"]


def _scan(text: str) -> tuple[list[tuple[str, Any]], list[str]]:
    """Find `"<n>": {…}` records in text that is not valid JSON as a whole."""
    decoder = json.JSONDecoder()
    found: list[tuple[str, Any]] = []
    lost: list[str] = []
    pos = 0
    while (match := _RECORD_START.search(text, pos)) is not None:
        start = match.end() - 1
        try:
            doc, end = decoder.raw_decode(text, start)
        except (ValueError, RecursionError) as err:
            reason = err.msg if isinstance(err, json.JSONDecodeError) else "nested too deeply"
            lost.append(f"record {match.group(1)} at byte {start}: cannot be read ({reason})")
            pos = match.end()
            continue
        if isinstance(doc, dict) and "rounds" in doc:
            found.append((f"record {match.group(1)}", doc))
            pos = end
        else:
            pos = match.end()  # `_meta` or a table: look inside it
    if not found and not lost:
        lost.append("no session record could be found in the file")
    return found, lost
