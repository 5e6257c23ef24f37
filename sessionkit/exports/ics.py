"""ICS calendar of the scheduled next sessions, written with `icalendar` and streamed.

`sessionkit export --format ics` passes every session; the calendar holds each pair's agreed
sessions still to come: the union of what its sessions agreed (`sessionkit.schedule`), less
those already held. Each gives one VEVENT in the time zone the pair chose (a VTIMEZONE per zone,
covering the years used, comes after the events: RFC 5545 puts no order on components). UIDs are
stable per agreed session (`<session id>-next…@sessionkit`, kept when the time is moved, with a
higher SEQUENCE), so importing a newer export moves the event; a cancelled one is written with
STATUS:CANCELLED so calendar apps take it off.
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
from sessionkit.names import name_key
from sessionkit.plain import one_line
from sessionkit.schedule import CANCELLED, UPCOMING, Slot, pair_slots
from sessionkit.timefmt import epoch, local, local_zone

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


def event(session: Session, slot: Slot | None = None) -> icalendar.Event | None:
    """The VEVENT for an agreed session (`slot`, agreed in `session`; by default its first
    agreed time), or None if none was agreed."""
    if slot is None:
        first = session.next_sessions()
        if not first:
            return None
        a = first[0]
        slot = Slot(a.at, a.tz, a.uid, session.id, UPCOMING, a.sequence)
    tz = _zone(slot.tz)
    start = datetime.fromisoformat(slot.at).astimezone(tz)
    minutes = session.planned_minutes * (2 if session.swap else 1)
    ev = icalendar.Event()
    ev.add("uid", f"{one_line(slot.uid)}@sessionkit")
    if slot.sequence:
        ev.add("sequence", slot.sequence)
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
    ev.add("status", "CANCELLED" if slot.state == CANCELLED else "CONFIRMED")
    return ev


def pair_events(sessions: list[Session]) -> list[icalendar.Event]:
    """A pair's events: each agreed session not yet held (and each cancelled one after the
    pair's last session, so a calendar drops it), oldest first."""
    by_id = {s.id: s for s in sessions}
    slots = pair_slots(((s.id, epoch(s.started_at), s.schedule()) for s in sessions),
                       float("-inf"))
    last = max(epoch(s.started_at) for s in sessions)
    out = []
    for slot in slots:
        if slot.state == UPCOMING or slot.state == CANCELLED and epoch(slot.at) > last:
            ev = event(by_id[slot.session_id], slot)
            if ev is not None:
                out.append(ev)
    return out


def _pair(session: Session) -> frozenset[str]:
    first = session.rounds[0] if session.rounds else None
    return frozenset((name_key(first.coach), name_key(first.client)) if first else ())


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


def write_ics(sessions: Iterable[Session | GroupMeeting], out: IO[str]) -> int:
    """Write the calendar; returns how many events and to-dos were written. Every session
    gives its due actions; each pair its agreed sessions still ahead (`pair_events`: a pair's
    sessions are read together, so the events come after the to-dos)."""
    out.write(_header())
    spans: dict[str, tuple[date, date]] = {}
    count = 0
    pairs: dict[frozenset[str], list[Session]] = {}
    meetings: list[icalendar.Event] = []
    for session in sessions:
        if isinstance(session, GroupMeeting):
            meeting = group_event(session)
            meetings.extend([meeting] if meeting is not None else [])
            continue
        for todo in todos(session):
            out.write(todo.to_ical().decode("utf-8"))
            count += 1
        pairs.setdefault(_pair(session), []).append(session)
    for ev in [ev for items in pairs.values() for ev in pair_events(items)] + meetings:
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
