"""Listening: CPU of the two-channel pipeline in real time, detection latency, and talk-share
accuracy on the espeak-ng fixtures (headset, no headset, room noise at 20/10/5 dB SNR, keyboard
clicks are in every mic track), Silero vs a plain energy threshold.

    .venv/bin/python bench/listen.py [realtime_seconds] [--app]
    .venv/bin/python bench/listen.py [seconds] --app-only --before SRC   (whole app, both trees)

It also times the analysis of how the coach listens: pitch and pace on the listener's thread
(prosody on against off, on the listening fixture), and the turn-taking analysis the live
screen runs per redraw, on a two-hour call's timeline.

With --app it also runs the installed `sessionkit start` in tmux twice, keys only and with
`--listen-from` the demo call, and reports the whole app's CPU over the same seconds; then once
more listening, polling the screen every few ms, for the latency from each turn's speech onset
in the recording to the Talk pane naming the new speaker.

Everything runs through the same Listener code the app uses; accuracy runs are paced by a
fake clock (as fast as the CPU allows), the CPU run by the real clock.
"""

from __future__ import annotations

import json
import math
import random
import sys
import time
from array import array
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sessionkit.clock import FakeClock, SystemClock  # noqa: E402
from sessionkit.listen.frames import FRAME  # noqa: E402
from sessionkit.listen.listener import Listener  # noqa: E402
from sessionkit.listen.spec import demo_call  # noqa: E402
from sessionkit.listen.turns import Turn  # noqa: E402
from sessionkit.listen.vad import make_vad  # noqa: E402
from sessionkit.listen.wav import WavReplay, read_wav  # noqa: E402

FIXTURES = ROOT / "tests" / "audio" / "fixtures"
TRUTH = json.loads((FIXTURES / "truth.json").read_text())


class Arrays:
    """A source of two in-memory tracks (noise added here, never written anywhere)."""

    live = False
    name = "arrays"

    def __init__(self, mic: array, call: array) -> None:
        self.mic, self.call = mic, call

    def frames(self) -> Iterator[tuple[array, array]]:
        for i in range(0, min(len(self.mic), len(self.call)) - FRAME + 1, FRAME):
            yield self.mic[i : i + FRAME], self.call[i : i + FRAME]

    def close(self) -> None:
        pass


def rms(x: array) -> float:
    return math.sqrt(sum(s * s for s in x) / max(1, len(x)))


def with_noise(mic: array, speech_rms: float, snr_db: float, seed: int = 5) -> array:
    rng = random.Random(seed)
    sigma = speech_rms / (10 ** (snr_db / 20))
    return array("h", [max(-32768, min(32767, int(s + rng.gauss(0, sigma)))) for s in mic])


def timeline(events: list[tuple[object, float, float]], end: float) -> dict[str, float]:
    """Totals from the events, applying the same rewrite rule as the tracker (turn -> seconds)."""
    tl: list[list] = []
    for event, _, _ in events:
        if isinstance(event, Turn):
            while tl and tl[-1][1] >= event.at:
                tl.pop()
            if tl:
                tl[-1][2] = min(tl[-1][2], event.at)
            tl.append([event.channel, event.at, math.inf])
    if tl:
        tl[-1][2] = end
    out = {"mic": 0.0, "call": 0.0}
    for who, a, b in tl:
        if who:
            out[who] += b - a
    return out


