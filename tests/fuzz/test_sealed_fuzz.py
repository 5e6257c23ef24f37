"""Random damage to encrypted files: the format raises a CryptError (never anything else, never
a wrong passphrase for damage, never wrong bytes), and the store refuses the database in one line
leaving the file as it was."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sessionkit.crypt import CryptError, WrongPassphrase
from sessionkit.crypt.header import Kdf
from sessionkit.crypt.keys import DataKey
from sessionkit.crypt.sealed import seal_with, unseal_with
from sessionkit.demo import generate
from sessionkit.errors import StoreCorrupted
from sessionkit.store import SessionStore, convert, sealing

KEY = DataKey.new("fuzzing words", Kdf(1024, 1, 1))
PLAIN = bytes(range(256)) * 50  # 12,800 bytes: 4 parts of 4 KiB
BLOB = seal_with(PLAIN, KEY, part=4096)

edits = st.one_of(
    st.tuples(st.just("flip"), st.integers(0, len(BLOB) - 1), st.integers(0, 7)),
    st.tuples(st.just("cut"), st.integers(0, len(BLOB) - 1), st.just(0)),
    st.tuples(st.just("insert"), st.integers(0, len(BLOB)), st.integers(0, 255)),
    st.tuples(st.just("drop"), st.integers(0, len(BLOB) - 1), st.just(0)),
)


def apply(blob: bytes, edit: tuple[str, int, int]) -> bytes:
    kind, at, value = edit
    if not blob:
        return blob
    at = min(at, len(blob) - (0 if kind == "insert" else 1))
    if kind == "flip":
        return blob[:at] + bytes([blob[at] ^ (1 << value)]) + blob[at + 1:]
    if kind == "cut":
        return blob[:at]
    if kind == "insert":
        return blob[:at] + bytes([value]) + blob[at:]
    return blob[:at] + blob[at + 1:]


@settings(max_examples=400)
@given(st.lists(edits, min_size=1, max_size=3))
def test_any_damage_is_a_crypt_error_never_a_wrong_passphrase(
    damage: list[tuple[str, int, int]]
) -> None:
    blob = BLOB
    for edit in damage:
        blob = apply(blob, edit)
    if blob == BLOB:
        return
    with pytest.raises(CryptError) as err:
        unseal_with(blob, KEY)
    assert not isinstance(err.value, WrongPassphrase)
    assert "\n" not in str(err.value)


@settings(max_examples=25)
@given(st.lists(edits, min_size=1, max_size=2))
def test_a_damaged_encrypted_database_is_refused_and_left_unchanged(
    damage: list[tuple[str, int, int]]
) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "db.json"
        try:
            with SessionStore.open(db) as store:
                store.save_many(generate(3))
                convert.encrypt(db, "fuzzing words", Kdf(1024, 1, 1))
            raw = db.read_bytes()
            scale = len(raw) / len(BLOB)
            for kind, at, value in damage:
                raw = apply(raw, (kind, min(int(at * scale), len(raw) - 1), value))
            db.write_bytes(raw)
            try:
                SessionStore.open(db).close()
            except StoreCorrupted as err:
                assert "\n" not in str(err) and "passphrase" not in str(err)
                assert db.read_bytes() == raw
        finally:
            sealing.forget_key(db)
