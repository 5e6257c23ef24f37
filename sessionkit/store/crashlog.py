"""The crash log beside the database (`sessionkit-crash.log`, owner-only): tracebacks, which can
quote a note or a name, so for an encrypted database each entry is one sealed line."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from sessionkit.crypt.header import SEGMENT
from sessionkit.store.sealing import encrypted, key_for

if TYPE_CHECKING:
    from sessionkit.crypt.keys import DataKey

NAME = "sessionkit-crash.log"


def append(db: Path, entry: str) -> Path:
    """Append one entry (stamp line + traceback). Raises OSError."""
    path = db.parent / NAME
    key = key_for(db)
    if key is None and encrypted(db):  # locked: keep where it failed, not what it said
        kept = [line for line in entry.splitlines()
                if line.startswith(("---", "Traceback", "  File "))]
        entry = "\n".join([*kept, "(message not kept: the database is encrypted and locked)\n"])
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    try:
        if key is None:
            data = entry.encode("utf-8", "replace")
        else:
            from sessionkit.crypt.lines import LineWriter

            writer = LineWriter(key)
            data = writer.start() + writer.encode(entry.encode("utf-8", "replace"))
        os.write(fd, data)
    finally:
        os.close(fd)
    return path


def seal_text(text: str, key: DataKey) -> bytes:
    from sessionkit.crypt.lines import LineWriter

    writer = LineWriter(key)
    return writer.start() + writer.encode(text.encode("utf-8", "replace"))


def read_text(raw: bytes, key: DataKey | None) -> str:
    """The log as text: plain lines as they are, sealed entries decrypted (with `key`)."""
    cut = raw.find(SEGMENT)
    plain, sealed = (raw, b"") if cut < 0 else (raw[:cut], raw[cut:])
    out = [plain.decode("utf-8", "replace")]
    if sealed:
        from sessionkit.crypt.lines import read

        out += [p.decode("utf-8", "replace") for p in read(sealed, key).payloads]
    return "".join(out)
