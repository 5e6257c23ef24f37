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
    try:
        body = json.dumps(record, allow_nan=False, ensure_ascii=False, separators=(",", ":"))
    except ValueError:
        raise ValueError("refusing to save a number that is NaN or infinite") from None
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

    COMPACT_EVERY = 500  # appends by this object before the file is rewritten as one line

    def __init__(self, path: Path) -> None:
        self.path = path
        self._fd: int | None = None
        self._lines = 0

    def append(self, record: dict[str, Any]) -> None:
        """Append and fsync one record. Raises StoreWriteError; the earlier lines stay good."""
        try:
            data = encode_line(record)
            if self._fd is None:
                self._fd = self._open()
            view = memoryview(data)
            while view:
                view = view[os.write(self._fd, view):]
            os.fsync(self._fd)
            self._lines += 1
        except OSError as err:
            self.close()  # reopen next time, so a half-written line gets ended first
            raise StoreWriteError(f"{err.strerror or err} ({self.path})") from None
        if self._lines >= self.COMPACT_EVERY:
            try:
                self.compact(record)
            except StoreWriteError:
                pass  # the record is safe in the long file; compaction can wait

    def _open(self) -> int:
        self.path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_APPEND | os.O_CREAT, 0o600)
        try:
            size = os.fstat(fd).st_size
            if size and os.pread(fd, 1, size - 1) != b"\n":
                # a torn line from a crash: end it, or the next record would be glued onto it
                os.write(fd, b"\n")
        except OSError:
            os.close(fd)
            raise
        return fd

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


def read_all(path: Path) -> list[dict[str, Any]]:
    """Every intact record in a journal file, in order (torn or damaged lines dropped)."""
    try:
        raw = path.read_bytes()
    except OSError:
        return []
    return [r for line in raw.splitlines(keepends=True) if (r := decode_line(line)) is not None]


def read_last(path: Path) -> dict[str, Any] | None:
    """The last intact record in a journal file, or None."""
    records = read_all(path)
    return records[-1] if records else None


class ChangeLog(Journal):
    """The store's write-ahead log of saved sessions: every record counts, so never compacted."""

    COMPACT_EVERY = 1 << 62
