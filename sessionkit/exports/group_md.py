"""Markdown for one intervision meeting: the case summary for a case giver, and the group's
lessons.

`case_summary`: written for the member who gave the case (every round where they did; nothing
from other rounds): the case, the key question, the questions and the advice with their authors
and the giver's ticks, the next step, the time per phase. Members keep their names (they are the
authors); anyone else on record named in a text is replaced as in the portfolio.

`lessons`: about the process only, never a case's content: the method, planned and actual
minutes, each round's process feedback, the lessons, who gave a case when, the next meeting.
Every text goes through `md_line()` (one line, no markup).
"""

from __future__ import annotations

from collections.abc import Iterable

from sessionkit.errors import SessionkitError
from sessionkit.exports.anonymise import Anonymiser
from sessionkit.exports.markdown import md_line
from sessionkit.group.model import GroupMeeting, GroupRound
from sessionkit.names import name_key
from sessionkit.timefmt import duration, local


def _minutes(seconds: float) -> str:
    return duration(seconds)


def case_summary(meeting: GroupMeeting, person: str, known: Iterable[str] = ()) -> str:
    """The case summary for `person`; SessionkitError when they gave no case in the meeting."""
    wanted = name_key(person)
    rounds = [(i, r) for i, r in enumerate(meeting.rounds, 1) if name_key(r.case_giver) == wanted]
    if not rounds:
        givers = ", ".join(dict.fromkeys(r.case_giver for r in meeting.rounds)) or "nobody yet"
        raise SessionkitError(f"{person.strip()!r} gave no case in meeting {meeting.id} "
                              f"(case givers: {givers})")
    giver = rounds[0][1].case_giver
    members = {name_key(m) for m in meeting.members}
    anon = Anonymiser(giver, [n for n in known if name_key(n) not in members])

    def text(value: str) -> str:
        return md_line(anon.text(value))

    out = [f"# Case summary for {md_line(giver)}", "",
           f"Intervision meeting of {local(meeting.started_at, '%d %b %Y')} · "
           f"method {md_line(meeting.method)} · members "
           f"{', '.join(md_line(m) for m in meeting.members)}", ""]
    for number, rnd in rounds:
        out += [f"## Round {number}: {text(rnd.case_title) or '(untitled case)'}", ""]
        if rnd.key_question:
            out += [f"**Key question:** {text(rnd.key_question)}", ""]
        out += _roles(rnd)
        out += ["### Questions", ""]
        out += [f"- {md_line(q.author)}: {text(q.text)}" for q in rnd.questions] or ["- none"]
        out += ["", "### Advice", ""]
        out += [f"- [{'x' if a.taken else ' '}] {text(a.text)} ({md_line(a.author)})"
                for a in rnd.advice] or ["- none"]
        out += ["", "### Next step", "", text(rnd.next_step) or "(none written)", ""]
        out += _phases(rnd)
    return "\n".join(out).rstrip("\n") + "\n"


def _roles(rnd: GroupRound) -> list[str]:
    return [f"Facilitator {md_line(rnd.facilitator or '-')} · time-keeper "
            f"{md_line(rnd.timekeeper or '-')} · scribe {md_line(rnd.scribe or '-')}", ""]


def _phases(rnd: GroupRound) -> list[str]:
    out = ["### Time per phase", "", "| phase | planned | actual |", "|---|---:|---:|"]
    for plan, actual in zip(rnd.phases, rnd.phase_seconds(), strict=True):
        out.append(f"| {md_line(plan.name)} | {_minutes(plan.seconds)} | {_minutes(actual)} |")
    out.append(f"| **round** | {_minutes(sum(p.seconds for p in rnd.phases))} | "
               f"{_minutes(rnd.elapsed_seconds)} |")
    return [*out, ""]


def lessons(meeting: GroupMeeting) -> str:
    """The group's lessons: the process, never a case's content."""
    planned = meeting.planned_minutes * len(meeting.rounds)
    actual = sum(r.elapsed_seconds for r in meeting.rounds) / 60
    out = [f"# Intervision lessons, {local(meeting.started_at, '%d %b %Y')}", "",
           f"- Method: {md_line(meeting.method)}",
           f"- Members: {', '.join(md_line(m) for m in meeting.members)}"
           + (f" (absent: {', '.join(md_line(m) for m in meeting.absent)})"
              if meeting.absent else ""),
           f"- Rounds: {len(meeting.rounds)} · planned {planned} min · actual {actual:.0f} min",
           "", "## Who gave a case when", ""]
    out += [f"- Round {i}: {md_line(r.case_giver)}, {local(r.started_at, '%H:%M')}, "
            f"{r.elapsed_seconds / 60:.0f} of {meeting.planned_minutes} min"
            for i, r in enumerate(meeting.rounds, 1)] or ["- no rounds"]
    out += ["", "## Process feedback", ""]
    out += [f"- Round {i}: {md_line(r.feedback)}" for i, r in enumerate(meeting.rounds, 1)
            if r.feedback] or ["- none written"]
    out += ["", "## Lessons", "", md_line(meeting.lessons) or "(none written)", ""]
    if meeting.next_meeting:
        out += ["## Next meeting", "", local(meeting.next_meeting, "%a %d %b %Y %H:%M"), ""]
    return "\n".join(out).rstrip("\n") + "\n"
