"""One sessionkit per database: an flock on `<db>.lock`, released by the kernel if we die."""

from __future__ import annotations

import json
import os
import socket
from datetime import datetime
from pathlib import Path
from typing import Any

from sessionkit.errors import StoreLocked

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]


class DbLock:
    def __init__(self, path: Path, db_path: Path) -> None:
        self.path = path
        self.db_path = db_path
        self._fd: int | None = None

    def acquire(self, since: datetime) -> None:
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        if hasattr(os, "fchmod"):
            os.fchmod(fd, 0o600)
        if fcntl is not None:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                holder = self._holder(fd)
                os.close(fd)
                raise StoreLocked(
                    f"sessionkit is already open on {self.db_path}"
                    f"{holder}. Close it first."
                ) from None
        info = {"pid": os.getpid(), "host": socket.gethostname(), "since": since.isoformat()}
        try:
            os.ftruncate(fd, 0)
            os.pwrite(fd, json.dumps(info).encode(), 0)
        except OSError:
            pass  # the lock holds without the note of who holds it
        self._fd = fd

    @staticmethod
    def _holder(fd: int) -> str:
        try:
            info = json.loads(os.pread(fd, 4096, 0) or b"{}")
            since = datetime.fromisoformat(info["since"]).astimezone().strftime("%H:%M")
            return f" (pid {info['pid']} since {since} on {info['host']})"
        except (ValueError, KeyError, OSError, TypeError):
            return ""

    def release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None


def hold_lock(path: Path, clock: Any) -> DbLock:
    """Take the lock of the database at `path` (its folder created 0700 if needed).
    Raises StoreLocked. `clock`: anything with `now()`."""
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    lock = DbLock(path.with_name(path.stem + ".lock"), path)
    lock.acquire(clock.now())
    return lock
