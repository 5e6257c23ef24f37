"""WAV replay: two recordings (mic, call) fed through the same path as live capture.

Reads WAV files as a recorder or a call tool writes them: integer PCM of 8, 16, 24 or 32
bits, 32/64-bit float, telephone A-law and u-law, plain or WAVE_FORMAT_EXTENSIBLE headers, any
number of channels (mixed to mono) and any rate from 8 kHz up (resampled to 16 kHz, low-pass
filtered first when numpy is there, so what lies above 8 kHz does not fold into the voice band).
Anything else (MP3 in a WAV wrapper, ADPCM, a text file) is refused with one line saying how to
convert it. The file is read block by block: a two-hour recording costs no more memory than a
minute.
"""

from __future__ import annotations

import math
import struct
import sys
from array import array
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from sessionkit.listen.frames import FRAME, RATE, ListenError, silent_frame, take_frame

CONVERT = "convert it with: sox IN.wav -r 16000 -c 1 -b 16 OUT.wav"
BLOCK = 4096  # input frames read at a time

PCM, FLOAT, ALAW, MULAW, EXTENSIBLE = 1, 3, 6, 7, 0xFFFE
_NAMES = {2: "MS ADPCM", 0x11: "IMA ADPCM", 0x31: "GSM", 0x50: "MPEG", 0x55: "MP3",
          0x161: "WMA"}


def _mulaw(byte: int) -> int:
    u = ~byte & 0xFF
    mag = (((u & 0x0F) << 3) + 0x84) << ((u & 0x70) >> 4)
    return (0x84 - mag) if u & 0x80 else (mag - 0x84)


def _alaw(byte: int) -> int:
    a = byte ^ 0x55
    seg, mag = (a & 0x70) >> 4, (a & 0x0F) << 4
    mag = mag + 8 if seg == 0 else (mag + 0x108) << (seg - 1)
    return mag if a & 0x80 else -mag


_LAW = {MULAW: [_mulaw(b) for b in range(256)], ALAW: [_alaw(b) for b in range(256)]}

_np: Any
try:  # numpy comes with the audio extra; without it plain Python does (tests of the logic)
    import numpy as _np
except ImportError:  # pragma: no cover - depends on the environment
    _np = None


