"""Rolling backups beside the database: `backups/<stem>-<UTC ts>.json`.

Taken after a valid open and after each commit, written atomically, parsed right after writing
to prove they are good. Kept: the newest 10, plus the newest of each day for 30 days.
Pre-migration copies (`<stem>-pre-v<N>.json`) are never pruned.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from sessionkit.errors import SessionkitError, StoreWriteError
from sessionkit.store.checked import check_rows
from sessionkit.store.sealing import open_for
from sessionkit.store.storage import SESSIONS, atomic_write_bytes, check_shape, parse_json

KEEP_LAST = 10
KEEP_DAYS = 30
STAMP = "%Y%m%dT%H%M%SZ"


@dataclass(frozen=True)
class Backup:
    path: Path
    taken: datetime | None  # None for pre-migration copies
    sessions: int

    def describe(self) -> str:
        when = self.taken.astimezone().strftime("%Y-%m-%d %H:%M") if self.taken else "?"
        return f"{self.path} ({self.sessions} sessions, saved {when})"


def backups_dir(db_path: Path) -> Path:
    return db_path.parent / "backups"


def _pattern(db_path: Path) -> re.Pattern[str]:
    return re.compile(re.escape(db_path.stem) + r"-(\d{8}T\d{6}Z)\.json")


def _stamped(db_path: Path) -> list[tuple[datetime, Path]]:
    """Timestamped backups of this database, newest first."""
    folder = backups_dir(db_path)
    if not folder.is_dir():
        return []
    pattern = _pattern(db_path)
    found = []
    for path in folder.iterdir():
        m = pattern.fullmatch(path.name)
        if m:
            found.append((datetime.strptime(m.group(1) + "+0000", STAMP + "%z"), path))
    return sorted(found, reverse=True)


def _ensure_dir(db_path: Path) -> Path:
    folder = backups_dir(db_path)
    try:
        folder.mkdir(mode=0o700, exist_ok=True)
    except OSError as err:
        raise StoreWriteError(f"backup not written: {err.strerror} ({folder})") from None
    return folder


def _write_checked(path: Path, raw: bytes, parsed: bool, db_path: Path) -> None:
    """Write, then read back. `parsed`: `raw` is known to parse as a sessionkit database (it was
    just validated at open, or produced by json.dumps from the store's data), so reading back
    the same bytes proves the copy good without paying for a second parse (2 s at 10,000
    sessions); otherwise the copy is parsed and checked."""
    atomic_write_bytes(path, raw)
    try:
        back = path.read_bytes()
        ok = back == raw if parsed else _good(parse_json(open_for(db_path, back)))
    except (OSError, ValueError, SessionkitError):
        ok = False
    if not ok:
        raise StoreWriteError(f"backup {path} did not read back intact")


def take(db_path: Path, raw: bytes, now: datetime, parsed: bool = False) -> Path | None:
    """Write `raw` (the database's bytes) as a new backup and prune old ones.

    Skips the copy when the newest backup already holds the database as it is: the same size and
    written after the database last changed (checked with stat, not by re-reading 30 MB).
    Raises StoreWriteError.
    """
    existing = _stamped(db_path)
    if existing and _current(existing[0][1], db_path, len(raw)):
        return None
    folder = _ensure_dir(db_path)
    path = folder / f"{db_path.stem}-{now.strftime(STAMP)}.json"
    _write_checked(path, raw, parsed, db_path)
    prune(db_path, now)
    return path


def _current(backup: Path, db_path: Path, size: int) -> bool:
    """True when `backup` has `size` bytes and is no older than the database file."""
    try:
        made, db = backup.stat(), db_path.stat()
    except OSError:
        return False
    return made.st_size == size == db.st_size and made.st_mtime_ns >= db.st_mtime_ns


def take_pre_migration(db_path: Path, raw: bytes, schema: int) -> Path:
    path = _ensure_dir(db_path) / f"{db_path.stem}-pre-v{schema}.json"
    _write_checked(path, raw, parsed=True, db_path=db_path)
    return path


def prune(db_path: Path, now: datetime) -> list[Path]:
    """Delete backups beyond the newest 10 and one per day for 30 days; returns the deleted."""
    stamped = _stamped(db_path)
    keep = {p for _, p in stamped[:KEEP_LAST]}
    days: set[str] = set()
    for taken, path in stamped:  # newest first: the first seen per day is that day's newest
        day = taken.strftime("%Y-%m-%d")
        if now - taken <= timedelta(days=KEEP_DAYS) and day not in days:
            days.add(day)
            keep.add(path)
    removed = []
    for _, path in stamped:
        if path not in keep:
            try:
                path.unlink()
                removed.append(path)
            except OSError:
                pass
    return removed


def newest_good(db_path: Path) -> Backup | None:
    """The newest backup that parses as a sessionkit database with no damaged record, or None
    (a backup of a damaged file is never offered as the good one)."""
    folder = backups_dir(db_path)
    candidates: list[tuple[datetime | None, Path]] = list(_stamped(db_path))
    if folder.is_dir():
        pre = sorted(folder.glob(f"{db_path.stem}-pre-v*.json"), key=_mtime, reverse=True)
        candidates += [(None, p) for p in pre]
    for taken, path in candidates:
        try:  # an encrypted backup reads with the database's key (never one of another)
            data = parse_json(open_for(db_path, path.read_bytes()))
        except (OSError, ValueError, SessionkitError):
            continue
        if _good(data):
            return Backup(path, taken, len(data.get(SESSIONS, {})))
    return None


def _good(data: Any) -> bool:
    """A sessionkit database whose every record reads as a session (checked.py), unique ids."""
    return check_shape(data) is None and not check_rows(data.get(SESSIONS, {}))


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0
