"""Who holds the floor, decided frame by frame from two channels (mic: this side, call: the other).

Pure logic on per-frame speech probabilities and levels, so it is tested without audio. Each
channel has its own hysteresis and the mic a bleed gate (channel.py). Speech on both channels
is overlap: counted, and the turn stays with whoever held it until they stop. A listener's short
burst (under 1 s) inside the other's turn is a backchannel: counted, and it does not end the
other's turn, even when it falls in a pause. Times are stream seconds (frames processed x 32 ms),
so a replay runs as fast as a test likes.
"""

from __future__ import annotations

from dataclasses import dataclass

from sessionkit.listen.channel import BleedGate, Hysteresis, Smooth, Tail
from sessionkit.listen.frames import FRAME_SECONDS

THRESHOLD = 0.5  # speech probability that counts as speech
BACKCHANNEL = 1.0  # a listener's burst shorter than this is a backchannel
MIN_BURST = 0.2  # shorter bursts inside the other's turn are noise: neither backchannel nor overlap
NO_CALL_AFTER = 60.0  # seconds of call silence while the mic hears speech before warning


@dataclass(frozen=True)
class Turn:
    """The floor changed: `channel` ("mic", "call", or None for silence) holds it since `at`."""

    channel: str | None
    at: float


@dataclass(frozen=True)
class Counted:
    """Talk that does not change the floor: seconds of overlap, or one backchannel."""

    overlap: float = 0.0
    backchannels: int = 0


@dataclass(frozen=True)
class Spoke:
    """`channel` spoke for `seconds`, ending `at` (stream seconds): one run of speech, for the
    turn-taking measures (live/conversation.py). The listener adds how its end moved in pitch
    (`rise`, semitones) and its syllables when it can measure them."""

    channel: str
    at: float
    seconds: float
    rise: float | None = None
    syllables: int | None = None


@dataclass
class _Tentative:
    """The floor went from `holder` (who stopped at `ended`) to a short burst of the other."""

    holder: str
    ended: float
    burst_end: float | None = None


class TurnDetector:
    """Frames in, floor changes and counts out."""

    def __init__(self, threshold: float = THRESHOLD) -> None:
        self.threshold = threshold
        self.chan = {"mic": Hysteresis(), "call": Hysteresis()}
        self.gate = BleedGate()
        self._smooth = Smooth()
        self._tail = Tail()
        self.holder: str | None = None
        self.frames = 0
        self.t = 0.0
        self.overlap = 0.0
        self.backchannels = 0
        self.speech = {"mic": False, "call": False}  # this frame, after the gate
        self._overlap_from: float | None = None
        self._burst: dict[str, float] = {}  # listener's burst start inside the holder's turn
        self._last: tuple[str, float] | None = None  # who last held the floor, and their end
        self._tent: _Tentative | None = None
        self._last_call = 0.0
        self._mic_alone = 0.0  # mic speech seconds since the call last spoke

    def step(self, mic_p: float, mic_db: float, call_p: float, call_db: float) -> list:
        """One frame of both channels; returns the Turn and Counted events it caused."""
        t = self.frames * FRAME_SECONDS
        self.frames += 1
        self.t = self.frames * FRAME_SECONDS  # stream time at the end of this frame
        call = call_p >= self.threshold
        mic_avg, call_avg = self._smooth.add(mic_db, call_db)
        if call:
            self.gate.learn(mic_avg, call_avg, mic_p >= self.threshold)
        # against the echo's tail too: a room rings on for a moment after the call stops
        tail = self._tail.add(call_avg)  # every frame, so it fades in time
        mic = mic_p >= self.threshold and self.gate.passes(mic_avg, tail)
        self.speech = {"mic": mic, "call": call}
        self._watch_call(mic, call)
        events: list = []
        for name, speech in (("mic", mic), ("call", call)):
            chan = self.chan[name]
            change = chan.update(t, speech)
            if change:
                if change[0] == "end":
                    events.append(Spoke(name, change[1], change[1] - chan.started))
                events += self._change(name, *change)
        events += self._count_overlap()
        self._expire(t)
        return events

    def flush(self) -> list:
        """The stream ended: each channel still speaking has spoken up to now."""
        return [Spoke(name, chan.last_end, chan.last_end - chan.started)
                for name, chan in self.chan.items() if chan.active]

    def _change(self, name: str, kind: str, at: float) -> list:
        other = "call" if name == "mic" else "mic"
        if kind == "start":
            if self.holder == other:
                self._burst[name] = at  # overlap inside the other's turn
                return []
            if self.holder is None:
                return self._take(name, other, at)
            return []
        if self.holder != name:  # a listener's burst ended inside the holder's turn
            start = self._burst.pop(name, None)
            if start is not None and MIN_BURST <= at - start < BACKCHANNEL:
                self.backchannels += 1
                return [Counted(backchannels=1)]
            return []
        tent = self._tent
        if tent is not None and tent.holder == other and tent.burst_end is None:
            tent.burst_end = at  # a short burst after the other's turn ended: maybe an mm-hm
        else:
            self._tent = None
        self._last = (name, at)
        self._burst.pop(other, None)
        if self.chan[other].active:  # the listener was already talking: the floor is theirs
            self.holder = other
            self._tent = None
            return [Turn(other, at)]
        self.holder = None
        return [Turn(None, at)]

    def _take(self, name: str, other: str, at: float) -> list:
        """`name` starts speaking into silence."""
        tent = self._tent
        if (tent is not None and tent.holder == name and tent.burst_end is not None
                and at - tent.burst_end <= BACKCHANNEL):
            # the holder resumes right after the other's short burst: it was a backchannel
            self._tent = None
            self.holder = name
            self.backchannels += 1
            return [Counted(backchannels=1), Turn(name, tent.ended)]
        last = self._last
        self._tent = None
        if last is not None and last[0] == other and at - last[1] <= BACKCHANNEL:
            self._tent = _Tentative(other, last[1])
        self.holder = name
        return [Turn(name, at)]

    def _expire(self, t: float) -> None:
        tent = self._tent
        if tent is None:
            return
        if tent.burst_end is None and self.holder is not None:
            chan = self.chan[self.holder]
            if chan.last_end - chan.started >= BACKCHANNEL:
                self._tent = None  # the burst grew into a turn of its own
        elif tent.burst_end is not None and t - tent.burst_end > BACKCHANNEL:
            self._tent = None

    def _count_overlap(self) -> list:
        mic, call = self.chan["mic"], self.chan["call"]
        if mic.active and call.active:
            if self._overlap_from is None:
                self._overlap_from = max(mic.started, call.started)
            return []
        if self._overlap_from is None:
            return []
        ended = min(c.last_end for c in (mic, call) if not c.active)
        run, self._overlap_from = max(0.0, ended - self._overlap_from), None
        if run >= MIN_BURST:
            self.overlap += run
        return [Counted(overlap=run)] if run >= MIN_BURST else []

    def _watch_call(self, mic: bool, call: bool) -> None:
        if call:
            self._last_call, self._mic_alone = self.t, 0.0
        elif mic:
            self._mic_alone += FRAME_SECONDS

    @property
    def overlapping(self) -> bool:
        return self.chan["mic"].active and self.chan["call"].active

    def warning(self) -> str:
        """A plain-words warning for the Talk pane, or ""."""
        if self.t - self._last_call >= NO_CALL_AFTER and self._mic_alone >= 5.0:
            return "no call audio: wrong output device?"
        if self.gate.strong:
            return "headset recommended: mic hears call"
        return ""
