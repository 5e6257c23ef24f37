"""Talk per member on a pausable round clock: who has the floor (a member or "silence") and since
when. Keys say who speaks; `undo` takes the last change back to when it happened, whoever it was
for (the time since goes to the one speaking before). Statistics come from the timeline, so a
tracker rebuilt from a saved round carries on exactly."""

from __future__ import annotations

from dataclasses import dataclass

from sessionkit.clock import Clock
from sessionkit.group.model import SILENCE


@dataclass
class _Seg:
    who: str
    start: float
    seconds: float


class GroupTalk:
    def __init__(self, clock: Clock, segments: list[tuple[str, float, float]] | None = None,
                 elapsed: float = 0.0) -> None:
        self.clock = clock
        self._segs = [_Seg(w, a, s) for w, a, s in segments or []]
        self._base = elapsed
        self._t0 = clock.monotonic()
        self._paused_at: float | None = None
        self._paused_total = 0.0
        if not self._segs:
            self._segs.append(_Seg(SILENCE, elapsed, 0.0))

    def elapsed(self) -> float:
        """Round seconds so far, paused time left out."""
        now = self._paused_at if self._paused_at is not None else self.clock.monotonic()
        return self._base + now - self._t0 - self._paused_total

    @property
    def paused(self) -> bool:
        return self._paused_at is not None

    def pause(self) -> None:
        if self._paused_at is None:
            self._extend()
            self._paused_at = self.clock.monotonic()

    def resume(self) -> None:
        if self._paused_at is not None:
            self._paused_total += self.clock.monotonic() - self._paused_at
            self._paused_at = None

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
