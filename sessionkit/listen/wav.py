"""WAV replay: two recordings (mic, call) fed through the same path as live capture.

The files are read block by block (wavfile.py: the formats recorders write) and resampled to
16 kHz (resample.py): a two-hour recording costs no more memory than a minute.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterator
from pathlib import Path

from sessionkit.listen.frames import FRAME, ListenError, silent_frame, take_frame
from sessionkit.listen.resample import Resampler
from sessionkit.listen.wavfile import CONVERT, open_wav

__all__ = ["CONVERT", "WavReplay", "parse_pair", "read_wav"]

BLOCK = 4096  # input frames read at a time


class _WavChannel:
    """One file read lazily as 16 kHz mono frames."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._file, self._fmt, size = open_wav(path)
        self._left = size  # bytes of sample data still to read (-1: to the end of the file)
        if size < 0:
            here = self._file.tell()
            size = max(0, self._file.seek(0, 2) - here)
            self._file.seek(here)
        self.seconds = size / self._fmt.block / self._fmt.rate
        self._resample = Resampler(self._fmt.rate)
        self._pending = array("h")
        self.done = False

    def _read_block(self) -> None:
        want = BLOCK * self._fmt.block
        if self._left >= 0:
            want = min(want, self._left)
        try:
            raw = self._file.read(want) if want else b""
        except OSError as err:
            raise ListenError(f"{self.path}: cannot be read ({err.strerror or err})") from None
        if self._left >= 0:
            self._left -= len(raw)
        if len(raw) < self._fmt.block:
            self.done = True
            return
        self._pending.extend(self._resample.feed(self._fmt.decode(raw)))

    def frame(self) -> array | None:
        """The next frame, padded with silence at the end; None when the file is over."""
        while len(self._pending) < FRAME and not self.done:
            self._read_block()
        return take_frame(self._pending) if self._pending else None

    def close(self) -> None:
        self._file.close()


def parse_pair(text: str) -> tuple[Path, Path]:
    """`MIC.wav,CALL.wav` -> two paths (a clear error for anything else). A path holding a
    comma is quoted (`"mic, take 2.wav",call.wav`) or its comma escaped (`mic\\, take 2.wav`)."""
    import csv

    try:
        rows = list(csv.reader([text], quotechar='"', escapechar="\\", skipinitialspace=True,
                               strict=True))
    except csv.Error:
        rows = []
    parts = [p.strip() for p in rows[0]] if len(rows) == 1 else []
    if len(parts) != 2 or not all(parts):
        extra = (" (a path holding a comma: quote it, \"a,b.wav\", or escape the comma, "
                 "a\\,b.wav)") if len(parts) > 2 else ""
        raise ListenError(
            f"--listen-from needs two WAV files, the mic and the call: MIC.wav,CALL.wav{extra}"
        )
    return Path(parts[0]), Path(parts[1])


class WavReplay:
    """A source of (mic, call) frame pairs from two WAV files; the shorter is padded with silence.

    Replay is paced by the listener's clock (real time in the app, a fake clock in tests)."""

    live = False

    def __init__(self, mic: Path, call: Path) -> None:
        self._mic = _WavChannel(mic)
        try:
            self._call = _WavChannel(call)
        except ListenError:
            self._mic.close()
            raise
        self.seconds = max(self._mic.seconds, self._call.seconds)
        self.name = f"replay of {mic.name} (mic) and {call.name} (call)"

    def frames(self) -> Iterator[tuple[array, array]]:
        while True:
            mic, call = self._mic.frame(), self._call.frame()
            if mic is None and call is None:
                return
            yield (mic or silent_frame(), call or silent_frame())

    def close(self) -> None:
        self._mic.close()
        self._call.close()


def read_wav(path: Path) -> array:
    """A whole file as 16 kHz mono samples (tests and the benchmark)."""
    channel = _WavChannel(path)
    out = array("h")
    try:
        while (frame := channel.frame()) is not None:
            out.extend(frame)
    finally:
        channel.close()
    return out
