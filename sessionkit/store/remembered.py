""""Remember on this computer": the database's data key in the OS keyring (macOS Keychain,
Windows Credential Locker, the Secret Service on a Linux desktop), never the only way in.

Offered only when keyring has a real backend: not its "fail" or "null" backend (headless Linux
usually has no other), never a plaintext file. A small marker beside the database
(`<stem>.keyring`, no secret in it) says the user chose it, so the keyring is asked only then
(asking can show a system prompt). `decrypt` forgets it.
"""

from __future__ import annotations

import base64
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sessionkit.store.sealing import first_bytes, is_sealed

if TYPE_CHECKING:
    from sessionkit.crypt.keys import DataKey

SERVICE = "sessionkit"
_UNSAFE = ("fail", "null", "plaintext", "insecure", "file")


def marker(db: Path) -> Path:
    return db.with_name(db.stem + ".keyring")


def _backend() -> Any:
    """keyring's backend when it is a real one, else None."""
    try:
        import keyring
    except ImportError:
        return None
    try:
        backend = keyring.get_keyring()
    except Exception:  # noqa: BLE001 - a broken keyring set-up: the option is not offered
        return None
    name = f"{type(backend).__module__}.{type(backend).__name__}".lower()
    if getattr(backend, "priority", 0) < 1 or any(word in name for word in _UNSAFE):
        return None
    return backend


def available() -> bool:
    return _backend() is not None


def _user(db: Path) -> str:
    return os.path.realpath(db)


def keep(db: Path, key: DataKey) -> bool:
    """Put the data key in the keyring; returns whether it worked (best effort)."""
    backend = _backend()
    if backend is None:
        return False
    try:
        backend.set_password(SERVICE, _user(db), base64.b64encode(key.raw()).decode())
        fd = os.open(marker(db), os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        os.write(fd, b"the data key is in the OS keyring (sessionkit decrypt removes it)\n")
        os.close(fd)
    except Exception:  # noqa: BLE001 - the passphrase still opens it; nothing is lost
        return False
    return True


def load(db: Path) -> DataKey | None:
    """The remembered data key of `db`, if the user chose this and it still fits the file."""
    if not marker(db).exists():
        return None
    backend = _backend()
    if backend is None:
        return None
    from sessionkit.crypt.errors import CryptError
    from sessionkit.crypt.header import parse
    from sessionkit.crypt.keys import DataKey

    try:
        stored = backend.get_password(SERVICE, _user(db))
        head = first_bytes(db, 4096)
        if not stored or not is_sealed(head):
            return None
        return DataKey.from_raw(base64.b64decode(stored), parse(head).block)
    except (CryptError, ValueError, Exception):  # noqa: BLE001 - fall back to the passphrase
        return None


def drop(db: Path) -> None:
    """Forget the remembered key (decrypt, or the user's choice)."""
    backend = _backend()
    try:
        if backend is not None and marker(db).exists():
            backend.delete_password(SERVICE, _user(db))
    except Exception:  # noqa: BLE001
        pass
    marker(db).unlink(missing_ok=True)
