"""Owner-only output files (exports): created 0600, streamed into a temp file, then renamed.

An existing file (or link) at the path is never replaced unless asked (`overwrite`): that is
checked before anything is written, and again atomically when the file is put in place."""

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
    try:
        fd, tmp = tempfile.mkstemp(prefix=".sessionkit-export-", dir=folder)
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
