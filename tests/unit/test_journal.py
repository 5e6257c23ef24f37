"""The live-session journal: CRC lines, fsync per append, last good line wins, torn tail gone."""

from __future__ import annotations

import math
import stat
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sessionkit.errors import StoreWriteError
from sessionkit.store import Journal
from sessionkit.store import journal as journal_mod
from sessionkit.store.journal import decode_line, encode_line, read_last

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=20,
)
records = st.dictionaries(st.text(), json_values, max_size=6)


@settings(max_examples=40, deadline=None)
@given(records)
def test_line_round_trips(record: dict) -> None:
    line = encode_line(record)
    assert line.endswith(b"\n") and line.count(b"\n") == 1
    assert decode_line(line) == record


@settings(max_examples=40, deadline=None)
@given(records, st.data())
def test_any_truncation_is_dropped_never_misread(record: dict, data: st.DataObject) -> None:
    line = encode_line(record)
    cut = data.draw(st.integers(0, len(line) - 1))
    assert decode_line(line[:cut]) is None


@settings(max_examples=40, deadline=None)
@given(records, st.data())
def test_a_flipped_byte_is_detected(record: dict, data: st.DataObject) -> None:
    line = bytearray(encode_line(record))
    i = data.draw(st.integers(0, len(line) - 2))  # not the newline
    line[i] ^= data.draw(st.integers(1, 255))
    assert decode_line(bytes(line)) in (None, record)  # ('a' -> 'A' in the CRC reads the same)


def test_last_good_line_wins_and_torn_tail_is_dropped(tmp_path: Path) -> None:
    j = Journal(tmp_path / "journal" / "live-x.jsonl")
    j.append({"notes": ["a"]})
    j.append({"notes": ["a", "b"]})
    j.close()
    torn = encode_line({"notes": ["a", "b", "c"]})[:-7]
    with open(j.path, "ab") as f:
        f.write(torn)
    assert read_last(j.path) == {"notes": ["a", "b"]}


def test_append_after_a_torn_tail_is_not_glued_onto_it(tmp_path: Path) -> None:
    path = tmp_path / "live-x.jsonl"
    path.write_bytes(encode_line({"n": 1}) + encode_line({"n": 2})[:15])
    j = Journal(path)
    j.append({"n": 3})
    j.close()
    assert read_last(path) == {"n": 3}


def test_files_are_owner_only(tmp_path: Path) -> None:
    j = Journal(tmp_path / "journal" / "live-x.jsonl")
    j.append({"a": 1})
    j.close()
    assert stat.S_IMODE(j.path.stat().st_mode) == 0o600
    assert stat.S_IMODE(j.path.parent.stat().st_mode) == 0o700


def test_every_append_is_fsynced(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    synced: list[int] = []
    real = journal_mod.os.fsync
    monkeypatch.setattr(journal_mod.os, "fsync", lambda fd: (synced.append(fd), real(fd)))
    j = Journal(tmp_path / "live-x.jsonl")
    for i in range(3):
        j.append({"i": i})
    j.close()
    assert len(synced) == 3


def test_compaction_keeps_the_last_record_only(tmp_path: Path) -> None:
    j = Journal(tmp_path / "live-x.jsonl")
    j.COMPACT_EVERY = 4
    for i in range(4):
        j.append({"i": i})
    assert j.path.read_bytes() == encode_line({"i": 3})
    j.append({"i": 4})
    j.close()
    assert read_last(j.path) == {"i": 4}
    assert len(j.path.read_bytes().splitlines()) == 2


def test_a_failed_append_raises_and_keeps_earlier_lines(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    j = Journal(tmp_path / "live-x.jsonl")
    j.append({"i": 1})
    real_write = journal_mod.os.write

    def half_then_fail(fd: int, data: bytes) -> int:
        real_write(fd, bytes(data[:5]))
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(journal_mod.os, "write", half_then_fail)
    with pytest.raises(StoreWriteError, match="^No space left"):
        j.append({"i": 2})
    monkeypatch.undo()
    assert read_last(j.path) == {"i": 1}
    j.append({"i": 3})  # the half line is ended first, so this one is intact
    j.close()
    assert read_last(j.path) == {"i": 3}


def test_nan_is_refused_before_anything_is_written(tmp_path: Path) -> None:
    j = Journal(tmp_path / "live-x.jsonl")
    with pytest.raises(ValueError):
        j.append({"x": math.nan})
    assert not j.path.exists()


def test_remove_deletes_the_file(tmp_path: Path) -> None:
    j = Journal(tmp_path / "live-x.jsonl")
    j.append({"i": 1})
    j.remove()
    assert not j.path.exists()
    j.remove()  # twice is fine
