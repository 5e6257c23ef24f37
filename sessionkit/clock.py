"""Clocks: every time-dependent rule in the core takes one of these, so tests never sleep."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Protocol


class Clock(Protocol):
    """What the core needs to know about time."""

    def monotonic(self) -> float:
        """Seconds on a clock that never goes backwards (for durations)."""
        ...

    def now(self) -> datetime:
        """The current wall-clock time, timezone-aware, in UTC (for timestamps)."""
        ...


class SystemClock:
    """The real clock."""

    def monotonic(self) -> float:
        return time.monotonic()

    def now(self) -> datetime:
        return datetime.now(UTC)


@dataclass
class FakeClock:
    """A clock that moves only when told to: `fake.advance(90)`."""

    mono: float = 1000.0
    wall: datetime = datetime(2026, 11, 25, 9, 0, 0, tzinfo=UTC)

    def monotonic(self) -> float:
        return self.mono

    def now(self) -> datetime:
        return self.wall

    def advance(self, seconds: float) -> None:
        self.mono += seconds
        self.wall = self.wall + timedelta(seconds=seconds)


def iso(dt: datetime) -> str:
    """UTC ISO 8601 with an explicit offset, seconds precision: 2026-11-25T09:00:00+00:00."""
    return dt.astimezone(UTC).replace(microsecond=0).isoformat()


def parse_iso(text: str) -> datetime:
    """Parse an ISO 8601 timestamp that carries an offset; raises ValueError otherwise."""
    dt = datetime.fromisoformat(text)
    if dt.tzinfo is None:
        raise ValueError(f"timestamp without a time zone offset: {text!r}")
    return dt


class RoundClock:
    """Round seconds on an injected clock, paused time left out: the clock under a talk tracker
    (a session's and a group meeting's). `elapsed` seconds had already run when it was made (a
    resumed round). A subclass's `_extend()` runs just before a pause: it brings the span that
    is running up to that moment."""

    def __init__(self, clock: Clock, elapsed: float = 0.0) -> None:
        self.clock = clock
        self._base = elapsed  # round seconds already run before this clock started
        self._t0 = clock.monotonic()
        self._paused_at: float | None = None
        self._paused_total = 0.0

    def elapsed(self) -> float:
        """Round seconds so far, paused time excluded."""
        now = self._paused_at if self._paused_at is not None else self.clock.monotonic()
        return self._base + (now - self._t0 - self._paused_total)

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

    def _extend(self) -> None:
        """Bring what is running up to now (nothing here)."""


class Observed:
    """Tells its observers after every change: a live session, a live group meeting (the
    recorder saves, the screen redraws). Call `_announce()` once per change."""

    def __init__(self) -> None:
        self._observers: list[Callable[[], None]] = []

    def observe(self, callback: Callable[[], None]) -> None:
        """Call `callback()` after every change (saving and redrawing follow by themselves)."""
        self._observers.append(callback)

    def unobserve(self, callback: Callable[[], None]) -> None:
        if callback in self._observers:
            self._observers.remove(callback)

    def _announce(self) -> None:
        for callback in list(self._observers):
            callback()
