"""AtomicJSONStorage: a TinyDB storage that never leaves a half-written file.

Write = temp file in the same folder (0600), write, fsync, os.replace, fsync the folder.
Read = parse once and cache (safe because the store holds the lock, so nobody else writes).
"""

from __future__ import annotations

import json
import os
import shutil
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tinydb.storages import Storage

from sessionkit.errors import StoreCorrupted, StoreReadOnly, StoreWriteError
from sessionkit.gcpause import no_gc

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

_FULLFSYNC: int | None = getattr(fcntl, "F_FULLFSYNC", None)
TMP_PREFIX = ".sessionkit-tmp-"
META = "_meta"
SESSIONS = "sessions"
GROUPS = "groups"  # the group meetings' table (store/groups.py)


def fsync_dir(folder: Path) -> None:
    """Make a rename in `folder` durable. Best effort: the rename itself has already happened."""
    if os.name == "nt":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # some filesystems refuse directory fsync; the new file is in place either way
    finally:
        os.close(fd)


def _fsync(fd: int) -> None:
    if fcntl is not None and _FULLFSYNC is not None:  # pragma: no cover - macOS
        fcntl.fcntl(fd, _FULLFSYNC)  # plain fsync there does not reach the platter
    else:
        os.fsync(fd)


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Replace `path` with `data` so that a crash leaves either the old or the new file.

    Raises StoreWriteError (disk full, permissions, I/O); then the old file is untouched and
    no temp file is left behind.
    """
    folder = path.parent
    try:
        free: int | None = shutil.disk_usage(folder).free
    except OSError:
        free = None
    if free is not None and free < 2 * len(data) + 1_000_000:
        raise StoreWriteError(f"NOT SAVED: disk full ({folder} has {free // 1024} KiB free)")
    tmp = ""
    fd = -1
    try:
        fd, tmp = tempfile.mkstemp(prefix=TMP_PREFIX, dir=folder)
        if hasattr(os, "fchmod"):
            os.fchmod(fd, 0o600)
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
        _fsync(fd)
        os.close(fd)
        fd = -1
        os.replace(tmp, path)
        tmp = ""
    except OSError as err:
        if fd >= 0:
            os.close(fd)
        if tmp:
            try:
                os.unlink(tmp)
            except OSError:
                pass
        raise StoreWriteError(f"NOT SAVED: {err.strerror or err} ({path})") from None
    fsync_dir(folder)


def sweep_temp_files(*folders: Path) -> int:
    """Remove temp files an interrupted write left behind; returns how many."""
    count = 0
    for folder in folders:
        for tmp in folder.glob(TMP_PREFIX + "*"):
            try:
                tmp.unlink()
                count += 1
            except OSError:
                pass
    return count


def _no_constants(name: str) -> Any:
    raise ValueError(f"{name} is not a number JSON allows")


def parse_json(raw: bytes, pairs: Callable[[list[tuple[str, Any]]], Any] | None = None) -> Any:
    """Strict JSON (no NaN/Infinity). Raises ValueError with a one-line reason. `pairs` builds
    each object from its key/value pairs (an import refuses a key written twice)."""
    try:
        with no_gc():
            return json.loads(raw, parse_constant=_no_constants, object_pairs_hook=pairs)
    except UnicodeDecodeError as err:
        raise ValueError(f"not UTF-8 text (byte {err.start})") from None
    except json.JSONDecodeError as err:
        raise ValueError(f"not valid JSON ({err.msg.lower()}, line {err.lineno} column "
                         f"{err.colno}, byte {err.pos})") from None
    except RecursionError:
        raise ValueError("not a sessionkit file: its JSON is nested too deeply") from None
    except ValueError as err:
        if "digits" in str(err):  # more than Python turns into a number (sys.int_info)
            raise ValueError("not valid JSON (a number with thousands of digits)") from None
        raise


def dump_json(data: Any) -> bytes:
    """Serialise for the database. Raises ValueError for NaN/inf (never written)."""
    try:
        with no_gc():
            text = json.dumps(data, allow_nan=False, ensure_ascii=False, separators=(",", ":"))
        return text.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate that came in some other way: shown as U+FFFD
        from sessionkit.plain import without_surrogates

        return without_surrogates(text).encode("utf-8")
    except ValueError:
        raise ValueError("refusing to save a number that is NaN or infinite") from None
    except RecursionError:
        raise ValueError("refusing to save data nested too deeply") from None


def _json_kind(data: Any) -> str:
    names = {list: "list", str: "string", int: "number", float: "number", bool: "true/false"}
    return names.get(type(data), type(data).__name__)


def check_shape(data: Any) -> str | None:
    """What is wrong with a parsed database, or None if it has sessionkit's shape."""
    if data is None:
        return "the file holds only 'null'"
    if not isinstance(data, dict):
        return f"not a sessionkit database: the top level is a JSON {_json_kind(data)}"
    meta = data.get(META)
    if not isinstance(meta, dict) or not meta:
        return "not a sessionkit database: it has no _meta table"
    for name, table in data.items():
        if not isinstance(table, dict) or not all(isinstance(d, dict) for d in table.values()):
            return f"not a sessionkit database: {name!r} is not a table of records"
    schema = next(iter(meta.values())).get("schema")
    if isinstance(schema, bool) or not isinstance(schema, int) or schema < 1:
        return "not a sessionkit database: _meta has no schema number"
    for doc_id, doc in data.get(SESSIONS, {}).items():
        if not isinstance(doc.get("id"), str):
            return f"session record {doc_id} has no id"
    return None


