"""Whole encrypted files: header + body. `seal`/`unseal` carry their own passphrase; the
`*_with` forms take a DataKey already unwrapped (a store derives the key once per unlock)."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from sessionkit.crypt.body import open_body, open_parts, seal_body
from sessionkit.crypt.errors import CryptError, DamagedHeader
from sessionkit.crypt.header import MAGIC, PART, SIZE, Header, Kdf, parse
from sessionkit.crypt.keys import SALT, DataKey


def is_sealed(blob: bytes) -> bool:
    """The blob starts with the encrypted-file marker."""
    return bytes(blob[: len(MAGIC)]) == MAGIC


def seal(plaintext: bytes, passphrase: str, *, kdf: Kdf | None = None) -> bytes:
    """Encrypt a whole file under `passphrase` (a new random data key; ~0.2 s of Argon2id at
    the default cost, `kdf` lowers it for tests)."""
    return seal_with(plaintext, DataKey.new(passphrase, kdf))


def unseal(blob: bytes, passphrase: str) -> bytes:
    """Decrypt a whole file. Raises WrongPassphrase, DamagedHeader, DamagedBody, Truncated or
    NewerFormat (all CryptError), each with a one-line message."""
    header = parse(blob)
    key = DataKey.unwrap(header.block, passphrase)
    return open_body(memoryview(blob)[SIZE:], key.body_key(header.body_salt),
                     header.part, header.length)


def seal_with(plaintext: bytes, key: DataKey, part: int = PART) -> bytes:
    if not isinstance(plaintext, bytes | bytearray | memoryview):
        raise TypeError("only bytes can be sealed")
    body_salt = os.urandom(SALT)
    header = Header(key.block, body_salt, part, len(plaintext))
    return header.pack() + seal_body(bytes(plaintext), key.body_key(body_salt), part)


def _own(blob: bytes, key: DataKey) -> Header:
    header = parse(blob)
    if header.block.key_id != key.key_id:
        raise DamagedHeader("this file was encrypted with another key than this database's "
                            "(it belongs to another database)")
    return header


def unseal_with(blob: bytes, key: DataKey) -> bytes:
    """Decrypt a file sealed under `key` (whatever passphrase wrapped it at the time)."""
    header = _own(blob, key)
    return open_body(memoryview(blob)[SIZE:], key.body_key(header.body_salt),
                     header.part, header.length)


def salvage_with(blob: bytes, key: DataKey, filler: bytes = b" ") -> tuple[bytes, list[int]]:
    """The plaintext with every damaged or missing part replaced by `filler` bytes, and the
    1-based numbers of those parts (for the recovery screen's salvage)."""
    header = _own(blob, key)
    parts, _ = open_parts(memoryview(blob)[SIZE:], key.body_key(header.body_salt),
                          header.part, header.length)
    out, lost = [], []
    for i, plain in enumerate(parts):
        if plain is None:
            lost.append(i + 1)
            size = min(header.part, header.length - i * header.part)
            out.append(filler * size)
        else:
            out.append(plain)
    return b"".join(out), lost


def rewrap(blob: bytes, key: DataKey) -> bytes:
    """The same file with its data key wrapped as `key` wraps it now (a passphrase change):
    only the header changes, the body's bytes are kept as they are."""
    header = _own(blob, key)
    return header.with_block(key.block).pack() + bytes(blob[SIZE:])


def read_regular(path: Path) -> bytes:
    """A file's bytes, refusing what is not a regular file (a FIFO would block the read for
    ever). Raises CryptError with one line, or OSError."""
    mode = os.stat(path).st_mode
    if stat.S_ISFIFO(mode):
        raise CryptError(f"{path} is a FIFO (named pipe), not a file")
    if not stat.S_ISREG(mode):
        raise CryptError(f"{path} is not a regular file")
    return Path(path).read_bytes()
