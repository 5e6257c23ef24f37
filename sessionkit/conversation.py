"""How the coach listens, from per-person speech timelines: PRODUCT.md's definitions, pure.

Input: each person's speech as `Utterance`s (who, start, end in round seconds), from listening
(per channel, so they may overlap) or from the keys' timeline (never overlapping). Output:
`Measures`, the round's `talk` fields that describe turn-taking.

- *utterance*: one person's speech, their own pauses under UTTERANCE_GAP (0.5 s) bridged;
- *backchannel*: an utterance under BACKCHANNEL (1 s) inside the other's turn: the other spoke
  within FLOOR_GAP (1.5 s) before it and goes on within FLOOR_GAP after it;
- *turn*: from taking the floor to giving it up; pauses under FLOOR_GAP and the other's
  backchannels do not end it; a pause of FLOOR_GAP or more does (the floor was offered), and
  speech of the other that starts and ends inside the holder's speech does not take the floor;
- *interruption*: starting while the other speaks, going on for at least INTERRUPT_MIN (1 s),
  the other stopping within YIELD (2 s) and before the one who started; credited to them;
- *wait after coach / client*: the silence from the end of one person's turn to the start of
  the other's next turn (a change with overlap is no wait); the round's median;
- *coach re-entry*: the coach stops, at least REENTRY (1 s) of silence passes, and the coach
  speaks again with no client speech in between;
- *rising ending*: a coach turn of at least 1 s whose last utterance's end `rise` (semitones
  of the last voiced 120 ms over the median, from listen/prosody.py) is above RISE_AT.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, replace

from sessionkit.heard import Utterance

UTTERANCE_GAP = 0.5  # seconds: a person's own pause shorter than this is inside one utterance
FLOOR_GAP = 1.5  # seconds: a pause shorter than this does not end a turn
BACKCHANNEL = 1.0  # seconds: a shorter utterance inside the other's turn is a backchannel
INTERRUPT_MIN = 1.0  # seconds the one who starts must go on for
YIELD = 2.0  # seconds within which the other must stop for it to be an interruption
REENTRY = 1.0  # seconds of silence before the coach's own re-entry counts
RISE_AT = -2.0  # semitones: an ending above this rises or does not fall (espeak: no final fall)
RISING_MIN = 1.0  # seconds: shorter coach turns are not judged
EPS = 1e-6  # "at least 1 s" holds for 1 s measured in floats


@dataclass(frozen=True)
class Turn:
    who: str
    start: float
    end: float
    last: Utterance

    @property
    def seconds(self) -> float:
        return self.end - self.start


def utterances(spans: list[Utterance]) -> list[Utterance]:
    """Each person's spans with their own pauses under UTTERANCE_GAP bridged, by start."""
    out: list[Utterance] = []
    last: dict[str, int] = {}
    for u in sorted(spans, key=lambda s: (s.start, s.end)):
        if u.end <= u.start:
            continue
        i = last.get(u.who)
        if i is not None and u.start - out[i].end < UTTERANCE_GAP:
            prev = out[i]
            syl = None if prev.syllables is None and u.syllables is None else (
                (prev.syllables or 0) + (u.syllables or 0))
            tail = u if u.end >= prev.end else prev
            out[i] = replace(prev, end=max(prev.end, u.end), rise=tail.rise, syllables=syl)
        else:
            last[u.who] = len(out)
            out.append(u)
    return out


class _Index:
    """One person's utterances (never overlapping each other) for quick look-ups by time."""

    def __init__(self, utts: list[Utterance], who: str) -> None:
        self.utts = [u for u in utts if u.who == who]
        self.starts = [u.start for u in self.utts]
        self.ends = [u.end for u in self.utts]

    def last_starting_before(self, t: float) -> Utterance | None:
        i = bisect.bisect_left(self.starts, t)
        return self.utts[i - 1] if i else None

    def first_ending_after(self, t: float) -> Utterance | None:
        i = bisect.bisect_right(self.ends, t)
        return self.utts[i] if i < len(self.utts) else None


def _indexes(utts: list[Utterance]) -> dict[str, _Index]:
    return {who: _Index(utts, who) for who in ("coach", "client")}


def _other(who: str) -> str:
    return "client" if who == "coach" else "coach"


def backchannels(utts: list[Utterance]) -> list[Utterance]:
    """The utterances that are backchannels (see the module docstring)."""
    index = _indexes(utts)
    found = []
    for u in utts:
        if u.seconds >= BACKCHANNEL - EPS:
            continue
        other = index[_other(u.who)]
        before = other.last_starting_before(u.start)
        after = other.first_ending_after(u.end)
        if (before is not None and before.end >= u.start - FLOOR_GAP
                and after is not None and after.start <= u.end + FLOOR_GAP):
            found.append(u)
    return found


def turns(utts: list[Utterance], skip: list[Utterance] | None = None) -> list[Turn]:
    """The turns, in order (backchannels `skip`ped: found here when not given). A backchannel in
    the holder's pause bridges it: the pauses each side of it are what must stay short."""
    skipped = set(backchannels(utts) if skip is None else skip)
    out: list[Turn] = []
    reach = 0.0  # the holder's last speech, or a backchannel heard in their pause since
    for u in utts:
        if u in skipped:
            if out and u.who != out[-1].who and u.start - reach < FLOOR_GAP:
                reach = max(reach, u.end)
            continue
        cur = out[-1] if out else None
        if cur is not None and u.who == cur.who and u.start - reach < FLOOR_GAP:
            out[-1] = Turn(cur.who, cur.start, max(cur.end, u.end), u)
        elif cur is None or u.who == cur.who or u.end > cur.end:
            # (speech of the other inside the holder's does not take the floor)
            out.append(Turn(u.who, u.start, u.end, u))
        else:
            continue
        reach = max(reach, out[-1].end) if out[-1] is cur else out[-1].end
    return out


def interruptions(utts: list[Utterance]) -> list[Utterance]:
    """The utterances that interrupt (credited to their `who`)."""
    index = _indexes(utts)
    found = []
    for u in utts:
        if u.seconds < INTERRUPT_MIN - EPS:
            continue
        o = index[_other(u.who)].last_starting_before(u.start)
        if o is not None and o.end > u.start and o.end <= min(u.start + YIELD, u.end) + EPS:
            found.append(u)
    return found


def reentries(utts: list[Utterance]) -> list[float]:
    """When the coach re-entered: coach, >= REENTRY of silence with no client speech, coach."""
    index = _indexes(utts)
    coach, client = index["coach"].utts, index["client"]
    found = []
    for a, b in zip(coach, coach[1:], strict=False):
        if b.start - a.end < REENTRY - EPS:
            continue
        c = client.first_ending_after(a.end)
        if c is None or c.start >= b.start:
            found.append(b.start)
    return found


def waits(turn_list: list[Turn], who: str) -> list[float]:
    """Silences from the end of each of `who`'s turns to the other's turn that follows."""
    return [b.start - a.end for a, b in zip(turn_list, turn_list[1:], strict=False)
            if a.who == who and b.who != who and b.start >= a.end]
