"""What the live round shows at one moment (frozen; computed by `LiveGroup.snapshot`)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from sessionkit.group.model import GroupMeeting, GroupRound

if TYPE_CHECKING:
    from sessionkit.group.talk import GroupTalk


@dataclass(frozen=True)
class Cue:
    """A time-keeper cue or a speaking-rule nudge: a short label and why it shows."""

    label: str
    why: str


@dataclass(frozen=True)
class GroupSnapshot:
    round_no: int
    method: str
    rnd: GroupRound
    members: tuple[str, ...]
    speaker: str
    paused: bool
    elapsed: float
    planned: float
    phase: int
    phase_count: int
    phase_name: str
    rule: str
    rule_text: str
    phase_budget: float
    phase_elapsed: float
    talk: tuple[float, ...]
    """Seconds each member spoke this round (order of `members`)."""
    phase_talk: tuple[float, ...]
    """Seconds each member spoke in the current phase."""
    cues: tuple[Cue, ...]

    @property
    def phase_left(self) -> float:
        return self.phase_budget - self.phase_elapsed


def take(meeting: GroupMeeting, rnd: GroupRound, method: str, tracker: GroupTalk
         ) -> GroupSnapshot:
    """The running round at this moment, its cues and nudges computed (nothing is stored)."""
    from sessionkit.group.cues import cues
    from sessionkit.group.methods import RULE_TEXT

    elapsed = tracker.elapsed()
    plan = rnd.phases[rnd.phase]
    started = rnd.phase_started[rnd.phase] if rnd.phase < len(rnd.phase_started) else 0.0
    in_phase = tracker.seconds_since(started)
    talk: dict[str, float] = {}
    for who, _, seconds in tracker.segments():
        talk[who] = talk.get(who, 0.0) + seconds
    snap = GroupSnapshot(
        round_no=len(meeting.rounds), method=method, rnd=rnd, members=tuple(meeting.members),
        speaker=tracker.speaker, paused=tracker.paused, elapsed=elapsed,
        planned=meeting.planned_minutes * 60.0, phase=rnd.phase, phase_count=len(rnd.phases),
        phase_name=plan.name, rule=plan.rule, rule_text=RULE_TEXT[plan.rule],
        phase_budget=plan.seconds, phase_elapsed=elapsed - started,
        talk=tuple(talk.get(m, 0.0) for m in meeting.members),
        phase_talk=tuple(in_phase.get(m, 0.0) for m in meeting.members), cues=(),
    )
    return replace(snap, cues=tuple(cues(snap)))
