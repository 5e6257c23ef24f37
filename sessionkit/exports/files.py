"""Owner-only output files (exports): created 0600, streamed into a temp file, then renamed.

An existing file (or link) at the path is never replaced unless asked (`overwrite`): that is
checked before anything is written, and again atomically when the file is put in place.

The temp file is nameless where the system allows (Linux `O_TMPFILE`): an export killed part-way
(kill -9, SIGTERM, a power cut) leaves nothing behind, since an unnamed file is freed with the
process. It gets its name only once complete. Elsewhere it is a hidden `.sessionkit-export-*`
file in the output folder, removed on every failure the process lives through; `forget` looks
for one a killed export left."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from sessionkit.errors import SessionkitError, StoreWriteError


def _exists(path: Path) -> SessionkitError:
    return SessionkitError(f"{path} already exists; add --force to replace it")


def _put_in_place(tmp: str, path: Path, overwrite: bool) -> None:
    if overwrite:
        os.replace(tmp, path)
        return
    try:
        os.link(tmp, path)  # fails if anything appeared at `path` meanwhile: never clobbers
    except FileExistsError:
        raise _exists(path) from None
    except OSError:  # a file system without hard links: the earlier check has to do
        if os.path.lexists(path):
            raise _exists(path) from None
        os.replace(tmp, path)
        return
    os.unlink(tmp)


PREFIX = ".sessionkit-export-"


def _nameless(folder: Path) -> int | None:
    """An unnamed 0600 file in `folder` (Linux), or None where that is not possible."""
    flag = getattr(os, "O_TMPFILE", None)
    if flag is None or not Path("/proc/self/fd").is_dir():
        return None
    try:
        return os.open(folder, flag | os.O_RDWR, 0o600)
    except OSError:  # a file system without it
        return None


def _name(fd: int, path: Path, overwrite: bool) -> None:
    """Give the complete unnamed file `fd` its name `path` (never clobbering unless asked)."""
    proc = os.open("/proc/self/fd", os.O_RDONLY | os.O_DIRECTORY)
    try:
        # linkat(AT_SYMLINK_FOLLOW) through /proc: a plain link() would name the /proc link
        def link(to: Path) -> None:
            os.link(str(fd), to, src_dir_fd=proc, follow_symlinks=True)

        if not overwrite:
            try:
                link(path)
            except FileExistsError:
                raise _exists(path) from None
            return
        tmp = path.parent / f"{PREFIX}{os.getpid()}-{os.urandom(4).hex()}"
        link(tmp)  # complete already: a name for the instant of the rename
        try:
            os.replace(tmp, path)
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
    finally:
        os.close(proc)


@contextmanager
def private_text_file(path: Path, overwrite: bool = False) -> Iterator[IO[str]]:
    """Write text to `path` (mode 0600) so that a failure leaves any old file untouched.

    Raises SessionkitError naming `--force` if `path` exists and not `overwrite`."""
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise StoreWriteError(f"{path}: the folder {folder} does not exist")
    if not overwrite and os.path.lexists(path):
        raise _exists(path)
    fd = _nameless(folder)
    if fd is not None:
        try:
            with os.fdopen(fd, "w", encoding="utf-8", newline="") as out:
                yield out
                out.flush()
                os.fsync(out.fileno())
                _name(out.fileno(), path, overwrite)
        except OSError as err:
            raise StoreWriteError(
                f"{path}: not written ({err.strerror or err}); any earlier file is unchanged"
            ) from None
        return
    try:
        fd, tmp = tempfile.mkstemp(prefix=PREFIX, dir=folder)
    except OSError as err:
        raise StoreWriteError(f"{path}: not written ({err.strerror})") from None
    try:
        if hasattr(os, "fchmod"):
            os.fchmod(fd, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as out:
            yield out
            out.flush()
            os.fsync(out.fileno())
        _put_in_place(tmp, path, overwrite)
    except BaseException as err:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        if isinstance(err, OSError):
            raise StoreWriteError(
                f"{path}: not written ({err.strerror or err}); any earlier file is unchanged"
            ) from None
        raise
