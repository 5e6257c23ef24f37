"""The encrypted file format: round trips and every bad input named in issue 19."""

from __future__ import annotations

import os
import struct
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sessionkit.crypt import (
    CryptError,
    DamagedBody,
    DamagedHeader,
    NewerFormat,
    Truncated,
    WrongPassphrase,
    is_sealed,
    keys,
    seal,
    unseal,
)
from sessionkit.crypt import header as hdr
from sessionkit.crypt.header import PART, SIZE, Kdf
from sessionkit.crypt.keys import DataKey
from sessionkit.crypt.sealed import read_regular, rewrap, salvage_with, seal_with, unseal_with

FAST = Kdf(memory_kib=1024, iterations=1, lanes=1)
PLAIN = b'{"sessions": "Ada Lovelace told me about her fear of flying"}' * 4000  # ~4 parts
PARTS_IN_PLAIN = -(-len(PLAIN) // PART)


@pytest.fixture(scope="module")
def sealed() -> bytes:
    return seal(PLAIN, "correct horse", kdf=FAST)


def flip(blob: bytes, at: int, bit: int = 0) -> bytes:
    out = bytearray(blob)
    out[at] ^= 1 << bit
    return bytes(out)


def part_at(i: int) -> int:
    """Where part i (0-based) starts in the sealed file."""
    return SIZE + i * (PART + 16)


def test_round_trip_and_marker(sealed: bytes) -> None:
    assert PARTS_IN_PLAIN >= 3
    assert is_sealed(sealed) and not is_sealed(PLAIN) and not is_sealed(b"")
    assert unseal(sealed, "correct horse") == PLAIN
    assert b"Ada Lovelace" not in sealed  # 3 bytes would turn up in ciphertext by chance
    assert len(sealed) == SIZE + len(PLAIN) + 16 * PARTS_IN_PLAIN


@given(st.binary(max_size=3 * 4096 + 7), st.text(min_size=1, max_size=30))
def test_any_bytes_any_passphrase_round_trip(plain: bytes, passphrase: str) -> None:
    key = DataKey.new(passphrase, FAST)
    assert unseal_with(seal_with(plain, key, part=4096), key) == plain


def test_two_seals_of_the_same_bytes_differ() -> None:
    assert seal(b"same", "pw", kdf=FAST) != seal(b"same", "pw", kdf=FAST)


def test_passphrase_normalised() -> None:
    composed, decomposed = "caf\u00e9", "cafe\u0301"
    assert unseal(seal(b"x", composed, kdf=FAST), decomposed) == b"x"


def test_wrong_passphrase(sealed: bytes) -> None:
    with pytest.raises(WrongPassphrase, match="wrong passphrase"):
        unseal(sealed, "correct horse ")


@pytest.mark.parametrize("at", range(8))
def test_flipped_bit_in_marker(sealed: bytes, at: int) -> None:
    with pytest.raises(DamagedHeader, match="marker") as err:
        unseal(flip(sealed, at), "correct horse")
    assert "passphrase" not in str(err.value)


@pytest.mark.parametrize("at", [8, 9, 10, 11, 12, 20, 30, 50, 70, 100, 120, 130, 140])
def test_flipped_bit_anywhere_in_header_is_damage_not_passphrase(sealed: bytes, at: int) -> None:
    with pytest.raises(DamagedHeader) as err:
        unseal(flip(sealed, at, 3), "correct horse")
    assert "passphrase" not in str(err.value)


@pytest.mark.parametrize("at", range(SIZE - 8, SIZE))
def test_flipped_bit_in_checksum(sealed: bytes, at: int) -> None:
    with pytest.raises(DamagedHeader, match="checksum"):
        unseal(flip(sealed, at), "correct horse")


@pytest.mark.parametrize("part", range(PARTS_IN_PLAIN))
def test_flipped_bit_in_any_part_names_that_part(sealed: bytes, part: int) -> None:
    damaged = flip(sealed, part_at(part) + 100)
    with pytest.raises(DamagedBody) as err:
        unseal(damaged, "correct horse")
    assert err.value.parts == (part + 1,)
    assert f"part {part + 1} of {PARTS_IN_PLAIN}" in str(err.value)
    assert "passphrase" not in str(err.value)


def test_flipped_tag_bit_in_last_part(sealed: bytes) -> None:
    with pytest.raises(DamagedBody) as err:
        unseal(flip(sealed, len(sealed) - 1), "correct horse")
    assert err.value.parts == (PARTS_IN_PLAIN,)


def test_salvage_keeps_every_other_part(sealed: bytes) -> None:
    key = DataKey.unwrap(hdr.parse(sealed).block, "correct horse")
    text, lost = salvage_with(flip(sealed, part_at(1) + 5), key)
    assert lost == [2]
    assert len(text) == len(PLAIN)
    assert text[:PART] == PLAIN[:PART] and text[2 * PART:] == PLAIN[2 * PART:]
    assert text[PART:2 * PART] == b" " * PART


@pytest.mark.parametrize("cut", [1, 16, PART, PART + 16 + 1])
def test_cut_file(sealed: bytes, cut: int) -> None:
    with pytest.raises(Truncated, match="cut short"):
        unseal(sealed[:-cut], "correct horse")


def test_cut_exactly_at_a_part_boundary(sealed: bytes) -> None:
    with pytest.raises(Truncated):
        unseal(sealed[: part_at(PARTS_IN_PLAIN - 1)], "correct horse")


@pytest.mark.parametrize("size", [1, 5, 8, 10, 60, SIZE - 1])
def test_cut_inside_the_header(sealed: bytes, size: int) -> None:
    with pytest.raises(Truncated, match="cut short"):
        unseal(sealed[:size], "correct horse")


def test_zero_byte_file() -> None:
    with pytest.raises(Truncated, match="empty"):
        unseal(b"", "pw")


def test_appended_bytes(sealed: bytes) -> None:
    with pytest.raises(DamagedBody, match="7 unexpected bytes") as err:
        unseal(sealed + b"garbage", "correct horse")
    assert err.value.parts == ()


def test_swapped_parts(sealed: bytes) -> None:
    one, two = part_at(0), part_at(1)
    chunk = PART + 16
    first, second = sealed[one:one + chunk], sealed[two:two + chunk]
    swapped = sealed[:one] + second + first + sealed[two + chunk:]
    assert len(swapped) == len(sealed)
    with pytest.raises(DamagedBody, match="out of order") as err:
        unseal(swapped, "correct horse")
    assert err.value.parts == (1, 2)


def test_a_dropped_middle_part_is_a_cut_file(sealed: bytes) -> None:
    chunk = PART + 16
    with pytest.raises(Truncated):
        unseal(sealed[: part_at(1)] + sealed[part_at(1) + chunk:], "correct horse")


def test_header_from_another_file(sealed: bytes) -> None:
    other = seal(PLAIN, "correct horse", kdf=FAST)
    with pytest.raises(DamagedHeader, match="another file"):
        unseal(other[:SIZE] + sealed[SIZE:], "correct horse")


def test_header_of_another_passphrase_is_that_passphrase_not_damage(sealed: bytes) -> None:
    other = seal(PLAIN, "another one", kdf=FAST)
    with pytest.raises(WrongPassphrase):
        unseal(other[:SIZE] + sealed[SIZE:], "correct horse")


def _forge(blob: bytes, **fields: int) -> bytes:
    """The header with fields changed and its checksum made to match (what a hostile file
    could do: the checksum catches damage, not forgery)."""
    layout = hdr._V1
    values = list(layout.unpack_from(blob))
    names = ["magic", "version", "size", "kdf", "memory", "iterations", "lanes"]
    for name, value in fields.items():
        values[names.index(name)] = value
    head = layout.pack(*values)
    return head + hdr._checksum(head) + blob[SIZE:]


def test_newer_version(sealed: bytes) -> None:
    with pytest.raises(NewerFormat, match="newer sessionkit"):
        unseal(_forge(sealed, version=2), "correct horse")


@pytest.mark.parametrize(("fields", "words"), [
    ({"memory": 4 * 1024 * 1024 * 1024 - 1}, "memory"),
    ({"memory": 16}, "memory"),
    ({"iterations": 0}, "iterations is 0"),
    ({"iterations": 1 << 31}, "iterations"),
    ({"lanes": 0}, "lanes"),
    ({"lanes": 255}, "lanes"),
    ({"kdf": 2}, "unknown key derivation"),
])
def test_kdf_out_of_bounds_refused_before_running(
    sealed: bytes, fields: dict[str, int], words: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    def never(*args: object, **kwargs: object) -> None:
        raise AssertionError("Argon2id ran")

    monkeypatch.setattr(keys, "Argon2id", never)
    monkeypatch.setattr(keys, "_argon2_cffi", never)
    with pytest.raises(DamagedHeader, match=words):
        unseal(_forge(sealed, **fields), "correct horse")


@pytest.mark.parametrize("kdf", [
    Kdf(memory_kib=8 * 1024 * 1024), Kdf(iterations=0), Kdf(lanes=0), Kdf(memory_kib=512),
])
def test_caller_kdf_out_of_bounds(kdf: Kdf, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(keys, "Argon2id", None)  # would fail if it were reached
    monkeypatch.setattr(keys, "_argon2_cffi", None)
    with pytest.raises(ValueError):
        seal(b"x", "pw", kdf=kdf)


@pytest.mark.parametrize("kdf", [
    Kdf(memory_kib="65536"), Kdf(iterations=3.0), Kdf(lanes=True),  # type: ignore[arg-type]
])
def test_caller_kdf_of_the_wrong_type(kdf: Kdf, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(keys, "Argon2id", None)
    monkeypatch.setattr(keys, "_argon2_cffi", None)
    with pytest.raises(TypeError, match="not a whole number"):
        seal(b"x", "pw", kdf=kdf)


def test_not_sealed_at_all() -> None:
    with pytest.raises(DamagedHeader, match="not a sessionkit encrypted file"):
        unseal(b'{"_meta": {}}', "pw")


def test_fifo_refused(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    with pytest.raises(CryptError, match="FIFO"):
        read_regular(fifo)


def test_rewrap_changes_only_the_header(sealed: bytes) -> None:
    key = DataKey.unwrap(hdr.parse(sealed).block, "correct horse")
    moved = rewrap(sealed, key.rewrap("new words", FAST))
    assert moved[SIZE:] == sealed[SIZE:]
    assert unseal(moved, "new words") == PLAIN
    with pytest.raises(WrongPassphrase):
        unseal(moved, "correct horse")
    assert unseal_with(sealed, key) == PLAIN  # the store still reads older wrappings


def test_a_file_of_another_key_is_named_as_such(sealed: bytes) -> None:
    stranger = DataKey.new("correct horse", FAST)
    with pytest.raises(DamagedHeader, match="another database"):
        unseal_with(sealed, stranger)


def test_every_message_is_one_line(sealed: bytes) -> None:
    bad = [b"", sealed[:20], flip(sealed, 3), flip(sealed, 40), flip(sealed, SIZE + 3),
           sealed + b"x", _forge(sealed, version=9), _forge(sealed, iterations=0)]
    for blob in bad:
        with pytest.raises(CryptError) as err:
            unseal(blob, "correct horse")
        assert "\n" not in str(err.value) and len(str(err.value)) < 160


def test_empty_plaintext_and_exact_multiple() -> None:
    for plain in (b"", b"a" * PART, b"b" * (2 * PART)):
        blob = seal(plain, "pw", kdf=FAST)
        assert unseal(blob, "pw") == plain
        with pytest.raises(Truncated):
            unseal(blob[:-1], "pw")


def test_empty_passphrase_refused() -> None:
    with pytest.raises(ValueError):
        seal(b"x", "", kdf=FAST)


def test_default_cost_is_the_documented_one() -> None:
    assert Kdf() == Kdf(64 * 1024, 3, 4)
    assert struct.calcsize(">8sBHBIII16s12s48s16s16sIQ") + 8 == SIZE == 152


def test_both_argon2_libraries_give_the_same_key(monkeypatch: pytest.MonkeyPatch) -> None:
    """argon2-cffi (used when installed) and cryptography derive byte-identical keys, so a file
    sealed with one opens with the other."""
    salt = bytes(range(16))
    for kdf in (FAST, Kdf(8 * 1024, 2, 4)):
        fast = keys.derive("correct horse", kdf, salt)
        monkeypatch.setattr(keys, "_argon2_cffi", lambda *args: None)
        slow = keys.derive("correct horse", kdf, salt)
        monkeypatch.undo()
        assert fast == slow
    sealed = seal(b"x", "pw", kdf=FAST)
    monkeypatch.setattr(keys, "_argon2_cffi", lambda *args: None)
    assert unseal(sealed, "pw") == b"x"
