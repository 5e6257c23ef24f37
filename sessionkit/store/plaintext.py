"""Reading the files beside an encrypted database as plain bytes, for the tools that search or
salvage them (forget, recovery). A plain file passes through unchanged."""

from __future__ import annotations

from pathlib import Path

from sessionkit.crypt.errors import CryptError
from sessionkit.crypt.header import SEGMENT
from sessionkit.errors import SessionkitError, StoreCorrupted
from sessionkit.store.sealing import Locked, db_beside, key_for, looks_sealed, open_for


def plain_bytes(path: Path) -> bytes:
    """A file's bytes as sessionkit reads them: decrypted when sealed under its database's key
    (a backup, the index, the checked stamp), the payloads of sealed lines (journals, crash log)
    one a line. A file that does not decrypt is returned as it is. Raises OSError."""
    raw = path.read_bytes()
    db = db_beside(path)
    if db is None:
        return raw
    key = key_for(db)
    cut = raw.find(SEGMENT)
    if key is not None and cut >= 0:
        from sessionkit.crypt.lines import read

        return raw[:cut] + b"\n".join(read(raw[cut:], key).payloads)
    try:
        return open_for(db, raw)
    except SessionkitError:
        return raw


def salvage_text(path: Path, raw: bytes) -> tuple[bytes, list[str]]:
    """An encrypted file's text with its damaged parts blanked (the sessions in the other parts
    are then found as in a plain file), and a line for each part lost. Raises Locked, or
    StoreCorrupted when not even its header reads."""
    if not looks_sealed(raw):
        return raw, []
    key = key_for(path)
    if key is None:
        raise Locked(f"{path} is encrypted: unlock it with its passphrase first")
    from sessionkit.crypt.sealed import salvage_with

    try:
        text, parts = salvage_with(raw, key)
    except CryptError as err:
        raise StoreCorrupted(f"nothing can be salvaged from {path}: {err}") from None
    return text, [f"part {n} of the encrypted file (64 KiB) could not be read" for n in parts]
