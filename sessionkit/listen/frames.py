"""The unit every part of listening passes around: 32 ms of 16 kHz mono 16-bit audio.

A frame is an `array('h')` of `FRAME` samples. Live capture and WAV replay both produce
frames, so everything after the source runs the same code.
"""

from __future__ import annotations

import ctypes
import math
from array import array
from typing import Any

from sessionkit.errors import SessionkitError

RATE = 16_000
FRAME = 512  # Silero's window at 16 kHz
FRAME_SECONDS = FRAME / RATE  # 0.032 s
FLOOR_DB = -90.0  # the level of digital silence
BLOCK = 3 * FRAME  # audio is handled 96 ms at a time: fewer wake-ups, warm caches
BLOCK_SECONDS = BLOCK / RATE


class ListenError(SessionkitError):
    """Listening cannot start or went wrong (one line: what and what to do)."""


def silent_frame() -> array:
    return array("h", bytes(2 * FRAME))


def take_frame(pending: array) -> array:
    """The first frame of `pending`, taken out of it; padded with silence when it is short."""
    out = pending[:FRAME]
    del pending[:FRAME]
    if len(out) < FRAME:
        out.extend(silent_frame()[len(out) :])
    return out


_np: Any
try:  # numpy comes with the audio extra; without it (tests of the logic) plain Python does
    import numpy as _np
except ImportError:  # pragma: no cover - depends on the environment
    _np = None


def numpy() -> Any:
    """numpy when the audio extra is installed, else None (plain Python does the work)."""
    return _np


def half_powers(frame: array) -> tuple[float, float]:
    """Sums of the squared samples of a frame's first and second half, in 16-bit units. Whole
    numbers below 2**53, so exact: the level (both halves) and the syllable windows (a half of
    two frames) built from them are the same to the bit as summing each window anew, from one
    pass over the frame."""
    half = len(frame) // 2
    if _np is not None:
        x = _np.frombuffer(frame, dtype=_np.int16).astype(_np.float64)
        head, tail = x[:half], x[half:]
        return float(head @ head), float(tail @ tail)
    return float(sum(s * s for s in frame[:half])), float(sum(s * s for s in frame[half:]))


def power_db(squares: float, count: int) -> float:
    """The level in dB relative to full scale of `count` samples whose squares sum to `squares`
    (16-bit units; FLOOR_DB for silence)."""
    if count <= 0 or squares <= 0:
        return FLOOR_DB
    return max(FLOOR_DB, 10 * math.log10(squares / count / (32768.0 * 32768.0)))


def level_db(frame: array) -> float:
    """RMS level of a frame in dB relative to full scale (FLOOR_DB for silence)."""
    return power_db(sum(half_powers(frame)), len(frame))


class FloatFrame:
    """A frame as float32 samples in [-1, 1) (what the VAD model reads), written into one buffer
    that is reused: a ctypes array, which the model reads in place (no array, memoryview or
    ctypes view made per frame)."""

    def __init__(self) -> None:
        self.buffer = (ctypes.c_float * FRAME)()
        self._view = None if _np is None else _np.frombuffer(self.buffer, dtype=_np.float32)

    def fill(self, frame: array) -> Any:
        """`frame` (FRAME samples) scaled into the buffer; returns the buffer."""
        if self._view is not None:
            _np.multiply(_np.frombuffer(frame, dtype=_np.int16), _np.float32(1 / 32768.0),
                         out=self._view)
        else:
            self.buffer[:] = [s / 32768.0 for s in frame]
        return self.buffer
