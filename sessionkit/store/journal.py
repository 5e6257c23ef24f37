"""The live-session journal: append-only, one CRC-checked JSON line per save, fsynced.

Line format: `crc32hex SP json NL`. The last line with a good CRC wins (it holds the whole
live record), so recovery never replays anything and a torn tail is simply dropped.
With the database's key (an encrypted database) the lines are sealed instead
(sessionkit.crypt.lines: a new segment and key at each open, a counter nonce per line).
"""

from __future__ import annotations

import json
import os
import zlib
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sessionkit.crypt.header import SEGMENT
from sessionkit.errors import StoreWriteError
from sessionkit.plain import ESCAPED_SURROGATE, mend_surrogates
from sessionkit.store.storage import private_dirs

if TYPE_CHECKING:
    from sessionkit.crypt.keys import DataKey
    from sessionkit.crypt.lines import LineWriter


def _json(record: dict[str, Any]) -> bytes:
    try:
        body = json.dumps(record, allow_nan=False, ensure_ascii=False, separators=(",", ":"))
    except ValueError:
        raise ValueError("refusing to save a number that is NaN or infinite") from None
    try:
        return body.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate (from a file another tool wrote): as U+FFFD
        from sessionkit.plain import without_surrogates

        return without_surrogates(body).encode("utf-8")


def encode_line(record: dict[str, Any]) -> bytes:
    data = _json(record)
    return b"%08x " % zlib.crc32(data) + data + b"\n"


def encode_file(records: list[dict[str, Any]], key: DataKey | None) -> bytes:
    """A whole journal holding `records` (one new segment when sealed)."""
    if key is None:
        return b"".join(encode_line(r) for r in records)
    from sessionkit.crypt.lines import LineWriter

    writer = LineWriter(key)
    return writer.start() + b"".join(writer.encode(_json(r)) for r in records)


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
    if isinstance(record, dict) and ESCAPED_SURROGATE.search(body):
        mend_surrogates(record)
    return record if isinstance(record, dict) else None


class Journal:
    """One live session's journal file."""

    COMPACT_EVERY = 500  # appends by this object before the file is rewritten as one line

    def __init__(self, path: Path, key: DataKey | None = None) -> None:
        self.path = path
        self.key = key
        self._fd: int | None = None
        self._lines = 0
        self._writer: LineWriter | None = None

    def append(self, record: dict[str, Any]) -> None:
        """Append and fsync one record. Raises StoreWriteError; the earlier lines stay good."""
        try:
            body = _json(record)  # NaN refused before anything is written
            if self._fd is None:
                self._fd = self._open()
            data = (b"%08x " % zlib.crc32(body) + body + b"\n" if self._writer is None
                    else self._writer.encode(body))
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
        private_dirs(self.path.parent)
        fd = os.open(self.path, os.O_RDWR | os.O_APPEND | os.O_CREAT, 0o600)
        try:
            size = os.fstat(fd).st_size
            if size and os.pread(fd, 1, size - 1) != b"\n":
                # a torn line from a crash: end it, or the next record would be glued onto it
                os.write(fd, b"\n")
            if self.key is not None:  # a new segment, so a new key: no nonce is ever reused
                from sessionkit.crypt.lines import LineWriter

                writer = LineWriter(self.key)
                os.write(fd, writer.start())
                self._writer = writer
        except OSError:
            os.close(fd)
            raise
        return fd

    def compact(self, record: dict[str, Any]) -> None:
        """Rewrite the journal as its last record alone (atomically), so it does not grow."""
        from sessionkit.store.storage import atomic_write_bytes

        self.close()
        atomic_write_bytes(self.path, encode_file([record], self.key))
        self._lines = 1

    def read_last(self) -> dict[str, Any] | None:
        return read_last(self.path, self.key)

    def close(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None
        self._writer = None

    def remove(self) -> None:
        self.close()
        try:
            self.path.unlink()
        except FileNotFoundError:
            pass


def decode_all(raw: bytes, key: DataKey | None) -> list[dict[str, Any]]:
    """Every intact record in a journal's bytes, in order: plain lines (before any sealed
    segment), then sealed ones that authenticate under `key`."""
    cut = raw.find(SEGMENT)
    plain, sealed = (raw, b"") if cut < 0 else (raw[:cut], raw[cut:])
    out = [r for line in plain.splitlines(keepends=True) if (r := decode_line(line)) is not None]
    if sealed:
        from sessionkit.crypt.lines import read as read_sealed

        for payload in read_sealed(sealed, key).payloads:
            try:
                record = json.loads(payload)
            except ValueError:
                continue
            if isinstance(record, dict):
                if ESCAPED_SURROGATE.search(payload):
                    mend_surrogates(record)
                out.append(record)
    return out


def read_all(path: Path, key: DataKey | None = None) -> list[dict[str, Any]]:
    """Every intact record in a journal file, in order (torn or damaged lines dropped)."""
    try:
        raw = path.read_bytes()
    except OSError:
        return []
    return decode_all(raw, key)


def read_last(path: Path, key: DataKey | None = None) -> dict[str, Any] | None:
    """The last intact record in a journal file, or None."""
    records = read_all(path, key)
    return records[-1] if records else None


class ChangeLog(Journal):
    """The store's write-ahead log of saved sessions: every record counts, so never compacted."""

    COMPACT_EVERY = 1 << 62
