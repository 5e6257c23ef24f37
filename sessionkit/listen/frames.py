"""The unit every part of listening passes around: 32 ms of 16 kHz mono 16-bit audio.

A frame is an `array('h')` of `FRAME` samples. Live capture and WAV replay both produce
frames, so everything after the source runs the same code.
"""

from __future__ import annotations

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


def level_db(frame: array) -> float:
    """RMS level of a frame in dB relative to full scale (FLOOR_DB for silence)."""
    if not frame:
        return FLOOR_DB
    if _np is not None:
        x = _np.frombuffer(frame, dtype=_np.int16).astype(_np.float64)
        power = float(_np.dot(x, x)) / len(frame)
    else:
        power = math.fsum(s * s for s in frame) / len(frame)
    if power <= 0:
        return FLOOR_DB
    return max(FLOOR_DB, 10 * math.log10(power / (32768.0 * 32768.0)))


def to_float(frame: array) -> Any:
    """The frame as writable float32 samples in [-1, 1) (what the VAD model reads)."""
    if _np is not None:
        return memoryview(_np.frombuffer(frame, dtype=_np.int16) * _np.float32(1 / 32768.0))
    return array("f", [s / 32768.0 for s in frame])
