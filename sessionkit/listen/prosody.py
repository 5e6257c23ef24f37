"""How a run of speech ends in pitch, and how many syllables it held (numpy: the `audio` extra).

Runs on the listener's thread, per channel, on audio that is never kept beyond a ring buffer of
the last RING seconds:
- `rise`: at the end of a run of speech of at least 1 s, a small YIN pitch tracker (de
  Cheveigné & Kawahara 2002) over its last 3 s at most: the mean F0 of its last 120 ms of
  voiced speech minus the median F0 of the run, in semitones. Yes/no questions end rising or
  level; statements and wh-questions fall (live/conversation.py counts those above -2 st).
  The median over the last second alone is no reference: a statement's final fall fills it
  (espeak-ng: statements and yes/no questions overlapped). A few ms of CPU per run.
- `syllables`: syllable nuclei (de Jong & Wempe 2009): peaks of the intensity (32 ms windows,
  16 ms apart) with a dip of at least DIP dB each side, counted while the channel speaks.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from sessionkit.listen.frames import FRAME, RATE, half_powers
from sessionkit.listen.turns import Spoke

RING = 3.5  # seconds kept: the run's last 3 s (ANALYSED) and the detector's 0.3 s hangover
ANALYSED = 3.0  # seconds of a run the pitch is tracked over (its median is the reference)
LAST = 0.12  # seconds of voiced speech at the end that make "the ending"
MIN_RUN = 1.0  # shorter runs are not judged (a rising ending needs a turn of 1 s)
HOP = 160  # 10 ms
WINDOW = 400  # 25 ms
F0_MIN, F0_MAX = 70.0, 400.0
TAU_MIN, TAU_MAX = int(RATE / F0_MAX), int(RATE / F0_MIN)
FFT_SIZE = 640  # >= WINDOW + TAU_MAX (628): lags up to TAU_MAX of a WINDOW never wrap around
THRESHOLD = 0.3  # YIN's threshold on the normalised difference (0.15 loses half the voice)
VOICED_DB = 30.0  # a voiced frame is within this of the loudest in the window
SILENT_DB = -60.0  # dBFS: quieter frames are not voice
DIP = 2.0  # dB each side of a syllable nucleus
NUCLEUS_FLOOR = -50.0  # dBFS: quieter peaks are not speech
FULL_SCALE = 2.0**-30  # 16-bit units squared -> full scale squared (exact: a power of two)


def yin(x: Any) -> Any:
    """F0 in Hz per 10 ms hop of `x` (float, 16 kHz); 0 where unvoiced."""
    span = WINDOW + TAU_MAX
    if len(x) < span:
        return np.zeros(0)
    count = 1 + (len(x) - span) // HOP
    frames = np.lib.stride_tricks.sliding_window_view(x, span)[::HOP]  # a view: no copy
    spec = np.fft.rfft(frames, FFT_SIZE)
    head = np.fft.rfft(frames[:, :WINDOW], FFT_SIZE)
    acf = np.fft.irfft(np.conj(head) * spec, FFT_SIZE)[:, :TAU_MAX + 1]
    # the energy of the WINDOW samples from each start, from one running sum of the squares
    sums = np.concatenate([[0.0], np.cumsum(x * x)])
    windows = np.maximum(sums[WINDOW:] - sums[:-WINDOW], 0.0)
    energy_tau = np.lib.stride_tricks.sliding_window_view(windows, TAU_MAX + 1)[::HOP][:count]
    energy0 = energy_tau[:, :1]
    taus = np.arange(TAU_MAX + 1)
    diff = np.maximum(energy0 + energy_tau - 2 * acf, 0.0)
    cum = np.cumsum(diff[:, 1:], axis=1)
    cmnd = np.ones_like(diff)
    cmnd[:, 1:] = diff[:, 1:] * taus[1:] / np.maximum(cum, 1e-12)
    f0 = np.zeros(count)
    level = 10 * np.log10(energy0[:, 0] / WINDOW + 1e-12)
    loud = np.nonzero((level >= level.max() - VOICED_DB) & (level > SILENT_DB))[0]
    below = cmnd[loud, TAU_MIN:] < THRESHOLD
    voiced = below.any(axis=1)
    rows, first = loud[voiced], TAU_MIN + below[voiced].argmax(axis=1)
    # from the first dip below the threshold, down to the bottom of that dip: the first tau
    # whose next value does not fall (or TAU_MAX)
    sub = cmnd[rows]
    stop = np.ones((len(rows), TAU_MAX + 1), dtype=bool)
    stop[:, :TAU_MAX] = sub[:, 1:] >= sub[:, :TAU_MAX]
    stop &= np.arange(TAU_MAX + 1) >= first[:, None]
    tau = stop.argmax(axis=1)
    inside = (tau > 0) & (tau < TAU_MAX)  # parabolic interpolation
    at = np.arange(len(rows))
    a, b = sub[at, np.maximum(tau - 1, 0)], sub[at, tau]
    c = sub[at, np.minimum(tau + 1, TAU_MAX)]
    curve = a - 2 * b + c
    shift = np.zeros(len(rows))
    bent = inside & (curve != 0)
    shift[bent] = 0.5 * (a[bent] - c[bent]) / curve[bent]
    f0[rows] = RATE / (tau + shift)
    return f0


def ending_rise(x: Any) -> float | None:
    """Semitones of the last LAST s of voiced speech over the median (None: too little voice)."""
    f0 = yin(x)
    voiced = f0[f0 > 0]
    if len(voiced) < 10:
        return None
    st = 12 * np.log2(voiced / 100.0)
    last = max(3, int(LAST * RATE / HOP))
    return float(np.mean(st[-last:]) - np.median(st))


class Nuclei:
    """Counts syllable nuclei in one channel's stream, frame by frame."""

    def __init__(self) -> None:
        self.count = 0
        self._prev = 0.0  # the last frame's second half, its sum of squares
        self._rising = True
        self._top = -math.inf  # the highest level since the last valley
        self._low = math.inf  # the lowest level since the last peak

    def add(self, head: float, tail: float, speech: bool) -> None:
        """One frame by the sums of its squared samples (full scale) in its first and second
        half: the window across the two frames' join, then the frame itself."""
        for window in (self._prev + head, head + tail):
            self._level(10 * math.log10(window / FRAME + 1e-12), speech)
        self._prev = tail

    def _level(self, db: float, speech: bool) -> None:
        if self._rising:
            if db > self._top:
                self._top = db
            elif db <= self._top - DIP:
                if speech and self._top >= NUCLEUS_FLOOR and self._top - self._low >= DIP:
                    self.count += 1
                self._rising, self._low = False, db
        elif db < self._low:
            self._low = db
        elif db >= self._low + DIP:
            self._rising, self._top = True, db


