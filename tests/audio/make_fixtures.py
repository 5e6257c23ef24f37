"""Make the listening fixtures (run once; the results are committed beside this script).

    python tests/audio/make_fixtures.py        # needs espeak-ng and sox on PATH

A scripted one-minute coaching call, spoken by espeak-ng (coach: en-us, client: en-gb+f3),
converted to 16 kHz mono 16-bit by sox and laid out here on two channels:
- data/listen/call.wav  what the coach hears: the client's voice, clean (a loopback is digital)
- data/listen/mic.wav   the coach's headset mic: the coach's voice, room noise ~30 dB below it,
                two bursts of keyboard clicks
- fixtures/mic_nohs.wav the same mic without a headset: the client also bleeds in from the
                speakers, 12 dB down and 25 ms late
- fixtures/truth.json  who held the floor when (the turn rule: a turn runs from its first to its
                last speech; the holder keeps the floor through overlap; backchannels
                don't end the other's turn), with totals, backchannels and overlap.
Deterministic: same espeak-ng and sox, same bytes.

A second call (`python tests/audio/make_fixtures.py listening`) for how the coach listens, in
fixtures/listening/: mic.wav, mic_nohs.wav, call.wav and truth.json. Its script has yes/no
questions (written with "?": espeak-ng's question tune, no final fall), wh-questions (written
with "." : English wh-questions fall like statements), interruptions each way, backchannels each
way (in speech and in a pause), two coach re-entries and known waits. Its truth is PRODUCT.md's
definitions (sessionkit/live/conversation.py, measures.py) applied to the script's exact spans.
"""

from __future__ import annotations

import json
import random
import subprocess
import tempfile
import wave
from array import array
from pathlib import Path

RATE = 16000
HERE = Path(__file__).resolve().parent / "fixtures"
DEMO = Path(__file__).resolve().parents[2] / "data" / "listen"  # shipped: `demo --listen`
VOICE = {"coach": "en-us", "client": "en-gb+f3"}
OTHER = {"coach": "client", "client": "coach"}

# (who, sentences, gap before the turn in seconds: negative = starts before the other ends,
#  backchannels [(sentence index, offset into it or "pause", text)] by the listener)
SCRIPT = [
    ("coach", ["Welcome back. What would you like to get from our time today?"], 1.0, []),
    ("client", ["I want to decide whether to apply for the team lead role.",
                "It has been on my mind for weeks, and I keep going back and forth."], 0.8,
     [(1, 1.2, "mm hm")]),
    ("coach", ["What makes it hard to decide?"], 0.7, []),
    ("client", ["Part of me wants the challenge.",
                "Another part worries that I would lose the hands on work I enjoy.",
                "And my manager expects an answer soon."], 0.9, [(1, 1.5, "yes")]),
    ("coach", ["If you imagine saying yes, what do you notice?"], 1.0, []),
    ("client", ["I feel lighter, actually.",
                "Like I would finally be able to shape how the team works."], 0.6,
     [(0, "pause", "mm hm")]),
    ("coach", ["And if you said no?"], 1.2, []),
    ("client", ["Then I stay comfortable, but I think I would regret it in a year,",
                "because the same problems would still be there and someone else would decide."],
     0.8, []),
    ("coach", ["So what would help you decide by Friday?"], -0.8, []),
    ("client", ["Talking to two team leads about their week."], 0.7, []),
    ("coach", ["That sounds like a clear next step.",
               "Who could you ask first, and when will you ask them?"], 0.9, [(1, 0.8, "right")]),
    ("client", ["I will ask Sam tomorrow morning, and Priya on Thursday."], 0.8, []),
]
SENTENCE_GAP = 0.25  # pause between sentences of one turn
PAUSE_BACKCHANNEL = 0.45  # the pause a backchannel falls into, each side of it


def speak(text: str, voice: str, tmp: Path) -> array:
    raw, out = tmp / "raw.wav", tmp / "out.wav"
    subprocess.run(["espeak-ng", "-v", voice, "-s", "165", "-w", str(raw), text], check=True)
    subprocess.run(["sox", "-D", str(raw), "-r", str(RATE), "-c", "1", "-b", "16", str(out)],
                   check=True)
    with wave.open(str(out)) as w:
        samples = array("h", w.readframes(w.getnframes()))
    loud = [i for i in range(0, len(samples), 160)
            if max(map(abs, samples[i:i + 160]), default=0) > 400]
    return samples[loud[0]: loud[-1] + 160]  # trimmed to its speech


