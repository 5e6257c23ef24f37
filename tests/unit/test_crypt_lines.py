"""Sealed journal lines: tears, replays, gaps, a new key at each open, never a reused nonce."""

from __future__ import annotations

import base64
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sessionkit.crypt.header import SEGMENT, Kdf
from sessionkit.crypt.keys import DataKey
from sessionkit.crypt.lines import LineWriter, read
from sessionkit.store.journal import ChangeLog, Journal, read_all, read_last

KEY = DataKey.new("correct horse battery", Kdf(1024, 1, 1))


def rec(i: int) -> dict[str, object]:
    return {"id": f"s{i}", "notes": [f"private note {i} 🌱"]}


def lines_of(path: Path) -> list[bytes]:
    return path.read_bytes().splitlines(keepends=True)


def test_sealed_journal_round_trip_and_no_plain_text(tmp_path: Path) -> None:
    journal = Journal(tmp_path / "j.jsonl", KEY)
    for i in range(5):
        journal.append(rec(i))
    journal.close()
    raw = (tmp_path / "j.jsonl").read_bytes()
    assert raw.startswith(SEGMENT) and b"private" not in raw
    assert read_all(journal.path, KEY) == [rec(i) for i in range(5)]
    assert read_last(journal.path, KEY) == rec(4)
    assert read_all(journal.path, None) == []  # without the key nothing reads


@pytest.mark.parametrize("cut", [1, 2, 10, 40])
def test_a_torn_last_line_is_dropped_and_the_next_open_starts_a_segment(
    tmp_path: Path, cut: int
) -> None:
    path = tmp_path / "j.jsonl"
    journal = Journal(path, KEY)
    journal.append(rec(1))
    journal.append(rec(2))
    journal.close()
    path.write_bytes(path.read_bytes()[:-cut])  # killed mid-write
    assert read_last(path, KEY) == rec(1)
    again = Journal(path, KEY)
    again.append(rec(3))
    again.close()
    whole = [rec(2)] if cut == 1 else []  # only its newline was lost: the record is whole
    assert read_all(path, KEY) == [rec(1), *whole, rec(3)]
    assert sum(line.startswith(SEGMENT) for line in lines_of(path)) == 2


def test_each_open_uses_a_new_key_so_counters_never_meet(tmp_path: Path) -> None:
    path = tmp_path / "j.jsonl"
    for i in range(3):
        journal = Journal(path, KEY)
        journal.append(rec(i))
        journal.close()
    segments = [line for line in lines_of(path) if line.startswith(SEGMENT)]
    assert len(set(segments)) == 3  # three salts: three keys
    data = [base64.b64decode(line[1:-1]) for line in lines_of(path) if line.startswith(b"~")]
    assert {d[:8] for d in data} == {b"\0" * 8}  # each counter 0, under its own key
    assert len({d[8:] for d in data}) == 3
    assert read_all(path, KEY) == [rec(0), rec(1), rec(2)]


def test_a_replayed_line_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "j.jsonl"
    log = ChangeLog(path, KEY)
    log.append(rec(1))
    log.append(rec(2))
    log.close()
    head, first, second = lines_of(path)
    path.write_bytes(head + first + second + first)  # an old line appended again
    found = read(path.read_bytes(), KEY)
    assert found.replayed == 1 and read_all(path, KEY) == [rec(1), rec(2)]


def test_a_line_moved_into_another_segment_fails(tmp_path: Path) -> None:
    path = tmp_path / "j.jsonl"
    for i in range(2):
        journal = Journal(path, KEY)
        journal.append(rec(i))
        journal.close()
    seg1, line1, seg2, line2 = lines_of(path)
    path.write_bytes(seg1 + line1 + seg2 + line1)
    found = read(path.read_bytes(), KEY)
    assert found.damaged == 1 and read_all(path, KEY) == [rec(0)]


def test_a_gap_is_counted(tmp_path: Path) -> None:
    writer = LineWriter(KEY)
    lines = [writer.encode(b'{"n": %d}' % i) for i in range(4)]
    found = read(writer.start() + lines[0] + lines[2] + lines[3], KEY)
    assert found.gaps == 1 and len(found.payloads) == 3


def test_a_flipped_bit_loses_that_line_only(tmp_path: Path) -> None:
    path = tmp_path / "j.jsonl"
    log = ChangeLog(path, KEY)
    for i in range(3):
        log.append(rec(i))
    log.close()
    raw = bytearray(path.read_bytes())
    second = raw.index(b"\n~", raw.index(b"\n~") + 1) + 10
    raw[second] = ord("A") if raw[second] != ord("A") else ord("B")
    path.write_bytes(bytes(raw))
    assert read_all(path, KEY) == [rec(0), rec(2)]


def test_a_journal_of_another_key_reads_as_nothing(tmp_path: Path) -> None:
    other = DataKey.new("other words here", Kdf(1024, 1, 1))
    journal = Journal(tmp_path / "j.jsonl", other)
    journal.append(rec(1))
    journal.close()
    assert read_all(journal.path, KEY) == []
    assert read(journal.path.read_bytes(), KEY).foreign == 1


def test_compaction_keeps_it_sealed(tmp_path: Path) -> None:
    journal = Journal(tmp_path / "j.jsonl", KEY)
    journal.COMPACT_EVERY = 3
    for i in range(4):
        journal.append(rec(i))
    journal.close()
    assert b"private" not in journal.path.read_bytes()
    assert read_last(journal.path, KEY) == rec(3)


@given(st.lists(st.binary(max_size=300), max_size=8), st.integers(0, 2000))
def test_any_cut_of_a_segment_reads_a_prefix(payloads: list[bytes], cut: int) -> None:
    writer = LineWriter(KEY)
    raw = writer.start() + b"".join(writer.encode(p) for p in payloads)
    got = read(raw[: max(0, len(raw) - cut)], KEY).payloads
    assert got == payloads[: len(got)]  # never a wrong or reordered record
