"""Appendable encrypted lines, for journals, the change log and the crash log.

A file is a run of segments. Each open for appending starts a new segment with a random salt,
so its key (HKDF of the data key and the salt) is new: after a crash or a failed write the
counter starts again under another key, and a nonce is never used twice. A line is
`~` base64(counter u64 | AES-256-GCM(record)) NL, its counter in nonce and AAD; the reader
takes counters that rise within a segment, so a replayed or moved line is refused, and a torn
last line fails its tag and is dropped (as the plain journal drops a bad CRC).
"""

from __future__ import annotations

import base64
import binascii
import os
import struct
from dataclasses import dataclass, field

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from sessionkit.crypt.header import SEGMENT
from sessionkit.crypt.keys import SALT, DataKey

__all__ = ["SEGMENT", "LineWriter", "Read", "read"]
LINE = b"~"


def _nonce(counter: int) -> bytes:
    return struct.pack(">QI", counter, 0)


def _aad(segment: bytes, counter: int) -> bytes:
    return b"sessionkit line" + segment + struct.pack(">Q", counter)


class LineWriter:
    """One segment: `start()` is its first line, `encode()` each record after it."""

    def __init__(self, key: DataKey) -> None:
        self._salt = os.urandom(SALT)
        self._key_id = key.key_id
        self._aead = AESGCM(key.line_key(self._salt))
        self._counter = 0

    def start(self) -> bytes:
        return SEGMENT + base64.b64encode(self._key_id + self._salt) + b"\n"

    def encode(self, payload: bytes) -> bytes:
        counter = self._counter
        self._counter += 1
        sealed = self._aead.encrypt(_nonce(counter), payload, _aad(self._salt, counter))
        return LINE + base64.b64encode(struct.pack(">Q", counter) + sealed) + b"\n"


@dataclass
class Read:
    """The payloads read, in order, and what was refused."""

    payloads: list[bytes] = field(default_factory=list)
    damaged: int = 0  # torn or failing lines (a torn last line is one of these)
    replayed: int = 0  # a counter not above the one before it in its segment
    gaps: int = 0  # counters skipped inside a segment (a lost line)
    foreign: int = 0  # lines of a segment under another key


def is_lines(raw: bytes) -> bool:
    return raw.startswith(SEGMENT)


def read(raw: bytes, key: DataKey | None) -> Read:
    """Every line of `raw` that authenticates, in order. Lines before the first segment, or
    of a segment that cannot be read, are counted, not returned."""
    out = Read()
    aead: AESGCM | None = None
    salt = b""
    last = -1
    for line in raw.splitlines(keepends=True):
        if line.startswith(SEGMENT):
            aead, salt, last = _segment(line, key), b"", -1
            if aead is not None:
                salt = base64.b64decode(line[len(SEGMENT):-1])[16:]
            elif line.endswith(b"\n"):
                out.foreign += 1
            continue
        if not line.endswith(b"\n") or not line.startswith(LINE) or aead is None:
            out.damaged += 1
            continue
        try:
            blob = base64.b64decode(line[1:-1], validate=True)
            (counter,) = struct.unpack_from(">Q", blob)
            payload = aead.decrypt(_nonce(counter), blob[8:], _aad(salt, counter))
        except (binascii.Error, struct.error, InvalidTag, ValueError):
            out.damaged += 1
            continue
        if counter <= last:
            out.replayed += 1
            continue
        out.gaps += counter - last - 1
        last = counter
        out.payloads.append(payload)
    return out


def _segment(line: bytes, key: DataKey | None) -> AESGCM | None:
    """The cipher of a segment line under `key`, or None (torn, damaged, another key)."""
    if key is None or not line.endswith(b"\n"):
        return None
    try:
        both = base64.b64decode(line[len(SEGMENT):-1], validate=True)
    except (binascii.Error, ValueError):
        return None
    if len(both) != 16 + SALT or both[:16] != key.key_id:
        return None
    return AESGCM(key.line_key(both[16:]))
