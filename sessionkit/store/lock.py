"""One sessionkit per database: an flock on `<db>.lock`, released by the kernel if we die."""

from __future__ import annotations

import hashlib
import json
import os
import socket
import stat
from datetime import datetime
from pathlib import Path
from typing import Any

from sessionkit.errors import StoreLocked, StoreWriteError
from sessionkit.plain import one_line

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
        # never through a link: the lock note truncates what it opens, and a link to a file
        # elsewhere (a user's ~/.bashrc) would lose that file
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0), 0o600)
        except OSError as err:
            if not self.path.is_symlink():
                raise
            raise StoreWriteError(
                f"the lock file {self.path} is a link (to {os.readlink(self.path)}), not a "
                "file sessionkit made: nothing was opened or changed; remove the link") from err
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            os.close(fd)
            raise StoreWriteError(f"the lock file {self.path} is not a regular file: nothing "
                                  "was opened or changed; remove it")
        if hasattr(os, "fchmod"):
            os.fchmod(fd, 0o600)
        if fcntl is not None:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                info = self._info(fd)
                os.close(fd)
                raise StoreLocked(
                    f"sessionkit is already open on {self.db_path}"
                    f"{_who(info)}. Close it first{_way_out(info, self.path)}"
                ) from None
        info = {"pid": os.getpid(), "host": _host(self.db_path), "since": since.isoformat()}
        try:
            os.ftruncate(fd, 0)
            os.pwrite(fd, json.dumps(info).encode(), 0)
        except OSError:
            pass  # the lock holds without the note of who holds it
        self._fd = fd

    @staticmethod
    def _info(fd: int) -> dict[str, object]:
        """Who wrote the lock note: {"pid", "host", "since"} (empty if it is unreadable)."""
        try:
            info = json.loads(os.pread(fd, 4096, 0) or b"{}")
        except (ValueError, OSError):
            return {}
        return info if isinstance(info, dict) else {}

    def release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None


def _host(db_path: Path) -> str:
    """The computer's name, or for an encrypted database a digest of it: a host name often
    names its owner ("anas-macbook"), and the lock file is never encrypted."""
    from sessionkit.store.sealing import encrypted

    name = socket.gethostname()
    if not encrypted(db_path):
        return name
    return "sha256:" + hashlib.sha256(name.encode()).hexdigest()[:16]


def _here(host: object) -> bool:
    name = socket.gethostname()
    return host in (name, "sha256:" + hashlib.sha256(name.encode()).hexdigest()[:16])


def _who(info: dict[str, object]) -> str:
    try:
        since = datetime.fromisoformat(str(info["since"])).astimezone().strftime("%H:%M")
        host = info["host"]
        where = socket.gethostname() if _here(host) else (
            "another computer" if str(host).startswith("sha256:") else host)
        return f" (pid {info['pid']} since {since} on {where})"
    except (ValueError, KeyError, TypeError):
        return ""


def _way_out(info: dict[str, object], lock: Path) -> str:
    """How to get out when the holder does not answer (a hung sessionkit after its terminal
    closed): name the pid to end, or say that it is gone or is not sessionkit."""
    pid = info.get("pid")
    if not isinstance(pid, int) or pid <= 0 or not _here(info.get("host")):
        return "."
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return (f"; pid {pid} is no longer running, yet something still holds {lock}"
                f" (`fuser {lock}` shows which process).")
    except OSError:
        pass  # alive, someone else's
    command = _command(pid)
    if command is not None and "sessionkit" not in command:
        return (f"; pid {pid} is not sessionkit now ({one_line(command[:40])}), yet something "
                f"holds {lock}"
                f" (`fuser {lock}` shows which process).")
    return f"; if it does not respond (its terminal was closed), end it with `kill {pid}`."


def _command(pid: int) -> str | None:
    """The command line of `pid` (None where /proc is not available)."""
    try:
        raw = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return None
    return " ".join(part.decode(errors="replace") for part in raw.split(b"\0") if part)


def hold_lock(path: Path, clock: Any) -> DbLock:
    """Take the lock of the database at `path` (its folder created 0700 if needed).
    Raises StoreLocked. `clock`: anything with `now()`."""
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    lock = DbLock(path.with_name(path.stem + ".lock"), path)
    lock.acquire(clock.now())
    return lock