class _Format:
    """The `fmt ` chunk: how samples are stored."""

    def __init__(self, path: Path, raw: bytes) -> None:
        if len(raw) < 16:
            raise ListenError(f"{path}: a broken WAV header; {CONVERT}")
        tag, self.channels, self.rate, _, self.block, bits = struct.unpack("<HHIIHH", raw[:16])
        if tag == EXTENSIBLE and len(raw) >= 26:
            tag = struct.unpack("<H", raw[24:26])[0]  # the sub-format GUID starts with the tag
        if tag not in (PCM, FLOAT, ALAW, MULAW):
            name = _NAMES.get(tag, f"format {tag:#x}")
            raise ListenError(f"{path}: {name} audio is not read, only PCM; {CONVERT}")
        if self.channels < 1 or self.block < 1:
            raise ListenError(f"{path}: a broken WAV header (no channels); {CONVERT}")
        self.width = self.block // self.channels
        ok = {PCM: (1, 2, 3, 4), FLOAT: (4, 8), ALAW: (1,), MULAW: (1,)}[tag]
        if self.width not in ok or self.block != self.width * self.channels:
            raise ListenError(f"{path}: {bits}-bit samples of this kind are not read; {CONVERT}")
        if self.rate < 8000:
            raise ListenError(f"{path}: {self.rate} Hz is too low for speech; {CONVERT}")
        if self.rate > 384_000:
            raise ListenError(f"{path}: {self.rate} Hz is not an audio rate; {CONVERT}")
        self.tag = tag

    def decode(self, raw: bytes) -> array:
        """Whole sample frames of `raw` as 16-bit mono samples."""
        raw = raw[: len(raw) - len(raw) % self.block]
        if _np is not None:
            return self._decode_np(raw)
        w, n = self.width, self.channels
        if self.tag in _LAW:
            table = _LAW[self.tag]
            values = [table[b] for b in raw]
        elif self.tag == FLOAT:
            code = "f" if w == 4 else "d"
            floats = array(code, raw)
            if sys.byteorder == "big":
                floats.byteswap()
            values = [_clip(int(v * 32768.0)) if math.isfinite(v) else 0 for v in floats]
        elif w == 1:
            values = [(b - 128) << 8 for b in raw]
        elif w == 2:
            samples = array("h", raw)
            if sys.byteorder == "big":
                samples.byteswap()
            values = samples.tolist()
        else:
            values = [int.from_bytes(raw[i + w - 2 : i + w], "little", signed=True)
                      for i in range(0, len(raw), w)]
        if n > 1:
            values = [sum(values[i : i + n]) // n for i in range(0, len(values), n)]
        return array("h", values)

    def _decode_np(self, raw: bytes) -> array:
        np, w = _np, self.width
        if self.tag in _LAW:
            x = np.asarray(_LAW[self.tag], dtype=np.float64)[np.frombuffer(raw, np.uint8)]
        elif self.tag == FLOAT:
            x = np.frombuffer(raw, "<f4" if w == 4 else "<f8").astype(np.float64) * 32768.0
            x[~np.isfinite(x)] = 0.0
        elif w == 1:
            x = (np.frombuffer(raw, np.uint8).astype(np.float64) - 128.0) * 256.0
        elif w == 2:
            x = np.frombuffer(raw, "<i2").astype(np.float64)
        else:  # 24 or 32 bits: the top two bytes of each sample are the 16-bit value
            b = np.frombuffer(raw, np.uint8).reshape(-1, w)
            x = b[:, w - 2 :].copy().view("<i2").reshape(-1).astype(np.float64)
        if self.channels > 1:
            x = x.reshape(-1, self.channels).mean(axis=1)
        return array("h", np.clip(np.round(x), -32768, 32767).astype("<i2").tobytes())


def _clip(v: int) -> int:
    return -32768 if v < -32768 else 32767 if v > 32767 else v


def _open_wav(path: Path) -> tuple[IO[bytes], _Format, int]:
    """The open file at its sample data, the format, and the data's size in bytes."""
    try:
        f = open(path, "rb")  # noqa: SIM115 - the channel owns and closes it
    except FileNotFoundError:
        raise ListenError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise ListenError(f"{path}: a folder, not a WAV file") from None
    except OSError as err:
        raise ListenError(f"{path}: cannot be read ({err.strerror or err})") from None
    try:
        head = f.read(12)
        if len(head) < 12 or head[:4] not in (b"RIFF", b"RF64") or head[8:12] != b"WAVE":
            raise ListenError(f"{path}: not a PCM WAV file (no RIFF/WAVE header); {CONVERT}")
        fmt: _Format | None = None
        while True:
            chunk = f.read(8)
            if len(chunk) < 8:
                raise ListenError(f"{path}: not a PCM WAV file (no audio data); {CONVERT}")
            cid, size = chunk[:4], struct.unpack("<I", chunk[4:])[0]
            if cid == b"fmt ":
                fmt = _Format(path, f.read(min(size, 64)))
                f.seek(size - min(size, 64) + (size & 1), 1)
            elif cid == b"data":
                if fmt is None:
                    raise ListenError(f"{path}: a broken WAV file (data before format); {CONVERT}")
                # 0 or 0xFFFFFFFF: a recorder that never went back to write the size (or RF64)
                return f, fmt, size if 0 < size < 0xFFFFFFFF else -1
            else:
                f.seek(size + (size & 1), 1)
    except ListenError:
        f.close()
        raise
    except OSError as err:
        f.close()
        raise ListenError(f"{path}: cannot be read ({err.strerror or err})") from None


class _Resampler:
    """Streaming conversion from `rate` to 16 kHz: a low-pass below 8 kHz (with numpy), then
    linear interpolation."""

    TAPS = 63

    def __init__(self, rate: int) -> None:
        self.step = rate / RATE
        self.pos = 0.0
        self.buf = array("h")
        self._fir: Any = None
        self._tail: Any = None
        if self.step != 1.0 and _np is not None:
            np = _np
            cut = 0.9 * (RATE / 2) / max(rate, RATE)  # of the input rate: below both Nyquists
            n = np.arange(self.TAPS) - (self.TAPS - 1) / 2
            fir = 2 * cut * np.sinc(2 * cut * n) * np.hamming(self.TAPS)
            self._fir = fir / fir.sum()
            self._tail = np.zeros(self.TAPS - 1)
            self.pos = (self.TAPS - 1) / 2  # the filter's delay: the output stays in time

    def _lowpass(self, samples: array) -> array:
        np = _np
        x = np.concatenate([self._tail, np.frombuffer(samples, "<i2").astype(np.float64)])
        self._tail = x[len(x) - (self.TAPS - 1) :]
        y = np.convolve(x, self._fir, mode="valid")
        return array("h", np.clip(np.round(y), -32768, 32767).astype("<i2").tobytes())

    def feed(self, samples: array) -> array:
        if self.step == 1.0:
            return samples
        if self._fir is not None:
            samples = self._lowpass(samples)
        buf = self.buf
        buf.extend(samples)
        if _np is not None:
            return self._interp_np()
        out = array("h")
        pos, step, last = self.pos, self.step, len(buf) - 1
        while pos < last:
            i = int(pos)
            a = buf[i]
            out.append(int(a + (buf[i + 1] - a) * (pos - i)))
            pos += step
        self._consume(pos)
        return out

    def _interp_np(self) -> array:
        np, buf = _np, self.buf
        last = len(buf) - 1
        count = max(0, math.ceil((last - self.pos) / self.step))
        if count == 0:
            return array("h")
        at = self.pos + self.step * np.arange(count)
        x = np.frombuffer(buf, "<i2").astype(np.float64)
        y = np.interp(at, np.arange(len(x)), x)
        self._consume(self.pos + self.step * count)
        return array("h", np.round(y).astype("<i2").tobytes())

    def _consume(self, pos: float) -> None:
        drop = min(int(pos), len(self.buf))
        del self.buf[:drop]
        self.pos = pos - drop


class _WavChannel:
    """One file read lazily as 16 kHz mono frames."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._file, self._fmt, size = _open_wav(path)
        self.channels, self.rate = self._fmt.channels, self._fmt.rate
        self._left = size  # bytes of sample data still to read (-1: to the end of the file)
        if size < 0:
            here = self._file.tell()
            size = max(0, self._file.seek(0, 2) - here)
            self._file.seek(here)
        self.seconds = size / self._fmt.block / self.rate
        self._resample = _Resampler(self.rate)
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
