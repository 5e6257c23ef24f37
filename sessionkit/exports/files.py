"""Owner-only output files (exports): created 0600, streamed into a temp file, then renamed."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from sessionkit.errors import StoreWriteError


@contextmanager
def private_text_file(path: Path) -> Iterator[IO[str]]:
    """Write text to `path` (mode 0600) so that a failure leaves any old file untouched."""
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise StoreWriteError(f"{path}: the folder {folder} does not exist")
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
        os.replace(tmp, path)
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
