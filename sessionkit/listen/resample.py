"""Streaming conversion of 16-bit mono samples from any rate to 16 kHz, block by block.

With numpy (the audio extra): a 63-tap low-pass below 8 kHz first, its delay taken back, so
what lies above 8 kHz does not fold into the voice band; then linear interpolation. Without
numpy, linear interpolation alone (enough for voice activity).
"""

from __future__ import annotations

import math
from array import array
from typing import Any

from sessionkit.listen.frames import RATE, numpy


class Resampler:
    """Streaming conversion from `rate` to 16 kHz: a low-pass below 8 kHz (with numpy), then
    linear interpolation."""

    TAPS = 63

    def __init__(self, rate: int) -> None:
        self.step = rate / RATE
        self.pos = 0.0
        self.buf = array("h")
        self._fir: Any = None
        self._tail: Any = None
        np = numpy()
        if self.step != 1.0 and np is not None:
            cut = 0.9 * (RATE / 2) / max(rate, RATE)  # of the input rate: below both Nyquists
            n = np.arange(self.TAPS) - (self.TAPS - 1) / 2
            fir = 2 * cut * np.sinc(2 * cut * n) * np.hamming(self.TAPS)
            self._fir = fir / fir.sum()
            self._tail = np.zeros(self.TAPS - 1)
            self.pos = (self.TAPS - 1) / 2  # the filter's delay: the output stays in time

    def _lowpass(self, samples: array) -> array:
        np = numpy()
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
        if numpy() is not None:
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
        np, buf = numpy(), self.buf
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

