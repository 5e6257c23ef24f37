"""Group meetings for the review: the list filtered by member, one meeting's rounds and
outputs, and a member's own view (the cases they gave and the advice they took). Pure: meetings
in, plain lines out; the screen only shows them."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sessionkit.group.model import GroupMeeting
from sessionkit.timefmt import local


@dataclass(frozen=True)
class MeetingRow:
    id: str
    started_at: str
    method: str
    members: str
    rounds: int
    status: str


def rows(meetings: Iterable[GroupMeeting], member: str | None = None) -> list[MeetingRow]:
    """Newest first; with `member` (any case, part of a name) only their groups' meetings."""
    wanted = (member or "").strip().casefold()
    out = [MeetingRow(m.id, m.started_at, m.method, ", ".join(m.members), len(m.rounds),
                      m.status)
           for m in meetings if not wanted or any(wanted in n.casefold() for n in m.members)]
    return sorted(out, key=lambda r: r.started_at, reverse=True)


def outline(meeting: GroupMeeting, member: str | None = None) -> list[str]:
    """The meeting's rounds and outputs; with `member`, their view first."""
    lines = [f"{local(meeting.started_at)} · {meeting.method} · {meeting.status} · "
             f"{', '.join(meeting.members)}"]
    wanted = (member or "").strip().casefold()
    mine = [r for r in meeting.rounds if wanted and wanted in r.case_giver.casefold()]
    if mine:
        lines.append(f"{mine[0].case_giver}'s cases:")
        for rnd in mine:
            taken = [f"{a.text} ({a.author})" for a in rnd.advice if a.taken]
            lines.append(f"  {rnd.case_title} · took: {'; '.join(taken) or 'none'} · "
                         f"next step: {rnd.next_step or '-'}")
    for i, rnd in enumerate(meeting.rounds, 1):
        ticked = sum(a.taken for a in rnd.advice)
        lines.append(f"Round {i}: {rnd.case_giver} · {rnd.case_title} · "
                     f"{len(rnd.questions)} questions · {len(rnd.advice)} advice, {ticked} taken · "
                     f"{rnd.elapsed_seconds / 60:.0f} min")
        if rnd.next_step:
            lines.append(f"  next step: {rnd.next_step}")
        if rnd.feedback:
            lines.append(f"  process: {rnd.feedback}")
    if meeting.lessons:
        lines.append(f"Lessons: {meeting.lessons}")
    if meeting.next_meeting:
        lines.append(f"Next meeting: {local(meeting.next_meeting, '%a %d %b %Y %H:%M')}")
    return lines