def _file_kind(mode: int) -> str:
    kinds = [(stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a FIFO (named pipe)"),
             (stat.S_ISSOCK, "a socket"), (stat.S_ISCHR, "a device"), (stat.S_ISBLK, "a device")]
    return next((name for test, name in kinds if test(mode)), "not a file")


def real_path(path: Path) -> Path:
    """A symlinked database is the file it points to (as SQLite does): writes go through the
    link, and the lock, journal and backups live beside the real file."""
    return Path(os.path.realpath(path)) if path.is_symlink() else path


def private_dirs(folder: Path) -> None:
    """Create `folder` and any missing parents owner-only (0700), whatever the umask.

    `Path.mkdir(parents=True)` creates the parents with the umask's mode (0777 under umask 000).
    Raises OSError."""
    missing = []
    while not folder.exists():
        missing.append(folder)
        if folder.parent == folder:
            break
        folder = folder.parent
    for each in reversed(missing):
        try:
            each.mkdir(mode=0o700)
        except FileExistsError:
            continue
        os.chmod(each, 0o700)  # mkdir's mode is masked by the umask (never wider, maybe less)


def _plain(path: Path, raw: bytes) -> bytes:
    """The database's JSON: decrypted when it is sealed (StoreCorrupted if that fails)."""
    from sessionkit.crypt.errors import CryptError
    from sessionkit.store.sealing import open_for

    try:
        return open_for(path, raw)
    except CryptError as err:
        raise StoreCorrupted(str(err)) from None


def read_db_file(path: Path) -> tuple[dict[str, Any], bytes] | None:
    """Parse and validate: (data, raw bytes), or None if there is no file. Never modifies it.

    Raises StoreCorrupted(problem) for an unreadable, empty, `null`, non-JSON or foreign file.
    """
    try:
        kind = os.stat(path).st_mode
        if not stat.S_ISREG(kind):  # a FIFO would block the read for ever
            raise StoreCorrupted(f"it is {_file_kind(kind)}, not a regular file")
        raw = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as err:
        raise StoreCorrupted(f"cannot read it ({err.strerror})") from None
    if not raw.strip():
        raise StoreCorrupted("the file is empty" if not raw else "the file holds only blanks")
    try:
        data = parse_json(_plain(path, raw))
    except ValueError as err:
        raise StoreCorrupted(str(err)) from None
    problem = check_shape(data)
    if problem:
        raise StoreCorrupted(problem)
    return data, raw


class AtomicJSONStorage(Storage):
    """TinyDB storage with crash-safe writes and an in-memory read cache.

    The cache is replaced, never mutated, by `write()`: a failed write leaves both the file
    and what the store reads unchanged.
    """

    def __init__(self, path: str | Path, data: dict[str, Any], readonly: bool = False) -> None:
        self.path = Path(path)
        self.readonly = readonly
        self._cache: dict[str, Any] = data
        self.last_written: bytes | None = None  # for the backup after a commit: no re-dump

    def read(self) -> dict[str, Any]:
        return self._cache

    def write(self, data: dict[str, Any]) -> None:
        if self.readonly:
            raise StoreReadOnly(f"{self.path}: opened read-only; nothing was changed")
        from sessionkit.store.sealing import seal_for

        payload = seal_for(self.path, dump_json(data))
        atomic_write_bytes(self.path, payload)
        self._cache = data
        self.last_written = payload

    def apply(self, data: dict[str, Any]) -> None:
        """Replace what the store reads without writing the file (changes already logged)."""
        self._cache = data

    def close(self) -> None:
        pass
