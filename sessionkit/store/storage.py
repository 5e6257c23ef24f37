"""AtomicJSONStorage: a TinyDB storage that never leaves a half-written file.

Write = temp file in the same folder (0600), write, flush, fsync, os.replace, fsync the folder.
Read = parse once and cache (safe because the store holds the lock, so nobody else writes).
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

from tinydb.storages import Storage

from sessionkit.errors import StoreCorrupted, StoreWriteError

TMP_PREFIX = ".sessionkit-tmp-"


def fsync_dir(folder: Path) -> None:
    if os.name == "nt":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Replace `path` with `data` so that a crash leaves either the old or the new file."""
    folder = path.parent
    try:
        free = shutil.disk_usage(folder).free
    except OSError:
        free = None
    if free is not None and free < 2 * len(data) + 1_000_000:
        raise StoreWriteError(f"NOT SAVED: disk full ({folder} has {free // 1024} KiB free)")
    fd, tmp = tempfile.mkstemp(prefix=TMP_PREFIX, dir=folder)
    try:
        os.fchmod(fd, 0o600) if hasattr(os, "fchmod") else None
        view = memoryview(data)
        while view:
            written = os.write(fd, view)
            view = view[written:]
        os.fsync(fd)
        os.close(fd)
        fd = -1
        os.replace(tmp, path)
        fsync_dir(folder)
    except OSError as err:
        if fd >= 0:
            os.close(fd)
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise StoreWriteError(f"NOT SAVED: {err.strerror or err} ({path})") from None


def sweep_temp_files(folder: Path) -> int:
    """Remove temp files an interrupted write left behind; returns how many."""
    count = 0
    for tmp in folder.glob(TMP_PREFIX + "*"):
        try:
            tmp.unlink()
            count += 1
        except OSError:
            pass
    return count


def validate_db(data: Any, path: Path) -> dict[str, Any]:
    """Check the shape TinyDB expects: {table: {doc_id: {…}}}."""
    if not isinstance(data, dict):
        raise StoreCorrupted(
            f"{path}: not a sessionkit database (top level is {type(data).__name__})"
        )
    for name, table in data.items():
        if not isinstance(table, dict) or not all(isinstance(d, dict) for d in table.values()):
            raise StoreCorrupted(f"{path}: not a sessionkit database (table {name!r} is damaged)")
    return data


def read_db_file(path: Path) -> dict[str, Any] | None:
    """Parse and validate; None if the file does not exist. Never modifies the file."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as err:
        raise StoreCorrupted(f"{path}: cannot read ({err.strerror})") from None
    if not raw.strip():
        raise StoreCorrupted(f"{path}: the file is empty")
    try:
        data = json.loads(raw)
    except (json.JSONDecodeError, UnicodeDecodeError) as err:
        raise StoreCorrupted(f"{path}: not valid JSON ({err})") from None
    if data is None:
        raise StoreCorrupted(f"{path}: the file holds only 'null'")
    return validate_db(data, path)


class AtomicJSONStorage(Storage):
    """TinyDB storage with crash-safe writes and an in-memory read cache."""

    def __init__(self, path: str | Path, readonly: bool = False) -> None:
        self.path = Path(path)
        self.readonly = readonly
        self._cache: dict[str, Any] | None = read_db_file(self.path)

    def read(self) -> dict[str, Any] | None:
        if self._cache is None:
            return None
        return self._cache

    def write(self, data: dict[str, Any]) -> None:
        if self.readonly:
            from sessionkit.errors import StoreReadOnly

            raise StoreReadOnly(f"{self.path}: opened read-only; nothing was changed")
        payload = json.dumps(data, allow_nan=False, ensure_ascii=False).encode("utf-8")
        atomic_write_bytes(self.path, payload)
        self._cache = json.loads(payload)

    def close(self) -> None:
        pass