def add(track: array, clip: array, at: float, gain: float = 1.0) -> None:
    start = int(at * RATE)
    need = start + len(clip) - len(track)
    if need > 0:
        track.extend(array("h", bytes(2 * need)))
    for i, s in enumerate(clip):
        track[start + i] = max(-32768, min(32767, track[start + i] + int(s * gain)))


def clicks(rng: random.Random, start: float, seconds: float) -> list[tuple[float, array]]:
    out, t = [], start
    while t < start + seconds:
        n = int(0.006 * RATE)
        click = array("h", [int(rng.uniform(-1, 1) * 9000 * (1 - i / n) ** 3) for i in range(n)])
        out.append((t, click))
        t += rng.uniform(0.08, 0.2)
    return out


def write(path: Path, track: array, length: int) -> None:
    track = track[:length] + array("h", bytes(2 * max(0, length - len(track))))
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(RATE)
        w.writeframes(track.tobytes())


def main() -> None:
    rng = random.Random(11)
    voice = {"coach": array("h"), "client": array("h")}
    spans: dict[str, list[list[float]]] = {"coach": [], "client": []}  # every speech span
    turns: list[dict] = []
    backchannels, t = 0, 0.0
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        for who, sentences, gap, bcs in SCRIPT:
            start = t + gap
            at = start
            for k, text in enumerate(sentences):
                clip = speak(text, VOICE[who], tmp)
                add(voice[who], clip, at)
                spans[who].append([at, at + len(clip) / RATE])
                after = at + len(clip) / RATE + SENTENCE_GAP
                for index, offset, word in bcs:
                    if index != k:
                        continue
                    bc = speak(word, VOICE[OTHER[who]], tmp)
                    if offset == "pause":
                        bc_at = at + len(clip) / RATE + PAUSE_BACKCHANNEL
                        after = bc_at + len(bc) / RATE + PAUSE_BACKCHANNEL
                    else:
                        bc_at = at + float(offset)
                    add(voice[OTHER[who]], bc, bc_at)
                    spans[OTHER[who]].append([bc_at, bc_at + len(bc) / RATE])
                    backchannels += 1
                at = after
            end = at - SENTENCE_GAP
            if turns and start < turns[-1]["end"]:  # overlap: the holder keeps the floor
                start = turns[-1]["end"]
            turns.append({"who": who, "start": round(start, 3), "end": round(end, 3)})
            t = end
    length = int((t + 3.0) * RATE)
    room = array("h", [int(rng.gauss(0, 90)) for _ in range(length)])  # ~30 dB under speech
    mic = array("h", room)
    add(mic, voice["coach"], 0.0)
    for burst in (14.0, t + 0.5):  # typing while the client talks, and after the call
        for at, click in clicks(rng, burst, 2.0):
            add(mic, click, at)
    nohs = array("h", mic)
    add(nohs, voice["client"], 0.025, gain=10 ** (-12 / 20))
    HERE.mkdir(exist_ok=True)
    write(DEMO / "call.wav", voice["client"], length)
    write(DEMO / "mic.wav", mic, length)
    write(HERE / "mic_nohs.wav", nohs, length)
    totals = {w: round(sum(x["end"] - x["start"] for x in turns if x["who"] == w), 2)
              for w in ("coach", "client")}
    overlap = sum(max(0.0, min(a[1], b[1]) - max(a[0], b[0]))
                  for a in spans["coach"] for b in spans["client"])
    truth = {
        "seconds": round(length / RATE, 2),
        "coach_seconds": totals["coach"],
        "client_seconds": totals["client"],
        "coach_share": round(totals["coach"] / (totals["coach"] + totals["client"]), 4),
        "turns": len(turns),
        "backchannels": backchannels,
        "overlap_seconds": round(overlap, 2),
        "timeline": turns,
    }
    (HERE / "truth.json").write_text(json.dumps(truth, indent=1) + "\n")
    print(json.dumps({k: v for k, v in truth.items() if k != "timeline"}))


