"""What the guidance engine reads (`Moment`) and what it returns (`Nudge`, `Suggestion`)."""

from __future__ import annotations

from dataclasses import dataclass, field

from sessionkit.config.catalog import CoachingModel, Phase
from sessionkit.talk.tracker import TalkSnapshot
from sessionkit.timefmt import duration, time_left


@dataclass(frozen=True)
class Nudge:
    """A short label from PRODUCT.md ("Monologue", "Over time", ...) and why it is shown."""

    label: str
    why: str


@dataclass(frozen=True)
class Suggestion:
    """A question or reframe to offer now, with the reason it is offered."""

    id: str
    text: str
    kind: str  # "question" or "reframe"
    reason: str


@dataclass(frozen=True)
class Moment:
    """What the guide sees: the model and phase, the clock, the talk, the words so far.

    All times are round seconds (pause excluded). `last_notes` is oldest first, so the latest
    note is `last_notes[-1]`. `shown` are ids shown elsewhere (e.g. before a resume), `used`
    the ids the coach marked used this round: neither is offered again while others fit.
    """

    model: CoachingModel
    phase: int
    elapsed: float
    planned: float  # seconds
    phase_elapsed: float
    talk: TalkSnapshot
    outcome: str = ""
    last_notes: tuple[str, ...] = ()
    shown: frozenset[str] = field(default_factory=frozenset)
    used: frozenset[str] = field(default_factory=frozenset)

    @property
    def remaining(self) -> float:
        return self.planned - self.elapsed

    @property
    def left(self) -> int:
        """Whole seconds left (negative: over time): `timefmt.time_left`, as the clock shows."""
        return time_left(self.elapsed, self.planned)

    @property
    def at_or_past(self) -> frozenset[str]:
        """The purposes of this phase and the ones before it: "commitment" here means the
        round is already in (or past) its actions phase."""
        return frozenset(p for ph in self.model.phases[: self.phase + 1] for p in ph.purposes)

    @property
    def current(self) -> Phase:
        return self.model.phases[self.phase]

    @property
    def next_phase(self) -> Phase | None:
        nxt = self.phase + 1
        return self.model.phases[nxt] if nxt < len(self.model.phases) else None

    @property
    def phase_budget(self) -> float:
        """Seconds of the planned time this phase was given."""
        return self.current.share * self.planned

    @property
    def phase_over(self) -> float:
        """Seconds the current phase has run past its budget (0 while within it)."""
        return max(0.0, self.phase_elapsed - self.phase_budget)


def clock_text(seconds: float) -> str:
    """`m:ss` for a duration (negative shown as its size): the one formatter, `timefmt.duration`."""
    return duration(abs(seconds))