def run(source: object, vad: str) -> dict:
    fake = FakeClock()
    events: list = []
    listener = Listener(source, lambda e, ago: events.append((e, ago, listener.detector.t)),
                        vads=(make_vad(vad), make_vad(vad)), clock=fake, sleep=fake.advance)
    cpu = time.process_time()
    listener.run()
    cpu = time.process_time() - cpu
    det = listener.detector
    tot = timeline(events, det.t)
    share = tot["mic"] / (tot["mic"] + tot["call"])
    starts = [t for e, _, t in events if isinstance(e, Turn) and e.channel]
    onsets = [x["start"] for x in TRUTH["timeline"]]
    lat = [min((t - o for t in starts if t >= o), default=math.nan) for o in onsets]
    return {"share": share, "err": abs(share - TRUTH["coach_share"]) * 100,
            "bc": det.backchannels, "overlap": det.overlap, "cpu": cpu / det.t,
            "latency": sorted(lat)[len(lat) // 2]}


def realtime_cpu(seconds: float) -> float:
    """Fraction of one core the pipeline takes when paced by the real clock."""
    mic, call = demo_call()
    listener = Listener(WavReplay(mic, call), lambda e, ago: None, clock=SystemClock())
    listener.start()
    t0, c0 = time.monotonic(), time.process_time()
    time.sleep(seconds)
    cpu, wall = time.process_time() - c0, time.monotonic() - t0
    listener.stop()
    return cpu / wall


def start_cpu(argv: list[str], env: dict[str, str], seconds: float) -> float:
    """`sessionkit ... start` in tmux: its CPU (% of one core) over `seconds` after start-up."""
    sys.path.insert(0, str(Path(__file__).parent))
    from tmuxrun import Tmux, cpu_seconds

    term = Tmux(argv, env=env)
    term.start()
    try:
        term.wait_for("Ana coaching Ben", timeout=60)
        time.sleep(3)  # past start-up
        pid = term.pid()
        c0 = cpu_seconds(pid)
        time.sleep(seconds)
        return (cpu_seconds(pid) - c0) / seconds * 100
    finally:
        term.kill()


def app_cpu(seconds: float) -> tuple[float, float]:
    """The whole app's CPU (% of one core) idle with keys only, and while listening."""
    import tempfile

    sys.path.insert(0, str(Path(__file__).parent))
    from tmuxrun import compiled

    compiled(ROOT)
    command = str(Path(sys.executable).parent / "sessionkit")
    mic, call = demo_call()
    out = []
    with tempfile.TemporaryDirectory() as tmp:
        for i, extra in enumerate(([], ["--listen-from", f"{mic},{call}"])):
            env = {"SESSIONKIT_CONFIG_DIR": tmp, "TZ": "Europe/Amsterdam"}
            out.append(start_cpu([command, "--db", f"{tmp}/db{i}.json", "start", "--coach",
                                  "Ana", "--client", "Ben", *extra], env, seconds))
    return out[0], out[1]


def app_cpu_compare(seconds: float, rounds: int, before: str) -> None:
    """`--app-only --before SRC`: keys only and listening, this checkout and SRC's, interleaved
    `rounds` times in one run (the machine's load moves; medians of the same runs compare)."""
    import statistics
    import tempfile

    sys.path.insert(0, str(Path(__file__).parent))
    from tmuxrun import compiled

    compiled(ROOT, before)
    mic, call = demo_call()
    here = [sys.executable, "-P", "-m", "sessionkit"]
    cases = {(tree, mode): [] for tree in ("this", "before") for mode in ("keys", "listening")}
    with tempfile.TemporaryDirectory() as tmp:
        for r in range(rounds):
            for tree, mode in cases:
                env = {"SESSIONKIT_CONFIG_DIR": tmp, "TZ": "Europe/Amsterdam",
                       "PYTHONPATH": str(ROOT) if tree == "this" else before}
                extra = ["--listen-from", f"{mic},{call}"] if mode == "listening" else []
                cases[(tree, mode)].append(start_cpu(
                    [*here, "--db", f"{tmp}/db-{r}-{tree}-{mode}.json", "start", "--coach",
                     "Ana", "--client", "Ben", *extra], env, seconds))
    print(f"| whole app, {seconds:g} s x {rounds} | keys only | listening | listening - keys |")
    print("|---|---|---|---|")
    for tree in ("before", "this"):
        keys = statistics.median(cases[(tree, "keys")])
        heard = statistics.median(cases[(tree, "listening")])
        print(f"| {tree} | {keys:.1f} % | {heard:.1f} % | +{heard - keys:.1f} points |")


def app_latency(seconds: float) -> list[float]:
    """Speech onset in the recording -> the live screen's Talk pane names that speaker, per turn,
    in seconds: the real app (headless, `run_test`) replaying the demo call in real time through
    `--listen`'s path. Time zero is the moment the listener thread starts reading the recording;
    the Talk pane's update is timed when it is applied (the terminal gets it with the next frame,
    which `bench/live_screen.py`'s key -> screen figure covers)."""
    import asyncio
    import tempfile

    from screens.app import make_app
    from screens.widgets.talk import TalkPane
    from sessionkit.config.catalog import ModelCatalog
    from sessionkit.listen import listener as listener_module
    from sessionkit.listen.spec import ListenSpec
    from sessionkit.store import SessionStore

    started: list[float] = []
    shown: list[tuple[float, str]] = []
    run, show = listener_module.Listener.run, TalkPane.show

    def timed_run(self: Any) -> None:
        started.append(time.monotonic())
        run(self)

    def timed_show(self: Any, snap: Any, coach_high: float) -> None:
        show(self, snap, coach_high)
        if not shown or shown[-1][1] != snap.talk.speaker:
            shown.append((time.monotonic(), snap.talk.speaker))

    async def drive(store: Any) -> None:
        start = {"coach": "Ana", "client": "Ben", "minutes": 45, "model": "grow", "swap": False}
        app = make_app(store=store, catalog=ModelCatalog.load(), start=start,
                       listen=ListenSpec(replay=demo_call()))
        async with app.run_test(size=(120, 40)):
            await asyncio.sleep(seconds)

    listener_module.Listener.run, TalkPane.show = timed_run, timed_show  # type: ignore[method-assign]
    try:
        with tempfile.TemporaryDirectory() as tmp:
            store = SessionStore.open(Path(tmp) / "db.json")
            try:
                asyncio.run(drive(store))
            finally:
                store.close()
    finally:
        listener_module.Listener.run, TalkPane.show = run, show  # type: ignore[method-assign]
    t0, out = started[0], []
    for turn in TRUTH["timeline"]:
        if turn["start"] > seconds - 1:
            break
        seen = [t - t0 for t, who in shown if who == turn["who"] and t - t0 >= turn["start"]]
        if seen:
            out.append(seen[0] - turn["start"])
    return out


def prosody_cost(repeats: int = 3) -> tuple[float, float, int]:
    """The listener's CPU per second of audio with and without pitch and pace (best of
    `repeats`, fake-clock paced), and how many runs it judged."""
    listening = FIXTURES / "listening"
    out = []
    for on in (False, True):
        best = math.inf
        for _ in range(repeats):
            fake = FakeClock()
            source = WavReplay(listening / "mic.wav", listening / "call.wav")
            listener = Listener(source, lambda e, ago: None, clock=fake, sleep=fake.advance)
            if not on:
                listener.prosody = None
            cpu = time.process_time()
            listener.run()
            best = min(best, (time.process_time() - cpu) / listener.detector.t)
        out.append(best)
    return out[0], out[1], 0


def analysis_cost(hours: float = 2.0, repeats: int = 20) -> tuple[int, float]:
    """(utterances, ms per redraw) of the turn-taking analysis on a long call's timeline."""
    from sessionkit.talk.tracker import TalkTracker

    fake = FakeClock()
    tracker = TalkTracker(fake)
    tracker.listening(True, since=0.0)
    rng = random.Random(1)
    now, i = 0.0, 0
    while now < hours * 3600:
        who = "coach" if i % 2 == 0 else "client"
        seconds = rng.uniform(1, 8) if who == "coach" else rng.uniform(3, 30)
        now += rng.uniform(0.3, 2.0)
        fake.advance(now + seconds - tracker.elapsed())
        tracker.speak(who, ago=seconds)
        tracker.hear(who, seconds, 0.0, rise=-1.0, syllables=int(seconds * 4))
        if rng.random() < 0.3:  # an mm-hm
            tracker.hear("client" if who == "coach" else "coach", 0.4, seconds / 2)
        tracker.speak("silence", ago=0.0)
        now += seconds
        i += 1
    cpu = time.process_time()
    for _ in range(repeats):
        tracker._analysed = None  # every redraw after a new event: nothing kept
        tracker.snapshot()
    return len(tracker.heard), (time.process_time() - cpu) / repeats * 1000


def main() -> None:
    seconds = next((float(a) for a in sys.argv[1:] if a[0].isdigit()), 20.0)
    if "--app-only" in sys.argv:
        before = sys.argv[sys.argv.index("--before") + 1]
        app_cpu_compare(min(seconds, 50.0), 3, before)
        return
    mic_path, call_path = demo_call()
    mic, call, nohs = read_wav(mic_path), read_wav(call_path), read_wav(FIXTURES / "mic_nohs.wav")
    coach_rms = rms(array("h", [s for s in mic if abs(s) > 1000]))
    cases = {
        "headset (room ~30 dB, clicks)": mic,
        "no headset (speakers 12 dB into the mic)": nohs,
        "headset, noise 20 dB SNR": with_noise(mic, coach_rms, 20),
        "headset, noise 10 dB SNR": with_noise(mic, coach_rms, 10),
        "headset, noise 5 dB SNR": with_noise(mic, coach_rms, 5),
        "no headset, noise 10 dB SNR": with_noise(nohs, coach_rms, 10),
    }
    print(f"truth: coach share {TRUTH['coach_share'] * 100:.1f} %, {TRUTH['backchannels']} "
          f"backchannels, {TRUTH['overlap_seconds']:.1f} s overlap, {TRUTH['seconds']:.0f} s call")
    print(f"{'case':44} {'vad':7} {'share':>6} {'error':>6} {'bc':>3} {'overlap':>7} "
          f"{'cpu/core':>8} {'onset->event':>12}")
    for name, track in cases.items():
        for vad in ("silero", "energy"):
            r = run(Arrays(track, call), vad)
            print(f"{name:44} {vad:7} {r['share'] * 100:5.1f}% {r['err']:5.1f}pt {r['bc']:3d} "
                  f"{r['overlap']:6.1f}s {r['cpu'] * 100:7.2f}% {r['latency'] * 1000:9.0f} ms")
    print(f"real time, two channels, Silero, {seconds:g} s: "
          f"{realtime_cpu(seconds) * 100:.2f} % of one core")
    off, on, _ = prosody_cost()
    print(f"listener per audio second (listening fixture): {off * 100:.2f} % of one core without "
          f"pitch and pace, {on * 100:.2f} % with (+{(on - off) * 100:.2f} points)")
    count, ms = analysis_cost()
    print(f"turn-taking analysis per redraw, two-hour call ({count} utterances): {ms:.1f} ms "
          f"(after each listening event; about 2 events a second while people talk)")
    if "--app" in sys.argv:
        idle, listening = app_cpu(min(seconds, 50.0))
        print(f"whole app, {min(seconds, 50.0):g} s: keys only {idle:.1f} %, listening "
              f"{listening:.1f} % of one core (+{listening - idle:.1f})")
        lat = sorted(app_latency(min(max(seconds, 20.0), 60.0)))
        if lat:
            print(f"whole app, speech onset -> the Talk pane names the speaker, {len(lat)} turns: "
                  f"median {lat[len(lat) // 2] * 1000:.0f} ms, worst {lat[-1] * 1000:.0f} ms")


if __name__ == "__main__":
    main()