# the listening call: (who, sentences, gap before, backchannels) as above
LISTENING = [
    ("coach", ["Good to see you.", "What would you like to focus on today."], 1.0, []),
    ("client", ["I want to talk about my workload.",
                "It has grown a lot since the reorganisation."], 1.4, [(0, "pause", "mm hm")]),
    ("coach", ["Is it the amount of work that worries you?"], 0.9, []),
    ("client", ["Partly, yes. Mostly it is that I cannot say no to anyone."], 2.5, []),
    ("coach", ["What happens when you say yes."], 0.8, []),
    ("client", ["I stay late, and then I feel resentful the next morning,",
                "and I snap at people who did nothing wrong."], 1.1, [(0, 1.2, "right")]),
    ("coach", ["Do you notice that in the moment?"], -1.0, []),  # the coach cuts in
    ("client", ["Not really, no. Only afterwards."], 0.7, []),
    ("coach", ["Would it help to look at one example?"], 1.0, []),
    ("coach", ["Maybe the meeting on Monday?"], 2.0, []),  # re-entry: no answer waited for
    ("client", ["Yes. On Monday my manager asked me to take over a project,",
                "and I agreed before I had even thought about it."], 1.6, []),
    ("coach", ["So the yes comes before the thinking.",
               "What would it take to pause before you answer."], 0.8, []),
    ("client", ["I could say that I will come back to them by the end of the day."], -1.2,
     []),  # the client cuts in
    ("coach", ["That sounds like a useful experiment to me."], 0.9, [(0, 0.8, "yes")]),
    ("coach", ["Will you try it this week?"], 1.8, []),  # re-entry
    ("client", ["I will try it tomorrow, with the next request that comes in."], 1.2, []),
]


def listening() -> None:
    """The listening call and its truth (see the module docstring)."""
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    from sessionkit.heard import Utterance
    from sessionkit.talk.measures import measure

    rng = random.Random(21)
    voice = {"coach": array("h"), "client": array("h")}
    utts: list[Utterance] = []
    t = 0.0
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        for who, sentences, gap, bcs in LISTENING:
            at = t + gap
            for k, text in enumerate(sentences):
                clip = speak(text, VOICE[who], tmp)
                add(voice[who], clip, at)
                end = at + len(clip) / RATE
                rises = who == "coach" and text.endswith("?")
                utts.append(Utterance(who, round(at, 3), round(end, 3),
                                      1.0 if rises else -5.0))
                after = end + SENTENCE_GAP
                for index, offset, word in bcs:
                    if index != k:
                        continue
                    bc = speak(word, VOICE[OTHER[who]], tmp)
                    if offset == "pause":
                        bc_at = end + PAUSE_BACKCHANNEL
                        after = bc_at + len(bc) / RATE + PAUSE_BACKCHANNEL
                    else:
                        bc_at = at + float(offset)
                    add(voice[OTHER[who]], bc, bc_at)
                    utts.append(Utterance(OTHER[who], round(bc_at, 3),
                                          round(bc_at + len(bc) / RATE, 3)))
                at = after
            t = at - SENTENCE_GAP
    length = int((t + 2.0) * RATE)
    room = array("h", [int(rng.gauss(0, 90)) for _ in range(length)])
    mic = array("h", room)
    add(mic, voice["coach"], 0.0)
    nohs = array("h", mic)
    add(nohs, voice["client"], 0.025, gain=10 ** (-12 / 20))
    out = HERE / "listening"
    out.mkdir(exist_ok=True)
    write(out / "call.wav", voice["client"], length)
    write(out / "mic.wav", mic, length)
    write(out / "mic_nohs.wav", nohs, length)
    m = measure(utts, heard=True)
    names = ("turns", "longest_coach_turn", "longest_client_turn", "wait_after_coach_seconds",
             "wait_after_client_seconds", "coach_reentries", "coach_interruptions",
             "client_interruptions", "coach_backchannels", "client_backchannels",
             "rising_endings")
    truth = {"seconds": round(length / RATE, 2)} | {
        name: round(v, 2) if isinstance(v := getattr(m, name), float) else v for name in names}
    truth["utterances"] = [[u.who, u.start, u.end] for u in sorted(utts, key=lambda u: u.start)]
    (out / "truth.json").write_text(json.dumps(truth, indent=1) + "\n")
    print(json.dumps({k: v for k, v in truth.items() if k != "utterances"}))


if __name__ == "__main__":
    import sys

    listening() if sys.argv[1:] == ["listening"] else main()
