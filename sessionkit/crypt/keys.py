"""Keys: a random data key per database (or hand-off file), wrapped by a passphrase key.

The passphrase key comes from Argon2id (its parameters bounds-checked first); it only ever
wraps the data key, so a passphrase change rewraps 32 bytes and re-encrypts nothing. Each
file's body gets its own key from the data key and the file's random salt (HKDF-SHA256), so
counter nonces inside one file can never meet those of another.
"""

from __future__ import annotations

import os
import unicodedata

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.argon2 import Argon2id
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from sessionkit.crypt.errors import CryptError, WrongPassphrase
from sessionkit.crypt.header import Kdf, KeyBlock

KEY = 32
SALT = 16


def passphrase_bytes(passphrase: str) -> bytes:
    """NFC first: the same passphrase typed on macOS and on Linux gives the same bytes."""
    if not isinstance(passphrase, str):
        raise TypeError("a passphrase is text (str)")
    return unicodedata.normalize("NFC", passphrase).encode("utf-8")


def _argon2_cffi(secret: bytes, salt: bytes, kdf: Kdf) -> bytes | None:
    """argon2-cffi when installed: the same bytes as cryptography's Argon2id (version 0x13),
    but it releases the GIL (the unlock screen stays live; cryptography 48 holds it for the
    whole derivation) and runs the lanes in threads."""
    try:
        from argon2.low_level import Type, hash_secret_raw
    except ImportError:
        return None
    return hash_secret_raw(secret, salt, time_cost=kdf.iterations, memory_cost=kdf.memory_kib,
                           parallelism=kdf.lanes, hash_len=KEY, type=Type.ID, version=19)


def derive(passphrase: str, kdf: Kdf, salt: bytes) -> bytes:
    """The passphrase key. The parameters are checked before Argon2id takes any memory."""
    kdf.check()
    secret = passphrase_bytes(passphrase)
    try:
        key = _argon2_cffi(secret, salt, kdf)
        if key is not None:
            return key
        return Argon2id(salt=salt, length=KEY, iterations=kdf.iterations, lanes=kdf.lanes,
                        memory_cost=kdf.memory_kib).derive(secret)
    except MemoryError:
        raise CryptError(f"not enough free memory to derive the key (it needs "
                         f"{kdf.memory_kib // 1024} MiB); close other programs and retry") from None


def _hkdf(key: bytes, salt: bytes, info: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=KEY, salt=salt, info=info).derive(key)


def key_id_of(key: bytes) -> bytes:
    """A public name of the data key (one-way), so a store can tell its own files."""
    return _hkdf(key, b"", b"sessionkit key id")[:16]


class DataKey:
    """An unwrapped data key and the block that keeps it wrapped under the passphrase."""

    def __init__(self, key: bytes, block: KeyBlock) -> None:
        self._key = key
        self.block = block

    @property
    def key_id(self) -> bytes:
        return self.block.key_id

    @classmethod
    def new(cls, passphrase: str, kdf: Kdf | None = None) -> DataKey:
        """A fresh random data key wrapped under `passphrase` (one key derivation)."""
        if not passphrase:
            raise ValueError("refusing an empty passphrase")
        key = os.urandom(KEY)
        return cls(key, _wrap(key, passphrase, kdf or Kdf()))

    @classmethod
    def unwrap(cls, block: KeyBlock, passphrase: str) -> DataKey:
        """Raises WrongPassphrase (the block itself was checked by the header's checksum)."""
        kek = derive(passphrase, block.kdf, block.salt)
        try:
            key = AESGCM(kek).decrypt(block.nonce, block.wrapped, block.aad())
        except InvalidTag:
            raise WrongPassphrase() from None
        if key_id_of(key) != block.key_id:  # pragma: no cover - the AAD binds the id
            raise WrongPassphrase()
        return cls(key, block)

    def rewrap(self, passphrase: str, kdf: Kdf | None = None) -> DataKey:
        """The same data key under a new passphrase (a new salt, a new block)."""
        if not passphrase:
            raise ValueError("refusing an empty passphrase")
        return DataKey(self._key, _wrap(self._key, passphrase, kdf or self.block.kdf))

    @classmethod
    def from_raw(cls, key: bytes, block: KeyBlock) -> DataKey | None:
        """A data key kept elsewhere (the OS keyring), if it is the one `block` wraps."""
        if len(key) != KEY or key_id_of(key) != block.key_id:
            return None
        return cls(key, block)

    def raw(self) -> bytes:
        """The data key itself: only for the OS keyring, never for a file."""
        return self._key

    def body_key(self, body_salt: bytes) -> bytes:
        return _hkdf(self._key, body_salt, b"sessionkit body v1")

    def line_key(self, segment_salt: bytes) -> bytes:
        return _hkdf(self._key, segment_salt, b"sessionkit lines v1")


def _wrap(key: bytes, passphrase: str, kdf: Kdf) -> KeyBlock:
    salt, nonce = os.urandom(SALT), os.urandom(12)
    kek = derive(passphrase, kdf, salt)
    unwrapped = KeyBlock(kdf, salt, nonce, b"", key_id_of(key))
    wrapped = AESGCM(kek).encrypt(nonce, key, unwrapped.aad())
    return KeyBlock(kdf, salt, nonce, wrapped, unwrapped.key_id)
