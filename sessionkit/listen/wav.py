"""WAV replay: two recordings (mic, call) fed through the same path as live capture.

Reads 16-bit PCM WAV files with the standard library; stereo is mixed to mono and other
sample rates are resampled to 16 kHz on the fly (linear; enough for voice activity).
Anything else is refused with a one-line message saying how to convert it.
"""

from __future__ import annotations

import sys
import wave
from array import array
from collections.abc import Iterator
from pathlib import Path

from sessionkit.listen.frames import FRAME, RATE, ListenError, silent_frame

CONVERT = "convert it with: sox IN.wav -r 16000 -c 1 -b 16 OUT.wav"
BLOCK = 4096  # input frames read at a time


class _Resampler:
    """Streaming linear interpolation from `rate` to 16 kHz."""

    def __init__(self, rate: int) -> None:
        self.step = rate / RATE
        self.pos = 0.0
        self.buf = array("h")

    def feed(self, samples: array) -> array:
        if self.step == 1.0:
            return samples
        buf = self.buf
        buf.extend(samples)
        out = array("h")
        pos, step, last = self.pos, self.step, len(buf) - 1
        while pos < last:
            i = int(pos)
            a = buf[i]
            out.append(int(a + (buf[i + 1] - a) * (pos - i)))
            pos += step
        drop = min(int(pos), len(buf))
        del buf[:drop]
        self.pos = pos - drop
        return out


class _WavChannel:
    """One file read lazily as 16 kHz mono frames."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            self._wav = wave.open(str(path), "rb")
        except FileNotFoundError:
            raise ListenError(f"{path}: no such file") from None
        except (wave.Error, EOFError, OSError) as err:
            raise ListenError(f"{path}: not a PCM WAV file ({err}); {CONVERT}") from None
        width = self._wav.getsampwidth()
        if width != 2:
            self._wav.close()
            raise ListenError(f"{path}: {8 * width}-bit samples, 16-bit needed; {CONVERT}")
        self.channels = self._wav.getnchannels()
        self.rate = self._wav.getframerate()
        if self.rate < 8000:
            self._wav.close()
            raise ListenError(f"{path}: {self.rate} Hz is too low for speech; {CONVERT}")
        self.seconds = self._wav.getnframes() / self.rate
        self._resample = _Resampler(self.rate)
        self._pending = array("h")
        self.done = False

    def _read_block(self) -> None:
        raw = self._wav.readframes(BLOCK)
        if not raw:
            self.done = True
            return
        samples = array("h")
        samples.frombytes(raw[: len(raw) - len(raw) % 2])
        if sys.byteorder == "big":
            samples.byteswap()
        if self.channels > 1:
            n = self.channels
            samples = array("h", [sum(samples[i : i + n]) // n for i in range(0, len(samples), n)])
        self._pending.extend(self._resample.feed(samples))

    def frame(self) -> array | None:
        """The next frame, padded with silence at the end; None when the file is over."""
        while len(self._pending) < FRAME and not self.done:
            self._read_block()
        if not self._pending:
            return None
        out = self._pending[:FRAME]
        del self._pending[:FRAME]
        if len(out) < FRAME:
            out.extend(silent_frame()[len(out) :])
        return out

    def close(self) -> None:
        self._wav.close()


def parse_pair(text: str) -> tuple[Path, Path]:
    """`MIC.wav,CALL.wav` -> two paths (a clear error for anything else)."""
    parts = [p.strip() for p in text.split(",")]
    if len(parts) != 2 or not all(parts):
        raise ListenError(
            "--listen-from needs two WAV files, the mic and the call: MIC.wav,CALL.wav"
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
