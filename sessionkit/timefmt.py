"""Stored times are UTC ISO 8601; people read local time. One place turns the first into the second.

The local zone comes from pendulum (it honours `TZ`, then the system setting). Formatting uses the
stdlib on pendulum's zone: the same result, ten times faster over a 10,000-row export. pendulum is
imported on first use, so the live screen's start does not wait for it, and local times need it only
when the system does not name its zone plainly (the review's first rows need no pendulum).
"""

from __future__ import annotations

import os
from datetime import datetime, tzinfo
from functools import lru_cache
from zoneinfo import ZoneInfo


def local_zone() -> tzinfo:
    """The user's time zone (a zoneinfo-compatible pendulum Timezone)."""
    from pendulum.tz import local_timezone

    return local_timezone()


class _Named(ZoneInfo):
    """A zoneinfo zone that also answers `.name`, as pendulum's zones do (csv, ics use it)."""

    @property
    def name(self) -> str:
        return self.key


@lru_cache(maxsize=1)
def _local_fast() -> tzinfo:
    """The local zone without importing pendulum when the system names it plainly (`TZ`, or
    /etc/localtime linking into a zoneinfo folder): the review's first rows need no pendulum.
    The same zone pendulum finds; anything less plain is left to pendulum."""
    name = os.environ.get("TZ", "").lstrip(":")
    if not name and "TZ" not in os.environ:
        try:
            target = os.path.realpath("/etc/localtime")
        except OSError:
            target = ""
        name = target.partition("/zoneinfo/")[2]
    if name:
        try:
            return _Named(name)
        except (ValueError, OSError, KeyError):  # ZoneInfoNotFoundError is a KeyError
            pass
    return local_zone()


@lru_cache(maxsize=64)
def zone(name: str | None) -> tzinfo:
    """The named IANA zone, or the local zone when `name` is empty or unknown."""
    if not name:
        return _local_fast()
    if name:
        import pendulum

        try:
            return pendulum.timezone(name)
        except ValueError:  # pendulum's InvalidTimezone
            pass
    return local_zone()


def to_local(text: str, tz: str | None = None) -> datetime:
    """Parse a stored ISO timestamp and move it into `tz` (default: local time)."""
    return datetime.fromisoformat(text).astimezone(zone(tz))


def local(text: str | None, fmt: str = "%Y-%m-%d %H:%M", tz: str | None = None) -> str:
    """`text` (ISO with offset) as local wall-clock time; "" for none, the raw text if invalid."""
    if not text:
        return ""
    try:
        return to_local(text, tz).strftime(fmt)
    except ValueError:
        return text


def whole_seconds(seconds: float) -> int:
    """The one rounding rule for durations shown: whole seconds, cut off (89.9999 is 90)."""
    return int(seconds + 1e-6) if seconds >= 0 else -int(-seconds + 1e-6)


def time_left(elapsed: float, planned: float) -> int:
    """The one source of truth for time left (negative: over time), in whole seconds: both cut
    once, so the clock's `elapsed + left == planned` and every cue reads the same number."""
    return whole_seconds(planned) - whole_seconds(elapsed)


def minutes_left(left: int) -> str:
    """`3 min left` for 3:07 left: whole minutes cut, as the clock's m:ss reads (never `4 min`
    beside `3:07 left`); `under 1 min left`, `0:12 over time` past the end."""
    if left < 0:
        return f"{duration(-left)} over time"
    if left < 60:
        return "under 1 min left"
    return f"{left // 60} min left"


def duration(seconds: float) -> str:
    """`4:05`, `1:02:03` for a duration, whole seconds cut off (never rounded up), so a clock and a
    nudge about the same second always agree. Negative durations get a minus sign."""
    sign = "-" if seconds < 0 else ""
    hours, rest = divmod(whole_seconds(abs(seconds)), 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{sign}{hours}:{minutes:02d}:{secs:02d}"
    return f"{sign}{minutes}:{secs:02d}"


def epoch(text: str | None) -> float:
    """Seconds since 1970 for sorting and comparing; 0.0 for a missing or invalid time."""
    if not text:
        return 0.0
    try:
        dt = datetime.fromisoformat(text)
    except ValueError:
        return 0.0
    return dt.timestamp() if dt.tzinfo else 0.0
