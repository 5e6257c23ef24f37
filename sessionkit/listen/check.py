"""`sessionkit audio`: the devices, which two listening would use and why, and live levels."""

from __future__ import annotations

from collections.abc import Callable

from sessionkit.listen.capture import PRIVACY, LiveSource, find_devices
from sessionkit.listen.frames import FRAME_SECONDS, level_db
from sessionkit.listen.vad import EnergyVad, Vad, make_vad

WIDTH = 20


def meter(db: float, speech: bool) -> str:
    """`-23 dB ##########----------  speech` (plain text, no markup)."""
    filled = max(0, min(WIDTH, round((db + 60) / 60 * WIDTH)))
    bar = "#" * filled + "-" * (WIDTH - filled)
    return f"{db:4.0f} dB {bar}  {'speech' if speech else 'quiet '}"


def _vads() -> tuple[Vad, Vad]:
    from sessionkit.listen import extra_installed

    if extra_installed():
        return make_vad(), make_vad()
    return EnergyVad(), EnergyVad()


def check(mic: str, call: str, seconds: float, out: Callable[[str], None]) -> None:
    """Print the report; raises ListenError (with set-up help) when there is nothing to hear."""
    devices = find_devices(mic, call)
    out(PRIVACY)
    out("Microphones:")
    for name in devices.inputs or ("(none)",):
        out(f"  {name}")
    out("Loopback / monitor sources (what you hear):")
    for name in devices.loopbacks or ("(none)",):
        out(f"  {name}")
    out("Listening would use:")
    for line in devices.why:
        out(f"  {line}")
    if seconds <= 0:
        return
    out(f"Levels for {seconds:g} s: say something, then play something in the call.")
    source, vads = LiveSource(devices), _vads()
    per_line = max(1, round(0.5 / FRAME_SECONDS))
    peak, speech, n = [-90.0, -90.0], [False, False], 0
    try:
        for frames in source.frames():
            for i, frame in enumerate(frames):
                db = level_db(frame)
                peak[i] = max(peak[i], db)
                speech[i] = speech[i] or vads[i](frame, db) >= 0.5
            n += 1
            if n % per_line == 0:
                out(f"mic {meter(peak[0], speech[0])}   call {meter(peak[1], speech[1])}".rstrip())
                peak, speech = [-90.0, -90.0], [False, False]
            if n * FRAME_SECONDS >= seconds:
                break
    finally:
        source.close()
