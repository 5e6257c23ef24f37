"""Live capture through `soundcard`: the coach's microphone and a loopback of the call.

- Linux (PulseAudio or PipeWire): every output (sink) has a `<sink>.monitor` source; we
  resolve the default sink by name (PipeWire ignores `@DEFAULT_MONITOR@`).
- Windows: WASAPI loopback of the default output. It delivers no frames while nothing plays,
  so time is kept by the microphone (which always delivers) and the call is padded with silence.
- macOS has no loopback: install a virtual device (BlackHole) and a Multi-Output Device, or
  listen with the mic only (the coach from the mic; the coach's pauses count as the client's
  talk, `s` marks a silence).
`soundcard` fails at import when no sound server runs: it is imported here, lazily, and any
failure becomes a ListenError with set-up help.
"""

from __future__ import annotations

import sys
import threading
from array import array
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from sessionkit.listen.frames import BLOCK, FRAME, RATE, ListenError, silent_frame, take_frame

NO_SOUND = (
    "no sound system to listen to ({why}). Listening reads your microphone and a loopback of "
    "what you hear. Linux: run PulseAudio or PipeWire (pipewire-pulse) in your desktop session; "
    "every output has a '.monitor' source that sessionkit uses for the call. Windows: nothing to "
    "install, the default output's loopback is used. macOS: install BlackHole, make a "
    "Multi-Output Device of your speakers and BlackHole in Audio MIDI Setup, and pass "
    "--call BlackHole; without it sessionkit listens to the mic only."
)
PRIVACY = (
    "Privacy: audio is processed in memory, never written anywhere and never leaves this "
    "process; only who spoke when is kept."
)
MAX_LAG = 2 * BLOCK  # audio queued beyond 192 ms is dropped: a backlog would delay every turn


def soundcard() -> Any:
    """The soundcard module, or a ListenError saying what to install or set up."""
    try:
        import soundcard as sc
    except ImportError:
        from sessionkit.listen import INSTALL_HINT

        raise ListenError(INSTALL_HINT) from None
    except Exception as err:  # no PulseAudio server: soundcard fails inside its import
        why = " ".join(str(err).split()) or type(err).__name__
        if sys.platform == "linux":
            why = "no PulseAudio or PipeWire server answered"
        raise ListenError(NO_SOUND.format(why=why)) from None
    return sc


@dataclass(frozen=True)
class Devices:
    """What `sessionkit audio` lists and what listening would use, and why."""

    inputs: tuple[str, ...]
    loopbacks: tuple[str, ...]
    mic: Any
    call: Any
    why: tuple[str, ...]


def _pick(sc: Any, wanted: str, loopback: bool) -> Any:
    try:
        return sc.get_microphone(wanted, include_loopback=loopback)
    except (IndexError, KeyError, ValueError, RuntimeError):
        kind = "loopback/monitor source" if loopback else "microphone"
        raise ListenError(f"no {kind} matches {wanted!r}: see `sessionkit audio`") from None


def _default(get: Any) -> Any:
    try:
        return get()
    except Exception as err:  # no default device: a server without a card
        why = " ".join(str(err).split()) or "no default device"
        raise ListenError(NO_SOUND.format(why=why)) from None


def find_devices(mic: str = "", call: str = "") -> Devices:
    """The two sources to listen to: the chosen or default mic, the chosen or default loopback."""
    sc = soundcard()
    try:
        everything = list(sc.all_microphones(include_loopback=True))
        sc.default_speaker()  # no output at all: the set-up help below
    except Exception as err:
        raise ListenError(NO_SOUND.format(why=" ".join(str(err).split()))) from None
    inputs = tuple(m.name for m in everything if not m.isloopback)
    loops = [m for m in everything if m.isloopback]
    why = []
    if mic:
        mic_dev = _pick(sc, mic, loopback=False)
        why.append(f"mic: {mic_dev.name} (asked for {mic!r})")
    else:
        mic_dev = _default(sc.default_microphone)
        if mic_dev.isloopback:
            raise ListenError("the default input is a monitor, not a microphone: pass --mic")
        why.append(f"mic: {mic_dev.name} (the default input)")
    if call:
        call_dev = _pick(sc, call, loopback=True)
        why.append(f"call: {call_dev.name} (asked for {call!r})")
    else:
        speaker = _default(sc.default_speaker)
        ids = (f"{speaker.id}.monitor", speaker.id)  # PulseAudio/PipeWire monitor, WASAPI loopback
        call_dev = next((m for m in loops if m.id in ids), None)
        if call_dev is not None:
            why.append(f"call: {call_dev.name} (what the default output {speaker.name} plays)")
        else:
            why.append("call: none found: listening to the mic only (" + (
                "macOS has no loopback: install BlackHole, see the README" if sys.platform ==
                "darwin" else
                "no loopback of the default output") + ")")
    return Devices(inputs, tuple(m.name for m in loops), mic_dev, call_dev, tuple(why))


def _int16(block: Any) -> array:
    import numpy as np

    data = np.clip(np.asarray(block, dtype=np.float32).reshape(-1), -1.0, 1.0)
    out = array("h")
    out.frombytes((data * 32767.0).astype("<i2").tobytes())
    if sys.byteorder == "big":
        out.byteswap()
    return out


def _keep_current(pending: array, block: array) -> None:
    """Queue `block`; past MAX_LAG keep only the newest audio (a start-up burst, clock drift)."""
    pending.extend(block)
    if len(pending) > MAX_LAG:
        del pending[: len(pending) - BLOCK]


class _CallReader:
    """Reads the loopback in its own thread: it may deliver in odd blocks, or nothing at all."""

    def __init__(self, recorder: Any) -> None:
        self._rec = recorder
        self._pending = array("h")
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self.error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="sessionkit-call", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            while not self._stop.is_set():
                block = _int16(self._rec.record(numframes=None))
                with self._lock:
                    _keep_current(self._pending, block)
        except Exception as err:
            self.error = err

    def frame(self) -> array:
        """The next call frame, silence where nothing arrived (time is the mic's)."""
        if self.error is not None:
            raise self.error
        with self._lock:
            return take_frame(self._pending)

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(1.5)  # it must not read from a stream being closed


class LiveSource:
    """(mic, call) frames in real time, timed by the microphone."""

    live = True

    def __init__(self, devices: Devices) -> None:
        self.devices = devices
        call = devices.call.name if devices.call is not None else "no call audio"
        self.name = f"{devices.mic.name} + {call}"
        self.mic_only = devices.call is None
        self._open: list[Any] = []
        self._reader: _CallReader | None = None

    def _enter(self, device: Any) -> Any:
        ctx = device.recorder(samplerate=RATE, channels=1, blocksize=BLOCK)
        rec = ctx.__enter__()
        self._open.append(ctx)
        return rec

    def frames(self) -> Iterator[tuple[array, array]]:
        mic = self._enter(self.devices.mic)
        if self.devices.call is not None:
            self._reader = _CallReader(self._enter(self.devices.call))
        pending = array("h")
        while True:
            _keep_current(pending, _int16(mic.record(numframes=None)))  # blocks: our clock
            while len(pending) >= FRAME:
                frame = pending[:FRAME]
                del pending[:FRAME]
                yield frame, (self._reader.frame() if self._reader else silent_frame())

    def close(self) -> None:
        if self._reader is not None:
            self._reader.stop()
        while self._open:
            try:
                self._open.pop().__exit__(None, None, None)
            except Exception:  # a device already gone: nothing more to close
                pass
