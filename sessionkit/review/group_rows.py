"""Group meetings for the review: the list filtered by member, one meeting's rounds and
outputs, and a member's own view (the cases they gave and the advice they took). Pure: meetings
in, plain lines out; the screen only shows them."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sessionkit.group.model import GroupMeeting
from sessionkit.names import name_key
from sessionkit.review.summary import GROUP, Summary
from sessionkit.timefmt import epoch, local


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
    wanted = name_key(member or "")
    out = [MeetingRow(m.id, m.started_at, m.method, ", ".join(m.members), len(m.rounds),
                      m.status)
           for m in meetings if not wanted or any(wanted in name_key(n) for n in m.members)]
    return sorted(out, key=lambda r: r.started_at, reverse=True)


def outline(meeting: GroupMeeting, member: str | None = None) -> list[str]:
    """The meeting's rounds and outputs; with `member`, their view first."""
    lines = [f"{local(meeting.started_at)} · {meeting.method} · {meeting.status} · "
             f"{', '.join(meeting.members)}"]
    wanted = name_key(member or "")
    mine = [r for r in meeting.rounds if wanted and wanted in name_key(r.case_giver)]
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


def summarize_group(meeting: GroupMeeting) -> Summary:
    """The review's one-line summary of a meeting (in the main history beside the sessions):
    filterable by any member, searchable in its cases, questions, advice, next steps, process
    feedback and lessons (private notes only in a coach's own view, as for sessions)."""
    texts = [meeting.lessons]
    private: list[str] = []
    for rnd in meeting.rounds:
        texts += [rnd.case_title, rnd.key_question, rnd.next_step, rnd.feedback]
        texts += [c.text for c in (*rnd.questions, *rnd.advice)]
        for note in rnd.notes:
            (private if note.private else texts).append(note.text)
    titles = [r.case_title for r in meeting.rounds if r.case_title]
    return Summary(
        id=meeting.id, started_at=meeting.started_at, ts=epoch(meeting.started_at),
        status=meeting.status, model=meeting.method, session_type=GROUP, coach="", client="",
        outcome="; ".join(titles), people=frozenset(name_key(m) for m in meeting.members),
        rounds=len(meeting.rounds),
        minutes=sum(r.elapsed_seconds for r in meeting.rounds) / 60, client_share=None,
        scale_start=None, scale_end=None, next_session=None, next_session_tz=None,
        cadence_days=None, programme_total=None, actions=(),
        haystack="\n".join(t for t in texts if t).casefold(),
        private_text="\n".join(private).casefold(), members=tuple(meeting.members),
    )
