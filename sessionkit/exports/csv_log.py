"""CSV coaching log: one row per round (one coach, one client), as coach-training bodies ask.

The first columns are the log itself (date, client, coach, minutes, type paid / pro-bono / peer);
the rest help to total hours and to track practice. No notes or outcomes: a log is often shared
with an accrediting body, and those stay private. Completed sessions only: an unfinished one is
not coaching hours yet, and neither is a round under a minute (`MIN_SECONDS`): those rows are
left out and counted (the command says how many on stderr). Hours come from the tracked seconds,
not from the rounded minutes, as in the portfolio.

Every cell is plain text on one line (`sessionkit.plain`), and a cell a spreadsheet would read as
a formula (OWASP: starting with `=`, `+`, `-`, `@`, tab or carriage return, also after spaces)
gets a leading `'`, so a log opened in a spreadsheet cannot run anything.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable
from datetime import datetime
from typing import IO

from sessionkit.group.model import GroupMeeting
from sessionkit.models import Round, Session
from sessionkit.plain import one_line
from sessionkit.timefmt import epoch, to_local

COLUMNS = (
    "date", "client", "coach", "minutes", "type",
    "start_time", "timezone", "hours", "round", "rounds", "model", "status",
    "client_talk_pct", "coach_talk_pct", "scale_start", "scale_end", "session_id",
)


MIN_SECONDS = 60
"""A round shorter than this is not coaching hours (a test start, a mis-key): not logged."""


def round_seconds(rnd: Round) -> float:
    """Tracked seconds of a round; the start-to-end time if no clock ran; else 0."""
    seconds = rnd.elapsed_seconds
    if seconds <= 0 and rnd.ended_at:
        seconds = max(0.0, epoch(rnd.ended_at) - epoch(rnd.started_at))
    return seconds


def round_minutes(rnd: Round) -> int:
    """Tracked minutes of a round (rounded); the start-to-end time if no clock ran; else 0."""
    return round(round_seconds(rnd) / 60)


def _hours(seconds: float) -> str:
    return f"{seconds / 3600:.2f}"


def _zone_name(dt: datetime) -> str:
    return str(getattr(dt.tzinfo, "name", None) or dt.tzname() or "")


def _pct(value: float | None) -> str:
    return "" if value is None else str(round(100 * value))


def _blank(value: int | None) -> str:
    return "" if value is None else str(value)


FORMULA = ("=", "+", "-", "@")


def cell(value: str) -> str:
    """A value as a safe CSV cell: one line, no control characters, never a formula."""
    text = one_line(value)
    if value[:1] in ("\t", "\r") or text.lstrip()[:1] in FORMULA:
        return "'" + text
    return text


def rows(session: Session) -> Iterable[list[str]]:
    """A row per round of a minute or more."""
    for i, rnd in enumerate(session.rounds, 1):
        seconds = round_seconds(rnd)
        if seconds < MIN_SECONDS:
            continue
        start = to_local(rnd.started_at or session.started_at)
        share = rnd.talk.client_share
        yield [cell(value) for value in (
            start.strftime("%Y-%m-%d"), rnd.client, rnd.coach, str(round(seconds / 60)),
            session.session_type, start.strftime("%H:%M"), _zone_name(start),
            _hours(seconds), str(i), str(len(session.rounds)), session.model,
            session.status, _pct(share), _pct(None if share is None else 1 - share),
            _blank(rnd.scale_start), _blank(rnd.scale_end), session.id,
        )]


def group_rows(meeting: GroupMeeting) -> Iterable[list[str]]:
    """An intervision meeting in the log: a row per round, the case giver as the one
    consulted, "intervision group" as who consulted, type `intervision`."""
    for i, rnd in enumerate(meeting.rounds, 1):
        if rnd.elapsed_seconds < MIN_SECONDS:
            continue
        start = to_local(rnd.started_at or meeting.started_at)
        minutes = round(rnd.elapsed_seconds / 60)
        yield [cell(value) for value in (
            start.strftime("%Y-%m-%d"), rnd.case_giver, "intervision group", str(minutes),
            "intervision", start.strftime("%H:%M"), _zone_name(start),
            _hours(rnd.elapsed_seconds),
            str(i), str(len(meeting.rounds)), meeting.method, meeting.status, "", "", "", "",
            meeting.id,
        )]


def write_csv(sessions: Iterable[Session | GroupMeeting], out: IO[str],
              notice: Callable[[str], None] | None = None) -> int:
    """Stream the log of completed sessions (header first); returns how many were written.
    Rounds under a minute are left out; `notice` hears how many."""
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    count = short = 0
    for session in sessions:
        if session.status != "completed":
            continue
        found = list(group_rows(session) if isinstance(session, GroupMeeting)
                     else rows(session))
        short += len(session.rounds) - len(found)
        writer.writerows(found)
        count += 1 if found else 0
    if short and notice is not None:
        notice(f"left out {short} round(s) under a minute from the coaching log "
               "(not coaching hours)")
    return count
