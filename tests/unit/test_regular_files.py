"""A FIFO or a device where a file is expected is refused before reading (issue 18): the import
file (test_import_refusals.py), a `--listen-from` WAV, the summary index. And `--listen-from`
takes a path holding a comma, quoted or escaped; a WAV claiming thousands of channels is refused."""

from __future__ import annotations

import os
import struct
import threading
from pathlib import Path

import pytest

from sessionkit.listen.frames import ListenError
from sessionkit.listen.wav import parse_pair
from sessionkit.listen.wavfile import MAX_CHANNELS, open_wav
from sessionkit.regular import NotRegular, read_regular
from sessionkit.review import index_file


def _in_time(fn: object) -> object:
    """Run `fn` in a thread; fail if it blocks (a FIFO read would, for ever)."""
    out: list[object] = []

    def call() -> None:
        try:
            out.append(fn())  # type: ignore[operator]
        except Exception as err:  # noqa: BLE001 - handed back to the test
            out.append(err)

    worker = threading.Thread(target=call, daemon=True)
    worker.start()
    worker.join(20)
    assert out, "blocked"
    return out[0]


def test_read_regular_refuses_fifos_devices_folders_and_big_files(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    for path, says in ((fifo, "a FIFO"), (Path("/dev/zero"), "a device"),
                       (tmp_path, "a folder")):
        err = _in_time(lambda p=path: read_regular(p, 1000))
        assert isinstance(err, (NotRegular, IsADirectoryError)), err
        if isinstance(err, NotRegular):
            assert says in str(err)
    big = tmp_path / "big"
    big.write_bytes(b"x" * 2000)
    with pytest.raises(NotRegular, match="more than the"):
        read_regular(big, 1000)
    assert read_regular(big, 5000) == b"x" * 2000


def test_a_wav_that_is_a_fifo_is_refused(tmp_path: Path) -> None:
    fifo = tmp_path / "mic.wav"
    os.mkfifo(fifo)
    err = _in_time(lambda: open_wav(fifo))
    assert isinstance(err, ListenError) and "a FIFO (named pipe), not a regular file" in str(err)


def _wav(path: Path, channels: int) -> Path:
    fmt = struct.pack("<HHIIHH", 1, channels, 16000, 16000 * 2 * channels, 2 * channels, 16)
    data = b"\0\0" * channels * 4
    body = b"WAVE" + b"fmt " + struct.pack("<I", len(fmt)) + fmt + b"data" + \
        struct.pack("<I", len(data)) + data
    path.write_bytes(b"RIFF" + struct.pack("<I", len(body)) + body)
    return path


def test_channels_are_capped(tmp_path: Path) -> None:
    with pytest.raises(ListenError, match=f"32767 channels, more than the {MAX_CHANNELS}"):
        open_wav(_wav(tmp_path / "wide.wav", 32767))
    handle, fmt, _ = open_wav(_wav(tmp_path / "ok.wav", MAX_CHANNELS))
    handle.close()
    assert fmt.channels == MAX_CHANNELS


@pytest.mark.parametrize(("given", "mic", "call"), [
    ("mic.wav,call.wav", "mic.wav", "call.wav"),
    ('"mic, take 2.wav",call.wav', "mic, take 2.wav", "call.wav"),
    ("mic\\, take 2.wav, call.wav", "mic, take 2.wav", "call.wav"),
    ('mic.wav, "call,b.wav"', "mic.wav", "call,b.wav"),
])
def test_listen_from_takes_a_quoted_or_escaped_comma(given: str, mic: str, call: str) -> None:
    assert parse_pair(given) == (Path(mic), Path(call))


def test_listen_from_says_why_three_parts_are_refused() -> None:
    with pytest.raises(ListenError, match="a path holding a comma: quote it"):
        parse_pair("mic, take 2.wav,call.wav")


def test_a_fifo_index_reads_as_stale(tmp_path: Path) -> None:
    db = tmp_path / "sessionkit.json"
    db.write_text("{}")
    os.mkfifo(index_file.index_path(db))
    assert _in_time(lambda: index_file.read_head(db, "1")) is None
