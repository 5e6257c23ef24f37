"""Encryption at rest for one database and every file beside it.

An encrypted database starts with the sealed-file marker (sessionkit.crypt). Unlocking derives
the passphrase key once (~0.2 s) and unwraps the database's data key; the key is then kept for
that database path in this process, and every file the store writes beside it (the database,
backups as byte copies, journals, change log, summary index, crash log) goes through
`seal_for` / `open_for`, so the store's modules need no key passed around. A plain database
has no key: the same calls pass bytes through unchanged.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import TYPE_CHECKING

from sessionkit.crypt.errors import CryptError
from sessionkit.crypt.header import MAGIC, near_magic, parse
from sessionkit.errors import SessionkitError

if TYPE_CHECKING:  # cryptography is loaded only once a key is in use
    from sessionkit.crypt.keys import DataKey

_KEYS: dict[str, DataKey] = {}
PENDING = ".crypt-pending"
"""`<stem>.crypt-pending`: a conversion (encrypt/decrypt) under way; sealed, holds the key."""


class Locked(SessionkitError):
    """The database is encrypted and was not unlocked in this process."""


def _name(db: Path) -> str:
    return os.path.realpath(db)


def remember(db: Path, key: DataKey) -> None:
    _KEYS[_name(db)] = key


def key_for(db: Path | None) -> DataKey | None:
    """The key this process unlocked for `db` (None: a plain or an in-memory database), or
    for the database a backup beside it belongs to (opened read-only from recovery)."""
    if db is None:
        return None
    key = _KEYS.get(_name(db))
    if key is None and (owner := db_beside(db)) is not None:
        key = _KEYS.get(str(owner))
    return key


def forget_key(db: Path) -> None:
    _KEYS.pop(_name(db), None)


def db_beside(path: Path) -> Path | None:
    """The unlocked database a file beside it belongs to (its folder, `journal/` or
    `backups/`, named after the database), or None."""
    real = Path(os.path.realpath(path))
    for name in _KEYS:
        db = Path(name)
        if db.parent in (real.parent, real.parent.parent) and real.name.startswith(
                (db.stem + "-", db.stem + ".")):
            return db
    return None


def pending_path(db: Path) -> Path:
    return db.with_name(db.stem + PENDING)


def first_bytes(path: Path, size: int = 4096) -> bytes:
    """The first bytes of a regular file (b"" for anything else: a FIFO would block)."""
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return b""
        with open(path, "rb") as handle:
            return handle.read(size)
    except OSError:
        return b""


def is_sealed(raw: bytes) -> bool:
    return raw[: len(MAGIC)] == MAGIC


def looks_sealed(raw: bytes) -> bool:
    """Sealed, or its marker damaged (never taken for a plain JSON file)."""
    return is_sealed(raw) or near_magic(raw)


def encrypted(db: Path) -> bool:
    """The database (or a conversion under way, or the backups of a missing database) needs a
    passphrase."""
    head = first_bytes(db, 8)
    if pending_path(db).exists() or looks_sealed(head):
        return True
    if head.lstrip()[:1] == b"{":
        return False  # a plain database
    # missing, empty, a FIFO, damaged beyond its marker: its backups say (recovery needs the key)
    return any(is_sealed(first_bytes(p, 8)) for p in _candidates(db)[2:])


def _candidates(db: Path) -> list[Path]:
    from sessionkit.store.backups import backups_dir

    folder = backups_dir(db)
    found = [db, pending_path(db)]
    if folder.is_dir():
        found += sorted(folder.glob(f"{db.stem}-*.json"), key=_mtime, reverse=True)
    return found


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


def unlock(db: Path, passphrase: str) -> DataKey:
    """Derive the key and unwrap the database's data key (from its own header, else the
    conversion marker's or a backup's when the database's header is damaged), then keep it for
    this path. Raises WrongPassphrase, or the database header's CryptError when no header is
    readable at all.

    A passphrase the database's header refuses is tried on the backups' headers wrapped
    differently (older passphrase, or the header of another database put on this file): when one
    opens, the passphrase was right and the store then names the foreign header as damage. Each
    distinct wrapping costs one key derivation; the usual case (all alike) costs one."""
    from sessionkit.crypt.errors import WrongPassphrase
    from sessionkit.crypt.keys import DataKey

    first: CryptError | None = None
    tried: set[tuple[object, bytes]] = set()
    for path in _candidates(db):
        head = first_bytes(path, 4096)
        if not is_sealed(head):
            continue
        try:
            header = parse(head)
        except CryptError as err:
            first = first or err
            continue
        block = header.block
        if (block.kdf, block.salt) in tried:
            continue
        tried.add((block.kdf, block.salt))
        try:
            key = DataKey.unwrap(block, passphrase)
        except WrongPassphrase as err:
            first = first if isinstance(first, WrongPassphrase) else err
            continue
        remember(db, key)
        return key
    if first is not None:
        raise first
    raise Locked(f"{db} is not encrypted: no passphrase is needed")


def seal_for(db: Path, plain: bytes) -> bytes:
    """`plain` sealed under the database's key, or unchanged when it has none."""
    key = key_for(db)
    if key is None:
        return plain
    from sessionkit.crypt.sealed import seal_with

    return seal_with(plain, key)


def open_for(db: Path, raw: bytes) -> bytes:
    """The plain bytes of a file beside `db` (a plain file passes through). Raises Locked when
    it is sealed and the database was not unlocked, CryptError when it is damaged."""
    if not looks_sealed(raw):
        return raw
    key = key_for(db)
    if key is None:
        raise Locked(f"{db} is encrypted: unlock it with its passphrase first")
    from sessionkit.crypt.sealed import unseal_with

    return unseal_with(raw, key)
