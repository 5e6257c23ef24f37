"""Clocks: every time-dependent rule in the core takes one of these, so tests never sleep."""

from __future__ import annotations

import time
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
