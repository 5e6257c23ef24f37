"""The body of an encrypted file: fixed-size parts, each AES-256-GCM with its own tag.

Part i of n uses nonce = i (u64) | final flag (u32) and the same bytes plus the plaintext
length as associated data, so a swapped, dropped or appended part fails, and a file cut at a
part boundary is told from a whole one. Parts have a fixed size, so a damaged part never
shifts where the next one starts: the others still read (the recovery screen salvages them).
"""

from __future__ import annotations

import struct

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from sessionkit.crypt.errors import DamagedBody, DamagedHeader, Truncated

TAG = 16


def _nonce(index: int, final: bool) -> bytes:
    return struct.pack(">QI", index, 1 if final else 0)


def _aad(nonce: bytes, length: int) -> bytes:
    return b"sessionkit part" + nonce + struct.pack(">Q", length)


def count(length: int, part: int) -> int:
    return max(1, -(-length // part))


def seal_body(plain: bytes, key: bytes, part: int) -> bytes:
    aead, n, view = AESGCM(key), count(len(plain), part), memoryview(plain)
    out = []
    for i in range(n):
        nonce = _nonce(i, i == n - 1)
        out.append(aead.encrypt(nonce, view[i * part:(i + 1) * part], _aad(nonce, len(plain))))
    return b"".join(out)


def open_parts(body: memoryview, key: bytes, part: int,
               length: int) -> tuple[list[bytes | None], int]:
    """Each part's plaintext (None where it fails) and the count of bytes beyond the end.
    A part the file was cut in is None too."""
    aead, n = AESGCM(key), count(length, part)
    parts: list[bytes | None] = []
    step = part + TAG
    for i in range(n):
        chunk = body[i * step:(i + 1) * step] if i < n - 1 else body[i * step:]
        want = step if i < n - 1 else length - i * part + TAG
        nonce = _nonce(i, i == n - 1)
        try:
            parts.append(aead.decrypt(nonce, bytes(chunk[:want]), _aad(nonce, length)))
        except InvalidTag:
            parts.append(None)
    expected = length + n * TAG
    return parts, max(0, len(body) - expected)


def open_body(body: memoryview, key: bytes, part: int, length: int) -> bytes:
    """The plaintext. Raises Truncated, DamagedBody, or DamagedHeader when no part at all
    matches the header (a header from another file on this body)."""
    n = count(length, part)
    expected = length + n * TAG
    if len(body) < expected:
        raise Truncated(f"the encrypted file is cut short: its body has {len(body)} of "
                        f"{expected} bytes")
    parts, extra = open_parts(body, key, part, length)
    bad = tuple(i + 1 for i, p in enumerate(parts) if p is None)
    if bad and len(bad) == n and n > 1:
        raise DamagedHeader("the header does not belong to this body (no part of it matches: "
                            "a header from another file?)")
    if bad:
        which = ", ".join(map(str, bad[:5])) + (" ..." if len(bad) > 5 else "")
        raise DamagedBody(f"part {which} of {n} of the encrypted file is damaged or out of "
                          f"order ({part // 1024} KiB each); the other parts read", bad, n)
    if extra:
        raise DamagedBody(f"{extra} unexpected bytes follow the end of the encrypted file", (), n)
    return b"".join(p for p in parts if p is not None)
