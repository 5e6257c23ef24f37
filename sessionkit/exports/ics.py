"""ICS calendar of the scheduled next sessions, written with `icalendar` and streamed.

`sessionkit export --format ics` passes each partnership's latest session (see exports.py).
Each session that agreed a next date gives one VEVENT in the time zone the pair chose (a VTIMEZONE
per zone, covering the years used, comes after the events: RFC 5545 puts no order on components).
UIDs are stable (`<session id>-next@sessionkit`), so importing a newer export updates events.
Open actions with a due day (`a … by fri`) become VTODOs (`<session id>-<note id>@sessionkit`,
DUE the day): private and done ones never.
No notes or outcomes go into a calendar, which may be synced to someone else's server. Names
and ids are plain text on one line (`sessionkit.plain`): no ESC or BEL reaches a calendar.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, timedelta
from typing import IO
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import icalendar

from sessionkit.group.model import GroupMeeting
from sessionkit.models import Session
from sessionkit.plain import one_line
from sessionkit.timefmt import local, local_zone

PRODID = "-//sessionkit//sessionkit//EN"
END = "END:VCALENDAR\r\n"


def _zone(name: str | None) -> ZoneInfo:
    for candidate in (name, getattr(local_zone(), "name", None)):
        if candidate:
            try:
                return ZoneInfo(candidate)
            except (ZoneInfoNotFoundError, ValueError):
                continue
    return ZoneInfo("UTC")


def _header() -> str:
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", "Coaching sessions (sessionkit)")
    text = cal.to_ical().decode("utf-8")
    return text[: -len(END)]


def _names(session: Session) -> str:
    if not session.rounds:
        return "Coaching session"
    first = session.rounds[0]
    coach, client = one_line(first.coach), one_line(first.client)
    if session.session_type == "peer":
        return f"Peer coaching: {coach} and {client}"
    return f"Coaching: {coach} with {client}"


def event(session: Session) -> icalendar.Event | None:
    """The VEVENT for `session`'s agreed next session, or None if none was agreed."""
    if not session.next_session:
        return None
    tz = _zone(session.next_session_tz)
    start = datetime.fromisoformat(session.next_session).astimezone(tz)
    minutes = session.planned_minutes * (2 if session.swap else 1)
    ev = icalendar.Event()
    ev.add("uid", f"{one_line(session.id)}-next@sessionkit")
    ev.add("dtstamp", datetime.fromisoformat(session.ended_at or session.started_at))
    ev.add("dtstart", start)
    ev.add("dtend", start + timedelta(minutes=minutes))
    ev.add("summary", _names(session))
    agreed = datetime.fromisoformat(session.started_at).astimezone(tz).strftime("%Y-%m-%d")
    description = f"Agreed in the session of {agreed}."
    if session.cadence_days:
        description += f" Cadence: every {session.cadence_days} days."
    ev.add("description", one_line(description))
    ev.add("categories", ["Coaching"])
    ev.add("status", "CONFIRMED")
    return ev


def group_event(meeting: GroupMeeting) -> icalendar.Event | None:
    """The VEVENT for an intervision group's next meeting, or None if none was agreed."""
    if not meeting.next_meeting:
        return None
    tz = _zone(None)
    start = datetime.fromisoformat(meeting.next_meeting).astimezone(tz)
    ev = icalendar.Event()
    ev.add("uid", f"{one_line(meeting.id)}-next@sessionkit")
    ev.add("dtstamp", datetime.fromisoformat(meeting.ended_at or meeting.started_at))
    ev.add("dtstart", start)
    minutes = meeting.planned_minutes * max(1, len(meeting.rounds))  # as long as this one
    ev.add("dtend", start + timedelta(minutes=minutes))
    ev.add("summary", one_line("Intervision: " + ", ".join(meeting.members)))
    ev.add("description", one_line(f"Method: {meeting.method}."))
    ev.add("categories", ["Intervision"])
    ev.add("status", "CONFIRMED")
    return ev


def todos(session: Session) -> list[icalendar.Todo]:
    """A VTODO for each open, shared action of `session` that has a due day."""
    out = []
    stamp = datetime.fromisoformat(session.ended_at or session.started_at)
    for rnd in session.rounds:
        for note in rnd.notes:
            if note.kind != "action" or note.done or note.private or not note.due:
                continue
            todo = icalendar.Todo()
            todo.add("uid", f"{one_line(session.id)}-{one_line(note.id)}@sessionkit")
            todo.add("dtstamp", stamp)
            todo.add("due", date.fromisoformat(note.due))
            todo.add("summary", one_line(note.text))
            agreed = local(note.at, "%Y-%m-%d")
            todo.add("description", one_line(
                f"{rnd.client}'s action from the session of {agreed} (coach: {rnd.coach})."))
            todo.add("categories", ["Coaching"])
            todo.add("status", "NEEDS-ACTION")
            out.append(todo)
    return out


def write_ics(sessions: Iterable[Session | GroupMeeting], out: IO[str],
              events_for: set[str] | None = None) -> int:
    """Stream the calendar; returns how many events and to-dos were written. `events_for`:
    the sessions whose next date goes in (None: all); every session gives its due actions."""
    out.write(_header())
    spans: dict[str, tuple[date, date]] = {}
    count = 0
    for session in sessions:
        if isinstance(session, Session):
            for todo in todos(session):
                out.write(todo.to_ical().decode("utf-8"))
                count += 1
            if events_for is not None and session.id not in events_for:
                continue
        ev = group_event(session) if isinstance(session, GroupMeeting) else event(session)
        if ev is None:
            continue
        out.write(ev.to_ical().decode("utf-8"))
        count += 1
        start = ev.decoded("dtstart")
        key = str(start.tzinfo)
        if key != "UTC":
            low, high = spans.get(key, (start.date(), start.date()))
            spans[key] = (min(low, start.date()), max(high, start.date()))
    for key, (low, high) in sorted(spans.items()):
        tz = icalendar.Timezone.from_tzid(
            key, first_date=date(low.year, 1, 1), last_date=date(high.year + 1, 1, 1)
        )
        out.write(tz.to_ical().decode("utf-8"))
    out.write(END)
    return count
