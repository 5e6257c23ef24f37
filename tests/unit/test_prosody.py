"""Pitch at the end of a run and syllable nuclei (listen/prosody.py) on synthetic voices."""

from __future__ import annotations

from array import array

import pytest

np = pytest.importorskip("numpy")

from sessionkit.listen.frames import FRAME, RATE  # noqa: E402
from sessionkit.listen.prosody import (  # noqa: E402
    HOP,
    TAU_MAX,
    TAU_MIN,
    THRESHOLD,
    WINDOW,
    Nuclei,
    Prosody,
    ending_rise,
    yin,
)
from sessionkit.listen.turns import Spoke  # noqa: E402


def voice(f0: np.ndarray, seconds: float) -> np.ndarray:
    """A buzz with harmonics following the F0 contour `f0` (Hz, sampled over `seconds`)."""
    n = int(seconds * RATE)
    contour = np.interp(np.arange(n), np.linspace(0, n, len(f0)), f0)
    phase = 2 * np.pi * np.cumsum(contour) / RATE
    return 0.3 * sum(np.sin(k * phase) / k for k in range(1, 6))


def test_yin_finds_the_pitch_of_a_steady_voice() -> None:
    f0 = yin(voice(np.array([150.0, 150.0]), 0.5))
    assert np.median(f0[f0 > 0]) == pytest.approx(150, rel=0.02)


def direct_yin(x: np.ndarray) -> np.ndarray:
    """YIN's difference function summed sample by sample (no FFT, no running sums), for the
    loud frames of a steady voice: the pitch `yin` should find to within rounding."""
    out = []
    for start in range(0, len(x) - WINDOW - TAU_MAX + 1, HOP):
        w = x[start:start + WINDOW]
        diff = np.array([np.sum((w - x[start + tau:start + tau + WINDOW]) ** 2)
                         for tau in range(TAU_MAX + 1)])
        cmnd = np.ones_like(diff)
        cmnd[1:] = diff[1:] * np.arange(1, TAU_MAX + 1) / np.cumsum(diff[1:])
        tau = TAU_MIN + int(np.argmax(cmnd[TAU_MIN:] < THRESHOLD))
        while tau < TAU_MAX and cmnd[tau + 1] < cmnd[tau]:
            tau += 1
        a, b, c = cmnd[tau - 1], cmnd[tau], cmnd[tau + 1]
        out.append(RATE / (tau + 0.5 * (a - c) / (a - 2 * b + c)))
    return np.array(out)


def test_yin_is_the_difference_function_summed_directly() -> None:
    """The FFT and the running sum of squares are shortcuts: the same pitch, hop by hop."""
    x = voice(np.array([72.0, 72.0, 180.0, 140.0]), 0.4)  # 72 Hz: lags near TAU_MAX
    assert yin(x) == pytest.approx(direct_yin(x), rel=1e-9)


@pytest.mark.parametrize(("end", "rising"), [(160.0, True), (120.0, True), (80.0, False)])
def test_an_ending_is_judged_against_the_runs_median(end: float, rising: bool) -> None:
    x = voice(np.array([120.0, 125.0, 118.0, 120.0, end]), 1.5)
    rise = ending_rise(x)
    assert rise is not None and (rise > -2.0) is rising


def test_silence_has_no_ending() -> None:
    assert ending_rise(np.zeros(RATE)) is None


def test_syllable_nuclei_are_intensity_peaks_with_dips() -> None:
    t = np.arange(2 * RATE) / RATE
    x = voice(np.array([130.0, 130.0]), 2.0) * (0.55 + 0.45 * np.sin(2 * np.pi * 4 * t))
    nuclei = Nuclei()
    for i in range(0, len(x) - FRAME + 1, FRAME):
        head, tail = x[i:i + FRAME // 2], x[i + FRAME // 2:i + FRAME]
        nuclei.add(float(head @ head), float(tail @ tail), speech=True)
    assert 7 <= nuclei.count <= 9  # 4 a second for 2 s


def test_prosody_fills_in_a_runs_rise_and_syllables() -> None:
    p = Prosody()
    x = voice(np.array([120.0, 122.0, 118.0, 90.0]), 1.6)
    x = np.concatenate([x, np.zeros(int(0.32 * RATE))])  # the detector's hangover
    for i in range(0, len(x) - FRAME + 1, FRAME):
        frame = array("h", (x[i:i + FRAME] * 32767).astype(np.int16).tobytes())
        p.add(frame, array("h", bytes(2 * FRAME)), {"mic": True, "call": False})
    now = (len(x) // FRAME) * FRAME / RATE
    out = p.finish(Spoke("mic", at=1.6, seconds=1.6), now)
    assert out.rise is not None and out.rise < -2.0  # a falling end
    assert out.syllables is not None
