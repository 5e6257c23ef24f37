"""The header of an encrypted file: marker, version, KDF and its parameters, the wrapped data
key, what the body needs (its salt, part size, length), and a checksum.

Layout (version 1, big-endian, 152 bytes):
  magic 8 | version u8 | header length u16 | kdf u8 (1 = Argon2id) | memory KiB u32 |
  iterations u32 | lanes u32 | salt 16 | wrap nonce 12 | wrapped data key 48 | key id 16 |
  body salt 16 | part size u32 | plaintext length u64 | checksum 8 (BLAKE2b of all before it)
Every later version keeps `magic | version | header length` and the checksum as the header's
last 8 bytes, so a flipped bit in the version reads as damage, not as a newer file.
"""

from __future__ import annotations

import hashlib
import struct
from dataclasses import dataclass, replace

from sessionkit.crypt.errors import DamagedHeader, NewerFormat, Truncated

MAGIC = b"\x89SKSEAL\n"
SEGMENT = b"\x89SKSEG1 "
"""Starts each segment of appendable sealed lines (sessionkit.crypt.lines)."""
"""Not text (0x89), names the app, ends in a newline that a text-mode copy would mangle."""
VERSION = 1
ARGON2ID = 1
PART = 64 * 1024
"""Bytes of plaintext per authenticated part: a flipped bit loses at most this much."""

_PREFIX = struct.Struct(">8sBH")
_V1 = struct.Struct(">8sBHBIII16s12s48s16s16sIQ")
SUM = 8
SIZE = _V1.size + SUM

MEMORY_KIB = (1024, 1024 * 1024)
"""Argon2id memory in KiB: 1 MiB (tests) to 1 GiB; more would exhaust a laptop's memory."""
ITERATIONS = (1, 64)
LANES = (1, 16)
PARTS = (4096, 16 * 1024 * 1024)


@dataclass(frozen=True)
class Kdf:
    """Argon2id's cost: 64 MiB, 3 passes, 4 lanes takes ~0.2 s on a 2-core laptop (measured)."""

    memory_kib: int = 64 * 1024
    iterations: int = 3
    lanes: int = 4

    def problem(self) -> str | None:
        """What is out of bounds, checked before any memory is taken, or None."""
        for name, value, (low, high) in (("memory", self.memory_kib, MEMORY_KIB),
                                         ("iterations", self.iterations, ITERATIONS),
                                         ("lanes", self.lanes, LANES)):
            if type(value) is not int:
                return f"the key derivation's {name} is not a whole number ({value!r})"
            if not low <= value <= high:
                unit = " KiB" if name == "memory" else ""
                return (f"the key derivation's {name} is {value}{unit}, outside "
                        f"{low}-{high}{unit}: refused before running")
        if self.memory_kib < 8 * self.lanes:
            return "the key derivation's memory is too small for its lanes"
        return None

    def check(self) -> None:
        """Raises ValueError (TypeError for a value that is not an int) when out of bounds."""
        problem = self.problem()
        if problem is None:
            return
        bad_type = any(type(v) is not int for v in (self.memory_kib, self.iterations, self.lanes))
        raise (TypeError if bad_type else ValueError)(problem)


@dataclass(frozen=True)
class KeyBlock:
    """How the data key is kept: wrapped (AES-256-GCM) by a key derived from the passphrase.
    A passphrase change writes a new block; the body stays as it is."""

    kdf: Kdf
    salt: bytes
    nonce: bytes
    wrapped: bytes
    key_id: bytes

    def aad(self) -> bytes:
        """What the wrapped key is bound to: the KDF, its salt and the key's id."""
        return struct.pack(">BIII", ARGON2ID, self.kdf.memory_kib, self.kdf.iterations,
                           self.kdf.lanes) + self.salt + self.key_id


@dataclass(frozen=True)
class Header:
    block: KeyBlock
    body_salt: bytes
    part: int
    length: int

    def pack(self) -> bytes:
        b = self.block
        head = _V1.pack(MAGIC, VERSION, SIZE, ARGON2ID, b.kdf.memory_kib, b.kdf.iterations,
                        b.kdf.lanes, b.salt, b.nonce, b.wrapped, b.key_id, self.body_salt,
                        self.part, self.length)
        return head + _checksum(head)

    def with_block(self, block: KeyBlock) -> Header:
        return replace(self, block=block)


def _checksum(data: bytes) -> bytes:
    return hashlib.blake2b(data, digest_size=SUM).digest()


def near_magic(blob: bytes) -> bool:
    """The first 8 bytes are the marker with at most two bytes changed (a damaged marker,
    not a plain file: JSON starts with `{`)."""
    head = blob[: len(MAGIC)]
    return len(head) == len(MAGIC) and sum(a != b for a, b in zip(head, MAGIC, strict=True)) <= 2


def parse(blob: bytes) -> Header:
    """The header at the start of `blob`. Raises Truncated, DamagedHeader or NewerFormat;
    runs nothing costly (the KDF bounds are checked here, before any key derivation)."""
    if not blob:
        raise Truncated("the file is empty (0 bytes)")
    if blob[: len(MAGIC)] != MAGIC:
        if near_magic(blob):
            raise DamagedHeader("the encrypted file's marker (its first 8 bytes) is damaged")
        if MAGIC.startswith(blob[: len(MAGIC)]):
            raise Truncated(f"the encrypted file is cut short: {len(blob)} bytes, not even "
                            "its header")
        raise DamagedHeader("not a sessionkit encrypted file (no marker at its start)")
    if len(blob) < _PREFIX.size:
        raise Truncated(f"the encrypted file is cut short: {len(blob)} bytes, not even its header")
    _, version, size = _PREFIX.unpack_from(blob)
    if size < _PREFIX.size + SUM or size > 4096:
        raise DamagedHeader(f"the encrypted file's header is damaged (it gives its size as {size})")
    if len(blob) < size:
        raise Truncated(f"the encrypted file is cut short: {len(blob)} bytes, not even its header")
    if _checksum(blob[: size - SUM]) != blob[size - SUM: size]:
        raise DamagedHeader("the encrypted file's header is damaged (its checksum does not match)")
    if version > VERSION:
        raise NewerFormat(f"the file was encrypted by a newer sessionkit (format {version}; this "
                          f"one reads up to {VERSION}): upgrade sessionkit to open it")
    if version != VERSION or size != SIZE:
        raise DamagedHeader(f"the encrypted file's header is damaged (version {version})")
    (_, _, _, kdf_id, memory, iterations, lanes, salt, nonce, wrapped, key_id, body_salt,
     part, length) = _V1.unpack_from(blob)
    if kdf_id != ARGON2ID:
        raise DamagedHeader(f"the encrypted file names an unknown key derivation ({kdf_id})")
    kdf = Kdf(memory, iterations, lanes)
    problem = kdf.problem()
    if problem:
        raise DamagedHeader(f"the encrypted file's header is unusable: {problem}")
    if not PARTS[0] <= part <= PARTS[1]:
        raise DamagedHeader(f"the encrypted file's header gives an impossible part size ({part})")
    return Header(KeyBlock(kdf, salt, nonce, wrapped, key_id), body_salt, part, length)
