"""Formatting for the live screen: durations, bars, local times."""

from __future__ import annotations

from sessionkit.timefmt import to_local

BAR = "█"
EMPTY = "░"


def clock(seconds: float) -> str:
    """`4:05`, `1:02:03`; negative durations get a minus sign."""
    sign = "-" if seconds < 0 else ""
    total = int(abs(seconds))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{sign}{hours}:{minutes:02d}:{secs:02d}"
    return f"{sign}{minutes}:{secs:02d}"


def bar(share: float | None, width: int) -> tuple[str, str]:
    """(filled, empty) parts of a bar `width` cells wide for a share 0..1."""
    filled = round((share or 0.0) * width)
    return BAR * filled, EMPTY * (width - filled)


def percent(share: float | None) -> str:
    return " –" if share is None else f"{share * 100:3.0f}%"


def local_hm(at: str) -> str:
    """`14:05` in the local time zone for a saved ISO time (empty if unreadable)."""
    try:
        return to_local(at).strftime("%H:%M")
    except ValueError:
        return ""


def local_day(at: str) -> str:
    """`Tue 24 Nov 14:05` in the local time zone."""
    try:
        moment = to_local(at)
    except ValueError:
        return at
    return f"{moment:%a} {moment.day} {moment:%b %H:%M}"


def names(session: object) -> list[str]:
    """Everyone in a session, in order of appearance."""
    rounds = getattr(session, "rounds", [])
    return list(dict.fromkeys(n for r in rounds for n in (r.coach, r.client)))
