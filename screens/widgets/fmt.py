"""Formatting for the screens: bars, shares, local times (durations: `timefmt.duration`)."""

from __future__ import annotations

from datetime import date

from sessionkit.models import Session, people_in
from sessionkit.timefmt import to_local

BAR = "█"
EMPTY = "░"


def bar(share: float | None, width: int) -> tuple[str, str]:
    """(filled, empty) parts of a bar `width` cells wide for a share 0..1."""
    filled = round((share or 0.0) * width)
    return BAR * filled, EMPTY * (width - filled)


def percents(coach: float, client: float) -> tuple[int, int] | None:
    """Whole-number shares of talk that add up to 100 (None before anyone spoke)."""
    talk = coach + client
    if talk <= 0:
        return None
    first = round(coach / talk * 100)
    return first, 100 - first


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


def zoned_day(at: str, tz: str | None = None) -> str:
    """`Fri 27 Nov 14:00 CET`: a time in its agreed zone (default local) with the zone's label,
    the one way home and the partnership view show a time (a pair may meet across zones)."""
    try:
        moment = to_local(at, tz)
    except ValueError:
        return at
    label = moment.strftime("%Z")
    if not label or label[0] in "+-":  # a zone without an abbreviation: its name, as agreed
        label = tz or getattr(moment.tzinfo, "name", "") or label
    return f"{moment:%a} {moment.day} {moment:%b %H:%M} {label}".rstrip()


def due_label(due: str | None) -> str:
    """`Tue 8 Dec` for an action's due day (`YYYY-MM-DD`); "" for none or an unreadable one."""
    if not due:
        return ""
    try:
        day = date.fromisoformat(due)
    except ValueError:
        return ""
    return f"{day:%a} {day.day} {day:%b}"


def names(session: Session | None) -> list[str]:
    """Everyone in a session, in order of appearance (`models.people_in`)."""
    return people_in(session)
