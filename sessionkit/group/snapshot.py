"""What the live round shows at one moment (frozen; computed by `LiveGroup.snapshot`)."""

from __future__ import annotations

from dataclasses import dataclass

from sessionkit.group.model import GroupRound


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
