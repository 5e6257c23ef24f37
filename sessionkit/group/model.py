"""The group meeting record: GroupMeeting -> GroupRound -> talk per member, questions, advice.

Stored in the sessions' database beside one-to-one sessions (`store/groups.py`) and exported in
the same `sessions` list with `"kind": "group"` (PRODUCT.md). `from_dict` refuses a record whole
on the first problem, naming the field: 3-8 unique non-empty members, a case giver who is a
member, questions and advice only from members, talk segments that never overlap.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sessionkit.group.parts import (
    FORMER,
    KIND,
    OVERLAP_SLACK,
    RULES,
    SILENCE,
    Contribution,
    PhasePlan,
    check_members,
)
from sessionkit.models import MAX_MINUTES, MAX_ROUNDS, MAX_SECONDS, STATUSES, Note, new_id
from sessionkit.reader import NAME_CHARS, SHORT_CHARS, Reader

__all__ = ["FORMER", "KIND", "RULES", "SILENCE", "Contribution", "GroupMeeting", "GroupRound",
           "PhasePlan", "check_members", "is_group"]

@dataclass
class GroupRound:
    """One case: its giver, the roles, the phases, talk per member, questions and advice."""

    case_giver: str
    started_at: str
    facilitator: str = ""
    timekeeper: str = ""
    scribe: str = ""
    consultants: list[str] = field(default_factory=list)
    case_title: str = ""
    key_question: str = ""
    ended_at: str | None = None
    phases: list[PhasePlan] = field(default_factory=list)
    phase: int = 0
    phase_started: list[float] = field(default_factory=list)
    elapsed_seconds: float = 0.0
    segments: list[tuple[str, float, float]] = field(default_factory=list)
    """Who spoke (a member or "silence"), from which round second, for how long; in order."""
    questions: list[Contribution] = field(default_factory=list)
    advice: list[Contribution] = field(default_factory=list)
    next_step: str = ""
    notes: list[Note] = field(default_factory=list)
    feedback: str = ""
    """Process feedback: how the round went (not about the case)."""

    def per_member_seconds(self) -> dict[str, float]:
        out: dict[str, float] = {}
        for who, _, seconds in self.segments:
            if who != SILENCE:
                out[who] = out.get(who, 0.0) + seconds
        return out

    def phase_seconds(self) -> list[float]:
        """Actual seconds spent in each phase reached (0 for phases never reached)."""
        starts = self.phase_started[: len(self.phases)]
        out = [0.0] * len(self.phases)
        order = sorted((s, i) for i, s in enumerate(starts) if i <= self.phase or s > 0)
        for k, (start, i) in enumerate(order):
            end = order[k + 1][0] if k + 1 < len(order) else self.elapsed_seconds
            out[i] += max(0.0, end - start)
        return out

    def to_dict(self) -> dict[str, Any]:
        # totals from the stored (rounded) timeline, so a record read back gives the same dict
        stored = GroupRound("", "", segments=[(w, round(a, 1), round(s, 1))
                                              for w, a, s in self.segments])
        return {
            "case_giver": self.case_giver, "facilitator": self.facilitator,
            "timekeeper": self.timekeeper, "scribe": self.scribe,
            "consultants": list(self.consultants), "case_title": self.case_title,
            "key_question": self.key_question, "started_at": self.started_at,
            "ended_at": self.ended_at, "phases": [p.to_dict() for p in self.phases],
            "phase": self.phase, "phase_started": [round(p, 1) for p in self.phase_started],
            "elapsed_seconds": round(self.elapsed_seconds, 1),
            "talk": {
                "per_member_seconds": {
                    k: round(v, 1) for k, v in stored.per_member_seconds().items()},
                "silence_seconds": round(sum(s for w, _, s in stored.segments if w == SILENCE), 1),
                "segments": [{"who": w, "start": a, "seconds": s} for w, a, s in stored.segments],
            },
            "questions": [q.to_dict() for q in self.questions],
            "advice": [a.to_dict(advice=True) for a in self.advice],
            "next_step": self.next_step, "notes": [n.to_dict() for n in self.notes],
            "feedback": self.feedback,
        }

    @classmethod
    def from_dict(cls, data: Any, members: list[str], where: str = "round") -> GroupRound:
        r = Reader(data, where)
        known = set(members) | {FORMER}

        def member(key: str, value: str, required: bool = False) -> str:
            if (value or required) and value not in known:
                raise ValueError(f"{where}.{key}: {value!r} is not a member")
            return value

        talk = Reader(r.mapping("talk"), f"{where}.talk")
        segments: list[tuple[str, float, float]] = []
        for i, seg in enumerate(talk.seq("segments")):
            s = Reader(seg, f"{where}.talk.segments[{i}]")
            who = s.text("who", required=True, limit=NAME_CHARS)
            if who != SILENCE:
                member(f"talk.segments[{i}].who", who, True)
            start, seconds = s.num("start", high=MAX_SECONDS), s.num("seconds", high=MAX_SECONDS)
            if segments and start < segments[-1][1] + segments[-1][2] - OVERLAP_SLACK:
                raise ValueError(f"{where}.talk.segments[{i}]: overlaps the segment before it")
            segments.append((who, start, seconds))
        contributions = {}
        for key in ("questions", "advice"):
            items = [Contribution.from_dict(x, f"{where}.{key}[{i}]")
                     for i, x in enumerate(r.seq(key))]
            for i, item in enumerate(items):
                member(f"{key}[{i}].from", item.author, True)
            contributions[key] = items
        consultants = r.texts("consultants", limit=NAME_CHARS)
        for i, name in enumerate(consultants):
            member(f"consultants[{i}]", name, True)
        phases = [PhasePlan.from_dict(p, f"{where}.phases[{i}]")
                  for i, p in enumerate(r.seq("phases"))]
        return cls(
            case_giver=member("case_giver", r.text("case_giver", "", limit=NAME_CHARS), True),
            facilitator=member("facilitator", r.text("facilitator", "", limit=NAME_CHARS)),
            timekeeper=member("timekeeper", r.text("timekeeper", "", limit=NAME_CHARS)),
            scribe=member("scribe", r.text("scribe", "", limit=NAME_CHARS)),
            consultants=consultants,
            case_title=r.text("case_title", ""), key_question=r.text("key_question", ""),
            started_at=r.time("started_at", required=True) or "", ended_at=r.time("ended_at"),
            phases=phases, phase=r.whole("phase", 0, high=max(0, len(phases) - 1)),
            phase_started=r.nums("phase_started", high=MAX_SECONDS, limit=50),
            elapsed_seconds=r.num("elapsed_seconds", high=MAX_SECONDS), segments=segments,
            questions=contributions["questions"], advice=contributions["advice"],
            next_step=r.text("next_step", ""),
            notes=[Note.from_dict(n, f"{where}.notes[{i}]") for i, n in enumerate(r.seq("notes"))],
            feedback=r.text("feedback", ""),
        )


@dataclass
class GroupMeeting:
    """A meeting of an intervision group: members, a method, the case queue, rounds, lessons."""

    members: list[str]
    started_at: str
    method: str = "resource"
    planned_minutes: int = 50
    """Minutes per round (the method's phases share them)."""
    absent: list[str] = field(default_factory=list)
    cases: dict[str, str] = field(default_factory=dict)
    """The case queue: member -> their one-line case for this meeting."""
    rounds: list[GroupRound] = field(default_factory=list)
    status: str = "unfinished"
    ended_at: str | None = None
    lessons: str = ""
    next_meeting: str | None = None
    id: str = field(default_factory=new_id)

    @property
    def present(self) -> list[str]:
        return [m for m in self.members if m not in self.absent]

    def to_dict(self) -> dict[str, Any]:
        from sessionkit.models import SCHEMA

        return {
            "schema": SCHEMA, "kind": KIND, "id": self.id, "started_at": self.started_at,
            "ended_at": self.ended_at, "status": self.status, "method": self.method,
            "planned_minutes": self.planned_minutes, "members": list(self.members),
            "absent": list(self.absent), "cases": dict(self.cases),
            "rounds": [r.to_dict() for r in self.rounds], "lessons": self.lessons,
            "next_meeting": self.next_meeting,
        }

    @classmethod
    def from_dict(cls, data: Any, where: str = "meeting") -> GroupMeeting:
        r = Reader(data, where)
        if r.text("kind", "") != KIND:
            raise ValueError(f"{where}.kind: expected {KIND!r}")
        try:
            members = check_members(r.texts("members", limit=NAME_CHARS))
        except ValueError as err:
            raise ValueError(f"{where}.members: {err}") from None
        absent = r.texts("absent", limit=NAME_CHARS)
        cases = r.mapping("cases")
        for name in [*absent, *cases]:
            if name not in members:
                raise ValueError(f"{where}: {name!r} is not a member")
        if not all(isinstance(v, str) and len(v) <= SHORT_CHARS for v in cases.values()):
            raise ValueError(f"{where}.cases: expected one short text per member")
        return cls(
            id=r.ident("id"), members=members, absent=absent, cases=cases,
            started_at=r.time("started_at", required=True) or "", ended_at=r.time("ended_at"),
            status=r.choice("status", STATUSES, "unfinished"),
            method=r.text("method", "resource", limit=SHORT_CHARS),
            planned_minutes=r.whole("planned_minutes", 50, low=1, high=MAX_MINUTES),
            rounds=[GroupRound.from_dict(x, members, f"{where}.rounds[{i}]")
                    for i, x in enumerate(r.seq("rounds", limit=MAX_ROUNDS))],
            lessons=r.text("lessons", ""), next_meeting=r.time("next_meeting"),
        )


def is_group(doc: Any) -> bool:
    return isinstance(doc, dict) and doc.get("kind") == KIND
