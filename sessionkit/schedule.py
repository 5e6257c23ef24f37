"""The agreed schedule: the future sessions a session agreed, and a pair's upcoming ones.

The guidelines ask a new pair to "schedule several sessions" before the first call ends, so a
session keeps a list of agreed times (`Agreed`, each with a calendar UID that stays when the time
is moved, and a status: agreed or cancelled). A pair's upcoming sessions are the union of what
any of its sessions agreed, minus what was held or cancelled (`pair_slots`): a later session that
agrees nothing removes nothing.

Held: a session of the pair that started up to `HELD_LATE_DAYS` after an agreed time or up to
`HELD_EARLY_DAYS` before it (brought forward), after the session that agreed it, holds that time
(each session holds at most one, the nearest). A time that passed without one is missed
(overdue) until a later session is held or it is cancelled.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from sessionkit.clock import iso
from sessionkit.reader import Reader
from sessionkit.timefmt import epoch

AGREED, CANCELLED = "agreed", "cancelled"
HELD, UPCOMING, MISSED, SKIPPED = "held", "upcoming", "missed", "skipped"
MAX_AGREED = 60
"""Agreed times one session may hold: a weekly programme of a year, with room to spare."""
HELD_LATE_DAYS = 3.0
"""A session up to half a week after an agreed time is that session, held late."""
HELD_EARLY_DAYS = 7.0
"""A session up to a week before an agreed time is that session brought forward (pairs meet
early more often than late), so the agreed time is not then reported as missed."""
DAY = 86400.0


def uid_for(session_id: str, at: str, first: bool = False) -> str:
    """A calendar UID for a time agreed in `session_id`: the first agreed time keeps the UID
    older exports used (`<id>-next`), so calendars update rather than duplicate it."""
    if first:
        return f"{session_id}-next"
    return f"{session_id}-next-{hashlib.sha1(at.encode('utf-8')).hexdigest()[:8]}"


@dataclass(frozen=True)
class Agreed:
    """One agreed future session: when (ISO 8601 with offset), in which time zone, its UID."""

    at: str
    tz: str | None
    uid: str
    status: str = AGREED
    sequence: int = 0
    """Bumped on every move or cancellation (the calendar's SEQUENCE)."""

    def to_dict(self) -> dict[str, Any]:
        return {"at": self.at, "tz": self.tz, "uid": self.uid, "status": self.status,
                "sequence": self.sequence}

    @classmethod
    def from_dict(cls, data: Any, where: str) -> Agreed:
        r = Reader(data, where)
        return cls(at=r.time("at", required=True) or "", tz=r.text("tz", None, limit=64),
                   uid=r.ident("uid"), status=r.choice("status", (AGREED, CANCELLED), AGREED),
                   sequence=r.whole("sequence", 0, high=10_000))


def agreed_list(session_id: str, times: Sequence[tuple[str, str | None]],
                keep: Sequence[Agreed] = ()) -> list[Agreed]:
    """`times` as Agreed entries of `session_id`, reusing the UIDs of `keep` for the same
    times (so saving a form twice does not make new calendar events)."""
    known = {epoch(a.at): a for a in keep}
    out = []
    for i, (at, tz) in enumerate(times):
        old = known.get(epoch(at))
        out.append(Agreed(at, tz, old.uid if old else uid_for(session_id, at, first=i == 0)))
    return out


def read_agreed(r: Reader, session_id: str, where: str) -> list[Agreed]:
    """A stored session's schedule: `schedule` (full entries) when present, else the plain
    `next_sessions` list, else the single `next_session` of older records."""
    raw = r.seq("schedule", limit=MAX_AGREED)
    if raw:
        out = [Agreed.from_dict(x, f"{where}.schedule[{i}]") for i, x in enumerate(raw)]
        if len({a.uid for a in out}) != len(out):
            raise ValueError(f"{where}.schedule: a calendar uid appears twice")
        return out
    tz = r.text("next_session_tz", None, limit=64)
    times = r.seq("next_sessions", limit=MAX_AGREED)
    if times:
        found = []
        for i, value in enumerate(times):
            if not isinstance(value, str):
                raise ValueError(f"{where}.next_sessions[{i}]: expected a date and time")
            found.append(Reader({"at": value}, f"{where}.next_sessions[{i}]").time("at") or "")
        return agreed_list(session_id, [(at, tz) for at in dict.fromkeys(found)])
    single = r.time("next_session")
    return agreed_list(session_id, [(single, tz)]) if single else []


@dataclass(frozen=True)
class Slot:
    """One agreed time of a pair, as it stands now."""

    at: str
    tz: str | None
    uid: str
    session_id: str
    """The session that agreed it."""
    state: str
    """held, upcoming, missed, skipped (passed, with a later session held) or cancelled."""
    sequence: int = 0


def pair_slots(
    sessions: Iterable[tuple[str, float, Sequence[Agreed]]],
    now: float,
    grace_hours: float = 2.0,
) -> list[Slot]:
    """Every time a pair agreed, oldest first, with its state at `now`. `sessions` are the
    pair's sessions as (id, start epoch, agreed entries)."""
    items = sorted(sessions, key=lambda s: (s[1], s[0]))
    by_time: dict[float, list[tuple[float, str, Agreed]]] = {}
    for sid, started, agreed in items:
        for a in agreed:
            by_time.setdefault(epoch(a.at), []).append((started, sid, a))
    slots: dict[float, tuple[float, Slot]] = {}
    for ts, entries in by_time.items():
        live = [e for e in entries if e[2].status == AGREED]
        started, sid, first = (live or entries)[0]
        state = UPCOMING if live else CANCELLED
        seq = max(e[2].sequence for e in entries)
        slots[ts] = (started, Slot(first.at, first.tz, first.uid, sid, state, seq))
    taken: set[float] = set()
    for _, started, _ in items:
        near = [ts for ts, (agreed_at, slot) in slots.items()
                if slot.state == UPCOMING and ts not in taken and agreed_at < started
                and -HELD_LATE_DAYS * DAY <= ts - started <= HELD_EARLY_DAYS * DAY]
        if near:
            taken.add(min(near, key=lambda ts: abs(ts - started)))
    last = items[-1][1] if items else float("-inf")
    out = []
    for ts, (_, slot) in sorted(slots.items()):
        if slot.state == UPCOMING:
            if ts in taken:
                slot = replace(slot, state=HELD)
            elif ts < now - grace_hours * 3600:
                slot = replace(slot, state=MISSED if ts > last else SKIPPED)
        out.append(slot)
    return out


def ahead(slots: Iterable[Slot]) -> list[Slot]:
    """The slots still to come (upcoming), soonest first."""
    return [s for s in slots if s.state == UPCOMING]


SERIES = re.compile(
    r"(?P<first>.*?)\s*every\s+(?P<n>\d+)\s*(?P<unit>day|week)s?"
    r"(?:\s*(?:[x×*]|times)\s*(?P<count>\d+)(?:\s*times)?)?\s*", re.IGNORECASE)
MAX_SERIES = 52
"""Sessions one series may add: a year of weekly sessions."""
SEPARATORS = re.compile(r"[;\n]+")


def parse_agreed(text: str, now: datetime, tz: str | None = None) -> list[tuple[str, str]]:
    """Several agreed sessions typed in one field, soonest first, as (UTC ISO time, zone):
    dates separated by `;` (each as `sessionkit.when` reads it) and series such as
    `fri 18:30 every 2 weeks × 6` (six sessions from that date) or `…; every 2 weeks x 6`
    (a series from the date before it). Raises ValueError (one line) for a date in the past,
    the same date twice, or a series without an end."""
    import pendulum

    from sessionkit.when import describe, parse_when

    out: list[tuple[str, str]] = []
    for part in (p.strip() for p in SEPARATORS.split(text)):
        if not part:
            continue
        series = SERIES.fullmatch(part)
        if series is None:
            when = parse_when(part, now, tz)
            out.append((when.at, when.tz))
            continue
        if series["first"]:
            when = parse_when(series["first"], now, tz)
            start = (when.at, when.tz)
        elif out:
            start = out.pop()
        else:
            raise ValueError(f"{part!r}: a series needs a first date (fri 18:30 every 2 weeks x 6)")
        if series["count"] is None:
            raise ValueError(f"{part!r}: a series needs an end, e.g. every 2 weeks x 6")
        count, step = int(series["count"]), int(series["n"])
        if not 2 <= count <= MAX_SERIES:
            raise ValueError(f"{part!r}: a series of 2 to {MAX_SERIES} sessions")
        if not 1 <= step <= 52:
            raise ValueError(f"{part!r}: every 1 to 52 {series['unit'].lower()}s")
        first = pendulum.parse(start[0]).in_timezone(start[1])  # type: ignore[union-attr]
        unit = "weeks" if series["unit"].lower() == "week" else "days"
        out += [(iso(first.add(**{unit: step * i})), start[1]) for i in range(count)]
    seen: dict[float, str] = {}
    for at, zone in out:
        if epoch(at) in seen:
            raise ValueError(f"{describe(at, zone)} is given twice")
        seen[epoch(at)] = at
    if len(out) > MAX_AGREED:
        raise ValueError(f"{len(out)} dates: at most {MAX_AGREED} at once")
    return sorted(out, key=lambda x: epoch(x[0]))
