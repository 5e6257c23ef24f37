"""Talk per member on a pausable round clock: who has the floor (a member or "silence") and since
when. Keys say who speaks; `undo` takes the last change back to when it happened, whoever it was
for (the time since goes to the one speaking before). Statistics come from the timeline, so a
tracker rebuilt from a saved round carries on exactly."""

from __future__ import annotations

from dataclasses import dataclass

from sessionkit.clock import Clock, RoundClock
from sessionkit.group.model import SILENCE


@dataclass
class _Seg:
    who: str
    start: float
    seconds: float


class GroupTalk(RoundClock):
    def __init__(self, clock: Clock, segments: list[tuple[str, float, float]] | None = None,
                 elapsed: float = 0.0) -> None:
        super().__init__(clock, elapsed)
        self._segs = [_Seg(w, a, s) for w, a, s in segments or []]
        if not self._segs:
            self._segs.append(_Seg(SILENCE, elapsed, 0.0))

    @property
    def speaker(self) -> str:
        return self._segs[-1].who

    def speak(self, who: str) -> None:
        """`who` (a member, or "silence") has the floor from now."""
        self._extend()
        if who == self.speaker:
            return
        last = self._segs[-1]
        if last.seconds == 0.0:
            last.who = who
            if len(self._segs) >= 2 and self._segs[-2].who == who:  # back to the one before
                self._segs.pop()
            return
        self._segs.append(_Seg(who, self.elapsed(), 0.0))

    def undo(self) -> str | None:
        """Take the last change back; who speaks now, or None when there is nothing to undo."""
        self._extend()
        if len(self._segs) < 2:
            return None
        self._segs.pop()
        self._extend()
        return self.speaker

    def _extend(self) -> None:
        seg = self._segs[-1]
        seg.seconds = max(0.0, self.elapsed() - seg.start)

    def segments(self) -> list[tuple[str, float, float]]:
        self._extend()
        return [(s.who, s.start, s.seconds) for s in self._segs if s.seconds > 0]

    def seconds_since(self, start: float) -> dict[str, float]:
        """Seconds each one spoke from round second `start` on (silence under "silence")."""
        out: dict[str, float] = {}
        for who, at, seconds in self.segments():
            part = max(0.0, at + seconds - max(at, start))
            if part:
                out[who] = out.get(who, 0.0) + part
        return out
