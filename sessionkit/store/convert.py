"""Turning a database and every file beside it encrypted or plain, and changing the passphrase.

`encrypt`/`decrypt` run with the store open (it holds the lock and has folded its change log).
They first write `<stem>.crypt-pending` (sealed: it keeps the wrapped key and the direction),
then convert one file at a time, each atomically (backups, journals, crash log, the database
last; the summary index is dropped and rebuilt), then remove the marker. A crash half-way leaves
every file readable (the store reads plain and sealed files alike) and the marker, so the next
open finishes the conversion (`finish_pending`). `change_passphrase` rewraps the data key in
the database's header first (one atomic write: the database is the key's authority), then in
the other sealed files; the bodies are never re-encrypted.
"""

from __future__ import annotations

from pathlib import Path

from sessionkit.crypt.header import Kdf
from sessionkit.crypt.keys import DataKey
from sessionkit.crypt.sealed import rewrap, seal_with, unseal_with
from sessionkit.errors import SessionkitError
from sessionkit.store import checked
from sessionkit.store.backups import backups_dir
from sessionkit.store.beside import drop_index
from sessionkit.store.journal import decode_all, encode_file
from sessionkit.store.sealing import (
    Locked,
    forget_key,
    is_sealed,
    key_for,
    looks_sealed,
    pending_path,
    remember,
)
from sessionkit.store.storage import atomic_write_bytes, fsync_dir

CRASH_LOG = "sessionkit-crash.log"
ENCRYPT, DECRYPT = b"encrypt", b"decrypt"


def _whole_files(db: Path) -> list[Path]:
    """Backups, and damaged databases the recovery screen kept aside (`<stem>.corrupt-*`)."""
    folder = backups_dir(db)
    found = sorted(folder.glob(f"{db.stem}-*.json")) if folder.is_dir() else []
    return found + sorted(p for p in db.parent.glob(f"{db.stem}.corrupt-*") if p.is_file())


def _line_files(db: Path) -> list[Path]:
    folder = db.parent / "journal"
    found = sorted(folder.rglob(f"{db.stem}-*.jsonl")) if folder.is_dir() else []
    return [p for p in found if p.is_file()]


def encrypt(db: Path, passphrase: str, kdf: Kdf | None = None) -> DataKey:
    """Encrypt `db` and the files beside it under a new data key. Raises StoreWriteError
    (files converted so far stay readable; the next open finishes the rest)."""
    if key_for(db) is not None or looks_sealed(_read(db)):
        raise SessionkitError(f"{db} is already encrypted; change its passphrase with "
                              "`sessionkit passphrase`")
    key = DataKey.new(passphrase, kdf)
    atomic_write_bytes(pending_path(db), seal_with(ENCRYPT, key))
    remember(db, key)
    _finish(db, key, ENCRYPT)
    return key


def decrypt(db: Path) -> None:
    """Write `db` and the files beside it back as plain files (the database unlocked)."""
    key = key_for(db)
    if key is None:
        raise Locked(f"{db} is not encrypted (or was not unlocked); nothing was changed")
    atomic_write_bytes(pending_path(db), seal_with(DECRYPT, key))
    _finish(db, key, DECRYPT)


def finish_pending(db: Path) -> bool:
    """Finish a conversion a crash interrupted (the store calls this at open, under the lock).
    Returns True if there was one. Raises Locked when the database was not unlocked."""
    marker = pending_path(db)
    if not marker.exists():
        return False
    key = key_for(db)
    if key is None:
        raise Locked(f"{db} is being encrypted or decrypted: unlock it with its passphrase first")
    try:
        direction = unseal_with(marker.read_bytes(), key)
    except SessionkitError:
        direction = ENCRYPT  # an unreadable marker: keep the data encrypted, the safe side
    _finish(db, key, DECRYPT if direction == DECRYPT else ENCRYPT)
    return True


def _finish(db: Path, key: DataKey, direction: bytes) -> None:
    sealing = direction == ENCRYPT
    for path in _whole_files(db):
        _whole(path, key, sealing)
    for path in _line_files(db):
        raw = _read(path)
        if raw and _needs(raw, sealing):
            atomic_write_bytes(path, encode_file(decode_all(raw, key), key if sealing else None))
    _crash_log(db.parent / CRASH_LOG, key, sealing)
    drop_index(db)
    old = _read(db)
    known = checked.remembered(db, old) if old else None
    new = _whole(db, key, sealing) if old else None
    if not sealing:
        forget_key(db)  # from here on everything is written plain
    if new is not None and known is not None:  # checked: no 3 s re-check at 10,000 sessions
        checked.remember(db, new, known)
    elif new is not None:
        checked.stamp_path(db).unlink(missing_ok=True)
    pending_path(db).unlink(missing_ok=True)
    fsync_dir(db.parent)


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return b""


def _needs(raw: bytes, sealing: bool) -> bool:
    from sessionkit.crypt.header import SEGMENT

    has_plain = not raw.startswith(SEGMENT)
    return has_plain if sealing else SEGMENT in raw


def _whole(path: Path, key: DataKey, sealing: bool) -> bytes | None:
    """Convert one whole file (database, backup); returns the new bytes, None if unchanged."""
    raw = _read(path)
    if not raw or looks_sealed(raw) == sealing:
        return None
    new = seal_with(raw, key) if sealing else unseal_with(raw, key)
    atomic_write_bytes(path, new)
    return new


def _crash_log(path: Path, key: DataKey, sealing: bool) -> None:
    from sessionkit.store.crashlog import read_text, seal_text

    raw = _read(path)
    if not raw or _needs(raw, sealing) is False:
        return
    text = read_text(raw, key)
    atomic_write_bytes(path, seal_text(text, key) if sealing else text.encode("utf-8"))


def change_passphrase(db: Path, passphrase: str, kdf: Kdf | None = None) -> DataKey:
    """Rewrap the data key under `passphrase`: the database first, then every other sealed file
    (best effort: one left under the old wrapping still opens with the unlocked key)."""
    key = key_for(db)
    if key is None:
        raise Locked(f"{db} is not encrypted (or was not unlocked); nothing was changed")
    new = key.rewrap(passphrase, kdf)
    old = _read(db)
    fresh = rewrap(old, new)
    known = checked.remembered(db, old)
    atomic_write_bytes(db, fresh)
    remember(db, new)  # from here on every file is written under the new wrapping
    if known is not None:
        checked.remember(db, fresh, known)
    for path in [*_whole_files(db), pending_path(db)]:
        raw = _read(path)
        if is_sealed(raw):
            try:
                atomic_write_bytes(path, rewrap(raw, new))
            except SessionkitError:
                continue
    return new
