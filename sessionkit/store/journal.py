"""The live-session journal: append-only, one CRC-checked JSON line per save, fsynced.

Line format: `crc32hex SP json NL`. The last line with a good CRC wins (it holds the whole
live record), so recovery never replays anything and a torn tail is simply dropped.
"""

from __future__ import annotations

import json
import os
import zlib
from pathlib import Path
from typing import Any

from sessionkit.errors import StoreWriteError


def encode_line(record: dict[str, Any]) -> bytes:
    body = json.dumps(record, allow_nan=False, ensure_ascii=False, separators=(",", ":"))
    data = body.encode("utf-8")
    return b"%08x " % zlib.crc32(data) + data + b"\n"


def decode_line(line: bytes) -> dict[str, Any] | None:
    """The record on one journal line, or None if it is torn or damaged."""
    if not line.endswith(b"\n") or len(line) < 10 or line[8:9] != b" ":
        return None
    body = line[9:-1]
    try:
        if int(line[:8], 16) != zlib.crc32(body):
            return None
        record = json.loads(body)
    except ValueError:
        return None
    return record if isinstance(record, dict) else None


class Journal:
    """One live session's journal file."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._fd: int | None = None
        self._lines = 0

    def append(self, record: dict[str, Any]) -> None:
        """Append and fsync one record. Raises StoreWriteError; the earlier lines stay good."""
        try:
            if self._fd is None:
                self.path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
                self._fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
            data = encode_line(record)
            view = memoryview(data)
            while view:
                view = view[os.write(self._fd, view):]
            os.fsync(self._fd)
            self._lines += 1
        except OSError as err:
            raise StoreWriteError(f"NOT SAVED: {err.strerror or err} ({self.path})") from None
        if self._lines >= 500:
            self.compact(record)

    def compact(self, record: dict[str, Any]) -> None:
        """Rewrite the journal as its last record alone (atomically), so it does not grow."""
        from sessionkit.store.storage import atomic_write_bytes

        self.close()
        atomic_write_bytes(self.path, encode_line(record))
        self._lines = 1

    def read_last(self) -> dict[str, Any] | None:
        return read_last(self.path)

    def close(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None

    def remove(self) -> None:
        self.close()
        try:
            self.path.unlink()
        except FileNotFoundError:
            pass


def read_last(path: Path) -> dict[str, Any] | None:
    """The last intact record in a journal file, or None."""
    try:
        raw = path.read_bytes()
    except OSError:
        return None
    last = None
    for line in raw.splitlines(keepends=True):
        record = decode_line(line)
        if record is not None:
            last = record
    return last