class Prosody:
    """The two channels' ring buffers and syllable counters; fills in a Spoke's rise and
    syllables when the detector reports it."""

    def __init__(self) -> None:
        self._size = FRAME * math.ceil(RING * RATE / FRAME)
        self._ring = {name: np.zeros(self._size, dtype=np.int16) for name in ("mic", "call")}
        self._at = 0  # samples written (the same for both channels)
        self._nuclei = {name: Nuclei() for name in ("mic", "call")}
        self._counted = {name: 0 for name in ("mic", "call")}

    def add(self, mic: Any, call: Any, speech: dict[str, bool],
            squares: tuple[tuple[float, float], tuple[float, float]] | None = None) -> None:
        """One frame of each channel (array('h')), with whether each was speech; `squares`: each
        frame's `half_powers`, when the caller has them already."""
        pos = self._at % self._size
        if squares is None:
            squares = half_powers(mic), half_powers(call)
        for name, frame, (head, tail) in (("mic", mic, squares[0]), ("call", call, squares[1])):
            self._ring[name][pos:pos + FRAME] = np.frombuffer(frame, dtype=np.int16)  # FRAME | size
            self._nuclei[name].add(head * FULL_SCALE, tail * FULL_SCALE, speech[name])
        self._at += FRAME

    def finish(self, event: Spoke, now: float) -> Spoke:
        """`event` with its rise (runs of MIN_RUN or more) and syllables; `now`: stream time."""
        nuclei = self._nuclei[event.channel]
        syllables = nuclei.count - self._counted[event.channel]
        self._counted[event.channel] = nuclei.count
        rise = None
        if event.seconds >= MIN_RUN:
            ring = np.roll(self._ring[event.channel], -(self._at % self._size))
            end = len(ring) - int(round(max(0.0, now - event.at) * RATE))
            start = max(0, end - int(min(event.seconds, ANALYSED) * RATE))
            if end - start >= int(0.5 * RATE):
                rise = ending_rise(ring[start:end].astype(np.float64) / 32768.0)
        return Spoke(event.channel, event.at, event.seconds,
                     None if rise is None else round(rise, 1), syllables)
