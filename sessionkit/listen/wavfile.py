"""Reading WAV files as recorders and call tools write them, without any audio package.

Integer PCM of 8, 16, 24 or 32 bits, 32/64-bit float, telephone A-law and u-law, plain or
WAVE_FORMAT_EXTENSIBLE headers (and RF64), odd-sized chunks, a data size the recorder never
wrote, any number of channels (mixed to mono). Anything else (MP3 in a WAV wrapper, ADPCM, a
text file) is refused with one line saying how to convert it. numpy, when there (the audio
extra), decodes; plain Python does the same otherwise.
"""

from __future__ import annotations

import math
import os
import struct
import sys
from array import array
from pathlib import Path
from typing import IO

from sessionkit.listen.frames import ListenError, numpy

CONVERT = "convert it with: sox IN.wav -r 16000 -c 1 -b 16 OUT.wav"

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

MAX_CHANNELS = 32
"""More channels than any call or audio interface records: a header claiming more is refused."""
MAX_RATE = 384_000
"""The highest sample rate read (Hz); README and `start --help` say 8-384 kHz."""
MAX_BYTES = 64 * 1024**3
"""A WAV file larger than this is not a recording of a call."""


class WavFormat:
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
        if self.channels > MAX_CHANNELS:  # 32,767 channels: 726 MB of buffers for one block
            raise ListenError(f"{path}: {self.channels} channels, more than the {MAX_CHANNELS} "
                              f"read; {CONVERT}")
        self.width = self.block // self.channels
        ok = {PCM: (1, 2, 3, 4), FLOAT: (4, 8), ALAW: (1,), MULAW: (1,)}[tag]
        if self.width not in ok or self.block != self.width * self.channels:
            raise ListenError(f"{path}: {bits}-bit samples of this kind are not read; {CONVERT}")
        if self.rate < 8000:
            raise ListenError(f"{path}: {self.rate} Hz is too low for speech; {CONVERT}")
        if self.rate > MAX_RATE:
            raise ListenError(f"{path}: {self.rate} Hz is not an audio rate; {CONVERT}")
        self.tag = tag

    def decode(self, raw: bytes) -> array:
        """Whole sample frames of `raw` as 16-bit mono samples."""
        raw = raw[: len(raw) - len(raw) % self.block]
        if self.tag == PCM and self.block == 2:  # already 16-bit mono: as it is
            samples = array("h", raw)
            if sys.byteorder == "big":
                samples.byteswap()
            return samples
        if numpy() is not None:
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
        np, w = numpy(), self.width
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


def open_wav(path: Path) -> tuple[IO[bytes], WavFormat, int]:
    """The open file at its sample data, the format, and the data's size in bytes."""
    from sessionkit.regular import NotRegular, open_regular

    try:  # a FIFO would block for ever, a device never end: regular files only
        f = os.fdopen(open_regular(path, MAX_BYTES), "rb")
    except NotRegular as err:
        raise ListenError(f"{path}: {err}") from None
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
        fmt: WavFormat | None = None
        while True:
            chunk = f.read(8)
            if len(chunk) < 8:
                raise ListenError(f"{path}: not a PCM WAV file (no audio data); {CONVERT}")
            cid, size = chunk[:4], struct.unpack("<I", chunk[4:])[0]
            if cid == b"fmt ":
                fmt = WavFormat(path, f.read(min(size, 64)))
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

