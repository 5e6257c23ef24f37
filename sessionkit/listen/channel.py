"""One channel's pieces: its talk state (hysteresis) and how loud the call is in the mic.

- `Hysteresis`: a turn starts after ~60 ms of speech and ends after ~300 ms of silence; start
  and end are back-dated to the first and last speech frame, so pauses inside a turn are
  bridged without adding to the talk time.
- `BleedGate`: without a headset the mic also hears the call from the speakers. While the call
  speaks, learn the usual mic-minus-call level (the coupling); count mic speech only when it is
  clearly (6 dB) above that.
- `Smooth`: levels over the last 128 ms, so the speakers' small delay does not matter.
"""

from __future__ import annotations

import math
import statistics
from collections import deque

from sessionkit.listen.frames import FLOOR_DB, FRAME_SECONDS

ATTACK = 0.06
HANGOVER = 0.3
GATE_MARGIN = 6.0  # dB above the learned coupling that mic speech must reach
STRONG_BLEED = -20.0  # coupling above this: the mic hears the speakers loudly
ECHO_SHARE = 0.3  # the mic's detector firing on this share of the call's speech: an echo
TAIL_DECAY = 120.0  # dB a second a room's ringing is taken to fade by (reverberation 0.5 s)
ECHO_FRAMES = 4  # levels are compared over 128 ms: the speakers play the call a little late


class Hysteresis:
    """One channel's talk state from per-frame speech flags."""

    def __init__(self, attack: float = ATTACK, hangover: float = HANGOVER) -> None:
        self.attack = max(1, math.ceil(attack / FRAME_SECONDS - 1e-9))
        self.hangover = max(1, math.ceil(hangover / FRAME_SECONDS - 1e-9))
        self.active = False
        self.started = 0.0  # first speech frame of the current run or turn
        self.last_end = 0.0  # end of the last speech frame
        self._run = 0
        self._quiet = 0

    def update(self, t: float, speech: bool) -> tuple[str, float] | None:
        """Feed the frame starting at `t`; on a change ("start" | "end", back-dated time)."""
        if speech:
            self._quiet = 0
            self.last_end = t + FRAME_SECONDS
            if not self.active:
                if self._run == 0:
                    self.started = t
                self._run += 1
                if self._run >= self.attack:
                    self.active = True
                    return ("start", self.started)
            return None
        self._run = 0
        if self.active:
            self._quiet += 1
            if self._quiet >= self.hangover:
                self.active = False
                return ("end", self.last_end)
        return None

class BleedGate:
    """Learns how loud the call is in the mic (mic dB minus call dB while the call speaks), and
    whether the mic hears the call at all: only if its voice detector fires on much of the call's
    speech (ECHO_SHARE) is there an echo to gate. With a headset in a noisy room the mic hears
    the room, not the call: then nothing is gated and no headset is suggested."""

    def __init__(self, margin: float = GATE_MARGIN, learn_frames: int = 30) -> None:
        self.margin = margin
        self.learn_frames = learn_frames
        self._diffs: deque[float] = deque(maxlen=600)  # ~20 s of call speech
        self._voiced: deque[bool] = deque(maxlen=600)  # the mic's detector meanwhile
        self._new = 0
        self.coupling: float | None = None
        self.echo = False

    def learn(self, mic_db: float, call_db: float, mic_voiced: bool) -> None:
        self._diffs.append(mic_db - call_db)
        self._voiced.append(mic_voiced)
        self._new += 1
        if len(self._diffs) >= self.learn_frames and (self.coupling is None or self._new >= 16):
            self.coupling = statistics.median(self._diffs)  # overlap is rare: median = bleed
            self.echo = sum(self._voiced) >= ECHO_SHARE * len(self._voiced)
            self._new = 0

    def passes(self, mic_db: float, call_db: float) -> bool:
        """Is the mic clearly louder than the call's echo in it (while the call speaks)?"""
        if self.coupling is None or not self.echo:
            return True
        return mic_db - call_db >= self.coupling + self.margin

    @property
    def strong(self) -> bool:
        return self.echo and self.coupling is not None and self.coupling > STRONG_BLEED


class Smooth:
    """Mean power of the last few frames of both channels, in dB (robust to echo delay)."""

    def __init__(self) -> None:
        self._mic: deque[float] = deque(maxlen=ECHO_FRAMES)
        self._call: deque[float] = deque(maxlen=ECHO_FRAMES)

    def add(self, mic_db: float, call_db: float) -> tuple[float, float]:
        self._mic.append(10 ** (mic_db / 10))
        self._call.append(10 ** (call_db / 10))
        return _db(sum(self._mic) / len(self._mic)), _db(sum(self._call) / len(self._call))


class Tail:
    """The call's level with the room's echo tail: after the call stops, the speakers' sound
    rings on in the room (and the mic) for a few hundred ms. Without a headset the gate compares
    the mic with this, so a reverberant room's ringing is not taken for the coach."""

    def __init__(self, decay: float = TAIL_DECAY) -> None:
        self.decay = decay * FRAME_SECONDS
        self.level = FLOOR_DB

    def add(self, call_db: float) -> float:
        self.level = max(call_db, self.level - self.decay)
        return self.level


def _db(power: float) -> float:
    return 10 * math.log10(power) if power > 0 else FLOOR_DB
